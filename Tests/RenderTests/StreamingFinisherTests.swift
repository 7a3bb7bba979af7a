import Foundation
import ReportLayout
import TestSupport
import Testing

@testable import ReportRender

@Suite struct PDFSyntaxTests {
  func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func valuesAreSkippedWholeStringsAndNestingIncluded() {
    let text = bytes("<< /T (a >> b \\) c (d)) /K [ 1 0 R 2 [ 3 ] ] /H <414243> >> tail")
    let end = PDFSyntax.skipValue(text, 0, end: text.count)
    #expect(end.map { String(decoding: text[$0...], as: UTF8.self) } == " tail")
    let entries = PDFSyntax.dictionary(text, 0..<text.count) ?? []
    #expect(entries.map(\.key) == ["T", "K", "H"])
    let kids = PDFSyntax.array(text, entries[1].value) ?? []
    #expect(kids.map { String(decoding: text[$0], as: UTF8.self) } == ["1 0 R", "2", "[ 3 ]"])
    #expect(PDFSyntax.reference(text, kids[0]) == 1)
    #expect(PDFSyntax.reference(text, kids[1]) == nil)
    #expect(PDFSyntax.integer(text, kids[1]) == 2)
  }

  @Test func aValueCutByTheEndOfTheBytesIsNotTakenForWhole() {
    for text in ["<< /K [ 1 0 R", "(open", "<< /N 12", "[ 4 0", "<"] {
      let cut = bytes(text)
      #expect(PDFSyntax.skipValue(cut, 0, end: cut.count) == nil, "\(text)")
    }
    // Three integers are not a reference: `1 4 2` is a /W array's content.
    let widths = bytes("[ 1 4 2 ]")
    #expect(PDFSyntax.array(widths, 0..<widths.count)?.count == 3)
  }

  @Test func textStringsAreLiteralInASCIIElseUTF16() {
    #expect(PDFSyntax.textString("fr-FR") == "(fr-FR)")
    #expect(PDFSyntax.textString("a (b) \\") == "(a \\(b\\) \\\\)")
    #expect(PDFSyntax.textString("é") == "<FEFF00E9>")
  }
}

@Suite struct StreamingFinisherTests {
  let metadata = PDFMetadata(
    title: "Titre", author: "Auteur", subject: "Sujet", keywords: "", creator: "tests",
    date: 1_560_470_400, language: "fr-FR",
    pageLabels: [PageLabelRange(firstPage: 0, prefix: "p. ", numbered: true, start: 1)])

