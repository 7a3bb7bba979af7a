import Foundation
import ReportLayout
import ReportModel
import TestSupport
import Testing

@testable import ReportCompose

/// The general ledger's columns: amounts as wide as the widest amount, the label the rest.
@Suite struct LedgerLayoutTests {
  let templates: Templates
  let year: Year

  init() throws {
    templates = try Shipped.templates()
    year = try Shipped.year(2018)
  }

  /// A 41-character label, as the FEC's run (« Règlement Cabinet Expertise & Audit »…).
  static let label = "Règlement facture Cabinet Expertise Audit"

  /// `count` lines of one account, large enough amounts for the totals to need
  /// 12 characters, the long label on every fifth, the FEC's longest piece numbers.
  func lines(_ count: Int, account: String = "401000") throws -> [LedgerLine] {
    try (0..<count).map { index in
      LedgerLine(
        fileLine: index + 2, journal: "BQ", entryNumber: "BQ\(index)",
        date: try #require(CalendarDate(year: 2018, month: 1 + index % 12, day: 10)),
        account: account,
        accountLabel: "Fournisseurs", auxiliary: "", auxiliaryLabel: "",
        piece: "REG2017F\(1000 + index)", label: index % 5 == 0 ? Self.label : "Paie de 09/2018",
        debit: Money(cents: index % 2 == 0 ? 300_000_00 : 0),
        credit: Money(cents: index % 2 == 0 ? 0 : 98_765_43), matching: index % 3 == 0 ? "AB" : "")
    }
  }

  func layout(_ lines: [LedgerLine]) throws -> LaidOutDocument {
    let composed = LedgerComposer(
      year: year, fiscalYear: 2018, period: nil, lines: lines, source: ("fec.txt", 100, 50),
      templates: templates
    ).compose()
    return try DocumentLayouter(
      measurer: FixedMeasurer(), firstPageStyle: composed.firstPageStyle, footer: composed.footer
    ).layout(composed.blocks)
  }

  func runs(_ document: LaidOutDocument) -> [TextRun] {
    document.pages.flatMap { page in
      page.items.compactMap { if case .text(let run) = $0 { return run } else { return nil } }
    }
  }

  @Test func aFortyCharacterLabelStaysOnOneLine() throws {
    let document = try layout(try lines(80))
    let runs = runs(document)
    #expect(Self.label.count == 41)
    // Every long label is one run, whole: not wrapped, not cut.
    #expect(runs.filter { $0.text == Self.label }.count == 16)
    #expect(
      !runs.contains { !$0.text.isEmpty && $0.text != Self.label && Self.label.hasPrefix($0.text) })
    // The widest amount (the account's total balance, 12 characters and the mark)
    // fits its column: its right edge is the text area's less the cell's padding.
    let total = try #require(
      runs.first { $0.text == "8\u{202F}049\u{202F}382,80\u{00A0}D" },
      "\(runs.map(\.text).suffix(12))")
    let right = document.pages[0].printableBox.origin.x + document.pages[0].printableBox.size.width
    #expect(total.origin.x + total.width <= right + 0.01)
  }

  @Test func carriedRowsKeepTheirAmountsUnderTheirColumns() throws {
    let document = try layout(try lines(120))
    #expect(document.pages.count >= 2)
    let runs = runs(document)
    let words = templates.words.accounts.ledger
    // The debit column's right edge, from the header.
    let debitHead = try #require(runs.first { $0.text == words.columns.debit })
    let creditHead = try #require(runs.first { $0.text == words.columns.credit })
    let foot = try #require(runs.firstIndex { $0.text == words.carriedFoot })
    let head = try #require(runs.firstIndex { $0.text == words.carriedHead })
    for start in [foot, head] {
      let amounts = runs[(start + 1)...].prefix(3)
      #expect(amounts.count == 3)
      let debit = try #require(amounts.first)
      let credit = amounts[amounts.startIndex + 1]
      #expect(
        abs((debit.origin.x + debit.width) - (debitHead.origin.x + debitHead.width)) < 0.01,
        "\(debit.text)")
      #expect(
        abs((credit.origin.x + credit.width) - (creditHead.origin.x + creditHead.width)) < 0.01,
        "\(credit.text)")
      // And they are on the row of the label « À reporter » / « Report ».
      #expect(debit.origin.y == runs[start].origin.y)
    }
  }
}
