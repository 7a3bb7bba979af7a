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
      Run from the repository's root: data/, templates/, fonts/ and output/ are found \
      there unless given.

      Exit codes: 0 done; 1 a problem with the data, templates or fonts (each problem \
      is printed as file:line:column with a hint; nothing is written); 2 a usage error; \
      3 the output cannot be written; 4 the disk is full; 70 a defect of the tool.
      """,
    subcommands: [Generate.self, Validate.self])

  /// Creates the command.
  public init() {}

  /// Runs the command line and returns the process's exit code.
  public static func main(arguments: [String]) -> Int32 {
    if let note = Messages.start() { FileHandle.standardError.write(Data((note + "\n").utf8)) }
    if let unknown = unknownCommand(arguments) {
      FileHandle.standardError.write(Data((unknown + "\n").utf8))
      return 2
    }
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
      return 0
    } catch let failure as RunError {
      FileHandle.standardError.write(Data((failure.description + "\n").utf8))
      return failure.exitCode
    } catch let code as ExitCode {
      return code.rawValue
    } catch {
      let message = fullMessage(for: error)
      let code = exitCode(for: error)
      if code == .success {
        print(message)
        return 0
      }
      FileHandle.standardError.write(Data((message + "\n").utf8))
      return 2
    }
  }
}

extension ReportCommand {
  /// The French words a person may type for a command, and the command they mean.
  static let frenchCommands = [
    "generer": "generate", "générer": "generate", "valider": "validate", "verifier": "validate",
    "vérifier": "validate",
  ]

  /// The message for a first argument that names no command ("generer"), with the
  /// closest command; `nil` when it is a command, an option or absent.
  ///
  /// Without it the parser reads the sub-command's options at the top level and says
  /// "Unknown option '--year'".
  static func unknownCommand(_ arguments: [String]) -> String? {
    guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
    let commands = configuration.subcommands.map { $0._commandName }
    guard !commands.contains(first), first != "help" else { return nil }
    let guess =
      frenchCommands[first.lowercased()] ?? Suggestion.closest(to: first, among: commands)
    guard let guess else {
      return tr(
        "error: unknown command '%1'; the commands are %2", first,
        commands.joined(separator: ", "))
    }
    return tr("error: unknown command '%1'; did you mean '%2'?", first, guess)
  }
}

/// The options shared by the sub-commands.
struct CommonOptions: ParsableArguments {
  @Option(help: "The year of the documents (reads <data>/<year>/report.yaml).")
  var year: Int

  @Option(help: "The data folder.")
  var data = "data"

  @Option(help: "The templates folder (words.yaml, theme.yaml).")
  var templates = "templates"

  @Option(help: "The fonts folder.")
  var fonts = "fonts"

  @Option(help: "The output folder; documents go to <output>/<year>/.")
  var output = "output"

  func validate() throws {
    guard (1900...2999).contains(year) else {
      throw ValidationError(tr("Please give a year between 1900 and 2999, e.g. --year 2019."))
    }
  }

  var paths: Paths { Paths(data: data, templates: templates, fonts: fonts, output: output) }
}

extension ReportCommand {
  /// `report generate`: writes the general-assembly pack or the monthly exports.
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the general-assembly pack, or a month's budget-execution export.",
      discussion: """
        Without --month: <output>/<year>/dossier-ag-<year>.pdf.

        With --month N: <output>/<year>/suivi-<year>-<NN>.pdf, the budget's execution to the \
        end of month N from the accounting export (FEC): --fec FILE, or the last file by name \
        in <data>/<year>/fec/. With --all-months: one export for every month that has entries.

        With --resolutions: <output>/<year>/resolutions-<year>.pdf, the resolutions to vote.

        With --pdfa: PDF/A-1b files for archives, named …-pdfa.pdf (dossier-ag-<year>-pdfa.pdf), \
        beside the ordinary ones; they need Debian's icc-profiles-free (the sRGB profile).

        Made for cron: nothing is asked; on success nothing is printed unless stdout is a \
        terminal (then the paths) or --json is given (a summary for the next program). \
        Warnings go to stderr. Runs on the same output folder wait for each other.
        """)

    @OptionGroup var options: CommonOptions

    @Option(help: "Write the budget-execution export to the end of this month (1–12).")
    var month: Int?

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
      if fec != nil && month == nil && !allMonths {
        throw ValidationError(tr("--fec goes with --month or --all-months."))
      }
      if resolutions && (month != nil || allMonths) {
        throw ValidationError(
          tr("--resolutions is a document of its own: leave out --month and --all-months."))
      }
    }

    @Flag(help: "Write the sheet of the resolutions to vote (resolutions-<year>.pdf) instead.")
    var resolutions = false

    func run() throws {
      let progress = Progress()
      var application = Application(paths: options.paths)
      application.engine.archival = pdfa
      application.engine.waiting = { folder in
        progress.say(tr("waiting for another run writing to %1…", folder))
      }
      let run: Application.Run
      if resolutions {
        progress.say(tr("writing the resolutions…"))
        run = try application.make(ResolutionsDocument.self, year: options.year, request: ())
      } else if month == nil && !allMonths {
        progress.say(tr("writing the general-assembly pack…"))
        run = try application.make(PackDocument.self, year: options.year, request: ())
      } else {
        run = try application.make(
          ExportDocument.self, year: options.year,
          request: ExportDocument.Request(month: month, fec: fec), progress: progress.say)
      }
      for warning in run.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
      let timings = application.engine.timings
      if timings.enabled { FileHandle.standardError.write(Data((timings.report + "\n").utf8)) }
      if json {
        print(Summary(written: run.written, warnings: run.warnings).json)
      } else if isatty(STDOUT_FILENO) == 1 {
        for written in run.written { print(written.path) }
      }
    }
  }

  /// `report validate`: checks a year's data without writing anything.
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a year's data; exit 1 when it has errors or the budget is not balanced.")

    @OptionGroup var options: CommonOptions

    func run() throws {
      let application = Application(paths: options.paths)
      let loaded = try application.load(year: options.year)
      let templates = try application.templates()
      let style = templates.words.numberStyle
      for line in application.warnings(loaded, templates: templates) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
      }
      guard loaded.year.budget.findings.isEmpty else { throw ExitCode(1) }
      let year = loaded.year
      let total = style.money(year.budget.chargesTotal)
      let share = style.percent(year.budget.regionalShare.roundedPercent)
      print(
        tr(
          "%1: ok: %2 axes, %3 actions, budget balanced at %4, regional share %5", loaded.file,
          year.axes.count, year.actionCount, total, share))
    }
  }
}
