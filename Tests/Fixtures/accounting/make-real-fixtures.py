#!/usr/bin/env python3
"""Writes the FEC fixtures that look like real accounting software's exports.

123456789FEC20190831.txt is a September 2018 - August 2019 fiscal year, named as the
law says (SIREN, FEC, closing date), written the way several programs write theirs, all
at once:

- 22 columns: the 18 of the FEC, then DateRglt ModeRglt NatOp IdClient (the cash-basis
  variant), header names in mixed case (journalcode, MontantDevise, IDevise);
- `|` separators, fields padded with spaces to fixed widths, a `|` at the end of every
  line, the header's included;
- CR CR LF line ends;
- ASCII but for a few bytes >= 0x80 in some labels (Windows-1252: e-acute 0xE9,
  the euro sign 0x80);
- EcritureNum 0 on every line: entries are the lines of one journal, date and PieceRef;
- lower-case journal codes; amounts zero-padded to 13 characters (0000000069,60).

Run it from anywhere; it rewrites the file next to itself. The tests sum the file
independently (a Python one-liner over its bytes) and compare with what the reader says.
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "123456789FEC20190831.txt"
HEADER = ("journalcode JournalLib EcritureNum EcritureDate CompteNum CompteLib CompAuxNum "
          "CompAuxLib PieceRef PieceDate EcritureLib Debit Credit EcritureLet DateLet "
          "ValidDate MontantDevise IDevise DateRglt ModeRglt NatOp IdClient").split()
WIDTHS = [4, 22, 3, 8, 8, 34, 6, 30, 10, 8, 34, 13, 13, 4, 8, 8, 13, 3, 8, 4, 3, 6]


def amount(cents):
    return "%010d,%02d" % (cents // 100, cents % 100)


class Ledger:
    def __init__(self):
        self.rows = []

    def entry(self, journal, journal_label, date, piece, label, lines):
        assert sum(l[4] for l in lines) == sum(l[5] for l in lines), (piece, lines)
        for account, account_label, aux, aux_label, debit, credit in lines:
            self.rows.append([
                journal, journal_label, "0", date, account, account_label, aux, aux_label,
                piece, date, label, amount(debit), amount(credit), "", "", date, "", "",
                date, "VIR" if journal == "bq" else "", "", aux])

    def data(self):
        out = bytearray()
        for row in [HEADER] + self.rows:
            cells = [cell.ljust(width) if index not in (11, 12) else cell.rjust(width)
                     for index, (cell, width) in enumerate(zip(row, WIDTHS))]
            out += "|".join(cells).encode("cp1252") + b"|\r\r\n"
        return bytes(out)


def year():
    rng = random.Random(20190831)
    ledger = Ledger()
    months = [(2018, m) for m in range(9, 13)] + [(2019, m) for m in range(1, 9)]

    def cents(mean):
        return int(mean * 100 * rng.uniform(0.8, 1.2))

    ledger.entry("an", "A nouveaux", "20180901", "AN2018", "Reprise des soldes", [
        ("512000", "Banque Credit cooperatif", "", "", 8_500_000, 0),
        ("106800", "Reserves", "", "", 0, 8_500_000)])
    for number, (y, m) in enumerate(months):
        last = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        day = lambda d: "%04d%02d%02d" % (y, m, min(d, last))
        # Two purchases on the same day in the same journal: told apart by their piece.
        for piece, (account, label, text, mean) in enumerate([
                ("606400", "Fournitures administratives", "Fournitures de bureau", 1500),
                ("613200", "Locations immobili\u00e8res", "Loyer du si\u00e8ge", 5500)]):
            value = cents(mean)
            ref = "FA%02d%02d%d" % (y % 100, m, piece)
            ledger.entry("ac", "Achats", day(5), ref, text, [
                (account, label, "", "", value, 0),
                ("401000", "Fournisseurs", "F0001", "Bureau SARL", 0, value)])
        gross = cents(38000)
        social = gross * 37 // 100
        ledger.entry("sa", "Salaires", day(28), "PAIE%02d" % m, "Paie", [
            ("641100", "Salaires", "", "", gross, 0),
            ("645100", "Cotisations URSSAF", "", "", social, 0),
            ("421000", "Personnel remunerations dues", "", "", 0, gross),
            ("431000", "URSSAF", "", "", 0, social)])
        region = ["ARA", "BRE", "OCC"][number % 3]
        value = cents(36000)
        ledger.entry("bq", "Banque", day(15), "REV%02d%02d" % (y % 100, m),
                     "Reversement " + region, [
                         ("657100", "Reversements aux associations r\u00e9gionales", region,
                          "Chantier \u00e9cole " + region, value, 0),
                         ("512000", "Banque", "", "", 0, value)])
        value = cents(35000)
        ledger.entry("vt", "Ventes", day(20), "VT%02d%02d" % (y % 100, m), "Formation", [
            ("411000", "Clients", "C0001", "OPCO", value, 0),
            ("706000", "Prestations de formation", "", "", 0, value)])
        if m in (10, 1, 4, 7):
            value = cents(130000)
            ledger.entry("bq", "Banque", day(10), "SUB%02d%02d" % (y % 100, m),
                         "Subvention 80 \u20ac/jour", [
                             ("512000", "Banque", "", "", value, 0),
                             ("741000", "Subvention de l'Etat", "", "", 0, value)])
    # An account booked only at closing, and an off-budget charge.
    ledger.entry("od", "Operations diverses", "20190831", "DOT2019", "Dotations", [
        ("681100", "Dotations aux amortissements", "", "", 1_800_000, 0),
        ("281800", "Amortissements", "", "", 0, 1_800_000)])
    ledger.entry("od", "Operations diverses", "20190310", "PEN0310", "Penalite", [
        ("671200", "P\u00e9nalit\u00e9s", "", "", 35_000, 0),
        ("512000", "Banque", "", "", 0, 35_000)])
    return ledger


if __name__ == "__main__":
    with open(os.path.join(HERE, NAME), "wb") as out:
        out.write(year().data())
