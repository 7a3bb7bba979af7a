/// How numbers, money, percentages and dates are written in a document's language.
///
/// Every figure printed goes through one value of this type; its symbols and month
/// names come from `templates/`, so no language lives in Swift code. The French
/// rules are "1 620 000 €" (U+202F between thousands, U+00A0 before the currency
/// sign), "32 %" and "14 juin 2019".
public struct NumberStyle: Hashable, Sendable {
  /// Between groups of three digits (U+202F in French).
  public var groupSeparator: String
  /// Between units and decimals ("," in French).
  public var decimalSeparator: String
  /// Put before the currency symbol (U+00A0 in French).
  public var currencySpacing: String
  /// The currency symbol ("€").
  public var currencySymbol: String
  /// Written after a number to make a percentage (U+00A0 + "%" in French).
  public var percentSuffix: String
  /// The twelve month names, January first, as used in a long date.
  public var monthNames: [String]
  /// The pattern of a long date, with `{day}`, `{month}` and `{year}`.
  public var longDatePattern: String

  /// Creates a style.
  /// - Precondition: `monthNames` has twelve names.
  public init(
    groupSeparator: String, decimalSeparator: String, currencySpacing: String,
    currencySymbol: String, percentSuffix: String, monthNames: [String],
    longDatePattern: String = "{day}\u{00A0}{month}\u{00A0}{year}"
  ) {
    precondition(monthNames.count == 12, "a NumberStyle needs twelve month names")
    self.groupSeparator = groupSeparator
    self.decimalSeparator = decimalSeparator
    self.currencySpacing = currencySpacing
    self.currencySymbol = currencySymbol
    self.percentSuffix = percentSuffix
    self.monthNames = monthNames
    self.longDatePattern = longDatePattern
  }

  /// An integer with grouped thousands: "1 620 000".
  public func integer(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var result = value < 0 ? "-" : ""
    let count = digits.count
    for (index, digit) in digits.enumerated() {
      if index > 0 && (count - index) % 3 == 0 { result += groupSeparator }
      result.append(digit)
    }
    return result
  }

  /// An amount with its currency: "1 620 000 €", "12,50 €".
  ///
  /// Cents are shown when the amount has them, or always with `alwaysCents` (for a
  /// column where other amounts have cents, so that the figures line up).
  public func money(_ amount: Money, alwaysCents: Bool = false) -> String {
    number(amount, alwaysCents: alwaysCents) + currencySpacing + currencySymbol
  }

  /// An amount without its currency sign: "1 620 000", "12,50".
  public func number(_ amount: Money, alwaysCents: Bool = false) -> String {
    let units = amount.cents / 100
    var text = integer(units)
    if amount.cents < 0 && units == 0 { text = "-0" }
    if amount.hasCents || alwaysCents {
      let cents = amount.cents.magnitude % 100
      text += decimalSeparator + (cents < 10 ? "0" : "") + String(cents)
    }
    return text
  }

  /// An amount with its sign always written, for gaps: "+12 000 €", "−3 500 €", "0 €".
  ///
  /// The minus is U+2212, the typographic minus sign.
  public func signedMoney(_ amount: Money, alwaysCents: Bool = false) -> String {
    let text = money(amount.magnitude, alwaysCents: alwaysCents)
    if amount.cents > 0 { return "+" + text }
    if amount.cents < 0 { return "\u{2212}" + text }
    return text
  }

  /// A whole percentage: "32 %".
  public func percent(_ value: Int) -> String { integer(Int64(value)) + percentSuffix }

  /// A date in long form: "14 juin 2019", with no-break spaces (a line never
  /// separates the day from its month).
  public func longDate(_ date: CalendarDate) -> String {
    longDatePattern
      .replacing("{day}", with: String(date.day))
      .replacing("{month}", with: monthNames[date.month - 1])
      .replacing("{year}", with: String(date.year))
  }
}
