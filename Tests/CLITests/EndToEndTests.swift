import Foundation
import FoundationXML
import TestSupport
import Testing

/// Runs the built `report` binary from the repository's root, as a user would.
func report(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
  try run(Repository.executable, arguments, in: Repository.root, environment: environment)
}

/// The text of a PDF in content order, every kind of space folded to one space.
func text(of pdf: String, first: Int? = nil, last: Int? = nil) throws -> String {
  var arguments = ["-raw"]
  if let first { arguments += ["-f", String(first)] }
  if let last { arguments += ["-l", String(last)] }
  let output = try run("pdftotext", arguments + [pdf, "-"])
  return normalized(output.stdout)
}

func normalized(_ text: String) -> String {
  text.unicodeScalars.map {
    [" ", "\n", "\u{0C}", "\u{00A0}", "\u{202F}"].contains($0) ? " " : String($0)
  }
  .joined().split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
}

/// The French way of writing amounts, spaces folded as `normalized` folds them.
func euros(_ cents: Int64) -> String {
  let units = String(cents / 100)
  var grouped = ""
  for (index, digit) in units.enumerated() {
    if index > 0 && (units.count - index) % 3 == 0 { grouped += " " }
    grouped.append(digit)
  }
  let rest = cents % 100
  return grouped + (rest == 0 ? "" : "," + (rest < 10 ? "0" : "") + String(rest)) + " €"
}

/// A copy of the 2019 year file (and its pictures, which it names for its logo) in a
/// temporary folder, edited; without the year's `pack.yaml`, so the templates' list
/// of sections applies.
func dataFolder(editing edit: (String) -> String = { $0 }) throws -> String {
  let folder = try temporaryFolder("report-data")
  try FileManager.default.createDirectory(
    atPath: folder + "/2019", withIntermediateDirectories: true)
  try copyPictures(to: folder + "/2019")
  let original = try String(
    contentsOfFile: Repository.path("data/2019/report.yaml"), encoding: .utf8)
  try edit(original).write(toFile: folder + "/2019/report.yaml", atomically: true, encoding: .utf8)
  return folder
}

/// The pages of the 2019 pack: cover, contents, introduction, rapport moral (2 pages),
/// rapport d’activité (3 pages), plan (2 pages), the accounts of 2018 (2 pages), budget
/// (2 pages).
let packPages = 14

/// The 2019 pictures copied into a year folder.
func copyPictures(to yearFolder: String) throws {
  try FileManager.default.copyItem(
    atPath: Repository.path("data/2019/images"), toPath: yearFolder + "/images")
}

@Suite(.serialized) struct GeneratePackTests {
  let output: String
  let pdf: String
  let result: ProcessOutput

  init() throws {
    let run = try SharedRun.pack.get()
    output = run.output
    result = run.result
    pdf = output + "/2019/dossier-ag-2019.pdf"
  }

