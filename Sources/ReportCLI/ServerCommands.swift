import ArgumentParser
import Foundation
import ReportApp
import ReportMail
import ReportModel

extension ReportCommand {
  /// `report preview`: PNG pages beside the PDF, for the website, a mail or a quick look.
  struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "preview",
      abstract: "Write PNG images of a document's pages beside its PDF.",
      discussion: """
        The pages are drawn by the painter that draws the PDF, so they show what poppler \
        shows of the PDF: <output>/<year>/dossier-ag-<year>-01.png and on for the pack, \
        suivi-<year>-<NN>-1.png for a month's export, resolutions-<year>-1.png for the \
        resolutions, comptes-<year>-1.png for the annual accounts (--accounts), \
        grand-livre-<year>-1.png for the general ledger (--ledger). The PDF itself is not \
        written.
        """)

    @OptionGroup var options: CommonOptions

    @Option(help: "Preview the budget-execution export to the end of this month (1 to 12).")
    var month: Int?

    @Flag(help: "Preview the sheet of the resolutions to vote.")
    var resolutions = false

    @Flag(help: "Preview the annual accounts (compte de résultat, balance) of the fiscal year.")
    var accounts = false

    @Flag(help: "Preview the general ledger of the fiscal year.")
    var ledger = false

    @Option(help: "The accounting export (FEC) to read, with --month, --accounts or --ledger.")
    var fec: String?

    @Option(help: "Only this page (1 is the first).")
    var page: Int?

    @Option(help: "Pixels per inch: 96 for a screen, 150 for a mail, 300 for print.")
    var dpi: Double = 96

    func validate() throws {
      if let month, !(1...12).contains(month) {
        throw ValidationError(tr("Please give a month from 1 to 12, e.g. --month 6."))
      }
      if resolutions && month != nil {
        throw ValidationError(tr("Give either --month or --resolutions, not both."))
      }
      if (accounts || ledger) && (month != nil || resolutions) {
        throw ValidationError(
          tr(
            "--accounts and --ledger are documents of their own: leave out --month and --resolutions."
          ))
      }
      if accounts && ledger {
        throw ValidationError(tr("Give either --accounts or --ledger, not both."))
      }
      if fec != nil && month == nil && !accounts && !ledger {
        throw ValidationError(tr("--fec goes with --month, --accounts or --ledger."))
      }
      if let page, page < 1 {
        throw ValidationError(tr("Please give a page from 1, e.g. --page 1."))
      }
      guard (10...1200).contains(dpi) else {
        throw ValidationError(
          tr("Please give a resolution from 10 to 1200 dpi, e.g. --dpi 150."))
      }
    }

    func run() throws {
      var application = Application(paths: options.paths)
      application.engine.preview = ReportApp.Engine.Preview(dpi: dpi, page: page)
      let run: Application.Run
      if accounts {
        run = try application.make(
          AccountsDocument.self, year: options.year, request: AccountsDocument.Request(fec: fec))
      } else if ledger {
        run = try application.make(
          LedgerDocument.self, year: options.year, request: AccountsDocument.Request(fec: fec))
      } else if resolutions {
        run = try application.make(ResolutionsDocument.self, year: options.year, request: ())
      } else if let month {
        run = try application.make(
          ExportDocument.self, year: options.year,
          request: ExportDocument.Request(month: month, fec: fec))
      } else {
        run = try application.make(PackDocument.self, year: options.year, request: ())
      }
      for warning in run.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
      if isatty(STDOUT_FILENO) == 1 {
        for written in run.written { for image in written.images { print(image) } }
      }
    }
  }

  /// `report init`: a new year's folder, made from the latest year.
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Start a new year: make <data>/<year>/ from the latest year.",
      discussion: """
        The latest year's file is copied with its dates moved on, the title's year \
        changed, every action kept with status `maintained`, the budget lines kept, and \
        the texts to write again (summary, notes, resolutions) marked as such (in French); its \
        other files (members.csv, budget.csv) are copied, not the accounting exports \
        (fec/). An existing year is never overwritten; a folder without report.yaml is filled \
        around the files it holds. Then edit what it lists and run \
        `report validate --year <year>` until it says ok.
        """)

    @Option(help: "The year to start (makes <data>/<year>/).")
    var year: Int

    @Option(help: "The data folder (default: data, or the configuration file's).")
    var data: String?

    func validate() throws {
      guard (1900...2999).contains(year) else {
        throw ValidationError(tr("Please give a year between 1900 and 2999, e.g. --year 2020."))
      }
    }

    func run() throws {
      var flags: [SettingKey: String] = [:]
      flags[.data] = data
      let paths = try Settings.current(flags: flags).paths
      let made = try NewYear.make(year: year, paths: paths)
      print(tr("%1: made from %2 for %3", made.folder, "\(paths.data)/\(made.source)/", year))
      print(tr("edit next:"))
      for line in made.next { print("  " + line) }
      print(tr("then run: %1", "report validate --year \(year)"))
    }
  }

  /// `report config`: where each setting comes from.
  struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "config",
      abstract: "Print each setting (data, templates, fonts, output, sendmail) and its origin.",
      discussion: """
        For whoever sets up a server: the configuration file read (if any), then each \
        setting with its value and where it came from (command line, environment \
        REPORT_*, the file and its line, installed with report, or the default), then the \
        command `report send` would run, its program looked for as `send` looks for it.
        """)

    @OptionGroup var folders: FolderOptions

    func run() throws {
      let settings = try Settings.current(flags: folders.flags)
      print(settings.report)
      // What `report send` would run, as it finds it.
      let command = settings.sendmail ?? Sender.Options.defaultCommand
      switch Sender.program(of: command) {
      case .found(let found): print(tr("send runs: %1", found))
      case .unchecked: print(tr("send runs: %1 (shell code, run as written)", command))
      case .missing(let program):
        print(tr("send runs: %1, whose program `%2` is not found", command, program))
      }
    }
  }

  /// The commands a person may type by mistake or in French, and what they meant.
  static let frenchCommands = [
    "generer": "generate", "générer": "generate", "valider": "validate", "verifier": "validate",
    "vérifier": "validate", "apercu": "preview", "aperçu": "preview", "initialiser": "init",
    "nouveau": "init", "configuration": "config",
  ]

  /// The message for a first argument that is no command (`report generer`), or `nil`.
  ///
  /// Without it, the parser goes on to the next argument and says "Unknown option
  /// '--year'", which sends the user looking in the wrong place.
  static func unknownCommand(_ arguments: [String]) -> String? {
    guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
    let names = configuration.subcommands.map { $0._commandName } + ["help"]
    guard !names.contains(first) else { return nil }
    let guess =
      frenchCommands[first.lowercased()] ?? Suggestion.closest(to: first, among: names)
    var message =
      guess.map { tr("error: unknown command '%1'; did you mean '%2'?", first, $0) }
      ?? tr("error: unknown command '%1'", first)
    message +=
      "\n  "
      + tr(
        "hint: %1",
        tr("the commands are %1; see report --help", names.dropLast().joined(separator: ", ")))
    return message
  }
}
