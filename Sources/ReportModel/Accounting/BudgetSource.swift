import Foundation

/// The year's budget spreadsheet, when there is one: `budget.csv`, `budget.xlsx` or
/// `budget.ods` in `data/<year>/`, whose lines replace the year file's.
public struct BudgetSource: Hashable, Sendable, CustomStringConvertible {
  /// The file's path.
  public var file: String
  /// The lines read, and the warnings.
  public var loaded: BudgetCSVLoader.Loaded

  /// The file names looked for, in this order.
  public static let names = ["budget.csv", "budget.xlsx", "budget.ods"]

  /// Creates a source.
  public init(file: String, loaded: BudgetCSVLoader.Loaded) {
    self.file = file
    self.loaded = loaded
  }

  /// The number of budget lines read, both sides.
  public var lineCount: Int { loaded.charges.count + loaded.products.count }

  /// `budget lines from budget.xlsx, 42 lines`: what `validate` and a run say.
  public var description: String {
    let name = file.split(separator: "/").last.map(String.init) ?? file
    return lineCount == 1
      ? tr("budget lines from %1, 1 line", name)
      : tr("budget lines from %1, %2 lines", name, lineCount)
  }

  /// Finds and loads the budget spreadsheet of a year's folder; `nil` when there is none.
  /// - Parameter folder: `data/<year>`.
  /// - Throws: ``DataError`` when two are present (which one is meant?) or the one
  ///   present has problems.
  public static func find(in folder: String) throws(DataError) -> BudgetSource? {
    let present = names.map { folder + "/" + $0 }.filter {
      FileManager.default.fileExists(atPath: $0)
    }
    guard let file = present.first else { return nil }
    guard present.count == 1 else {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: present[1]), field: "",
          message: tr("two budget spreadsheets: %1", present.joined(separator: tr(" and "))),
          hint: tr("keep one of them: the other would be ignored without a word"))
      ])
    }
    return try load(path: file)
  }

  /// Loads a budget spreadsheet by its extension: `.csv`, `.xlsx` or `.ods`.
  public static func load(path: String) throws(DataError) -> BudgetSource {
    let lower = path.lowercased()
    let loaded =
      lower.hasSuffix(".xlsx") || lower.hasSuffix(".ods")
      ? try BudgetSpreadsheetLoader().load(path: path)
      : try BudgetCSVLoader().load(path: path)
    return BudgetSource(file: path, loaded: loaded)
  }
}
