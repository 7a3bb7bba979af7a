import Foundation
import TestSupport
import Testing

@testable import ReportModel

/// FEC files as real accounting software writes them (`make-real-fixtures.py`).
@Suite struct AccountingRealFECTests {
  static let name = "123456789FEC20190831.txt"
  static var path: String { Accounting.fixture(name) }

  /// Sums the fixture independently of the reader: a few lines of Python over its bytes,
  /// per calendar month (`YYYYMM`): class 6 debit − credit, class 7 credit − debit, in
  /// cents; and the number of lines, of `512…` lines and of journals.
  struct Independent: Decodable {
    var months: [String: [Int64]]
    var lines: Int
    var bank: Int
    var prefixes: [String: Int64]

    static let script = """
      import json, sys
      rows = [l.rstrip(b"\\r") for l in open(sys.argv[1], "rb").read().split(b"\\n")]
      rows = [r for r in rows if r]
      head = [c.strip().lower() for c in rows[0].split(b"|")]
      at = {n.decode(): k for k, n in enumerate(head)}
      cents = lambda s: int(s.strip().replace(b",", b""))
      months, bank, prefixes = {}, 0, {}
      for r in rows[1:]:
          f = r.split(b"|")
          account = f[at["comptenum"]].strip().decode()
          month = f[at["ecrituredate"]].strip().decode()[:6]
          value = cents(f[at["debit"]]) - cents(f[at["credit"]])
          sums = months.setdefault(month, [0, 0])
          if account[0] == "6": sums[0] += value
          if account[0] == "7": sums[1] -= value
          bank += account.startswith("512")
          for n in (2, 3, 4):
              sign = 1 if account[0] == "6" else -1
              prefixes[account[:n]] = prefixes.get(account[:n], 0) + sign * value
      print(json.dumps({"months": months, "lines": len(rows) - 1, "bank": bank,
                        "prefixes": prefixes}))
      """

    init(file: String) throws {
      let output = try run("python3", ["-c", Self.script, file])
      #expect(output.status == 0, "\(output.stderr)")
      self = try JSONDecoder().decode(Independent.self, from: Data(output.stdout.utf8))
    }

    /// Class 6 and 7 totals from the fiscal year's start to the end of `month`.
    func toDate(_ month: YearMonth, in year: FiscalYear) -> (charges: Money, products: Money) {
      var charges: Int64 = 0
      var products: Int64 = 0
      for each in year.months where each <= month {
        let key = "\(each.year)" + (each.month < 10 ? "0" : "") + "\(each.month)"
        charges += months[key]?[0] ?? 0
        products += months[key]?[1] ?? 0
      }
      return (Money(cents: charges), Money(cents: products))
    }
  }

  static func read(year: Int? = 2019) throws -> LedgerSummary {
    try FECReader(rule: .rule(fiscalYear: nil, file: path, year: year), requestedYear: year)
      .read(path: path)
  }

  @Test func readsEveryQuirkAtOnce() throws {
    let summary = try Self.read()
    let independent = try Independent(file: Self.path)
    let year = try #require(summary.period)
    #expect(year.start == CalendarDate(year: 2018, month: 9, day: 1))
    #expect(year.end == CalendarDate(year: 2019, month: 8, day: 31))
    #expect(year.origin == .fecName(Self.name))
    #expect(year.name == "2018-2019" && !year.isIrregular)
    #expect(summary.fiscalYear == 2019)
    #expect(summary.format.separator == "|")
    #expect(summary.format.lineEnd == .lf && summary.format.usesCRLF)
    #expect(summary.format.ignoredColumns == ["DateRglt", "ModeRglt", "NatOp", "IdClient"])
    // The € of "80 €/jour" is byte 0x80: Windows-1252, not ISO-8859-15.
    #expect(summary.format.encoding == .windows1252)
    #expect(summary.warnings.count == 1)
    #expect(summary.warnings.first?.severity == .warning)
    #expect(summary.warnings.first?.location.line == 6)  // the first label with an é
    #expect(summary.warnings.first?.message.contains("read as Windows-1252") == true)
    #expect(summary.lineCount == independent.lines)
    #expect(summary.account("671200")?.label == "Pénalités")
    #expect(summary.account("613200")?.label == "Locations immobilières")
    #expect(summary.entryMonths == year.months)
    #expect(summary.entryMonths.first == YearMonth(year: 2018, month: 9))
    #expect(summary.firstEntryDate == CalendarDate(year: 2018, month: 9, day: 1))
    #expect(summary.lastEntryDate == CalendarDate(year: 2019, month: 8, day: 31))
    // Entries are journal + date + piece: two purchases on the 5th are two entries.
    // 1 opening, 12 × (2 purchases, payroll, payment, sale), 4 grants, 2 closing-type.
    #expect(summary.entryCount == 1 + 12 * 5 + 4 + 2)
    #expect(summary.accounts.allSatisfy { $0.totals.count == 12 })
    let debits = summary.accounts.map(\.totals.totalDebit).sum()
    #expect(debits == summary.accounts.map(\.totals.totalCredit).sum())
  }

