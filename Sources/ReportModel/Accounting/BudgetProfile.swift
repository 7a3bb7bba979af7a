import Yams

/// How a budget line is spread over the fiscal year, for prorating to a month.
public enum BudgetProfile: Hashable, Sendable {
  /// Evenly, month by month: the default.
  case linear
  /// All at the year's end (depreciation, provisions): nothing is due before the last month.
  case closing
  /// Twelve shares in millionths, in the fiscal year's month order (share 1 is its first
  /// month), adding up to one million, give or take 0.1 %.
  case monthly([Int64])

  /// How far from 1 the twelve shares may add up (0.001: `0.0833` twelve times is 0.9996).
  public static let shareTolerance: Int64 = 1_000

  /// The part of the year's amount due by the end of `elapsed` of `months` months, as a
  /// fraction (numerator, denominator).
  ///
  /// In a year that is not twelve months long, monthly shares repeat (month 13 takes
  /// share 1) and are scaled so the whole year gets the whole amount.
  public func fraction(elapsed: Int, of months: Int) -> (numerator: Int64, denominator: Int64) {
    let elapsed = max(0, min(months, elapsed))
    switch self {
    case .linear:
      return (Int64(elapsed), Int64(max(1, months)))
    case .closing:
      return elapsed >= months && months > 0 ? (1, 1) : (0, 1)
    case .monthly(let shares):
      guard !shares.isEmpty, months > 0 else { return (0, 1) }
      var done: Int64 = 0
      var total: Int64 = 0
      for month in 0..<months {
        let share = shares[month % shares.count]
        total += share
        if month < elapsed { done += share }
      }
      return total > 0 ? (done, total) : (0, 1)
    }
  }

  /// `amount` × `elapsed`/`months` under this profile, rounded to the cent (halves up).
  public func prorate(_ amount: Money, elapsed: Int, of months: Int) -> Money {
    let (numerator, denominator) = fraction(elapsed: elapsed, of: months)
    return Self.scale(amount, numerator, denominator)
  }

  /// `amount × numerator / denominator` to the cent, halves away from zero.
  ///
  /// `(2·a·n + d) / 2d` for a positive amount, as the exports have always rounded, and
  /// its mirror for a negative one. Exact over the whole range of amounts.
  static func scale(_ amount: Money, _ numerator: Int64, _ denominator: Int64) -> Money {
    guard denominator > 0 else { return .zero }
    if numerator == denominator { return amount }
    if amount.cents < 0 {
      return Money(cents: -scale(Money(cents: -amount.cents), numerator, denominator).cents)
    }
    let product = (amount.cents * 2).multipliedFullWidth(by: numerator)
    let (low, carry) = product.low.addingReportingOverflow(UInt64(denominator))
    let high = product.high + (carry ? 1 : 0)
    let (quotient, _) = (denominator * 2).dividingFullWidth((high: high, low: low))
    return Money(cents: quotient)
  }

  /// Reads a share written as a plain decimal (`0.25`, `.5`, `1`), in millionths.
  static func parseShare(_ text: String) -> Int64? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, let whole = parts.first, whole.count <= 2,
      whole.allSatisfy({ $0.isASCII && $0.isNumber })
    else { return nil }
    let fraction = parts.count == 2 ? parts[1] : ""
    guard fraction.count <= 6, fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
      !(whole.isEmpty && fraction.isEmpty)
    else { return nil }
    let units = Int64(whole) ?? 0
    let padded = fraction + String(repeating: "0", count: 6 - fraction.count)
    return units * 1_000_000 + (Int64(padded) ?? 0)
  }
}

extension BudgetLine {
  /// The line's amount prorated to the end of `month` of `year`, under its profile.
  public func prorated(through month: YearMonth, in year: FiscalYear) -> Money {
    profile.prorate(amount, elapsed: year.monthsElapsed(through: month), of: year.monthCount)
  }
}

