import Foundation
import TestSupport
import Testing

@testable import ReportApp

/// Runs the built `report` binary from a folder of the test's.
func report(_ arguments: [String], in folder: String, environment: [String: String] = [:]) throws
  -> ProcessOutput
{
  try run(Repository.executable, arguments, in: folder, environment: environment)
}

/// An environment without the user's configuration: no `REPORT_*`, no configuration
/// folder of the person running the tests.
func clean(_ extra: [String: String] = [:]) -> [String: String] {
  ["XDG_CONFIG_HOME": "/nonexistent-config", "HOME": "/nonexistent-home"].merging(extra) { $1 }
}

@Suite struct VersionTests {
  @Test func versionPrintsTheToolAndTheLibrariesItRunsWith() throws {
    let result = try report(["--version"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "report \(ReportVersion.number)")
    for library in ["cairo", "Pango", "HarfBuzz", "qpdf"] {
      let line = lines.first { $0.hasPrefix(library + " ") }
      #expect(
        line?.dropFirst(library.count + 1).first?.isNumber == true, "\(library): \(lines)")
    }
  }
}

@Suite struct ConfigurationTests {
  let directory = "/work-does-not-exist"

  func file(_ name: String, _ text: String) throws -> String {
    let folder = try temporaryFolder("report-config")
    let path = folder + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func flagsOverTheEnvironmentOverTheFileOverTheDefaults() throws {
    let path = try file(
      "report.toml", "# the server's\ndata = \"/srv/data\"\noutput = \"pdf\"\nfonts = \"/f\"\n")
    let config = try ConfigFile.load(path: path)
    let folder = (path as NSString).deletingLastPathComponent
    let settings = Settings.resolve(
      flags: [.fonts: "given"], environment: ["REPORT_OUTPUT": "/env/out"], file: config,
      directory: directory, share: nil)
    #expect(settings.values[.fonts] == Settings.Setting(value: "given", origin: .flag))
    #expect(
      settings.values[.output]
        == Settings.Setting(value: "/env/out", origin: .environment("REPORT_OUTPUT")))
    #expect(
      settings.values[.data] == Settings.Setting(value: "/srv/data", origin: .file(path, line: 2)))
    #expect(settings.values[.templates] == Settings.Setting(value: "templates", origin: .default))
    #expect(settings.sendmail == nil)
    // Without the environment, a relative path is the file's folder's.
    let fromFile = Settings.resolve(
      flags: [:], environment: [:], file: config, directory: directory, share: nil)
    #expect(fromFile.paths.output == folder + "/pdf")
    #expect(fromFile.report.contains("output    \(folder)/pdf  (\(path):3)"), "\(fromFile.report)")
  }

  @Test func theFileIsLookedForHereThenInTheUsersFolderThenInEtc() {
    let files = ConfigFile.candidates(
      directory: "/here", environment: ["HOME": "/home/ana"], system: "/etc/report")
    #expect(
      files == [
        "/here/report.toml", "/here/report.yaml", "/home/ana/.config/report/report.toml",
        "/home/ana/.config/report/report.yaml", "/etc/report/report.toml",
        "/etc/report/report.yaml",
      ])
    let xdg = ConfigFile.candidates(
      directory: "/here", environment: ["HOME": "/home/ana", "XDG_CONFIG_HOME": "/cfg"])
    #expect(xdg[2] == "/cfg/report/report.toml")
  }

  @Test func anUnknownKeyIsNamedWithItsLineAndAGuess() throws {
    let toml = try file("report.toml", "data = \"/srv\"\n\ntemplate = \"/t\"\n")
    #expect {
      try ConfigFile.load(path: toml)
    } throws: { error in
      "\(error)".contains(
        "\(toml):3: error: template: unknown setting\n  hint: did you mean `templates`?")
    }
    let yaml = try file("report.yaml", "data: /srv\nouptut: /out\n")
    #expect {
      try ConfigFile.load(path: yaml)
    } throws: { error in
      "\(error)".contains(
        "\(yaml):2: error: ouptut: unknown setting\n  hint: did you mean `output`?")
    }
  }

  @Test func aSyntaxErrorNamesTheLineAndAValueMustBeAText() throws {
    let broken = try file("report.toml", "data = \"/srv\"\noutput = /out\n")
    #expect {
      try ConfigFile.load(path: broken)
    } throws: { error in "\(error)".hasPrefix("\(broken):2:") && "\(error)".contains("TOML syntax")
    }
    let number = try file("report.toml", "data = 12\n")
    #expect {
      try ConfigFile.load(path: number)
    } throws: { error in "\(error)".contains("\(number):1: error: data: expected a text in quotes")
    }
  }

  @Test func aBrokenConfigurationFileStopsTheRunWithItsLine() throws {
    let folder = try temporaryFolder("report-config")
    try "fonts = \"fonts\"\nfont = \"x\"\n".write(
      toFile: folder + "/report.toml", atomically: true, encoding: .utf8)
    let result = try report(["generate", "--year", "2019"], in: folder, environment: clean())
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("report.toml:2: error: font: unknown setting"), "\(result.stderr)")
    #expect(try report(["--version"], in: folder, environment: clean()).status == 0)
  }

  @Test func aConfigurationFileInTheWorkingFolderSetsTheFoldersOnce() throws {
    let folder = try temporaryFolder("report-config").replacingOccurrences(of: "//", with: "/")
    try """
    data = "\(Repository.path("data"))"
    templates = "\(Repository.path("templates"))"
    fonts = "\(Repository.path("fonts"))"
    output = "documents"
    """.write(toFile: folder + "/report.toml", atomically: true, encoding: .utf8)
    let result = try report(["generate", "--year", "2019"], in: folder, environment: clean())
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: folder + "/documents/2019/dossier-ag-2019.pdf"))
    // The environment overrides the file.
    let other = try report(
      ["generate", "--year", "2019"], in: folder, environment: clean(["REPORT_OUTPUT": "elsewhere"])
    )
    #expect(other.status == 0, "\(other.stderr)")
    #expect(FileManager.default.fileExists(atPath: folder + "/elsewhere/2019/dossier-ag-2019.pdf"))
    let config = try report(["config"], in: folder, environment: clean())
    #expect(config.stdout.contains("configuration file: \(folder)/report.toml"), "\(config.stdout)")
    #expect(config.stdout.contains("output    \(folder)/documents  (\(folder)/report.toml:4)"))
  }
}

