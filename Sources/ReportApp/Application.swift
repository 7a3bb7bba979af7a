import Foundation
import ReportCompose
import ReportModel

/// The runs of the `report` command, whatever prints their results: load the
/// inputs once, make the documents of a batch on every core, say what was written.
public struct Application: Sendable {
  /// What one run wrote, and what it has to say.
  public struct Run: Sendable {
    /// The documents written, in order.
    public var written: [Written]
    /// Warnings for stderr (unknown keys, an unbalanced budget…).
    public var warnings: [String]
  }

  /// The shared steps of every document.
  public var engine: Engine

  /// Creates the application over folders.
  public init(paths: Paths, environment: [String: String] = ProcessInfo.processInfo.environment) {
    engine = Engine(
      paths: paths, environment: environment, timings: Timings(environment: environment))
  }

  /// The folders used.
  public var paths: Paths { engine.paths }

  // MARK: - Runs

  /// Writes the documents of a kind: workers start loading the fonts, the templates
  /// (with the kind's words) and the year are read once, the kind says which
  /// documents to make, the workers make them on every core.
  public func make<Kind: DocumentKind>(
    _ kind: Kind.Type, year: Int, request: Kind.Request,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) throws(RunError) -> Run {
    let pool = WorkerPool(
      workers: WorkerPool.workers(for: Kind.expectedCount(request)), engine: engine)
    var batch: WorkerPool.Batch?
    defer { if batch == nil { _ = pool.run(nil) } }
    let templates = try self.templates(needs: [Kind.words])
    let loaded = try load(year: year)
    var warnings = self.warnings(loaded, templates: templates)
    let documents = try Kind.documents(
      request, year: loaded,
      inputs: Inputs(paths: paths, timings: engine.timings, progress: progress),
      warnings: &warnings)
    batch = WorkerPool.Batch(templates: templates, documents: documents, year: year)
    var written: [Written] = []
    for outcome in pool.run(batch) { written.append(try outcome.get()) }
    return Run(written: written, warnings: warnings)
  }

  /// Writes the general-assembly pack of a year.
  public func pack(year: Int) throws(RunError) -> Run {
    try make(PackDocument.self, year: year, request: ())
  }

  // MARK: - Inputs

  /// Loads and checks a year's data, with the budget spreadsheet's lines when there is one.
  /// - Throws: ``RunError`` (input) with every problem of the files.
  public func load(year: Int) throws(RunError) -> LoadedYear {
    let file = paths.yearFile(year)
    guard FileManager.default.fileExists(atPath: file) else {
      throw RunError(
        .input,
        "\(file): error: no year file for \(year)\n  hint: create it from data/2019/report.yaml, or pass --data DIR"
      )
    }
    var loaded: YearLoader.Loaded
    do {
      loaded = try engine.timings.measure("load the year") { () throws(DataError) in
        try YearLoader().load(path: file)
      }
      let spreadsheet = paths.budgetFile(year)
      if FileManager.default.fileExists(atPath: spreadsheet) {
        loaded.replaceBudgetLines(
          with: try BudgetCSVLoader().load(path: spreadsheet), from: spreadsheet)
      }
    } catch {
      throw .input(error)
    }
    return LoadedYear(
      year: loaded.year, number: year, problems: loaded.warnings, file: file,
      locations: loaded.locations)
  }

  /// Loads the templates, with the words of the document kinds to be written.
  /// - Throws: ``RunError`` (templates) naming the file, line and key.
  public func templates(needs groups: Set<WordGroup> = []) throws(RunError) -> Templates {
    do {
      return try engine.timings.measure("load the templates") { () throws(DataError) in
        try Templates.load(directory: paths.templates, requiring: groups)
      }
    } catch {
      throw RunError(.templates, error.description)
    }
  }

  /// What a run says on stderr about its data: unknown keys, then the budget's
  /// findings (an unbalanced budget is printed, and said loudly).
  public func warnings(_ loaded: LoadedYear, templates: Templates) -> [String] {
    let style = templates.words.numberStyle
    return loaded.problems.map(\.description)
      + loaded.year.budget.findings.map { finding in
        switch finding {
        case .unbalanced(let charges, let products):
          // Where the lines are: the spreadsheet's file, else the year file's budget.
          let lines = loaded.locations["budget.charges[0].label"]
          let place =
            lines.map { $0.file != loaded.file } == true
            ? SourceLocation(file: lines?.file ?? loaded.file)
            : loaded.locations["budget"] ?? SourceLocation(file: loaded.file)
          return DataProblem(
            .warning, at: place, field: "budget",
            message: tr(
              "the budget is NOT balanced: charges %1, products %2, difference %3",
              style.money(charges), style.money(products),
              style.money((products - charges).magnitude))
          ).description
        case .offTarget(let side, let total, let target):
          let message =
            side == .charges
            ? tr(
              "the charges total %1 differs from the voted total %2", style.money(total),
              style.money(target))
            : tr(
              "the products total %1 differs from the voted total %2", style.money(total),
              style.money(target))
          return DataProblem(
            .warning,
            at: loaded.locations["budget.total_target"] ?? SourceLocation(file: loaded.file),
            field: "budget.total_target", message: message
          ).counted(titles: [:]).description
        }
      }
  }
}

/// What kinds of documents load beyond the year, with the run's folders, timings
/// and progress line.
public struct Inputs: Sendable {
  /// The folders used.
  public var paths: Paths
  /// How long each step takes.
  public var timings: Timings
  /// Says what the run is doing, when a person watches.
  public var progress: @Sendable (String) -> Void

  /// The accounting export used for a year: the one given, else the last by name in
  /// `<data>/<year>/fec/` (exports are named by their closing date).
  public func fecFile(year: Int, given: String?) throws(RunError) -> String {
    if let given { return given }
    let folder = paths.fecFolder(year)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    guard let last = names.filter({ !$0.hasPrefix(".") }).sorted().last else {
      throw RunError(
        .input,
        "\(folder): error: no accounting export (FEC) for \(year)\n  hint: put the export in this folder or pass --fec FILE"
      )
    }
    return folder + "/" + last
  }

  /// Reads an accounting export.
  public func ledger(_ file: String, year: Int) throws(RunError) -> LedgerSummary {
    do {
      return try timings.measure("read the FEC") { () throws(DataError) in
        try FECReader(fiscalYear: year).read(path: file)
      }
    } catch {
      throw .input(error)  // the first 50 problems, then a count
    }
  }
}