  /// A file shaped as cairo 1.16 writes one: a page whose content has a figure and
  /// a footer, its length written after it, its parent-tree array with the page,
  /// the structure elements at the end; binary data holding `endstream`.
  ///
  /// `padding` more plain objects, numbered after the others, make the file (and its
  /// cross-reference table) as large as a real one.
  func cairoFile(withFooterElement: Bool = true, padding: Int = 0) -> [UInt8] {
    let content = """
      /Figure << /MCID 0 >> BDC
      0 0 10 10 re f
      EMC
      /Private << /MCID 1 >> BDC
      BT /f-0-0 1 Tf (12) Tj ET
      EMC

      """
    var objects: [(Int, [UInt8])] = []
    objects.append((4, Array("<< /Length 5 0 R >>\nstream\n\(content)endstream".utf8)))
    objects.append((5, Array("   \(content.utf8.count)".utf8)))
    // A stream whose data holds the word `endstream`, its length after it.
    let binary = "xx\nendstream\nendobj\n6 0 obj\n 3\nendobj\nyy\n"
    objects.append(
      (
        6,
        Array(
          "<< /Type /XObject /Subtype /Form /BBox [ 0 0 1 1 ] /Length 7 0 R >>\nstream\n\(binary)endstream"
            .utf8)
      ))
    objects.append((7, Array("   \(binary.utf8.count)".utf8)))
    objects.append(
      (
        2,
        Array(
          "<< /Type /Page /Parent 1 0 R /MediaBox [ 0 0 100 100 ] /Contents 4 0 R /StructParents 0 /Resources << /XObject << /x6 6 0 R >> >> >>"
            .utf8)
      ))
    objects.append((8, Array("[ 10 0 R \(withFooterElement ? "11 0 R" : "") ]".utf8)))
    objects.append((1, Array("<< /Type /Pages /Kids [ 2 0 R ] /Count 1 >>".utf8)))
    objects.append((12, Array("<< /Nums [ 0 8 0 R ] >>".utf8)))
    let kids = withFooterElement ? "10 0 R 11 0 R" : "10 0 R"
    objects.append((9, Array("<< /Type /StructElem /S /Document /P 13 0 R /K [ \(kids) ] >>".utf8)))
    objects.append((10, Array("<< /Type /StructElem /S /Figure /P 9 0 R /Pg 2 0 R /K 0 >>".utf8)))
    if withFooterElement {
      objects.append(
        (11, Array("<< /Type /StructElem /S /Private /P 9 0 R /Pg 2 0 R /K 1 >>".utf8)))
    }
    objects.append((13, Array("<< /Type /StructTreeRoot /ParentTree 12 0 R /K [ 9 0 R ] >>".utf8)))
    objects.append(
      (
        14,
        Array("<< /Producer (cairo 1.16.0 \\(https://cairographics.org\\)) /Title (Titre) >>".utf8)
      ))
    objects.append(
      (
        3,
        Array(
          "<< /Type /Catalog /Pages 1 0 R /StructTreeRoot 13 0 R /MarkInfo << /Marked true >> >>"
            .utf8)
      ))
    for number in 15..<(15 + padding) {
      objects.insert(
        (number, Array("<< /Type /Annot /Subtype /Text /Rect [ 0 0 \(number) 1 ] >>".utf8)),
        at: objects.count - 3)
    }
    var file = Array("%PDF-1.5\n%\u{B5}\u{ED}\n".utf8)
    for (number, body) in objects {
      file += Array("\(number) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
    }
    let size = 15 + padding
    file += Array("xref\n0 \(size)\n0000000000 65535 f \n".utf8)
    for _ in 1..<size { file += Array("0000000000 00000 n \n".utf8) }
    file += Array(
      "trailer\n<< /Size \(size) /Root 3 0 R /Info 14 0 R >>\nstartxref\n0\n%%EOF\n".utf8)
    return file
  }

  func finish(_ file: [UInt8], chunk: Int) throws(RenderError) -> [UInt8] {
    let sink = MemoryByteSink()
    try finish(file, chunk: chunk, into: sink)
    return sink.bytes
  }

  func finish(
    _ file: [UInt8], chunk: Int, into sink: some ByteSink,
    figures: [PDFFinisher.FigureAlternative] = [.init(page: 0, mcid: 0, alternative: "Un carré")]
  ) throws(RenderError) {
    let finisher = StreamingFinisher(sink: sink, path: "test.pdf", metadata: metadata)
    finisher.figures = figures
    var start = 0
    while start < file.count {
      let end = min(file.count, start + chunk)
      let fed = file[start..<end].withUnsafeBytes { finisher.feed($0) }
      #expect(fed)
      start = end
    }
    try finisher.finish()
  }

  /// The file in qpdf's QDF form (objects unpacked, streams uncompressed), as text.
  func unpacked(_ bytes: [UInt8]) throws -> (check: String, text: String) {
    let folder = try temporaryFolder("streaming-finisher")
    let path = folder + "/finished.pdf"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let check = try run("qpdf", ["--check", path])
    let qdf = folder + "/qdf.pdf"
    _ = try run("qpdf", ["--qdf", "--object-streams=disable", path, qdf])
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: qdf)), as: UTF8.self)
    return (check.stdout + check.stderr, text)
  }

  @Test func furnitureBecomesArtifactsAndTheFigureGetsItsAlternative() throws {
    let finished = try finish(cairoFile(), chunk: 1 << 20)
    let (check, text) = try unpacked(finished)
    #expect(check.contains("No syntax or stream encoding errors"), "\(check)")
    #expect(!check.contains("WARNING"), "\(check)")
    #expect(text.contains("/Artifact BMC"))
    #expect(!text.contains("/Private"))
    #expect(text.contains("/Alt <feff0055006e0020006300610072007200e9>"))
    #expect(text.contains("/Lang (fr-FR)"))
    #expect(text.contains("/PageLabels"))
    #expect(text.contains("/P (p. )"))
    #expect(text.contains("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Titre</rdf:li>"))
    #expect(text.contains("<pdf:Producer>cairo 1.16.0 (https://cairographics.org)</pdf:Producer>"))
    // The footer's entry of the page's parent-tree array is null, the figure's kept.
    #expect(text.range(of: #"\[\s*\d+ 0 R\s+null\s*\]"#, options: .regularExpression) != nil)
    #expect(text.contains("/OpenAction"))
    // The form's bytes, `endstream` inside them, are kept whole.
    #expect(text.contains("xx\nendstream\nendobj\n6 0 obj\n 3\nendobj\nyy\n"))
  }

  @Test func theSameBytesWhateverPiecesCairoWritesIn() throws {
    let file = cairoFile()
    let whole = try finish(file, chunk: file.count)
    for chunk in [1, 7, 100] { #expect(try finish(file, chunk: chunk) == whole) }
  }

  /// Object streams are written as they fill, not held to the end.
  ///
  /// Each begins with room for its number, known only at the end and written there, in the
  /// file or in what is not written yet. Cairo's cross-reference table is dropped
  /// as it comes (pieces of 4 KB and 64 KB cut it, and its trailer, anywhere). A
  /// file and memory get the same bytes, whatever the pieces.
  @Test func objectStreamsAreWrittenAsTheyFillAndNumberedAtTheEnd() throws {
    let padding = 6_000
    let file = cairoFile(padding: padding)
    #expect(file.count > 500_000)
    let whole = try finish(file, chunk: file.count)
    for chunk in [4_096, 65_537] { #expect(try finish(file, chunk: chunk) == whole) }
    let folder = try temporaryFolder("streaming-finisher-file")
    let path = folder + "/finished.pdf"
    let atomic = try AtomicFile(path: path)
    try finish(file, chunk: 16_384, into: atomic)
    try atomic.commit()
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == whole)

    let check = try run("qpdf", ["--check", path])
    #expect(check.stdout.contains("No syntax or stream encoding errors"), "\(check)")
    #expect(!(check.stdout + check.stderr).contains("WARNING"), "\(check)")
    // The last object, read through its object stream's number.
    let last = try run("qpdf", ["--show-object=\(15 + padding - 1)", path])
    #expect(last.stdout.contains("/Rect [ 0 0 \(15 + padding - 1) 1 ]"), "\(last)")
    // Every object stream is numbered after cairo's objects, and most come before
    // the end of the file: where they filled.
    let finished = String(decoding: whole, as: UTF8.self)
    let streams = try Regex(#"(\d+) 0 obj\n<< /Type /ObjStm"#)
    let found = finished.matches(of: streams)
    #expect(found.count >= padding / 100)
    for match in found {
      let number = Int(finished[match.range].prefix { $0.isNumber }) ?? 0
      #expect(number >= 15 + padding)
      let before = finished[..<match.range.lowerBound].suffix(1)
      #expect(before == " ", "the number is written in its room of spaces")
    }
    let firstStream = try #require(found.first).range.lowerBound
    #expect(finished.utf8.distance(from: finished.startIndex, to: firstStream) < whole.count / 4)
  }

  /// A table of two rows as cairo 1.16 writes it: the elements after the page, each
  /// before those it holds; the footer a `Private` element of the second row.
  func tableFile() -> [UInt8] {
    var content = ""
    for mcid in 0..<4 { content += "/TD << /MCID \(mcid) >> BDC\nBT (\(mcid)) Tj ET\nEMC\n" }
    content += "/Private << /MCID 4 >> BDC\nBT (p) Tj ET\nEMC\n"
    let objects: [(Int, String)] = [
      (4, "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream"),
      (
        2,
        "<< /Type /Page /Parent 1 0 R /MediaBox [ 0 0 100 100 ] /Contents 4 0 R /StructParents 0 >>"
      ),
      (8, "[ 22 0 R 23 0 R 25 0 R 26 0 R 27 0 R ]"),
      (1, "<< /Type /Pages /Kids [ 2 0 R ] /Count 1 >>"),
      (12, "<< /Nums [ 0 8 0 R ] >>"),
      (9, "<< /Type /StructElem /S /Document /P 13 0 R /K [ 20 0 R ] >>"),
      (20, "<< /Type /StructElem /S /Table /P 9 0 R /K [ 21 0 R 24 0 R ] >>"),
      (21, "<< /Type /StructElem /S /TR /P 20 0 R /K [ 22 0 R 23 0 R ] >>"),
      (22, "<< /Type /StructElem /S /TD /P 21 0 R /Pg 2 0 R /K 0 >>"),
      (23, "<< /Type /StructElem /S /TD /P 21 0 R /Pg 2 0 R /K 1 >>"),
      (24, "<< /Type /StructElem /S /TR /P 20 0 R /K [ 25 0 R 26 0 R 27 0 R ] >>"),
      (25, "<< /Type /StructElem /S /TD /P 24 0 R /Pg 2 0 R /K 2 >>"),
      (26, "<< /Type /StructElem /S /TD /P 24 0 R /Pg 2 0 R /K 3 >>"),
      (27, "<< /Type /StructElem /S /Private /P 24 0 R /Pg 2 0 R /K 4 >>"),
      (13, "<< /Type /StructTreeRoot /ParentTree 12 0 R /K [ 9 0 R ] >>"),
      (14, "<< /Producer (cairo 1.16.0) >>"),
      (3, "<< /Type /Catalog /Pages 1 0 R /StructTreeRoot 13 0 R /MarkInfo << /Marked true >> >>"),
    ]
    var file = "%PDF-1.5\n"
    for (number, body) in objects { file += "\(number) 0 obj\n\(body)\nendobj\n" }
    file += "xref\n0 28\ntrailer\n<< /Size 28 /Root 3 0 R /Info 14 0 R >>\nstartxref\n0\n%%EOF\n"
    return Array(file.utf8)
  }

  /// An element that holds others is written as soon as they have all been read, its
  /// page furniture left out: the first row before the second row's cells, not
  /// held to the end with every other row (a ledger's 100 000).
  @Test func anElementIsWrittenOnceTheElementsItHoldsAreRead() throws {
    let folder = try temporaryFolder("streaming-finisher-rows")
    let path = folder + "/finished.pdf"
    let sink = MemoryByteSink()
    try finish(tableFile(), chunk: 1 << 20, into: sink, figures: [])
    try Data(sink.bytes).write(to: URL(fileURLWithPath: path))
    let check = try run("qpdf", ["--check", path])
    #expect(check.stdout.contains("No syntax or stream encoding errors"), "\(check)")
    #expect(!(check.stdout + check.stderr).contains("WARNING"), "\(check)")
    // Where each object is: (object stream, index), in the order written.
    var places: [Int: [Int]] = [:]
    let xref = try run("qpdf", ["--show-xref", path]).stdout
    for line in xref.split(separator: "\n") {
      let numbers = line.split { !$0.isNumber }.compactMap { Int($0) }
      if line.contains("compressed"), numbers.count == 4 {
        places[numbers[0]] = [numbers[2], numbers[3]]
      }
    }
    let firstRow = try #require(places[21])
    let secondRowCell = try #require(places[25])
    #expect(firstRow.lexicographicallyPrecedes(secondRowCell), "\(places)")
    let secondRow = try run("qpdf", ["--show-object=24", path]).stdout
    #expect(secondRow.contains("/K [ 25 0 R 26 0 R ]"), "\(secondRow)")
    #expect(places[27] == nil, "the footer's element is gone")
    let text = try unpacked(sink.bytes).text
    #expect(text.contains("/Artifact BMC"))
  }

  @Test func furnitureTheStructureTreeDoesNotListIsRefused() throws {
    do {
      _ = try finish(cairoFile(withFooterElement: false), chunk: 1 << 20)
      Issue.record("a content artifact without its element was accepted")
    } catch {
      guard case .structure(let message) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(message.contains("page 1: artifacts [1]"), "\(message)")
    }
  }

  @Test func aFigureAtAnotherMarkedContentIsRefused() throws {
    let sink = MemoryByteSink()
    let finisher = StreamingFinisher(sink: sink, path: "test.pdf", metadata: metadata)
    finisher.figures = [.init(page: 0, mcid: 3, alternative: "Ailleurs")]
    let file = cairoFile()
    _ = file.withUnsafeBytes { finisher.feed($0) }
    #expect(throws: RenderError.self) { try finisher.finish() }
  }
}