  @Test func structureElementsArePackedIntoObjectStreams() throws {
    // One object per table cell, each written plainly, made the pack twice as large.
    let xref = try run("qpdf", ["--show-xref", pdf]).stdout.split(separator: "\n")
    let packed = xref.filter { $0.contains(": compressed; stream =") }.count
    #expect(packed > xref.count / 2, "\(packed) of \(xref.count) objects in object streams")
    // The pack of the built-in sections alone (the 2019 year file without its
    // pack.yaml: its two reports bring 60 KB of photographs).
    let data = try dataFolder()
    let output = try temporaryFolder("report-output")
    #expect(
      try report(["generate", "--year", "2019", "--data", data, "--output", output]).status == 0)
    let plain = output + "/2019/dossier-ag-2019.pdf"
    let size = try FileManager.default.attributesOfItem(atPath: plain)[.size] as? Int ?? 0
    #expect(size < 64_000, "the pack is \(size) bytes")
  }

  @Test func reportTimingsPrintsEachStepOnStandardError() throws {
    let timed = try report(
      ["generate", "--year", "2019", "--output", try temporaryFolder("report-timed")],
      environment: ["REPORT_TIMINGS": "1"])
    #expect(timed.status == 0, "\(timed.stderr)")
    let steps = timed.stderr.split(separator: "\n").compactMap { line -> String? in
      guard line.hasPrefix("timing: "), line.hasSuffix(" MB)") else { return nil }
      return String(line.dropFirst(8).split(separator: ":").first ?? "")
    }
    // The fonts load on a thread of their own: their lines may come anywhere.
    // "read the FEC": the accounts of 2018 (data/2018/fec/), for the pack's section.
    // An ordinary PDF is finished while cairo writes it: one step.
    #expect(steps.count == 11)
    #expect(
      Set(steps) == [
        "load the templates", "load the year", "read the FEC", "compose", "load the fonts",
        "load the hyphenation patterns", "check the characters", "lay out", "draw and finish",
        "write",
        "total since start",
      ])
    #expect(steps.last == "total since start")
    #expect(timed.stdout.isEmpty)
  }

  @Test func writesThePackQuietlyWhenNoOneIsWatching() throws {
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)  // stdout is a pipe here, as under cron
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: output + "/2019") == [
        "dossier-ag-2019.pdf"
      ])
  }

  @Test func jsonNamesTheFileWritten() throws {
    let folder = try temporaryFolder("report-output")
    let again = try report(["generate", "--year", "2019", "--output", folder, "--json"])
    #expect(again.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
    let files = json?["files"] as? [[String: Any]]
    #expect(files?.first?["path"] as? String == folder + "/2019/dossier-ag-2019.pdf")
    #expect(files?.first?["pages"] as? Int == packPages)
    #expect(files?.first?["kind"] as? String == "pack")
    #expect((json?["warnings"] as? [String])?.isEmpty == true)
  }

  @Test func hasTwelvePagesAndItsMetadata() throws {
    let info = try run("pdfinfo", [pdf]).stdout
    // Cover, contents, introduction, rapport moral (2 pages), rapport d’activité
    // (3 pages), plan (2 pages), accounts of 2018 (2 pages), budget (2 pages).
    #expect(info.contains("Pages:           \(packPages)"))
    #expect(info.contains("Title:           Plan d’actions et budget prévisionnel 2019"))
    #expect(info.contains("Author:          CHANTIER école"))
    #expect(
      info.contains("Subject:         Assemblée générale ordinaire du 14\u{00A0}juin\u{00A0}2019"))
    #expect(info.contains("Creator:         report"))
    #expect(info.contains("CreationDate:    Fri Jun 14 00:00:00 2019 UTC"))
    #expect(info.contains("Page size:       595.276 x 841.89 pts (A4)"))
  }

  @Test func everyActionTitleAndAmountIsPrinted() throws {
    let year = try String(contentsOfFile: Repository.path("data/2019/report.yaml"), encoding: .utf8)
    let content = try text(of: pdf)
    var titles = 0
    var amounts = 0
    // The actions' titles are indented under `axes:`; the resolutions' (printed in a
    // document of their own) come before, under `assembly:`.
    let actions = year[(year.range(of: "\naxes:\n")?.upperBound ?? year.startIndex)...]
    for line in actions.split(separator: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("- title: ") {
        let title = trimmed.dropFirst("- title: ".count).trimmingCharacters(
          in: CharacterSet(charactersIn: "\""))
        #expect(content.contains(normalized(title)), "missing title \(title)")
        titles += 1
      }
      for key in ["budget: ", "amount: "] {
        guard let range = trimmed.range(of: key) else { continue }
        let number = trimmed[range.upperBound...].prefix { $0.isNumber }
        guard let units = Int64(number) else { continue }
        #expect(content.contains(euros(units * 100)), "missing amount \(units)")
        amounts += 1
      }
    }
    #expect(titles == 12)
    #expect(amounts == 12 + 19)
  }

  @Test func totalsBalanceAndRegionalShareAreStated() throws {
    let content = try text(of: pdf)
    #expect(content.contains("Total des charges 1 620 000 €"))
    #expect(content.contains("Total des produits 1 620 000 €"))
    #expect(content.contains("Total de l’axe 1 215 000 €"))
    #expect(content.contains("Total du plan d’actions 12 720 000 € 100 %"))
    #expect(content.contains("Le budget prévisionnel est équilibré à 1 620 000 €"))
    #expect(content.contains("32 % des charges, soit 518 400 €"))
    #expect(content.contains("518 400 € (32 %)"))
    #expect(content.contains("1 101 600 € (68 %)"))
    #expect(
      content.contains("Le budget prévisionnel qui finance ces actions est présenté page 13."))
    for status in ["Nouveau", "Maintenu", "Renforcé", "Non financé"] {
      #expect(content.contains(status))
    }
  }

  @Test func footersNumberEveryPageButTheCover() throws {
    let cover = try text(of: pdf, first: 1, last: 1)
    #expect(!cover.contains("Page"))
    for page in 2...packPages {
      let content = try text(of: pdf, first: page, last: page)
      #expect(
        content.hasSuffix(
          "CHANTIER école — Plan d’actions et budget prévisionnel 2019 Page \(page) / \(packPages)"
        ))
    }
  }

  @Test func contentsPageNumbersAndBookmarksPointWhereSectionsAre() throws {
    let contents = try run("pdftotext", ["-raw", "-f", "2", "-l", "2", pdf, "-"]).stdout
    var printed: [String: Int] = [:]
    for line in contents.split(separator: "\n") {
      let parts = line.split(separator: " ")
      guard let number = parts.last.flatMap({ Int($0) }), line.contains(". .") else { continue }
      let title = line.prefix { $0 != "." }.trimmingCharacters(in: .whitespaces)
      printed[title] = number
    }
    // The built-in sections' 13 entries (« Comptes de l’exercice 2018 » with them), and
    // the reports' 2 sections and 8 headings.
    #expect(printed.count == 23)
    let json = try run("qpdf", ["--json", "--json-key=outlines", pdf]).stdout
    let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    var bookmarks: [String: Int] = [:]
    func walk(_ nodes: [[String: Any]]) {
      for node in nodes {
        if let title = node["title"] as? String, let page = node["destpageposfrom1"] as? Int {
          bookmarks[title] = page
        }
        walk(node["kids"] as? [[String: Any]] ?? [])
      }
    }
    walk(root?["outlines"] as? [[String: Any]] ?? [])
    #expect(bookmarks.count == 23)
    #expect(bookmarks == printed)
    #expect(bookmarks["Budget prévisionnel"] == 13)
    #expect(bookmarks["Comptes de l’exercice 2018"] == 11)
    #expect(bookmarks["Rapport moral"] == 4)
    #expect(bookmarks["Rapport d’activité"] == 6)
    // The section headings are really on those pages.
    #expect(try text(of: pdf, first: 13, last: 13).hasPrefix("Budget prévisionnel"))
    #expect(try text(of: pdf, first: 11, last: 11).hasPrefix("Comptes de l’exercice 2018"))
    #expect(try text(of: pdf, first: 4, last: 4).hasPrefix("Rapport moral"))
  }

  @Test func readersOpenOnTheCoverWithBookmarksInFrenchWithNamedPages() throws {
    let folder = try temporaryFolder("report-qdf")
    #expect(
      try run("qpdf", ["--qdf", "--object-streams=disable", pdf, folder + "/q.pdf"]).status == 0)
    let catalog = String(
      decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/q.pdf")), as: UTF8.self)
    #expect(catalog.contains("/PageMode /UseOutlines"))
    #expect(catalog.contains("/Lang (fr-FR)"))
    #expect(catalog.contains("/DisplayDocTitle true"))
    #expect(catalog.contains("/OpenAction ["))
    #expect(catalog.contains("/ID ["))
    // XMP metadata matching the information dictionary, as well-formed XML.
    let xmp = try run("pdfinfo", ["-meta", pdf]).stdout
    let parsed = try XMLDocument(xmlString: xmp)
    let title = try parsed.nodes(forXPath: "//*[local-name()='title']//*[local-name()='li']")
    #expect(title.first?.stringValue == "Plan d’actions et budget prévisionnel 2019")
    let language = try parsed.nodes(forXPath: "//*[local-name()='language']//*[local-name()='li']")
    #expect(language.first?.stringValue == "fr-FR")
    #expect(xmp.contains("<xmp:CreateDate>2019-06-14T00:00:00Z</xmp:CreateDate>"))
    let labels = try run("qpdf", ["--json", "--json-key=pagelabels", pdf]).stdout
    let json = try JSONSerialization.jsonObject(with: Data(labels.utf8)) as? [String: Any]
    let ranges = json?["pagelabels"] as? [[String: Any]]
    #expect(ranges?.count == 2)
    #expect((ranges?.first?["label"] as? [String: Any])?["/P"] as? String == "u:Couverture")
    #expect((ranges?.last?["label"] as? [String: Any])?["/St"] as? Int == 2)
  }

  @Test func theStructureIsTaggedForScreenReaders() throws {
    #expect(try run("pdfinfo", [pdf]).stdout.contains("Tagged:          yes"))
    let folder = try temporaryFolder("report-qdf")
    #expect(
      try run("qpdf", ["--qdf", "--object-streams=disable", pdf, folder + "/q.pdf"]).status == 0)
    let file = String(
      decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/q.pdf")), as: UTF8.self)
    func count(_ role: String) -> Int { file.components(separatedBy: "/S /\(role)\n").count - 1 }
    // 6 sections (2 of them Markdown, 1 the accounts of 2018), 3 axis tables, the
    // summary, the 2018 statement and its contributions volontaires en nature, both
    // budget tables and the activity report's, 23 contents entries, 2 charts and 3
    // pictures.
    #expect(count("H1") == 6)
    #expect(count("Table") == 9)
    #expect(count("TOCI") == 23)
    #expect(count("Figure") == 5)
    // The priorities (3 items) and the reports' 4 lists (11 items, with their labels).
    #expect(count("L") == 5 && count("LI") == 14 && count("Lbl") == 11 && count("LBody") == 14)
    #expect(count("BlockQuote") == 1)
    // Header cells: 3 axis tables × 6, summary 4, statement 2 + 2, budget 4 + 4 (with
    // « Réalisé 2018 »), activity report 4.
    #expect(count("TH") == 38)
    #expect(count("THead") == 9 && count("TBody") == 9)
    // Nesting, from each element's /P: Table > THead > TR > TH and Table > TBody > TR > TD.
    var roles: [Int: (role: String, parent: Int?)] = [:]
    for object in file.components(separatedBy: "endobj") {
      let lines = object.split(separator: "\n")
      guard let header = lines.first(where: { $0.hasSuffix(" 0 obj") }),
        let id = Int(header.split(separator: " ")[0]),
        let role = lines.first(where: { $0.hasPrefix("  /S /") })?.dropFirst(6)
      else { continue }
      let parent = lines.first(where: { $0.hasPrefix("  /P ") })
        .flatMap { Int($0.dropFirst(5).split(separator: " ")[0]) }
      roles[id] = (String(role), parent)
    }
    func ancestors(_ id: Int) -> [String] {
      var chain: [String] = []
      var current = roles[id]?.parent
      while let next = current, let entry = roles[next], chain.count < 3 {
        chain.append(entry.role)
        current = entry.parent
      }
      return chain
    }
    let headers = roles.filter { $0.value.role == "TH" }.keys
    let cells = roles.filter { $0.value.role == "TD" }.keys
    #expect(headers.count == 38 && !cells.isEmpty)
    #expect(headers.allSatisfy { ancestors($0) == ["TR", "THead", "Table"] })
    #expect(cells.allSatisfy { ancestors($0) == ["TR", "TBody", "Table"] })
    // Both charts carry their data as text for those who cannot see them, and the
    // pictures their alternatives (as PDFDocEncoding or UTF-16, as qpdf writes them).
    #expect(file.components(separatedBy: "/Alt ").count - 1 == 5)
  }

  @Test func fontsAreTheShippedOnesEmbeddedAndTheFileIsValid() throws {
    let fonts = try run("pdffonts", [pdf]).stdout.split(separator: "\n").dropFirst(2)
    #expect(!fonts.isEmpty)
    for row in fonts {
      #expect(row.contains("+Inter-"), "\(row)")
      #expect(row.contains(" yes yes yes "), "\(row)")
    }
    let problems = try pdfProblems(pdf)
    #expect(problems.isEmpty, "\(problems)")
  }

  @Test func twoRunsAreByteIdenticalAndSourceDateEpochIsHonoured() throws {
    let first = try Data(contentsOf: URL(fileURLWithPath: pdf))
    let folder = try temporaryFolder("report-output")
    let again = try report(["generate", "--year", "2019", "--output", folder])
    #expect(again.status == 0)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: folder + "/2019/dossier-ag-2019.pdf")) == first)
    let other = try temporaryFolder("report-output")
    let pinned = try report(
      ["generate", "--year", "2019", "--output", other],
      environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    #expect(pinned.status == 0)
    let info = try run("pdfinfo", [other + "/2019/dossier-ag-2019.pdf"]).stdout
    #expect(info.contains("CreationDate:    Tue Nov 14 22:13:20 2023 UTC"))
  }
}

