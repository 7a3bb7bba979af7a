import Foundation
import ReportLayout
import TestSupport
import Testing

@testable import ReportRender

let fontsFolder = Repository.path("fonts")

@Suite struct FontLibraryTests {
  @Test func theShippedFamilyResolvesToItself() throws {
    let fonts = try FontLibrary(directory: fontsFolder, family: "Inter")
    #expect(fonts.family == "Inter")
  }

  @Test func aFamilyThatIsNotThereIsRefusedNotReplaced() throws {
    do {
      _ = try FontLibrary(directory: fontsFolder, family: "Garamond")
      Issue.record("a missing family was accepted")
    } catch {
      guard case .familyNotFound(let requested, let resolved, _) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(requested == "Garamond")
      #expect(resolved == "Inter")
      #expect(error.description.contains("theme.yaml"))
    }
  }

  @Test func aFolderWithoutFontsIsNamed() throws {
    let empty = try temporaryFolder()
    #expect(throws: RenderError.self) { try FontLibrary(directory: empty, family: "Inter") }
    do {
      _ = try FontLibrary(directory: empty, family: "Inter")
    } catch {
      #expect(error.description.hasPrefix("\(empty): error: no font files"))
    }
  }

  /// The first character the face lacks is found in and beyond the BMP, asked
  /// again from what was learnt, white space and soft hyphens aside; another family
  /// forgets what the first one had.
  @Test func theFirstMissingCharacterIsFoundWhereverItIs() throws {
    let fonts = try FontLibrary(directory: fontsFolder, family: "Inter")
    #expect(fonts.missingCharacter(in: "Réseau\t 1\u{202F}620\u{00A0}€ ac\u{00AD}tions\n") == nil)
    for _ in 0..<2 {
      #expect(fonts.missingCharacter(in: "Encadré ─ filet") == "─")
      #expect(fonts.missingCharacter(in: "Bravo 😀 ─") == "😀")
      #expect(
        fonts.missingCharacter(in: "Bravo 😀 ─".replacingOccurrences(of: "😀", with: "")) == "─")
    }
    try fonts.require(family: "DejaVu Sans Mono")
    #expect(fonts.missingCharacter(in: "Encadré ─ filet") == nil)
  }
}

@Suite struct PangoMeasurerTests {
  let measurer: PangoMeasurer
  let style = TextStyle(family: "Inter", size: 10)

  init() throws {
    measurer = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
  }

  @Test func linesFitTheirWidthAndKeepEveryWord() {
    let text = "Se fixer un cap et donner une feuille de route à l’équipe d’animation du réseau"
    let lines = measurer.lines(of: text, style: style, width: 120)
    #expect(lines.count > 2)
    #expect(lines.allSatisfy { $0.width <= 120 && $0.width > 0 })
    #expect(lines.map(\.text).joined(separator: " ") == text)
    #expect(lines.last?.endsParagraph == true)
    #expect(lines.dropLast().allSatisfy { !$0.endsParagraph })
  }

  @Test func aWordWiderThanTheLineIsBrokenNotOverflowing() {
    let lines = measurer.lines(of: "anticonstitutionnellement", style: style, width: 40)
    #expect(lines.count > 1)
    #expect(lines.allSatisfy { $0.width <= 40 })
    #expect(lines.map(\.text).joined() == "anticonstitutionnellement")
  }

  @Test func sizesAreInPointsAt72Dpi() {
    // At 72 dpi a 10 pt Inter "M" is about 8.7 pt wide; at Pango's default 96 dpi it
    // would be 4/3 wider.
    let width = measurer.width(of: "MMMMMMMMMM", style: style)
    #expect(width > 80 && width < 95)
    let metrics = measurer.metrics(of: style)
    #expect(metrics.ascent > 8 && metrics.ascent < 11)
    #expect(metrics.descent > 1.5 && metrics.descent < 4)
  }

  @Test func tabularFiguresGiveEveryDigitTheSameWidth() {
    let proportional = ["1111", "0000"].map { measurer.width(of: $0, style: style) }
    let tabular = ["1111", "0000"].map { measurer.width(of: $0, style: style.tabular) }
    #expect(proportional[0] < proportional[1] - 0.5)  // Inter's "1" is narrow
    #expect(abs(tabular[0] - tabular[1]) < 0.001)
  }

