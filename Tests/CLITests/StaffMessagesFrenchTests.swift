import Foundation
import TestSupport
import Testing

/// The messages the staff read beyond the data's problems, in French when the locale
/// says so and in English otherwise: missing folders, the configuration file, `init`,
/// `preview`, Markdown, templates, layout, `send` and the parser's own errors.
@Suite(.serialized) struct StaffMessagesFrenchTests {
  init() throws {
    let built = try run(Repository.path("scripts/build-locales.sh"), [])
    #expect(built.status == 0, "\(built.stderr)")
  }

  /// The environment of a person whose locale is `lang`, without their configuration.
  func locale(_ lang: String, _ extra: [String: String] = [:]) -> [String: String] {
    clean(["LANG": lang, "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""].merging(extra) { $1 })
  }

  /// `report arguments` in French and in English.
  func both(_ arguments: [String], _ extra: [String: String] = [:]) throws -> (
    french: ProcessOutput, english: ProcessOutput
  ) {
    (
      try report(arguments, environment: locale("fr_FR.UTF-8", extra)),
      try report(arguments, environment: locale("C.UTF-8", extra))
    )
  }

  @Test func aYearWithoutItsFileIsSaidInFrench() throws {
    let (french, english) = try both(["validate", "--year", "2030"])
    #expect(french.status == 1 && english.status == 1)
    #expect(
      french.stderr.contains("data/2030/report.yaml: erreur: pas de fichier d’année pour 2030"),
      "\(french.stderr)")
    #expect(
      french.stderr.contains(
        "\n  conseil\u{00A0}: faites-le à partir de data/2019/report.yaml avec `report init --year 2030`"
      ))
    #expect(english.stderr.contains("data/2030/report.yaml: error: no year file for 2030"))
    #expect(english.stderr.contains("\n  hint: make it from data/2019/report.yaml with"))
    // cron's JSON summary still finds the file, the message and the hint in French.
    let json = try report(
      ["generate", "--year", "2030", "--json"], environment: locale("fr_FR.UTF-8"))
    let summary = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let problem = (summary?["problems"] as? [[String: Any]])?.first
    #expect(problem?["file"] as? String == "data/2030/report.yaml", "\(json.stdout)")
    #expect(problem?["severity"] as? String == "error")
    #expect(problem?["message"] as? String == "pas de fichier d’année pour 2030")
    #expect((problem?["hint"] as? String)?.hasPrefix("faites-le à partir de") == true)
  }

