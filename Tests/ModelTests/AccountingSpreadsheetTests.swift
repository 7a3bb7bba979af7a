import Foundation
import TestSupport
import Testing
import ZIPFoundation

@testable import ReportModel

/// Budgets read from `.xlsx` and `.ods` files written by real spreadsheet writers
/// (`make-spreadsheet-fixtures.py`: openpyxl, odfpy, msoffcrypto-tool).
@Suite struct AccountingSpreadsheetTests {
  func problems(_ name: String) -> [DataProblem] {
    do {
      _ = try BudgetSpreadsheetLoader().load(path: Accounting.fixture(name))
      return []
    } catch {
      return error.problems
    }
  }

  @Test func xlsxOdsAndCSVOfOneBudgetGiveTheSameLines() throws {
    let csv = try BudgetCSVLoader().load(path: Accounting.fixture("budget-semicolon.csv"))
    let xlsx = try BudgetSpreadsheetLoader().load(path: Accounting.fixture("budget.xlsx"))
    let ods = try BudgetSpreadsheetLoader().load(path: Accounting.fixture("budget.ods"))
    #expect(csv.charges.count == 10 && csv.products.count == 9)
    #expect(xlsx.charges == csv.charges && xlsx.products == csv.products)
    #expect(ods.charges == csv.charges && ods.products == csv.products)
    #expect(xlsx.warnings.isEmpty && ods.warnings.isEmpty)
    // And the 2019 year file's budget, line for line.
    let budget = try Accounting.budget2019()
    #expect(ods.applied(to: budget) == budget)
  }

  @Test func storedNumbersNotDisplayedOnes() {
    #expect(BudgetSpreadsheetLoader.amount("438400") == Money(units: 438_400))
    #expect(BudgetSpreadsheetLoader.amount("48000.0") == Money(units: 48_000))
    #expect(BudgetSpreadsheetLoader.amount("1250.5") == Money(cents: 125_050))
    #expect(BudgetSpreadsheetLoader.amount("1250.5499999999999") == Money(cents: 125_055))
    #expect(BudgetSpreadsheetLoader.amount("438400.00000000006") == Money(units: 438_400))
    #expect(BudgetSpreadsheetLoader.amount("1.25E3") == Money(units: 1250))
    #expect(BudgetSpreadsheetLoader.amount("1.5e-2") == nil)  // 1,5 cent
    #expect(BudgetSpreadsheetLoader.amount("1E-2") == Money(cents: 1))
    #expect(BudgetSpreadsheetLoader.amount("-12.3") == Money(cents: -1230))
    #expect(BudgetSpreadsheetLoader.amount("1250.555") == nil)
    #expect(BudgetSpreadsheetLoader.amount("12,50") == nil)
    #expect(BudgetSpreadsheetLoader.amount("abc") == nil)
    #expect(BudgetSpreadsheetLoader.amount("1E400") == nil)
    #expect(Sheet.reference(row: 11, column: 1) == "B12")
    #expect(Sheet.reference(row: 0, column: 26) == "AA1")
    #expect(Sheet.position(of: "AA1")?.column == 26 && Sheet.position(of: "$B$12")?.row == 11)
  }

  @Test func anAmountSavedAsTextIsReadByTheOneAmountRule() throws {
    // D5 holds the text "32000.0 €" (a number Excel saved as text): read as 32 000 €.
    let loaded = try BudgetSpreadsheetLoader().load(
      path: Accounting.fixture("budget-text-amount.xlsx"))
    let line = try #require(loaded.charges.first { $0.account == "63" })
    #expect(line.amount == Money(units: 32_000))
    #expect(loaded.warnings.isEmpty)
  }

  /// An `.ods` budget whose amount cells are text: what a French user types.
  static func textAmounts(_ amounts: [String]) throws -> Data {
    func row(_ cells: String) -> String { "<table:table-row>\(cells)</table:table-row>" }
    func text(_ value: String) -> String {
      "<table:table-cell office:value-type=\"string\"><text:p>\(value)</text:p></table:table-cell>"
    }
    var rows = row(text("Section") + text("Compte") + text("Libellé") + text("Montant"))
    for (index, amount) in amounts.enumerated() {
      rows += row(text("charges") + text("6\(index)") + text("Ligne \(index)") + text(amount))
    }
    let content =
      "<office:document-content><office:body><office:spreadsheet>"
      + "<table:table table:name=\"Budget\">\(rows)</table:table>"
      + "</office:spreadsheet></office:body></office:document-content>"
    return try archive([("content.xml", content)])
  }

