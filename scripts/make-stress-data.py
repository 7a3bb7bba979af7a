#!/usr/bin/env python3
"""Writes a stress year file: N budget lines and 200 actions per axis.

    scripts/make-stress-data.py LINES FOLDER [--axes 3] [--actions 200] [--year 2019]

writes FOLDER/<year>/report.yaml from the 2019 reference: the same organisation,
assembly and introduction texts, three axes of 200 actions each, LINES budget lines
split between charges and products (plan comptable accounts, about 15 % of the
charges marked regional) and balanced to the cent, so that `report validate` says ok.
Prints the file's path.

The texts read like the real ones and have their lengths: action titles and budget
labels of 3 to 8 words, objectives of 8 to 20 words, axis titles like "L’animation du
réseau", leads like "Délégation générale". They are put together from the word lists
below (no download), with a generator seeded by LINES: the same command writes the
same bytes.
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
rng = random.Random(arguments.lines)

reference = (root / "data/2019/report.yaml").read_text(encoding="utf-8")
head = reference[: reference.index("axes:")]
# No pictures in a stress year: its folder holds the year file alone.
head = "\n".join(line for line in head.split("\n") if not line.lstrip().startswith("logo:"))

# --- Word lists. Every entry is a grammatical French group; sentences are groups
# joined in an order that keeps them grammatical.

# Verbs that open an objective ("Former …", "Accompagner …").
verbs = ["Accompagner", "Former", "Développer", "Renforcer", "Structurer", "Consolider",
         "Diffuser", "Expérimenter", "Animer", "Soutenir", "Outiller", "Valoriser",
         "Coordonner", "Évaluer", "Préparer", "Organiser", "Mutualiser", "Faire connaître",
         "Porter", "Maintenir", "Étendre", "Sécuriser", "Professionnaliser", "Qualifier"]
# What the verb acts on.
objects = ["les encadrants techniques", "les accompagnateurs socioprofessionnels",
           "les salariés en insertion", "les associations régionales", "les permanents du réseau",
           "les administrateurs des structures adhérentes", "l’offre de formation",
           "les outils pédagogiques", "la démarche qualité", "le modèle de l’entreprise sociale apprenante",
           "les parcours de formation qualifiants", "la mobilité des salariés",
           "les contributions du réseau", "les partenariats territoriaux",
           "la lettre d’information", "les chantiers d’insertion", "les jeunes sans qualification",
           "les référentiels de compétences", "la veille juridique et législative",
           "les échanges de pratiques", "le dialogue avec les financeurs",
           "les projets européens", "les remontées des besoins", "la gestion des ressources humaines",
           "les nouvelles structures adhérentes", "le système d’information"]
# Complements added until the objective has the length drawn.
complements = ["auprès des pouvoirs publics", "dans les territoires ruraux",
               "en lien avec les partenaires de l’emploi", "à l’échelle régionale",
               "pour les structures les plus fragiles", "au sein de l’inter-réseau",
               "dans le cadre du Pacte d’ambition pour l’IAE", "avec le soutien du Fonds social européen",
               "sur l’ensemble du territoire national", "en s’appuyant sur les expériences réussies",
               "au plus près des besoins des adhérents", "tout au long de l’année",
               "dans les quartiers prioritaires de la politique de la ville",
               "en associant les salariés en parcours", "avec les organismes de formation agréés",
               "par des rencontres régionales", "grâce à une plateforme partagée",
               "en vue de la prochaine assemblée générale", "selon les priorités du plan d’actions",
               "pour l’accès à un emploi durable"]
# Action titles: a head group and its complement.
title_heads = ["Développement de", "Animation de", "Structuration de", "Accompagnement de",
               "Promotion de", "Évaluation de", "Formation de", "Coordination de",
               "Renforcement de", "Diffusion de", "Valorisation de", "Soutien à"]
title_objects = ["l’offre de formation", "la démarche qualité", "la mobilité des salariés",
                 "la communication du réseau", "l’équipe d’animation", "la vie associative",
                 "l’inter-réseau de l’insertion", "la gouvernance régionale",
                 "la fonction employeur", "la certification des parcours",
                 "l’ingénierie pédagogique", "la coopération européenne",
                 "la transition écologique des chantiers", "l’accueil des nouveaux adhérents"]
title_tails = ["", "", "", "en région", "des structures adhérentes", "du réseau national",
               "dans les territoires"]
# Leads: who runs the action.
leads = ["Délégation générale", "Équipe d’animation", "Pôle formation", "Chargé de mission",
         "Chargée de communication", "Direction administrative", "Présidence", "Inter-réseau",
         "Bureau national", "Commission formation", "Pôle développement territorial",
         "Référente qualité"]
schedules = ["T1–T4", "T1–T2", "T2–T3", "T2–T4", "T3–T4", "T1–T3", "T1", "T4", "—"]
statuses = ["new", "maintained", "reinforced", "postponed", "unfunded"]
axis_titles = ["L’animation du réseau", "La professionnalisation des acteurs", "Les moyens",
               "Le développement des territoires", "La qualité des parcours",
               "La coopération européenne", "La gouvernance associative"]
# Budget labels: a head (what is bought or received) and a complement.
charge_heads = ["Achats de fournitures", "Locations immobilières", "Entretien et réparations",
                "Primes d’assurance", "Honoraires", "Frais de déplacement", "Missions et réceptions",
                "Frais postaux et télécommunications", "Cotisations", "Charges de personnel",
                "Rémunérations des permanents", "Charges sociales", "Formation du personnel",
                "Publicité et publications", "Études et recherches", "Sous-traitance générale",
                "Reversements", "Dotations aux amortissements", "Services bancaires",
                "Documentation technique"]
product_heads = ["Prestations de formation", "Subventions de l’État", "Subventions des Régions",
                 "Fonds social européen", "Cotisations des adhérents", "Dons et mécénat",
                 "Participations des partenaires", "Ventes de publications", "Produits financiers",
                 "Transferts de charges", "Aides à l’emploi", "Subventions des départements"]
label_complements = ["du siège", "des associations régionales", "des chantiers d’insertion",
                     "de l’équipe d’animation", "des actions de formation", "des adhérents",
                     "des partenaires", "de la délégation générale", "des projets européens",
                     "du réseau national", "pour les assises nationales", "de la plateforme numérique",
                     "des rencontres régionales", "du pôle formation"]


def words(text):
    return len(text.split())


def objective():
    """8 to 20 words: a verb, what it acts on, then complements."""
    target = rng.randint(8, 20)
    while True:
        text = f"{rng.choice(verbs)} {rng.choice(objects)}"
        used = set()
        while words(text) < target:
            piece = rng.choice(complements)
            if piece in used:
                continue
            used.add(piece)
            text += " " + piece
        if words(text) <= 20:
            return text


def between(make, low, high):
    """A text from `make` with low to high words."""
    while True:
        text = make()
        if low <= words(text) <= high:
            return text


def action_title():
    return between(lambda: " ".join(part for part in (
        rng.choice(title_heads), rng.choice(title_objects), rng.choice(title_tails)) if part), 3, 8)


def label(heads):
    return between(lambda: f"{rng.choice(heads)} {rng.choice(label_complements)}"
                   if rng.random() < 0.8 else rng.choice(heads), 3, 8)


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


out = [head.rstrip() + "\n", "axes:\n"]
for axis in range(arguments.axes):
    title = axis_titles[axis % len(axis_titles)]
    if axis >= len(axis_titles):
        title += f" ({axis // len(axis_titles) + 1})"
    out.append(f"  - id: axe{axis + 1}\n    title: {quoted(title)}\n    actions:\n")
    for action in range(arguments.actions):
        status = rng.choice(statuses)
        budget = 0 if status == "unfunded" else rng.randint(1, 400) * 100
        out.append(
            f"      - title: {quoted(action_title())}\n"
            f"        objective: {quoted(objective())}\n"
            f"        lead: {quoted(rng.choice(leads))}\n        status: {status}\n        budget: {budget}\n"
            f"        schedule: {quoted('—' if status == 'unfunded' else rng.choice(schedules))}\n")

charges_count = max(1, arguments.lines // 2)
products_count = max(1, arguments.lines - charges_count)
charges = [rng.randint(100, 5_000_000) for _ in range(charges_count)]
total = sum(charges)
products = [rng.randint(100, 5_000_000) for _ in range(products_count)]
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
    regional = rng.random() < 0.15
    text = label(charge_heads)
    if regional:
        text = "Reversements " + rng.choice(["aux associations régionales", "aux acteurs des chantiers",
                                             "aux acteurs de la formation"])
    account = f"6{rng.randint(0, 8)}{index:05d}"
    flag = ", regional: true" if regional else ""
    out.append(f"    - {{ account: \"{account}\", label: {quoted(text)}, amount: {amount(cents)}{flag} }}\n")
out.append("  products:\n")
for index, cents in enumerate(products):
    account = f"7{rng.randint(0, 8)}{index:05d}"
    out.append(f"    - {{ account: \"{account}\", label: {quoted(label(product_heads))}, amount: {amount(cents)} }}\n")

folder = pathlib.Path(arguments.folder) / str(arguments.year)
folder.mkdir(parents=True, exist_ok=True)
(folder / "report.yaml").write_text("".join(out), encoding="utf-8")
print(folder / "report.yaml")
