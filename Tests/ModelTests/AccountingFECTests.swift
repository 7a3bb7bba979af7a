import Foundation
import TestSupport
import Testing

@testable import ReportModel

@Suite struct AccountingFECTests {
  /// The small fixtures hold the same three entries in every form the reader accepts.
  @Test(arguments: [
    ("fec-tab-utf8.txt", Character("\t"), SourceEncoding.utf8, false, false),
    ("fec-pipe-utf8-bom-crlf.txt", "|", .utf8, true, true),
    ("fec-tab-iso8859-15.txt", "\t", .iso8859_15, false, false),
    ("fec-montant-sens.txt", "|", .utf8, false, false),
  ])
  func readsEveryEncodingAndSeparator(
    file: String, separator: Character, encoding: SourceEncoding, bom: Bool, crlf: Bool
  ) throws {
    let summary = try FECReader().read(path: Accounting.fixture(file))
    #expect(summary.format.separator == separator)
    #expect(summary.format.encoding == encoding)
    #expect(summary.format.hasByteOrderMark == bom)
    #expect(summary.format.usesCRLF == crlf)
    #expect(
      summary.format.amountLayout
        == (file.contains("sens") ? .amountAndDirection : .debitCredit))
    #expect(summary.fiscalYear == 2019)
    #expect(summary.lineCount == 6)
    #expect(summary.entryCount == 3)
    #expect(summary.monthsWithEntries == [1, 2, 3])
    #expect(
      summary.accounts.map(\.number) == [
        "401000", "411000", "512000", "606300", "657100", "756000",
      ])
    // Accents, € (0xA4 in ISO-8859-15) and œ (0xBD) decoded, not Latin-1's ¤ and ½.
    #expect(summary.account("606300")?.label == "Petit équipement de moins de 500 €")
    #expect(summary.account("756000")?.label == "Cotisations (œuvres sociales)")
    #expect(summary.account("657100")?.label == "Reversements aux associations régionales")
    let supplies = try #require(summary.account("606300")).totals
    #expect(supplies.debits[0] == Money(cents: 125_050))
    #expect(supplies.totalCredit == .zero)
    let bank = try #require(summary.account("512000")).totals
    #expect(bank.credits[1] == Money(units: 10_000))
    let dues = try #require(summary.account("756000")).totals
    #expect(dues.credits[2] == Money(units: 500) && dues.totalDebit == .zero)
    #expect(
      summary.beneficiaries == [
        BeneficiaryAccount(
          number: "ARA", label: "Chantier école Auvergne-Rhône-Alpes",
          totals: MonthlyTotals(
            debits: [.zero, Money(units: 10_000)] + Array(repeating: .zero, count: 10)))
      ])
  }

  @Test func readsTheRealistic2019File() throws {
    let summary = try FECReader(fiscalYear: 2019).read(path: Accounting.fixture("fec-2019.txt"))
    #expect(summary.lineCount == 872)
    #expect(summary.monthsWithEntries == Set(1...12))
    #expect(
      summary.format
        == FECFormat(
          separator: "\t", encoding: .utf8, hasByteOrderMark: false, usesCRLF: false,
          amountLayout: .debitCredit))
    #expect(summary.beneficiaries.count == 15)  // 11 regional associations and 4 actors
    let ara = try #require(summary.beneficiaries.first { $0.number == "ARA" })
    #expect(ara.label == "Chantier école Auvergne-Rhône-Alpes")
    // Every account balances over the file: the sum of all debits equals all credits.
    let debits = summary.accounts.map(\.totals.totalDebit).sum()
    let credits = summary.accounts.map(\.totals.totalCredit).sum()
    #expect(debits == credits)
  }

  @Test func linesCutAcrossChunksReadTheSame() throws {
    let text = try String(contentsOfFile: Accounting.fixture("fec-2019.txt"), encoding: .utf8)
    let whole = try Accounting.read(text)
    for chunkSize in [16, 100, 4093] {
      #expect(try Accounting.read(text, chunkSize: chunkSize) == whole)
    }
    let bom = try Data(
      contentsOf: URL(fileURLWithPath: Accounting.fixture("fec-tab-iso8859-15.txt")))
    var reader = FECReader()
    reader.chunkSize = 16
    #expect(try reader.read(data: bom, path: "x").account("606300")?.label.hasSuffix("€") == true)
  }

  @Test func aHeaderOnlyFileHasNoEntries() throws {
    let summary = try FECReader().read(path: Accounting.fixture("fec-header-only.txt"))
    #expect(summary.lineCount == 0 && summary.accounts.isEmpty && summary.fiscalYear == nil)
    #expect(summary.monthsWithEntries.isEmpty)
    // Without a final line end, and with empty lines at the end: still valid.
    #expect(try Accounting.read(String(Accounting.header.dropLast())).lineCount == 0)
    let line =
      Accounting.line("1", "20190105", "606400", "10,00", "0")
      + Accounting.line(
        "1", "20190105", "512000", "0", "10")
    #expect(try Accounting.read(Accounting.header + line + "\n\r\n").lineCount == 2)
  }

  @Test func anEmptyFileIsAProblem() throws {
    let problems = Accounting.problems("")
    #expect(problems.map(\.message) == ["the file is empty"])
  }

  @Test func aBadAmountNamesItsLineColumnAndField() throws {
    let problems = Accounting.problems(file: "fec-bad-amount.txt")
    #expect(problems.count == 1)
    let problem = try #require(problems.first)
    #expect(problem.location.file == Accounting.fixture("fec-bad-amount.txt"))
    #expect(problem.location.line == 3)
    // "Fournitures €" precedes: 104 characters, 106 bytes.
    #expect(problem.location.column == 104)
    #expect(problem.field == "Credit")
    #expect(problem.message == "`1 250,50` is not an amount")
    #expect(problem.hint?.contains("decimal comma") == true)
    let text = try String(contentsOfFile: Accounting.fixture("fec-bad-amount.txt"), encoding: .utf8)
    let line = String(text.split(separator: "\n")[2])
    #expect(Accounting.column(of: 12, in: line) == 104)
    // The same line in ISO-8859-15 (one byte per character): the same column.
    let iso = Accounting.problems(file: "fec-bad-amount-iso8859-15.txt")
    #expect(iso.first?.location.line == 3 && iso.first?.location.column == 104)
    #expect(
      iso.first?.description.hasPrefix(
        Accounting.fixture("fec-bad-amount-iso8859-15.txt") + ":3:104: error: Credit: ") == true)
  }

  @Test func aShortLineNamesTheFirstMissingColumn() throws {
    let problems = Accounting.problems(file: "fec-short-line.txt")
    let problem = try #require(problems.first)
    #expect(problems.count == 1)  // the entry's balance is not checked with a line missing
    #expect(problem.location.line == 4)
    let cut = "BQ\tBanque\tBQ00001\t20190228\t657100\tReversements aux associations régionales"
    #expect(problem.location.column == cut.count + 1)
    #expect(problem.field == "CompAuxNum")
    #expect(problem.message.hasPrefix("the line has 6 fields where a FEC has 18"))
  }

  @Test func anUnbalancedEntryNamesItsFirstLineAndDifference() throws {
    let problems = Accounting.problems(file: "fec-unbalanced.txt")
    let problem = try #require(problems.first)
    #expect(problems.count == 1)
    #expect(problem.location.line == 4)
    #expect(problem.location.column == 11)  // EcritureNum after "BQ\tBanque\t"
    #expect(problem.field == "EcritureNum")
    #expect(
      problem.message
        == "entry `BQ00001` of journal `BQ` does not balance: debits 10000,00, credits 9999,99,"
        + " difference 0,01")
  }

  @Test func aWrongHeaderIsOneProblemNamingTheColumns() throws {
    let problems = Accounting.problems(file: "fec-wrong-header.txt")
    #expect(problems.count == 1)
    let problem = try #require(problems.first)
    #expect(problem.location.line == 1)
    #expect(problem.location.column == 49)
    #expect(problem.field == "CompteNum")
    #expect(problem.message == "column 5 of the header is `NumCompte` where a FEC has `CompteNum`")
    #expect(problem.hint?.contains(FECColumn.allCases.map(\.name).joined(separator: " ")) == true)
    let noSeparator = Accounting.problems("JournalCode;JournalLib\n")
    #expect(noSeparator.first?.message.contains("no tab or `|`") == true)
    let short = Accounting.problems("JournalCode\tJournalLib\n")
    #expect(short.first?.message.contains("`EcritureNum` is missing") == true)
    #expect(short.first?.location.column == 23)
  }

  @Test func headersCompareWithoutCase() throws {
    let header = Accounting.header.lowercased().replacingOccurrences(of: "\t", with: "|")
    let line =
      Accounting.line("1", "20190105", "606400", "10", "0")
      + Accounting.line("1", "20190105", "512000", "0", "10")
    let summary = try Accounting.read(header + line.replacingOccurrences(of: "\t", with: "|"))
    #expect(summary.format.separator == "|")
    #expect(summary.account("606400")?.totals.totalDebit == Money(units: 10))
  }

  @Test func aSeparatorAtTheEndOfEachLineIsAccepted() throws {
    let header = Accounting.header.replacingOccurrences(of: "\n", with: "\t\n")
    let lines =
      Accounting.line("1", "20190105", "606400", "10", "0").replacingOccurrences(
        of: "\n", with: "\t\n") + Accounting.line("1", "20190105", "512000", "0", "10")
    #expect(try Accounting.read(header + lines).lineCount == 2)
    // A separator inside a label makes one field too many.
    let extra = Accounting.line("1", "20190105", "512000", "0", "10", label: "Banque\tBNP")
    let problems = Accounting.problems(Accounting.header + extra)
    #expect(problems.map(\.field) == ["Idevise"])
    #expect(problems.first?.message.hasPrefix("the line has 19 fields") == true)
  }

  @Test func everyBadFieldIsReported() throws {
    var text = Accounting.header
    text += Accounting.line("1", "20190230", "606400", "10", "0")  // 2: no 30 February
    text += Accounting.line("1", "20190105", "", "0", "10")  // 3: empty CompteNum
    text += Accounting.line("2", "20190105", "606400", "1,234", "0")  // 4: three decimals
    text += Accounting.line("2", "20190105", "512000", "", "")  // 5: no amount
    text += Accounting.line("", "20190105", "512000", "1", "0")  // 6: empty EcritureNum
    text += "\n"  // 7: an empty line inside the file
    text += Accounting.line("3", "2019-01-05", "512000", "1", "0")  // 8: not YYYYMMDD
    text += Accounting.line("3", "20190105", "512000", "0", "1x")  // 9
    let problems = Accounting.problems(text)
    #expect(
      problems.map { "\($0.location.line ?? 0) \($0.field)" } == [
        "2 EcritureDate", "3 CompteNum", "4 Debit", "5 Debit", "6 EcritureNum", "7 ",
        "8 EcritureDate", "9 Credit",
      ])
    #expect(problems[0].message == "`20190230` is not a date")
    #expect(problems[1].message == "must not be empty")
    #expect(problems[3].message == "no amount: Debit and Credit are both empty")
    #expect(problems[5].message == "empty line")
    #expect(problems.allSatisfy { $0.location.column != nil && $0.hint != nil })
  }

  @Test func montantSensRefusesAnUnknownDirection() throws {
    let text = try String(
      contentsOfFile: Accounting.fixture("fec-montant-sens.txt"), encoding: .utf8)
    let broken = text.replacingOccurrences(of: "|500,00|C|", with: "|500,00|X|")
    let problems = Accounting.problems(broken)
    #expect(problems.map(\.field) == ["Sens"])
    #expect(problems.first?.location.line == 7)
    #expect(problems.first?.message == "`X` is not a direction")
  }

  @Test func aLineWithBothDebitAndCreditIsKept() throws {
    let text =
      Accounting.header + Accounting.line("1", "20190105", "606400", "100,00", "30,00")
      + Accounting.line("1", "20190105", "512000", "0,00", "70,00")
    let summary = try Accounting.read(text)
    let totals = try #require(summary.account("606400")).totals
    #expect(totals.debits[0] == Money(units: 100) && totals.credits[0] == Money(units: 30))
  }

  @Test func anEntrySplitOverSeveralRunsBalancesAsAWhole() throws {
    var text = Accounting.header
    text += Accounting.line("1", "20190105", "606400", "100", "0")
    text += Accounting.line("2", "20190105", "606400", "5", "0")
    text += Accounting.line("2", "20190105", "512000", "0", "5")
    text += Accounting.line("1", "20190105", "512000", "0", "100")
    let summary = try Accounting.read(text)
    // Two entries: entry 1's second run is no entry of its own.
    #expect(summary.entryCount == 2)
    // The same entry number in another journal is another entry.
    var other = Accounting.header
    other += Accounting.line("1", "20190105", "606400", "100", "0", journal: "AC")
    other += Accounting.line("1", "20190105", "512000", "0", "100", journal: "BQ")
    let problems = Accounting.problems(other)
    #expect(problems.map(\.location.line) == [2, 3])
    #expect(problems.allSatisfy { $0.field == "EcritureNum" })
  }

  @Test func linesOutsideTheFiscalYearAreOneProblem() throws {
    var text = Accounting.header
    text += Accounting.line("1", "20181231", "606400", "10", "0")
    text += Accounting.line("1", "20181231", "512000", "0", "10")
    text += Accounting.line("2", "20190101", "606400", "10", "0")
    text += Accounting.line("2", "20190101", "512000", "0", "10")
    let given = Accounting.problems(text, year: 2019)
    #expect(given.map(\.location.line) == [2])
    #expect(given.map(\.location.column) == [14])  // EcritureDate, after "OD\tJournal\t1\t"
    #expect(
      given.first?.message
        == "2 lines are outside the fiscal year 2019 (2019-01-01 – 2019-12-31), the first dated"
        + " 2018-12-31")
    #expect(given.first?.hint?.contains("fiscal_year") == true)
    // Without a year, the first entry's year is the fiscal year.
    let taken = Accounting.problems(text)
    #expect(taken.map(\.location.line) == [4])
    #expect(taken.first?.message.hasPrefix("2 lines are outside the fiscal year 2018") == true)
  }

  @Test func aFileOfAnotherYearIsOneProblemNamingTheYearItCovers() throws {
    var text = Accounting.header
    for index in 0..<60 {
      text += Accounting.line("\(index)", "20190105", "606400", "10", "0")
      text += Accounting.line("\(index)", "20190105", "512000", "0", "10")
    }
    let problems = Accounting.problems(text, year: 2020)
    #expect(problems.count == 1)
    #expect(
      problems.first?.message
        == "every line is outside the fiscal year 2020 (2020-01-01 – 2020-12-31): its entries are"
        + " dated 2019-01-05 to 2019-01-05")
    #expect(problems.first?.hint?.contains("--year 2019") == true)
    // A legal name gives the closing date: asked for 2020, one problem saying 2018-2019.
    var reader = FECReader(
      rule: .rule(fiscalYear: nil, file: "123456789FEC20190831.txt", year: 2020),
      requestedYear: 2020)
    reader.chunkSize = 1 << 20
    let september =
      Accounting.header + Accounting.line("1", "20180901", "606400", "1", "0")
      + Accounting.line("1", "20180901", "512000", "0", "1")
    let error = try #require(throws: DataError.self) {
      try reader.read(data: Data(september.utf8), path: "123456789FEC20190831.txt")
    }
    #expect(error.problems.count == 1)
    #expect(
      error.problems.first?.message
        == "the file covers the fiscal year 2018-2019 (2018-09-01 – 2019-08-31), not 2020: its"
        + " entries are dated 2018-09-01 to 2018-09-01")
    #expect(error.problems.first?.hint?.contains("--year 2019") == true)
  }

  @Test func aYearNoCalendarHoldsIsAProblemNotASilentlyEmptyFile() throws {
    var text = Accounting.header
    text += Accounting.line("1", "20190105", "606400", "10", "0")
    text += Accounting.line("1", "20190105", "512000", "0", "10")
    let problems = Accounting.problems(text, year: 0)
    #expect(problems.count == 1)
    #expect(problems.first?.location.line == 2)
    // A legal-looking name with an impossible or ancient closing date is no legal name.
    #expect(FECFileName.closingDate(of: "123456789FEC00010131.txt") == nil)
  }

  @Test func linesWithMoreFieldsThanKeptAreCutSafely() throws {
    // 70 fields on the header, then a shorter line, then 70 again: the fold of the
    // fields past the 64th starts in the line itself (the fuzzer found a stale start).
    let wide = (0..<70).map { "C\($0)" }.joined(separator: "\t")
    let text = Accounting.header.dropLast() + "\t" + wide + "\nA\tB\n" + wide + "\n"
    let problems = Accounting.problems(String(text))
    #expect(!problems.isEmpty)
    for chunkSize in [16, 1 << 20] {
      _ = try? Accounting.read(String(text), chunkSize: chunkSize)
    }
    let regression = try Data(
      contentsOf: URL(
        fileURLWithPath: Repository.path("Fuzz/Regressions/FuzzFEC/fold-start-of-a-later-line")))
    #expect(throws: DataError.self) {
      try FECReader(fiscalYear: 2019).read(data: regression, path: "x")
    }
  }

  @Test func leapDaysAreDates() throws {
    var text = Accounting.header
    text += Accounting.line("1", "20200229", "606400", "10", "0")
    text += Accounting.line("1", "20200229", "512000", "0", "10")
    #expect(try Accounting.read(text).monthsWithEntries == [2])
    #expect(Accounting.problems(text.replacingOccurrences(of: "2020", with: "2019")).count == 2)
  }

  @Test func allProblemsAreKeptAndTheReportShowsTheFirstFifty() throws {
    var text = Accounting.header
    for index in 0..<60 {
      text += Accounting.line("\(index)", "20190105", "606400", "1.2.3", "0")
    }
    let error = try #require(throws: DataError.self) { try Accounting.read(text) }
    #expect(error.problems.count == 60)
    let report = error.description  // the first 50, then a count
    let lines = report.split(separator: "\n").filter { !$0.hasPrefix("  hint:") }
    #expect(lines.count == 51)
    #expect(lines.first?.hasPrefix("test.txt:2:") == true)
    #expect(lines.last == "… and 10 more problems")
    let all = error.report(limit: 60)
    #expect(all.split(separator: "\n").count == 120)  // every problem and its hint
    #expect(!all.contains("more problem"))
    #expect(error.report(limit: 59).hasSuffix("\n… and 1 more problem"))
    #expect(error.report(limit: 0) == "… and 60 more problems")
  }

  @Test func sumsTooLargeToCountAreRefusedNotCrashed() throws {
    var text = Accounting.header
    for index in 0..<46_200 {  // 92 400 lines of 1 000 000 000 000 €: beyond Int64 cents
      text += Accounting.line("\(index)", "20190105", "606400", "1000000000000,00", "0")
      text += Accounting.line("\(index)", "20190105", "512000", "0", "1000000000000,00")
    }
    let problems = Accounting.problems(text)
    #expect(problems.map(\.message) == ["the amounts add up beyond what can be counted"])
    #expect(problems.first?.location.line == 92_235)  // entry line 92 234, after the header
  }

  @Test(arguments: ["\n", "\r\n", "\r", "\r\r\n"])
  func everyLineEndIsRead(_ end: String) throws {
    let lines =
      Accounting.header + Accounting.line("1", "20190105", "606400", "10,00", "0")
      + Accounting.line("1", "20190105", "512000", "0", "10,00")
    let text = lines.replacingOccurrences(of: "\n", with: end)
    for chunkSize in [16, 1 << 20] {
      let summary = try Accounting.read(text, chunkSize: chunkSize)
      #expect(summary.lineCount == 2)
      #expect(summary.entryCount == 1)
      #expect(summary.format.lineEnd == (end == "\r" ? .cr : .lf))
      #expect(summary.format.usesCRLF == end.hasSuffix("\r\n"))
      #expect(summary.account("606400")?.totals.totalDebit == Money(units: 10))
    }
  }

  @Test func amountsParseExactly() {
    func cents(_ text: String) -> Int64? { FECTokenizer.amount(of: text) }
    #expect(cents("1250,50") == 125_050)
    #expect(cents("1250.5") == 125_050)
    #expect(cents("0,01") == 1)
    #expect(cents("-3") == -300)
    #expect(cents("12") == 1200)
    #expect(cents(",5") == 50)
    #expect(cents("1,234") == nil)
    #expect(cents("1 250,00") == nil)
    #expect(cents("1,2,3") == nil)
    #expect(cents("-") == nil)
    #expect(cents("1000000000000000") == nil)
    // Padded amounts: leading zeros (also past 15 digits), spaces around.
    #expect(cents("0000000069,60") == 6960)
    #expect(cents("00000000000000000069,60") == 6960)
    #expect(cents("  12,00 ") == 1200)
    #expect(cents("-0005") == -500)
    // One sign, in front: a second one, or one after the zeros, is no amount.
    #expect(cents("--5,00") == nil)
    #expect(cents("-+5,00") == nil)
    #expect(cents("0-5,00") == nil)
    #expect(cents("0,50") == 50)
    #expect(cents("000") == 0)
  }

  @Test func aMissingFileIsAProblem() {
    let problems = Accounting.problems(file: "no-such-file.txt")
    #expect(problems.map(\.message) == ["cannot read the file"])
  }
}