  @Test func theFoldersThatAreMissingAreSaidInFrench() throws {
    let empty = try temporaryFolder("report-empty")
    let french = try report(
      ["validate", "--year", "2019"], in: empty, environment: locale("fr_FR.UTF-8"))
    #expect(french.status == 1)
    #expect(
      french.stderr.contains("templates: erreur: aucun gabarit ici (words.yaml, theme.yaml)"),
      "\(french.stderr)")
    #expect(french.stderr.contains("conseil\u{00A0}: passez --data DOSSIER"))
    let english = try report(
      ["validate", "--year", "2019"], in: empty, environment: locale("C.UTF-8"))
    #expect(english.stderr.contains("templates: error: no templates here"), "\(english.stderr)")
  }

  @Test func aConfigurationFileProblemIsSaidInFrenchWithItsLine() throws {
    let folder = try temporaryFolder("report-config")
    let missing = folder + "/absent.toml"
    var (french, english) = try both(["validate", "--year", "2019"], ["REPORT_CONFIG": missing])
    #expect(french.status == 1)
    #expect(
      french.stderr.contains(
        "\(missing): erreur: REPORT_CONFIG nomme un fichier de configuration qui n’existe pas"),
      "\(french.stderr)")
    #expect(english.stderr.contains("\(missing): error: REPORT_CONFIG names a configuration file"))
    let file = folder + "/report.toml"
    try "output = \"sortie\"\ndta = \"/srv/report/data\"\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    (french, english) = try both(["validate", "--year", "2019"], ["REPORT_CONFIG": file])
    #expect(
      french.stderr.contains("\(file):2: erreur: dta\u{00A0}: réglage inconnu"),
      "\(french.stderr)")
    #expect(french.stderr.contains("conseil\u{00A0}: vouliez-vous dire `data`\u{202F}?"))
    #expect(english.stderr.contains("\(file):2: error: dta: unknown setting"))
    #expect(english.stderr.contains("hint: did you mean `data`?"))
  }

  @Test func initSaysWhatItMadeAndWhatToEditInFrench() throws {
    let data = try dataFolder()
    var french = try report(
      ["init", "--year", "2019", "--data", data], environment: locale("fr_FR.UTF-8"))
    #expect(french.status == 1)
    #expect(
      french.stderr.contains(
        "\(data)/2019: erreur: l’année 2019 existe déjà\u{202F}; rien n’a été changé"),
      "\(french.stderr)")
    french = try report(
      ["init", "--year", "2020", "--data", data], environment: locale("fr_FR.UTF-8"))
    #expect(french.status == 0, "\(french.stderr)")
    #expect(
      french.stdout.contains("\(data)/2020\u{00A0}: fait à partir de \(data)/2019/ pour 2020"),
      "\(french.stdout)")
    #expect(french.stdout.contains("\nà modifier ensuite\u{00A0}:\n"))
    #expect(french.stdout.contains("assembly.date: avancée d’un an\u{00A0}: vérifiez le jour"))
    #expect(french.stdout.contains("puis lancez\u{00A0}: report validate --year 2020"))
    let english = try report(
      ["init", "--year", "2021", "--data", data], environment: locale("C.UTF-8"))
    #expect(english.stdout.contains("\nedit next:\n"), "\(english.stdout)")
    #expect(english.stdout.contains("then run: report validate --year 2021"))
  }

  @Test func aPreviewOfAPageThatIsNotThereIsSaidInFrench() throws {
    let output = try temporaryFolder("report-preview")
    let (french, english) = try both([
      "preview", "--year", "2019", "--output", output, "--page", "99", "--dpi", "20",
    ])
    #expect(french.status == 1)
    #expect(
      french.stderr.contains("erreur: --page 99\u{00A0}: dossier-ag-2019.pdf a 14 pages"),
      "\(french.stderr)")
    #expect(french.stderr.contains("conseil\u{00A0}: donnez une page de 1 à 14"))
    #expect(english.stderr.contains("error: --page 99: dossier-ag-2019.pdf has 14 pages"))
  }

  @Test func aMarkdownProblemIsSaidInFrenchWithItsLine() throws {
    let data = try dataFolder()
    for name in ["pack.yaml", "rapport-activite.md"] {
      try FileManager.default.copyItem(
        atPath: Repository.path("data/2019/" + name), toPath: data + "/2019/" + name)
    }
    try "Un texte <b>gras</b>.\n".write(
      toFile: data + "/2019/rapport-moral.md", atomically: true, encoding: .utf8)
    let (french, english) = try both(["validate", "--year", "2019", "--data", data])
    #expect(french.status == 1)
    #expect(
      french.stderr.contains(
        "/2019/rapport-moral.md:1:10: erreur: le HTML brut n’est pas imprimé\u{00A0}: <b>"),
      "\(french.stderr)")
    #expect(french.stderr.contains("conseil\u{00A0}: écrivez-le en Markdown"))
    #expect(
      english.stderr.contains(
        "/2019/rapport-moral.md:1:10: error: raw HTML is not printed: <b>"))
  }

  @Test func aTemplateAndALayoutProblemAreSaidInFrench() throws {
    let templates = try temporaryFolder("report-templates")
    for name in ["words.yaml", "theme.yaml"] {
      var text = try String(contentsOfFile: Repository.path("templates/\(name)"), encoding: .utf8)
      text = text.replacingOccurrences(of: "Page {page} / {pages}", with: "Page {page} / {totl}")
      try text.write(toFile: templates + "/" + name, atomically: true, encoding: .utf8)
    }
    let output = try temporaryFolder("report-output")
    let arguments = ["generate", "--year", "2019", "--templates", templates, "--output", output]
    var (french, english) = try both(arguments)
    #expect(french.status == 1)
    #expect(
      french.stderr.contains(
        "\(templates)/words.yaml:21:10: erreur: footer.right\u{00A0}: champ à remplacer {totl} inconnu"
      ), "\(french.stderr)")
    #expect(french.stderr.contains("ce texte accepte {page}, {pages}"))
    #expect(english.stderr.contains("footer.right: unknown placeholder {totl}"))
    // The words put right, the margins leave no room: the layout's error, in French.
    try FileManager.default.removeItem(atPath: templates + "/words.yaml")
    try FileManager.default.copyItem(
      atPath: Repository.path("templates/words.yaml"), toPath: templates + "/words.yaml")
    let theme = try String(contentsOfFile: templates + "/theme.yaml", encoding: .utf8)
    try theme.replacingOccurrences(
      of: "margins: { top: 64, right: 60, bottom: 72, left: 60 }",
      with: "margins: { top: 64, right: 290, bottom: 72, left: 290 }"
    ).write(toFile: templates + "/theme.yaml", atomically: true, encoding: .utf8)
    (french, english) = try both(arguments)
    #expect(french.status == 1)
    #expect(
      french.stderr.contains("\(templates)/theme.yaml: erreur: «\u{00A0}"), "\(french.stderr)")
    #expect(french.stderr.contains("pas même un caractère par ligne"))
    #expect(french.stderr.contains("conseil\u{00A0}: vérifiez la taille de page, les marges"))
    #expect(english.stderr.contains("not even one character a line"), "\(english.stderr)")
  }

  @Test func theAccountsLayoutAndTheBudgetSpreadsheetAreSaidInFrench() throws {
    let templates = try temporaryFolder("report-templates")
    try FileManager.default.removeItem(atPath: templates)
    try FileManager.default.copyItem(atPath: Repository.path("templates"), toPath: templates)
    let layout = templates + "/accounts/anc-2018-06.yaml"
    let text = try String(contentsOfFile: layout, encoding: .utf8)
    try text.replacingOccurrences(of: "side: products", with: "side: produits")
      .write(toFile: layout, atomically: true, encoding: .utf8)
    let output = try temporaryFolder("report-output")
    let (french, english) = try both([
      "generate", "--year", "2018", "--accounts", "--templates", templates, "--output", output,
    ])
    #expect(french.status == 1)
    #expect(
      french.stderr.contains(
        "\(layout):40:11: erreur: blocks[0].side\u{00A0}: `produits` n’est pas un côté"),
      "\(french.stderr)")
    #expect(french.stderr.contains("conseil\u{00A0}: écrivez `side: products` ou `side: charges`"))
    #expect(
      english.stderr.contains("\(layout):40:11: error: blocks[0].side: `produits` is not a side"))

    let data = try dataFolder()
    try FileManager.default.copyItem(
      atPath: Repository.path("Tests/Fixtures/accounting/budget-semicolon.csv"),
      toPath: data + "/2019/budget.csv")
    let validated = try report(
      ["validate", "--year", "2019", "--data", data], environment: locale("fr_FR.UTF-8"))
    #expect(
      validated.stdout.contains(", lignes de budget de budget.csv, 19 lignes"),
      "\(validated.stdout)")
  }

  @Test func sendingWithoutMessagesIsSaidInFrench() throws {
    let output = try temporaryFolder("report-output")
    let (french, english) = try both(["send", "--year", "2019", "--output", output])
    #expect(french.status == 1)
    #expect(
      french.stderr.contains(
        "\(output)/2019/convocations/outbox: erreur: la boîte d’envoi ne contient aucun message"),
      "\(french.stderr)")
    #expect(
      french.stderr.contains("conseil\u{00A0}: lancez d’abord `report convocations --year 2019`"))
    #expect(english.stderr.contains("error: the outbox holds no message"))
  }

  @Test func theParsersOwnErrorsAreSaidInFrench() throws {
    var (french, english) = try both(["generate", "--year", "abc"])
    #expect(french.status == 2 && english.status == 2)
    #expect(
      french.stderr.hasPrefix(
        "Erreur\u{00A0}: la valeur «\u{00A0}abc\u{00A0}» n’est pas valable pour «\u{00A0}--year <year>\u{00A0}»\n"
      ), "\(french.stderr)")
    #expect(french.stderr.contains("\nUtilisation\u{00A0}: report generate"))
    #expect(
      french.stderr.contains("Voyez «\u{00A0}report generate --help\u{00A0}» pour en savoir plus."))
    #expect(english.stderr.hasPrefix("Error: The value 'abc' is invalid for '--year <year>'\n"))
    #expect(english.stderr.contains("\nUsage: report generate"))
    (french, english) = try both(["validate", "--year", "2019", "--colour"])
    #expect(french.stderr.hasPrefix("Erreur\u{00A0}: option inconnue «\u{00A0}--colour\u{00A0}»"))
    #expect(english.stderr.hasPrefix("Error: Unknown option '--colour'"), "\(english.stderr)")
    (french, english) = try both(["validate"])
    #expect(
      french.stderr.hasPrefix(
        "Erreur\u{00A0}: argument attendu manquant «\u{00A0}--year <year>\u{00A0}»"),
      "\(french.stderr)")
    #expect(english.stderr.hasPrefix("Error: Missing expected argument '--year <year>'"))
    (french, english) = try both(["validate", "--year"])
    #expect(french.stderr.hasPrefix("Erreur\u{00A0}: valeur manquante pour «\u{00A0}--year"))
    #expect(english.stderr.hasPrefix("Error: Missing value for '--year"))
    // Our own usage errors, through the parser, in French too.
    (french, english) = try both(["preview", "--year", "2019", "--accounts", "--ledger"])
    #expect(french.stderr.hasPrefix("Erreur\u{00A0}: Donnez --accounts ou --ledger, pas les deux."))
    #expect(english.stderr.hasPrefix("Error: Give either --accounts or --ledger, not both."))
  }
}
