import Foundation
import ReportApp
import TestSupport
import Testing

/// The mean per-channel difference of two PNG images (0 to 255), and the share of
/// dark channels of the first.
func pngDifference(_ one: String, _ other: String) throws -> (difference: Double, ink: Double) {
  let result = try run("python3", [Repository.path("Tests/Support/png-difference.py"), one, other])
  let numbers = result.stdout.split(separator: " ").compactMap {
    Double($0.trimmingCharacters(in: .whitespacesAndNewlines))
  }
  try #require(result.status == 0 && numbers.count == 2, "\(result.stdout)\(result.stderr)")
  return (numbers[0], numbers[1])
}

@Suite struct PreviewTests {
  @Test func previewPagesAreWhatPopplerDrawsOfThePDF() throws {
    let output = try temporaryFolder("report-preview")
    let pdf = try report(["generate", "--year", "2019", "--output", output])
    #expect(pdf.status == 0, "\(pdf.stderr)")
    let result = try report([
      "preview", "--year", "2019", "--output", output, "--dpi", "72", "--page", "3",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    // The pack has 12 pages: page numbers in file names take two digits, as pdftoppm's.
    let ours = output + "/2019/dossier-ag-2019-03.png"
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: output + "/2019").sorted() == [
        "dossier-ag-2019-03.png", "dossier-ag-2019.pdf",
      ])
    let poppler = try run(
      "pdftoppm", ["-r", "72", "-png", output + "/2019/dossier-ag-2019.pdf", output + "/poppler"])
    #expect(poppler.status == 0)
    let same = try pngDifference(ours, output + "/poppler-03.png")
    // Only the edges of the letters differ (two rasterisers' anti-aliasing).
    #expect(same.ink > 0.005, "the page has text")
    #expect(same.difference < 4, "\(same)")
    // A page that is not the same is far from it: the comparison can tell.
    let other = try pngDifference(ours, output + "/poppler-04.png")
    #expect(other.difference > 3 * same.difference, "\(other) against \(same)")
  }

  @Test func aFECWithoutAMonthIsAUsageError() throws {
    let result = try report(["preview", "--year", "2019", "--fec", "some-fec.txt"])
    #expect(result.status == 2)
    #expect(
      result.stderr.contains("--fec goes with --month, --accounts or --ledger."),
      "\(result.stderr)")
  }

  @Test func theAnnualAccountsAndTheLedgerHaveTheirPreviews() throws {
    let output = try temporaryFolder("report-preview-accounts")
    for (flag, name) in [("--accounts", "comptes-2018"), ("--ledger", "grand-livre-2018")] {
      let result = try report([
        "preview", "--year", "2018", flag, "--output", output, "--dpi", "20", "--page", "1",
      ])
      #expect(result.status == 0, "\(result.stderr)")
      let names = try FileManager.default.contentsOfDirectory(atPath: output + "/2018")
      #expect(names.contains { $0.hasPrefix(name + "-") && $0.hasSuffix(".png") }, "\(names)")
      #expect(!names.contains(name + ".pdf"), "a preview writes no PDF")
    }
    let both = try report(["preview", "--year", "2018", "--accounts", "--month", "3"])
    #expect(both.status == 2)
    #expect(both.stderr.contains("--accounts and --ledger are documents of their own"))
  }

  @Test func everyPageOfAnExportAndAPageThatIsNotThere() throws {
    let output = try temporaryFolder("report-preview")
    let all = try report(["preview", "--year", "2019", "--output", output, "--dpi", "20"])
    #expect(all.status == 0, "\(all.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: output + "/2019").sorted()
    #expect(names.count >= 5 && names.allSatisfy { $0.hasSuffix(".png") }, "\(names)")
    #expect(names.first == "dossier-ag-2019-01.png")
    let beyond = try report(["preview", "--year", "2019", "--output", output, "--page", "99"])
    #expect(beyond.status == 1)
    #expect(beyond.stderr.contains("error: --page 99: dossier-ag-2019.pdf has"), "\(beyond.stderr)")
  }
}

/// The man page `scripts/test.sh` makes before the tests (`scripts/make-manual.sh`):
/// the plugin that makes it cannot run while `swift test` holds the build folder.
let manualPage = Repository.path(".build/report.1")

@Suite(.serialized) struct InstallTests {
  let prefix: String
  let installed: ProcessOutput

