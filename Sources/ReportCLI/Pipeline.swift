import Foundation
import ReportCompose
import ReportLayout
import ReportModel
import ReportRender

/// Where the inputs and outputs of a run are.
public struct Paths: Sendable {
  /// The data folder, holding `<year>/report.yaml`.
  public var data: String
  /// The templates folder (`words.yaml`, `theme.yaml`).
  public var templates: String
  /// The fonts folder.
  public var fonts: String
  /// The output folder; the PDF goes to `<output>/<year>/`.
  public var output: String

  /// Creates paths.
  public init(data: String, templates: String, fonts: String, output: String) {
    self.data = data
    self.templates = templates
    self.fonts = fonts
    self.output = output
  }

  /// The year file of a year.
  public func yearFile(_ year: Int) -> String { "\(data)/\(year)/report.yaml" }
  /// The budget spreadsheet of a year, which replaces the year file's budget lines.
  public func budgetFile(_ year: Int) -> String { "\(data)/\(year)/budget.csv" }
  /// The folder of a year's accounting exports.
  public func fecFolder(_ year: Int) -> String { "\(data)/\(year)/fec" }
  /// The folder a year's documents go to.
  public func outputFolder(_ year: Int) -> String { "\(output)/\(year)" }
}

/// A failure of a run that is the input's fault: exit code 1.
public struct InputFailure: Error, CustomStringConvertible, Sendable {
  /// What to print.
  public var description: String
  /// Creates a failure.
  public init(_ description: String) { self.description = description }
}

/// What a successful generation produced.
public struct GenerationResult: Sendable {
  /// The PDF's path.
  public var path: String
  /// The number of pages.
  public var pages: Int
  /// Warnings to show the user (unknown keys, an unbalanced budget…).
  public var warnings: [String]
  /// For an export: the month reported and its figures.
  public var execution: BudgetExecution?
  /// For an export: the budget executed.
  public var budget: Budget?
}

/// The steps of `report generate`: load, compose, lay out, render.
public struct Pipeline: Sendable {
  /// The folders used.
  public var paths: Paths
  /// The environment (for `SOURCE_DATE_EPOCH`).
  public var environment: [String: String]
  /// Told when another run holds the output folder and this one waits for it.
  public var waiting: @Sendable (String) -> Void = { _ in }
  /// How long each step takes, printed at the end when `REPORT_TIMINGS=1`.
  let timings: Timings
  /// Write PDF/A-1b files (for archives), named `<name>-pdfa.pdf`, instead of
  /// ordinary PDFs.
  public var archival = false
  /// The sRGB ICC profile PDF/A files are made with.
  public var colourProfile = PDFArchival.debianSRGBProfile

  /// Creates a pipeline.
  public init(paths: Paths, environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.paths = paths
    self.environment = environment
    timings = Timings(environment: environment)
  }

  /// Loads and checks a year's data: the year and the warnings.
  /// - Throws: ``InputFailure`` with every problem of the file.
  public func load(year: Int) throws(InputFailure) -> YearLoader.Loaded {
    let file = paths.yearFile(year)
    guard FileManager.default.fileExists(atPath: file) else {
      throw InputFailure(
        "\(file): error: no year file for \(year)\n  hint: create it from data/2019/report.yaml, or pass --data DIR"
      )
    }
    var loaded: YearLoader.Loaded
    do {
      loaded = try timings.measure("load the year") { () throws(DataError) in
        try YearLoader().load(path: file)
      }
    } catch {
      throw InputFailure(error.description)
    }
    let spreadsheet = paths.budgetFile(year)
    if FileManager.default.fileExists(atPath: spreadsheet) {
      do {
        let lines = try BudgetCSVLoader().load(path: spreadsheet)
        loaded.year.budget = lines.applied(to: loaded.year.budget)
        loaded.warnings += lines.warnings
        // Labels now come from the spreadsheet: problems found later name it.
        for (side, count) in [("charges", lines.charges.count), ("products", lines.products.count)]
        {
          for index in 0..<count {
            loaded.locations["budget.\(side)[\(index)].label"] = SourceLocation(file: spreadsheet)
          }
        }
      } catch {
        throw InputFailure(error.description)
      }
    }
    return loaded
  }

  /// Loads the templates.
  /// - Throws: ``InputFailure`` naming the template file, line and key.
  public func templates() throws(InputFailure) -> Templates {
    do {
      return try timings.measure("load the templates") { () throws(DataError) in
        try Templates.load(directory: paths.templates)
      }
    } catch {
      throw InputFailure(error.description)
    }
  }

