import ReportModel

/// The words of the documents, read from `templates/words.yaml`.
///
/// Texts with placeholders are ``Template``s, parsed and checked when the templates
/// load. The words shared by every document are required; each kind of document has
/// a group of its own (`pack:`, `export:`, `resolutions:`), which may be left out
/// unless that document is asked for (``Templates/load(directory:requiring:)``).
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
    public var longDate: Template<DateParts>
    /// The twelve months.
    public var months: [String]
  }

  /// The page footer.
  public struct Footer: Decodable, Sendable {
    /// Left part.
    public var left: Template<FooterNames>
    /// Right part, with `{page}` and `{pages}`.
    public var right: Template<PageNumberNames>
  }

  /// Number, money and date formats.
  public var format: Format
  /// The footer.
  public var footer: Footer
  /// What an empty table cell shows.
  public var emptyCell: String
  /// How charts are described in words.
  public var figure: FigureWords
  /// The list bullet.
  public var bullet: String
  /// The title of a table continued on the next page.
  public var tableContinued: Template<HeadingName>
  /// The general-assembly pack's words.
  public var packGroup: PackWords?
  /// The monthly budget-execution export's words.
  public var exportGroup: ExportWords?
  /// The resolutions sheet's words.
  public var resolutionsGroup: ResolutionsWords?
  /// The convocations' words: letters, pouvoirs, attendance sheet.
  public var convocationGroup: ConvocationWords?
  /// The annual accounts' words.
  public var accountsGroup: AccountsWords?

  enum CodingKeys: String, CodingKey {
    case format, footer, emptyCell, figure, bullet, tableContinued
    case packGroup = "pack"
    case exportGroup = "export"
    case resolutionsGroup = "resolutions"
    case convocationGroup = "convocation"
    case accountsGroup = "accounts"
  }

  /// The pack's words (`pack:`), which the templates were loaded requiring.
  public var pack: PackWords { Self.required(packGroup, .pack) }
  /// The export's words (`export:`), which the templates were loaded requiring.
  public var export: ExportWords { Self.required(exportGroup, .export) }
  /// The resolutions sheet's words (`resolutions:`), which the templates were loaded requiring.
  public var resolutions: ResolutionsWords { Self.required(resolutionsGroup, .resolutions) }
  /// The convocations' words (`convocation:`), which the templates were loaded requiring.
  public var convocation: ConvocationWords { Self.required(convocationGroup, .convocation) }
  /// The annual accounts' words (`accounts:`), which the templates were loaded requiring.
  public var accounts: AccountsWords { Self.required(accountsGroup, .accounts) }

  private static func required<T>(_ group: T?, _ name: WordGroup) -> T {
    guard let group else {
      preconditionFailure(
        "words.yaml has no `\(name.rawValue):` group: load the templates requiring [.\(name)]")
    }
    return group
  }

  /// The groups present.
  public var groups: Set<WordGroup> {
    var groups: Set<WordGroup> = []
    if packGroup != nil { groups.insert(.pack) }
    if exportGroup != nil { groups.insert(.export) }
    if resolutionsGroup != nil { groups.insert(.resolutions) }
    if convocationGroup != nil { groups.insert(.convocation) }
    if accountsGroup != nil { groups.insert(.accounts) }
    return groups
  }

  /// The number style these words describe.
  public var numberStyle: NumberStyle {
    NumberStyle(
      groupSeparator: format.groupSeparator, decimalSeparator: format.decimalSeparator,
      currencySpacing: format.currencySpacing, currencySymbol: format.currencySymbol,
      percentSuffix: format.percentSuffix, monthNames: format.months,
      longDatePattern: format.longDate.source)
  }
}

/// The groups of words, one per kind of document.
public enum WordGroup: String, CaseIterable, Hashable, Sendable {
  /// `pack:`, the general-assembly pack.
  case pack
  /// `export:`, the monthly budget-execution export.
  case export
  /// `resolutions:`, the resolutions sheet.
  case resolutions
  /// `convocation:`, the members' letters and pouvoirs and the attendance sheet.
  case convocation
  /// `accounts:`, the annual accounts (compte de résultat, balance, grand livre).
  case accounts

  /// The document, in words.
  public var document: String {
    switch self {
    case .pack: return tr("general-assembly pack")
    case .export: return tr("monthly budget-execution export")
    case .resolutions: return tr("resolutions sheet")
    case .convocation: return tr("convocations")
    case .accounts: return tr("annual accounts")
    }
  }
}

/// The words of the general-assembly pack (`pack:` in `words.yaml`).
public struct PackWords: Decodable, Sendable {
  /// PDF metadata texts.
  public struct Metadata: Decodable, Sendable {
    /// The subject.
    public var subject: Template<AssemblyNames>
    /// The keywords.
    public var keywords: Template<AssemblyNames>
  }

