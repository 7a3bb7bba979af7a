import ReportCompose
import ReportModel

/// One kind of document (the pack, a monthly export, the resolutions sheet…): the
/// words it needs, how its documents are made from the year and the inputs they
/// load, and what each is made of.
///
/// A kind loads and composes; the ``Engine`` checks what it prints against the
/// fonts, lays it out, draws it and writes it, the same way for every kind, and
/// ``Application/make(_:year:request:)`` runs a batch of them on every core. A new
/// kind is a type conforming to this protocol and its group of words (see
/// `README.md`, "How it is built").
public protocol DocumentKind: Sendable {
  /// What a run is asked for beyond the year (a month, an accounting file…).
  associatedtype Request: Sendable = Void

  /// The group of `words.yaml` its documents need.
  static var words: WordGroup { get }
  /// How many documents a run will probably make: workers are started for them
  /// before the inputs are read.
  static func expectedCount(_ request: Request) -> Int
  /// The documents of a run, from the year and what they load through `inputs`.
  /// - Parameter warnings: where to add what the user should hear about.
  static func documents(
    _ request: Request, year: LoadedYear, inputs: Inputs, warnings: inout [String]
  ) throws(RunError) -> [Self]

  /// Its name in the `--json` summary: `pack`, `export`, `resolutions`.
  var name: String { get }
  /// The day the document is about: the PDF's date unless `SOURCE_DATE_EPOCH` is set.
  var day: CalendarDate? { get }
  /// Where the data it prints was read, to name the file and line of a text the
  /// fonts cannot draw.
  var sources: [SourcedText] { get }
  /// What the summary says about it beyond its path and pages.
  var details: Written.Details { get }

  /// The document's blocks, page styles, footer and metadata.
  func compose(_ templates: Templates) -> ComposedDocument

  /// Lets go of what composing it read, once it is measured and before it is drawn:
  /// its texts are then in the measured pieces, each page's released once drawn (a
  /// ledger's FEC lines). A document is written once; composing it again after this
  /// is a defect.
  func releaseInputs()
}

extension DocumentKind {
  /// Nothing beyond the path and pages.
  public var details: Written.Details { .none }
  /// Nothing held that the measured pages do not hold too (the year is shared).
  public func releaseInputs() {}
  /// One.
  public static func expectedCount(_ request: Request) -> Int { 1 }
}

/// A text of the inputs, with the field and place it was read from.
public struct SourcedText: Sendable {
  /// The field's path, as the input names it (`axes[0].actions[2].title`).
  public var field: String
  /// The text.
  public var text: String
  /// Where it was read.
  public var location: SourceLocation

  /// Creates a sourced text.
  public init(field: String, text: String, location: SourceLocation) {
    self.field = field
    self.text = text
    self.location = location
  }
}

/// A document written to disk.
public struct Written: Sendable {
  /// What the summary says about a kind of document.
  public enum Details: Sendable {
    /// Nothing more.
    case none
    /// A budget-execution export: the month's figures, the budget executed, and which
    /// FEC was read. Boxed: every ``Written`` would otherwise carry room for them, and a
    /// run of convocations keeps one per member.
    indirect case export(BudgetExecution, Budget, ExportFacts)
  }

  /// The PDF's path.
  public var path: String
  /// The number of pages.
  public var pages: Int
  /// The kind's name (``DocumentKind/name``).
  public var kind: String
  /// The kind's details.
  public var details: Details
  /// The PNG previews written instead of the PDF (`report preview`), in page order.
  public var images: [String] = []
}

/// A year file as loaded for documents: the year, its warnings, and where each text was read.
public struct LoadedYear: Sendable {
  /// The year (with the budget spreadsheet's lines when there is one).
  public var year: Year
  /// The year asked for: 2019.
  public var number: Int
  /// Problems that did not stop loading (unknown keys…).
  public var problems: [DataProblem]
  /// The year file's path.
  public var file: String
  /// Where each text was read, by field path.
  public var locations: SourceLocations
  /// The budget spreadsheet whose lines replaced the year file's, and what runs say of
  /// it (``BudgetSource/description``: "budget lines from budget.xlsx, 19 lines").
  public var budgetSource: (file: String, description: String)? = nil

  /// The year's texts with where each was read.
  public var sources: [SourcedText] {
    year.texts.map { field, text in
      SourcedText(
        field: field, text: text, location: locations[field] ?? SourceLocation(file: file))
    }
  }
}
