#!/usr/bin/env python3
"""Writes the budget spreadsheets of this folder with real spreadsheet writers.

budget.xlsx (openpyxl) and budget.ods (odfpy) hold the budget of budget-semicolon.csv,
the way a treasurer's file does: the xlsx has a notes sheet first and the budget on a
sheet named "Budget", accounts typed as numbers, amounts as numbers displayed with a
French currency format; the ods has one sheet "Feuille1" with French headers
(Section, Compte, Libellé, Montant, Régional), accounts as text, regional as booleans,
and amounts displayed as "438 400,00 €" but stored as 438400. The broken ones break one
thing each: a text in an amount cell, a merged header, an empty sheet, a
password-protected file (msoffcrypto-tool encrypts the xlsx: a CFB file, not a zip),
a truncated archive.

Needs openpyxl, odfpy and msoffcrypto-tool:
    $(python3 -c 'import sys;print(sys.executable)') -m pip install openpyxl odfpy msoffcrypto-tool
"""
import csv
import io
import os

from msoffcrypto.format.ooxml import OOXMLFile
import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

HERE = os.path.dirname(os.path.abspath(__file__))


def rows():
    with open(os.path.join(HERE, "budget-semicolon.csv"), encoding="utf-8") as source:
        table = list(csv.reader(source, delimiter=";"))
    result = []
    for section, account, label, amount, regional in table[1:]:
        if not section:
            result.append(None)  # the empty row stays empty
            continue
        value = float("".join(c for c in amount if c.isdigit() or c == ",").replace(",", "."))
        result.append((section, account, label, value, regional == "oui"))
    return result


def xlsx(name, lines, header=("section", "account", "label", "amount", "regional"),
         text_amount_row=None, merge_header=False, empty=False):
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Lisez-moi"
    notes["A1"] = "Budget prévisionnel 2019, voté le 14 juin 2019"
    sheet = book.create_sheet("Budget")
    if not empty:
        sheet.append(list(header))
        if merge_header:
            sheet.merge_cells("A1:B1")
        for index, line in enumerate(lines):
            if line is None:
                sheet.append([])
                continue
            section, account, label, value, regional = line
            amount = value
            if text_amount_row == index:
                amount = "%s €" % value
            sheet.append([section, int(account), label, amount, "oui" if regional else "non"])
            sheet.cell(row=sheet.max_row, column=4).number_format = '#,##0.00\\ "€"'
    path = os.path.join(HERE, name)
    book.save(path)
    return path


def ods(name, lines, merge_header=False, empty=False):
    document = OpenDocumentSpreadsheet()
    table = Table(name="Feuille1")
    document.spreadsheet.addElement(table)
    if not empty:
        header = TableRow()
        names = ["Section", "Compte", "Libellé", "Montant", "Régional"]
        for index, text in enumerate(names):
            if merge_header and index == 0:
                cell = TableCell(valuetype="string", numbercolumnsspanned=2)
                cell.addElement(P(text=text))
                header.addElement(cell)
                continue
            if merge_header and index == 1:
                header.addElement(CoveredTableCell())
                continue
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=text))
            header.addElement(cell)
        table.addElement(header)
        for line in lines:
            row = TableRow()
            table.addElement(row)
            if line is None:
                row.addElement(TableCell(numbercolumnsrepeated=5))
                continue
            section, account, label, value, regional = line
            for text in (section, account, label):
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=text))
                row.addElement(cell)
            shown = "{:,.2f}".format(value).replace(",", "\u202f").replace(".", ",") + " €"
            cell = TableCell(valuetype="currency", currency="EUR", value=value)
            cell.addElement(P(text=shown))
            row.addElement(cell)
            cell = TableCell(valuetype="boolean", booleanvalue="true" if regional else "false")
            cell.addElement(P(text="VRAI" if regional else "FAUX"))
            row.addElement(cell)
    # Sheets end with repeated empty rows, as spreadsheet programs write them.
    filler = TableRow(numberrowsrepeated=1048000)
    filler.addElement(TableCell(numbercolumnsrepeated=1024))
    table.addElement(filler)
    document.save(os.path.join(HERE, name))


if __name__ == "__main__":
    lines = rows()
    xlsx("budget.xlsx", lines)
    ods("budget.ods", lines)
    xlsx("budget-text-amount.xlsx", lines, text_amount_row=3)
    xlsx("budget-merged-header.xlsx", lines, merge_header=True)
    ods("budget-merged-header.ods", lines, merge_header=True)
    xlsx("budget-empty.xlsx", lines, empty=True)
    ods("budget-empty.ods", lines, empty=True)
    plain = xlsx("budget-encrypted.xlsx", lines)
    with open(plain, "rb") as source:
        office = OOXMLFile(source)
        encrypted = io.BytesIO()
        office.encrypt("tresorier", encrypted)
    with open(plain, "wb") as out:
        out.write(encrypted.getvalue())
    with open(os.path.join(HERE, "budget.xlsx"), "rb") as source:
        data = source.read()
    with open(os.path.join(HERE, "budget-corrupt.xlsx"), "wb") as out:
        out.write(data[: len(data) // 2])
