#!/usr/bin/env python3
"""Writes a stress year file: N budget lines and 200 actions per axis.

    scripts/make-stress-data.py LINES FOLDER [--axes 3] [--year 2019]

writes FOLDER/<year>/report.yaml from the 2019 reference: the same texts, three
axes of 200 actions each, LINES budget lines split between charges and products
(generated French labels and plan comptable accounts, about 15 % of the charges
marked regional) and balanced to the cent, so that `report validate` says ok.
"""
import argparse
import pathlib
import random

root = pathlib.Path(__file__).resolve().parents[1]
parser = argparse.ArgumentParser()
parser.add_argument("lines", type=int)
parser.add_argument("folder")
parser.add_argument("--axes", type=int, default=3)
parser.add_argument("--actions", type=int, default=200, help="actions per axis")
parser.add_argument("--year", type=int, default=2019)
arguments = parser.parse_args()
random.seed(arguments.lines)

reference = (root / "data/2019/report.yaml").read_text(encoding="utf-8")
head = reference[: reference.index("axes:")]

nouns = ["Achats", "Prestations", "Locations", "Entretien", "Assurances", "Études", "Honoraires",
         "Publicité", "Déplacements", "Missions", "Réceptions", "Télécommunications", "Formation",
         "Cotisations", "Subventions", "Fournitures", "Documentation", "Animation", "Accompagnement"]
complements = ["du réseau", "des associations régionales", "des chantiers d’insertion",
               "de l’équipe d’animation", "des actions de formation", "du siège", "des adhérents",
               "des partenaires", "de la délégation générale", "des projets européens"]
statuses = ["new", "maintained", "reinforced", "postponed", "unfunded"]
leads = ["Délégation générale", "Équipe d’animation", "Pôle formation", "Chargé de mission",
         "Direction administrative", "Présidence"]

def label(index):
    return f"{random.choice(nouns)} {random.choice(complements)} ({index})"

out = [head.rstrip() + "\n", "axes:\n"]
for axis in range(arguments.axes):
    out.append(f"  - id: axe{axis + 1}\n    title: \"Axe généré {axis + 1} : {random.choice(complements)}\"\n    actions:\n")
    for action in range(arguments.actions):
        status = random.choice(statuses)
        budget = 0 if status == "unfunded" else random.randint(1, 400) * 100
        out.append(
            f"      - title: \"{label(action + 1)}\"\n"
            f"        objective: \"{random.choice(nouns)} et {random.choice(nouns).lower()} {random.choice(complements)}\"\n"
            f"        lead: \"{random.choice(leads)}\"\n        status: {status}\n        budget: {budget}\n"
            f"        schedule: \"T{random.randint(1, 4)}\"\n")

charges_count = max(1, arguments.lines // 2)
products_count = max(1, arguments.lines - charges_count)
charges = [random.randint(100, 5_000_000) for _ in range(charges_count)]
total = sum(charges)
products = [random.randint(100, 5_000_000) for _ in range(products_count)]
# Balance to the cent: scale the products, then put the rounding on the last line.
scale = total / sum(products)
products = [max(1, int(amount * scale)) for amount in products]
products[-1] += total - sum(products)
assert products[-1] > 0 and sum(products) == total

def amount(cents):
    return f"{cents // 100}.{cents % 100:02d}"

out.append("budget:\n  currency: EUR\n")
out.append(f"  total_target: {amount(total)}\n  charges:\n")
for index, cents in enumerate(charges):
    regional = ", regional: true" if random.random() < 0.15 else ""
    account = f"6{random.randint(0, 8)}{index:05d}"
    out.append(f"    - {{ account: \"{account}\", label: \"{label(index + 1)}\", amount: {amount(cents)}{regional} }}\n")
out.append("  products:\n")
for index, cents in enumerate(products):
    account = f"7{random.randint(0, 8)}{index:05d}"
    out.append(f"    - {{ account: \"{account}\", label: \"{label(index + 1)}\", amount: {amount(cents)} }}\n")

folder = pathlib.Path(arguments.folder) / str(arguments.year)
folder.mkdir(parents=True, exist_ok=True)
(folder / "report.yaml").write_text("".join(out), encoding="utf-8")
print(folder / "report.yaml")