  /// What a run says on stderr about its data: unknown keys, then the budget's
  /// findings (an unbalanced budget is printed, and said loudly).
  public func warnings(_ loaded: YearLoader.Loaded, year: Int, templates: Templates) -> [String] {
    loaded.warnings.map(\.description)
      + budgetWarnings(loaded.year, file: paths.yearFile(year), style: templates.words.numberStyle)
  }

  /// The budget's findings as terminal warnings, naming the file.
  public func budgetWarnings(_ year: Year, file: String, style: NumberStyle) -> [String] {
    year.budget.findings.map { finding in
      switch finding {
      case .unbalanced(let charges, let products):
        return
          "\(file): warning: budget: the budget is NOT balanced: charges \(style.money(charges)), products \(style.money(products)), difference \(style.money((products - charges).magnitude))"
      case .offTarget(let side, let total, let target):
        return
          "\(file): warning: budget.total_target: the \(side.rawValue) total \(style.money(total)) differs from the voted total \(style.money(target))"
      }
    }
  }

  /// Writes the general-assembly pack of a year.
  /// - Throws: ``InputFailure`` for bad data, templates or fonts, and for output
  ///   that cannot be written; nothing is written then.
  public func generate(year: Int) throws(InputFailure) -> GenerationResult {
    // The fonts load on another core while the templates and the year are read.
    let typesetter = PendingTypesetter(paths: paths, timings: timings)
    let templates: Templates
    do {
      templates = try self.templates()
    } catch {
      typesetter.provide(nil)
      throw error
    }
    typesetter.provide(templates)
    let loaded = try load(year: year)
    // A large year's tables are measured on two cores: a second typesetter loads
    // while the pack is composed. The cells are counted as the layout sizes
    // columns: the axis tables together (6 columns), each budget table alone (3).
    let budget = loaded.year.budget
    let cells = max(
      6 * loaded.year.axes.reduce(0) { $0 + $1.actions.count },
      3 * max(budget.charges.count, budget.products.count))
    let helper =
      Self.cores > 1 && cells >= DocumentLayouter.parallelTableCells
      ? PendingTypesetter(
        paths: paths, templates: templates, timings: timings, step: "load the second core's fonts")
      : nil
    let warnings = self.warnings(loaded, year: year, templates: templates)
    let composed = timings.measure("compose") {
      PackComposer(year: loaded.year, templates: templates).compose()
    }
    var helpers: [Typesetter] = []
    if let helper { helpers.append(try helper.wait()) }
    var result = try render(
      composed, texts: texts(of: loaded, year: year), templates: templates, year: year,
      date: documentDate(
        about: loaded.year.assembly.date ?? CalendarDate(year: year, month: 1, day: 1)),
      typesetter: try typesetter.wait(), helpers: helpers)
    result.warnings = warnings
    return result
  }

  /// The accounting export used for a year: the one given, else the last by name in
  /// `<data>/<year>/fec/` (exports are named by their closing date).
  /// - Throws: ``InputFailure`` when there is none.
  public func fecFile(year: Int, given: String?) throws(InputFailure) -> String {
    if let given { return given }
    let folder = paths.fecFolder(year)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    guard let last = names.filter({ !$0.hasPrefix(".") }).sorted().last else {
      throw InputFailure(
        "\(folder): error: no accounting export (FEC) for \(year)\n  hint: put the export in this folder or pass --fec FILE"
      )
    }
    return folder + "/" + last
  }

  /// Reads an accounting export.
  /// - Throws: ``InputFailure`` listing every problem of the file.
  public func ledger(_ file: String, year: Int) throws(InputFailure) -> LedgerSummary {
    do {
      return try timings.measure("read the FEC") { () throws(DataError) in
        try FECReader(fiscalYear: year).read(path: file)
      }
    } catch {
      throw InputFailure(error.description)  // the first 50 problems, then a count
    }
  }

  /// Writes the budget-execution export of a year to the end of a month.
  /// - Throws: ``InputFailure`` for bad data, export, templates or fonts; nothing is
  ///   written then.
  public func export(
    year: Int, month: Int, ledger: LedgerSummary, loaded: YearLoader.Loaded, templates: Templates
  ) throws(InputFailure) -> GenerationResult {
    try export(
      year: year, month: month, ledger: ledger, loaded: loaded, templates: templates,
      typesetter: nil)
  }

