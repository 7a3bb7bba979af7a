import Mustache
import ReportModel

/// The words of the documents, read from `templates/words.yaml`.
///
/// Each value is a Mustache template rendered as plain text (no HTML escaping), so
/// `&`, `<` and « » in the data come out as written.
public struct Words: Decodable, Sendable {
  /// How numbers, money and dates are written.
  public struct Format: Decodable, Sendable {
    /// The documents' language (BCP 47), written in the PDF.
    public var language: String
    /// Between groups of thousands.
    public var groupSeparator: String
    /// Before the decimals.
    public var decimalSeparator: String
    /// Before the currency symbol.
    public var currencySpacing: String
    /// The currency symbol.
    public var currencySymbol: String
    /// After a percentage's number.
    public var percentSuffix: String
    /// A long date, with `{day}`, `{month}`, `{year}`.
    public var longDate: String
    /// The twelve months.
    public var months: [String]
  }

  /// PDF metadata texts.
  public struct Metadata: Decodable, Sendable {
    /// The subject.
    public var subject: String
    /// The keywords.
    public var keywords: String
  }

  /// The page footer.
  public struct Footer: Decodable, Sendable {
    /// Left part.
    public var left: String
    /// Right part, with `{{page}}` and `{{pages}}`.
    public var right: String
  }

  /// The cover's texts.
  public struct Cover: Decodable, Sendable {
    /// The cover's name in a reader's page box.
    public var pageLabel: String
    /// Date and place line.
    public var datePlace: String
    /// Date line when no place is given.
    public var dateOnly: String
  }

  /// The contents page.
  public struct ContentsWords: Decodable, Sendable {
    /// Its title.
    public var title: String
  }

  /// The introduction.
  public struct Introduction: Decodable, Sendable {
    /// Its title.
    public var title: String
    /// The priorities' title.
    public var prioritiesTitle: String
    /// The notes box's title.
    public var notesTitle: String
  }

  /// Column labels of the action tables.
  public struct ActionColumns: Decodable, Sendable {
    /// The action's title.
    public var action: String
    /// Its objective.
    public var objective: String
    /// Its lead.
    public var lead: String
    /// Its schedule.
    public var schedule: String
    /// Its status.
    public var status: String
    /// Its budget.
    public var budget: String
  }

  /// Column labels of the summary table.
  public struct SummaryColumns: Decodable, Sendable {
    /// The axis.
    public var axis: String
    /// The number of actions.
    public var actions: String
    /// The budget.
    public var budget: String
    /// The axis's share of the plan's budget.
    public var share: String
  }

  /// Status names.
  public struct Statuses: Decodable, Sendable {
    /// `new`.
    public var new: String
    /// `maintained`.
    public var maintained: String
    /// `reinforced`.
    public var reinforced: String
    /// `postponed`.
    public var postponed: String
    /// `unfunded`.
    public var unfunded: String

    /// The name of a status.
    public func name(_ status: ActionStatus) -> String {
      switch status {
      case .new: return new
      case .maintained: return maintained
      case .reinforced: return reinforced
      case .postponed: return postponed
      case .unfunded: return unfunded
      }
    }
  }

  /// The action plan section.
  public struct Plan: Decodable, Sendable {
    /// Section title.
    public var title: String
    /// Opening sentence.
    public var lead: String
    /// An axis's heading.
    public var axisHeading: String
    /// A continued table's title.
    public var continued: String
    /// Action table columns.
    public var columns: ActionColumns
    /// An axis's total row.
    public var axisTotal: String
    /// The summary's title.
    public var summaryTitle: String
    /// The summary's columns.
    public var summaryColumns: SummaryColumns
    /// An axis in the summary.
    public var summaryAxis: String
    /// The summary's total row.
    public var summaryTotal: String
    /// The bar chart's title.
    public var chartTitle: String
    /// The sentence pointing to the budget, with `{page:budget}` for its page.
    public var budgetReference: String
    /// Status names.
    public var status: Statuses
  }

  /// Column labels of the budget tables.
  public struct BudgetColumns: Decodable, Sendable {
    /// Account number.
    public var account: String
    /// Label.
    public var label: String
    /// Amount.
    public var amount: String
  }

  /// Names of the two sides, as used in sentences.
  public struct SideNames: Decodable, Sendable {
    /// Charges.
    public var charges: String
    /// Products.
    public var products: String
  }

  /// The budget section.
  public struct BudgetWords: Decodable, Sendable {
    /// Section title.
    public var title: String
    /// Opening sentence.
    public var lead: String
    /// Charges table title.
    public var chargesTitle: String
    /// Products table title.
    public var productsTitle: String
    /// Table columns.
    public var columns: BudgetColumns
    /// Charges total row.
    public var chargesTotal: String
    /// Products total row.
    public var productsTotal: String
    /// The balance sub-section's title.
    public var balanceTitle: String
    /// The sentence when balanced.
    public var balanced: String
    /// The sentence when not balanced.
    public var unbalanced: String
    /// The sentence when a side is off the voted total.
    public var offTarget: String
    /// Side names for `offTarget`.
    public var sideNames: SideNames
    /// The regional share sub-section's title.
    public var regionalTitle: String
    /// The sentence over the pie.
    public var regionalLead: String
    /// The regional slice's legend.
    public var regionalSlice: String
    /// The other slice's legend.
    public var otherSlice: String
    /// A legend's detail line.
    public var legendDetail: String
  }

