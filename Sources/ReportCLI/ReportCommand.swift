import ArgumentParser
import Foundation
import ReportApp
import ReportModel

/// The `report` command: turns a year's action plan and budget into PDF documents.
public struct ReportCommand: ParsableCommand {
  /// The command's description and sub-commands.
  public static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Typeset an association's action plan and budget into PDF documents.",
    discussion: """
      The folders come from the flags, then the REPORT_DATA, REPORT_TEMPLATES, \
      REPORT_FONTS, REPORT_OUTPUT and REPORT_SENDMAIL environment variables, then the \
      configuration file (report.toml or report.yaml in the working folder, then in \
      $XDG_CONFIG_HOME/report/, by default ~/.config/report/, then in /etc/report/; \
      REPORT_CONFIG=FILE names one), then the templates and fonts installed with report \
      (<prefix>/share/report/), then data/, templates/, fonts/ and output/ in the working \
      folder. `report config` says where each one came from.

      Exit codes: 0 done; 1 a problem with the data, templates, fonts or configuration \
      file (each problem is printed as file:line:column with a hint; nothing is written); \
      2 a usage error; 3 the output cannot be written; 4 the disk is full; 70 a defect of \
      the tool.

      This is report \(ReportVersion.number).
      """,
    version: ReportVersion.shown(for: CommandLine.arguments),
    subcommands: [
      Generate.self, Validate.self, Convocations.self, Send.self, Preview.self, Init.self,
      Config.self,
    ])

  /// Creates the command.
  public init() {}

  /// Runs the command line and returns the process's exit code.
  public static func main(arguments: [String]) -> Int32 {
    if let note = Messages.start() { FileHandle.standardError.write(Data((note + "\n").utf8)) }
    if let unknown = unknownCommand(arguments) {
      FileHandle.standardError.write(Data((unknown + "\n").utf8))
      return 2
    }
    // A broken configuration file is said before anything else, with its line; but
    // --help and --version still answer.
    let asking = ["-h", "--help", "help", "--version", "--experimental-dump-help"]
    if !arguments.contains(where: { asking.contains($0) || $0.hasPrefix("--generate-completion") })
    {
      do {
        _ = try Settings.current(flags: [:])
      } catch {
        if arguments.contains("--json") { print(Summary(failure: error).json) }
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        return error.exitCode
      }
    }
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
      return 0
    } catch let failure as RunError {
      // With --json (generate, convocations, send), a failure is an object on stdout
      // too, so that the file a script writes is never empty.
      if arguments.contains("--json") { print(Summary(failure: failure).json) }
      FileHandle.standardError.write(Data((failure.description + "\n").utf8))
      return failure.exitCode
    } catch let code as ExitCode {
      return code.rawValue
    } catch {
      let code = exitCode(for: error)
      // The parser's own errors ("Unknown option…") in the user's language; the help
      // (exit 0) is printed as written.
      let message =
        code == .success
        ? fullMessage(for: error) : UsageMessages.translated(fullMessage(for: error))
      if code == .success {
        print(message)
        return 0
      }
      // A usage error still gives cron's `--json` file an object to read.
      if arguments.contains("--json") { print(Summary(failure: RunError(.input, message)).json) }
      FileHandle.standardError.write(Data((message + "\n").utf8))
      return 2
    }
  }
}

/// The folders a run reads and writes, each optional: what is not given comes from
/// the environment, the configuration file or the defaults (``Settings``).
struct FolderOptions: ParsableArguments {
  @Option(help: "The data folder (default: data, or the configuration file's).")
  var data: String?

  @Option(help: "The templates folder: words.yaml, theme.yaml (default: templates).")
  var templates: String?

  @Option(help: "The fonts folder (default: fonts).")
  var fonts: String?

  @Option(help: "The output folder; documents go to <output>/<year>/ (default: output).")
  var output: String?

  /// The flags given, by setting.
  var flags: [SettingKey: String] {
    var flags: [SettingKey: String] = [:]
    flags[.data] = data
    flags[.templates] = templates
    flags[.fonts] = fonts
    flags[.output] = output
    return flags
  }

  /// The settings of the run: these flags over the environment and the configuration file.
  var settings: Settings {
    // The configuration file was checked before parsing (``ReportCommand/main(arguments:)``).
    (try? Settings.current(flags: flags))
      ?? Settings.resolve(
        flags: flags, environment: [:], file: nil,
        directory: FileManager.default.currentDirectoryPath, share: nil)
  }
}

/// The options shared by the sub-commands.
struct CommonOptions: ParsableArguments {
  @Option(help: "The year of the documents (reads <data>/<year>/report.yaml).")
  var year: Int

  @OptionGroup var folders: FolderOptions

  func validate() throws {
    guard (1900...2999).contains(year) else {
      throw ValidationError(tr("Please give a year between 1900 and 2999, e.g. --year 2019."))
    }
  }

