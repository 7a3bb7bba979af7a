#!/usr/bin/env python3
"""Writes data/2018/fec/422917534FEC20181231.txt: the accounts of fiscal year 2018.

A plausible, deterministic year of the CHANTIER école network that follows the 2018
budget of data/2018/report.yaml: opening entries (journal AN, classes 1 to 5),
monthly salaries, suppliers through 401, subsidies through 441, memberships through
411, quarterly reversements to the regional associations (657100, one auxiliary
account per region, as the 2019 test fixture), actions of the actors (657200),
the bank, depreciation at closing (6811/28), the assignment of the 2017 result after
the June assembly, a use and a report of fonds dédiés (789/689), and a little of the
contributions volontaires en nature (86/87).

Every entry balances; the year's result is a small surplus, RESULT below, to the
cent (the FSE balance accrued at closing is what makes it so).

The file is a FEC as the law describes it (article A47 A-1 of the Livre des
procédures fiscales): 18 tab-separated columns, dates YYYYMMDD, amounts with a
decimal comma, UTF-8. The SIREN is made up (it passes the Luhn check).

Run from anywhere: python3 scripts/make-year-2018.py [output folder]
"""
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIREN = "422917534"
YEAR = 2018
RESULT = 428617  # the excédent of 2018 in cents: 4 286,17 €
HEADER = ("JournalCode JournalLib EcritureNum EcritureDate CompteNum CompteLib CompAuxNum "
          "CompAuxLib PieceRef PieceDate EcritureLib Debit Credit EcritureLet DateLet "
          "ValidDate Montantdevise Idevise").split()

JOURNALS = {
    "AN": "À-nouveaux", "AC": "Achats", "VT": "Ventes", "BQ": "Banque Crédit coopératif",
    "SA": "Salaires", "OD": "Opérations diverses",
}

ACCOUNTS = {
    "102000": "Fonds associatifs sans droit de reprise",
    "110000": "Report à nouveau (solde créditeur)",
    "120000": "Résultat de l’exercice (excédent)",
    "164000": "Emprunts auprès des établissements de crédit",
    "194000": "Fonds dédiés sur subventions de fonctionnement",
    "218300": "Matériel de bureau et matériel informatique",
    "218400": "Mobilier",
    "275000": "Dépôts et cautionnements versés",
    "281830": "Amortissements du matériel de bureau et informatique",
    "281840": "Amortissements du mobilier",
    "401000": "Fournisseurs",
    "404000": "Fournisseurs d’immobilisations",
    "411000": "Clients",
    "421000": "Personnel - rémunérations dues",
    "431000": "Sécurité sociale",
    "437000": "Autres organismes sociaux",
    "441000": "État et autres collectivités - subventions à recevoir",
    "447000": "Autres impôts, taxes et versements assimilés",
    "486000": "Charges constatées d’avance",
    "512000": "Banque Crédit coopératif",
    "530000": "Caisse",
    "606100": "Fournitures non stockables (eau, énergie)",
    "606400": "Fournitures administratives",
    "606800": "Autres matières et fournitures",
    "613200": "Locations immobilières",
    "615600": "Maintenance",
    "616000": "Primes d’assurance",
    "622600": "Honoraires",
    "622800": "Divers honoraires",
    "623100": "Annonces et insertions",
    "625100": "Voyages et déplacements",
    "625700": "Réceptions",
    "626000": "Frais postaux et de télécommunications",
    "631100": "Taxe sur les salaires",
    "633300": "Participation à la formation professionnelle continue",
    "641100": "Salaires, appointements",
    "645100": "Cotisations à l’URSSAF",
    "645300": "Cotisations aux caisses de retraite",
    "651000": "Redevances pour concessions, brevets, licences",
    "657100": "Reversements aux associations régionales",
    "657200": "Actions des acteurs de chantiers et de la formation",
    "658100": "Cotisations",
    "661100": "Intérêts des emprunts",
    "671200": "Pénalités, amendes fiscales et pénales",
    "681100": "Dotations aux amortissements des immobilisations",
    "689400": "Engagements à réaliser sur subventions attribuées",
    "706000": "Prestations de services",
    "741000": "Subventions d’exploitation de l’État",
    "742000": "Fonds social européen",
    "743000": "Subventions des Régions",
    "746000": "Dons des fondations et partenaires privés",
    "756000": "Cotisations",
    "758000": "Produits divers de gestion courante",
    "768000": "Autres produits financiers",
    "771800": "Autres produits exceptionnels sur opérations de gestion",
    "789400": "Report des ressources non utilisées des exercices antérieurs",
    "791000": "Transferts de charges d’exploitation",
    "861000": "Mise à disposition gratuite de biens",
    "864000": "Personnel bénévole",
    "870000": "Bénévolat",
    "871000": "Prestations en nature",
}

