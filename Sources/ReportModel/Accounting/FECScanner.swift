import Foundation

/// The byte-level FEC parser behind ``FECReader``: one instance reads one file.
///
/// Lines are handed over as pointers into the read buffer; only account numbers and
/// labels that the summary keeps are copied, once per distinct account. Problems are
/// kept with the raw bytes they quote and decoded at the end, once the encoding of the
/// whole file is known.
final class FECScanner {
  /// The longest line accepted: a FEC line is a few hundred bytes at most.
  static let maximumLineLength = 1 << 20
  private static let tab: UInt8 = 0x09
  private static let pipe: UInt8 = 0x7C
  private static let space: UInt8 = 0x20
  private static let fieldCapacity = 32

  let file: String
  private var fiscalYear: Int?
  private var fiscalYearLine = 0

  // The file's form.
  private var separator = FECScanner.tab
  private var layout = FECAmountLayout.debitCredit
  private var hasByteOrderMark = false
  private var usesCRLF = false
  /// Whether the header ends with a separator, so lines may too.
  private var endsWithSeparator = false
  private var validator = UTF8Validator()
  private var stopped = false

  // Where the scan is.
  private var lineNumber = 0
  private var dataLines = 0
  private var entryCount = 0
  private var emptyLines: [Int] = []
  private var problems: [PendingProblem] = []
  private var accumulator = LedgerAccumulator()
  private var absoluteTotal: Int64 = 0
  private var overflowLine: Int?

  // The entry being read: consecutive lines with one JournalCode and EcritureNum.
  private var group = EntryGroup()
  /// Entries whose lines so far do not balance, by JournalCode, 0, EcritureNum.
  private var unbalanced: [[UInt8]: EntryGroup] = [:]

  // The current line's fields: byte offsets of each field's start and end.
  private let starts: UnsafeMutablePointer<Int>
  private let ends: UnsafeMutablePointer<Int>

  init(file: String, fiscalYear: Int?) {
    self.file = file
    self.fiscalYear = fiscalYear
    starts = .allocate(capacity: Self.fieldCapacity)
    ends = .allocate(capacity: Self.fieldCapacity)
  }

  deinit {
    starts.deallocate()
    ends.deallocate()
  }

  // MARK: - Reading

