import Foundation
import ReportLayout
import TestSupport
import Testing

@testable import ReportRender

@Suite struct SeamTests {
  /// Each C library has one seam: no other source file imports the C modules.
  @Test func onlyTheSeamFilesImportC() throws {
    let seams: [String: Set<String>] = [
      "Sources/ReportRender/Cairo.swift": ["CCairoPango"],
      "Sources/ReportRender/PangoMeasurer.swift": ["CCairoPango"],
      "Sources/ReportRender/FontLibrary.swift": ["CCairoPango"],
      "Sources/ReportRender/LibHyphenator.swift": ["CCairoPango"],
      "Sources/ReportRender/QPDF.swift": ["CQPDF"],
      // zlib, for the PDF's streams and the spreadsheets' parts: a module of its own.
      "Sources/Flate/Zlib.swift": ["CFlate"],
      // librsvg draws on a cairo context: the picture seam names both.
      "Sources/ReportRender/Pictures.swift": ["CCairoPango", "CRsvg"],
      "Sources/ReportMarkdown/CommonMarkSeam.swift": ["CCmark"],
      "Sources/ReportModel/Messages.swift": ["CGettext"],
    ]
    let modules = ["CCairoPango", "CQPDF", "CRsvg", "CCmark", "CGettext", "CFlate"]
    var importing: [String: Set<String>] = [:]
    let root = Repository.path("Sources")
    let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
    #expect(files.count > 20)
    for file in files where file.hasSuffix(".swift") {
      let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
      let lines = Set(text.split(separator: "\n").map(String.init))
      for module in modules where lines.contains("import \(module)") {
        importing["Sources/" + file, default: []].insert(module)
      }
    }
    #expect(importing == seams)
  }
}

@Suite struct PNGRendererTests {
  let measurer: PangoMeasurer
  init() throws {
    measurer = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
  }

  /// A page with a red box and a line of black text, 100 × 50 pt.
  var page: Page {
    let style = TextStyle(family: "Inter", size: 20)
    return Page(
      size: Size(width: 100, height: 50),
      items: [
        .rect(
          Rect(x: 10, y: 10, width: 20, height: 20), fill: Color(red: 1, green: 0, blue: 0),
          stroke: nil),
        .beginArtifact,
        .text(TextRun(text: "MMM", style: style, origin: Point(x: 40, y: 35), width: 50)),
        .endArtifact,
      ], printableBox: Rect(x: 0, y: 0, width: 100, height: 50))
  }

  @Test func thePageIsDrawnAtTheResolutionAsked() throws {
    // 144 dpi: two pixels a point.
    let image = try PNGRenderer.image(of: page, dpi: 144, measurer: measurer)
    #expect(image.pixel(x: 199, y: 99) != nil)
    #expect(image.pixel(x: 200, y: 100) == nil)
    // Inside the box: red; beside it: white.
    #expect(image.pixel(x: 40, y: 40).map { [$0.red, $0.green, $0.blue] } == [255, 0, 0])
    #expect(image.pixel(x: 70, y: 40).map { [$0.red, $0.green, $0.blue] } == [255, 255, 255])
    // The text's strokes are black: some pixel of its box is dark.
    var dark = 0
    for x in 80..<180 {
      for y in 40..<70 where (image.pixel(x: x, y: y)?.red ?? 255) < 64 { dark += 1 }
    }
    #expect(dark > 200, "\(dark) dark pixels where the text is")
  }

  @Test func aPNGFileIsWrittenWhole() throws {
    let folder = try temporaryFolder()
    let path = folder + "/page.png"
    try PNGRenderer.write(page: page, dpi: 72, measurer: measurer, to: path)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    func word(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    #expect(word(16) == 100 && word(20) == 50)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["page.png"])
  }
}

@Suite struct GlyphReuseTests {
  /// Lines measured whole are drawn from the glyphs measuring made, and those give
  /// the very bytes shaping them again would.
  @Test func measuredLinesAreDrawnFromTheirGlyphsAndLookTheSame() throws {
    let style = TextStyle(family: "Inter", size: 11)
    let texts = ["Plan d’actions 2019 : 1 620 000 €", "L’animation du réseau", "Total"]
    func document(_ measurer: PangoMeasurer) -> LaidOutDocument {
      let items = texts.enumerated().map { index, text in
        let natural = measurer.width(of: text, style: style)
        let width = index == 0 ? natural + 12 : natural
        return FrameItem.text(
          TextRun(
            text: text, style: style, origin: Point(x: 60, y: 100 + 20 * Double(index)),
            width: width,
            wordSpacing: TextRun.wordSpacing(filling: width, natural: natural, text: text)))
      }
      return LaidOutDocument(
        pages: [
          Page(size: .a4, items: items, printableBox: Rect(x: 0, y: 0, width: 595, height: 842))
        ],
        outline: [], destinations: [:])
    }
    let metadata = PDFMetadata(
      title: "t", author: "a", subject: "s", keywords: "k", creator: "c", date: 0)
    let folder = try temporaryFolder()
    // Measured: the glyphs are kept.
    let measured = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
    let kept = document(measured)
    for case .text(let run) in kept.pages[0].items { #expect(measured.keepsGlyphs(of: run)) }
    try PDFRenderer(measurer: measured).write(kept, metadata: metadata, to: folder + "/kept.pdf")
    // The same runs drawn by a measurer that never measured them: shaped at drawing.
    let fresh = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
    for case .text(let run) in kept.pages[0].items { #expect(!fresh.keepsGlyphs(of: run)) }
    try PDFRenderer(measurer: fresh).write(kept, metadata: metadata, to: folder + "/shaped.pdf")
    let one = try Data(contentsOf: URL(fileURLWithPath: folder + "/kept.pdf"))
    let other = try Data(contentsOf: URL(fileURLWithPath: folder + "/shaped.pdf"))
    #expect(one == other)
  }
}