  @Test(arguments: 1...12)
  func totalsEqualAnIndependentSumToTheCent(month: Int) throws {
    let summary = try Self.read()
    let independent = try Independent(file: Self.path)
    let year = try #require(summary.period)
    let through = try #require(year.month(numbered: month))
    #expect(through.year == (month >= 9 ? 2018 : 2019))
    let execution = summary.execution(of: try Accounting.budget2019(), through: through)
    let expected = independent.toDate(through, in: year)
    #expect(execution.chargesActual == expected.charges)
    #expect(execution.productsActual == expected.products)
    #expect(execution.cumulative.count == year.monthsElapsed(through: through))
    #expect(execution.cumulative.first?.month == YearMonth(year: 2018, month: 9))
    #expect(execution.cumulative.last?.month == through)
    if month == 8 {
      // The whole year, per budget line, against the independent sums by prefix.
      for line in execution.charges where ["60", "61", "64", "68"].contains(line.line.account) {
        #expect(line.actual == Money(cents: independent.prefixes[line.line.account] ?? 0))
      }
      let grants = execution.products.first { $0.line.account == "741" }
      #expect(grants?.actual == Money(cents: independent.prefixes["741"] ?? 0))
      #expect(execution.offBudgetCharges.map(\.account) == ["671200"])
    }
  }

  @Test func theSameLinesReadTheSameWithEveryLineEnd() throws {
    let original = try Data(contentsOf: URL(fileURLWithPath: Self.path))
    let reference = try Self.read()
    for end in ["\n", "\r\n", "\r"] {
      let text = String(decoding: original, as: Unicode.ASCII.self)
      let data = Data(
        original.split(separator: 0x0A, omittingEmptySubsequences: true).map {
          Data($0.prefix { $0 != 0x0D }) + Data(end.utf8)
        }.joined())
      #expect(!text.isEmpty)
      var reader = FECReader(rule: .rule(fiscalYear: nil, file: Self.path, year: 2019))
      for chunkSize in [17, 1 << 20] {
        reader.chunkSize = chunkSize
        let summary = try reader.read(data: data, path: Self.path)
        #expect(summary.accounts == reference.accounts)
        #expect(summary.entryCount == reference.entryCount)
        #expect(summary.format.lineEnd == (end == "\r" ? .cr : .lf))
      }
    }
  }

  @Test func theLedgerKeepsEveryLineOfTheChosenAccounts() throws {
    let reader = FECReader(rule: .rule(fiscalYear: nil, file: Self.path, year: 2019))
    let (summary, lines) = try reader.read(path: Self.path, keepingLinesOf: ["512"])
    let independent = try Independent(file: Self.path)
    #expect(lines.count == independent.bank)
    #expect(lines.allSatisfy { $0.account == "512000" })
    #expect(lines.map(\.fileLine) == lines.map(\.fileLine).sorted())
    let bank = try #require(summary.account("512000")).totals
    #expect(lines.map(\.debit).sum() == bank.totalDebit)
    #expect(lines.map(\.credit).sum() == bank.totalCredit)
    let first = try #require(lines.first)
    #expect(first.fileLine == 2 && first.journal == "AN" && first.entryNumber == "0")
    #expect(first.date == CalendarDate(year: 2018, month: 9, day: 1))
    #expect(first.debit == Money(units: 85_000) && first.piece == "AN2018")
    #expect(lines.contains { $0.label == "Subvention 80 €/jour" && $0.journal == "BQ" })
    // With no prefix, every line.
    let all = try reader.read(path: Self.path, keepingLinesOf: []).lines
    #expect(all.count == independent.lines)
    #expect(all.first { $0.account == "657100" }?.auxiliaryLabel == "Chantier école ARA")
  }