  /// The run's folders: the flags over `REPORT_*`, the configuration file, the
  /// installed share and the defaults.
  var paths: Paths { folders.settings.paths }
  /// The data folder in force (what `--data` used to be, for the commands that read it).
  var data: String { paths.data }
  /// The templates folder in force.
  var templates: String { paths.templates }
  /// The fonts folder in force.
  var fonts: String { paths.fonts }
  /// The output folder in force.
  var output: String { paths.output }
  /// The mail command in force (`REPORT_SENDMAIL`, `sendmail` in the configuration
  /// file), if any.
  var sendmail: String? { folders.settings.sendmail }
}

/// The options of `report generate`: those of ``CommonOptions``, with `--year` left out
/// when `--latest` finds it.
struct GenerateOptions: ParsableArguments {
  @Option(
    name: .customLong("year"),
    help: "The year of the documents (reads <data>/<year>/report.yaml); not with --latest.")
  var givenYear: Int?

  @OptionGroup var folders: FolderOptions

  func validate() throws {
    if let givenYear, !(1900...2999).contains(givenYear) {
      throw ValidationError(tr("Please give a year between 1900 and 2999, e.g. --year 2019."))
    }
  }

  /// The year given (`--latest` runs set it from the newest FEC before anything reads it).
  var year: Int { givenYear ?? 0 }
  /// The run's folders (see ``CommonOptions/paths``).
  var paths: Paths { folders.settings.paths }
  /// The data folder in force.
  var data: String { paths.data }
  /// The templates folder in force.
  var templates: String { paths.templates }
  /// The fonts folder in force.
  var fonts: String { paths.fonts }
  /// The output folder in force.
  var output: String { paths.output }
  /// The mail command in force, if any.
  var sendmail: String? { folders.settings.sendmail }
}

