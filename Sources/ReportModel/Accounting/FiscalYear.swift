/// The period a year's documents cover: its first and last day, and why those.
///
/// Months of a fiscal year are calendar months, from the start's to the end's (a year
/// starting on 16 June counts June as its first month): they are the unit of the
/// actuals' time series and of prorating.
public struct FiscalYear: Hashable, Sendable, CustomStringConvertible {
  /// What set the fiscal year.
  public enum Origin: Hashable, Sendable {
    /// `fiscal_year` in the year file.
    case yearFile
    /// The closing date in a FEC's legal name (`<SIREN>FEC<YYYYMMDD>`): twelve months.
    case fecName(String)
    /// The closing date in a FEC's legal name, with a first year longer or shorter than
    /// twelve months: the entries' own first date sets the start.
    case fecNameAndEntries(String)
    /// Nothing said otherwise: the calendar year.
    case calendar
  }

  /// The first day.
  public let start: CalendarDate
  /// The last day (the closing date).
  public let end: CalendarDate
  /// What set it.
  public let origin: Origin

  /// Creates a fiscal year; `nil` unless `start` ≤ `end` and they are at most 24 months apart.
  public init?(start: CalendarDate, end: CalendarDate, origin: Origin = .yearFile) {
    guard start <= end, Self.monthNumber(end) - Self.monthNumber(start) < 24 else { return nil }
    self.start = start
    self.end = end
    self.origin = origin
  }

  /// The calendar year `year`, 1 January to 31 December.
  public static func calendar(_ year: Int) -> FiscalYear? {
    guard let start = CalendarDate(year: year, month: 1, day: 1),
      let end = CalendarDate(year: year, month: 12, day: 31)
    else { return nil }
    return FiscalYear(start: start, end: end, origin: .calendar)
  }

  /// The twelve months ending on `end` (a year closing on 31 August 2019 starts on
  /// 1 September 2018).
  public static func twelveMonths(endingOn end: CalendarDate, origin: Origin) -> FiscalYear? {
    guard let start = end.adding(months: -12)?.nextDay else { return nil }
    return FiscalYear(start: start, end: end, origin: origin)
  }

  /// The months of the year in order, the first and last possibly partial.
  public var months: [YearMonth] {
    let first = Self.monthNumber(start)
    return (first...Self.monthNumber(end)).compactMap { Self.yearMonth($0) }
  }

  /// The number of months: 12 for an ordinary year.
  public var monthCount: Int { Self.monthNumber(end) - Self.monthNumber(start) + 1 }

  /// Whether the year is not twelve months long (a first or last year), so documents say so.
  public var isIrregular: Bool { monthCount != 12 }

  /// Whether a day falls in the fiscal year.
  public func contains(_ date: CalendarDate) -> Bool { start <= date && date <= end }

  /// The 0-based position of `month` among ``months``, or `nil` outside the year.
  public func index(of month: YearMonth) -> Int? {
    let offset = month.year * 12 + month.month - 1 - Self.monthNumber(start)
    return (0..<monthCount).contains(offset) ? offset : nil
  }

  /// The calendar month `number` (1…12) inside the fiscal year.
  ///
  /// Month 3 of the year September 2018 – August 2019 is March 2019. In a year longer
  /// than twelve months that has it twice, the later one.
  public func month(numbered number: Int) -> YearMonth? {
    months.last { $0.month == number }
  }

  /// How many of the year's months have ended by the end of `month`: 0 before the year,
  /// ``monthCount`` after it.
  public func monthsElapsed(through month: YearMonth) -> Int {
    let ended = month.year * 12 + month.month - 1 - Self.monthNumber(start) + 1
    return max(0, min(monthCount, ended))
  }

  /// The year a folder of this fiscal year is named after: the closing date's.
  public var year: Int { end.year }

  /// Whether `year` names this fiscal year: the year it starts or ends in.
  public func isNamed(_ year: Int) -> Bool { year == start.year || year == end.year }

