/// Checks the lines of a FEC as ``FECTokenizer`` cuts them, and hands the good ones on.
///
/// The header is read by names (any case, unknown columns ignored, each required one
/// present once); every line is checked (field count, required fields, dates, amounts,
/// inside the fiscal year) and every entry balanced: the lines with one `JournalCode`
/// and `EcritureNum`, or, where `EcritureNum` is `0`, with one journal, date and
/// `PieceRef`. Problems are kept with the bytes they quote and decoded at the end, once
/// the file's encoding is known.
struct FECValidator<Consumer: FECConsumer>: FECRecordSink {
  let file: String
  let rule: FiscalYearRule
  var consumer: Consumer

  // The file's form.
  private(set) var layout = FECAmountLayout.debitCredit
  private(set) var columns = FECHeaderMap(index: [], count: 0)
  /// The fields every line is checked on, found once.
  private var fields = Fields()

  private struct Fields {
    var journal = 0
    var number = 0
    var account = 0
    var date = 0
    var piece = 0
    var debit = 0
    var credit = 0
  }
  private(set) var ignoredColumns: [String] = []
  private(set) var separatorName = "tab"
  private var headerRead = false
  /// Whether the header ends with a separator, so lines may too.
  private var endsWithSeparator = false
  /// Whether the header is unusable: no line is read after it.
  private(set) var headerFailed = false

  // Where the check is.
  private(set) var dataLines = 0
  private(set) var entryCount = 0
  private var emptyLines: [Int] = []
  private(set) var problems: [PendingProblem] = []
  private var absoluteTotal: Int64 = 0
  private var overflowLine: Int?

  // Dates.
  /// The last date read, and its digits: entries repeat their dates.
  private var lastDigits = 0
  private var lastChecked: CalendarDate?
  /// The first and last days a line may have, besides falling in the window.
  private var firstAllowed: CalendarDate?
  private var lastAllowed: CalendarDate?
  private var window: FECMonthWindow?
  private var windowBase = 0
  /// The first and last entry dates of the lines with a valid date, inside the year or not.
  private(set) var firstDate: CalendarDate?
  private(set) var lastDate: CalendarDate?
  /// The first and last dates of the lines handed on.
  private(set) var firstKeptDate: CalendarDate?
  private(set) var lastKeptDate: CalendarDate?
  private(set) var outsideCount = 0
  private(set) var firstOutside: (line: Int, column: Column, date: CalendarDate)?
  private(set) var keptLines = 0
  /// Bit `n` set when month `n` of the window has a line handed on.
  private(set) var monthsSeen: UInt64 = 0

  // The entry being read: consecutive lines with one key.
  private var group = EntryGroup()
  private var key: [UInt8] = []
  /// Entries whose lines so far do not balance, by key.
  private var unbalanced: [[UInt8]: EntryGroup] = [:]

  init(file: String, rule: FiscalYearRule, consumer: Consumer) {
    self.file = file
    self.rule = rule
    self.consumer = consumer
    key.reserveCapacity(64)
    switch rule {
    case .fixed(let year):
      firstAllowed = year.start
      lastAllowed = year.end
      windowBase = FiscalYear.monthNumber(year.start)
      window = FECMonthWindow(first: year.months[0], count: year.monthCount)
    case .closing(let end, _):
      lastAllowed = end
      // A first year may be up to 24 months long.
      windowBase = FiscalYear.monthNumber(end) - 23
      if let first = FiscalYear.yearMonth(windowBase) {
        window = FECMonthWindow(first: first, count: 24)
      }
    case .calendar(let year):
      windowBase = year * 12
      window = YearMonth(year: year, month: 1).map { FECMonthWindow(first: $0, count: 12) }
    case .firstEntry:
      break
    }
  }

  /// Whether the year is the first entry's (known once, not matched per line).
  private var isFirstEntryRule: Bool {
    if case .firstEntry = rule { return true }
    return false
  }

  /// The window the line offsets count from, once known.
  var months: FECMonthWindow? { window }

  // MARK: - Header

