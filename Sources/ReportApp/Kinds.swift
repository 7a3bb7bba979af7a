import Foundation
import ReportCompose
import ReportMarkdown
import ReportModel

/// The general-assembly pack: `dossier-ag-<year>.pdf`.
public struct PackDocument: DocumentKind {
  /// The year it is made of.
  public var loaded: LoadedYear
  /// Its sections, from `pack.yaml`, every Markdown file and picture checked.
  public var sections: [PackSection]
  /// The organisation's logo, checked.
  public var logo: Picture?
  /// Last year's accounts, when `<data>/<year − 1>/fec/` holds their FEC (issue 12).
  public var previousAccounts: PreviousAccounts?

  /// `pack:`.
  public static var words: WordGroup { .pack }

  /// The year's pack: its list of sections (the year's `pack.yaml`, else the
  /// templates'), every Markdown file read and every picture checked before anything
  /// is laid out.
  public static func documents(
    _ request: Void, year: LoadedYear, inputs: Inputs, warnings: inout [String]
  ) throws(RunError) -> [PackDocument] {
    let folder = (year.file as NSString).deletingLastPathComponent
    var pack: PackDocument
    do {
      let list = try PackList.read(templates: inputs.paths.templates, yearFolder: folder)
      // The theme's families, which an SVG's text must ask for (the run has loaded
      // the templates: they are not read again here).
      let families = inputs.fontFamilies
      let sections = try list.sections(yearFolder: folder, year: year.year, fontFamilies: families)
      let logo = try Logo.read(
        year.year.organisation.logo, yearFolder: folder,
        location: year.locations["organisation.logo"] ?? SourceLocation(file: year.file))
      if !families.isEmpty { try logo?.checkFontFamilies(families) }
      pack = PackDocument(loaded: year, sections: sections, logo: logo)
    } catch {
      // A theme whose family the fonts folder lacks makes every SVG's text "another
      // face": the cause is said first (the workers would say it only later).
      var failure = RunError.input(error)
      if let fonts = inputs.familyProblem() {
        let problems = failure.problems
        failure = RunError(.fonts, fonts.description + "\n" + failure.description)
        failure.problems = problems
      }
      throw failure
    }
    pack.previousAccounts = try inputs.previousAccounts(year.number, warnings: &warnings)
    return [pack]
  }

  /// `pack`.
  public var name: String { "pack" }
  /// The assembly's day.
  public var day: CalendarDate? {
    loaded.year.assembly.date ?? CalendarDate(year: loaded.number, month: 1, day: 1)
  }
  /// The year's texts, and the Markdown sections' with their lines.
  public var sources: [SourcedText] {
    var texts = loaded.sources
    for case .markdown(let section) in sections {
      let file = section.document.file
      for (line, text) in section.printedTexts {
        texts.append(
          SourcedText(field: "", text: text, location: SourceLocation(file: file, line: line)))
      }
    }
    return texts
  }

  /// The pack's blocks.
  public func compose(_ templates: Templates) -> ComposedDocument {
    var composer = PackComposer(
      year: loaded.year, templates: templates, sections: sections, logo: logo)
    composer.fileYear = loaded.number  // named by --year, whatever the data still says
    composer.previousAccounts = previousAccounts
    return composer.compose()
  }
}

/// The budget-execution export of a month: `suivi-<year>-<month>.pdf`.
public struct ExportDocument: DocumentKind {
  /// What to export.
  public struct Request: Sendable {
    /// The calendar month to export inside the fiscal year; every month with entries
    /// when `nil`.
    public var month: Int?
    /// The accounting export to read; the one ``FECChoice`` chooses in the year's folder
    /// when `nil`.
    public var fec: String?
    /// Whether a month after the file's last entry (a stale FEC) is an error rather
    /// than a warning: for cron, which must not mail a misleading export.
    public var strict: Bool

    /// Creates a request.
    public init(month: Int? = nil, fec: String? = nil, strict: Bool = false) {
      self.month = month
      self.fec = fec
      self.strict = strict
    }
  }

  /// `export:`.
  public static var words: WordGroup { .export }

  /// One, or up to twelve.
  public static func expectedCount(_ request: Request) -> Int { request.month == nil ? 12 : 1 }

