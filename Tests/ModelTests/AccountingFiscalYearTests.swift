import Foundation
import TestSupport
import Testing

@testable import ReportModel

/// Fiscal years, budget-line profiles, prorating, reconciliation and the choice of a FEC.
@Suite struct AccountingFiscalYearTests {
  static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    guard let date = CalendarDate(year: year, month: month, day: day) else {
      preconditionFailure("not a date")
    }
    return date
  }

  static let schoolYear = FiscalYear(
    start: date(2018, 9, 1), end: date(2019, 8, 31), origin: .yearFile)

  static let yearFile = """
    organisation:
      name: "Réseau"
    document:
      title: "Plan"
    axes:
      - id: a
        title: "Axe A"
    fiscal_year: {start: 2018-09-01, end: 2019-08-31}
    budget:
      charges:
        - { account: "60", label: "Achats", amount: 1200 }
        - { account: "68", label: "Dotations", amount: 9000, profile: closing }
        - account: "62"
          label: "Séminaire"
          amount: 1000
          profile:
            monthly: [0, 0, 0, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 0]
      products:
        - { account: "70", label: "Ventes", amount: 11200, profile: linear }
    """

  static func problems(_ yaml: String) -> [DataProblem] {
    do {
      _ = try YearLoader().load(data: Data(yaml.utf8), path: "test.yaml")
      return []
    } catch {
      return error.problems
    }
  }

  @Test func monthsOfASchoolYear() throws {
    let year = try #require(Self.schoolYear)
    #expect(year.monthCount == 12 && !year.isIrregular && year.name == "2018-2019")
    #expect(year.months.first == YearMonth(year: 2018, month: 9))
    #expect(year.months.last == YearMonth(year: 2019, month: 8))
    #expect(year.month(numbered: 3) == YearMonth(year: 2019, month: 3))
    #expect(year.month(numbered: 10) == YearMonth(year: 2018, month: 10))
    #expect(year.month(numbered: 13) == nil)
    let march = try #require(YearMonth(year: 2019, month: 3))
    #expect(year.monthsElapsed(through: march) == 7)
    #expect(year.index(of: march) == 6)
    #expect(year.monthsElapsed(through: try #require(YearMonth(year: 2018, month: 8))) == 0)
    #expect(year.monthsElapsed(through: try #require(YearMonth(year: 2020, month: 1))) == 12)
    #expect(year.isNamed(2019) && year.isNamed(2018) && !year.isNamed(2020))
    #expect(FiscalYear.calendar(2019)?.name == "2019")
    let closing = FiscalYear.twelveMonths(endingOn: Self.date(2020, 2, 29), origin: .calendar)
    #expect(closing?.start == Self.date(2019, 3, 1))
    #expect(Self.date(2019, 8, 31).adding(months: -6) == Self.date(2019, 2, 28))
    #expect(FiscalYear(start: Self.date(2019, 1, 1), end: Self.date(2018, 12, 31)) == nil)
    #expect(FiscalYear(start: Self.date(2018, 1, 1), end: Self.date(2020, 1, 1)) == nil)
  }

  @Test func legalNamesGiveTheClosingDate() {
    #expect(FECFileName.closingDate(of: "123456789FEC20190831.txt") == Self.date(2019, 8, 31))
    #expect(FECFileName.closingDate(of: "data/2019/fec/123456789fec20191231") != nil)
    #expect(FECFileName.closingDate(of: "FEC_juin.txt") == nil)
    #expect(FECFileName.closingDate(of: "123456789FEC20190231.txt") == nil)
    #expect(FECFileName.closingDate(of: "12345678XFEC20190831.txt") == nil)
    #expect(FECFileName.closingDate(of: "123456789FEC201908311.txt") == nil)
    let named = FiscalYearRule.rule(fiscalYear: nil, file: "123456789FEC20190831.txt", year: 2019)
    #expect(named == .closing(Self.date(2019, 8, 31), file: "123456789FEC20190831.txt"))
    #expect(FiscalYearRule.rule(fiscalYear: nil, file: "fec.txt", year: 2019) == .calendar(2019))
    #expect(FiscalYearRule.rule(fiscalYear: nil, file: "fec.txt", year: nil) == .firstEntry)
  }

  @Test func theYearFileSaysTheFiscalYearAndProfiles() throws {
    let year = try YearLoader().load(data: Data(Self.yearFile.utf8), path: "test.yaml").year
    #expect(year.fiscalYear == Self.schoolYear)
    #expect(
      year.budget.charges.map(\.profile) == [
        .linear, .closing, .monthly([0, 0, 0, 500_000, 500_000, 0, 0, 0, 0, 0, 0, 0]),
      ])
    #expect(year.budget.products.first?.profile == .linear)
    // Without the key, no fiscal year: the FEC's name or the calendar year decide.
    let without = Self.yearFile.replacingOccurrences(
      of: "fiscal_year: {start: 2018-09-01, end: 2019-08-31}\n", with: "")
    #expect(try YearLoader().load(data: Data(without.utf8), path: "t").year.fiscalYear == nil)
  }

  @Test func badFiscalYearsAndProfilesNameTheirLine() {
    func problem(_ from: String, _ to: String) -> DataProblem? {
      let yaml = Self.yearFile.replacingOccurrences(of: from, with: to)
      #expect(yaml != Self.yearFile)
      let problems = Self.problems(yaml)
      #expect(problems.count == 1, "\(problems)")
      return problems.first
    }
    let reversed = problem("end: 2019-08-31", "end: 2018-08-31")
    #expect(reversed?.field == "fiscal_year.end" && reversed?.location.line == 8)
    #expect(reversed?.message == "the fiscal year ends (2018-08-31) before it starts (2018-09-01)")
    let notDate = problem("start: 2018-09-01", "start: 2018-9-1")
    #expect(notDate?.field == "fiscal_year.start" && notDate?.message == "`2018-9-1` is not a date")
    let sum = problem("[0, 0, 0, 0.5, 0.5,", "[0, 0, 0, 0.5, 0.45,")
    #expect(sum?.field == "budget.charges[2].profile.monthly")
    #expect(sum?.message == "the 12 shares add up to 0.95, not 1")
    #expect(sum?.location.line == 17)
    let eleven = problem("[0, 0, 0, 0.5, 0.5, 0,", "[0, 0, 0.5, 0.5, 0,")
    #expect(eleven?.message == "11 shares where a year has 12 months")
    let share = problem("0.5, 0.5, 0, 0,", "0.5, 0.5, x, 0,")
    #expect(share?.field == "budget.charges[2].profile.monthly[5]")
    let unknown = problem("profile: closing", "profile: closin")
    #expect(unknown?.message == "unknown profile `closin`")
    #expect(unknown?.hint?.hasPrefix("did you mean `closing`?") == true)
  }

  @Test func profilesProrate() {
    let amount = Money(units: 1200)
    #expect(BudgetProfile.linear.prorate(amount, elapsed: 7, of: 12) == Money(units: 700))
    #expect(BudgetProfile.closing.prorate(amount, elapsed: 11, of: 12) == .zero)
    #expect(BudgetProfile.closing.prorate(amount, elapsed: 12, of: 12) == amount)
    let seminar = BudgetProfile.monthly([0, 0, 0, 500_000, 500_000, 0, 0, 0, 0, 0, 0, 0])
    #expect(seminar.prorate(amount, elapsed: 4, of: 12) == Money(units: 600))
    #expect(seminar.prorate(amount, elapsed: 5, of: 12) == amount)
    // Shares adding up to 0.9996 still give the whole amount at the year's end.
    let twelfths = BudgetProfile.monthly(Array(repeating: 83_300, count: 12))
    #expect(twelfths.prorate(amount, elapsed: 12, of: 12) == amount)
    #expect(twelfths.prorate(amount, elapsed: 6, of: 12) == Money(units: 600))
    // Halves of a cent go away from zero, both ways (1 cent × 1/2).
    #expect(BudgetProfile.linear.prorate(Money(cents: 1), elapsed: 6, of: 12) == Money(cents: 1))
    #expect(
      BudgetProfile.linear.prorate(Money(cents: -1), elapsed: 6, of: 12) == Money(cents: -1))
    #expect(
      BudgetProfile.linear.prorate(Money(units: -100), elapsed: 12, of: 12) == Money(units: -100))
    #expect(
      BudgetProfile.linear.prorate(Money(units: -100), elapsed: 6, of: 12) == Money(units: -50))
    // The old composer rule, on positive amounts: (2·a·m + 12) / 24.
    for cents in [0, 1, 5, 99, 12_345, 43_840_000] as [Int64] {
      for month in 0...12 {
        #expect(
          BudgetProfile.linear.prorate(Money(cents: cents), elapsed: month, of: 12)
            == Money(cents: (cents * Int64(month) * 2 + 12) / 24))
      }
    }
    // The largest amounts do not overflow.
    let huge = Money(cents: 99_999_999_999_999_99)
    #expect(seminar.prorate(huge, elapsed: 4, of: 12) == Money(cents: 49_999_999_999_999_99 + 1))
    // An 18-month year: shares repeat, scaled so the whole year gets the whole amount.
    #expect(seminar.prorate(amount, elapsed: 18, of: 18) == amount)
    #expect(BudgetProfile.linear.prorate(amount, elapsed: 9, of: 18) == Money(units: 600))
  }

  @Test func executionProratesEachLineUnderItsProfile() throws {
    let year = try YearLoader().load(data: Data(Self.yearFile.utf8), path: "test.yaml").year
    let name = "123456789FEC20190831.txt"
    let summary = try FECReader(rule: .rule(fiscalYear: year.fiscalYear, file: name, year: 2019))
      .read(path: Accounting.fixture(name))
    let march = try #require(year.fiscalYear?.month(numbered: 3))
    let execution = summary.execution(of: year.budget, through: march)
    #expect(execution.monthsElapsed == 7 && execution.monthsInYear == 12)
    #expect(execution.charges.map(\.prorated) == [Money(units: 700), .zero, Money(units: 1000)])
    #expect(execution.products.map(\.prorated) == [Money(units: 6533) + Money(cents: 33)])
    #expect(execution.chargesProrated == Money(units: 1700))
    #expect(execution.prorated(Money(units: 1200)) == Money(units: 700))
    let december = try #require(year.fiscalYear?.month(numbered: 12))
    let early = summary.execution(of: year.budget, through: december)
    #expect(early.charges[2].prorated == Money(units: 500) && early.monthsElapsed == 4)
    let november = try #require(year.fiscalYear?.month(numbered: 11))
    #expect(summary.execution(of: year.budget, through: november).charges[2].prorated == .zero)
    let august = try #require(year.fiscalYear?.month(numbered: 8))
    let whole = summary.execution(of: year.budget, through: august)
    #expect(whole.charges.map(\.prorated) == year.budget.charges.map(\.amount))
    #expect(whole.charges[0].gapToProrated == whole.charges[0].actual - Money(units: 1200))
  }

  @Test(arguments: [3, 6, 8])
  func budgetedLinesAndOffBudgetAddUpToTheLedgersClasses(month: Int) throws {
    // On the realistic calendar file and on the school-year file, independently summed.
    let budget = try Accounting.budget2019()
    let calendar = try FECReader(fiscalYear: 2019).read(path: Accounting.fixture("fec-2019.txt"))
    let sum = try AccountingExecutionTests.IndependentSum(file: Accounting.fixture("fec-2019.txt"))
    let through = Accounting.month(2019, month)
    let last = "2019" + (month < 10 ? "0" : "") + "\(month)" + "\(through.lastDay.day)"
    let execution = calendar.execution(of: budget, through: through)
    for reconciliation in [execution.chargesReconciliation, execution.productsReconciliation] {
      #expect(reconciliation.balances)
      let independent =
        reconciliation.side == .charges
        ? sum.sum("6", through: last) : sum.sum("7", through: last, credit: true)
      #expect(reconciliation.ledgerTotal == independent)
      #expect(reconciliation.budgetedLines + reconciliation.offBudget == independent)
    }
    #expect(execution.chargesReconciliation.offBudget == execution.offBudgetChargesTotal)

    let name = "123456789FEC20190831.txt"
    let school = try FECReader(rule: .rule(fiscalYear: nil, file: name, year: 2019))
      .read(path: Accounting.fixture(name))
    let independent = try AccountingRealFECTests.Independent(file: Accounting.fixture(name))
    let year = try #require(school.period)
    let schoolMonth = try #require(year.month(numbered: month))
    let schoolExecution = school.execution(of: budget, through: schoolMonth)
    let expected = independent.toDate(schoolMonth, in: year)
    let charges = schoolExecution.chargesReconciliation
    #expect(charges.balances && charges.ledgerTotal == expected.charges)
    #expect(charges.budgetedLines + charges.offBudget == expected.charges)
    #expect(charges.offBudget == (month >= 3 ? Money(units: 350) : .zero))  // 671200
    let products = schoolExecution.productsReconciliation
    #expect(products.balances && products.ledgerTotal == expected.products)
  }

  @Test func aFolderOfExportsChoosesByClosingDateElseByLastEntry() throws {
    let folder = try temporaryFolder("fec-choice")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    func write(_ name: String, lastDate: String) throws {
      let text =
        Accounting.header + Accounting.line("1", "20190105", "606400", "1", "0")
        + Accounting.line("1", lastDate, "512000", "0", "1")
      try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }
    #expect(throws: DataError.self) { try FECChoice.choose(in: folder) }
    try write("FEC_juin.txt", lastDate: "20190630")
    #expect(try FECChoice.choose(in: folder).reason == .onlyFile)
    try write("FEC_mars.txt", lastDate: "20190331")
    let byEntries = try FECChoice.choose(in: folder)
    #expect(byEntries.file == folder + "/FEC_juin.txt")
    #expect(byEntries.reason == .lastEntryDate(Self.date(2019, 6, 30)))
    #expect(byEntries.others == ["FEC_mars.txt"])
    #expect(byEntries.description.hasSuffix("(the latest entries, 2019-06-30, of 2 files)"))
    try write("123456789FEC20181231.txt", lastDate: "20191231")
    try write("123456789FEC20191231.txt", lastDate: "20190331")
    let byName = try FECChoice.choose(in: folder)
    #expect(byName.file == folder + "/123456789FEC20191231.txt")
    #expect(byName.reason == .closingDate(Self.date(2019, 12, 31)))
    #expect(byName.others.count == 3)
  }

  @Test func anExportAfterTheLastEntryIsStale() throws {
    var text = Accounting.header
    text += Accounting.line("1", "20190331", "606400", "1", "0")
    text += Accounting.line("1", "20190331", "512000", "0", "1")
    let summary = try Accounting.read(text, year: 2019)
    #expect(summary.lastEntryDate == Self.date(2019, 3, 31))
    #expect(summary.staleness(through: Accounting.month(2019, 3)) == nil)
    let stale = try #require(summary.staleness(through: Accounting.month(2019, 9)))
    #expect(stale.severity == .warning)
    #expect(
      stale.message
        == "the accounting export's last entry is dated 2019-03-31: the export to 2019-09-30"
        + " shows nothing after it")
    let empty = try Accounting.read(Accounting.header, year: 2019)
    #expect(
      empty.staleness(through: Accounting.month(2019, 1))?.message.contains("no entry") == true)
  }
}