  mutating func header(_ record: borrowing FECRecord, tokenizer: FECTokenizer) -> Bool {
    headerRead = true
    separatorName = tokenizer.separator == FECTokenizer.tab ? "tab" : "`|`"
    guard record.fieldCount > 1 else {
      headerProblem(
        record.column(0), field: "",
        [.text(tr("the first line has no tab or `|`: it is not a FEC header"))])
      headerFailed = true
      return false
    }
    var count = record.fieldCount
    if count > 1 && record.isEmpty(count - 1) {
      // A separator at the end of the header: lines may end with one too.
      count -= 1
      endsWithSeparator = true
    }
    var names: [String] = []
    for index in 0..<count {
      names.append(String(decoding: record.bytes(index), as: UTF8.self).lowercased())
    }
    let known: [String: FECColumn] = Dictionary(
      uniqueKeysWithValues: FECColumn.allCases.map { ($0.name.lowercased(), $0) })
    var index = Array(repeating: -1, count: FECColumn.allCases.count)
    var montant = -1
    var sens = -1
    var failed = false
    for (position, name) in names.enumerated() {
      var slot: Int?
      if let column = known[name] {
        slot = column.rawValue
      } else if name == "montant" {
        if montant >= 0 { slot = -2 } else { montant = position }
      } else if name == "sens" {
        if sens >= 0 { slot = -2 } else { sens = position }
      } else {
        ignoredColumns.append(String(decoding: record.bytes(position), as: UTF8.self))
      }
      if let value = slot, value >= 0, index[value] >= 0 { slot = -2 }
      if slot == -2 {
        headerProblem(
          record.column(position), field: String(decoding: record.bytes(position), as: UTF8.self),
          [.text(tr("the header names this column twice"))])
        failed = true
      } else if let value = slot {
        index[value] = position
      }
    }
    if index[FECColumn.debit.rawValue] < 0 && index[FECColumn.credit.rawValue] < 0
      && montant >= 0 && sens >= 0
    {
      layout = .amountAndDirection
      index[FECColumn.debit.rawValue] = montant
      index[FECColumn.credit.rawValue] = sens
    }
    for column in FECColumn.allCases where index[column.rawValue] < 0 {
      let name = column.name(in: layout)
      let position = column.rawValue
      if position < names.count && known[names[position]] == nil && names[position] != "montant"
        && names[position] != "sens"
      {
        headerProblem(
          record.column(position), field: name,
          [
            .text(tr("column %1 of the header is `%s` where a FEC has `%2`", position + 1, name)),
            .bytes(record.bytes(position)),
          ])
      } else {
        headerProblem(
          record.endColumn, field: name,
          [.text(tr("the header names %1 columns: `%2` is missing", count, name))])
      }
      failed = true
    }
    columns = FECHeaderMap(index: index, count: count)
    fields = Fields(
      journal: index[FECColumn.journalCode.rawValue], number: index[FECColumn.ecritureNum.rawValue],
      account: index[FECColumn.compteNum.rawValue], date: index[FECColumn.ecritureDate.rawValue],
      piece: index[FECColumn.pieceRef.rawValue], debit: index[FECColumn.debit.rawValue],
      credit: index[FECColumn.credit.rawValue])
    headerFailed = failed
    return !failed
  }

  private mutating func headerProblem(_ column: Column, field: String, _ message: [MessagePart]) {
    let names = FECColumn.allCases.map(\.name).joined(separator: " ")
    report(
      line: 1, column: column, field: field, message,
      hint: tr(
        "the first line must name the FEC columns, separated by tabs or |: %1 (`Montant Sens` may replace `Debit Credit`; other columns are ignored)",
        names))
  }

  // MARK: - Entry lines

  mutating func emptyLine(_ number: Int) {
    // Empty lines at the end of a file are harmless; elsewhere they are problems.
    emptyLines.append(number)
  }