  func export(
    year: Int, month: Int, ledger: LedgerSummary, loaded: YearLoader.Loaded, templates: Templates,
    typesetter: Typesetter?
  ) throws(InputFailure) -> GenerationResult {
    guard let through = YearMonth(year: year, month: month) else {
      throw InputFailure("error: --month \(month): give a month from 1 to 12")
    }
    let execution = ledger.execution(of: loaded.year.budget, through: through)
    let composed = timings.measure("compose") {
      ExportComposer(
        year: loaded.year, execution: execution, ledger: ledger, templates: templates
      ).compose()
    }
    // The export also prints names from the accounting file.
    let ledgerLocation = SourceLocation(file: ledger.file)
    let ledgerTexts =
      (execution.offBudgetCharges + execution.offBudgetProducts).map {
        SourcedText(
          field: "\(FECColumn.compteLib.name) \($0.account)",
          text: $0.label, location: ledgerLocation)
      }
      + execution.beneficiaries.map {
        SourcedText(
          field: "\(FECColumn.compAuxLib.name) \($0.account)",
          text: $0.label, location: ledgerLocation)
      }
    var result = try render(
      composed, texts: texts(of: loaded, year: year) + ledgerTexts, templates: templates,
      year: year, date: documentDate(about: through.lastDay),
      typesetter: typesetter)
    result.execution = execution
    result.budget = loaded.year.budget
    return result
  }

  /// Lays a composed document out and writes it to `<output>/<year>/`.
  /// - Parameter texts: what the document prints from the data, checked against the
  ///   font before anything is laid out.
  func render(
    _ composed: ComposedDocument, texts: [SourcedText], templates: Templates, year: Int,
    date: Int64, typesetter given: Typesetter? = nil, helpers: [Typesetter] = []
  ) throws(InputFailure) -> GenerationResult {
    do {
      let archival = try self.archival ? PDFArchival.load(profile: colourProfile) : nil
      let typesetter =
        try given
        ?? timings.measure("load the fonts") {
          try Typesetter(paths: paths, templates: templates)
        }
      let measurer = typesetter.measurer
      try timings.measure("check the characters") {
        try checkCoverage(texts, fonts: typesetter.fonts, family: composed.fontFamily)
      }
      let document = try timings.measure("lay out") {
        var layouter = DocumentLayouter(
          measurer: measurer, firstPageStyle: composed.firstPageStyle, footer: composed.footer,
          hyphenator: typesetter.hyphenator)
        layouter.helpers = helpers.map(\.measurer)
        return try layouter.layout(composed.blocks)
      }
      let pageCount = document.pages.count
      // Only now, with the document laid out, is anything created in the output.
      let folder = try outputFolder(year)
      let lock = try OutputLock(folder: folder) { waiting(folder) }
      defer { withExtendedLifetime(lock) {} }
      let name = archival == nil ? composed.fileName : Self.archivalName(composed.fileName)
      let path = "\(folder)/\(name)"
      let metadata = PDFMetadata(
        title: composed.metadata.title, author: composed.metadata.author,
        subject: composed.metadata.subject, keywords: composed.metadata.keywords,
        creator: composed.metadata.creator, date: date, language: composed.language,
        pageLabels: composed.pageLabels, archival: archival)
      let renderer = PDFRenderer(measurer: measurer)
      let timings = self.timings
      renderer.onStep = { step, duration in timings.add(step, duration) }
      try renderer.write(consume document, metadata: metadata, to: path)
      return GenerationResult(path: path, pages: pageCount, warnings: [])
    } catch let error as InputFailure {
      throw error
    } catch {
      throw InputFailure("\(error)")
    }
  }

  /// The name of the PDF/A version of a file: `-pdfa` before the extension, so that
  /// it sits beside the ordinary one.
  static func archivalName(_ name: String) -> String {
    name.hasSuffix(".pdf") ? String(name.dropLast(4)) + "-pdfa.pdf" : name + "-pdfa"
  }

