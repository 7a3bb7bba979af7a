/// A destination inside a document, which headings carry and links, bookmarks and
/// `{page:NAME}` point to.
public protocol DocumentAnchor: Hashable, Sendable {
  /// Its name in the PDF (`budget`, `axe-2`).
  var name: String { get }
}

/// The destinations of the pack.
public enum PackAnchor: DocumentAnchor {
  /// The contents page.
  case contents
  /// The introduction.
  case introduction
  /// The priorities.
  case priorities
  /// The action plan.
  case plan
  /// The axis at a 1-based position.
  case axis(Int)
  /// The plan's summary.
  case summary
  /// The budget.
  case budget
  /// The charges table.
  case charges
  /// The products table.
  case products
  /// The balance.
  case balance
  /// The regional share.
  case regional

  /// Its name in the PDF.
  public var name: String {
    switch self {
    case .contents: return "sommaire"
    case .introduction: return "introduction"
    case .priorities: return "priorites"
    case .plan: return "plan"
    case .axis(let number): return "axe-\(number)"
    case .summary: return "synthese"
    case .budget: return "budget"
    case .charges: return "charges"
    case .products: return "produits"
    case .balance: return "equilibre"
    case .regional: return "part-regionale"
    }
  }

  /// What layout replaces by each section's page: `page:budget` → `{page:budget}`,
  /// the values of a ``Template`` of ``PackPageNames``.
  public static var pageReferences: [String: String] {
    Dictionary(uniqueKeysWithValues: sections.map { ("page:\($0.name)", "{page:\($0.name)}") })
  }

  /// The sections every pack has, which the words may point to (`{page:budget}`).
  public static let sections: [PackAnchor] = [
    .contents, .introduction, .priorities, .plan, .summary, .budget, .charges, .products,
    .balance, .regional,
  ]
}

/// The destinations of a monthly export.
public enum ExportAnchor: String, DocumentAnchor, CaseIterable {
  /// The title.
  case title = "suivi"
  /// The headline figures.
  case headline = "chiffres-cles"
  /// The charges table.
  case charges
  /// The products table.
  case products = "produits"
  /// The accounts matching no budget line.
  case offBudget = "hors-budget"
  /// The charges chart.
  case chargesChart = "graphique-charges"
  /// The products chart.
  case productsChart = "graphique-produits"
  /// The cumulative chart.
  case cumulative = "cumul"
  /// What the regions received.
  case regional = "redistribution"

  /// Its name in the PDF.
  public var name: String { rawValue }
}

/// The destinations of the resolutions sheet.
public enum ResolutionsAnchor: DocumentAnchor {
  /// The title.
  case title
  /// The resolution at a 1-based position.
  case resolution(Int)

  /// Its name in the PDF.
  public var name: String {
    switch self {
    case .title: return "resolutions"
    case .resolution(let number): return "resolution-\(number)"
    }
  }
}