  /// `2019` for a calendar year, `2018-2019` for one across two years.
  public var name: String {
    start.year == end.year ? "\(end.year)" : "\(start.year)-\(end.year)"
  }

  /// `2018-09-01 – 2019-08-31`.
  public var description: String { "\(start) – \(end)" }

  /// Months counted from year 0: `year × 12 + month − 1`.
  static func monthNumber(_ date: CalendarDate) -> Int { date.year * 12 + date.month - 1 }

  static func yearMonth(_ number: Int) -> YearMonth? {
    YearMonth(year: number / 12, month: number % 12 + 1)
  }
}

extension CalendarDate {
  /// The same day `months` months later (or earlier), the day kept within the month:
  /// 31 August minus six months is 28 (or 29) February.
  public func adding(months: Int) -> CalendarDate? {
    let number = year * 12 + month - 1 + months
    let newYear = number / 12
    let newMonth = number % 12 + 1
    guard number >= 0 else { return nil }
    return CalendarDate(
      year: newYear, month: newMonth,
      day: min(day, CalendarDate.daysIn(month: newMonth, year: newYear)))
  }

  /// The day after.
  public var nextDay: CalendarDate? {
    if day < CalendarDate.daysIn(month: month, year: year) {
      return CalendarDate(year: year, month: month, day: day + 1)
    }
    return month < 12
      ? CalendarDate(year: year, month: month + 1, day: 1)
      : CalendarDate(year: year + 1, month: 1, day: 1)
  }

  /// The ISO date without dashes, as FEC names and fields write it: `20190831`.
  public var compact: String { description.replacingOccurrences(of: "-", with: "") }
}

/// How the reader decides which fiscal year a FEC covers.
public enum FiscalYearRule: Hashable, Sendable {
  /// A known year (the year file's `fiscal_year`): lines outside are problems.
  case fixed(FiscalYear)
  /// The closing date of a legal FEC name: the twelve months ending there, or from the
  /// entries' first date when it falls outside them or after their first month (a
  /// first year longer or shorter than twelve months).
  case closing(CalendarDate, file: String)
  /// The calendar year given.
  case calendar(Int)
  /// The calendar year of the first entry line.
  case firstEntry

  /// The rule for a year's FEC: the year file's `fiscal_year` when given, else the closing
  /// date of the file's legal name, else the calendar year `year` (or, without one, the
  /// year of the first entry).
  public static func rule(fiscalYear: FiscalYear?, file: String, year: Int?) -> FiscalYearRule {
    if let fiscalYear { return .fixed(fiscalYear) }
    if let closing = FECFileName.closingDate(of: file) { return .closing(closing, file: file) }
    if let year { return .calendar(year) }
    return .firstEntry
  }
}

/// The legal name of a FEC: `<SIREN>FEC<YYYYMMDD>`, nine digits, `FEC`, the closing date.
public enum FECFileName {
  /// The closing date a file's name gives, or `nil` when it does not follow the pattern.
  ///
  /// `123456789FEC20190831.txt`, `/data/2019/fec/123456789FEC20190831` and any case of
  /// `FEC` are recognised; the extension, if any, is ignored.
  public static func closingDate(of path: String) -> CalendarDate? {
    let name = Array((path.split(separator: "/").last.map(String.init) ?? path).utf8)
    guard name.count >= 20 else { return nil }
    let digits = name.prefix(9)
    let marker = name[9..<12].map { $0 | 0x20 }
    let date = name[12..<20]
    guard digits.allSatisfy({ (0x30...0x39).contains($0) }), marker == Array("fec".utf8),
      date.allSatisfy({ (0x30...0x39).contains($0) }),
      name.count == 20 || name[20] == 0x2E
    else { return nil }
    let value = date.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    guard value / 10_000 >= 1900 else { return nil }  // not a closing date of ours
    return CalendarDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
  }
}