  /// The output folder of a year, created when missing.
  /// - Throws: ``InputFailure`` when it cannot be created.
  public func outputFolder(_ year: Int) throws(InputFailure) -> String {
    let folder = paths.outputFolder(year)
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw InputFailure(
        "\(folder): cannot create the output folder: \(error.localizedDescription)")
    }
    return folder
  }

  /// A text a document prints, with the field and place it comes from.
  struct SourcedText {
    var field: String
    var text: String
    var location: SourceLocation
  }

  /// The texts of a year, located in its year file (or budget spreadsheet).
  func texts(of loaded: YearLoader.Loaded, year: Int) -> [SourcedText] {
    loaded.year.texts.map { field, text in
      SourcedText(
        field: field, text: text,
        location: loaded.locations[field] ?? SourceLocation(file: paths.yearFile(year)))
    }
  }

  /// Refuses texts with characters the font cannot draw (emoji, scripts it lacks):
  /// printed, they would be empty boxes.
  func checkCoverage(_ texts: [SourcedText], fonts: FontLibrary, family: String)
    throws(InputFailure)
  {
    var problems: [DataProblem] = []
    for source in texts {
      guard let scalar = fonts.missingCharacter(in: source.text) else { continue }
      let code = String(scalar.value, radix: 16, uppercase: true)
      problems.append(
        DataProblem(
          at: source.location, field: source.field,
          message: "the character \(String(scalar)) (U+\(code)) is not in the font \(family)",
          hint: "replace or remove it; the document can only print what its font has"))
    }
    guard problems.isEmpty else { throw InputFailure(DataError(problems: problems).description) }
  }

  /// The PDF's dates: `SOURCE_DATE_EPOCH` when set, else the day the document is
  /// about (the assembly, the end of the month reported), so that two runs give the
  /// same bytes.
  func documentDate(about day: CalendarDate?) -> Int64 {
    if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text) { return seconds }
    return day?.secondsSinceEpoch ?? 0
  }
}

extension Pipeline {
  /// Writes the exports of several months at once, one thread per core: each
  /// document is laid out and drawn with fonts of its own (a Pango font map must not
  /// be shared between threads), so the files are the same as one by one.
  /// - Throws: the first ``InputFailure`` of any month; the others still finish.
  public func exports(
    year: Int, months: [Int], ledger: LedgerSummary, loaded: YearLoader.Loaded,
    templates: Templates
  ) throws(InputFailure) -> [GenerationResult] {
    try exports(
      year: year, months: months, ledger: ledger, loaded: loaded, templates: templates,
      typesetters: [])
  }

  /// The cores this process may run on: its CPU affinity (`taskset`, a cgroup's
  /// cpuset), which `ProcessInfo.activeProcessorCount` does not look at.
  static let cores: Int = {
    let all = ProcessInfo.processInfo.activeProcessorCount
    // "Cpus_allowed:\tff,ffffffff": the affinity mask in hexadecimal.
    guard let mask = ProcessStatus.field("Cpus_allowed") else { return all }
    let allowed = mask.reduce(0) { count, digit in
      count + (digit.hexDigitValue?.nonzeroBitCount ?? 0)
    }
    return max(1, min(allowed, all))
  }()

  /// The typesetters of a batch of `documents`, one per core, started now so that
  /// the fonts load while the templates, the data and the accounting file are read
  /// (give them the templates with ``PendingTypesetter/provide(_:)``).
  func startTypesetters(documents: Int) -> [PendingTypesetter] {
    let count = max(1, min(Self.cores, documents))
    return (0..<count).map { _ in PendingTypesetter(paths: paths, timings: timings) }
  }

  /// The exports of several months, with typesetters started earlier (one per
  /// worker; more are made when there are fewer than workers).
  func exports(
    year: Int, months: [Int], ledger: LedgerSummary, loaded: YearLoader.Loaded,
    templates: Templates, typesetters started: [PendingTypesetter]
  ) throws(InputFailure) -> [GenerationResult] {
    guard !months.isEmpty else { return [] }
    let batch = self
    let outcomes = Outcomes(count: months.count)
    // One worker per core, each with its own fonts, measurer and hyphenator, which it
    // keeps from one month to the next (their caches carry over).
    let workers = max(1, min(Self.cores, months.count))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      let typesetter: Typesetter
      do throws(InputFailure) {
        typesetter =
          try worker < started.count
          ? started[worker].wait()
          : batch.timings.measure("load the fonts") { () throws(InputFailure) -> Typesetter in
            try Typesetter(paths: batch.paths, templates: templates)
          }
      } catch {
        for index in stride(from: worker, to: months.count, by: workers) {
          outcomes.set(index, .failure(error))
        }
        return
      }
      for index in stride(from: worker, to: months.count, by: workers) {
        let outcome: Result<GenerationResult, InputFailure>
        do throws(InputFailure) {
          outcome = .success(
            try batch.export(
              year: year, month: months[index], ledger: ledger, loaded: loaded,
              templates: templates, typesetter: typesetter))
        } catch {
          outcome = .failure(error)
        }
        outcomes.set(index, outcome)
      }
    }
    return try outcomes.all()
  }
}