  @Test func amountsTypedAsTextFollowTheRuleOfTheCSV() throws {
    let sheet = try Self.textAmounts([
      "12 000,50 €", "12\u{202F}000", "12000.50", "48 000,00 €", "-0", "750",
    ])
    let loaded = try BudgetSpreadsheetLoader().load(data: sheet, path: "budget.ods")
    #expect(
      loaded.charges.map(\.amount) == [
        Money(cents: 1_200_050), Money(units: 12_000), Money(cents: 1_200_050),
        Money(units: 48_000), Money(cents: 0), Money(units: 750),
      ])
  }

  @Test func anAmbiguousTextAmountIsRefusedWithItsCell() throws {
    let sheet = try Self.textAmounts(["1 200", "12.000", "douze", "12.000,50", "-5"])
    let problems = try #require(throws: DataError.self) {
      try BudgetSpreadsheetLoader().load(data: sheet, path: "budget.ods")
    }.problems
    #expect(
      problems.map { "\($0.location) \($0.field): \($0.message)" } == [
        "budget.ods:Budget!D3 amount: `12.000` is ambiguous: 12 000 € or 12,000 €?",
        "budget.ods:Budget!D4 amount: `douze` is not an amount",
        "budget.ods:Budget!D5 amount: `12.000,50` is not an amount",
        "budget.ods:Budget!D6 amount: must not be negative (found -5)",
      ])
    #expect(problems[0].hint?.contains("write 12 000 for thousands") == true)
    #expect(problems[1].hint == WrittenAmount.hint)
  }

  @Test(arguments: [
    ("budget-merged-header.xlsx", "Budget!A1", "the header cells A1:B1 are merged"),
    ("budget-merged-header.ods", "Feuille1!A1", "the header cells A1:B1 are merged"),
    ("budget-empty.xlsx", "Budget!A1", "the sheet `Budget` is empty"),
    ("budget-empty.ods", "Feuille1!A1", "the sheet `Feuille1` is empty"),
  ])
  func badSheetsAreOneClearProblem(file: String, cell: String, message: String) throws {
    let problems = problems(file)
    #expect(problems.map(\.message) == [message])
    #expect(problems.first?.location.cell == cell)
    #expect(problems.first?.hint != nil)
  }

  @Test func protectedAndDamagedFilesAreRefusedWithAReason() {
    let encrypted = problems("budget-encrypted.xlsx")
    #expect(
      encrypted.map(\.message) == [
        "the file is password-protected (or an old .xls): it cannot be read"
      ])
    #expect(encrypted.first?.hint == "save it again without a password, as .xlsx")
    let corrupt = problems("budget-corrupt.xlsx")
    #expect(corrupt.count == 1)
    #expect(corrupt.first?.message.hasPrefix("the spreadsheet is damaged") == true)
    let text = (try? BudgetSpreadsheetLoader().load(data: Data("a;b\n".utf8), path: "b.ods"))
    #expect(text == nil)
    do {
      _ = try BudgetSpreadsheetLoader().load(data: Data("a;b\n".utf8), path: "b.ods")
    } catch {
      #expect(
        error.problems.first?.message == "not a .ods spreadsheet: the file is not a zip archive")
    }
  }

  /// An `.xlsx` as Excel writes it: shared strings, a `budget` sheet second, formulas
  /// with cached values, booleans, a cell with a wrong value in a row that is checked.
  @Test func sharedStringsFormulasAndBooleans() throws {
    let archive = try Archive(accessMode: .create)
    func add(_ name: String, _ text: String) throws {
      let data = Data(text.utf8)
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(data.count),
        compressionMethod: .deflate
      ) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    try add(
      "xl/workbook.xml",
      """
      <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
      xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
      <sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="budget" sheetId="2" r:id="rId2"/>\
      </sheets></workbook>
      """)
    try add(
      "xl/_rels/workbook.xml.rels",
      """
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
      <Relationship Id="rId1" Target="worksheets/sheet1.xml"/>\
      <Relationship Id="rId2" Target="/xl/worksheets/sheet7.xml"/></Relationships>
      """)
    try add(
      "xl/sharedStrings.xml",
      """
      <sst><si><t>Section</t></si><si><t>Compte</t></si><si><r><t>Libel</t></r><r><t>lé</t></r>\
      </si><si><t>Montant</t></si><si><t>Régional</t></si><si><t>charges</t></si>\
      <si><t>Achats</t><rPh><t>x</t></rPh></si><si><t>products</t></si><si><t>Ventes</t></si></sst>
      """)
    try add("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>")
    try add(
      "xl/worksheets/sheet7.xml",
      """
      <worksheet><sheetData>\
      <row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c>\
      <c r="E2" t="s"><v>3</v></c><c r="F2" t="s"><v>4</v></c></row>\
      <row r="3"><c r="B3" t="s"><v>5</v></c><c r="C3"><v>606</v></c><c r="D3" t="s"><v>6</v></c>\
      <c r="E3"><f>SUM(E5:E6)</f><v>1250.5499999999999</v></c><c r="F3" t="b"><v>1</v></c></row>\
      <row r="4"><c r="B4" t="s"><v>7</v></c><c r="C4" t="str"><v>706</v></c>\
      <c r="D4" t="s"><v>8</v></c><c r="E4"><v>1250.55</v></c><c r="F4" t="b"><v>0</v></c></row>\
      </sheetData></worksheet>
      """)
    let data = try #require(archive.data)
    let loaded = try BudgetSpreadsheetLoader().load(data: data, path: "budget.xlsx")
    #expect(
      loaded.charges == [
        BudgetLine(account: "606", label: "Achats", amount: Money(cents: 125_055), regional: true)
      ])
    #expect(
      loaded.products == [
        BudgetLine(account: "706", label: "Ventes", amount: Money(cents: 125_055))
      ])
  }

  @Test func inputsTheFuzzerFoundAreRefusedNotCrashed() throws {
    let folder = Repository.path("Fuzz/Regressions/FuzzBudgetSheet")
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
      for path in ["budget.xlsx", "budget.ods"] {
        #expect(throws: DataError.self) {
          try BudgetSpreadsheetLoader().load(data: data, path: path)
        }
      }
    }
  }

  /// An archive of named parts, written by ZIPFoundation.
  static func archive(_ parts: [(String, String)]) throws -> Data {
    let archive = try Archive(accessMode: .create)
    for (name, text) in parts {
      let data = Data(text.utf8)
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
      ) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    guard let data = archive.data else { throw DataError(problems: []) }
    return data
  }

  @Test func anEncryptedODSAndBadCellsAreNamed() throws {
    let encrypted = try Self.archive([
      (
        "META-INF/manifest.xml",
        "<manifest:manifest><manifest:file-entry manifest:full-path=\"content.xml\">"
          + "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>"
      ),
      ("content.xml", "not xml at all, encrypted bytes"),
    ])
    let error = try #require(throws: DataError.self) {
      try BudgetSpreadsheetLoader().load(data: encrypted, path: "budget.ods")
    }
    #expect(error.problems.map(\.message) == ["the file is password-protected: it cannot be read"])

    func row(_ cells: String) -> String { "<table:table-row>\(cells)</table:table-row>" }
    func text(_ value: String) -> String {
      "<table:table-cell office:value-type=\"string\"><text:p>\(value)</text:p></table:table-cell>"
    }
    func number(_ value: String) -> String {
      "<table:table-cell office:value-type=\"float\" office:value=\"\(value)\"><text:p>x</text:p>"
        + "</table:table-cell>"
    }
    let content =
      "<office:document-content><office:body><office:spreadsheet>"
      + "<table:table table:name=\"Notes\">\(row(text("rien")))</table:table>"
      + "<table:table table:name=\"BUDGET\">"
      + row(text("section") + text("account") + text("label") + text("amount"))
      + row(text("charges") + text("60") + text("Achats") + number("100.125"))
      + row(text("charge") + number("6.5") + text("Loyer") + number("-3"))
      + row(text("produits") + text("706") + text("Ventes") + number("250"))
      + "</table:table></office:spreadsheet></office:body></office:document-content>"
    let sheet = try Self.archive([("content.xml", content)])
    let problems = try #require(throws: DataError.self) {
      try BudgetSpreadsheetLoader().load(data: sheet, path: "budget.ods")
    }.problems
    #expect(
      problems.map { "\($0.location.cell ?? "") \($0.field): \($0.message)" } == [
        "BUDGET!D2 amount: 100.125 has more than 2 decimals",
        "BUDGET!B3 account: `6.5` is not an account number",
        "BUDGET!D3 amount: must not be negative (found -3)",
      ])
  }

  @Test func theYearsBudgetSourceIsFoundAndSaysWhatItRead() throws {
    let folder = try temporaryFolder("budget-source")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(try BudgetSource.find(in: folder) == nil)
    let manager = FileManager.default
    try manager.copyItem(
      atPath: Accounting.fixture("budget.xlsx"), toPath: folder + "/budget.xlsx")
    let source = try #require(try BudgetSource.find(in: folder))
    #expect(source.file == folder + "/budget.xlsx")
    #expect(source.lineCount == 19)
    #expect(source.description == "budget lines from budget.xlsx, 19 lines")
    try manager.copyItem(
      atPath: Accounting.fixture("budget-semicolon.csv"), toPath: folder + "/budget.csv")
    let error = try #require(throws: DataError.self) { try BudgetSource.find(in: folder) }
    #expect(
      error.problems.map(\.message) == [
        "two budget spreadsheets: \(folder)/budget.csv and \(folder)/budget.xlsx"
      ])
    try manager.removeItem(atPath: folder + "/budget.xlsx")
    #expect(
      try BudgetSource.find(in: folder)?.description == "budget lines from budget.csv, 19 lines")
  }

  @Test func frenchHeadersAreAcceptedInTheCSVToo() throws {
    let text = "Section;Compte;Libellé;Montant;Régional\ncharges;60;Achats;48 000,00;non\n"
    let loaded = try BudgetCSVLoader().load(data: Data(text.utf8), path: "budget.csv")
    #expect(
      loaded.charges == [BudgetLine(account: "60", label: "Achats", amount: Money(units: 48_000))])
    #expect(loaded.warnings.isEmpty)
  }
}