@Suite struct OtherDataTests {
  @Test func anotherNetworkAndYearNeedsNoCodeChange() throws {
    let output = try temporaryFolder("report-output")
    let result = try report([
      "generate", "--year", "2024", "--data", "Tests/Fixtures/other-network", "--output", output,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let pdf = output + "/2024/dossier-ag-2024.pdf"
    let content = try text(of: pdf)
    #expect(content.contains("Réseau Alpes & Rhône <Insertion>"))
    #expect(content.contains("Programme d’activité & budget 2024 : « cap sur 2030 »"))
    #expect(content.contains("7 mars 2024, Grenoble"))
    #expect(content.contains("Axe 5 — Gouvernance"))
    #expect(content.contains("Axe 4 — Numérique & outils (suite)"))
    #expect(content.contains("Total des charges 412 345,67 €"))
    #expect(content.contains("52 000,17 €"))
    // Charges have cents somewhere: every charge shows them, so the column lines up.
    #expect(content.contains("Charges de personnel 190 000,00 €"))
    #expect(content.contains("Dotations aux amortissements 0,00 €"))
    #expect(content.contains("anticonstitutionnellement") || content.contains("anticonsti"))
    let problems = try pdfProblems(pdf)
    #expect(problems.isEmpty, "\(problems)")
  }
}

@Suite struct BadInputTests {
  @Test func aBadAmountStopsWithFileLineFieldAndWritesNothing() throws {
    let data = try dataFolder {
      $0.replacingOccurrences(of: "budget: 64000", with: "budget: 64.000")
    }
    let output = try temporaryFolder("report-output")
    let result = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(result.status == 1)
    // The line of `budget: 64000`, wherever fields added to the year file put it.
    let reference = try String(contentsOfFile: data + "/2019/report.yaml", encoding: .utf8)
    let line =
      try #require(
        reference.split(separator: "\n", omittingEmptySubsequences: false)
          .firstIndex { $0.contains("budget: 64.000") }) + 1
    #expect(
      withoutTitles(Substring(result.stderr)).contains(
        "\(data)/2019/report.yaml:\(line):17: error: "
          + countedMessage("axes[0].actions[1].budget: `64.000` is ambiguous")
      ), "\(result.stderr)")
    #expect(result.stderr.contains("hint:"))
    #expect(!FileManager.default.fileExists(atPath: output + "/2019"))
    #expect(result.stdout.isEmpty)
  }