  /// The exports asked for, from the accounting export.
  ///
  /// The fiscal year comes from ``FiscalYearRule/rule(fiscalYear:file:year:)``: the year
  /// file's `fiscal_year`, else the FEC's legal name, else the calendar year. A FEC with
  /// no entry gives no export, with `--month` as with `--all-months`: an export of
  /// nothing would print a budget prorated against zeros (a warning says so, and
  /// `--strict` makes it an error).
  public static func documents(
    _ request: Request, year: LoadedYear, inputs: Inputs, warnings: inout [String]
  ) throws(RunError) -> [ExportDocument] {
    let (file, choice) = try inputs.chooseFEC(year: year.number, given: request.fec)
    inputs.progress(tr("reading %1…", choice.map(\.description) ?? file))
    let ledger = try inputs.ledger(file, year: year)
    warnings += ledger.warnings.map(\.description)
    guard let period = ledger.period, ledger.lineCount > 0 else {
      let problem = DataProblem(
        request.strict ? .error : .warning, at: SourceLocation(file: file), field: "",
        message: request.month.map {
          tr("the accounting export has no entries: no export written for month %1", $0)
        } ?? tr("the accounting export has no entries: no export written"),
        hint: tr("export the FEC again once entries are booked"))
      if request.strict { throw RunError.input(DataError(problems: [problem])) }
      warnings.append(problem.description)
      return []
    }
    var months: [YearMonth]
    if let number = request.month {
      guard let month = period.month(numbered: number) else {
        throw RunError(
          .input, at: nil,
          tr(
            "--month %1: the fiscal year %2 (%3) has no month %1", number, period.name, period),
          hint: tr(
            "give one of %1", period.months.map { String($0.month) }.joined(separator: ", ")))
      }
      months = [month]
    } else {
      months = period.months.filter { ledger.entryMonths.contains($0) }
    }
    var stale: [DataProblem] = []
    var documents: [ExportDocument] = []
    for through in months {
      var document = ExportDocument(loaded: year, ledger: ledger, through: through)
      document.choice = choice
      if var problem = ledger.staleness(through: through) {
        document.staleness = problem
        if request.strict {
          problem.severity = .error
          problem.hint = (problem.hint ?? "") + tr(" (--strict makes this an error)")
        }
        stale.append(problem)
      }
      documents.append(document)
    }
    if request.strict && !stale.isEmpty {
      throw RunError.input(DataError(problems: stale))
    }
    warnings += stale.map(\.description)
    inputs.progress(
      documents.count == 1
        ? tr("writing 1 export…") : tr("writing %1 exports…", documents.count))
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
  /// Which FEC of the year's folder was read and why; `nil` for the `--fec` file.
  public var choice: FECChoice?
  /// Which FEC was read and why, in words.
  public var fecChoice: String { choice?.description ?? tr("%1 (given with --fec)", ledger.file) }
  /// The warning when ``through`` comes after the file's last entry.
  public var staleness: DataProblem?

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
  public var details: Written.Details {
    .export(
      execution, loaded.year.budget,
      ExportFacts(
        fec: ledger.file, fecChoice: fecChoice, lastEntryDate: ledger.lastEntryDate,
        fiscalYear: execution.fiscalYear, staleness: staleness?.description,
        budgetSource: loaded.budgetSource?.description))
  }

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
    var composer = ExportComposer(
      year: loaded.year, execution: execution, ledger: ledger, templates: templates)
    composer.isStale = staleness != nil
    composer.choice = choice
    return composer.compose()
  }
}

/// What the JSON summary says of an export beyond its figures: which FEC was read and
/// why, its last entry, the fiscal year, and a stale file's warning.
public struct ExportFacts: Sendable {
  /// The FEC's path.
  public var fec: String
  /// Which FEC was read and why.
  public var fecChoice: String
  /// The file's last entry date.
  public var lastEntryDate: CalendarDate?
  /// The fiscal year executed.
  public var fiscalYear: FiscalYear?
  /// The warning when the month comes after the last entry.
  public var staleness: String?
  /// `budget lines from budget.xlsx, 19 lines`, when a spreadsheet replaced the year
  /// file's lines.
  public var budgetSource: String?
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