REGIONS = [
    ("ARA", "Chantier école Auvergne-Rhône-Alpes"),
    ("BFC", "Chantier école Bourgogne-Franche-Comté"),
    ("BRE", "Chantier école Bretagne"),
    ("GES", "Chantier école Grand Est"),
    ("HDF", "Chantier école Hauts-de-France"),
    ("IDF", "Chantier école Île-de-France"),
    ("NAQ", "Chantier école Nouvelle-Aquitaine"),
    ("NOR", "Chantier école Normandie"),
    ("OCC", "Chantier école Occitanie"),
    ("PAC", "Chantier école Provence-Alpes-Côte d’Azur"),
    ("PDL", "Chantier école Pays de la Loire"),
]
ACTORS = [
    ("ACT01", "Association Les Jardins du Rhône"),
    ("ACT02", "Régie de quartier Saint-Étienne"),
    ("ACT03", "Atelier chantier d’insertion Bois & Bâti"),
    ("ACT04", "Compagnons du patrimoine"),
    ("ACT05", "Chantier d’insertion La Recyclerie"),
]
SUPPLIERS = {
    "office": ("F0001", "Bureau Fournitures SARL"), "energy": ("F0002", "EDF Collectivités"),
    "rent": ("F0003", "SCI Les Tanneurs"), "audit": ("F0004", "Cabinet Expertise & Audit"),
    "travel": ("F0005", "SNCF Voyageurs"), "phone": ("F0006", "Orange Business"),
    "catering": ("F0007", "Traiteur du Vieux-Lyon"), "print": ("F0008", "Imprimerie Delta"),
    "insurance": ("F0009", "Mutuelle d’assurance des associations"),
    "it": ("F0010", "Infogérance Rhône Services"),
}
CLIENTS = [("C0001", "OPCO Uniformation"), ("C0002", "AFPA"), ("C0003", "Pôle emploi")]
DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def amount(cents):
    assert cents >= 0
    return "%d,%02d" % (cents // 100, cents % 100)


def day(month, number):
    return "%d%02d%02d" % (YEAR, month, min(number, DAYS[month - 1]))


class Ledger:
    """The entries of the year; each balances, numbered per journal."""

    def __init__(self):
        self.rows = []
        self.numbers = {}
        self.letters = {}

    def letter(self, account):
        """The next lettering code of an account: AA, AB, …"""
        count = self.letters.get(account, 0)
        self.letters[account] = count + 1
        return chr(65 + count // 26 % 26) + chr(65 + count % 26)

    def entry(self, journal, date, piece, label, lines):
        """lines: (account, aux, aux label, debit, credit[, lettering, lettering date])."""
        debit = sum(line[3] for line in lines)
        credit = sum(line[4] for line in lines)
        assert debit == credit, (journal, piece, debit, credit)
        number = self.numbers.get(journal, 0) + 1
        self.numbers[journal] = number
        for line in lines:
            account, aux, aux_label, d, c = line[:5]
            lettering, lettered = (line[5], line[6]) if len(line) > 5 else ("", "")
            self.rows.append([
                journal, JOURNALS[journal], "%s%05d" % (journal, number), date, account,
                ACCOUNTS[account], aux, aux_label, piece, date, label, amount(d), amount(c),
                lettering, lettered, date, "", ""])

    def totals(self):
        sums = {}
        for row in self.rows:
            d, c = (int(x.replace(",", "")) for x in (row[11], row[12]))
            old = sums.get(row[4], (0, 0))
            sums[row[4]] = (old[0] + d, old[1] + c)
        return sums

    def result(self):
        return sum(c - d for account, (d, c) in self.totals().items() if account[0] in "67")

    def text(self):
        return "".join("\t".join(row) + "\n" for row in [HEADER] + self.rows)


def year_2018():
    rng = random.Random(YEAR)
    ledger = Ledger()

    def cents(mean, spread=0.2):
        return int(round(mean * 100 * (1 + rng.uniform(-spread, spread))))

    # À-nouveaux: the balance sheet at 31 December 2017, classes 1 to 5.
    opening_suppliers = [("rent", 550000), ("audit", 938050), ("travel", 860000)]
    opening_clients = [(CLIENTS[0], 2400000), (CLIENTS[1], 1725000)]
    lines = [
        ("102000", "", "", 0, 18000000), ("110000", "", "", 0, 21200000),
        ("120000", "", "", 0, 641235), ("164000", "", "", 0, 4800000),
        ("194000", "", "", 0, 2500000), ("218300", "", "", 6480000, 0),
        ("218400", "", "", 2150000, 0), ("275000", "", "", 1100000, 0),
        ("281830", "", "", 0, 3170000), ("281840", "", "", 0, 860000),
    ]
    lines += [("401000", *SUPPLIERS[key], 0, value) for key, value in opening_suppliers]
    lines += [("411000", code, name, value, 0) for (code, name), value in opening_clients]
    lines += [
        ("431000", "", "", 0, 1794000), ("437000", "", "", 0, 487000),
        ("441000", "", "", 11800000, 0), ("447000", "", "", 0, 301000),
        ("486000", "", "", 290000, 0), ("530000", "", "", 41260, 0),
    ]
    bank = sum(line[4] for line in lines) - sum(line[3] for line in lines)
    assert bank > 0
    lines.append(("512000", "", "", bank, 0))
    ledger.entry("AN", day(1, 1), "AN2018", "Reprise des soldes au 31/12/2017", lines)

    # The opening debts and claims are settled in the first months.
    ledger.entry("OD", day(1, 1), "CCA2017", "Extourne des charges constatées d’avance", [
        ("616000", "", "", 290000, 0), ("486000", "", "", 0, 290000)])
    for key, value in opening_suppliers:
        code, name = SUPPLIERS[key]
        ledger.entry("BQ", day(1, 10), "REG2017" + code, "Règlement " + name, [
            ("401000", code, name, value, 0), ("512000", "", "", 0, value)])
    for (code, name), value in opening_clients:
        ledger.entry("BQ", day(2, 12), "ENC2017" + code, "Encaissement " + name, [
            ("512000", "", "", value, 0), ("411000", code, name, 0, value)])
    ledger.entry("BQ", day(1, 15), "URSSAF12", "Cotisations sociales de décembre 2017", [
        ("431000", "", "", 1794000, 0), ("437000", "", "", 487000, 0),
        ("512000", "", "", 0, 2281000)])
    ledger.entry("BQ", day(1, 15), "TS12", "Taxe sur les salaires de décembre 2017", [
        ("447000", "", "", 301000, 0), ("512000", "", "", 0, 301000)])
    ledger.entry("BQ", day(4, 20), "FSE2017", "Versement du solde FSE 2017", [
        ("512000", "", "", 11800000, 0), ("441000", "", "", 0, 11800000)])

    def purchase(month, invoiced, paid, account, supplier, value, text):
        code, name = SUPPLIERS[supplier]
        piece = "FA%02d%s%02d" % (month, code[1:], rng.randint(10, 99))
        letter = ledger.letter("401000")
        ledger.entry("AC", day(month, invoiced), piece, text, [
            (account, "", "", value, 0),
            ("401000", code, name, 0, value, letter, day(month, paid))])
        ledger.entry("BQ", day(month, paid), piece, "Règlement " + name, [
            ("401000", code, name, value, 0, letter, day(month, paid)),
            ("512000", "", "", 0, value)])

    def sale(month, invoiced, paid, account, client, value, text, journal="VT"):
        code, name = client
        piece = "%s%02d%s" % ("FC" if account == "706000" else "CO", month, code[-3:])
        letter = ledger.letter("411000")
        ledger.entry(journal, day(month, invoiced), piece, text, [
            ("411000", code, name, value, 0, letter, day(month, paid)),
            (account, "", "", 0, value)])
        ledger.entry("BQ", day(month, paid), piece, "Encaissement " + name, [
            ("512000", "", "", value, 0),
            ("411000", code, name, 0, value, letter, day(month, paid))])

    def grant(month, paid, account, value, who):
        piece = "SUB%02d%s" % (month, account[:3])
        ledger.entry("OD", day(month, 5), piece, "Notification " + who, [
            ("441000", "", "", value, 0), (account, "", "", 0, value)])
        ledger.entry("BQ", day(month, paid), piece, "Versement " + who, [
            ("512000", "", "", value, 0), ("441000", "", "", 0, value)])

    social_due = None
    tax_due = None
    for month in range(1, 13):
        # 60 Achats
        purchase(month, 5, 20, "606400", "office", cents(1400), "Fournitures de bureau")
        purchase(month, 8, 25, "606100", "energy", cents(1050), "Électricité")
        if month % 2 == 0:
            purchase(month, 12, 28, "606800", "print", cents(2000), "Matériel pédagogique")
        # 61 Services extérieurs
        purchase(month, 1, 3, "613200", "rent", 550000, "Loyer du siège")
        purchase(month, 15, 30, "615600", "it", cents(1200), "Maintenance informatique")
        if month in (1, 4, 7, 10):
            purchase(month, 10, 20, "616000", "insurance", cents(2900, 0.05),
                     "Assurance multirisque")
        # 62 Autres services extérieurs
        purchase(month, 18, 28, "622600", "audit", cents(6000), "Honoraires expert-comptable")
        purchase(month, 21, 28, "625100", "travel", cents(7200), "Déplacements des animateurs")
        purchase(month, 23, 30, "625700", "catering", cents(1500),
                 "Réunion du conseil d’administration")
        purchase(month, 25, 31, "626000", "phone", cents(1050), "Téléphone et internet")
        if month in (3, 6, 9, 11):
            purchase(month, 11, 26, "623100", "print", cents(1700), "Annonces")
        if month == 6:
            purchase(month, 16, 29, "625700", "catering", cents(9000, 0.02),
                     "Rencontres nationales : accueil des participants")
        if month == 10:
            purchase(month, 9, 30, "622800", "audit", 1800000,
                     "Évaluation de l’appel à projets")
        # 64 Charges de personnel, paid the same month; social charges the next one.
        if social_due:
            ledger.entry("BQ", day(month, 15), "URSSAF%02d" % (month - 1),
                         "Cotisations sociales de %02d/2018" % (month - 1), [
                             ("431000", "", "", social_due[0], 0),
                             ("437000", "", "", social_due[1], 0),
                             ("512000", "", "", 0, sum(social_due))])
            ledger.entry("BQ", day(month, 15), "TS%02d" % (month - 1),
                         "Taxe sur les salaires de %02d/2018" % (month - 1), [
                             ("447000", "", "", tax_due, 0), ("512000", "", "", 0, tax_due)])
        gross = cents(36700, 0.03)
        social = gross * 37 // 100
        pension = gross * 6 // 100
        employee = gross * 22 // 100
        net = gross - employee
        to_urssaf = social + employee * 7 // 10
        to_others = pension + employee - employee * 7 // 10
        ledger.entry("SA", day(month, 28), "PAIE%02d" % month, "Paie de %02d/2018" % month, [
            ("641100", "", "", gross, 0), ("645100", "", "", social, 0),
            ("645300", "", "", pension, 0), ("421000", "", "", 0, net),
            ("431000", "", "", 0, to_urssaf), ("437000", "", "", 0, to_others)])
        ledger.entry("BQ", day(month, 30), "PAIE%02d" % month, "Virement des salaires", [
            ("421000", "", "", net, 0), ("512000", "", "", 0, net)])
        social_due = (to_urssaf, to_others)
        tax = gross * 7 // 100
        training = gross // 100
        ledger.entry("OD", day(month, 28), "TS%02d" % month, "Taxe sur les salaires", [
            ("631100", "", "", tax, 0), ("633300", "", "", training, 0),
            ("447000", "", "", 0, tax + training)])
        tax_due = tax + training
        # 65 Autres charges de gestion courante
        value = cents(1700)
        ledger.entry("OD", day(month, 16), "CG%02d" % month, "Cotisations aux fédérations", [
            ("658100", "", "", value, 0), ("512000", "", "", 0, value)])
        if month in (2, 8):
            value = cents(900)
            ledger.entry("AC", day(month, 9), "LIC%02d" % month, "Licences logicielles", [
                ("651000", "", "", value, 0), ("512000", "", "", 0, value)])
        # 6571 Reversements aux associations régionales: quarterly, one entry per region.
        if month in (1, 4, 7, 10):
            for index, (code, name) in enumerate(REGIONS):
                value = 950000 + index * 4500
                ledger.entry("BQ", day(month, 10 + index), "REV%s%02d" % (code, month),
                             "Reversement T%d %s" % ((month + 2) // 3, code), [
                                 ("657100", code, name, value, 0),
                                 ("512000", "", "", 0, value)])
        if month == 11:
            ledger.entry("BQ", day(month, 14), "REVNOR11", "Remboursement trop-perçu NOR", [
                ("512000", "", "", 96000, 0), ("657100", "NOR", REGIONS[7][1], 0, 96000)])
        # 6572 Actions des acteurs: the projects of the call for projects.
        if month in (3, 5, 6, 9, 10, 12):
            code, name = ACTORS[month % len(ACTORS)]
            value = cents(12900, 0.1)
            ledger.entry("BQ", day(month, 19), "AAP%02d" % month,
                         "Appel à projets : soutien à " + name, [
                             ("657200", code, name, value, 0), ("512000", "", "", 0, value)])
        # 66 Charges financières and the loan's repayment.
        if month in (3, 6, 9, 12):
            interest = cents(480, 0.05)
            ledger.entry("BQ", day(month, 31), "ECH%02d" % month, "Échéance de l’emprunt", [
                ("164000", "", "", 300000, 0), ("661100", "", "", interest, 0),
                ("512000", "", "", 0, 300000 + interest)])
            value = cents(700, 0.1)
            ledger.entry("BQ", day(month, 31), "INT%02d" % month,
                         "Intérêts du compte sur livret", [
                             ("512000", "", "", value, 0), ("768000", "", "", 0, value)])
        # 706 Prestations de formation
        for index in range(2):
            client = CLIENTS[(month + index) % 3]
            sale(month, 6 + 10 * index, 26 + index, "706000", client, cents(16000),
                 "Formation " + client[1])
        # 756 Cotisations: called in the first quarter.
        if month <= 3:
            sale(month, 15, 28, "756000", ("ADH", "Adhérents du réseau"), 6150000,
                 "Appel de cotisations %d/3" % month)
        if month == 5:
            ledger.entry("OD", day(month, 6), "AVCOT05", "Annulation de cotisation", [
                ("756000", "", "", 45000, 0),
                ("411000", "ADH", "Adhérents du réseau", 0, 45000)])
            ledger.entry("BQ", day(month, 9), "AVCOT05", "Remboursement de cotisation", [
                ("411000", "ADH", "Adhérents du réseau", 45000, 0),
                ("512000", "", "", 0, 45000)])
        # 758 Produits divers: the regions' share of the shared tools.
        if month in (6, 12):
            value = cents(12500, 0.05)
            ledger.entry("BQ", day(month, 20), "PD%02d" % month,
                         "Refacturation des outils partagés", [
                             ("512000", "", "", value, 0), ("758000", "", "", 0, value)])
        # 791 Transferts de charges: training of the team paid back by the OPCO.
        if month in (5, 11):
            value = cents(15000, 0.05)
            ledger.entry("BQ", day(month, 22), "OPCO%02d" % month,
                         "Prise en charge de la formation de l’équipe", [
                             ("512000", "", "", value, 0), ("791000", "", "", 0, value)])

    # Subsidies: notified, then paid.
    grant(3, 27, "741000", 26000000, "DGEFP (1re tranche)")
    grant(9, 27, "741000", 26000000, "DGEFP (2e tranche)")
    grant(5, 29, "742000", 11800000, "FSE (avance 2018)")
    grant(4, 26, "743000", 4600000, "Régions (1re tranche)")
    grant(10, 26, "743000", 4400000, "Régions (2e tranche)")
    grant(6, 28, "746000", 5200000, "Fondation Avenir Insertion")
    grant(12, 20, "746000", 5000000, "Fondations partenaires")

    # One-offs.
    ledger.entry("OD", day(6, 29), "AG2018", "Affectation du résultat 2017 (AG du 15/06/2018)", [
        ("120000", "", "", 641235, 0), ("110000", "", "", 0, 641235)])
    code, name = SUPPLIERS["it"]
    letter = ledger.letter("404000")
    ledger.entry("AC", day(6, 12), "FA06IMMO", "Postes informatiques de l’équipe", [
        ("218300", "", "", 840000, 0), ("404000", code, name, 0, 840000, letter, day(7, 10))])
    ledger.entry("BQ", day(7, 10), "FA06IMMO", "Règlement " + name, [
        ("404000", code, name, 840000, 0, letter, day(7, 10)), ("512000", "", "", 0, 840000)])
    ledger.entry("OD", day(9, 14), "PEN09", "Majoration de retard URSSAF", [
        ("671200", "", "", 25000, 0), ("512000", "", "", 0, 25000)])
    ledger.entry("BQ", day(11, 8), "REGUL11", "Régularisation d’assurance", [
        ("512000", "", "", 40000, 0), ("771800", "", "", 0, 40000)])
    ledger.entry("OD", day(3, 2), "CAISSE03", "Timbres", [
        ("626000", "", "", 4200, 0), ("530000", "", "", 0, 4200)])

    # Closing entries of 31 December.
    ledger.entry("OD", day(12, 31), "AMORT18", "Dotations aux amortissements 2018", [
        ("681100", "", "", 1296000 + 84000 + 215000, 0),
        ("281830", "", "", 0, 1296000 + 84000), ("281840", "", "", 0, 215000)])
    ledger.entry("OD", day(12, 31), "CCA2018", "Charges constatées d’avance (assurance T1 2019)", [
        ("486000", "", "", 305000, 0), ("616000", "", "", 0, 305000)])
    ledger.entry("OD", day(12, 31), "FD2018U", "Utilisation des fonds dédiés 2017 (EMILE)", [
        ("194000", "", "", 2500000, 0), ("789400", "", "", 0, 2500000)])
    ledger.entry("OD", day(12, 31), "FD2018R",
                 "Fonds dédiés sur la subvention des fondations (démarche qualité)", [
                     ("689400", "", "", 1800000, 0), ("194000", "", "", 0, 1800000)])
    ledger.entry("OD", day(12, 31), "CVN2018", "Bénévolat des administrateurs (1 650 heures)", [
        ("864000", "", "", 3850000, 0), ("870000", "", "", 0, 3850000)])
    ledger.entry("OD", day(12, 31), "CVN2018", "Salles mises à disposition par les adhérents", [
        ("861000", "", "", 600000, 0), ("871000", "", "", 0, 600000)])
    # The FSE balance of 2018, accrued: what makes the year's result RESULT.
    balance = RESULT - ledger.result()
    assert 8000000 < balance < 16000000, balance
    ledger.entry("OD", day(12, 31), "FSE2018", "FSE 2018 : solde à recevoir", [
        ("441000", "", "", balance, 0), ("742000", "", "", 0, balance)])
    assert ledger.result() == RESULT
    totals = ledger.totals()
    assert sum(d for d, _ in totals.values()) == sum(c for _, c in totals.values())
    bank_debit, bank_credit = totals["512000"]
    assert bank_debit > bank_credit, "the bank account must end the year with money on it"
    return ledger


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data", "2018", "fec")
    os.makedirs(folder, exist_ok=True)
    ledger = year_2018()
    path = os.path.join(folder, "%sFEC%d1231.txt" % (SIREN, YEAR))
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(ledger.text())
    print("%s: %d lines, result %s" % (path, len(ledger.rows), amount(ledger.result())))


if __name__ == "__main__":
    main()