@Suite struct StaffMessageTests {
  /// A copy of the repository's templates whose `theme.yaml` has `text` written `edited`.
  func templates(theme text: String, edited: String) throws -> String {
    let templates = try temporaryFolder("report-templates") + "/templates"
    try FileManager.default.copyItem(atPath: Repository.path("templates"), toPath: templates)
    let theme = try String(contentsOfFile: templates + "/theme.yaml", encoding: .utf8)
    #expect(theme.contains(text), "theme.yaml no longer says \(text)")
    try theme.replacingOccurrences(of: text, with: edited)
      .write(toFile: templates + "/theme.yaml", atomically: true, encoding: .utf8)
    return templates
  }

  @Test func everythingMissingIsSaidInOneRun() throws {
    let folder = try temporaryFolder("report-empty")
    let result = try report(["generate", "--year", "2019"], in: folder, environment: clean())
    #expect(result.status == 1)
    #expect(result.stderr.contains("data/2019/report.yaml: error: no year file for 2019"))
    #expect(result.stderr.contains("templates: error: no templates here"))
    #expect(result.stderr.contains("fonts: error: no font files (.otf, .ttf) here"))
  }

  @Test(arguments: [["convocations"], ["preview"], ["generate", "--accounts"]])
  func everyCommandSaysEverythingMissing(_ command: [String]) throws {
    let folder = try temporaryFolder("report-empty")
    let result = try report(command + ["--year", "2019"], in: folder, environment: clean())
    #expect(result.status == 1)
    #expect(result.stderr.contains("data/2019/report.yaml: error: no year file for 2019"))
    #expect(result.stderr.contains("templates: error: no templates here"), "\(result.stderr)")
    #expect(result.stderr.contains("fonts: error: no font files (.otf, .ttf) here"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/output"))
  }

