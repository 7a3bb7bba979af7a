import ArgumentParser
import Foundation
import ReportModel

/// The `report` command: turns a year's action plan and budget into PDF documents.
public struct ReportCommand: ParsableCommand {
  /// The command's description and sub-commands.
  public static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Typeset an association's action plan and budget into PDF documents.",
    discussion: """
      Run from the repository's root: data/, templates/, fonts/ and output/ are found
      there unless given.

      Exit codes: 0 done; 1 a problem with the data, templates or fonts (each problem
      is printed as file:line:column with a hint; nothing is written); 2 a usage error.
      """,
    subcommands: [Generate.self, Validate.self])

  /// Creates the command.
  public init() {}

  /// Runs the command line and returns the process's exit code.
  public static func main(arguments: [String]) -> Int32 {
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
      return 0
    } catch let failure as InputFailure {
      FileHandle.standardError.write(Data((failure.description + "\n").utf8))
      return 1
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
      throw ValidationError("Please give a year between 1900 and 2999, e.g. --year 2019.")
    }
  }

  var paths: Paths { Paths(data: data, templates: templates, fonts: fonts, output: output) }
}

extension ReportCommand {
  /// `report generate`: writes the general-assembly pack.
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the general-assembly pack: <output>/<year>/dossier-ag-<year>.pdf.")

    @OptionGroup var options: CommonOptions

    func run() throws {
      let result = try Pipeline(paths: options.paths).generate(year: options.year)
      for warning in result.warnings {
        FileHandle.standardError.write(Data((warning + "\n").utf8))
      }
      print(result.path)
    }
  }

  /// `report validate`: checks a year's data without writing anything.
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a year's data; exit 1 when it has errors or the budget is not balanced.")

    @OptionGroup var options: CommonOptions

    func run() throws {
      let pipeline = Pipeline(paths: options.paths)
      let loaded = try pipeline.load(year: options.year)
      let style = try pipeline.templates().words.numberStyle
      let file = options.paths.yearFile(options.year)
      let findings = pipeline.budgetWarnings(loaded.year, file: file, style: style)
      for line in loaded.warnings.map(\.description) + findings {
        FileHandle.standardError.write(Data((line + "\n").utf8))
      }
      guard findings.isEmpty else { throw ExitCode(1) }
      let year = loaded.year
      let total = style.money(year.budget.chargesTotal)
      let share = style.percent(year.budget.regionalShare.roundedPercent)
      print(
        "\(file): ok: \(year.axes.count) axes, \(year.actionCount) actions, "
          + "budget balanced at \(total), regional share \(share)")
    }
  }
}