  /// Reads the whole source, line by line.
  func scan(_ source: inout some ByteSource, chunkSize: Int) {
    var capacity = min(chunkSize, Self.maximumLineLength)
    var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    defer { buffer.deallocate() }
    var filled = 0
    var atStart = true
    while !stopped {
      guard
        let count = source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
      else {
        report(line: nil, field: "", [.text(tr("cannot read the file to its end"))])
        stopped = true
        break
      }
      let atEnd = count == 0
      filled += count
      guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { break }
      var position = 0
      if atStart {
        // Wait for three bytes to tell whether the file starts with a byte order mark.
        if filled < 3 && !atEnd { continue }
        atStart = false
        if filled >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
          hasByteOrderMark = true
          position = 3
        }
      }
      let linesStart = position
      while position < filled, !stopped,
        let found = memchr(base + position, 0x0A, filled - position)
      {
        let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        line(base + position, end - position)
        position = end + 1
      }
      validator.feed(UnsafeRawBufferPointer(start: base + linesStart, count: position - linesStart))
      if atEnd {
        if position < filled && !stopped {
          validator.feed(UnsafeRawBufferPointer(start: base + position, count: filled - position))
          line(base + position, filled - position)
        }
        break
      }
      let remainder = filled - position
      if remainder == capacity {
        // No line end in a full buffer: grow it, up to the longest line accepted.
        guard capacity < Self.maximumLineLength else {
          report(
            line: lineNumber + 1, field: "",
            [.text(tr("line longer than %1 KB", Self.maximumLineLength / 1024))],
            hint: tr("a FEC has one entry line per text line; check the line ends (LF or CR LF)"))
          stopped = true
          break
        }
        let larger = UnsafeMutableRawBufferPointer.allocate(
          byteCount: min(capacity * 2, Self.maximumLineLength), alignment: 16)
        larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
        buffer.deallocate()
        buffer = larger
        capacity = larger.count
      } else if remainder > 0 {
        memmove(base, base + position, remainder)
      }
      filled = remainder
    }
  }

  /// Handles one line, without its LF.
  private func line(_ start: UnsafePointer<UInt8>, _ length: Int) {
    lineNumber += 1
    var length = length
    if length > 0 && start[length - 1] == 0x0D {
      length -= 1
      if lineNumber == 1 { usesCRLF = true }
    }
    if lineNumber == 1 {
      header(start, length)
      return
    }
    if length == 0 {
      // Empty lines at the end of a file are harmless; elsewhere they are problems.
      emptyLines.append(lineNumber)
      return
    }
    for empty in emptyLines {
      report(
        line: empty, column: Column(scalars: 1, bytes: 1), field: "", [.text(tr("empty line"))],
        hint: tr("remove it: every line of a FEC is an entry line"))
    }
    emptyLines.removeAll()
    dataLine(start, length)
  }

  /// Splits a line into ``starts`` and ``ends``; returns the number of fields.
  private func split(_ start: UnsafePointer<UInt8>, _ length: Int) -> Int {
    var count = 0
    starts[0] = 0
    let separator = self.separator
    let last = Self.fieldCapacity - 1
    for index in 0..<length where start[index] == separator {
      if count < last {
        ends[count] = index
        starts[count + 1] = index + 1
      }
      count += 1
    }
    // Fields past the capacity fold into the last one, which ends with the line
    // (found by the fuzzer: its end was left from an earlier line, before its start).
    ends[min(count, last)] = length
    return count + 1
  }

  /// The bytes of field `index`, without surrounding spaces.
  private func field(_ start: UnsafePointer<UInt8>, _ index: Int) -> UnsafeBufferPointer<UInt8> {
    var from = starts[index]
    var to = ends[index]
    while from < to && start[from] == Self.space { from += 1 }
    while to > from && start[to - 1] == Self.space { to -= 1 }
    return UnsafeBufferPointer(start: start + from, count: to - from)
  }

  // MARK: - Header

  private func header(_ start: UnsafePointer<UInt8>, _ length: Int) {
    let bytes = UnsafeBufferPointer(start: start, count: length)
    if bytes.contains(0x0D) {
      headerProblem(
        start, offset: bytes.firstIndex(of: 0x0D) ?? 0, field: "",
        [.text(tr("the first line holds a carriage return (CR) inside it"))],
        lineEnds: true)
      return
    }
    if bytes.contains(Self.tab) {
      separator = Self.tab
    } else if bytes.contains(Self.pipe) {
      separator = Self.pipe
    } else {
      headerProblem(
        start, offset: 0, field: "",
        [.text(tr("the first line has no tab or `|`: it is not a FEC header"))])
      return
    }
    var count = split(start, length)
    if count == 19 && starts[18] == ends[18] {
      // A separator at the end of the header: lines may end with one too.
      count = 18
      endsWithSeparator = true
    }
    let names = (0..<min(count, Self.fieldCapacity)).map { index in
      String(decoding: field(start, index), as: UTF8.self)
    }
    if names.count >= 13 && names[11].lowercased() == "montant"
      && names[12].lowercased() == "sens"
    {
      layout = .amountAndDirection
    }
    for (index, column) in FECColumn.allCases.enumerated() {
      let name = column.name(in: layout)
      guard index < names.count else {
        headerProblem(
          start, offset: length, field: name,
          [
            .text(
              tr("the header names %1 columns where a FEC has 18: `%2` is missing", count, name))
          ])
        return
      }
      if names[index].lowercased() != name.lowercased() {
        headerProblem(
          start, offset: starts[index], field: name,
          [
            .text(tr("column %1 of the header is `%s` where a FEC has `%2`", index + 1, name)),
            .bytes(Array(field(start, index))),
          ])
        return
      }
    }
    if count > 18 {
      headerProblem(
        start, offset: starts[18], field: "",
        [.text(tr("the header names %1 columns where a FEC has 18", count))])
    }
  }

  private func headerProblem(
    _ start: UnsafePointer<UInt8>, offset: Int, field: String, _ message: [MessagePart],
    lineEnds: Bool = false
  ) {
    let columns = FECColumn.allCases.map(\.name).joined(separator: " ")
    report(
      line: 1, column: Column(start, offset), field: field, message,
      hint: lineEnds
        ? tr("lines must end with LF or CR LF; save the file again with Unix or Windows line ends")
        : tr(
          "the first line must name the 18 FEC columns in this order, separated by tabs or |: %1 (`Montant Sens` may replace `Debit Credit`)",
          columns))
    stopped = true
  }

  // MARK: - Entry lines

  private func dataLine(_ start: UnsafePointer<UInt8>, _ length: Int) {
    dataLines += 1
    var count = split(start, length)
    if endsWithSeparator && count == 19 && starts[18] == ends[18] { count = 18 }
    guard count == 18 else {
      // The entry's balance cannot be checked without this line's amounts.
      if count > FECColumn.ecritureNum.rawValue {
        let journal = field(start, FECColumn.journalCode.rawValue)
        let number = field(start, FECColumn.ecritureNum.rawValue)
        if !journal.isEmpty && !number.isEmpty && !group.matches(journal, number) {
          closeGroup()
          group.open(
            journal, number, line: lineNumber,
            column: Column(start, starts[FECColumn.ecritureNum.rawValue]))
        }
      }
      group.isTainted = true
      if count < 18 {
        let missing = FECColumn(rawValue: count) ?? .idevise
        report(
          line: lineNumber, column: Column(start, length), field: missing.name(in: layout),
          [
            .text(
              count == 1
                ? tr(
                  "the line has 1 field where a FEC has 18: `%1` and the columns after it are missing",
                  missing.name(in: layout))
                : tr(
                  "the line has %1 fields where a FEC has 18: `%2` and the columns after it are missing",
                  count, missing.name(in: layout)))
          ],
          hint: tr("check for a line break inside a label, or a missing separator"))
      } else {
        report(
          line: lineNumber, column: Column(start, starts[18]), field: FECColumn.idevise.name,
          [
            .text(
              tr("the line has %1 fields where a FEC has 18: the text from here is extra", count))
          ],
          hint: separator == Self.tab
            ? tr("check for a tab inside a label") : tr("check for a `|` inside a label"))
      }
      return
    }
    var isValid = true
    let journal = field(start, FECColumn.journalCode.rawValue)
    let number = field(start, FECColumn.ecritureNum.rawValue)
    let account = field(start, FECColumn.compteNum.rawValue)
    if journal.isEmpty || number.isEmpty || account.isEmpty {
      isValid = false
      reportEmpty(start, journal: journal, number: number, account: account)
    }
    let date = self.date(start, .ecritureDate, required: true)
    if date == nil { isValid = false }
    for column in [FECColumn.pieceDate, .dateLet, .validDate] {
      if self.date(start, column, required: false) == nil { isValid = false }
    }
    var amounts = self.amounts(start)
    if let parsed = amounts {
      // Every later sum is at most the sum of all magnitudes: checking it is enough.
      let (sum, overflow) = absoluteTotal.addingReportingOverflow(
        Int64(parsed.debit.magnitude) + Int64(parsed.credit.magnitude))
      if overflow {
        overflowLine = overflowLine ?? lineNumber
      } else {
        absoluteTotal = sum
      }
    }
    if overflowLine != nil { amounts = nil }

    // The entry's balance.
    if journal.isEmpty || number.isEmpty {
      group.isTainted = true
    } else {
      if !group.matches(journal, number) {
        closeGroup()
        group.open(
          journal, number, line: lineNumber,
          column: Column(start, starts[FECColumn.ecritureNum.rawValue]))
      }
      if let amounts {
        group.debit += amounts.debit
        group.credit += amounts.credit
      } else {
        group.isTainted = true
      }
    }
    guard let amounts else { return }

    guard isValid, let date else { return }
    if let fiscalYear {
      guard date.year == fiscalYear else {
        let origin =
          fiscalYearLine > 0
          ? tr("the year was taken from line %1, the first entry line", fiscalYearLine)
          : tr("the year was given by the caller")
        report(
          line: lineNumber, column: Column(start, starts[FECColumn.ecritureDate.rawValue]),
          field: FECColumn.ecritureDate.name,
          [.text(tr("%1 is outside the fiscal year %2", date, fiscalYear))],
          hint: tr("a FEC covers one fiscal year and %1; export one file per year", origin))
        return
      }
    } else {
      fiscalYear = date.year
      fiscalYearLine = lineNumber
    }
    accumulator.add(
      month: date.month, account: account,
      accountLabel: field(start, FECColumn.compteLib.rawValue),
      auxiliary: field(start, FECColumn.compAuxNum.rawValue),
      auxiliaryLabel: field(start, FECColumn.compAuxLib.rawValue),
      debit: amounts.debit, credit: amounts.credit)
  }

  private func reportEmpty(
    _ start: UnsafePointer<UInt8>, journal: UnsafeBufferPointer<UInt8>,
    number: UnsafeBufferPointer<UInt8>, account: UnsafeBufferPointer<UInt8>
  ) {
    let fields = [(FECColumn.journalCode, journal), (.ecritureNum, number), (.compteNum, account)]
    for (column, value) in fields where value.isEmpty {
      report(
        line: lineNumber, column: Column(start, starts[column.rawValue]), field: column.name,
        [.text(tr("must not be empty"))],
        hint: column == .compteNum
          ? tr("every line needs its general account number")
          : tr("every line belongs to an entry"))
    }
  }

  /// The date in `column`, or `nil` after reporting a problem; an allowed empty date is
  /// returned as 1 January of year 1.
  private func date(_ start: UnsafePointer<UInt8>, _ column: FECColumn, required: Bool)
    -> CalendarDate?
  {
    let text = field(start, column.rawValue)
    if text.isEmpty && !required { return Self.noDate }
    if let date = Self.parseDate(text) { return date }
    report(
      line: lineNumber, column: Column(start, starts[column.rawValue]), field: column.name,
      text.isEmpty
        ? [.text(tr("missing date"))]
        : [.text(tr("`%s` is not a date")), .bytes(Array(text))],
      hint: tr("write dates as YYYYMMDD, e.g. 20190614"))
    return nil
  }

  private static let noDate = CalendarDate(year: 1, month: 1, day: 1)

  /// The line's debit and credit in cents, or `nil` after reporting problems.
  private func amounts(_ start: UnsafePointer<UInt8>) -> (debit: Int64, credit: Int64)? {
    let first = FECColumn.debit.rawValue
    let second = FECColumn.credit.rawValue
    let firstText = field(start, first)
    let secondText = field(start, second)
    switch layout {
    case .debitCredit:
      if firstText.isEmpty && secondText.isEmpty {
        report(
          line: lineNumber, column: Column(start, starts[first]), field: "Debit",
          [.text(tr("no amount: Debit and Credit are both empty"))],
          hint: tr("write 0,00 in the column without an amount"))
        return nil
      }
      let debit = amount(start, first, firstText)
      let credit = amount(start, second, secondText)
      guard let debit, let credit else { return nil }
      return (debit, credit)
    case .amountAndDirection:
      let value = firstText.isEmpty ? nil : amount(start, first, firstText)
      if firstText.isEmpty {
        report(
          line: lineNumber, column: Column(start, starts[first]), field: "Montant",
          [.text(tr("missing amount"))],
          hint: tr("write the amount with a decimal comma, e.g. 1250,00"))
      }
      let isDebit: Bool?
      switch (secondText.count, secondText.first ?? 0, secondText.last ?? 0) {
      case (1, 0x44, _), (1, 0x64, _), (2, 0x2B, 0x31), (1, 0x31, _): isDebit = true  // D, +1
      case (1, 0x43, _), (1, 0x63, _), (2, 0x2D, 0x31): isDebit = false  // C, -1
      default:
        isDebit = nil
        report(
          line: lineNumber, column: Column(start, starts[second]), field: "Sens",
          [.text(tr("`%s` is not a direction")), .bytes(Array(secondText))],
          hint: tr("write D (or +1) for a debit, C (or -1) for a credit"))
      }
      guard let value, let isDebit else { return nil }
      return isDebit ? (value, 0) : (0, value)
    }
  }

  /// The amount of a field in cents (0 when empty), or `nil` after reporting a problem.
  private func amount(
    _ start: UnsafePointer<UInt8>, _ index: Int, _ text: UnsafeBufferPointer<UInt8>
  ) -> Int64? {
    if text.isEmpty { return 0 }
    if let cents = Self.parseAmount(text) { return cents }
    let name = FECColumn(rawValue: index)?.name(in: layout) ?? ""
    report(
      line: lineNumber, column: Column(start, starts[index]), field: name,
      [.text(tr("`%s` is not an amount")), .bytes(Array(text))],
      hint: tr(
        "write amounts with a decimal comma, at most 2 decimals and no thousands separator, e.g. 1250,00"
      ))
    return nil
  }

  /// Parses `1250,00`, `1250.5`, `-3`: cents, or `nil` (the grammar of ``Money/parse(_:)``).
  static func parseAmount(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
    Money.parse(utf8: text)?.cents
  }

  /// Parses `YYYYMMDD`, or `nil`.
  static func parseDate(_ text: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
    guard text.count == 8 else { return nil }
    var value = 0
    for byte in text {
      let digit = byte &- 0x30
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
    }
    return CalendarDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
  }

  // MARK: - Balance

  /// Checks the entry just finished, keeping it aside when it does not balance.
  private func closeGroup() {
    guard group.isOpen else { return }
    entryCount += 1
    defer { group.isOpen = false }
    guard !group.isTainted else { return }
    if !unbalanced.isEmpty, var earlier = unbalanced[group.key] {
      // The entry's lines are not all consecutive: add this run to its earlier ones.
      earlier.debit += group.debit
      earlier.credit += group.credit
      unbalanced[group.key] = earlier.debit == earlier.credit ? nil : earlier
    } else if group.debit != group.credit {
      unbalanced[group.key] = group
    }
  }

  // MARK: - Finishing

  /// The summary, or every problem found.
  func finish() throws(DataError) -> LedgerSummary {
    if lineNumber == 0 && !stopped {
      report(
        line: nil, field: "", [.text(tr("the file is empty"))],
        hint: tr("a FEC starts with a header line naming its 18 columns"))
    }
    if !stopped {
      closeGroup()
      if overflowLine == nil {
        for entry in unbalanced.values { reportUnbalanced(entry) }
      }
    }
    if let overflowLine {
      report(
        line: overflowLine, field: "", [.text(tr("the amounts add up beyond what can be counted"))],
        hint: tr("check the amounts: their sum exceeds 92 thousand billion"))
    }
    let encoding: SourceEncoding = validator.isValid ? .utf8 : .iso8859_15
    if !problems.isEmpty {
      problems.sort {
        ($0.line ?? 0, $0.column?.bytes ?? 0, $0.order) < (
          $1.line ?? 0, $1.column?.bytes ?? 0, $1.order
        )
      }
      throw DataError(problems: problems.map { $0.problem(file: file, encoding: encoding) })
    }
    let format = FECFormat(
      separator: separator == Self.tab ? "\t" : "|", encoding: encoding,
      hasByteOrderMark: hasByteOrderMark, usesCRLF: usesCRLF, amountLayout: layout)
    var months = Set<Int>()
    for month in 1...12 where accumulator.monthMask & (1 << UInt16(month)) != 0 {
      months.insert(month)
    }
    return LedgerSummary(
      file: file, format: format, fiscalYear: fiscalYear, lineCount: dataLines,
      entryCount: entryCount, accounts: accumulator.accountList(encoding: encoding),
      beneficiaries: accumulator.beneficiaryList(encoding: encoding), monthsWithEntries: months)
  }

  private func reportUnbalanced(_ entry: EntryGroup) {
    let separatorIndex = entry.key.firstIndex(of: 0) ?? entry.key.endIndex
    let journal = Array(entry.key[..<separatorIndex])
    let number = Array(entry.key[min(separatorIndex + 1, entry.key.endIndex)...])
    let difference = entry.debit - entry.credit
    report(
      line: entry.firstLine, column: entry.column, field: FECColumn.ecritureNum.name,
      [
        .text(
          tr(
            "entry `%s` of journal `%s` does not balance: debits %1, credits %2, difference %3",
            Self.format(entry.debit), Self.format(entry.credit), Self.format(difference))),
        .bytes(number), .bytes(journal),
      ],
      hint: tr("the debits and credits of each EcritureNum must be equal; check its lines"))
  }

  /// Cents as the FEC writes them: `1250,00`.
  static func format(_ cents: Int64) -> String {
    let magnitude = cents.magnitude
    let rest = magnitude % 100
    return "\(cents < 0 ? "-" : "")\(magnitude / 100),\(rest < 10 ? "0" : "")\(rest)"
  }

  // MARK: - Problems

  private func report(
    line: Int?, column: Column? = nil, field: String, _ message: [MessagePart],
    hint: String? = nil
  ) {
    problems.append(
      PendingProblem(
        line: line, column: column, field: field, message: message, hint: hint,
        order: problems.count))
  }
}

