import Foundation

/// Reads a FEC (*Fichier des Écritures Comptables*) in one streaming pass.
///
/// Three parts: ``FECTokenizer`` cuts the bytes into lines and fields (the only code
/// that reads them through pointers), ``FECValidator`` checks the header, the fields and
/// the balance of every entry, and a ``FECConsumer`` receives each checked line: the
/// monthly totals of ``LedgerSummary``, the lines of some accounts (``FECLedger``), or
/// both at once (``FECConsumerPair``).
///
/// The file is read in chunks of about 1 MB: a file of a million lines is never held in
/// memory. What real exports write is accepted: columns in any order, found by their
/// names in any case, extra ones ignored; a tab or `|` separator, also at the end of
/// each line; LF, CR LF, CR CR LF or CR line ends; fields padded with spaces, amounts
/// with leading zeros; UTF-8 (with or without a byte order mark), else ISO-8859-15 or
/// Windows-1252 with a warning; `Montant`/`Sens` instead of `Debit`/`Credit`;
/// `EcritureNum` `0` on every line. A file with any problem is refused as a whole, with
/// every problem found (see ``DataError/report(limit:)``).
public struct FECReader: Sendable {
  /// The calendar year the file covers when ``rule`` is not set; when `nil`, the year
  /// of the first entry line.
  public var fiscalYear: Int?
  /// How the fiscal year is decided (see ``FiscalYearRule/rule(fiscalYear:file:year:)``);
  /// when `nil`, the calendar year ``fiscalYear``.
  public var rule: FiscalYearRule?
  /// The year the caller asked for (`--year`): a file whose fiscal year neither starts
  /// nor ends in it is refused with one problem saying which year it covers.
  public var requestedYear: Int?
  /// How many bytes to read at a time; tests use tiny chunks to cut lines anywhere.
  var chunkSize = 1 << 20

  /// Creates a reader for a calendar year.
  /// - Parameter fiscalYear: the year the file covers, or `nil` to take it from the data.
  public init(fiscalYear: Int? = nil) { self.fiscalYear = fiscalYear }

  /// Creates a reader with a rule for the fiscal year.
  /// - Parameters:
  ///   - rule: how the fiscal year is decided.
  ///   - requestedYear: the year asked for, checked against the fiscal year found.
  public init(rule: FiscalYearRule, requestedYear: Int? = nil) {
    self.rule = rule
    self.requestedYear = requestedYear
  }

  /// Reads and checks a FEC file, and sums it per account and month.
  /// - Parameter path: the file's path, printed as given in messages.
  /// - Throws: ``DataError`` with every problem of the file.
  public func read(path: String) throws(DataError) -> LedgerSummary {
    var totals = LedgerAccumulator()
    let result = try read(path: path, into: &totals)
    return totals.summary(of: result)
  }

  /// Reads and checks a FEC held in memory, and sums it per account and month.
  /// - Parameters:
  ///   - data: the file's bytes.
  ///   - path: the name to print in messages.
  /// - Throws: ``DataError`` with every problem of the content.
  public func read(data: Data, path: String) throws(DataError) -> LedgerSummary {
    var totals = LedgerAccumulator()
    let result = try read(data: data, path: path, into: &totals)
    return totals.summary(of: result)
  }

  /// Reads a FEC once for both its totals and every line of some accounts.
  /// - Parameters:
  ///   - path: the file's path.
  ///   - accounts: the account prefixes whose lines are kept (every line when empty).
  /// - Throws: ``DataError`` with every problem of the file.
  public func read(path: String, keepingLinesOf accounts: [String]) throws(DataError) -> (
    summary: LedgerSummary, lines: [LedgerLine]
  ) {
    var pair = FECConsumerPair(LedgerAccumulator(), FECLedger(accounts: accounts))
    let result = try read(path: path, into: &pair)
    return (pair.first.summary(of: result), pair.second.lines(encoding: result.format.encoding))
  }

  /// Reads a FEC held in memory once for both its totals and every line of some accounts.
  /// - Throws: ``DataError`` with every problem of the content.
  public func read(data: Data, path: String, keepingLinesOf accounts: [String])
    throws(DataError) -> (summary: LedgerSummary, lines: [LedgerLine])
  {
    var pair = FECConsumerPair(LedgerAccumulator(), FECLedger(accounts: accounts))
    let result = try read(data: data, path: path, into: &pair)
    return (pair.first.summary(of: result), pair.second.lines(encoding: result.format.encoding))
  }

