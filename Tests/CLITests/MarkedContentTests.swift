import Foundation
import TestSupport
import Testing

/// Every drawing operation of the pack and of a monthly export, read back from each
/// page's content stream, sits in tagged content or in an artifact; figures carry
/// their text alternatives.
@Suite(.serialized) struct MarkedContentTests {
  let pack: String
  let export: String

  init() throws {
    let output = try temporaryFolder("report-marked")
    for arguments in [
      ["generate", "--year", "2019", "--output", output],
      [
        "generate", "--year", "2019", "--month", "6", "--output", output, "--fec",
        Repository.path("Tests/Fixtures/accounting/fec-2019.txt"),
      ],
    ] {
      let result = try report(arguments)
      #expect(result.status == 0, "\(result.stderr)")
    }
    pack = output + "/2019/dossier-ag-2019.pdf"
    export = output + "/2019/suivi-2019-06.pdf"
  }

  /// Each page's content stream, decoded (from qpdf's QDF form).
  func pageContents(_ pdf: String) throws -> [[UInt8]] {
    let text = try qdf(pdf)
    return text.components(separatedBy: "%% Contents for page ").dropFirst().compactMap { part in
      guard let start = part.range(of: "\nstream\n"), let end = part.range(of: "\nendstream")
      else { return nil }
      return Array(part[start.upperBound..<end.lowerBound].unicodeScalars.map { UInt8($0.value) })
    }
  }

  func check(
    _ pdf: String, pages: Int? = nil, furniture: Bool = true, mostlyTagged: Bool = true
  ) throws {
    let contents = try pageContents(pdf)
    // Every page's stream was read: none skipped as unreadable.
    #expect(contents.count == (try pages ?? pageCount(pdf)), "\(pdf)")
    var artifacts = 0
    var tagged = 0
    for (index, bytes) in contents.enumerated() {
      let drawings = try ContentStream(bytes).drawings()
      #expect(!drawings.isEmpty)
      for drawing in drawings {
        // The innermost marked content is an artifact or a structure element's
        // content; cairo's Private elements never survive the finisher.
        let tag = drawing.tags.last
        #expect(tag != nil, "page \(index + 1): \(drawing.name) at byte \(drawing.offset) unmarked")
        #expect(tag != "Private")
        if tag == "Artifact" { artifacts += 1 } else if tag != nil { tagged += 1 }
      }
    }
    // Every page with a footer has artifacts (a letter's pages have none); in the pack
    // and the export, more is tagged than not.
    if furniture { #expect(artifacts >= contents.count, "\(pdf)") }
    if mostlyTagged { #expect(artifacts > contents.count && tagged > artifacts, "\(pdf)") }
    #expect(tagged > 0, "\(pdf): nothing tagged")
  }

  @Test func everyDrawingOfThePackIsTaggedOrAnArtifact() throws {
    try check(pack, pages: packPages)
  }

  @Test func everyDrawingOfTheExportIsTaggedOrAnArtifact() throws {
    try check(export, pages: 4)
  }

  /// The other kinds of document: the resolutions, the annual accounts and the
  /// general ledger, a member's letter and pouvoir, the letters to post and the
  /// attendance sheet.
  @Test func everyDrawingOfEveryOtherDocumentIsTaggedOrAnArtifact() throws {
    let output = try temporaryFolder("report-marked-others")
    for arguments in [
      ["generate", "--year", "2019", "--resolutions", "--output", output],
      ["generate", "--year", "2018", "--accounts", "--output", output],
      ["generate", "--year", "2018", "--ledger", "--output", output],
      ["convocations", "--year", "2019", "--output", output],
    ] {
      let result = try report(arguments)
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
    }
    for file in [
      "2019/resolutions-2019.pdf", "2018/comptes-2018.pdf", "2018/grand-livre-2018.pdf",
      "2019/convocations/emargement-2019.pdf",
    ] {
      try check(output + "/" + file, mostlyTagged: false)
    }
    for file in ["convocation-ara.pdf", "convocations-2019.pdf"] {
      try check(output + "/2019/convocations/" + file, furniture: false, mostlyTagged: false)
    }
  }

  @Test func theExportsChartsSayWhatTheyShow() throws {
    let text = try qdf(export)
    let figures = text.components(separatedBy: "/S /Figure\n").count - 1
    #expect(figures == 3)
    // Each Figure element has an /Alt, a UTF-16 text string (cairo writes no other).
    let elements = text.components(separatedBy: "\nendobj").filter { $0.contains("/S /Figure\n") }
    #expect(elements.count == 3)
    #expect(elements.allSatisfy { $0.contains("/Alt <feff") })
  }
}
