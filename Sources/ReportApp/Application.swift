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
    /// `budget lines from budget.xlsx, 19 lines` when a spreadsheet replaced the year
    /// file's lines (``BudgetSource/description``).
    public var budgetSource: String?
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
    try checkFolders(year: year)
    let templates = try self.templates(needs: [Kind.words])
    let loaded = try load(year: year)
    var warnings = self.warnings(loaded, templates: templates)
    let documents = try Kind.documents(
      request, year: loaded,
      inputs: Inputs(
        paths: paths, timings: engine.timings, progress: progress,
        fontFamilies: Inputs.fontFamilies(of: templates)),
      warnings: &warnings)
    batch = WorkerPool.Batch(templates: templates, documents: documents, year: year)
    var written: [Written] = []
    for outcome in pool.run(batch) { written.append(try outcome.get()) }
    return Run(
      written: written, warnings: warnings, budgetSource: loaded.budgetSource?.description)
  }

  /// Checks the year's pack as a run would before laying anything out: its list of
  /// sections, its Markdown files, their links and pictures, the logo, last year's
  /// accounts.
  /// - Returns: how many sections the pack prints (at most), and what the user should
  ///   hear about (a section left out, a label changed since last year).
  /// - Throws: ``RunError`` with every problem found.
  public func checkPack(_ loaded: LoadedYear, templates: Templates) throws(RunError) -> (
    sections: Int, warnings: [String]
  ) {
    var warnings: [String] = []
    let documents = try PackDocument.documents(
      (), year: loaded,
      inputs: Inputs(
        paths: paths, timings: engine.timings, progress: { _ in },
        fontFamilies: Inputs.fontFamilies(of: templates)),
      warnings: &warnings)
    return (documents.first?.sections.count ?? 0, warnings)
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
    if let missing = missingYear(year) { throw RunError(.input, missing) }
    var loaded: YearLoader.Loaded
    var source: BudgetSource?
    do {
      loaded = try engine.timings.measure("load the year") { () throws(DataError) in
        try YearLoader().load(path: file)
      }
      // budget.csv, budget.xlsx or budget.ods: its lines replace the year file's.
      source = try BudgetSource.find(in: paths.yearFolder(year))
      if let source { loaded.replaceBudgetLines(with: source.loaded, from: source.file) }
    } catch {
      throw .input(error)
    }
    return LoadedYear(
      year: loaded.year, number: year, problems: loaded.warnings, file: file,
      locations: loaded.locations, budgetSource: source.map { ($0.file, $0.description) })
  }

  /// What is missing among the year file, the templates and the fonts, said all at
  /// once rather than one a run (a binary run from the wrong folder lacks all three).
  /// - Parameter fonts: whether the run needs the fonts (`validate` does not).
  /// - Throws: ``RunError`` listing every folder that is missing.
  public func checkFolders(year: Int, fonts: Bool = true) throws(RunError) {
    var missing: [(RunError.Kind, String)] = []
    if let year = missingYear(year) { missing.append((.input, year)) }
    let words = paths.templates + "/words.yaml"
    if !FileManager.default.fileExists(atPath: words) {
      missing.append(
        (
          .templates,
          RunError.said(
            at: SourceLocation(file: paths.templates),
            tr("no templates here (words.yaml, theme.yaml)"),
            hint: tr(
              "pass --templates DIR, set templates in report.toml, or install report with scripts/install.sh"
            ))
        ))
    }
    if fonts && !Self.holdsFonts(paths.fonts) {
      missing.append(
        (
          .fonts,
          RunError.said(
            at: SourceLocation(file: paths.fonts), tr("no font files (.otf, .ttf) here"),
            hint: tr(
              "pass --fonts DIR, set fonts in report.toml, or install report with scripts/install.sh"
            ))
        ))
    }
    guard let first = missing.first else { return }
    throw RunError(
      missing.count == 1 ? first.0 : .input, missing.map(\.1).joined(separator: "\n"))
  }

  /// Whether a folder holds a font file.
  static func holdsFonts(_ folder: String) -> Bool {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.contains { [".otf", ".ttf", ".OTF", ".TTF"].contains(where: $0.hasSuffix) }
  }

  /// The message for a year without a year file, pointing at the latest year that
  /// has one (or at `report init`), `nil` when the file is there.
  func missingYear(_ year: Int) -> String? {
    let file = paths.yearFile(year)
    guard !FileManager.default.fileExists(atPath: file) else { return nil }
    let hint: String
    if let latest = YearFolder.latest(in: paths.data, before: nil) {
      hint = tr(
        "make it from %1 with `report init --year %2`, or pass --data DIR",
        paths.yearFile(latest), year)
    } else if FileManager.default.fileExists(atPath: paths.data) {
      hint = tr(
        "%1 holds no year: pass --data DIR, the folder holding <year>/report.yaml, or set data in report.toml",
        paths.data)
    } else {
      hint = tr(
        "pass --data DIR, the folder holding <year>/report.yaml, or set data in report.toml")
    }
    return RunError.said(
      at: SourceLocation(file: file), tr("no year file for %1", year), hint: hint)
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
    return loaded.problems.map(\.description) + yearWarnings(loaded)
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

extension Application {
  /// What a year file copied from another year still says of that year: an assembly
  /// dated another year, a title naming another year; and the texts still marked
  /// « à réécrire » by `report init`.
  func yearWarnings(_ loaded: LoadedYear) -> [String] {
    var warnings: [String] = []
    func location(_ field: String) -> SourceLocation {
      loaded.locations[field] ?? SourceLocation(file: loaded.file)
    }
    func warning(_ at: SourceLocation, _ field: String, _ message: String, hint: String) -> String {
      DataProblem(.warning, at: at, field: field, message: message, hint: hint).description
    }
    let number = loaded.number
    if let date = loaded.year.assembly.date, date.year != number {
      warnings.append(
        warning(
          location("assembly.date"), "assembly.date",
          tr("the assembly is dated %1, not %2", date.year, number),
          hint: tr("set assembly.date to the day of the %1 assembly", number)))
    }
    // A fiscal year is named by the year it closes in (2018-09-01 to 2019-08-31 is 2019's).
    if let fiscal = loaded.year.fiscalYear, fiscal.end.year != number {
      let field = loaded.locations["fiscal_year.end"] != nil ? "fiscal_year.end" : "fiscal_year"
      warnings.append(
        warning(
          location(field), "fiscal_year",
          tr("the fiscal year closes in %1, not %2", fiscal.end.year, number),
          hint: tr(
            "set fiscal_year to the fiscal year that closes in %1, e.g. start: %2-09-01, end: %1-08-31",
            number, number - 1)))
    }
    let title = loaded.year.document.title
    let years = Self.years(in: title)
    if !years.isEmpty && !years.contains(number) {
      warnings.append(
        warning(
          location("document.title"), "document.title",
          tr("the title names %1, not %2", years.map(String.init).joined(separator: ", "), number),
          hint: tr("write the %1 title", number)))
    }
    for source in Self.markedTexts(loaded) {
      warnings.append(
        warning(
          source.location, source.field, tr("still marked %1", NewYear.mark),
          hint: tr("write this text for %1 and remove the mark", number)))
    }
    return warnings
  }

  /// The texts still marked « à réécrire » by `report init`, by field.
  static func markedTexts(_ loaded: LoadedYear) -> [SourcedText] {
    // Only the marked texts are named and located (a year has tens of thousands).
    var marked: [SourcedText] = []
    loaded.year.forEachText { field, text in
      // Its « (C2 AB in UTF-8) first: Foundation's search over every text of a large
      // year cost a tenth of reading it.
      guard text.utf8.contains(0xAB), text.contains(NewYear.mark) else { return }
      let field = field()
      marked.append(
        SourcedText(
          field: field, text: text,
          location: loaded.locations[field] ?? SourceLocation(file: loaded.file)))
    }
    return marked.sorted(by: { $0.field < $1.field })
  }

  /// The years (1900–2999) written as four digits alone in a text.
  static func years(in text: String) -> [Int] {
    let scalars = Array(text.unicodeScalars)
    var found: [Int] = []
    var index = 0
    while index < scalars.count {
      guard scalars[index].properties.numericType != nil, scalars[index].isASCII else {
        index += 1
        continue
      }
      var end = index
      while end < scalars.count && scalars[end].isASCII
        && scalars[end].properties.numericType != nil
      {
        end += 1
      }
      if end - index == 4, let year = Int(String(String.UnicodeScalarView(scalars[index..<end]))),
        (1900...2999).contains(year)
      {
        found.append(year)
      }
      index = end
    }
    return found
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
  /// The theme's font families (text and code), which an SVG's text must ask for;
  /// empty when the run has not loaded the templates.
  public var fontFamilies: [String] = []

  /// The families of the templates' theme.
  static func fontFamilies(of templates: Templates) -> [String] {
    [templates.theme.font.family, templates.theme.font.codeFamily]
  }

  /// The accounting export used for a year: the one given, else the one of
  /// `<data>/<year>/fec/` that ``FECChoice`` chooses (the latest closing date of the legal
  /// names, else the latest entries).
  public func fecFile(year: Int, given: String?) throws(RunError) -> String {
    try chooseFEC(year: year, given: given).file
  }

  /// The accounting export used for a year, with why it was chosen (`nil` when given).
  public func chooseFEC(year: Int, given: String?) throws(RunError) -> (
    file: String, choice: FECChoice?
  ) {
    if let given { return (given, nil) }
    do {
      let choice = try FECChoice.choose(in: paths.fecFolder(year))
      return (choice.file, choice)
    } catch {
      throw .input(error)
    }
  }

  /// Reads a year's accounting export under its fiscal year: the year file's
  /// `fiscal_year`, else the FEC's legal name, else the calendar year; a file of another
  /// year is refused with one problem naming the year it covers.
  public func ledger(_ file: String, year: LoadedYear) throws(RunError) -> LedgerSummary {
    let rule = FiscalYearRule.rule(
      fiscalYear: year.year.fiscalYear, file: file, year: year.number)
    do {
      return try timings.measure("read the FEC") { () throws(DataError) in
        try FECReader(rule: rule, requestedYear: year.number).read(path: file)
      }
    } catch {
      throw .input(error)
    }
  }
}

extension Application {
  /// The export `report generate --latest` makes: the fiscal year and last complete month
  /// of the newest FEC in the data folder, so that cron needs no date arithmetic.
  public struct Latest: Sendable, Equatable {
    /// The year folder (`--year`).
    public var year: Int
    /// The calendar month (`--month`).
    public var month: Int
    /// The FEC read.
    public var fec: String
  }

  /// The newest year folder whose FEC has entries, and the last complete month of it:
  /// the month of the last entry when it is the month's last day or the month has ended
  /// by `today`, else the month before.
  ///
  /// On 2 January, a FEC whose entries end on 31 December 2019 gives December 2019,
  /// whatever year it now is.
  /// - Throws: ``RunError`` (input) when no year has a FEC with entries, or the FEC
  ///   has problems.
  public func latest(today: CalendarDate = .today) throws(RunError) -> Latest {
    let inputs = Inputs(paths: paths, timings: engine.timings, progress: { _ in })
    let years = YearFolder.years(in: paths.data)
    for year in years.reversed() {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: paths.fecFolder(year)))
      guard let names, names.contains(where: { !$0.hasPrefix(".") }) else { continue }
      let loaded = try load(year: year)
      let (file, _) = try inputs.chooseFEC(year: year, given: nil)
      let ledger = try inputs.ledger(file, year: loaded)
      guard let last = ledger.lastEntryDate, let period = ledger.period,
        var month = YearMonth(year: last.year, month: last.month)
      else { continue }
      let ended =
        last.day == CalendarDate.daysIn(month: last.month, year: last.year)
        || (YearMonth(year: today.year, month: today.month).map { $0 > month } ?? true)
      if !ended, let previous = month.previous, period.index(of: previous) != nil {
        month = previous
      }
      return Latest(year: year, month: month.month, fec: file)
    }
    let folders = years.map { paths.fecFolder($0) }
    throw RunError(
      .input, at: SourceLocation(file: paths.data),
      tr(
        "no accounting export (FEC) with entries in %1",
        folders.isEmpty ? tr("any year folder") : folders.joined(separator: ", ")),
      hint: tr(
        "put the accounting software's FEC in <data>/<year>/fec/, or give --year and --month"))
  }
}

extension CalendarDate {
  /// Today, in UTC.
  public static var today: CalendarDate {
    let parts = Calendar(identifier: .gregorian).dateComponents(
      in: TimeZone(identifier: "UTC") ?? .current, from: Date())
    let fallback = CalendarDate(year: 2000, month: 1, day: 1)
    return CalendarDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? fallback.unsafelyUnwrapped
  }
}

extension YearMonth {
  /// The month before.
  var previous: YearMonth? {
    month == 1 ? YearMonth(year: year - 1, month: 12) : YearMonth(year: year, month: month - 1)
  }
}
