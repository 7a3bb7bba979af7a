/// An amount as a person writes it in the year file or the budget spreadsheet: one rule
/// for both, and the hint that says it.
///
/// Accepted: `12000`, `12 000`, `12000.50`, `12000,50`, `12 000,50 €`, spaces, no-break
/// spaces (U+00A0, U+202F, U+2009) between groups of three digits, a leading `-`.
/// A `.` or `,` is only ever the decimal mark, followed by one or two digits. Refused
/// as ambiguous: one to three digits, one mark, exactly three digits (`12.000`,
/// `12,000`: twelve thousand or twelve?); refused too: both marks (`12.000,50`).
public enum WrittenAmount: Hashable, Sendable {
  /// The amount read.
  case amount(Money)
  /// A text with two readings: the thousands one, and the decimal one as French writes it
  /// (`12,000`), which may have three decimals.
  case ambiguous(thousands: Money, decimal: String)
  /// Not an amount.
  case invalid

  /// How the rule is said in hints: the forms that are accepted.
  public static var hint: String {
    tr("write euros with at most 2 decimals, e.g. 12 000, 12 000,50 € or 12000.50")
  }

  /// Reads a written amount.
  public static func read(_ text: String) -> WrittenAmount {
    plainAmount(text) ?? readByCharacters(text)
  }

  /// ``read(_:)`` character by character: every form a person writes.
  static func readByCharacters(_ text: String) -> WrittenAmount {
    var rest = text.trimmingWhitespace()
    if rest.hasSuffix("€") { rest = String(rest.dropLast()).trimmingWhitespace() }
    var negative = false
    if rest.first == "-" {
      negative = true
      rest = rest.dropFirst()
    }
    let marks = rest.filter { $0 == "," || $0 == "." }
    guard Set(marks).count <= 1 else { return .invalid }
    let parts = rest.split(omittingEmptySubsequences: false) { $0 == "," || $0 == "." }
    guard parts.count <= 2, let integer = parts.first else { return .invalid }
    let groupSeparators: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]
    let groups = integer.split(omittingEmptySubsequences: false) { groupSeparators.contains($0) }
    guard groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
      return .invalid
    }
    if groups.count > 1 {
      guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 })
      else { return .invalid }
    }
    let digits = groups.joined()
    let sign = negative ? "-" : ""
    if parts.count == 2 {
      let fraction = parts[1]
      guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .invalid }
      if fraction.count == 3 && groups.count == 1 && (1...3).contains(digits.count) {
        guard let thousands = Money.parse(sign + digits + fraction) else { return .invalid }
        return .ambiguous(thousands: thousands, decimal: sign + digits + "," + fraction)
      }
      guard (1...2).contains(fraction.count) else { return .invalid }
      return Money.parse(sign + digits + "." + fraction).map(WrittenAmount.amount) ?? .invalid
    }
    return Money.parse(sign + digits).map(WrittenAmount.amount) ?? .invalid
  }

  /// The reading of an amount written as YAML numbers are (`-1234`, `1234.5`,
  /// `1234.56`: ASCII digits, a point and at most 2 decimals), from its bytes; `nil` for
  /// any other text, which ``read(_:)`` reads by characters (the same result for these:
  /// this only skips the grapheme breaking, a tenth of reading a year of 20 000 lines).
  static func plainAmount(_ text: String) -> WrittenAmount? {
    let bytes = text.utf8
    var index = bytes.startIndex
    if index < bytes.endIndex, bytes[index] == 0x2D { bytes.formIndex(after: &index) }
    var integerDigits = 0
    var decimals = -1  // no point yet
    while index < bytes.endIndex {
      let byte = bytes[index]
      bytes.formIndex(after: &index)
      if byte == 0x2E, decimals < 0, integerDigits > 0 {
        decimals = 0
      } else if byte &- 0x30 < 10 {
        if decimals < 0 { integerDigits += 1 } else { decimals += 1 }
      } else {
        return nil
      }
    }
    guard integerDigits > 0, decimals != 0, decimals <= 2 else { return nil }
    return Money.parse(utf8: bytes).map(WrittenAmount.amount) ?? .invalid
  }

  /// The problem's message for `text`, when it is not an amount: what is wrong and,
  /// for an ambiguous one, its two readings.
  public static func complaint(_ text: String, _ reading: WrittenAmount) -> (String, String) {
    let shown = String(text.prefix(40))
    switch reading {
    case .ambiguous(let thousands, let decimal):
      return (
        tr("`%1` is ambiguous: %2 € or %3 €?", shown, spelled(thousands), decimal),
        tr(
          "write %1 for thousands (a space between groups of three digits, or none); a comma or a point marks the cents, at most 2 decimals",
          spelled(thousands))
      )
    default:
      return (tr("`%1` is not an amount", shown), hint)
    }
  }

  /// `12 000` for a whole amount, `12,00` style otherwise: as the hint writes amounts.
  static func spelled(_ money: Money) -> String {
    let units = money.cents.magnitude / 100
    var grouped = ""
    for (index, digit) in String(units).reversed().enumerated() {
      if index > 0 && index % 3 == 0 { grouped.insert(" ", at: grouped.startIndex) }
      grouped.insert(digit, at: grouped.startIndex)
    }
    let sign = money.cents < 0 ? "-" : ""
    let cents = money.cents.magnitude % 100
    return sign + grouped + (cents == 0 ? "" : "," + (cents < 10 ? "0" : "") + String(cents))
  }
}
