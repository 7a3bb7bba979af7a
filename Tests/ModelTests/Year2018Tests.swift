import Foundation
import TestSupport
import Testing

@testable import ReportModel

/// The shipped year 2018 (`data/2018/`, written by `scripts/make-year-2018.py`): its
/// accounts balance and close on a small surplus, read with the test's own FEC parser.
@Suite struct Year2018Tests {
  static let fec = Repository.path("data/2018/fec/422917534FEC20181231.txt")

  @Test func theScriptWritesTheShippedFECAgain() throws {
    let folder = try temporaryFolder("report-year-2018")
    let made = try run("python3", [Repository.path("scripts/make-year-2018.py"), folder])
    #expect(made.status == 0, "\(made.stderr)")
    let written = try Data(contentsOf: URL(fileURLWithPath: folder + "/422917534FEC20181231.txt"))
    #expect(written == (try Data(contentsOf: URL(fileURLWithPath: Self.fec))))
  }

  @Test func theYearFileIsValidAndBalanced() throws {
    let loaded = try YearLoader().load(path: Repository.path("data/2018/report.yaml"))
    #expect(loaded.warnings.isEmpty)
    let year = loaded.year
    #expect(year.assembly.date == CalendarDate(year: 2018, month: 6, day: 15))
    #expect(year.axes.count == 3)
    #expect(year.budget.isBalanced)
    #expect(year.budget.findings.isEmpty)
    #expect(year.budget.chargesTotal == Money(units: 1_580_000))
    #expect(year.budget.regionalShare.roundedPercent == 32)
  }

  @Test func theFECBalancesAndClosesOnASmallSurplus() throws {
    let totals = try Accounts.fecTotals(path: Self.fec)
    let balance = TrialBalance(totals: totals)
    #expect(balance.isBalanced)
    #expect(balance.findings.isEmpty)
    #expect(balance.classes.map(\.number) == [1, 2, 4, 5, 6, 7, 8])
    // Products minus charges, summed here without the model.
    var result = Money.zero
    for total in totals where total.account.hasPrefix("6") || total.account.hasPrefix("7") {
      result += total.credit - total.debit
    }
    #expect(result == Money(cents: 428_617))
    #expect(balance.result == result)

    let year = try YearLoader().load(path: Repository.path("data/2018/report.yaml")).year
    let statement = try IncomeStatement(
      layout: Accounts.shippedLayout(), totals: totals, budget: year.budget)
    #expect(statement.result == result)
    #expect(statement.warnings.isEmpty)
    #expect(statement.verify(against: totals).isEmpty)
    #expect(statement.rows.first { $0.kind == .net }?.budget == .zero)
    #expect(statement.row("Utilisations des fonds dédiés")?.realised == Money(units: 25_000))
    #expect(statement.row("Reports en fonds dédiés")?.realised == Money(units: 18_000))
    #expect(statement.row("Bénévolat")?.realised == Money(units: 38_500))
    #expect(statement.row("Personnel bénévole")?.realised == Money(units: 38_500))
    let aids = try #require(statement.row("Aides financières"))
    #expect(aids.budget == Money(units: 505_600))
  }

  @Test func theFECHasOpeningEntriesAndOneAuxiliaryAccountPerRegion() throws {
    let text = try String(contentsOfFile: Self.fec, encoding: .utf8)
    let lines = text.split(separator: "\n").dropFirst().map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(lines.allSatisfy { $0.count == 18 })
    #expect(lines.allSatisfy { $0[3].hasPrefix("2018") })
    let opening = lines.filter { $0[0] == "AN" }
    #expect(Set(opening.map { $0[3] }) == ["20180101"])
    #expect(opening.allSatisfy { ("1"..."5").contains(String($0[4].prefix(1))) })
    let regions = Set(lines.filter { $0[4] == "657100" }.map { $0[6] })
    #expect(regions.count == 11)
    #expect(!regions.contains(""))
  }

  @Test func theTwoThousandNineteenAccountsTakeTwoThousandEighteenAsTheirPreviousYear() throws {
    let previous = try Accounts.fecTotals(path: Self.fec)
    let current = try Accounts.fecTotals(path: Accounting.fixture("fec-2019.txt"))
    let year = try YearLoader().load(path: Repository.path("data/2019/report.yaml")).year
    let statement = try IncomeStatement(
      layout: Accounts.shippedLayout(), totals: current, budget: year.budget, previous: previous)
    #expect(statement.rows.first { $0.kind == .net }?.previous == Money(cents: 428_617))
    #expect(statement.warnings.isEmpty)
    // The training levy was renamed between the two years: an auditor's warning.
    let changes = TrialBalance.labelChanges(current: current, previous: previous)
    #expect(
      changes.contains(
        .labelChanged(
          account: "633300", previous: "Participation à la formation professionnelle continue",
          current: "Participation à la formation continue")))
  }
}