/// A column in a line, counted both ways until the encoding is known.
struct Column: Hashable {
  /// The 1-based column counting UTF-8 characters (scalars).
  var scalars: Int
  /// The 1-based column counting bytes: characters in a single-byte encoding.
  var bytes: Int

  init(scalars: Int, bytes: Int) {
    self.scalars = scalars
    self.bytes = bytes
  }

  /// The column of byte `offset` of a line.
  init(_ line: UnsafePointer<UInt8>, _ offset: Int) {
    var scalars = 0
    for index in 0..<offset where line[index] & 0xC0 != 0x80 { scalars += 1 }
    self.init(scalars: scalars + 1, bytes: offset + 1)
  }

  func value(in encoding: SourceEncoding) -> Int { encoding == .utf8 ? scalars : bytes }
}

/// A piece of a problem's message: plain text, or bytes quoted from the file.
enum MessagePart {
  case text(String)
  case bytes([UInt8])
}

/// A problem waiting for the file's encoding to be known.
struct PendingProblem {
  var line: Int?
  var column: Column?
  var field: String
  var message: [MessagePart]
  var hint: String?
  var order: Int

  func problem(file: String, encoding: SourceEncoding) -> DataProblem {
    var text = ""
    var values: [String] = []
    for part in message {
      switch part {
      case .text(let value): text += value
      case .bytes(let bytes):
        let value = encoding.decode(bytes)
        values.append(value.count > 40 ? value.prefix(40) + "…" : value)
      }
    }
    // A translated message holds `%s` where each piece of the file goes, in order.
    var from = text.startIndex
    for value in values {
      guard let place = text.range(of: "%s", range: from..<text.endIndex) else { break }
      let offset = text.distance(from: text.startIndex, to: place.lowerBound) + value.count
      text.replaceSubrange(place, with: value)
      from = text.index(text.startIndex, offsetBy: offset)
    }
    return DataProblem(
      at: SourceLocation(file: file, line: line, column: column?.value(in: encoding)),
      field: field, message: text, hint: hint)
  }
}