  @Test func aMissingYearPointsAtTheLatestYearThatExists() throws {
    let result = try report(["generate", "--year", "2031"])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "hint: make it from data/2019/report.yaml with `report init --year 2031`"),
      "\(result.stderr)")
    let empty = try temporaryFolder("report-data")
    let none = try report(["validate", "--year", "2031", "--data", empty])
    #expect(none.stderr.contains("\(empty) holds no year"), "\(none.stderr)")
    #expect(!none.stderr.contains("2019"))
  }

  @Test func aWrongValueInTheThemeIsSaidWithoutSwiftTypeNames() throws {
    let templates = try templates(theme: "body: { size: 10,", edited: "body: { size: big,")
    let result = try report(["validate", "--year", "2019", "--templates", templates])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "theme.yaml:34:17: error: text.body.size: expected a number, e.g. 10.5"),
      "\(result.stderr)")
    for swift in ["Double", "Scalar", "Expected to decode"] {
      #expect(!result.stderr.contains(swift))
    }
  }

  /// `config` says what `send` would run, found as `send` finds it.
  @Test func configSaysWhatSendRuns() throws {
    let folder = try temporaryFolder("report-config-send")
    let found = try report(
      ["config"], in: folder, environment: clean(["REPORT_SENDMAIL": "/bin/cat -u"]))
    #expect(found.status == 0, "\(found.stderr)")
    #expect(found.stdout.hasSuffix("send runs: /bin/cat -u\n"), "\(found.stdout)")
    let missing = try report(
      ["config"], in: folder, environment: clean(["REPORT_SENDMAIL": "/nonexistent/sendmail -t"]))
    #expect(
      missing.stdout.contains(
        "send runs: /nonexistent/sendmail -t, whose program `/nonexistent/sendmail` is not found"),
      "\(missing.stdout)")
  }

  @Test func aMisspelledKeyOfTheTemplatesIsNamedInTheHint() throws {
    let templates = try templates(theme: "  height: 841.8898", edited: "  heigth: 841.8898")
    let line = try lineNumber(of: "  heigth: 841.8898", inFile: templates + "/theme.yaml")
    let result = try report(["validate", "--year", "2019", "--templates", templates])
    #expect(result.status == 1)
    #expect(result.stderr.contains("error: page: missing key `height`"), "\(result.stderr)")
    #expect(
      result.stderr.contains("hint: line \(line) says `heigth`: did you mean `height`?"),
      "\(result.stderr)")
  }

  @Test func aThemeFamilyTheFontsLackIsSaidBeforeThePicturesThatUseTheRightOne() throws {
    let templates = try templates(theme: "family: \"Inter\"", edited: "family: \"Arial\"")
    let output = try temporaryFolder("report-arial")
    let result = try report(
      ["generate", "--year", "2019", "--templates", templates, "--output", output])
    #expect(result.status == 1)
    let lines = result.stderr.split(separator: "\n")
    // The cause first; the pictures whose text asks for Inter after it.
    #expect(
      lines.first?.hasSuffix(
        "error: the theme asks for the font family \"Arial\" but \"Inter\" was found instead")
        == true, "\(result.stderr)")
    #expect(result.stderr.contains("sets text in “Inter”"), "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty)
  }

  @Test func aThemeTheLayoutCannotUseIsNamedWithTheErrorLabel() throws {
    let templates = try templates(
      theme: "margins: { top: 64, right: 60, bottom: 72, left: 60 }",
      edited: "margins: { top: 64, right: 290, bottom: 72, left: 290 }")
    let output = try temporaryFolder("report-output")
    let result = try report([
      "generate", "--year", "2019", "--templates", templates, "--output", output,
    ])
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("\(templates)/theme.yaml: error: "), "\(result.stderr)")
  }

  @Test func aMistypedOrFrenchCommandIsNamed() throws {
    for (typed, meant) in [
      ("generer", "generate"), ("valider", "validate"), ("genrate", "generate"),
    ] {
      let result = try report([typed, "--year", "2019"])
      #expect(result.status == 2)
      #expect(
        result.stderr.hasPrefix("error: unknown command '\(typed)'; did you mean '\(meant)'?"),
        "\(result.stderr)")
      #expect(!result.stderr.contains("--year"))
    }
  }

  @Test func theHelpIsWrappedByParagraphs() throws {
    // Narrow: the parser wraps every line to the terminal.
    let narrow = try report(["generate", "--help"], environment: ["COLUMNS": "60"])
    #expect(
      narrow.stdout.split(separator: "\n").allSatisfy { $0.count <= 60 || $0.hasPrefix("USAGE:") },
      "\(narrow.stdout)")
    // Wide: a paragraph is one line, not broken where the source was.
    let result = try report(["generate", "--help"], environment: ["COLUMNS": "500"])
    let lines = result.stdout.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    #expect(
      lines.contains {
        $0.hasPrefix("Made for cron: nothing is asked;") && $0.hasSuffix("wait for each other.")
      },
      "\(result.stdout)")
  }
}