  /// The cover's texts.
  public struct Cover: Decodable, Sendable {
    /// The cover's name in a reader's page box.
    public var pageLabel: String
    /// Date and place line.
    public var datePlace: Template<AssemblyNames>
    /// Date line when no place is given.
    public var dateOnly: Template<AssemblyNames>
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
    public var lead: Template<PlanLeadNames>
    /// An axis's heading.
    public var axisHeading: Template<NumberTitleNames>
    /// Action table columns.
    public var columns: ActionColumns
    /// An axis's total row.
    public var axisTotal: Template<NumberName>
    /// The summary's title.
    public var summaryTitle: String
    /// The summary's columns.
    public var summaryColumns: SummaryColumns
    /// An axis in the summary.
    public var summaryAxis: Template<NumberTitleNames>
    /// The summary's total row.
    public var summaryTotal: String
    /// The bar chart's title.
    public var chartTitle: String
    /// The sentence pointing to the budget, with `{page:budget}` for its page.
    public var budgetReference: Template<PackPageNames>
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
    public var balanced: Template<TotalName>
    /// The sentence when not balanced.
    public var unbalanced: Template<UnbalancedNames>
    /// The sentence when a side is off the voted total.
    public var offTarget: Template<OffTargetNames>
    /// Side names for `offTarget`.
    public var sideNames: SideNames
    /// The regional share sub-section's title.
    public var regionalTitle: String
    /// The sentence over the pie.
    public var regionalLead: Template<AmountPercentNames>
    /// The regional slice's legend.
    public var regionalSlice: String
    /// The other slice's legend.
    public var otherSlice: String
    /// A legend's detail line.
    public var legendDetail: Template<AmountPercentNames>
  }

  /// The PDF's file name.
  public var fileName: Template<YearName>
  /// PDF metadata.
  public var metadata: Metadata
  /// The cover.
  public var cover: Cover
  /// The contents page.
  public var contents: ContentsWords
  /// The introduction.
  public var introduction: Introduction
  /// The action plan.
  public var plan: Plan
  /// The budget.
  public var budget: BudgetWords
  /// The section on last year's accounts (`accounts:`), shown when its FEC is there.
  public var accounts: PackAccountsWords?
}

/// How a chart is put in words for readers who cannot see it.
public struct FigureWords: Decodable, Sendable {
  /// The whole text, with `{title}` and `{entries}`.
  public var alternative: Template<FigureNames>
  /// One entry, with `{label}` and `{value}`.
  public var entry: Template<FigureEntryNames>
  /// Between entries.
  public var separator: String

  /// The text alternative of a chart: its title and each label with its value.
  public func describe(title: String, entries: [(label: String, value: String)]) -> String {
    let parts = entries.map { entry.render(["label": $0.label, "value": $0.value]) }
    return alternative.render(["title": title, "entries": parts.joined(separator: separator)])
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
  public var fileName: Template<YearMonthNames>
  /// The title.
  public var title: Template<DateName>
  /// The title when the fiscal year runs across two calendar years.
  public var titleFiscal: Template<DateFiscalYearNames>
  /// The sentence giving the FEC's last entry date.
  public var lastEntry: Template<DateName>
  /// Why the FEC read was chosen: the latest closing date of the legal names.
  public var chosenByClosing: Template<CountDateNames>
  /// Why the FEC read was chosen: the latest entries.
  public var chosenByEntries: Template<CountDateNames>
  /// What a fiscal year that is not twelve months long says.
  public var irregularYear: Template<FiscalYearSpanNames>
  /// The warning of an export to a month after the FEC's last entry.
  public var staleWarning: Template<StaleNames>
  /// The PDF's subject.
  public var subject: Template<YearDateNames>
  /// The PDF's keywords.
  public var keywords: Template<YearDateNames>
  /// The opening sentence.
  public var lead: Template<ExportLeadNames>
  /// The sentence explaining prorated gaps.
  public var prorataNote: Template<ProrataNames>
  /// The headline section's title.
  public var headlineTitle: String
  /// The headline table's columns.
  public var headlineColumns: HeadlineColumns
  /// The charges row.
  public var headlineCharges: String
  /// The products row.
  public var headlineProducts: String
  /// The charges off budget row.
  public var headlineChargesOffBudget: String
  /// The row of the FEC's class 6 total.
  public var headlineChargesLedger: String
  /// The products off budget row.
  public var headlineProductsOffBudget: String
  /// The row of the FEC's class 7 total.
  public var headlineProductsLedger: String
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
  /// Its total row (no longer printed: one total per side).
  public var offBudgetTotal: String
  /// Its charges' total row.
  public var offBudgetChargesTotal: String
  /// Its products' total row.
  public var offBudgetProductsTotal: String
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
  public var regionalLead: Template<RegionalPaidNames>
  /// Its table's columns.
  public var regionalColumns: RegionalColumns
  /// Its total row.
  public var regionalTotal: String
  /// What it says when nothing was paid.
  public var regionalNone: String
}
