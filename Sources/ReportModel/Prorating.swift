extension Money {
  /// The share of an annual amount that falls in the first `months` months of the
  /// year, spread evenly, rounded to the cent (half a cent up): what a budget line
  /// "should" have reached by then.
  public func prorated(months: Int) -> Money {
    Money(cents: (cents * Int64(months) * 2 + 12) / 24)
  }
}
