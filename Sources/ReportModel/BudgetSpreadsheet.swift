extension YearLoader.Loaded {
  /// Replaces the year's budget lines with a spreadsheet's (`budget.csv`), keeping
  /// the year file's currency and voted total, and adds the spreadsheet's warnings.
  ///
  /// The labels now come from the spreadsheet: problems found later (a character the
  /// font lacks) name `file` instead of the year file.
  public mutating func replaceBudgetLines(
    with spreadsheet: BudgetCSVLoader.Loaded, from file: String
  ) {
    let replaced = year.budget.charges.count + year.budget.products.count
    let first = locations["budget.charges[0].label"] ?? locations["budget.products[0].label"]
    year.budget = spreadsheet.applied(to: year.budget)
    warnings += spreadsheet.warnings
    // The one sentence that says the spreadsheet wins, for every spreadsheet format.
    let count = spreadsheet.charges.count + spreadsheet.products.count
    warnings.append(
      DataProblem(
        .warning, at: first ?? SourceLocation(file: locations.file ?? file),
        field: "budget",
        message: tr(
          "budget lines from %1, %2 lines: the year file's %3 budget lines are not used", file,
          count, replaced),
        hint: tr("edit the budget in %1, or remove that file to use the year file's lines", file)))
    for (side, count) in [
      ("charges", spreadsheet.charges.count), ("products", spreadsheet.products.count),
    ] {
      for index in 0..<count {
        locations["budget.\(side)[\(index)].label"] = SourceLocation(file: file)
      }
    }
  }
}