  mutating func line(_ record: borrowing FECRecord) -> Bool {
    if !emptyLines.isEmpty {
      for empty in emptyLines {
        report(
          line: empty, column: Column(scalars: 1, bytes: 1), field: "", [.text(tr("empty line"))],
          hint: tr("remove it: every line of a FEC is an entry line"))
      }
      emptyLines.removeAll()
    }
    dataLines += 1
    let expected = columns.count
    let count = record.fieldCount
    guard
      count == expected
        || (endsWithSeparator && count == expected + 1 && record.isEmpty(count - 1))
    else {
      badFieldCount(record, count: count, expected: expected)
      return true
    }
    let journalField = fields.journal
    let numberField = fields.number
    let accountField = fields.account
    let dateField = fields.date
    let pieceField = fields.piece
    var isValid = true
    if record.isEmpty(journalField) || record.isEmpty(numberField) || record.isEmpty(accountField) {
      isValid = false
      reportEmpty(record)
    }
    let date = self.date(record, .ecritureDate, required: true)
    if date == nil { isValid = false }
    // Three calls rather than a loop over an array literal, which would allocate per line.
    if self.date(record, .pieceDate, required: false) == nil { isValid = false }
    if self.date(record, .dateLet, required: false) == nil { isValid = false }
    if self.date(record, .validDate, required: false) == nil { isValid = false }
    var amounts = self.amounts(record)
    if let parsed = amounts {
      // Every later sum is at most the sum of all magnitudes: checking it is enough.
      let (sum, overflow) = absoluteTotal.addingReportingOverflow(
        Int64(parsed.debit.magnitude) + Int64(parsed.credit.magnitude))
      if overflow {
        overflowLine = overflowLine ?? record.number
      } else {
        absoluteTotal = sum
      }
    }
    if overflowLine != nil { amounts = nil }

    // The entry's balance.
    if record.isEmpty(journalField) || record.isEmpty(numberField) {
      group.isTainted = true
    } else {
      if !group.isOpen
        || !record.hasKey(
          group.key, journal: journalField, number: numberField, date: dateField,
          piece: pieceField)
      {
        closeGroup()
        makeKey(record, date: date)
        group.open(key, line: record.number, column: record.column(numberField))
      }
      if let amounts {
        group.debit += amounts.debit
        group.credit += amounts.credit
      } else {
        group.isTainted = true
      }
    }
    guard isValid, let amounts, let date else { return true }
    if firstDate.map({ date < $0 }) ?? true { firstDate = date }
    if lastDate.map({ date > $0 }) ?? true { lastDate = date }

    // The fiscal year.
    let month = FiscalYear.monthNumber(date)
    if window == nil, isFirstEntryRule, let first = YearMonth(year: date.year, month: 1) {
      windowBase = date.year * 12
      window = FECMonthWindow(first: first, count: 12)
    }
    let offset = month - windowBase
    // Without a window (a year the calendar cannot hold), every line is outside.
    var inside = window.map { offset >= 0 && offset < $0.count } ?? false
    // Plain dates, not the rule's payload: matching it would copy its strings per line.
    if let first = firstAllowed, date < first { inside = false }
    if let last = lastAllowed, date > last { inside = false }
    guard inside, let window else {
      outsideCount += 1
      if firstOutside == nil {
        firstOutside = (record.number, record.column(columns[.ecritureDate]), date)
      }
      return true
    }
    if keptLines == 0 { consumer.begin(months: window) }
    keptLines += 1
    monthsSeen |= 1 << UInt64(offset)
    if firstKeptDate.map({ date < $0 }) ?? true { firstKeptDate = date }
    if lastKeptDate.map({ date > $0 }) ?? true { lastKeptDate = date }
    record.withEntryLine(
      columns: columns, date: date, monthOffset: offset, debit: amounts.debit,
      credit: amounts.credit
    ) { consumer.consume($0) }
    return true
  }

  /// The entry key of a line: journal (upper case), 0, number; or, when the number is
  /// `0`, journal, 0, `0`, 0, date, 0, piece.
  private mutating func makeKey(_ record: borrowing FECRecord, date: CalendarDate?) {
    key.removeAll(keepingCapacity: true)
    record.append(columns[.journalCode], to: &key, uppercase: true)
    key.append(0)
    record.append(columns[.ecritureNum], to: &key)
    if record.isZero(columns[.ecritureNum]) {
      key.append(0)
      record.append(columns[.ecritureDate], to: &key)
      key.append(0)
      record.append(columns[.pieceRef], to: &key)
    }
  }

  private mutating func badFieldCount(_ record: borrowing FECRecord, count: Int, expected: Int) {
    // The entry's balance cannot be checked without this line's amounts.
    let journalField = columns[.journalCode]
    let numberField = columns[.ecritureNum]
    if count > max(journalField, numberField), !record.isEmpty(journalField),
      !record.isEmpty(numberField)
    {
      makeKey(record, date: nil)
      if !group.isOpen || group.key != key {
        closeGroup()
        group.open(key, line: record.number, column: record.column(numberField))
      }
    }
    group.isTainted = true
    let names = columnNames()
    let against = expected == 18 ? tr("a FEC has 18") : tr("the header names %1", expected)
    if count < expected {
      let missing = names[count]
      report(
        line: record.number, column: record.endColumn, field: missing,
        [
          .text(
            count == 1
              ? tr(
                "the line has 1 field where %1: `%2` and the columns after it are missing",
                against, missing)
              : tr(
                "the line has %1 fields where %2: `%3` and the columns after it are missing",
                count, against, missing))
        ],
        hint: tr("check for a line break inside a label, or a missing separator"))
    } else {
      report(
        line: record.number, column: record.rawColumn(expected), field: names[expected - 1],
        [.text(tr("the line has %1 fields where %2: the text from here is extra", count, against))],
        hint: separatorName == "tab"
          ? tr("check for a tab inside a label") : tr("check for a `|` inside a label"))
    }
  }

