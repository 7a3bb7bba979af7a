import Foundation
import ReportModel
import TestSupport
import Testing

/// The messages in the user's language: French when the locale says so, English otherwise.
///
/// The catalogue is compiled by `scripts/build-locales.sh` into `.build/locale`, where
/// the binary of the build tree finds it; glibc needs the `fr_FR.UTF-8` locale itself
/// (`scripts/setup.sh` generates it).
@Suite(.serialized) struct MessagesLanguageTests {
  init() throws {
    let built = try run(Repository.path("scripts/build-locales.sh"), [])
    #expect(built.status == 0, "\(built.stderr)")
    let locales = try run("locale", ["-a"]).stdout.lowercased()
    #expect(
      locales.contains("fr_fr.utf8"),
      "the fr_FR.UTF-8 locale is missing: scripts/setup.sh generates it (localedef)")
  }

  /// The environment of a person whose locale is `lang`, whatever the tests run with.
  func locale(_ lang: String) -> [String: String] {
    ["LANG": lang, "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""]
  }

  func validate(_ data: String, _ lang: String) throws -> ProcessOutput {
    try report(["validate", "--year", "2019", "--data", data], environment: locale(lang))
  }

  @Test func aDataProblemIsSaidInFrenchOrInEnglish() throws {
    let data = try dataFolder {
      $0.replacingOccurrences(of: "status: reinforced", with: "status: abandonné")
    }
    let line =
      try String(contentsOfFile: data + "/2019/report.yaml", encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.contains("status: abandonné") }.map { $0 + 1 } ?? 0
    let file = data + "/2019/report.yaml"
    let french = try validate(data, "fr_FR.UTF-8")
    #expect(french.status == 1)
    #expect(
      french.stderr.contains(
        "\(file):\(line):17: erreur: axe 2 («\u{00A0}La professionnalisation des acteurs\u{00A0}»), action 1 («\u{00A0}"
      ), "\(french.stderr)")
    #expect(french.stderr.contains("statut\u{00A0}: statut inconnu `abandonné`"))
    #expect(french.stderr.contains("\n  conseil\u{00A0}: au choix\u{00A0}: new, maintained"))
    let english = try validate(data, "C.UTF-8")
    #expect(english.status == 1)
    #expect(
      english.stderr.contains(
        "\(file):\(line):17: error: axis 2 (\"La professionnalisation des acteurs\"), action 1 (\"")
    )
    #expect(english.stderr.contains("status: unknown status `abandonné`"))
    #expect(english.stderr.contains("\n  hint: one of: new, maintained"))
  }

  @Test func theSummaryAndUsageErrorsAreTranslated() throws {
    let ok = try report(
      ["validate", "--year", "2019"], environment: locale("fr_FR.UTF-8"))
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout.contains(": ok\u{00A0}: 3 axes, 12 actions, budget équilibré à 1"))
    let month = try report(
      ["generate", "--year", "2019", "--month", "13"], environment: locale("fr_FR.UTF-8"))
    #expect(month.status == 2)
    #expect(month.stderr.contains("Donnez un mois de 1 à 12, par exemple --month 6."))
    let english = try report(
      ["generate", "--year", "2019", "--month", "13"], environment: locale("C.UTF-8"))
    #expect(english.stderr.contains("Please give a month from 1 to 12, e.g. --month 6."))
  }

  @Test func anAccountingExportProblemIsSaidInFrench() throws {
    let fec = Repository.path("Tests/Fixtures/accounting/fec-bad-amount-iso8859-15.txt")
    let output = try temporaryFolder("report-output")
    let result = try report(
      ["generate", "--year", "2019", "--month", "6", "--fec", fec, "--output", output],
      environment: locale("fr_FR.UTF-8"))
    #expect(result.status == 1)
    #expect(result.stderr.contains("n’est pas un montant"), "\(result.stderr)")
    #expect(result.stderr.contains("\n  conseil\u{00A0}: écrivez les montants avec une virgule"))
  }

  @Test func aCommandThatDoesNotExistGetsTheClosestOne() throws {
    let english = try report(["generer", "--year", "2019"], environment: locale("C.UTF-8"))
    #expect(english.status == 2)
    #expect(
      english.stderr.hasPrefix("error: unknown command 'generer'; did you mean 'generate'?\n"))
    let typo = try report(["valdate", "--year", "2019"], environment: locale("C.UTF-8"))
    #expect(typo.stderr.contains("did you mean 'validate'?"))
    let french = try report(["generer", "--year", "2019"], environment: locale("fr_FR.UTF-8"))
    #expect(french.stderr.contains("commande inconnue «\u{00A0}generer\u{00A0}»"))
  }

  @Test func theHelpIsWrappedAsParagraphs() throws {
    let help = try report(["generate", "--help"], environment: ["COLUMNS": "80"])
    let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    let discussion = lines.prefix { !$0.hasPrefix("USAGE:") }
    // The help was printed, with its paragraphs, before the usage line.
    #expect(help.status == 0 && lines.contains { $0.hasPrefix("USAGE:") }, "\(help.stderr)")
    #expect(discussion.count > 10)
    #expect(discussion.allSatisfy { $0.count <= 80 })
    // A paragraph's lines but its last are full: no "to the" left alone by a
    // line break written in the source.
    var paragraph: [Substring] = []
    for line in discussion + [""] {
      if line.isEmpty {
        for inner in paragraph.dropLast() { #expect(inner.count >= 50, "\(inner)") }
        paragraph = []
      } else {
        paragraph.append(line)
      }
    }
  }

  @Test func frenchThatCannotBeGivenIsSaidOnceInEnglish() throws {
    let result = try report(["validate", "--year", "2019"], environment: locale("fr_CA.UTF-8"))
    #expect(result.status == 0)
    let notes = result.stderr.split(separator: "\n").filter {
      $0.contains("French messages are not available")
    }
    #expect(notes.count == 1, "\(result.stderr)")
    #expect(result.stdout.contains(": ok: 3 axes"))
    let french = try report(["validate", "--year", "2019"], environment: locale("fr_FR.UTF-8"))
    #expect(!french.stderr.contains("not available"), "\(french.stderr)")
  }

  @Test func theDocumentIsTheSameInEveryLanguage() throws {
    let english = try temporaryFolder("report-en")
    let french = try temporaryFolder("report-fr")
    for (folder, lang) in [(english, "C.UTF-8"), (french, "fr_FR.UTF-8")] {
      let result = try report(
        ["generate", "--year", "2019", "--output", folder], environment: locale(lang))
      #expect(result.status == 0, "\(result.stderr)")
    }
    let a = try Data(contentsOf: URL(fileURLWithPath: english + "/2019/dossier-ag-2019.pdf"))
    let b = try Data(contentsOf: URL(fileURLWithPath: french + "/2019/dossier-ag-2019.pdf"))
    #expect(a == b, "numbers in the PDF must not follow the locale's decimal comma")
  }

  @Test func theVotedTotalsWarningNamesItsLine() throws {
    let data = try dataFolder {
      $0.replacingOccurrences(of: "total_target: 1620000", with: "total_target: 1600000")
    }
    let line =
      try String(contentsOfFile: data + "/2019/report.yaml", encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.contains("total_target:") }.map { $0 + 1 } ?? 0
    let result = try validate(data, "C.UTF-8")
    #expect(
      result.stderr.contains(
        "\(data)/2019/report.yaml:\(line):17: warning: budget, total_target: the charges total"),
      "\(result.stderr)")
  }

  @Test func anUnbalancedBudgetNamesTheBudgetsLine() throws {
    let data = try dataFolder {
      $0.replacingOccurrences(of: "amount: 48000", with: "amount: 49000")
    }
    let line =
      try String(contentsOfFile: data + "/2019/report.yaml", encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.contains("currency: EUR") }.map { $0 + 1 } ?? 0
    let result = try validate(data, "C.UTF-8")
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "\(data)/2019/report.yaml:\(line):3: warning: budget: the budget is NOT balanced"),
      "\(result.stderr)")
  }

  @Test func aSpreadsheetThatReplacesTheBudgetIsSaidByValidateAndGenerate() throws {
    let data = try dataFolder()
    try FileManager.default.copyItem(
      atPath: Repository.path("Tests/Fixtures/accounting/budget-semicolon.csv"),
      toPath: data + "/2019/budget.csv")
    let sentence =
      #/budget lines from .*/2019/budget\.csv, 19 lines: the year file's 19 budget lines are not used/#
    let validated = try validate(data, "C.UTF-8")
    #expect(validated.stderr.contains(sentence), "\(validated.stderr)")
    let output = try temporaryFolder("report-output")
    let generated = try report(
      ["generate", "--year", "2019", "--data", data, "--output", output],
      environment: locale("C.UTF-8"))
    #expect(generated.status == 0)
    #expect(generated.stderr.contains(sentence), "\(generated.stderr)")
  }
}