  /// Number, money and date formats.
  public var format: Format
  /// The monthly budget-execution export.
  public var export: ExportWords
  /// The PDF's file name.
  public var fileName: String
  /// PDF metadata.
  public var metadata: Metadata
  /// The footer.
  public var footer: Footer
  /// The cover.
  public var cover: Cover
  /// The contents page.
  public var contents: ContentsWords
  /// What an empty table cell shows.
  public var emptyCell: String
  /// How charts are described in words.
  public var figure: FigureWords
  /// The list bullet.
  public var bullet: String
  /// The introduction.
  public var introduction: Introduction
  /// The action plan.
  public var plan: Plan
  /// The budget.
  public var budget: BudgetWords

  /// The number style these words describe.
  public var numberStyle: NumberStyle {
    NumberStyle(
      groupSeparator: format.groupSeparator, decimalSeparator: format.decimalSeparator,
      currencySpacing: format.currencySpacing, currencySymbol: format.currencySymbol,
      percentSuffix: format.percentSuffix, monthNames: format.months,
      longDatePattern: format.longDate)
  }

  /// Renders one of the words' templates with values.
  ///
  /// Templates were checked when the words were loaded, so this cannot fail on a
  /// template from ``Templates/load(directory:)``; an unparsable one renders as is.
  public static func render(_ template: String, _ values: [String: String] = [:]) -> String {
    guard let parsed = try? MustacheTemplate(string: textPragma + template) else { return template }
    return parsed.render(values)
  }

  /// Makes Mustache write plain text rather than HTML.
  static let textPragma = "{{% CONTENT_TYPE: TEXT}}"
}

/// How a chart is put in words for readers who cannot see it.
public struct FigureWords: Decodable, Sendable {
  /// The whole text, with `{{title}}` and `{{entries}}`.
  public var alternative: String
  /// One entry, with `{{label}}` and `{{value}}`.
  public var entry: String
  /// Between entries.
  public var separator: String

  /// The text alternative of a chart: its title and each label with its value.
  public func describe(title: String, entries: [(label: String, value: String)]) -> String {
    let parts = entries.map { Words.render(entry, ["label": $0.label, "value": $0.value]) }
    return Words.render(
      alternative, ["title": title, "entries": parts.joined(separator: separator)])
  }
}

/// The words of the monthly budget-execution export (`export:` in `words.yaml`).
public struct ExportWords: Decodable, Sendable {
  /// The columns of the headline table.
  public struct HeadlineColumns: Decodable, Sendable {
    /// The row's name.
    public var item: String
    /// The annual budget.
    public var budget: String
    /// The budget prorated to the date.
    public var prorata: String
    /// The actual to date.
    public var actual: String
    /// The execution rate.
    public var rate: String
  }

  /// The columns of the charges and products tables.
  public struct Columns: Decodable, Sendable {
    /// Account number.
    public var account: String
    /// Label.
    public var label: String
    /// Annual budget.
    public var budget: String
    /// Actual to date.
    public var actual: String
    /// Execution rate.
    public var rate: String
    /// Gap to the prorated budget.
    public var gap: String
  }

  /// The columns of the off-budget table.
  public struct OffBudgetColumns: Decodable, Sendable {
    /// Charge or product.
    public var side: String
    /// Account number.
    public var account: String
    /// Account name.
    public var label: String
    /// Amount to date.
    public var amount: String
  }

  /// The columns of the beneficiaries table.
  public struct RegionalColumns: Decodable, Sendable {
    /// Auxiliary account.
    public var account: String
    /// Beneficiary's name.
    public var beneficiary: String
    /// Amount paid to date.
    public var amount: String
  }

  /// The names of the two sides in the off-budget table.
  public struct SideNames: Decodable, Sendable {
    /// A charge.
    public var charges: String
    /// A product.
    public var products: String
  }

  /// The PDF's file name.
  public var fileName: String
  /// The title.
  public var title: String
  /// The PDF's subject.
  public var subject: String
  /// The opening sentence.
  public var lead: String
  /// The sentence explaining prorated gaps.
  public var prorataNote: String
  /// The headline section's title.
  public var headlineTitle: String
  /// The headline table's columns.
  public var headlineColumns: HeadlineColumns
  /// The charges row.
  public var headlineCharges: String
  /// The products row.
  public var headlineProducts: String
  /// The result row.
  public var headlineResult: String
  /// The regional share row.
  public var headlineRegional: String
  /// The charges section's title.
  public var chargesTitle: String
  /// The products section's title.
  public var productsTitle: String
  /// The execution tables' columns.
  public var columns: Columns
  /// The charges total row.
  public var chargesTotal: String
  /// The products total row.
  public var productsTotal: String
  /// The off-budget section's title.
  public var offBudgetTitle: String
  /// Its opening sentence.
  public var offBudgetLead: String
  /// What it says when there is nothing off budget.
  public var offBudgetNone: String
  /// Its table's columns.
  public var offBudgetColumns: OffBudgetColumns
  /// Its total row.
  public var offBudgetTotal: String
  /// Side names.
  public var sideNames: SideNames
  /// The charges comparison chart's title.
  public var linesChartTitle: String
  /// The products comparison chart's title.
  public var productsChartTitle: String
  /// The planned series' name.
  public var planned: String
  /// The actual series' name.
  public var actual: String
  /// The cumulative chart's title.
  public var pathChartTitle: String
  /// The charges line's name.
  public var pathCharges: String
  /// The products line's name.
  public var pathProducts: String
  /// The linear budget line's name.
  public var pathBudget: String
  /// Twelve short month names.
  public var monthsShort: [String]
  /// The regional section's title.
  public var regionalTitle: String
  /// Its opening sentence.
  public var regionalLead: String
  /// Its table's columns.
  public var regionalColumns: RegionalColumns
  /// Its total row.
  public var regionalTotal: String
  /// What it says when nothing was paid.
  public var regionalNone: String
}