extension NodeReader {
  /// A budget line's `profile`: `linear`, `closing` or `{monthly: [12 shares]}`.
  func profile(_ node: Node?, field: String) -> BudgetProfile? {
    let path = "\(field).profile"
    guard let node, !isNull(node) else { return .linear }
    let hint =
      "write linear (spread evenly, the default), closing (booked at the year's end) or"
      + " monthly: [12 shares adding up to 1], e.g. monthly: [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0,"
      + " 0, 0, 0]"
    if let scalar = node.scalar {
      switch scalar.string {
      case "linear": return .linear
      case "closing": return .closing
      default:
        let guess = Suggestion.closest(to: scalar.string, among: ["linear", "closing", "monthly"])
        report(
          node, path, "unknown profile `\(scalar.string.prefix(40))`",
          hint: (guess.map { "did you mean `\($0)`? " } ?? "") + hint)
        return nil
      }
    }
    guard let map = mapping(node, field: path, known: ["monthly"]) else { return nil }
    guard let list = map["monthly"], !isNull(list) else {
      report(node, path, "a profile mapping needs `monthly`", hint: hint)
      return nil
    }
    guard let items = sequence(list, field: "\(path).monthly") else { return nil }
    guard items.count == 12 else {
      report(
        list, "\(path).monthly", "\(items.count) shares where a year has 12 months", hint: hint)
      return nil
    }
    var shares: [Int64] = []
    for (index, item) in items.enumerated() {
      guard let text = item.scalar?.string, let share = BudgetProfile.parseShare(text),
        share <= 1_000_000
      else {
        report(
          item, "\(path).monthly[\(index)]",
          "`\((item.scalar?.string ?? "a list or mapping").prefix(40))` is not a share",
          hint: tr("write a number from 0 to 1 with at most 6 decimals, e.g. 0.25"))
        return nil
      }
      shares.append(share)
    }
    let sum = shares.reduce(0, +)
    guard abs(sum - 1_000_000) <= BudgetProfile.shareTolerance else {
      report(
        list, "\(path).monthly",
        "the 12 shares add up to \(Self.decimal(sum)), not 1",
        hint: tr("make them add up to 1: each is the part of the amount booked that month"))
      return nil
    }
    return .monthly(shares)
  }

  /// The year file's `fiscal_year: {start, end}`, or `nil` (after reporting a problem
  /// when it is there but wrong).
  func fiscalYear(_ node: Node?) -> (FiscalYear?, failed: Bool) {
    guard let node, !isNull(node) else { return (nil, false) }
    guard let map = mapping(node, field: "fiscal_year", known: ["start", "end"]) else {
      return (nil, true)
    }
    var dates: [CalendarDate?] = []
    for key in ["start", "end"] {
      let text = string(map, key, parent: node, field: "fiscal_year", required: true)
      let date = text.flatMap { CalendarDate(iso: $0) }
      if let text, date == nil {
        report(
          map[key], "fiscal_year.\(key)", "`\(text.prefix(40))` is not a date",
          hint: tr("write it as YYYY-MM-DD, e.g. 2018-09-01"))
      }
      dates.append(date)
    }
    guard let start = dates[0], let end = dates[1] else { return (nil, true) }
    guard let year = FiscalYear(start: start, end: end, origin: .yearFile) else {
      report(
        map["end"], "fiscal_year.end",
        start > end
          ? "the fiscal year ends (\(end)) before it starts (\(start))"
          : "a fiscal year of more than 24 months (\(start) to \(end))",
        hint: tr("a fiscal year is usually twelve months, e.g. start: 2018-09-01, end: 2019-08-31"))
      return (nil, true)
    }
    return (year, false)
  }

  /// Millionths as a decimal: `950000` is `0.95`.
  private static func decimal(_ millionths: Int64) -> String {
    var fraction = String(millionths % 1_000_000)
    fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return "\(millionths / 1_000_000)" + (fraction.isEmpty ? "" : "." + fraction)
  }
}