  init() throws {
    let root = try temporaryFolder("report-install").replacingOccurrences(of: "//", with: "/")
    prefix = root + "/opt/report"
    installed = try run(
      Repository.path("scripts/install.sh"),
      ["--binary", Repository.executable, "--manual", manualPage, prefix],
      environment: ["DESTDIR": ""])
  }

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: manualPage), "run scripts/make-manual.sh first"))
  func theInstalledBinaryRunsFromAnotherFolderWithNoFlags() throws {
    #expect(installed.status == 0, "\(installed.stderr)")
    let binary = prefix + "/bin/report"
    let share = prefix + "/share/report"
    for file in [
      "templates/words.yaml", "templates/theme.yaml", "fonts/Inter-Regular.otf",
      "hyphen/hyph_fr.dic",
    ] {
      #expect(FileManager.default.fileExists(atPath: share + "/" + file), "\(file)")
    }
    // A folder with data only: the templates and fonts are the installed ones.
    let work = try temporaryFolder("report-server")
    try FileManager.default.createDirectory(
      atPath: work + "/data", withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Repository.path("data/2019"), toPath: work + "/data/2019")
    let result = try run(binary, ["generate", "--year", "2019"], in: work, environment: clean())
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: work + "/output/2019/dossier-ag-2019.pdf"))
    let config = try run(binary, ["config"], in: work, environment: clean())
    #expect(
      config.stdout.contains("templates \(share)/templates  (installed with report)"),
      "\(config.stdout)")
    // Hyphenated with the installed patterns, not Debian's file.
    let theme = try String(contentsOfFile: share + "/templates/theme.yaml", encoding: .utf8)
    #expect(theme.contains("dictionary: \"../hyphen/hyph_fr.dic\""))
  }

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: manualPage), "run scripts/make-manual.sh first"))
  func theInstalledBinarySpeaksFrenchFromItsShare() throws {
    #expect(installed.status == 0, "\(installed.stderr)")
    #expect(
      FileManager.default.fileExists(atPath: prefix + "/share/locale/fr/LC_MESSAGES/report.mo"))
    let work = try temporaryFolder("report-server")
    let result = try run(
      prefix + "/bin/report", ["validate", "--year", "2019", "--data", Repository.path("data")],
      in: work,
      environment: clean(["LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""]))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("ok\u{00A0}: 3 axes, 12 actions, budget équilibré"))
  }

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: manualPage), "run scripts/make-manual.sh first"))
  func aConfigurationFileInEtcStyleFolderServesCron() throws {
    let binary = prefix + "/bin/report"
    let work = try temporaryFolder("report-server")
    let elsewhere = try temporaryFolder("report-cron")
    try "data = \"\(Repository.path("data"))\"\noutput = \"\(work)/pdf\"\n".write(
      toFile: work + "/report.toml", atomically: true, encoding: .utf8)
    // From a folder with nothing, as cron runs: the file named by the environment.
    let result = try run(
      binary, ["generate", "--year", "2019", "--json"], in: elsewhere,
      environment: clean(["REPORT_CONFIG": work + "/report.toml"]))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\(work)/pdf/2019/dossier-ag-2019.pdf"))
  }

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: manualPage), "run scripts/make-manual.sh first"))
  func theManPageAndTheCompletionsAreInTheirPlaces() throws {
    let page = prefix + "/share/man/man1/report.1"
    let man = try run(
      "man", ["-l", page],
      environment: ["MANWIDTH": "80", "LC_ALL": "C.UTF-8", "MAN_KEEP_STDERR": "1"])
    #expect(man.status == 0)
    #expect(man.stderr.isEmpty, "\(man.stderr)")
    #expect(man.stdout.contains("REPORT(1)"))
    #expect(man.stdout.contains("This is report \(ReportVersion.number)."))
    for command in ["generate", "validate", "preview", "init", "config"] {
      #expect(man.stdout.contains("     \(command)"), "\(command)")
    }
    #expect(man.stdout.contains("Made for cron"))
    for (file, word) in [
      ("share/bash-completion/completions/report", "generate"),
      ("share/zsh/site-functions/_report", "#compdef report"),
      ("share/fish/vendor_completions.d/report.fish", "complete -c 'report'"),
    ] {
      let text = try String(contentsOfFile: prefix + "/" + file, encoding: .utf8)
      #expect(text.contains(word), "\(file)")
    }
  }

  @Test func destdirIsPutInFrontOfEveryPath() throws {
    let stage = try temporaryFolder("report-stage")
    let staged = try run(
      Repository.path("scripts/install.sh"),
      ["--binary", Repository.executable, "--manual", Repository.path("README.md"), "/usr/local"],
      environment: ["DESTDIR": stage])
    #expect(staged.status == 0, "\(staged.stderr)")
    #expect(FileManager.default.isExecutableFile(atPath: stage + "/usr/local/bin/report"))
    #expect(
      FileManager.default.fileExists(atPath: stage + "/usr/local/share/report/fonts/Inter-Bold.otf")
    )
  }
}