/// The run of lines of one entry being read.
struct EntryGroup {
  /// JournalCode, a 0 byte, EcritureNum.
  var key: [UInt8] = []
  var isOpen = false
  var isTainted = false
  var firstLine = 0
  var column = Column(scalars: 1, bytes: 1)
  var debit: Int64 = 0
  var credit: Int64 = 0

  /// Whether the run's key is this journal and number.
  func matches(_ journal: UnsafeBufferPointer<UInt8>, _ number: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    guard isOpen, key.count == journal.count + 1 + number.count else { return false }
    return key.withUnsafeBufferPointer { key in
      guard let base = key.baseAddress, let journalBase = journal.baseAddress,
        let numberBase = number.baseAddress
      else { return false }
      return memcmp(base, journalBase, journal.count) == 0
        && memcmp(base + journal.count + 1, numberBase, number.count) == 0
    }
  }

  /// Starts a new run.
  mutating func open(
    _ journal: UnsafeBufferPointer<UInt8>, _ number: UnsafeBufferPointer<UInt8>, line: Int,
    column: Column
  ) {
    key.removeAll(keepingCapacity: true)
    key.append(contentsOf: journal)
    key.append(0)
    key.append(contentsOf: number)
    isOpen = true
    isTainted = false
    firstLine = line
    self.column = column
    debit = 0
    credit = 0
  }
}