/// What sets a document's text: fonts, the measurer over them, hyphenation.
///
/// Not shareable between threads (a Pango font map is not): each thread makes its own
/// and may keep it from one document to the next.
final class Typesetter {
  let fonts: FontLibrary
  let measurer: PangoMeasurer
  let hyphenator: LibHyphenator

  convenience init(paths: Paths, templates: Templates) throws(InputFailure) {
    let fonts: FontLibrary
    do {
      fonts = try FontLibrary(directory: paths.fonts)
    } catch {
      throw InputFailure(error.description)
    }
    try self.init(fonts: fonts, templates: templates)
  }

  /// A typesetter over fonts already registered, for the templates' family.
  init(fonts: FontLibrary, templates: Templates) throws(InputFailure) {
    do {
      try fonts.require(family: templates.theme.font.family)
      self.fonts = fonts
      measurer = PangoMeasurer(fonts: fonts)
      let rules = templates.theme.hyphenation
      hyphenator = try LibHyphenator(
        dictionary: rules.dictionary, leftMinimum: rules.leftMin, rightMinimum: rules.rightMin)
    } catch {
      throw InputFailure(error.description)
    }
  }
}

/// A ``Typesetter`` made on a thread of its own, so that loading the fonts overlaps
/// loading the templates and the data.
///
/// The font files are registered at once; the family check and the hyphenation
/// patterns, which the templates name, follow when ``provide(_:)`` gives them.
final class PendingTypesetter: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private let templatesGiven = DispatchSemaphore(value: 0)
  // Written before `templatesGiven` is signalled, read after it by the loading thread.
  private var templates: Templates?
  // Written once by the loading thread before `done` is signalled, read after.
  private var result: Result<Typesetter, InputFailure>?

  /// Starts loading the fonts of `paths`; the templates come later.
  /// - Parameter step: the name its loading has in `REPORT_TIMINGS`.
  init(paths: Paths, timings: Timings, step: String = "load the fonts") {
    Thread.detachNewThread { [self] in
      let fonts = Result { () throws(InputFailure) -> FontLibrary in
        try timings.measure(step) { () throws(InputFailure) -> FontLibrary in
          do throws(RenderError) {
            return try FontLibrary(directory: paths.fonts)
          } catch {
            throw InputFailure(error.description)
          }
        }
      }
      templatesGiven.wait()
      result = Result { () throws(InputFailure) -> Typesetter in
        guard let templates else { throw InputFailure("error: the templates were not loaded") }
        let library = try fonts.get()
        return try timings.measure("load the hyphenation patterns") {
          () throws(InputFailure) -> Typesetter in
          try Typesetter(fonts: library, templates: templates)
        }
      }
      done.signal()
    }
  }

  /// Starts loading everything, the templates being known.
  convenience init(
    paths: Paths, templates: Templates, timings: Timings, step: String = "load the fonts"
  ) {
    self.init(paths: paths, timings: timings, step: step)
    provide(templates)
  }

  /// Gives the templates (`nil` when they could not be loaded: the loading stops).
  func provide(_ templates: Templates?) {
    self.templates = templates
    templatesGiven.signal()
  }

  /// The typesetter, once loaded (the caller then owns it: one thread at a time).
  /// - Throws: ``InputFailure`` when the fonts or hyphenation patterns cannot be loaded.
  func wait() throws(InputFailure) -> Typesetter {
    done.wait()
    done.signal()  // a second wait returns at once
    switch result {
    case .success(let typesetter): return typesetter
    case .failure(let failure): throw failure
    case nil: throw InputFailure("error: the fonts were not loaded")
    }
  }
}

/// The results of a parallel batch, written from several threads.
final class Outcomes: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Result<GenerationResult, InputFailure>?]

  init(count: Int) { results = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ result: Result<GenerationResult, InputFailure>) {
    lock.withLock { results[index] = result }
  }

  /// The results in order, or the first failure.
  func all() throws(InputFailure) -> [GenerationResult] {
    var values: [GenerationResult] = []
    for result in lock.withLock({ results }) {
      switch result {
      case .success(let value): values.append(value)
      case .failure(let error): throw error
      case nil: throw InputFailure("error: an export was not made")
      }
    }
    return values
  }
}