  /// The header's column names by position, as FECColumn spells them when known.
  private func columnNames() -> [String] {
    var names = Array(repeating: "", count: columns.count)
    for column in FECColumn.allCases {
      let position = columns[column]
      if position >= 0 && position < names.count { names[position] = column.name(in: layout) }
    }
    for position in names.indices where names[position].isEmpty {
      names[position] = "column \(position + 1)"
    }
    return names
  }

  private mutating func reportEmpty(_ record: borrowing FECRecord) {
    for column in [FECColumn.journalCode, .ecritureNum, .compteNum]
    where record.isEmpty(columns[column]) {
      report(
        line: record.number, column: record.column(columns[column]), field: column.name,
        [.text(tr("must not be empty"))],
        hint: column == .compteNum
          ? "every line needs its general account number" : "every line belongs to an entry")
    }
  }

  /// The date in `column`, or `nil` after reporting a problem; an allowed empty date is
  /// returned as ``noDate``.
  private mutating func date(_ record: borrowing FECRecord, _ column: FECColumn, required: Bool)
    -> CalendarDate?
  {
    let field = columns[column]
    if let digits = record.dateDigits(field) {
      // Lines of an entry repeat their dates: the last one checked is kept.
      if digits == lastDigits, let lastChecked { return lastChecked }
      if let date = CalendarDate(
        year: digits / 10_000, month: digits / 100 % 100, day: digits % 100)
      {
        lastDigits = digits
        lastChecked = date
        return date
      }
    } else if record.isEmpty(field) && !required {
      return Self.noDate
    }
    report(
      line: record.number, column: record.column(field), field: column.name,
      record.isEmpty(field)
        ? [.text(tr("missing date"))]
        : [.text(tr("`%s` is not a date")), .bytes(record.bytes(field))],
      hint: tr("write dates as YYYYMMDD, e.g. 20190614"))
    return nil
  }

  /// What an allowed empty date reads as: 1 January of year 1 (never checked further).
  private static var noDate: CalendarDate { CalendarDate.noDate }

  /// The line's debit and credit in cents, or `nil` after reporting problems.
  private mutating func amounts(_ record: borrowing FECRecord) -> (debit: Int64, credit: Int64)? {
    let first = fields.debit
    let second = fields.credit
    switch layout {
    case .debitCredit:
      if record.isEmpty(first) && record.isEmpty(second) {
        report(
          line: record.number, column: record.column(first), field: "Debit",
          [.text(tr("no amount: Debit and Credit are both empty"))],
          hint: tr("write 0,00 in the column without an amount"))
        return nil
      }
      let debit = amount(record, first, "Debit")
      let credit = amount(record, second, "Credit")
      guard let debit, let credit else { return nil }
      return (debit, credit)
    case .amountAndDirection:
      let empty = record.isEmpty(first)
      let value = empty ? nil : amount(record, first, "Montant")
      if empty {
        report(
          line: record.number, column: record.column(first), field: "Montant",
          [.text(tr("missing amount"))],
          hint: tr("write the amount with a decimal comma, e.g. 1250,00"))
      }
      let isDebit: Bool?
      let code = record.shortCode(second)
      switch (code.count, code.first, code.last) {
      case (1, 0x44, _), (1, 0x64, _), (2, 0x2B, 0x31), (1, 0x31, _): isDebit = true  // D, +1
      case (1, 0x43, _), (1, 0x63, _), (2, 0x2D, 0x31): isDebit = false  // C, -1
      default:
        isDebit = nil
        report(
          line: record.number, column: record.column(second), field: "Sens",
          [.text(tr("`%s` is not a direction")), .bytes(record.bytes(second))],
          hint: tr("write D (or +1) for a debit, C (or -1) for a credit"))
      }
      guard let value, let isDebit else { return nil }
      return isDebit ? (value, 0) : (0, value)
    }
  }

  /// The amount of a field in cents (0 when empty), or `nil` after reporting a problem.
  private mutating func amount(_ record: borrowing FECRecord, _ field: Int, _ name: String)
    -> Int64?
  {
    if let cents = record.amount(field) { return cents }
    report(
      line: record.number, column: record.column(field), field: name,
      [.text(tr("`%s` is not an amount")), .bytes(record.bytes(field))],
      hint: tr(
        "write amounts with a decimal comma, at most 2 decimals and no thousands separator, e.g. 1250,00"
      ))
    return nil
  }

  // MARK: - Balance

