import Foundation
import TestSupport
import Testing

@testable import ReportModel

@Suite struct AccountingBudgetCSVTests {
  let loader = BudgetCSVLoader()

  func problems(_ text: String) -> [DataProblem] {
    do {
      _ = try loader.load(data: Data(text.utf8), path: "budget.csv")
      return []
    } catch {
      return error.problems
    }
  }

  @Test(arguments: [
    ("budget-semicolon.csv", SourceEncoding.utf8, Character(";")),
    ("budget-comma-bom.csv", .utf8, ","),
    ("budget-windows-1252.csv", .windows1252, ";"),
  ])
  func loadsThe2019BudgetFromEverySpreadsheetForm(
    file: String, encoding: SourceEncoding, separator: Character
  ) throws {
    let loaded = try loader.load(path: Accounting.fixture(file))
    let expected = try Accounting.budget2019()
    #expect(loaded.encoding == encoding)
    #expect(loaded.separator == separator)
    #expect(loaded.warnings.isEmpty)
    #expect(loaded.charges == expected.charges)
    if file == "budget-windows-1252.csv" {
      // A quoted label with doubled quotes and a line break, read back exactly.
      #expect(
        loaded.products[0].label == "Prestations de formation \"qualifiantes\"\net certifiantes")
      #expect(Array(loaded.products.dropFirst()) == Array(expected.products.dropFirst()))
    } else {
      #expect(loaded.products == expected.products)
    }
    let budget = loaded.applied(to: expected)
    #expect(budget.chargesTotal == Money(units: 1_620_000))
    #expect(budget.regionalTotal == Money(units: 518_400))
    #expect(budget.totalTarget == expected.totalTarget && budget.findings.isEmpty)
  }

  @Test func everyBadRowIsAProblemWithItsLineAndColumnName() throws {
    let file = Accounting.fixture("budget-broken.csv")
    let error = try #require(throws: DataError.self) { try loader.load(path: file) }
    #expect(
      error.problems.map { "\($0.location.line ?? 0) \($0.field)" } == [
        "3 amount", "4 section", "5 account", "6 amount", "6 regional",
      ])
    #expect(error.problems.allSatisfy { $0.location.file == file && $0.hint != nil })
    #expect(error.problems[0].message == "`96 000,005` is not an amount")
    #expect(error.problems[1].message == "`depenses` is not a section")
    #expect(error.problems[2].message == "`6x3` is not an account number")
    #expect(error.problems[3].message == "`12 00` is not an amount")
    #expect(error.problems[4].message == "`peut-être` is not yes or no")
  }

  @Test func lineNumbersCountLineBreaksInsideQuotedCells() {
    let text =
      "section;account;label;amount\r\n"
      + "charges;60;\"Achats\r\nsur deux lignes\";100\r\n"
      + "\r\n"
      + ";;;\r\n"
      + "products;70;Ventes;cent\r\n"
    let problems = problems(text)
    #expect(problems.map(\.location.line) == [6])
    #expect(problems.first?.field == "amount")
  }

  @Test func theHeaderNamesTheColumns() {
    let missing = problems("section;account;label\ncharges;60;Achats\n")
    #expect(missing.map(\.field) == ["amount"])
    #expect(missing.first?.location.line == 1)
    #expect(missing.first?.message == "missing column")
    let twice = problems("section;account;label;amount;amount\n")
    #expect(twice.map(\.message) == ["the column is named twice"])
    #expect(problems("").map(\.message) == ["the file is empty"])
    #expect(
      problems("section;account;label;amount\n").map(\.message) == ["the file has no budget line"])
  }

  @Test func unknownColumnsAndClassMismatchesAreWarnings() throws {
    let text = "Section;Account;Label;Amount;Regional;commentaire\nproducts;60;Achats;1;non;x\n"
    let loaded = try loader.load(data: Data(text.utf8), path: "budget.csv")
    #expect(loaded.products.map(\.account) == ["60"])
    #expect(loaded.warnings.map(\.field) == ["commentaire", "account"])
    #expect(loaded.warnings.allSatisfy { $0.severity == .warning })
  }

  @Test func aTooLongRowIsAProblem() {
    let problems = problems("section;account;label;amount\ncharges;60;Achats;1;2\n")
    #expect(problems.map(\.message) == ["the row has 5 fields where the header names 4"])
  }

  @Test func spreadsheetAmountsParseExactly() {
    func cents(_ text: String) -> Int64? {
      guard case .amount(let money) = WrittenAmount.read(text) else { return nil }
      return money.cents
    }
    #expect(cents("438 400,00") == 43_840_000)
    #expect(cents("438\u{00A0}400,00") == 43_840_000)
    #expect(cents("1\u{202F}620\u{202F}000") == 162_000_000)
    #expect(cents("438400") == 43_840_000)
    #expect(cents("12.5") == 1250)
    #expect(cents(" 1 250,5 € ") == 125_050)
    #expect(cents("-10,00") == -1000)
    #expect(cents("43 8400") == nil)  // groups of three only
    #expect(cents("1.234,56") == nil)
    #expect(cents("12,345") == nil)
    #expect(cents("") == nil)
    #expect(cents("douze") == nil)
    #expect(
      problems("section;account;label;amount\ncharges;60;A;-5\n").map(\.message) == [
        "must not be negative (found -5)"
      ])
  }

  @Test func anAmbiguousAmountIsRefusedWithItsLineAndBothReadings() {
    let found = problems("section;account;label;amount\ncharges;60;A;12.000\n")
    #expect(found.map(\.location.line) == [2])
    #expect(found.map(\.message) == ["`12.000` is ambiguous: 12 000 € or 12,000 €?"])
    #expect(found.first?.hint?.hasPrefix("write 12 000 for thousands") == true)
  }
}