  @Test(arguments: [
    "Animation du réseau", "Formation des encadrants techniques",
    "1\u{202F}620\u{202F}000\u{00A0}€",
    "Réalisé", "un\ndeux mots", "  espaces  autour ", "anticonstitutionnellement", "",
  ])
  func oneShapingGivesTheWidthAndWidestWordOfSeparateMeasures(_ text: String) {
    // The column sizer shapes a cell once; its answers must be those of measuring
    // the text and each word on its own (to a hundredth of a point: kerning across
    // a space is the only difference a font could make).
    let extent = measurer.extent(of: text, style: style)
    #expect(abs(extent.natural - measurer.width(of: text, style: style)) < 0.01)
    #expect(abs(extent.widestWord - measurer.widestWord(of: text, style: style)) < 0.01)
    if !text.trimmingCharacters(in: .whitespaces).isEmpty { #expect(extent.widestWord > 0) }
  }

  @Test func forcedBreaksEndParagraphs() {
    let lines = measurer.lines(of: "un\ndeux", style: style, width: 200)
    #expect(lines.map(\.text) == ["un", "deux"])
    #expect(lines.map(\.endsParagraph) == [true, true])
  }
}

@Suite struct PDFRendererTests {
  func render(_ document: LaidOutDocument, to path: String) throws {
    let measurer = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
    let metadata = PDFMetadata(
      title: "Titre « test »", author: "Auteur & Cie", subject: "Sujet", keywords: "a, b",
      creator: "report-tests", date: 1_560_470_400)
    try PDFRenderer(measurer: measurer).write(document, metadata: metadata, to: path)
  }

  func sample() -> LaidOutDocument {
    let style = TextStyle(family: "Inter", size: 12)
    let page = Page(
      size: .a4,
      items: [
        .anchor(
          name: "top", at: Point(x: 50, y: 50),
          outline: OutlineEntry(title: "Haut", level: 1, destination: "top")),
        .text(
          TextRun(
            text: "1\u{202F}620\u{202F}000\u{00A0}€", style: style, origin: Point(x: 50, y: 100),
            width: 80)),
        .rect(
          Rect(x: 50, y: 120, width: 100, height: 20), fill: Color(red: 0.9, green: 0.5, blue: 0.1),
          stroke: nil),
        .wedge(
          Wedge(center: Point(x: 200, y: 300), radius: 50, startAngle: 0, endAngle: 115.2),
          fill: .black, stroke: nil),
        .link(Rect(x: 50, y: 90, width: 80, height: 14), destination: "top"),
      ], printableBox: Rect(x: 0, y: 0, width: 595, height: 842))
    return LaidOutDocument(
      pages: [page, page], outline: [OutlineEntry(title: "Haut", level: 1, destination: "top")],
      destinations: ["top": 0], passes: 1)
  }

  @Test func writesAValidPDFWithMetadataOutlineAndEmbeddedFonts() throws {
    let folder = try temporaryFolder()
    let path = folder + "/sample.pdf"
    try render(sample(), to: path)
    let info = try run("pdfinfo", [path])
    #expect(info.status == 0)
    #expect(info.stdout.contains("Title:           Titre « test »"))
    #expect(info.stdout.contains("Author:          Auteur & Cie"))
    #expect(info.stdout.contains("Creator:         report-tests"))
    #expect(info.stdout.contains("Pages:           2"))
    #expect(info.stdout.contains("CreationDate:    Fri Jun 14 00:00:00 2019 UTC"))
    let problems = try pdfProblems(path)
    #expect(problems.isEmpty, "\(problems)")
    let fonts = try run("pdffonts", [path])
    let rows = fonts.stdout.split(separator: "\n").dropFirst(2)
    #expect(!rows.isEmpty)
    #expect(rows.allSatisfy { $0.contains("Inter") && $0.contains(" yes yes ") })
    let text = try run("pdftotext", [path, "-"])
    #expect(text.stdout.contains("1 620 000 €"))
    // Only the temporary-then-rename writer touched the folder: no stray file.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["sample.pdf"])
  }

  @Test func justifiedLinesEndAtTheirMeasureWhetherTheirSpacesGrowOrShrink() throws {
    let measurer = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
    let style = TextStyle(family: "Inter", size: 11)
    let text = "un deux trois quatre cinq\u{00A0}: six"
    let natural = measurer.width(of: text, style: style)
    // One line stretched by 20 pt, one shrunk by 2 pt (the breaker allows a fifth of
    // each space's width).
    let widths = [natural + 20, natural - 2]
    let runs = widths.enumerated().map { index, width in
      FrameItem.text(
        TextRun(
          text: text, style: style, origin: Point(x: 60, y: 100 + 20 * Double(index)),
          width: width,
          wordSpacing: TextRun.wordSpacing(filling: width, natural: natural, text: text)))
    }
    let page = Page(size: .a4, items: runs, printableBox: Rect(x: 0, y: 0, width: 595, height: 842))
    let folder = try temporaryFolder()
    let path = folder + "/justified.pdf"
    try render(
      LaidOutDocument(pages: [page], outline: [], destinations: [:], passes: 1), to: path)
    let boxes = try run("pdftotext", ["-bbox", path, "-"]).stdout
    // <word xMin="…" yMin="…" xMax="…" yMax="…">six</word>, one per line.
    let words = boxes.split(separator: "\n").filter { $0.contains("<word ") }
    func number(_ name: String, in line: Substring) -> Double {
      let start = line.range(of: name + "=\"")!.upperBound
      return Double(line[start...].prefix { $0 != "\"" }) ?? .nan
    }
    let ends = words.filter { $0.hasSuffix(">six</word>") }.map { number("xMax", in: $0) }
    #expect(ends.count == 2)
    for (end, width) in zip(ends, widths) {
      #expect(
        abs(end - (60 + width)) < 0.5, "the line ends at \(end), its measure at \(60 + width)")
    }
    // The words stay words: the spaces are still in the text layer.
    #expect(try run("pdftotext", [path, "-"]).stdout.contains("un deux trois quatre cinq"))
  }