extension ReportCommand {
  /// `report generate`: writes the general-assembly pack or the monthly exports.
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "generate",
      abstract: "Write the general-assembly pack, or a month's budget-execution export.",
      discussion: """
        Without --month: <output>/<year>/dossier-ag-<year>.pdf, named by --year whatever \
        the data says (a warning says when the assembly's date or the title name another year).

        With --month N: <output>/<year>/suivi-<YYYY>-<NN>.pdf, the budget's execution to \
        the end of the calendar month N inside the fiscal year, from the accounting export \
        (FEC): --fec FILE, or the file of <data>/<year>/fec/ with the latest closing date in \
        its legal name (<SIREN>FEC<YYYYMMDD>), else the latest entries. The fiscal year is \
        the year file's fiscal_year, else the twelve months to the closing date of the \
        FEC's legal name, else the calendar year. With --all-months: one export for every \
        month of the fiscal year that has entries, in order. With --latest (for cron, \
        instead of --year and --month): the last complete month of the newest FEC in the \
        data folder. --strict makes a month after the FEC's last entry an error.

        With --resolutions: <output>/<year>/resolutions-<year>.pdf, the resolutions to vote.

        With --accounts: <output>/<year>/comptes-<year>.pdf, the compte de résultat \
        (ANC 2018-06, Réalisé | Budget | Écart | Réalisé Y-1) and the balance générale of \
        the fiscal year's FEC.

        With --ledger: the general ledger, <output>/<year>/grand-livre-<year>.pdf: every \
        account with its entries, running balance and carried-forward lines.

        With --pdfa: PDF/A-1b files for archives, named <name>-pdfa.pdf \
        (dossier-ag-<year>-pdfa.pdf), beside the ordinary ones; they need Debian's \
        icc-profiles-free (the sRGB profile).

        Made for cron: nothing is asked; on success nothing is printed unless stdout is a \
        terminal (then the paths) or --json is given (a summary for the next program). \
        Warnings go to stderr. Runs on the same output folder wait for each other.
        """)

    @OptionGroup var options: GenerateOptions

    @Option(
      help:
        "Write the budget-execution export to the end of this calendar month (1 to 12) of the fiscal year."
    )
    var month: Int?

    @Flag(
      help:
        "Write the export of the last complete month of the newest FEC in the data folder (for cron)."
    )
    var latest = false

    @Flag(
      help: "Make a month after the FEC's last entry, or a FEC without entries, an error (exit 1).")
    var strict = false

    @Flag(help: "Write the export of every month that has entries in the accounting export.")
    var allMonths = false

    @Option(
      help: "The accounting export (FEC) to read, instead of the last one in <data>/<year>/fec/.")
    var fec: String?

    @Flag(help: "Print a JSON summary (files written, totals, warnings) on stdout.")
    var json = false

    @Flag(help: "Write PDF/A-1b (for archives) to <name>-pdfa.pdf instead of the ordinary PDF.")
    var pdfa = false

    func validate() throws {
      if let month, !(1...12).contains(month) {
        throw ValidationError(tr("Please give a month from 1 to 12, e.g. --month 6."))
      }
      if month != nil && allMonths {
        throw ValidationError(tr("Give either --month or --all-months, not both."))
      }
      if (accounts || ledger) && (month != nil || allMonths || resolutions || latest) {
        throw ValidationError(
          tr(
            "--accounts and --ledger are documents of their own: leave out --month, --all-months, --latest and --resolutions."
          ))
      }
      if accounts && ledger {
        throw ValidationError(tr("Give either --accounts or --ledger, not both."))
      }
      if fec != nil && month == nil && !allMonths && !accounts && !ledger {
        throw ValidationError(tr("--fec goes with --month or --all-months."))
      }
      if latest && (options.givenYear != nil || month != nil || allMonths || fec != nil) {
        throw ValidationError(
          tr(
            "--latest finds the year, the month and the FEC: leave out --year, --month, --all-months and --fec."
          ))
      }
      if !latest && options.givenYear == nil {
        throw ValidationError(
          tr(
            "Missing expected argument '--year <year>' (or --latest for the newest monthly export)."
          ))
      }
      if strict && month == nil && !allMonths && !latest {
        throw ValidationError(tr("--strict goes with --month, --all-months or --latest."))
      }
      if resolutions && (month != nil || allMonths || latest) {
        throw ValidationError(
          tr("--resolutions is a document of its own: leave out --month and --all-months."))
      }
    }

    @Flag(help: "Write the sheet of the resolutions to vote (resolutions-<year>.pdf) instead.")
    var resolutions = false

    @Flag(
      help: "Write the annual accounts (comptes-<year>.pdf: compte de résultat, balance) instead.")
    var accounts = false

    @Flag(help: "Write the general ledger (grand-livre-<year>.pdf) instead.")
    var ledger = false

    func run() throws {
      let progress = Progress()
      var application = Application(paths: options.paths)
      application.engine.archival = pdfa
      application.engine.waiting = { folder in
        progress.say(tr("waiting for another run writing to %1…", folder))
      }
      let run: Application.Run
      if latest {
        // The year's folder chooses the same FEC again, so that the document and the
        // JSON say why it was chosen (not "given with --fec").
        let found = try application.latest()
        progress.say(
          tr("the newest FEC is %1: month %2 of %3", found.fec, found.month, found.year))
        run = try application.make(
          ExportDocument.self, year: found.year,
          request: ExportDocument.Request(month: found.month, strict: strict),
          progress: progress.say)
      } else if ledger {
        progress.say(tr("writing the general ledger…"))
        run = try application.make(
          LedgerDocument.self, year: options.year, request: AccountsDocument.Request(fec: fec),
          progress: progress.say)
      } else if accounts {
        progress.say(tr("writing the annual accounts…"))
        run = try application.make(
          AccountsDocument.self, year: options.year, request: AccountsDocument.Request(fec: fec),
          progress: progress.say)
      } else if resolutions {
        progress.say(tr("writing the resolutions…"))
        run = try application.make(ResolutionsDocument.self, year: options.year, request: ())
      } else if month == nil && !allMonths {
        progress.say(tr("writing the general-assembly pack…"))
        run = try application.make(PackDocument.self, year: options.year, request: ())
      } else {
        run = try application.make(
          ExportDocument.self, year: options.year,
          request: ExportDocument.Request(month: month, fec: fec, strict: strict),
          progress: progress.say)
      }
      // BudgetSource's one sentence ("budget lines from budget.xlsx, 19 lines"): on the
      // terminal, and as budget_source in the JSON summary.
      if let source = run.budgetSource { progress.say(source) }
      for warning in run.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
      let timings = application.engine.timings
      if timings.enabled { FileHandle.standardError.write(Data((timings.report + "\n").utf8)) }
      if json {
        var summary = Summary(written: run.written, warnings: run.warnings)
        summary.budgetSource = run.budgetSource
        print(summary.json)
      } else if isatty(STDOUT_FILENO) == 1 {
        for written in run.written { print(written.path) }
      }
    }
  }

  /// `report validate`: checks a year's data without writing anything.
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract: "Check a year's data; exit 1 when it has errors or the budget is not balanced.")

    @OptionGroup var options: CommonOptions

    func run() throws {
      let application = Application(paths: options.paths)
      try application.checkFolders(year: options.year, fonts: false)
      let loaded = try application.load(year: options.year)
      let templates = try application.templates()
      let style = templates.words.numberStyle
      for line in application.warnings(loaded, templates: templates) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
      }
      let (sections, packWarnings) = try application.checkPack(loaded, templates: templates)
      for line in packWarnings {
        FileHandle.standardError.write(Data((line + "\n").utf8))
      }
      guard loaded.year.budget.findings.isEmpty else { throw ExitCode(1) }
      let year = loaded.year
      let total = style.money(year.budget.chargesTotal)
      let share = style.percent(year.budget.regionalShare.roundedPercent)
      // BudgetSource's one sentence: "budget lines from budget.xlsx, 19 lines".
      let source = loaded.budgetSource.map { ", \($0.description)" } ?? ""
      print(
        tr(
          "%1: ok: %2 axes, %3 actions, budget balanced at %4, regional share %5", loaded.file,
          year.axes.count, year.actionCount, total, share) + ", "
          + tr("%1 sections in the pack", sections) + source)
    }
  }
}
