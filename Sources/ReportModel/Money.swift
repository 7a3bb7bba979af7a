/// An exact amount of money, held as a whole number of cents.
///
/// Budget figures are never stored in binary floating point: `0.1 + 0.2` must be
/// `0.30`. The range (±92 233 720 368 547 758,07) is far beyond any budget; the
/// arithmetic operators trap on overflow, so loaders check magnitudes first (see
/// ``Money/maximum``).
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The amount in cents (hundredths of the currency unit).
  public var cents: Int64

  /// The largest amount a data file may hold: one thousand billion units.
  ///
  /// Loaders refuse larger amounts so that totals over many lines can never overflow.
  public static let maximum = Money(cents: 100_000_000_000_000)

  /// No money at all.
  public static let zero = Money(cents: 0)

  /// Creates an amount from a number of cents.
  public init(cents: Int64) { self.cents = cents }

  /// Creates an amount from a whole number of currency units.
  public init(units: Int64) { self.cents = units * 100 }

  /// Whether the amount has a non-zero cents part.
  public var hasCents: Bool { cents % 100 != 0 }

  /// The amount as a plain decimal string, "1620000" or "12.50": for logs and tests.
  public var description: String {
    let sign = cents < 0 ? "-" : ""
    let magnitude = cents.magnitude
    let units = magnitude / 100
    let rest = magnitude % 100
    return rest == 0 ? "\(sign)\(units)" : "\(sign)\(units).\(rest < 10 ? "0" : "")\(rest)"
  }

  /// The amount as a floating-point number of units, for chart geometry only.
  public var approximateUnits: Double { Double(cents) / 100 }

  /// Parses a plain decimal number as written in a data file: digits, an optional
  /// `.` or `,` and at most two decimals, an optional leading `-`.
  ///
  /// Thousands separators are not accepted here (the budget spreadsheet loader reads
  /// those).
  /// - Returns: the amount, or `nil` when the text is not such a number or is
  ///   larger than ``maximum``.
  public static func parse(_ text: String) -> Money? {
    parse(utf8: text.trimmingWhitespace().utf8)
  }

  /// Parses the bytes of a plain decimal number (see ``parse(_:)``), as the FEC
  /// reader finds them in its buffer: no string is made.
  public static func parse<Bytes: Collection<UInt8>>(utf8 bytes: Bytes) -> Money? {
    var index = bytes.startIndex
    var negative = false
    if index < bytes.endIndex, bytes[index] == 0x2D || bytes[index] == 0x2B {
      negative = bytes[index] == 0x2D
      bytes.formIndex(after: &index)
    }
    var units: Int64 = 0
    var fraction: Int64 = 0
    var fractionDigits = 0
    var unitDigits = 0
    var seenSeparator = false
    while index < bytes.endIndex {
      let byte = bytes[index]
      bytes.formIndex(after: &index)
      if byte == 0x2C || byte == 0x2E {  // , or .
        guard !seenSeparator else { return nil }
        seenSeparator = true
        continue
      }
      let digit = byte &- 0x30
      guard digit < 10 else { return nil }
      if seenSeparator {
        fractionDigits += 1
        guard fractionDigits <= 2 else { return nil }
        fraction = fraction * 10 + Int64(digit)
      } else {
        unitDigits += 1
        guard unitDigits <= 15 else { return nil }
        units = units * 10 + Int64(digit)
      }
    }
    guard unitDigits > 0 || fractionDigits > 0 else { return nil }
    if fractionDigits == 1 { fraction *= 10 }
    let cents = units * 100 + fraction
    guard cents <= maximum.cents else { return nil }
    return Money(cents: negative ? -cents : cents)
  }

  /// Adds two amounts.
  public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
  /// Subtracts two amounts.
  public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
  /// Adds an amount in place.
  public static func += (lhs: inout Money, rhs: Money) { lhs.cents += rhs.cents }
  /// Orders amounts by value.
  public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
  /// The magnitude of the amount.
  public var magnitude: Money { Money(cents: Int64(cents.magnitude)) }
}

extension Sequence where Element == Money {
  /// The sum of the amounts.
  public func sum() -> Money { reduce(.zero, +) }
}

extension String {
  /// The string without leading and trailing white space (including no-break spaces).
  func trimmingWhitespace() -> Substring {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
    while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
    return slice
  }
}
