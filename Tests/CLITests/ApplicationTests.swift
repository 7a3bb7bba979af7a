import Foundation
import ReportApp
import ReportCompose
import ReportLayout
import ReportModel
import ReportRender
import TestSupport
import Testing

@testable import ReportApp

@Suite struct RunErrorTests {
  @Test func eachKindOfFailureHasItsExitCode() {
    let codes = RunError.Kind.allCases.map { RunError($0, "").exitCode }
    #expect(codes == [1, 1, 1, 3, 4, 70])
    // 0 is success and 2 belongs to usage errors: no failure may use them.
    #expect(!codes.contains(0) && !codes.contains(2))
  }

  @Test func aWriteWithoutRoomIsADiskFullNotAnyIOError() {
    let full = Rendering.error(
      .output(path: "/x/a.pdf", reason: String(cString: strerror(ENOSPC))))
    #expect(full.kind == .diskFull && full.exitCode == 4)
    #expect(full.description == "/x/a.pdf: error: cannot write the PDF: No space left on device")
    let other = Rendering.error(
      .output(path: "/x/a.pdf", reason: String(cString: strerror(EACCES))))
    #expect(other.kind == .io && other.exitCode == 3)
    #expect(Rendering.error(.noFonts(directory: "/f")).kind == .fonts)
    #expect(Rendering.error(.cairo("out of memory")).kind == .internal)
  }

  @Test func anOutputThatCannotBeCreatedExitsWithThreeAndBadDataWithOne() throws {
    let folder = try temporaryFolder("report-output")
    let blocker = folder + "/not-a-folder"
    try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
    let io = try report(["generate", "--year", "2019", "--output", blocker])
    #expect(io.status == 3, "\(io.stderr)")
    let data = try dataFolder { $0.replacingOccurrences(of: "budget: 64000", with: "budget: x") }
    let input = try report(["generate", "--year", "2019", "--data", data, "--output", folder])
    #expect(input.status == 1, "\(input.stderr)")
  }

  @Test func aBrokenTemplateIsATemplatesErrorNamingTheFile() throws {
    let folder = try temporaryFolder("report-templates")
    for name in ["words.yaml", "theme.yaml"] {
      var text = try String(contentsOfFile: Repository.path("templates/\(name)"), encoding: .utf8)
      if name == "words.yaml" {
        text = text.replacingOccurrences(of: "Page {page} / {pages}", with: "Page {page} / {totl}")
      }
      try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }
    let output = try temporaryFolder("report-output")
    let result = try report([
      "generate", "--year", "2019", "--templates", folder, "--output", output,
    ])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "\(folder)/words.yaml:21:10: error: footer.right: unknown placeholder {totl}"),
      "\(result.stderr)")
    #expect(result.stderr.contains("this text takes {page}, {pages}"))
    #expect(!FileManager.default.fileExists(atPath: output + "/2019"))
  }
}

@Suite(.serialized) struct ResolutionsTests {
  let pdf: String
  let result: ProcessOutput

  init() throws {
    let run = try SharedRun.resolutions.get()
    result = run.result
    pdf = run.output + "/2019/resolutions-2019.pdf"
  }

  /// The resolutions of the 2019 year file, in order.
  static let titles = [
    "Approbation des comptes de l’exercice 2018", "Affectation du résultat",
    "Quitus au conseil d’administration",
    "Adoption du plan d’actions et du budget prévisionnel 2019", "Montant des cotisations 2020",
    "Élection des administrateurs",
  ]

  @Test func everyResolutionIsNumberedInOrderWithItsTextAndItsVoteBoxes() throws {
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    let text = try text(of: pdf)
    #expect(text.hasPrefix("Résolutions soumises au vote"))
    #expect(text.contains("CHANTIER école — Assemblée générale ordinaire du 14 juin 2019, Paris"))
    var rest = Substring(text)
    for (index, title) in Self.titles.enumerated() {
      let heading = "Résolution n° \(index + 1) — \(title)"
      guard let found = rest.range(of: heading) else {
        Issue.record("\(heading) missing or out of order")
        return
      }
      rest = rest[found.upperBound...]
      // Its text, then the three boxes and the result line, before the next one.
      let next = rest.range(of: "Résolution n° \(index + 2) ")?.lowerBound ?? rest.endIndex
      let body = rest[..<next]
      #expect(body.contains("Pour Contre Abstention"), "\(index + 1): \(body)")
      #expect(body.contains("Résultat : adoptée / rejetée"), "\(index + 1)")
    }
    #expect(text.contains("équilibré à 1 620 000 euros en charges et en produits"))
    #expect(!text.contains("Résolution n° 7"))
  }

