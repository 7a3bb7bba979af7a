extension YearLoader.Loaded {
  /// Replaces the year's budget lines with a spreadsheet's (`budget.csv`), keeping
  /// the year file's currency and voted total, and adds the spreadsheet's warnings.
  ///
  /// The labels now come from the spreadsheet: problems found later (a character the
  /// font lacks) name `file` instead of the year file.
  public mutating func replaceBudgetLines(
    with spreadsheet: BudgetCSVLoader.Loaded, from file: String
  ) {
    year.budget = spreadsheet.applied(to: year.budget)
    warnings += spreadsheet.warnings
    for (side, count) in [
      ("charges", spreadsheet.charges.count), ("products", spreadsheet.products.count),
    ] {
      for index in 0..<count {
        locations["budget.\(side)[\(index)].label"] = SourceLocation(file: file)
      }
    }
  }
}