  @Test func anUnbalancedGroupOfLinesWithoutNumberNamesJournalDateAndPiece() throws {
    var text = try String(contentsOfFile: Self.path, encoding: .isoLatin1)
    // The opening entry's second line: 85 000,00 → 84 999,99.
    text = text.replacingOccurrences(
      of: "0000000000,00|0000085000,00|", with: "0000000000,00|0000084999,99|")
    let data = try #require(text.data(using: .isoLatin1))
    let reader = FECReader(rule: .rule(fiscalYear: nil, file: Self.path, year: 2019))
    let error = try #require(throws: DataError.self) {
      try reader.read(data: data, path: Self.name)
    }
    #expect(error.problems.count == 1)
    #expect(error.problems.first?.location.line == 2)
    #expect(
      error.problems.first?.message
        == "the lines of journal `AN` dated 2018-09-01 with piece `AN2018` (EcritureNum 0) do not"
        + " balance: debits 85000,00, credits 84999,99, difference 0,01")
  }

  @Test func aMissingColumnIsAnErrorAndColumnsAreFoundByName() throws {
    let header =
      "IdClient|CompteNum|compteLib|journalCode|JournalLib|EcritureNum|EcritureDate|CompAuxNum|"
      + "CompAuxLib|PieceRef|PieceDate|EcritureLib|montant|SENS|EcritureLet|DateLet|ValidDate|"
      + "Montantdevise|Idevise"
    func line(_ account: String, _ number: String, _ amount: String, _ sens: String) -> String {
      "C1|\(account)|Compte|vt|Ventes|\(number)|20190105|||P1|20190105|Vente|\(amount)|\(sens)"
        + "|||20190105||"
    }
    let text =
      [
        header, line("411000", "VT-2019-0001", "120,00", "D"),
        line(
          "706000", "VT-2019-0001",
          "120,00", "C"),
        line("411000", "VT-2019-0002", "30", "+1"), line("706000", "VT-2019-0002", "30", "-1"),
      ].joined(separator: "\r") + "\r"
    let summary = try Accounting.read(text)
    #expect(summary.format.amountLayout == .amountAndDirection)
    #expect(summary.format.lineEnd == .cr)
    #expect(summary.format.ignoredColumns == ["IdClient"])
    #expect(summary.entryCount == 2)
    #expect(summary.account("706000")?.totals.totalCredit == Money(units: 150))
    #expect(summary.account("706000")?.label == "Compte")

    let missing = Accounting.problems(
      text.replacingOccurrences(of: "|CompteNum|", with: "|Account|"))
    #expect(missing.count == 1)
    #expect(missing.first?.field == "CompteNum")
    #expect(missing.first?.location.line == 1)
    #expect(missing.first?.message == "the header names 19 columns: `CompteNum` is missing")
    let twice = Accounting.problems(text.replacingOccurrences(of: "IdClient|", with: "SENS|"))
    #expect(twice.map(\.message) == ["the header names this column twice"])
  }

  @Test func aLongerFirstYearIsTakenFromTheEntries() throws {
    // Named for a closing on 31 August 2019, with entries from 1 March 2018: 18 months.
    var text = Accounting.header
    text += Accounting.line("1", "20180301", "606400", "10", "0")
    text += Accounting.line("1", "20180301", "512000", "0", "10")
    text += Accounting.line("2", "20190830", "606400", "5", "0")
    text += Accounting.line("2", "20190830", "512000", "0", "5")
    let name = "123456789FEC20190831.txt"
    let reader = FECReader(rule: .rule(fiscalYear: nil, file: name, year: 2019))
    let summary = try reader.read(data: Data(text.utf8), path: name)
    let year = try #require(summary.period)
    #expect(year.origin == .fecNameAndEntries(name))
    #expect(year.start == CalendarDate(year: 2018, month: 3, day: 1))
    #expect(year.monthCount == 18 && year.isIrregular)
    #expect(summary.account("606400")?.totals.count == 18)
    #expect(summary.account("606400")?.totals.debits.first == Money(units: 10))
    #expect(summary.account("606400")?.totals.debits.last == Money(units: 5))
    // A shorter one: the first entry in January for a year closing in August.
    let short = text.replacingOccurrences(of: "20180301", with: "20190115")
    let shorter = try reader.read(data: Data(short.utf8), path: name).period
    #expect(shorter?.start == CalendarDate(year: 2019, month: 1, day: 15))
    #expect(shorter?.monthCount == 8)
    // A year file's fiscal_year wins over the name.
    let fixed = try #require(
      FiscalYear(
        start: CalendarDate(year: 2018, month: 1, day: 1)!,
        end: CalendarDate(year: 2019, month: 8, day: 31)!))
    let given = FECReader(rule: .rule(fiscalYear: fixed, file: name, year: 2019))
    #expect(try given.read(data: Data(text.utf8), path: name).period == fixed)
  }
}