  @Test func theNarrowNoBreakSpaceSurvivesInTheTextLayer() throws {
    let folder = try temporaryFolder()
    let path = folder + "/sample.pdf"
    try render(sample(), to: path)
    // pdftotext prints U+202F as a space; the font's ToUnicode map keeps it.
    let expanded = try run(
      "qpdf", ["--qdf", "--object-streams=disable", path, folder + "/qdf.pdf"])
    #expect(expanded.status == 0)
    let raw = try Data(contentsOf: URL(fileURLWithPath: folder + "/qdf.pdf"))
    #expect(
      String(decoding: raw, as: UTF8.self).contains("<202f>")
        || String(decoding: raw, as: UTF8.self).contains("<202F>"))
  }

  @Test func pagesOfAnotherSizeKeepTheFileValid() throws {
    var document = sample()
    document.pages[1].size = Size(width: 841.8898, height: 595.2756)
    let folder = try temporaryFolder()
    try render(document, to: folder + "/mixed.pdf")
    #expect(try pdfProblems(folder + "/mixed.pdf").isEmpty)
    let info = try run("pdfinfo", ["-f", "2", "-l", "2", folder + "/mixed.pdf"])
    #expect(info.stdout.contains("841.89 x 595.276"))
  }

  @Test func twoRendersAreByteIdentical() throws {
    let folder = try temporaryFolder()
    try render(sample(), to: folder + "/a.pdf")
    try render(sample(), to: folder + "/b.pdf")
    let first = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.pdf"))
    let second = try Data(contentsOf: URL(fileURLWithPath: folder + "/b.pdf"))
    #expect(first == second)
  }

  @Test func aFailedWriteLeavesThePreviousFileAlone() throws {
    let folder = try temporaryFolder()
    let path = folder + "/kept.pdf"
    try Data("previous".utf8).write(to: URL(fileURLWithPath: path))
    // The target is a folder where the temporary file cannot be created.
    do {
      try render(sample(), to: folder + "/missing/kept.pdf")
      Issue.record("writing into a missing folder succeeded")
    } catch let error as RenderError {
      #expect(error.description.contains("missing/"))
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["kept.pdf"])
  }

  @Test func isoDatesAreExact() {
    let metadata = PDFMetadata(
      title: "", author: "", subject: "", keywords: "", creator: "", date: 1_560_470_400 + 3_723)
    #expect(metadata.isoDate == "2019-06-14T01:02:03Z")
    let leap = PDFMetadata(
      title: "", author: "", subject: "", keywords: "", creator: "", date: 951_782_400)
    #expect(leap.isoDate == "2000-02-29T00:00:00Z")
  }
}

@Suite struct RichTextRenderTests {
  @Test func boldItalicCodeAndLinksReachThePDF() throws {
    let measurer = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
    let style = TextStyle(family: "Inter", size: 11)
    let paragraph = Paragraph(
      runs: [
        InlineRun("Un mot "), InlineRun("gras", emphasis: .bold), InlineRun(", un "),
        InlineRun("penché", emphasis: .italic), InlineRun(", du "),
        InlineRun("code()", emphasis: .code), InlineRun(" et "),
        InlineRun("un lien", link: .uri("https://example.org/a")), InlineRun("."),
      ], style: style, alignment: .justify)
    let page = PageStyle(margins: EdgeInsets(all: 60), showsFooter: false)
    let document = try DocumentLayouter(measurer: measurer, firstPageStyle: page, footer: nil)
      .layout([.paragraph(paragraph)])
    let folder = try temporaryFolder()
    let path = folder + "/rich.pdf"
    try PDFRenderer(measurer: measurer).write(
      document,
      metadata: PDFMetadata(
        title: "t", author: "a", subject: "s", keywords: "k", creator: "c", date: 0), to: path)
    #expect(try pdfProblems(path).isEmpty)
    let fonts = try run("pdffonts", [path]).stdout
    for face in ["Inter-Regular", "Inter-Bold", "Inter-Italic", "DejaVuSansMono"] {
      #expect(fonts.contains(face), "\(face) in \(fonts)")
    }
    let text = try run("pdftotext", [path, "-"]).stdout
    #expect(text.contains("Un mot gras, un penché, du code() et un lien."))
    let qdf = folder + "/rich.qdf"
    _ = try run("qpdf", ["--qdf", "--object-streams=disable", path, qdf])
    let raw = String(decoding: try Data(contentsOf: URL(fileURLWithPath: qdf)), as: UTF8.self)
    #expect(raw.contains("/URI (https://example.org/a)"))
    #expect(raw.contains("/S /Link"))
  }
}
