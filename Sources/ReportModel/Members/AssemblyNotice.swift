/// A time of day, minutes precision: when a meeting starts.
public struct ClockTime: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The hour, 0…23.
  public var hour: Int
  /// The minute, 0…59.
  public var minute: Int

  /// Creates a time; returns `nil` outside 00:00…23:59.
  public init?(hour: Int, minute: Int) {
    guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
    self.hour = hour
    self.minute = minute
  }

  /// Parses `14:00`, `9:30`, or the French `14h`, `14h30`, `14 h 30`.
  public init?(text: String) {
    let compact = text.filter { !$0.isWhitespace }.lowercased()
    let parts = compact.split(
      separator: compact.contains(":") ? ":" : "h", maxSplits: 1,
      omittingEmptySubsequences: false)
    guard parts.count == 2, (1...2).contains(parts[0].count),
      parts[1].count == 2 || (parts[1].isEmpty && compact.contains("h")),
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let hour = Int(parts[0])
    else { return nil }
    self.init(hour: hour, minute: parts[1].isEmpty ? 0 : Int(parts[1]) ?? -1)
  }

  /// `14:00`.
  public var description: String {
    (hour < 10 ? "0\(hour)" : "\(hour)") + ":" + (minute < 10 ? "0\(minute)" : "\(minute)")
  }

  /// Orders times of one day.
  public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool {
    (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute)
  }
}

/// A quorum: the share of the members' votes that must be present or represented.
///
/// Kept as an exact fraction (`0.25` is 1/4, `33,5 %` is 67/200) so that the votes it
/// asks for are counted without rounding errors.
public struct Quorum: Hashable, Sendable, CustomStringConvertible {
  /// The fraction's numerator, ≥ 1.
  public let numerator: Int64
  /// The fraction's denominator, ≥ numerator.
  public let denominator: Int64

  /// Creates the quorum `numerator / denominator`; `nil` unless 0 < q ≤ 1.
  public init?(numerator: Int64, denominator: Int64) {
    guard numerator > 0, denominator > 0, numerator <= denominator else { return nil }
    var (a, b) = (numerator, denominator)
    while b != 0 { (a, b) = (b, a % b) }
    self.numerator = numerator / a
    self.denominator = denominator / a
  }

  /// Parses a share as a year file writes it: `0.25`, `0,25`, `1`, `25 %`, `33.5%`.
  ///
  /// Returns `nil` for text that is not a number; a number outside 0 < q ≤ 1 gives
  /// `nil` too (the caller says why).
  public init?(text: String) {
    var rest = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" }
    var scale: Int64 = 1
    if rest.hasSuffix("%") {
      rest.removeLast()
      scale = 100
    }
    guard let (numerator, denominator) = Self.decimal(rest) else { return nil }
    self.init(numerator: numerator, denominator: denominator * scale)
  }

  /// A plain decimal number with at most 6 decimals, as an exact fraction.
  static func decimal(_ text: String) -> (Int64, Int64)? {
    let parts = text.replacing(",", with: ".").split(
      separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), !parts[0].isEmpty || parts.count == 2,
      parts.allSatisfy({ $0.count <= 6 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      parts.count == 1 || !parts[1].isEmpty
    else { return nil }
    let decimals = parts.count == 2 ? parts[1].count : 0
    var denominator: Int64 = 1
    for _ in 0..<decimals { denominator *= 10 }
    guard let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0])),
      let fraction = Int64(parts.count == 2 ? String(parts[1]) : "0")
    else { return nil }
    return (whole * denominator + fraction, denominator)
  }

  /// The votes that reach the quorum out of `total`: the share, rounded up.
  public func votes(of total: Int) -> Int {
    let product = Int64(total) * numerator
    return Int((product + denominator - 1) / denominator)
  }

  /// `1/4`.
  public var description: String { "\(numerator)/\(denominator)" }
}

extension Assembly {
  /// The notice period when the year file does not give one: 15 days.
  public static let defaultNoticeDays = 15
}

extension CalendarDate {
  /// Days from 1970-01-01 to this date.
  public var daysSinceEpoch: Int { Int(secondsSinceEpoch / 86_400) }

  /// The date `days` after this one (before, when negative).
  public func adding(days: Int) -> CalendarDate {
    // Civil from days, after H. Hinnant's algorithm.
    let z = daysSinceEpoch + days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return CalendarDate(year: year, month: month, day: day) ?? self
  }
}

/// How long before the assembly the convocations are dated, against the notice required.
///
/// The notice check is a value, not a thrown error: a late convocation is an error
/// that the person running the tool may knowingly override (`--late`), and the
/// override is recorded with the reason.
public struct NoticePeriod: Hashable, Sendable {
  /// The date the letters carry.
  public var convenedOn: CalendarDate
  /// The day of the assembly.
  public var assemblyDate: CalendarDate
  /// The days of notice the statutes require.
  public var requiredDays: Int

  /// Creates a notice period.
  public init(convenedOn: CalendarDate, assemblyDate: CalendarDate, requiredDays: Int) {
    self.convenedOn = convenedOn
    self.assemblyDate = assemblyDate
    self.requiredDays = requiredDays
  }

  /// The days between the letters' date and the assembly (negative when dated after it).
  public var days: Int { assemblyDate.daysSinceEpoch - convenedOn.daysSinceEpoch }

  /// Whether the letters give less notice than required.
  public var isLate: Bool { days < requiredDays }

  /// The latest date the letters may carry.
  public var latestConvocationDate: CalendarDate { assemblyDate.adding(days: -requiredDays) }

  /// The problem to report when the letters are late, located at `assembly.convened_on`.
  ///
  /// - Parameter overridden: whether the user said to go on anyway (`--late`): the
  ///   problem is then a warning that says so.
  /// - Returns: `nil` when the notice is long enough.
  public func problem(at location: SourceLocation, overridden: Bool = false) -> DataProblem? {
    guard isLate else { return nil }
    let given: String
    switch days {
    case ..<(-1): given = tr("%1 days after the assembly of %2", -days, assemblyDate)
    case -1: given = tr("1 day after the assembly of %1", assemblyDate)
    case 1: given = tr("1 day before the assembly of %1", assemblyDate)
    default: given = tr("%1 days before the assembly of %2", days, assemblyDate)
    }
    let message = tr(
      "the convocations are dated %1, %2; the notice period is %3 days", convenedOn, given,
      requiredDays)
    if overridden {
      return DataProblem(
        .warning, at: location, field: "assembly.convened_on",
        message: message + tr(" (sent late on purpose: --late)"))
    }
    return DataProblem(
      at: location, field: "assembly.convened_on", message: message,
      hint: tr(
        "date them %1 or earlier, move the assembly, or run with --late to convene it anyway",
        latestConvocationDate))
  }
}

extension Assembly {
  /// The notice the letters give, when both the assembly's date and `convened_on` are set.
  public var noticePeriod: NoticePeriod? {
    guard let date, let convenedOn else { return nil }
    return NoticePeriod(convenedOn: convenedOn, assemblyDate: date, requiredDays: noticeDays)
  }
}