@Suite struct NewYearTests {
  /// A data folder holding a copy of 2019 (with an accounting export).
  func data() throws -> String {
    let folder = try temporaryFolder("report-years")
    let year = folder + "/2019"
    try FileManager.default.copyItem(atPath: Repository.path("data/2019"), toPath: year)
    try FileManager.default.createDirectory(
      atPath: year + "/fec", withIntermediateDirectories: true)
    // A real FEC: the pack of 2020 shows the accounts of 2019 from it.
    try FileManager.default.copyItem(
      atPath: Repository.path("Tests/Fixtures/accounting/fec-2019.txt"),
      toPath: year + "/fec/FEC20191231.txt")
    return folder
  }

  @Test func aCopiedYearIsNamedByTheYearAskedAndItsOldDatesAreSaid() throws {
    let data = try data()
    try FileManager.default.copyItem(atPath: data + "/2019", toPath: data + "/2020")
    let output = try temporaryFolder("report-output")
    let result = try report(["generate", "--year", "2020", "--data", data, "--output", output])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: output + "/2020/dossier-ag-2020.pdf"))
    #expect(!FileManager.default.fileExists(atPath: output + "/2020/dossier-ag-2019.pdf"))
    let file = data + "/2020/report.yaml"
    let date = try lineNumber(of: "  date: 2019-06-14", inFile: file)
    let title = try lineNumber(of: "  title: \"Plan d’actions", inFile: file)
    #expect(
      result.stderr.contains(
        "\(file):\(date):9: warning: assembly.date: the assembly is dated 2019, not 2020"),
      "\(result.stderr)")
    #expect(
      result.stderr.contains("\(file):\(title):10: warning: document.title: the title names 2019"))
  }

  @Test func aFiscalYearClosingInAnotherYearIsSaid() throws {
    let data = try data()
    try FileManager.default.copyItem(atPath: data + "/2019", toPath: data + "/2020")
    let file = data + "/2020/report.yaml"
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try (text + "fiscal_year: {start: 2018-09-01, end: 2019-08-31}\n")
      .write(toFile: file, atomically: true, encoding: .utf8)
    let result = try report(["validate", "--year", "2020", "--data", data])
    let line = try lineNumber(of: "fiscal_year:", inFile: file)
    #expect(
      result.stderr.contains(
        "\(file):\(line):"), "\(result.stderr)")
    #expect(
      result.stderr.contains("warning: fiscal_year: the fiscal year closes in 2019, not 2020"),
      "\(result.stderr)")
    // The year it closes in is the year it is for: no warning then.
    try (text + "fiscal_year: {start: 2019-09-01, end: 2020-08-31}\n")
      .write(toFile: file, atomically: true, encoding: .utf8)
    let right = try report(["validate", "--year", "2020", "--data", data])
    #expect(!right.stderr.contains("fiscal_year"), "\(right.stderr)")
  }

  @Test func initMakesTheNewYearFromTheLatestOne() throws {
    let data = try data()
    let result = try report(["init", "--year", "2020", "--data", data])
    #expect(result.status == 0, "\(result.stderr)")
    let file = data + "/2020/report.yaml"
    let text = try String(contentsOfFile: file, encoding: .utf8)
    #expect(text.contains("  date: 2020-06-14"))
    #expect(text.contains("  convened_on: 2020-05-24"))
    #expect(text.contains("title: \"Plan d’actions et budget prévisionnel 2020\""))
    #expect(!text.contains("status: new") && !text.contains("status: unfunded"))
    #expect(text.components(separatedBy: "status: maintained").count - 1 == 12)
    #expect(text.contains("    « à réécrire » Se fixer un cap"))
    #expect(text.contains("amount: 438400, regional: true"))
    // Its comments stay.
    #expect(text.hasPrefix("# The 2019 year file"))
    #expect(FileManager.default.fileExists(atPath: data + "/2020/members.csv"))
    #expect(!FileManager.default.fileExists(atPath: data + "/2020/fec"))
    let title = try lineNumber(of: "  title: \"Plan d’actions", inFile: file)
    #expect(result.stdout.contains("\(file):\(title): document.title: now"), "\(result.stdout)")
    #expect(result.stdout.contains("\(file):\(title + 2): document.summary: marked « à réécrire »"))
    #expect(result.stdout.contains("then run: report validate --year 2020"))
    // It is a valid year, which says what is left to write.
    let validate = try report(["validate", "--year", "2020", "--data", data])
    #expect(validate.status == 0, "\(validate.stderr)")
    #expect(
      validate.stderr.contains(
        "\(file):\(title + 1):12: warning: document.summary: still marked « à réécrire »"),
      "\(validate.stderr)")
    #expect(!validate.stderr.contains("assembly.date"))
  }

  @Test func theConvocationsSendNoTextStillMarked() throws {
    let data = try data()
    #expect(try report(["init", "--year", "2020", "--data", data]).status == 0)
    let output = try temporaryFolder("report-marked")
    let file = data + "/2020/report.yaml"
    let convene = ["convocations", "--year", "2020", "--data", data, "--output", output]
    let marked = try report(convene)
    #expect(marked.status == 1)
    let summary = try lineNumber(of: "  summary: >-", inFile: file)
    #expect(
      marked.stderr.contains(
        "\(file):\(summary):12: error: document.summary: still marked « à réécrire »: "
          + "the convocations would send it to the members"), "\(marked.stderr)")
    #expect(marked.stderr.contains("hint: write this text for 2020 and remove the mark"))
    // Every marked text is named at once: the six resolutions, the summary, two notes.
    #expect(marked.stderr.components(separatedBy: ": error: ").count - 1 == 9, "\(marked.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty)
    // With --json, the problems are an object on stdout as well.
    let json = try report(convene + ["--json"])
    #expect(json.status == 1)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["ok"] as? Bool == false, "\(json.stdout)")
    let problems = object?["problems"] as? [[String: Any]] ?? []
    #expect(problems.count == 9)
    #expect(problems.first?["file"] as? String == file)
    #expect(problems.allSatisfy { ($0["line"] as? Int ?? 0) > 0 })
    // Written, the year convenes.
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try text.replacingOccurrences(of: "« à réécrire » ", with: "")
      .write(toFile: file, atomically: true, encoding: .utf8)
    let written = try report(convene)
    #expect(written.status == 0, "\(written.stderr)")
    #expect(!written.stderr.contains("à réécrire"))
    #expect(
      FileManager.default.fileExists(atPath: output + "/2020/convocations/resolutions-2020.pdf"))
  }

  /// A folder made by hand first (to drop the FEC or the members in) is filled around
  /// what it holds.
  @Test func initFillsAFolderThatHasNoYearFile() throws {
    let data = try data()
    try FileManager.default.createDirectory(
      atPath: data + "/2020/fec", withIntermediateDirectories: true)
    try "id;name\n".write(toFile: data + "/2020/members.csv", atomically: true, encoding: .utf8)
    let result = try report(["init", "--year", "2020", "--data", data])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: data + "/2020/report.yaml"))
    #expect(FileManager.default.fileExists(atPath: data + "/2020/pack.yaml"))
    #expect(try String(contentsOfFile: data + "/2020/members.csv", encoding: .utf8) == "id;name\n")
    #expect(
      result.stdout.contains("\(data)/2020/members.csv: already there: kept, not copied from 2019"),
      "\(result.stdout)")
    #expect(
      !(try FileManager.default.contentsOfDirectory(atPath: data)).contains { $0.hasPrefix(".") })
    // Once it has its year file, it is a year like any other.
    #expect(try report(["init", "--year", "2020", "--data", data]).status == 1)
  }

  /// A year made from one whose texts were never written keeps one mark on each.
  @Test func initFromAYearStillMarkedMarksOnce() throws {
    let data = try data()
    #expect(try report(["init", "--year", "2020", "--data", data]).status == 0)
    let result = try report(["init", "--year", "2021", "--data", data])
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOfFile: data + "/2021/report.yaml", encoding: .utf8)
    #expect(!text.contains("« à réécrire » « à réécrire »"))
    #expect(text.components(separatedBy: "« à réécrire »").count - 1 == 9)
    let summary = try lineNumber(of: "  summary: >-", inFile: data + "/2021/report.yaml")
    #expect(
      result.stdout.contains(
        "/2021/report.yaml:\(summary + 1): document.summary: still marked « à réécrire » from 2020"),
      "\(result.stdout)")
  }

  @Test func initNeverOverwritesAYear() throws {
    let data = try data()
    let before = try Data(contentsOf: URL(fileURLWithPath: data + "/2019/report.yaml"))
    let result = try report(["init", "--year", "2019", "--data", data])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "\(data)/2019: error: the year 2019 already exists; nothing was changed"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: data + "/2019/report.yaml")) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: data) == ["2019"])
  }

  @Test func aLeapDayMovesToTheTwentyEighth() throws {
    let edited = try NewYear.rewrite(
      "assembly:\n  date: 2024-02-29\n  place: \"Lyon 2024\"\n", from: 2024, to: 2025)
    #expect(edited.text == "assembly:\n  date: 2025-02-28\n  place: \"Lyon 2024\"\n")
  }
}

@Suite struct SetupTests {
  @Test func theRuntimeInstallLeavesTheTestToolsOut() throws {
    let runtime = try run(Repository.path("scripts/setup.sh"), ["--runtime", "--list"])
    #expect(runtime.status == 0, "\(runtime.stderr)")
    let packages = Set(runtime.stdout.split(separator: "\n").map(String.init))
    #expect(
      packages.isSuperset(of: ["libcairo2-dev", "libpango1.0-dev", "libqpdf-dev", "hyphen-fr"]))
    for test in [
      "openjdk-17-jre-headless", "libpdfbox2-java", "mupdf-tools", "msmtp", "python3-aiosmtpd",
      "poppler-utils",
    ] {
      #expect(!packages.contains(test), "\(test) is not needed to run")
    }
    let all = try run(Repository.path("scripts/setup.sh"), ["--deps-only", "--list"])
    #expect(
      Set(all.stdout.split(separator: "\n").map(String.init)).isSuperset(
        of: packages.union(["mupdf-tools", "man-db"])))
  }
}
