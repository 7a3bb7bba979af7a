/// A part of a whole, kept as an exact ratio of two amounts.
public struct Share: Hashable, Sendable {
  /// The part.
  public var part: Money
  /// The whole the part is taken from.
  public var whole: Money

  /// Creates the share `part / whole`.
  public init(part: Money, of whole: Money) {
    self.part = part
    self.whole = whole
  }

  /// The share as a fraction in 0…1 (0 when the whole is zero), for geometry.
  public var fraction: Double {
    whole.cents == 0 ? 0 : Double(part.cents) / Double(whole.cents)
  }

  /// The share in whole percent, rounded half up with integer arithmetic.
  public var roundedPercent: Int {
    guard whole.cents != 0 else { return 0 }
    let numerator = part.cents * 200 + whole.cents
    return Int(numerator / (whole.cents * 2))
  }

  /// Whole percentages for several parts of one whole that always add up to 100.
  ///
  /// Uses the largest-remainder method so that "32 %" and "68 %" on a pie never
  /// read "33 %" and "68 %".
  /// - Parameter parts: the parts; their sum is the whole.
  /// - Returns: one percentage per part, in the same order; all zero when the sum is zero.
  public static func percentages(of parts: [Money]) -> [Int] {
    let total = parts.map(\.cents).reduce(0, +)
    guard total > 0 else { return parts.map { _ in 0 } }
    var floors = parts.map { Int($0.cents * 100 / total) }
    let remainders = parts.enumerated().map { ($0.offset, ($0.element.cents * 100) % total) }
    var missing = 100 - floors.reduce(0, +)
    for (index, _) in remainders.sorted(by: { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }) {
      guard missing > 0 else { break }
      floors[index] += 1
      missing -= 1
    }
    return floors
  }
}
