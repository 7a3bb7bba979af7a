#!/usr/bin/env python3
"""Writes a data folder whose 2019 assembly convenes N members, for the benchmark.

    scripts/make-members.py N FOLDER

FOLDER/2019/ is a copy of the repository's 2019 year folder (its year file, pack.yaml,
Markdown texts and pictures, which the pack and the letters print); its members.csv
lists the 12 regional associations then N - 12 member structures (invented, with
addresses of one or two street lines, 1 to 5 votes), one in four without an e-mail
address (convened by post). The same N gives the same file.
"""
import csv
import io
import pathlib
import random
import shutil
import sys

root = pathlib.Path(__file__).resolve().parent.parent
count, folder = int(sys.argv[1]), pathlib.Path(sys.argv[2])
year = folder / "2019"
folder.mkdir(parents=True, exist_ok=True)
shutil.copytree(root / "data/2019", year, dirs_exist_ok=True)
source = (root / "data/2019/members.csv").read_text(encoding="utf-8")
header, *rows = list(csv.reader(io.StringIO(source, newline=""), delimiter=";"))
# The regional associations of the shipped file.
regional = [row for row in rows if row[-1] == "Associations régionales"][:12]
random.seed(count)
kinds = ["Association", "Atelier chantier d’insertion", "Régie de quartier", "Ressourcerie",
         "Chantier école", "Entreprise d’insertion"]
names = ["Les Jardins", "Le Tremplin", "L’Envol", "Bois et Nature", "La Passerelle", "Cap Avenir",
         "Les Compagnons", "Le Relais", "Terre et Pierre", "La Fabrique"]
streets = ["rue de la République", "avenue Jean Jaurès", "chemin des Vignes", "place du Marché",
           "rue Victor Hugo", "boulevard Pasteur", "allée des Tilleuls", "route de la Forêt"]
cities = [("69003", "Lyon"), ("35200", "Rennes"), ("59000", "Lille"), ("13001", "Marseille"),
          ("31000", "Toulouse"), ("44000", "Nantes"), ("67000", "Strasbourg"), ("21000", "Dijon"),
          ("33000", "Bordeaux"), ("76000", "Rouen"), ("45000", "Orléans"), ("34000", "Montpellier")]
titles = ["Mme", "M."]
firsts = ["Claire", "Julien", "Sophie", "Karim", "Nathalie", "Yann", "Aïcha", "Thomas", "Élodie", "Marc"]
lasts = ["Martin", "Bernard", "Petit", "Durand", "Lefèvre", "Moreau", "Garnier", "Roux", "Fournier", "Girard"]
lines = [header] + regional
for number in range(1, count - len(regional) + 1):
    identifier = f"s{number:04d}"
    name = f"{random.choice(kinds)} {random.choice(names)} {number}"
    contact = f"{random.choice(titles)} {random.choice(firsts)} {random.choice(lasts)}"
    email = "" if number % 4 == 0 else f"contact@{identifier}.example"
    street = f"{random.randint(1, 120)} {random.choice(streets)}"
    address = f"Bâtiment {random.choice('ABC')}\n{street}" if number % 7 == 0 else street
    postcode, city = random.choice(cities)
    votes = random.randint(1, 5)
    lines.append([identifier, name, contact, email, address, postcode, city, str(votes),
                  "Structures adhérentes"])
text = io.StringIO(newline="")
csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(lines)
(year / "members.csv").write_text(text.getvalue(), encoding="utf-8", newline="")
