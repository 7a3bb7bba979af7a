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
/// Amounts are decimal strings ("1620000.00"): exact, unlike JSON numbers.
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

    enum CodingKeys: String, CodingKey {
      case path, pages, kind, month, charges, products, result
      case offBudgetCharges = "off_budget_charges"
      case offBudgetProducts = "off_budget_products"
      case regionalShare = "regional_share"
    }
  }

  struct Figures: Encodable {
    var budget: String
    var actual: String
  }

  struct Share: Encodable {
    var planned: Int
    var actual: Int
  }

  var files: [File]
  var warnings: [String]

  init(written: [Written], warnings: [String]) {
    files = written.map { result in
      guard case .export(let execution, let budget) = result.details else {
        return File(path: result.path, pages: result.pages, kind: result.kind)
      }
      return File(
        path: result.path, pages: result.pages, kind: result.kind,
        month: execution.through.description,
        charges: Figures(
          budget: Self.decimal(budget.chargesTotal), actual: Self.decimal(execution.chargesActual)),
        products: Figures(
          budget: Self.decimal(budget.productsTotal), actual: Self.decimal(execution.productsActual)
        ),
        result: Self.decimal(execution.result),
        offBudgetCharges: Self.decimal(execution.offBudgetChargesTotal),
        offBudgetProducts: Self.decimal(execution.offBudgetProductsTotal),
        regionalShare: Share(
          planned: budget.regionalShare.roundedPercent,
          actual: execution.regionalShare.roundedPercent))
    }
    self.warnings = warnings
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
    guard let data = try? encoder.encode(self) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}
