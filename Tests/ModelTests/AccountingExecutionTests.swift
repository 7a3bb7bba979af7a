import Foundation
import TestSupport
import Testing

@testable import ReportModel

@Suite struct AccountingExecutionTests {
  /// Sums a FEC file independently of the reader: naive splitting, `Money.parse`.
  struct IndependentSum {
    let rows: [[String]]

    init(file: String) throws {
      let text = try String(contentsOfFile: file, encoding: .utf8)
      rows = text.split(separator: "\n").dropFirst().map {
        $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      }
    }

    /// Debit − credit (or credit − debit when `credit`) of the accounts starting with
    /// `prefix`, dated up to `last` (`YYYYMMDD`), optionally for one auxiliary account.
    func sum(_ prefix: String, through last: String, credit: Bool = false, auxiliary: String? = nil)
      -> Money
    {
      var total = Money.zero
      for row in rows where row[4].hasPrefix(prefix) && row[3] <= last {
        if let auxiliary, row[6] != auxiliary { continue }
        let debit = Money.parse(row[11]) ?? Money(cents: .max / 4)
        let creditAmount = Money.parse(row[12]) ?? Money(cents: .max / 4)
        total += credit ? creditAmount - debit : debit - creditAmount
      }
      return total
    }
  }

  @Test func nestedLinesCountEachAccountOnce() throws {
    var text = Accounting.header
    text += Accounting.line("1", "20190110", "657100", "1000", "0", auxiliary: "ARA")
    text += Accounting.line("1", "20190110", "657200", "200", "0", auxiliary: "ACT01")
    text += Accounting.line("1", "20190110", "657800", "50", "0", label: "Autres aides")
    text += Accounting.line("1", "20190110", "658100", "30", "0", label: "Cotisations")
    text += Accounting.line("1", "20190110", "65", "5", "0", label: "Divers")
    text += Accounting.line("1", "20190110", "512000", "0", "1285")
    text += Accounting.line("2", "20190115", "606400", "100", "0")
    text += Accounting.line("2", "20190116", "606400", "0", "10", label: "Avoir")
    text += Accounting.line("2", "20190115", "671200", "35", "0", label: "Pénalités")
    text += Accounting.line("2", "20190115", "401000", "0", "125")
    text += Accounting.line("3", "20190120", "706000", "0", "400")
    text += Accounting.line("3", "20190120", "756000", "20", "100")
    text += Accounting.line("3", "20190120", "771800", "0", "12", label: "Produits except.")
    text += Accounting.line("3", "20190120", "411000", "492", "0")
    let summary = try Accounting.read(text)
    let execution = summary.execution(
      of: try Accounting.budget2019(), through: Accounting.month(2019, 1))
    func actual(_ account: String) -> Money? {
      (execution.charges + execution.products).first { $0.line.account == account }?.actual
    }
    #expect(actual("6571") == Money(units: 1000))
    #expect(actual("6572") == Money(units: 200))
    #expect(actual("65") == Money(units: 85))  // 657800 + 658100 + 65, not 6571 nor 6572
    #expect(actual("60") == Money(units: 90))  // a credit on a charge reduces it
    #expect(actual("706") == Money(units: 400))
    #expect(actual("756") == Money(units: 80))  // a debit on a product reduces it
    #expect(actual("61") == .zero)
    let sixtyFive = try #require(execution.charges.first { $0.line.account == "65" })
    #expect(sixtyFive.accounts == ["65", "657800", "658100"])
    #expect(
      execution.offBudgetCharges == [
        OffBudgetAccount(
          side: .charges, account: "671200", label: "Pénalités", amount: Money(units: 35))
      ])
    #expect(
      execution.offBudgetProducts == [
        OffBudgetAccount(
          side: .products, account: "771800", label: "Produits except.", amount: Money(units: 12))
      ])
    #expect(execution.chargesActual == Money(units: 1410))
    #expect(execution.productsActual == Money(units: 492))
    #expect(
      execution.charges.map(\.actual).sum() + execution.offBudgetChargesTotal
        == execution.chargesActual)
    #expect(
      execution.products.map(\.actual).sum() + execution.offBudgetProductsTotal
        == execution.productsActual)
    #expect(execution.regionalActual == Money(units: 1200))
    #expect(execution.result == Money(units: 492 - 1410))
    #expect(
      execution.beneficiaries == [
        // A 657… line without an auxiliary account is counted under an empty number.
        BeneficiaryActual(account: "", label: "", amount: Money(units: 50)),
        BeneficiaryActual(account: "ACT01", label: "", amount: Money(units: 200)),
        BeneficiaryActual(account: "ARA", label: "", amount: Money(units: 1000)),
      ])
  }

  @Test func theLongestPrefixWinsAndTheFirstOfEqualLines() {
    let lines = [
      BudgetLine(account: "6", label: "Tout", amount: .zero),
      BudgetLine(account: "657", label: "Aides", amount: .zero),
      BudgetLine(account: "6571", label: "Reversements", amount: .zero),
      BudgetLine(account: "6571", label: "Doublon", amount: .zero),
      BudgetLine(account: "", label: "Vide", amount: .zero),
    ]
    #expect(LedgerSummary.longestPrefixLine(of: "657100", in: lines) == 2)
    #expect(LedgerSummary.longestPrefixLine(of: "657200", in: lines) == 1)
    #expect(LedgerSummary.longestPrefixLine(of: "601", in: lines) == 0)
    #expect(LedgerSummary.longestPrefixLine(of: "701", in: lines) == nil)
  }

  @Test func toDateStopsAtTheMonthsLastDay() throws {
    var text = Accounting.header
    text += Accounting.line("1", "20190228", "606400", "28", "0")
    text += Accounting.line("1", "20190228", "512000", "0", "28")
    text += Accounting.line("2", "20190301", "606400", "1", "0")
    text += Accounting.line("2", "20190301", "512000", "0", "1")
    text += Accounting.line("3", "20190630", "606400", "630", "0")
    text += Accounting.line("3", "20190630", "512000", "0", "630")
    text += Accounting.line("4", "20190701", "606400", "701", "0")
    text += Accounting.line("4", "20190701", "512000", "0", "701")
    let summary = try Accounting.read(text)
    let budget = try Accounting.budget2019()
    func charges(_ month: Int) -> Money {
      summary.execution(of: budget, through: Accounting.month(2019, month)).chargesActual
    }
    #expect(charges(1) == .zero)
    #expect(charges(2) == Money(units: 28))
    #expect(charges(3) == Money(units: 29))
    #expect(charges(6) == Money(units: 659))
    #expect(charges(7) == Money(units: 1360))
    #expect(Accounting.month(2019, 2).lastDay == CalendarDate(year: 2019, month: 2, day: 28))
    #expect(Accounting.month(2020, 2).lastDay == CalendarDate(year: 2020, month: 2, day: 29))
    #expect(YearMonth(year: 2019, month: 13) == nil)

    // 29 February in a leap year counts in February.
    var leap = Accounting.header
    leap += Accounting.line("1", "20200229", "606400", "29", "0")
    leap += Accounting.line("1", "20200229", "512000", "0", "29")
    let february = try Accounting.read(leap).execution(
      of: budget, through: Accounting.month(2020, 2))
    #expect(february.chargesActual == Money(units: 29))
    #expect(february.cumulative.map(\.charges) == [.zero, Money(units: 29)])

    // A later year counts the whole fiscal year; an earlier one counts nothing.
    let later = summary.execution(of: budget, through: Accounting.month(2020, 1))
    #expect(later.chargesActual == Money(units: 1360) && later.cumulative.count == 12)
    let earlier = summary.execution(of: budget, through: Accounting.month(2018, 12))
    #expect(earlier.chargesActual == .zero && earlier.cumulative.isEmpty)
  }

  @Test(arguments: 1...12)
  func the2019FileAddsUpToTheCent(month: Int) throws {
    let file = Accounting.fixture("fec-2019.txt")
    let summary = try FECReader(fiscalYear: 2019).read(path: file)
    let budget = try Accounting.budget2019()
    let through = Accounting.month(2019, month)
    let execution = summary.execution(of: budget, through: through)
    let independent = try IndependentSum(file: file)
    let last = "2019" + (month < 10 ? "0" : "") + "\(month)" + "\(through.lastDay.day)"

    let charges = independent.sum("6", through: last)
    let products = independent.sum("7", through: last, credit: true)
    #expect(execution.chargesActual == charges)
    #expect(execution.productsActual == products)
    #expect(execution.charges.map(\.actual).sum() + execution.offBudgetChargesTotal == charges)
    #expect(
      execution.products.map(\.actual).sum() + execution.offBudgetProductsTotal == products)
    for line in execution.charges where line.line.account.count == 2 && line.line.account != "65" {
      #expect(line.actual == independent.sum(line.line.account, through: last))
    }
    let sixtyFive =
      independent.sum("65", through: last) - independent.sum("6571", through: last)
      - independent.sum("6572", through: last)
    #expect(execution.charges.first { $0.line.account == "65" }?.actual == sixtyFive)
    for line in execution.products where line.line.account != "76" {
      #expect(line.actual == independent.sum(line.line.account, through: last, credit: true))
    }
    let regional = independent.sum("6571", through: last) + independent.sum("6572", through: last)
    #expect(execution.regionalActual == regional)
    #expect(execution.beneficiaries.map(\.amount).sum() == regional)
    let ara = execution.beneficiaries.first { $0.account == "ARA" }
    #expect(ara?.amount == independent.sum("657", through: last, auxiliary: "ARA"))
    #expect(ara?.label == "Chantier école Auvergne-Rhône-Alpes")
    #expect(execution.offBudgetCharges.map(\.account) == (month >= 7 ? ["671200"] : []))
    #expect(execution.offBudgetProducts.map(\.account) == (month >= 9 ? ["771800"] : []))
    #expect(execution.cumulative.count == month)
    #expect(execution.cumulative.last?.charges == charges)
    #expect(execution.cumulative.last?.products == products)
    #expect(execution.cumulative.last?.month == through)
  }

  @Test func linesTellWhatIsLeft() {
    let line = LineExecution(
      line: BudgetLine(account: "60", label: "Achats", amount: Money(units: 48_000)),
      actual: Money(units: 12_000), accounts: ["606400"])
    #expect(line.remaining == Money(units: 36_000))
    #expect(line.rate.roundedPercent == 25)
  }
}