  @Test func itIsTaggedInFrenchWithBookmarksAndFooterArtifacts() throws {
    let info = try run("pdfinfo", [pdf]).stdout
    #expect(info.contains("Tagged:          yes"))
    #expect(info.contains("Title:           Résolutions soumises au vote"))
    let catalog = try qdf(pdf)
    #expect(catalog.contains("/Lang (fr-FR)"))
    #expect(catalog.contains("/S /H2"))
    // Every drawing is tagged content or an artifact; the footers are artifacts.
    let drawing = ["Tj", "TJ", "S", "f", "f*", "B", "b", "Do", "sh"]
    let pages = markedLines(catalog)
    #expect(pages.count == 2)
    for (number, lines) in pages {
      for entry in lines where entry.tags.isEmpty {
        let draws = drawing.contains { entry.line.hasSuffix(" " + $0) || entry.line == $0 }
        #expect(!draws, "page \(number): unmarked \(entry.line)")
      }
      let footer = lines.first { $0.line.contains("(Page \(number) / ") }
      #expect(footer?.tags == ["/Artifact BMC"], "page \(number)")
    }
    let outline = try run("mutool", ["show", pdf, "outline"]).stdout
    #expect(outline.contains("6 — Élection des administrateurs\"\t#page=2"), "\(outline)")
    #expect(try pdfProblems(pdf).isEmpty)
  }

  @Test func theJSONSummaryNamesTheKind() throws {
    let folder = try temporaryFolder("report-output")
    let again = try report([
      "generate", "--year", "2019", "--resolutions", "--json", "--output", folder,
    ])
    let json = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
    let file = (json?["files"] as? [[String: Any]])?.first
    #expect(file?["kind"] as? String == "resolutions")
    #expect(file?["path"] as? String == folder + "/2019/resolutions-2019.pdf")
    #expect(file?["pages"] as? Int == 2)
    // The same bytes as the shared run: the output is deterministic.
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: folder + "/2019/resolutions-2019.pdf"))
        == Data(contentsOf: URL(fileURLWithPath: pdf)))
  }

  @Test func aResolutionWithoutTextIsRefusedWithFileAndLine() throws {
    let data = try dataFolder {
      $0.replacingOccurrences(
        of: "    - title: \"Quitus au conseil d’administration\"\n      text: >-\n",
        with: "    - title: \"Quitus au conseil d’administration\"\n      texte: >-\n")
    }
    let output = try temporaryFolder("report-output")
    let result = try report([
      "generate", "--year", "2019", "--resolutions", "--data", data, "--output", output,
    ])
    #expect(result.status == 1)
    // The line of the resolution's title, wherever fields added to the year file put it.
    let edited = try String(contentsOfFile: data + "/2019/report.yaml", encoding: .utf8)
    let line =
      try #require(
        edited.split(separator: "\n", omittingEmptySubsequences: false)
          .firstIndex { $0.contains("- title: \"Quitus au conseil") }) + 1
    let said = withoutTitles(Substring(result.stderr))
    #expect(
      said.contains(
        "\(data)/2019/report.yaml:\(line):7: error: "
          + countedMessage("assembly.resolutions[2].text: missing required field")
      ), "\(result.stderr)")
    #expect(said.contains(countedMessage("assembly.resolutions[2].texte: unknown key, ignored")))
    #expect(result.stderr.contains("did you mean `text`?"))
    #expect(!FileManager.default.fileExists(atPath: output + "/2019"))
  }

  @Test func resolutionsGoWithNoMonth() throws {
    let result = try report(["generate", "--year", "2019", "--resolutions", "--month", "3"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("--resolutions is a document of its own"))
  }
}

@Suite struct WordGroupTests {
  /// A copy of the templates with `words.yaml` edited.
  func templates(editing edit: (String) -> String) throws -> String {
    let folder = try temporaryFolder("report-templates")
    for name in ["words.yaml", "theme.yaml"] {
      var text = try String(contentsOfFile: Repository.path("templates/\(name)"), encoding: .utf8)
      if name == "words.yaml" { text = edit(text) }
      try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }
    return folder
  }

  @Test func aKindsWordsAreNotRequiredByTheOtherDocuments() throws {
    let folder = try templates {
      String($0[..<($0.range(of: "resolutions:\n")?.lowerBound ?? $0.endIndex)])
    }
    let output = try temporaryFolder("report-output")
    let pack = try report(["generate", "--year", "2019", "--templates", folder, "--output", output])
    #expect(pack.status == 0, "\(pack.stderr)")
    let sheet = try report([
      "generate", "--year", "2019", "--resolutions", "--templates", folder, "--output", output,
    ])
    #expect(sheet.status == 1)
    #expect(
      sheet.stderr.contains(
        "\(folder)/words.yaml: error: resolutions: missing key `resolutions`: the words of the resolutions sheet"
      ), "\(sheet.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output + "/2019/resolutions-2019.pdf"))
  }