  @Test func aFailedRunKeepsThePreviousPDF() throws {
    let data = try dataFolder()
    let output = try temporaryFolder("report-output")
    #expect(
      try report(["generate", "--year", "2019", "--data", data, "--output", output]).status == 0)
    let pdf = output + "/2019/dossier-ag-2019.pdf"
    let before = try Data(contentsOf: URL(fileURLWithPath: pdf))
    let file = data + "/2019/report.yaml"
    let broken = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(
      of: "status: new", with: "status: abandonné")
    try broken.write(toFile: file, atomically: true, encoding: .utf8)
    let result = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(result.status == 1)
    #expect(result.stderr.contains("unknown status `abandonné`"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == before)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: output + "/2019") == [
        "dossier-ag-2019.pdf"
      ])
  }

  @Test func anUnbalancedBudgetIsPrintedLoudlyAndFailsValidation() throws {
    let data = try dataFolder {
      $0.replacingOccurrences(of: "amount: 412000", with: "amount: 400000")
    }
    let validate = try report(["validate", "--year", "2019", "--data", data])
    #expect(validate.status == 1)
    #expect(validate.stderr.contains("NOT balanced"))
    let output = try temporaryFolder("report-output")
    let generate = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(generate.status == 0)
    #expect(generate.stderr.contains("warning: budget: the budget is NOT balanced"))
    let content = try text(of: output + "/2019/dossier-ag-2019.pdf")
    #expect(try pdfProblems(output + "/2019/dossier-ag-2019.pdf").isEmpty)
    #expect(content.contains("Attention : le budget n’est pas équilibré"))
    #expect(content.contains("soit un écart de 12 000 €"))
  }

  @Test func validateSaysOkForTheReferenceData() throws {
    let result = try report(["validate", "--year", "2019"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("ok: 3 axes, 12 actions"))
    #expect(
      result.stdout.contains(
        "budget balanced at 1\u{202F}620\u{202F}000\u{00A0}€, regional share 32\u{00A0}%, 8 sections in the pack"
      ))
  }

  @Test func aMissingYearOrFontsFolderIsExplained() throws {
    let year = try report(["generate", "--year", "2031"])
    #expect(year.status == 1)
    #expect(year.stderr.contains("data/2031/report.yaml: error: no year file for 2031"))
    let output = try temporaryFolder("report-output")
    let fonts = try report([
      "generate", "--year", "2019", "--fonts", "/nonexistent", "--output", output,
    ])
    #expect(fonts.status == 1)
    #expect(fonts.stderr.contains("/nonexistent: error: no font files"))
    #expect(!FileManager.default.fileExists(atPath: output + "/2019/dossier-ag-2019.pdf"))
  }

  @Test func aFontWithoutTheFrenchSpacesIsRefused() throws {
    let output = try temporaryFolder("report-output")
    let result = try report([
      "generate", "--year", "2019", "--fonts", "Tests/Fixtures/fonts-without-nnbsp", "--output",
      output,
    ])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("the font family \"Inter\" has no glyph for U+202F"),
      "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output + "/2019"))
  }

  @Test func usageErrorsExitWithTwoAndHelpDocumentsExitCodes() throws {
    #expect(try report(["generate"]).status == 2)
    #expect(try report(["generate", "--year", "twenty"]).status == 2)
    #expect(try report(["generate", "--year", "19"]).status == 2)
    let help = try report(["--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("Exit codes: 0 done; 1 a problem"))
    #expect(help.stdout.contains("generate"))
  }
}

@Suite struct ParallelMeasuringTests {
  @Test func aLargeYearMeasuredOnTwoCoresGivesTheSameBytesAsOnOne() throws {
    // 600 actions and 300 budget lines: over 2 000 table cells, measured on two
    // threads with a font map each when two cores are there.
    let data = try temporaryFolder("report-large-year")
    let made = try run(
      "python3", [Repository.root + "/scripts/make-stress-data.py", "300", data])
    #expect(made.status == 0, "\(made.stderr)")
    var files: [Data] = []
    for cores in ["0", "0,1"] {
      let output = try temporaryFolder("report-cores")
      let result = try run(
        "taskset",
        [
          "-c", cores, Repository.executable, "generate", "--year", "2019", "--data", data,
          "--output", output, "--json",
        ], in: Repository.root, environment: ["REPORT_TIMINGS": "1"])
      #expect(result.status == 0, "\(result.stderr)")
      // A second typesetter is loaded for the layout only when there are two cores.
      #expect(
        result.stderr.contains("timing: load the second core's fonts:") == (cores == "0,1"),
        "\(result.stderr)")
      files.append(try Data(contentsOf: URL(fileURLWithPath: output + "/2019/dossier-ag-2019.pdf")))
    }
    #expect(files.count == 2 && files[0] == files[1])
    #expect((files.first?.count ?? 0) > 100_000)
  }
}