  /// Checks the entry just finished, keeping it aside when it does not balance.
  private mutating func closeGroup() {
    guard group.isOpen else { return }
    defer { group.isOpen = false }
    // The rest of an entry whose lines are not all consecutive is no new entry.
    if unbalanced.isEmpty || unbalanced[group.key] == nil { entryCount += 1 }
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

  /// Closes the last entry and reports what only the whole file shows.
  mutating func finish(stopped: Bool) {
    if !headerRead {
      report(
        line: nil, field: "", [.text(tr("the file is empty"))],
        hint: tr("a FEC starts with a header line naming its columns"))
      return
    }
    if stopped { return }
    closeGroup()
    if overflowLine == nil {
      for entry in unbalanced.values.sorted(by: { $0.firstLine < $1.firstLine }) {
        reportUnbalanced(entry)
      }
    }
    if let overflowLine {
      report(
        line: overflowLine, field: "", [.text(tr("the amounts add up beyond what can be counted"))],
        hint: tr("check the amounts: their sum exceeds 92 thousand billion"))
    }
  }

  private mutating func reportUnbalanced(_ entry: EntryGroup) {
    let parts = entry.key.split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
    let journal = parts.first ?? []
    let number = parts.count > 1 ? parts[1] : []
    let difference = entry.debit - entry.credit
    let figures = tr(
      "debits %1, credits %2, difference %3", Self.format(entry.debit),
      Self.format(entry.credit), Self.format(difference))
    let message: [MessagePart]
    if parts.count >= 4 {
      message = [
        .text(
          tr(
            "the lines of journal `%s` dated %1 with piece `%s` (EcritureNum 0) do not balance: %2",
            CalendarDate.fromCompact(parts[2]).map(\.description) ?? "?", figures)),
        .bytes(journal), .bytes(parts[3]),
      ]
    } else {
      message = [
        .text(tr("entry `%s` of journal `%s` does not balance: %1", figures)),
        .bytes(number), .bytes(journal),
      ]
    }
    report(
      line: entry.firstLine, column: entry.column, field: FECColumn.ecritureNum.name, message,
      hint: parts.count >= 4
        ? "where EcritureNum is 0, the lines of one journal, date and PieceRef form an entry:"
          + " their debits and credits must be equal"
        : "the debits and credits of each EcritureNum must be equal; check its lines")
  }

  /// Cents as the FEC writes them: `1250,00`.
  static func format(_ cents: Int64) -> String {
    let magnitude = cents.magnitude
    let rest = magnitude % 100
    return "\(cents < 0 ? "-" : "")\(magnitude / 100),\(rest < 10 ? "0" : "")\(rest)"
  }

  // MARK: - Problems

  mutating func report(
    line: Int?, column: Column? = nil, field: String, _ message: [MessagePart],
    hint: String? = nil
  ) {
    problems.append(
      PendingProblem(
        line: line, column: column, field: field, message: message, hint: hint,
        order: problems.count))
  }
}

extension CalendarDate {
  /// 1 January of year 1: a placeholder for a date that is allowed to be empty.
  static let noDate = CalendarDate(checkedYear: 1, month: 1, day: 1)

  private init(checkedYear year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYYMMDD` bytes.
  static func fromCompact(_ bytes: [UInt8]) -> CalendarDate? {
    guard bytes.count == 8, bytes.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    let value = bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    return CalendarDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
  }
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
  var severity = DataProblem.Severity.error

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
    // A message holds `%s` where each piece of the file goes, in order, so that a
    // translation may move them.
    var from = text.startIndex
    for value in values {
      guard let place = text.range(of: "%s", range: from..<text.endIndex) else {
        text += value
        continue
      }
      let offset = text.distance(from: text.startIndex, to: place.lowerBound) + value.count
      text.replaceSubrange(place, with: value)
      from = text.index(text.startIndex, offsetBy: offset)
    }
    return DataProblem(
      severity, at: SourceLocation(file: file, line: line, column: column?.value(in: encoding)),
      field: field, message: text, hint: hint)
  }
}

/// The run of lines of one entry being read.
struct EntryGroup {
  /// The entry's key (see ``FECValidator``).
  var key: [UInt8] = []
  var isOpen = false
  var isTainted = false
  var firstLine = 0
  var column = Column(scalars: 1, bytes: 1)
  var debit: Int64 = 0
  var credit: Int64 = 0

  /// Starts a new run.
  mutating func open(_ key: [UInt8], line: Int, column: Column) {
    self.key.removeAll(keepingCapacity: true)
    self.key.append(contentsOf: key)
    isOpen = true
    isTainted = false
    firstLine = line
    self.column = column
    debit = 0
    credit = 0
  }
}
