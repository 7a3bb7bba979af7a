#!/usr/bin/env python3
"""Writes the accounting test fixtures of this folder (run it from anywhere).

fec-2019.txt is a realistic FEC for the 2019 budget of data/2019/report.yaml: a
deterministic pseudo-random year of entries, all balanced. The small fec-*.txt files
hold the same few entries in each encoding, separator and layout the reader accepts,
and the broken ones break one thing each. budget-*.csv are spreadsheet exports of the
2019 budget.
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ("JournalCode JournalLib EcritureNum EcritureDate CompteNum CompteLib CompAuxNum "
          "CompAuxLib PieceRef PieceDate EcritureLib Debit Credit EcritureLet DateLet "
          "ValidDate Montantdevise Idevise").split()


def amount(cents):
    return "%d,%02d" % (cents // 100, cents % 100)


def write(name, text, encoding="utf-8", bom=False, crlf=False):
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(data)


class Ledger:
    """Entries of a FEC, written out with balanced lines."""

    def __init__(self):
        self.lines = []
        self.numbers = {}

    def entry(self, journal, journal_label, date, piece, label, lines):
        assert sum(d for *_, d, c in lines) == sum(c for *_, d, c in lines), (piece, lines)
        number = self.numbers.get(journal, 0) + 1
        self.numbers[journal] = number
        for account, account_label, aux, aux_label, debit, credit in lines:
            self.lines.append([
                journal, journal_label, "%s%05d" % (journal, number), date, account,
                account_label, aux, aux_label, piece, date, label, amount(debit),
                amount(credit), "", "", date, "", ""])

    def text(self, separator="\t", header=HEADER):
        rows = [header] + self.lines
        return "".join(separator.join(row) + "\n" for row in rows)


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
]
SUPPLIERS = [
    ("F0001", "Bureau Fournitures SARL"), ("F0002", "EDF Collectivités"),
    ("F0003", "SCI Les Tanneurs"), ("F0004", "Cabinet Expertise & Audit"),
    ("F0005", "SNCF Voyageurs"), ("F0006", "Orange Business"),
    ("F0007", "Traiteur du Vieux-Lyon"), ("F0008", "Imprimerie Delta"),
]
CLIENTS = [("C0001", "OPCO Uniformation"), ("C0002", "AFPA"), ("C0003", "Pôle emploi")]


def year_2019():
    rng = random.Random(2019)
    ledger = Ledger()

    def cents(mean, spread=0.25):
        return int(mean * 100 * (1 + rng.uniform(-spread, spread)))

    def purchase(date, day_pay, account, label, supplier, value, text):
        code, name = supplier
        piece = "FA%s%02d" % (date[4:], rng.randint(10, 99))
        ledger.entry("AC", "Achats", date, piece, text, [
            (account, label, "", "", value, 0),
            ("401000", "Fournisseurs", code, name, 0, value)])
        ledger.entry("BQ", "Banque Crédit coopératif", day_pay, piece, "Règlement " + name, [
            ("401000", "Fournisseurs", code, name, value, 0),
            ("512000", "Banque Crédit coopératif", "", "", 0, value)])

    for month in range(1, 13):
        last = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        d = lambda day: "2019%02d%02d" % (month, min(day, last))
        # 60 Achats
        purchase(d(5), d(20), "606400", "Fournitures administratives", SUPPLIERS[0],
                 cents(1500), "Fournitures de bureau")
        purchase(d(8), d(25), "606100", "Fournitures non stockables (eau, énergie)",
                 SUPPLIERS[1], cents(1100), "Électricité")
        if month % 2 == 0:
            purchase(d(12), d(28), "606800", "Autres matières et fournitures", SUPPLIERS[7],
                     cents(2200), "Matériel pédagogique")
        # 61 Services extérieurs
        purchase(d(1), d(3), "613200", "Locations immobilières", SUPPLIERS[2], 550000,
                 "Loyer du siège")
        purchase(d(15), d(30), "615600", "Maintenance", SUPPLIERS[7], cents(1300),
                 "Maintenance informatique")
        if month in (1, 4, 7, 10):
            purchase(d(10), d(20), "616000", "Primes d’assurance", SUPPLIERS[3], cents(2800),
                     "Assurance multirisque")
        # 62 Autres services extérieurs
        purchase(d(18), d(28), "622600", "Honoraires", SUPPLIERS[3], cents(6000),
                 "Honoraires expert-comptable")
        purchase(d(21), d(28), "625100", "Voyages et déplacements", SUPPLIERS[4], cents(7000),
                 "Déplacements des animateurs")
        purchase(d(23), d(30), "625700", "Réceptions", SUPPLIERS[6], cents(1500),
                 "Réunion du conseil d’administration")
        purchase(d(25), d(31), "626000", "Frais postaux et de télécommunications",
                 SUPPLIERS[5], cents(1100), "Téléphone et internet")
        if month in (3, 6, 9, 11):
            purchase(d(11), d(26), "623100", "Annonces et insertions", SUPPLIERS[7],
                     cents(1800), "Annonces")
        # 63 Impôts et taxes, 64 Charges de personnel
        gross = cents(38000, 0.03)
        social = gross * 37 // 100
        pension = gross * 6 // 100
        employee = gross * 22 // 100
        net = gross - employee
        ledger.entry("SA", "Salaires", d(28), "PAIE%02d" % month, "Paie de %02d/2019" % month, [
            ("641100", "Salaires, appointements", "", "", gross, 0),
            ("645100", "Cotisations à l’URSSAF", "", "", social, 0),
            ("645300", "Cotisations aux caisses de retraite", "", "", pension, 0),
            ("421000", "Personnel - rémunérations dues", "", "", 0, net),
            ("431000", "Sécurité sociale", "", "", 0, social + employee * 7 // 10),
            ("437000", "Autres organismes sociaux", "", "",
             0, pension + employee - employee * 7 // 10)])
        ledger.entry("BQ", "Banque Crédit coopératif", d(30), "PAIE%02d" % month,
                     "Virement des salaires", [
                         ("421000", "Personnel - rémunérations dues", "", "", net, 0),
                         ("512000", "Banque Crédit coopératif", "", "", 0, net)])
        tax = gross * 7 // 100
        ledger.entry("OD", "Opérations diverses", d(28), "TS%02d" % month,
                     "Taxe sur les salaires", [
                         ("631100", "Taxe sur les salaires", "", "", tax, 0),
                         ("633300", "Participation à la formation continue", "", "",
                          gross // 100, 0),
                         ("447000", "Autres impôts, taxes et versements assimilés", "", "",
                          0, tax + gross // 100)])
        # 65 Autres charges de gestion courante
        value = cents(1800)
        ledger.entry("OD", "Opérations diverses", d(16), "CG%02d" % month,
                     "Cotisations aux fédérations", [
                         ("658100", "Cotisations", "", "", value, 0),
                         ("512000", "Banque Crédit coopératif", "", "", 0, value)])
        if month in (2, 8):
            value = cents(900)
            ledger.entry("AC", "Achats", d(9), "LIC%02d" % month, "Licences logicielles", [
                ("651000", "Redevances pour concessions, brevets, licences", "", "",
                 value, 0),
                ("512000", "Banque Crédit coopératif", "", "", 0, value)])
        # 6571 Reversements aux associations régionales: quarterly, one entry per region
        if month in (1, 4, 7, 10):
            for index, (code, name) in enumerate(REGIONS):
                value = 996300 + index * 1700
                ledger.entry("BQ", "Banque Crédit coopératif", d(10 + index),
                             "REV%s%02d" % (code, month),
                             "Reversement T%d %s" % ((month + 2) // 3, code), [
                                 ("657100", "Reversements aux associations régionales", code,
                                  name, value, 0),
                                 ("512000", "Banque Crédit coopératif", "", "", 0, value)])
        if month == 11:
            ledger.entry("BQ", "Banque Crédit coopératif", d(14), "REVARA11",
                         "Remboursement trop-perçu ARA", [
                             ("512000", "Banque Crédit coopératif", "", "", 125000, 0),
                             ("657100", "Reversements aux associations régionales", "ARA",
                              REGIONS[0][1], 0, 125000)])
        # 6572 Actions des acteurs
        if month in (3, 5, 6, 9, 10, 12):
            code, name = ACTORS[month % len(ACTORS)]
            value = cents(13000, 0.1)
            ledger.entry("BQ", "Banque Crédit coopératif", d(19), "ACT%02d" % month,
                         "Soutien à l’action " + code, [
                             ("657200", "Actions des acteurs de chantiers et de la formation",
                              code, name, value, 0),
                             ("512000", "Banque Crédit coopératif", "", "", 0, value)])
        # 66 Charges financières
        if month in (3, 6, 9, 12):
            value = cents(500)
            ledger.entry("BQ", "Banque Crédit coopératif", d(last), "INT%02d" % month,
                         "Intérêts de l’emprunt", [
                             ("661100", "Intérêts des emprunts", "", "", value, 0),
                             ("512000", "Banque Crédit coopératif", "", "", 0, value)])
        # 706 Prestations de formation
        for index in range(2):
            code, name = CLIENTS[(month + index) % 3]
            value = cents(17000)
            piece = "VT%02d%d" % (month, index)
            ledger.entry("VT", "Ventes", d(6 + 10 * index), piece, "Formation " + name, [
                ("411000", "Clients", code, name, value, 0),
                ("706000", "Prestations de services", "", "", 0, value)])
            ledger.entry("BQ", "Banque Crédit coopératif", d(26 + index), piece,
                         "Encaissement " + name, [
                             ("512000", "Banque Crédit coopératif", "", "", value, 0),
                             ("411000", "Clients", code, name, 0, value)])
        # 74 Subventions
        grants = {
            3: ("741000", "Subventions d’exploitation de l’État", 26000000, "DGEFP"),
            9: ("741000", "Subventions d’exploitation de l’État", 26000000, "DGEFP"),
            5: ("742000", "Fonds social européen", 12000000, "FSE"),
            11: ("742000", "Fonds social européen", 11500000, "FSE"),
            4: ("743000", "Subventions des Régions", 4800000, "Régions"),
            10: ("743000", "Subventions des Régions", 4500000, "Régions"),
            6: ("746000", "Dons des fondations et partenaires privés", 5500000, "Fondations"),
            12: ("746000", "Dons des fondations et partenaires privés", 5000000, "Fondations"),
        }
        if month in grants:
            account, label, value, who = grants[month]
            ledger.entry("OD", "Opérations diverses", d(12), "SUB%02d" % month,
                         "Notification " + who, [
                             ("441000", "État et autres collectivités - subventions", "", "",
                              value, 0),
                             (account, label, "", "", 0, value)])
            ledger.entry("BQ", "Banque Crédit coopératif", d(27), "SUB%02d" % month,
                         "Versement " + who, [
                             ("512000", "Banque Crédit coopératif", "", "", value, 0),
                             ("441000", "État et autres collectivités - subventions", "", "",
                              0, value)])
        # 756 Cotisations: called in the first quarter
        if month <= 3:
            value = 6200000
            ledger.entry("VT", "Ventes", d(15), "COT%02d" % month, "Appel de cotisations", [
                ("411000", "Clients", "ADH", "Adhérents du réseau", value, 0),
                ("756000", "Cotisations", "", "", 0, value)])
            ledger.entry("BQ", "Banque Crédit coopératif", d(28), "COT%02d" % month,
                         "Encaissement des cotisations", [
                             ("512000", "Banque Crédit coopératif", "", "", value, 0),
                             ("411000", "Clients", "ADH", "Adhérents du réseau", 0, value)])
        if month == 5:
            ledger.entry("OD", "Opérations diverses", d(6), "AVCOT", "Annulation de cotisation", [
                ("756000", "Cotisations", "", "", 45000, 0),
                ("411000", "Clients", "ADH", "Adhérents du réseau", 0, 45000)])
        if month in (6, 12):
            value = cents(14000, 0.1)
            ledger.entry("BQ", "Banque Crédit coopératif", d(20), "PRD%02d" % month,
                         "Refacturation de frais", [
                             ("512000", "Banque Crédit coopératif", "", "", value, 0),
                             ("758000", "Produits divers de gestion courante", "", "", 0, value)])
        if month in (3, 6, 9, 12):
            value = cents(750)
            ledger.entry("BQ", "Banque Crédit coopératif", d(last), "PF%02d" % month,
                         "Intérêts du livret", [
                             ("512000", "Banque Crédit coopératif", "", "", value, 0),
                             ("768000", "Autres produits financiers", "", "", 0, value)])
        if month == 7:
            ledger.entry("OD", "Opérations diverses", d(22), "PEN07", "Pénalités de retard URSSAF", [
                ("671200", "Pénalités, amendes fiscales et pénales", "", "", 35000, 0),
                ("512000", "Banque Crédit coopératif", "", "", 0, 35000)])
        if month == 9:
            ledger.entry("OD", "Opérations diverses", d(30), "EXC09", "Dégrèvement de taxe", [
                ("512000", "Banque Crédit coopératif", "", "", 120000, 0),
                ("771800", "Autres produits exceptionnels sur opérations de gestion", "", "",
                 0, 120000)])
        if month == 12:
            ledger.entry("OD", "Opérations diverses", d(31), "AMORT", "Dotations 2019", [
                ("681100", "Dotations aux amortissements des immobilisations", "", "",
                 1800000, 0),
                ("281830", "Amortissements du matériel informatique", "", "", 0, 1800000)])
            ledger.entry("OD", "Opérations diverses", d(31), "TRF", "Transfert de charges", [
                ("467000", "Autres comptes débiteurs ou créditeurs", "", "", 2500000, 0),
                ("791000", "Transferts de charges d’exploitation", "", "", 0, 2500000)])
    return ledger


def small():
    """A few entries, the same in every encoding and layout: labels with é and €."""
    ledger = Ledger()
    ledger.entry("AC", "Achats", "20190115", "F1", "Fournitures €", [
        ("606300", "Petit équipement de moins de 500 €", "", "", 125050, 0),
        ("401000", "Fournisseurs", "F0001", "Bureau Fournitures", 0, 125050)])
    ledger.entry("BQ", "Banque", "20190228", "R1", "Reversement été", [
        ("657100", "Reversements aux associations régionales", "ARA",
         "Chantier école Auvergne-Rhône-Alpes", 1000000, 0),
        ("512000", "Banque", "", "", 0, 1000000)])
    ledger.entry("VT", "Ventes", "20190301", "V1", "Cotisation", [
        ("411000", "Clients", "ADH", "Adhérents", 50000, 0),
        ("756000", "Cotisations (œuvres sociales)", "", "", 0, 50000)])
    return ledger


def montant_sens(ledger):
    header = HEADER[:11] + ["Montant", "Sens"] + HEADER[13:]
    rows = []
    for index, row in enumerate(ledger.lines):
        debit, credit = row[11], row[12]
        if debit != "0,00":
            value, sense = debit, ("D" if index % 4 < 2 else "+1")
        else:
            value, sense = credit, ("C" if index % 4 < 2 else "-1")
        rows.append(row[:11] + [value, sense] + row[13:])
    return "".join("|".join(r) + "\n" for r in [header] + rows)


def main():
    write("fec-2019.txt", year_2019().text())
    base = small()
    write("fec-tab-utf8.txt", base.text())
    write("fec-pipe-utf8-bom-crlf.txt", base.text("|"), bom=True, crlf=True)
    write("fec-tab-iso8859-15.txt", base.text(), encoding="iso8859_15")
    write("fec-montant-sens.txt", montant_sens(base))
    write("fec-header-only.txt", "\t".join(HEADER) + "\n")

    broken = small().text().split("\n")
    # Line 3 (second entry line): a bad Debit, field 12.
    bad = broken[:]
    fields = bad[2].split("\t")
    fields[12] = "1 250,50"
    bad[2] = "\t".join(fields)
    write("fec-bad-amount.txt", "\n".join(bad))
    write("fec-bad-amount-iso8859-15.txt", "\n".join(bad), encoding="iso8859_15")
    # Line 4: cut after the CompteLib (6 fields).
    short = broken[:]
    short[3] = "\t".join(short[3].split("\t")[:6])
    write("fec-short-line.txt", "\n".join(short))
    # The second entry (lines 4-5) loses 0,01 on its credit line.
    unbalanced = broken[:]
    fields = unbalanced[4].split("\t")
    fields[12] = "9999,99"
    unbalanced[4] = "\t".join(fields)
    write("fec-unbalanced.txt", "\n".join(unbalanced))
    wrong = broken[:]
    wrong[0] = wrong[0].replace("CompteNum", "NumCompte")
    write("fec-wrong-header.txt", "\n".join(wrong))

    budget = [
        ("charges", "60", "Achats", "48 000,00", ""),
        ("charges", "61", "Services extérieurs", "96 000,00", ""),
        ("charges", "62", "Autres services extérieurs", "214 600,00", ""),
        ("charges", "63", "Impôts et taxes", "32 000,00", ""),
        ("charges", "64", "Charges de personnel", "653 000,00", ""),
        ("charges", "65", "Autres charges de gestion courante", "38 000,00", ""),
        ("charges", "6571", "Reversements aux associations régionales", "438 400,00", "yes"),
        ("charges", "6572", "Actions des acteurs de chantiers et de la formation",
         "80 000,00", "yes"),
        ("charges", "66", "Charges financières", "2 000,00", ""),
        ("charges", "68", "Dotations aux amortissements", "18 000,00", ""),
        ("products", "706", "Prestations de formation", "412 000,00", ""),
        ("products", "741", "Subvention de l’État", "520 000,00", ""),
        ("products", "742", "Fonds social européen", "240 000,00", ""),
        ("products", "743", "Subventions des Régions", "96 000,00", ""),
        ("products", "746", "Fondations et partenaires privés", "110 000,00", ""),
        ("products", "756", "Cotisations des adhérents", "186 000,00", ""),
        ("products", "758", "Autres produits de gestion courante", "28 000,00", ""),
        ("products", "76", "Produits financiers", "3 000,00", ""),
        ("products", "79", "Transferts de charges", "25 000,00", ""),
    ]
    columns = ["section", "account", "label", "amount", "regional"]

    def csv(rows, separator, space, header=columns, quote=False):
        lines = [separator.join(header)]
        for row in rows:
            cells = list(row)
            cells[3] = cells[3].replace(" ", space)
            if quote:
                cells = ['"%s"' % c if (separator in c or '"' in c) else c for c in cells]
            lines.append(separator.join(cells))
        return "\n".join(lines) + "\n"

    # ';', U+202F between thousands, oui/non, an empty row.
    rows = [r[:4] + ({"yes": "oui", "": "non"}[r[4]],) for r in budget]
    text = csv(rows, ";", "\u202f")
    text = text.replace("\ncharges;66;", "\n;;;;\ncharges;66;")
    write("budget-semicolon.csv", text)
    # ',' with quoted decimal-comma amounts, U+00A0, BOM, columns in another order.
    order = [3, 0, 2, 1, 4]
    reordered = [tuple(r[i] for i in order) for r in budget]
    lines = [",".join(columns[i] for i in order)]
    for row in reordered:
        cells = [row[0].replace(" ", "\u00a0")] + list(row[1:])
        lines.append(",".join('"%s"' % c if "," in c else c for c in cells))
    write("budget-comma-bom.csv", "\n".join(lines) + "\n", bom=True)
    # Windows-1252, CRLF, plain spaces, a label with a quote and a line break.
    rows = [list(r) for r in budget]
    rows[10][2] = 'Prestations de formation "qualifiantes"'
    text = csv(rows, ";", " ")
    text = text.replace('Prestations de formation "qualifiantes"',
                        '"Prestations de formation ""qualifiantes""\net certifiantes"')
    write("budget-windows-1252.csv", text, encoding="cp1252", crlf=True)
    broken_budget = [list(r) for r in budget[:4]]
    broken_budget[1][3] = "96 000,005"   # three decimals, line 3
    broken_budget[2][0] = "depenses"     # unknown section, line 4
    broken_budget[3][1] = "6x3"          # not an account, line 5
    broken_budget.append(["products", "70", "Ventes", "12 00", "peut-être"])  # line 6
    write("budget-broken.csv", csv(broken_budget, ";", " "))


if __name__ == "__main__":
    main()