  @Test func aWordTheFontCannotDrawIsFoundInTheTemplatesWithItsLine() throws {
    let folder = try templates {
      $0.replacingOccurrences(of: "title: \"Sommaire\"", with: "title: \"Sommaire 🎉\"")
    }
    let output = try temporaryFolder("report-output")
    let result = try report([
      "generate", "--year", "2019", "--templates", folder, "--output", output,
    ])
    #expect(result.status == 1)
    let words = try String(contentsOfFile: folder + "/words.yaml", encoding: .utf8)
    let line = (words.split(separator: "\n").firstIndex { $0.contains("Sommaire 🎉") } ?? -1) + 1
    #expect(
      result.stderr.contains(
        "\(folder)/words.yaml:\(line):22: error: title: the character 🎉 (U+1F389) is not in the font Inter"
      ), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output + "/2019"))
  }
}

/// A kind of document made for the tests: one paragraph a document.
struct Note: DocumentKind {
  static var words: WordGroup { .pack }
  static func expectedCount(_ request: [String]) -> Int { request.count }
  static func documents(
    _ request: [String], year: LoadedYear, inputs: Inputs, warnings: inout [String]
  ) -> [Note] {
    request.map { Note(text: $0) }
  }

  let text: String
  var name: String { "note" }
  var day: CalendarDate? { CalendarDate(year: 2019, month: 1, day: 1) }
  var sources: [SourcedText] {
    [SourcedText(field: "note", text: text, location: SourceLocation(file: "notes.txt", line: 1))]
  }

  func compose(_ templates: Templates) -> ComposedDocument {
    let shell = DocumentShell(templates: templates, title: text, organisation: "Test")
    let style = templates.theme.style(templates.theme.text.body)
    return shell.document(
      [.paragraph(Paragraph(text: String(repeating: text + " ", count: 40), style: style))],
      fileName: "note-\(text.unicodeScalars.first?.value ?? 0).pdf", subject: text, keywords: "")
  }
}

@Suite struct WorkerPoolTests {
  func engine(output: String) -> Engine {
    Application(
      paths: Paths(
        data: Repository.path("data"), templates: Repository.path("templates"),
        fonts: Repository.path("fonts"), output: output)
    ).engine
  }

  @Test func aBatchGivesEachDocumentItsOutcomeInOrderAndTheBytesOfOneByOne() throws {
    let notes = ["alpha", "bravo", "charlie 🎉", "delta", "echo"].map { Note(text: $0) }
    let templates = try Templates.load(directory: Repository.path("templates"))
    var files: [[Data?]] = []
    for workers in [2, 1] {
      let output = try temporaryFolder("report-pool")
      let pool = WorkerPool(workers: workers, engine: engine(output: output))
      let outcomes = pool.run(WorkerPool.Batch(templates: templates, documents: notes, year: 2019))
      #expect(outcomes.count == 5)
      for (index, outcome) in outcomes.enumerated() {
        switch outcome {
        case .success(let written):
          #expect(index != 2)
          #expect(
            written.path == output
              + "/2019/note-\(notes[index].text.unicodeScalars.first?.value ?? 0).pdf")
        case .failure(let error):
          // The third cannot be printed; the others are written all the same.
          #expect(index == 2)
          #expect(error.kind == .input)
          #expect(error.description.hasPrefix("notes.txt:1: error: note: the character 🎉"))
        }
      }
      files.append(
        notes.map {
          FileManager.default.contents(
            atPath: output + "/2019/note-\($0.text.unicodeScalars.first?.value ?? 0).pdf")
        })
    }
    // Two workers write the same bytes as one.
    #expect(files[0] == files[1])
    #expect(files[0].compactMap { $0 }.count == 4)
  }

  @Test func aKindPlugsIntoTheApplicationRun() throws {
    let output = try temporaryFolder("report-pool")
    let application = Application(
      paths: Paths(
        data: Repository.path("data"), templates: Repository.path("templates"),
        fonts: Repository.path("fonts"), output: output))
    let run = try application.make(Note.self, year: 2019, request: ["foxtrot", "golf"])
    #expect(run.written.map(\.kind) == ["note", "note"])
    #expect(run.written.allSatisfy { $0.pages == 1 })
    #expect(run.warnings.isEmpty)
  }
}
