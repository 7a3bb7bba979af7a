import ReportCompose
import ReportModel

/// The general-assembly pack: `dossier-ag-<year>.pdf`.
public struct PackDocument: DocumentKind {
  /// The year it is made of.
  public var loaded: LoadedYear
  /// Last year's accounts, when `<data>/<year − 1>/fec/` holds their FEC (issue 12).
  public var previousAccounts: PreviousAccounts?

  /// `pack:`.
  public static var words: WordGroup { .pack }

  /// The year's pack.
  public static func documents(
    _ request: Void, year: LoadedYear, inputs: Inputs, warnings: inout [String]
  ) throws(RunError) -> [PackDocument] {
    [
      PackDocument(
        loaded: year,
        previousAccounts: try inputs.previousAccounts(year.number, warnings: &warnings))
    ]
  }

  /// `pack`.
  public var name: String { "pack" }
  /// The assembly's day.
  public var day: CalendarDate? {
    loaded.year.assembly.date ?? CalendarDate(year: loaded.number, month: 1, day: 1)
  }
  /// The year's texts.
  public var sources: [SourcedText] { loaded.sources }

  /// The pack's blocks.
  public func compose(_ templates: Templates) -> ComposedDocument {
    var composer = PackComposer(year: loaded.year, templates: templates)
    composer.fileYear = loaded.number  // named by --year, whatever the data still says
    composer.previousAccounts = previousAccounts
    return composer.compose()
  }
}

/// The budget-execution export of a month: `suivi-<year>-<month>.pdf`.
public struct ExportDocument: DocumentKind {
  /// What to export.
  public struct Request: Sendable {
    /// The month to export; every month with entries when `nil`.
    public var month: Int?
    /// The accounting export to read; the last one of the year's folder when `nil`.
    public var fec: String?

    /// Creates a request.
    public init(month: Int? = nil, fec: String? = nil) {
      self.month = month
      self.fec = fec
    }
  }

  /// `export:`.
  public static var words: WordGroup { .export }

  /// One, or up to twelve.
  public static func expectedCount(_ request: Request) -> Int { request.month == nil ? 12 : 1 }

  /// The exports asked for, from the accounting export.
  public static func documents(
    _ request: Request, year: LoadedYear, inputs: Inputs, warnings: inout [String]
  ) throws(RunError) -> [ExportDocument] {
    let file = try inputs.fecFile(year: year.number, given: request.fec)
    inputs.progress("reading \(file)…")
    let ledger = try inputs.ledger(file, year: year.number)
    let months = request.month.map { [$0] } ?? ledger.monthsWithEntries.sorted()
    if months.isEmpty {
      warnings.append("\(file): warning: the accounting export has no entries: no export written")
    }
    inputs.progress("writing \(months.count) export\(months.count == 1 ? "" : "s")…")
    var documents: [ExportDocument] = []
    for month in months {
      guard let through = YearMonth(year: year.number, month: month) else {
        throw RunError(.input, "error: --month \(month): give a month from 1 to 12")
      }
      documents.append(ExportDocument(loaded: year, ledger: ledger, through: through))
    }
    return documents
  }

  /// The year whose budget is executed.
  public let loaded: LoadedYear
  /// The accounting export read.
  public let ledger: LedgerSummary
  /// The month reported (to its end).
  public let through: YearMonth
  /// The execution to the end of the month.
  public let execution: BudgetExecution

  /// The export of `ledger` against the year's budget, to the end of `through`.
  public init(loaded: LoadedYear, ledger: LedgerSummary, through: YearMonth) {
    self.loaded = loaded
    self.ledger = ledger
    self.through = through
    execution = ledger.execution(of: loaded.year.budget, through: through)
  }

  /// `export`.
  public var name: String { "export" }
  /// The month's last day.
  public var day: CalendarDate? { through.lastDay }
  /// The figures of the summary.
  public var details: Written.Details { .export(execution, loaded.year.budget) }

  /// The year's texts, and the account names it prints from the accounting file.
  public var sources: [SourcedText] {
    let location = SourceLocation(file: ledger.file)
    return loaded.sources
      + (execution.offBudgetCharges + execution.offBudgetProducts).map {
        SourcedText(
          field: "\(FECColumn.compteLib.name) \($0.account)", text: $0.label, location: location)
      }
      + execution.beneficiaries.map {
        SourcedText(
          field: "\(FECColumn.compAuxLib.name) \($0.account)", text: $0.label, location: location)
      }
  }

  /// The export's blocks.
  public func compose(_ templates: Templates) -> ComposedDocument {
    ExportComposer(year: loaded.year, execution: execution, ledger: ledger, templates: templates)
      .compose()
  }
}

/// The sheet of the resolutions the assembly votes: `resolutions-<year>.pdf`.
public struct ResolutionsDocument: DocumentKind {
  /// The year whose assembly votes them.
  public var loaded: LoadedYear

  /// `resolutions:`.
  public static var words: WordGroup { .resolutions }

  /// The year's sheet.
  public static func documents(
    _ request: Void, year: LoadedYear, inputs: Inputs, warnings: inout [String]
  ) -> [ResolutionsDocument] {
    [ResolutionsDocument(loaded: year)]
  }

  /// `resolutions`.
  public var name: String { "resolutions" }
  /// The assembly's day.
  public var day: CalendarDate? { loaded.year.assembly.date }
  /// The year's texts.
  public var sources: [SourcedText] { loaded.sources }

  /// The sheet's blocks.
  public func compose(_ templates: Templates) -> ComposedDocument {
    var composer = ResolutionsComposer(year: loaded.year, templates: templates)
    composer.fileYear = loaded.number
    return composer.compose()
  }
}