  /// Reads and checks a FEC file, handing each checked line to `consumer`.
  /// - Throws: ``DataError`` with every problem of the file; what the consumer got
  ///   must then be dropped.
  public func read<Consumer: FECConsumer>(path: String, into consumer: inout Consumer)
    throws(DataError) -> FECReadResult
  {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw .unreadable(path) }
    defer { close(descriptor) }
    var source = FileSource(descriptor: descriptor)
    return try scan(&source, path: path, into: &consumer)
  }

  /// Reads and checks a FEC held in memory, handing each checked line to `consumer`.
  /// - Throws: ``DataError`` with every problem of the content.
  public func read<Consumer: FECConsumer>(
    data: Data, path: String, into consumer: inout Consumer
  ) throws(DataError) -> FECReadResult {
    var source = DataSource(data: data)
    return try scan(&source, path: path, into: &consumer)
  }

  private var effectiveRule: FiscalYearRule {
    rule ?? fiscalYear.map { .calendar($0) } ?? .firstEntry
  }

  private func scan<Consumer: FECConsumer>(
    _ source: inout some ByteSource, path: String, into consumer: inout Consumer
  ) throws(DataError) -> FECReadResult {
    let tokenizer = FECTokenizer()
    let rule = effectiveRule
    var validator = FECValidator(file: path, rule: rule, consumer: consumer)
    tokenizer.run(&source, chunkSize: chunkSize, into: &validator)
    consumer = validator.consumer
    var stopped = false
    if tokenizer.readFailed {
      validator.report(line: nil, field: "", [.text(tr("cannot read the file to its end"))])
      stopped = true
    }
    if let line = tokenizer.overlongLine {
      validator.report(
        line: line, field: "",
        [.text(tr("line longer than %1 KB", FECTokenizer.maximumLineLength / 1024))],
        hint: tr("a FEC has one entry line per text line; check the line ends (LF or CR LF)"))
      stopped = true
    }
    stopped = stopped || validator.headerFailed
    validator.finish(stopped: stopped)
    let fiscalYear = resolve(rule, validator)
    if !stopped { checkYear(fiscalYear, &validator) }

    let encoding: SourceEncoding =
      tokenizer.isUTF8 ? .utf8 : tokenizer.hasC1Bytes ? .windows1252 : .iso8859_15
    var problems = validator.problems
    problems.sort {
      ($0.line ?? 0, $0.column?.bytes ?? 0, $0.order) < (
        $1.line ?? 0, $1.column?.bytes ?? 0, $1.order
      )
    }
    if !problems.isEmpty {
      throw DataError(problems: problems.map { $0.problem(file: path, encoding: encoding) })
    }
    var warnings: [DataProblem] = []
    if encoding != .utf8 {
      let line = tokenizer.firstNonUTF8Line
      warnings.append(
        DataProblem(
          .warning, at: SourceLocation(file: path, line: line), field: "",
          message: line.map {
            tr(
              "the file is not UTF-8: read as %1 (line %2 is the first with a byte that is not UTF-8)",
              encoding.rawValue, $0)
          } ?? tr("the file is not UTF-8: read as %1", encoding.rawValue),
          hint: tr("check the accents of that line; export the FEC in UTF-8 to be sure")))
    }
    let format = FECFormat(
      separator: tokenizer.separator == FECTokenizer.tab ? "\t" : "|", encoding: encoding,
      hasByteOrderMark: tokenizer.hasByteOrderMark, usesCRLF: tokenizer.usesCRLF,
      amountLayout: validator.layout, lineEnd: tokenizer.usesCR ? .cr : .lf,
      ignoredColumns: validator.ignoredColumns)
    var months: [YearMonth] = []
    if let window = validator.months {
      for offset in 0..<window.count where validator.monthsSeen & (1 << UInt64(offset)) != 0 {
        if let month = window.month(offset) { months.append(month) }
      }
    }
    return FECReadResult(
      file: path, format: format, fiscalYear: fiscalYear, lineCount: validator.dataLines,
      entryCount: validator.entryCount, firstEntryDate: validator.firstKeptDate,
      lastEntryDate: validator.lastKeptDate, window: validator.months,
      monthsWithEntries: months, warnings: warnings)
  }

  /// The fiscal year the file covers under `rule`, the entries read.
  private func resolve<Consumer>(_ rule: FiscalYearRule, _ validator: FECValidator<Consumer>)
    -> FiscalYear?
  {
    switch rule {
    case .fixed(let year):
      return year
    case .closing(let end, let file):
      let name = file.split(separator: "/").last.map(String.init) ?? file
      guard let nominal = FiscalYear.twelveMonths(endingOn: end, origin: .fecName(name)) else {
        return nil
      }
      // A first year longer or shorter than twelve months: the entries' first date.
      guard let first = validator.firstKeptDate,
        first < nominal.start
          || FiscalYear.monthNumber(first) > FiscalYear.monthNumber(nominal.start)
      else { return nominal }
      return FiscalYear(start: first, end: end, origin: .fecNameAndEntries(name)) ?? nominal
    case .calendar(let year):
      return FiscalYear.calendar(year)
    case .firstEntry:
      return validator.months.flatMap { FiscalYear.calendar($0.first.year) }
    }
  }

  /// One problem for a file of another fiscal year, or for its lines outside the year.
  private func checkYear<Consumer>(_ year: FiscalYear?, _ validator: inout FECValidator<Consumer>) {
    let field = FECColumn.ecritureDate.name
    guard let year else {
      if let outside = validator.firstOutside {
        validator.report(
          line: outside.line, column: outside.column, field: field,
          [.text(tr("no fiscal year can hold %1: the year asked for is not one", outside.date))],
          hint: tr("give a year from 1 to 9999"))
      }
      return
    }
    let covered: String
    if let first = validator.firstDate, let last = validator.lastDate {
      covered = "its entries are dated \(first) to \(last)"
    } else {
      covered = "it has no dated entry"
    }
    if let requestedYear, !year.isNamed(requestedYear) {
      validator.report(
        line: nil, field: "",
        [
          .text(
            tr(
              "the file covers the fiscal year %1 (%2), not %3: %4", year.name, year,
              requestedYear, covered))
        ],
        hint: tr("run the command with --year %1, or give the FEC of %2", year.year, requestedYear))
      return
    }
    guard let outside = validator.firstOutside else { return }
    let count = validator.outsideCount
    if validator.keptLines == 0, let last = validator.lastDate {
      // Every line is of another year: say which one, once.
      let other = FECFileName.closingDate(of: validator.file).map(\.year) ?? last.year
      validator.report(
        line: outside.line, column: outside.column, field: field,
        [
          .text(
            tr("every line is outside the fiscal year %1 (%2): %3", year.name, year, covered))
        ],
        hint: year.origin == .calendar
          ? tr(
            "this FEC is of another year: run the command with --year %1, or say the fiscal year in the year file (fiscal_year: {start: …, end: …})",
            other)
          : tr("this FEC is of another year: run the command with --year %1", other))
    } else {
      validator.report(
        line: outside.line, column: outside.column, field: field,
        [
          .text(
            count == 1
              ? tr(
                "1 line is outside the fiscal year %1 (%2), the first dated %3", year.name, year,
                outside.date)
              : tr(
                "%1 lines are outside the fiscal year %2 (%3), the first dated %4", count,
                year.name, year, outside.date))
        ],
        hint: year.origin == .calendar
          ? tr(
            "a FEC covers one fiscal year; export one file per year, or say the fiscal year in the year file (fiscal_year: {start: …, end: …})"
          )
          : tr("a FEC covers one fiscal year; export one file per year"))
    }
  }
}

/// What one pass over a FEC found, whatever consumed its lines.
public struct FECReadResult: Hashable, Sendable {
  /// The file's path as given.
  public var file: String
  /// The file's separator, encoding, line ends and amount layout.
  public var format: FECFormat
  /// The fiscal year the file covers; `nil` for a file without entries whose year is
  /// taken from its entries.
  public var fiscalYear: FiscalYear?
  /// The number of entry lines, header excluded.
  public var lineCount: Int
  /// The number of entries: runs of consecutive lines with one key.
  public var entryCount: Int
  /// The first and last dates of the entry lines.
  public var firstEntryDate: CalendarDate?
  /// The last entry date: what "to date" can at most mean with this file.
  public var lastEntryDate: CalendarDate?
  /// The months the consumers' offsets count from.
  public var window: FECMonthWindow?
  /// The months with at least one entry line, in order.
  public var monthsWithEntries: [YearMonth]
  /// What was accepted but deserves a word (a file that is not UTF-8).
  public var warnings: [DataProblem]
}
