import Foundation
import ReportApp
import ReportModel

/// Progress lines on stderr, only when a person is watching (stderr is a terminal).
struct Progress {
  let enabled = isatty(STDERR_FILENO) == 1

  func say(_ text: String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data(("report: " + text + "\n").utf8))
  }
}

/// The machine-readable summary printed by `--json`, for the program that mails the documents.
///
/// Amounts are decimal strings ("1620000.00"): exact, unlike JSON numbers. `ok` says
/// whether the run succeeded; on failure `problems` lists every problem (file, line,
/// column or spreadsheet cell, field, message, hint), so that cron's `last.json` is
/// never empty.
struct Summary: Encodable {
  struct File: Encodable {
    var path: String
    var pages: Int
    var kind: String
    var month: String?
    var charges: Figures?
    var products: Figures?
    var result: String?
    var offBudgetCharges: String?
    var offBudgetProducts: String?
    var regionalShare: Share?
    var fiscalYear: Period?
    var fec: String?
    var fecChoice: String?
    var lastEntryDate: String?
    var stale: String?
    var budgetSource: String?

    enum CodingKeys: String, CodingKey {
      case path, pages, kind, month, charges, products, result, fec, stale
      case offBudgetCharges = "off_budget_charges"
      case offBudgetProducts = "off_budget_products"
      case regionalShare = "regional_share"
      case fiscalYear = "fiscal_year"
      case fecChoice = "fec_choice"
      case lastEntryDate = "last_entry_date"
      case budgetSource = "budget_source"
    }
  }

  struct Figures: Encodable {
    var budget: String
    var actual: String
    /// The budget lines' actuals: the tables' total.
    var lines: String?
    /// The accounts no budget line covers.
    var offBudget: String?
    /// The budget prorated to date, line by line under each line's profile.
    var prorated: String?

    enum CodingKeys: String, CodingKey {
      case budget, actual, lines, prorated
      case offBudget = "off_budget"
    }
  }

  struct Share: Encodable {
    var planned: Int
    var actual: Int
  }

  struct Period: Encodable {
    var name: String
    var start: String
    var end: String
    var months: Int
    var elapsed: Int
  }

  /// One problem of a failed run, or a warning.
  struct Problem: Encodable {
    var severity: String
    var file: String?
    var line: Int?
    var column: Int?
    var cell: String?
    var field: String?
    var message: String
    var hint: String?
  }

  var ok: Bool
  var files: [File]
  /// `budget lines from budget.xlsx, 19 lines` when a spreadsheet replaced the year
  /// file's lines.
  var budgetSource: String?
  var warnings: [String]
  var problems: [Problem]

  enum CodingKeys: String, CodingKey {
    case ok, files, warnings, problems
    case budgetSource = "budget_source"
  }

  init(written: [Written], warnings: [String]) {
    ok = true
    problems = []
    files = written.map { result in
      guard case .export(let execution, let budget, let facts) = result.details else {
        return File(path: result.path, pages: result.pages, kind: result.kind)
      }
      let charges = execution.chargesReconciliation
      let products = execution.productsReconciliation
      return File(
        path: result.path, pages: result.pages, kind: result.kind,
        month: execution.through.description,
        charges: Figures(
          budget: Self.decimal(budget.chargesTotal), actual: Self.decimal(execution.chargesActual),
          lines: Self.decimal(charges.budgetedLines), offBudget: Self.decimal(charges.offBudget),
          prorated: Self.decimal(execution.chargesProrated)),
        products: Figures(
          budget: Self.decimal(budget.productsTotal),
          actual: Self.decimal(execution.productsActual),
          lines: Self.decimal(products.budgetedLines), offBudget: Self.decimal(products.offBudget),
          prorated: Self.decimal(execution.productsProrated)),
        result: Self.decimal(execution.result),
        offBudgetCharges: Self.decimal(execution.offBudgetChargesTotal),
        offBudgetProducts: Self.decimal(execution.offBudgetProductsTotal),
        regionalShare: Share(
          planned: budget.regionalShare.roundedPercent,
          actual: execution.regionalShare.roundedPercent),
        fiscalYear: execution.fiscalYear.map {
          Period(
            name: $0.name, start: $0.start.description, end: $0.end.description,
            months: $0.monthCount, elapsed: execution.monthsElapsed)
        },
        fec: facts.fec, fecChoice: facts.fecChoice,
        lastEntryDate: facts.lastEntryDate?.description, stale: facts.staleness,
        budgetSource: facts.budgetSource)
    }
    self.warnings = warnings
  }

  /// The summary of a failed run: `ok` false and every problem.
  init(failure: RunError) {
    ok = false
    files = []
    warnings = []
    problems =
      failure.problems.isEmpty
      ? Self.problems(in: failure.description)
      : failure.problems.map { problem in
        Problem(
          severity: problem.severity.rawValue, file: problem.location.file,
          line: problem.location.line, column: problem.location.column,
          cell: problem.location.cell, field: problem.field.isEmpty ? nil : problem.field,
          message: problem.message, hint: problem.hint)
      }
  }

  /// The problems of a message printed as `file:line:column: error: field: message`
  /// lines, each possibly followed by an indented `hint:` line; a line of another shape
  /// is a problem of its own.
  static func problems(in text: String) -> [Problem] {
    var problems: [Problem] = []
    // The labels as printed: English, or the user's language.
    let hints = Set(["hint: ", tr("hint: %1", "")])
    let errors = Set([": error: ", ": \(tr("error")): "])
    let warnings = Set([": warning: ", ": \(tr("warning")): "])
    for line in text.split(separator: "\n").map(String.init) {
      let trimmed = line.drop { $0 == " " }
      if let hint = hints.first(where: { trimmed.hasPrefix($0) }), !problems.isEmpty {
        problems[problems.count - 1].hint = String(trimmed.dropFirst(hint.count))
        continue
      }
      let found =
        errors.lazy.compactMap { line.range(of: $0) }.first.map { ($0, "error") }
        ?? warnings.lazy.compactMap { line.range(of: $0) }.first.map { ($0, "warning") }
      guard let (range, severity) = found else {
        // A problem of no file: `error: message`.
        let labels = [
          ("error", "error: "), ("error", tr("error") + ": "), ("warning", "warning: "),
          ("warning", tr("warning") + ": "),
        ]
        if let (severity, label) = labels.first(where: { line.hasPrefix($0.1) }) {
          problems.append(Problem(severity: severity, message: String(line.dropFirst(label.count))))
        } else {
          problems.append(Problem(severity: "error", message: line))
        }
        continue
      }
      var location = line[..<range.lowerBound].split(
        separator: ":", omittingEmptySubsequences: false
      )
      .map(String.init)
      var numbers: [Int] = []
      while location.count > 1, let number = Int(location[location.count - 1]) {
        numbers.insert(number, at: 0)
        location.removeLast()
      }
      let file = location.joined(separator: ":")
      problems.append(
        Problem(
          severity: severity, file: file == "error" || file.isEmpty ? nil : file,
          line: numbers.first, column: numbers.count > 1 ? numbers[1] : nil,
          message: String(line[range.upperBound...])))
    }
    return problems
  }

  /// An amount with two decimals and a dot: "1620000.00", "-12.50".
  static func decimal(_ amount: Money) -> String {
    let magnitude = amount.cents.magnitude
    let cents = magnitude % 100
    return (amount.cents < 0 ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0" : "")
      + "\(cents)"
  }

  var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self) else { return #"{"ok": false, "problems": []}"# }
    return String(decoding: data, as: UTF8.self)
  }
}
