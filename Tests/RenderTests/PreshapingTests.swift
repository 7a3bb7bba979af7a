import Foundation
import ReportLayout
import TestSupport
import Testing

@testable import ReportRender

@Suite struct PreshapingTests {
  /// Runs of every kind a document draws: plain, justified (word spaces widened),
  /// bold, tabular figures, no-break and narrow no-break spaces, a soft hyphen, a
  /// ligature, and a character Inter lacks (set in the fallback font).
  static let style = TextStyle(family: "Inter", size: 10)
  static let texts: [(String, TextStyle, justify: Double)] = {
    var tabular = style
    tabular.tabularFigures = true
    return [
      ("Plan d’actions 2019 : 1\u{202F}620\u{202F}000,00\u{00A0}€", style, 0),
      ("L’animation du réseau régional, efficace et affinée", style, 14),
      ("Total des charges", style.with(weight: .bold), 0),
      ("12\u{202F}345,67", tabular, 0),
      ("accom\u{00AD}pagnement", style, 0),
      ("Encadré ─ filet", style, 0),
      ("Wagons", TextStyle(family: "Inter", italic: true, size: 14), 0),
    ]
  }()

  func page(_ measurer: PangoMeasurer, copies: Int) -> Page {
    var items: [FrameItem] = []
    for copy in 0..<copies {
      for (index, (text, style, justify)) in Self.texts.enumerated() {
        let natural = measurer.width(of: text, style: style)
        let width = natural + justify
        items.append(
          .text(
            TextRun(
              text: text, style: style,
              origin: Point(x: 40 + Double(copy % 2) * 260, y: 40 + 16 * Double(index + copy * 8)),
              width: width,
              wordSpacing: TextRun.wordSpacing(filling: width, natural: natural, text: text))))
      }
    }
    return Page(size: .a4, items: items, printableBox: Rect(x: 0, y: 0, width: 595, height: 842))
  }

  func measurer() throws -> PangoMeasurer {
    PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
  }

  /// Glyphs shaped by another measurer, on its thread, are drawn in the drawing
  /// measurer's fonts: the file is the same, byte for byte, as when the drawing
  /// measurer shapes every run itself, over several pages handed on one by one.
  @Test func pagesShapedOnAnotherThreadGiveTheSameFile() throws {
    let metadata = PDFMetadata(
      title: "t", author: "a", subject: "s", keywords: "k", creator: "c", date: 0)
    let folder = try temporaryFolder()
    func document() throws -> LaidOutDocument {
      let layout = try measurer()
      return LaidOutDocument(
        pages: (0..<4).map { page(layout, copies: 2 + $0) }, outline: [], destinations: [:])
    }
    // Fresh measurers: nothing kept from measuring, every run shaped where drawn.
    try PDFRenderer(measurer: try measurer()).write(
      try document(), metadata: metadata, to: folder + "/alone.pdf")
    let renderer = PDFRenderer(measurer: try measurer())
    renderer.shaper = try measurer()
    try renderer.write(try document(), metadata: metadata, to: folder + "/shaped.pdf")
    // 14 copies of the 7 texts, all but the one in the fallback font preshaped.
    #expect(renderer.preshapedRuns == 14 * 6)
    let alone = try Data(contentsOf: URL(fileURLWithPath: folder + "/alone.pdf"))
    let shaped = try Data(contentsOf: URL(fileURLWithPath: folder + "/shaped.pdf"))
    #expect(alone.count > 10_000)
    #expect(alone == shaped)
  }

  /// What can cross is only what the style's own font sets: a run with a character
  /// taken from the fallback font, or letter-spaced, is left to the drawing measurer.
  @Test func onlyRunsInTheStylesOwnFontArePreshaped() throws {
    let shaper = try measurer()
    var preshaped: [String] = []
    for case .text(let run) in page(try measurer(), copies: 1).items {
      if let glyphs = shaper.preshape(run) {
        preshaped.append(run.text)
        #expect(!glyphs.items.isEmpty)
        #expect(glyphs.items.allSatisfy { $0.glyphs.count == $0.clusters.count })
      }
    }
    #expect(preshaped.count == Self.texts.count - 1)
    #expect(!preshaped.contains("Encadré ─ filet"))
    let spaced = TextRun(
      text: "Total", style: Self.style, origin: .zero, width: 40, letterSpacing: 2)
    #expect(shaper.preshape(spaced) == nil)
  }

  /// Measuring keeps the glyphs of the first texts a document measures, those drawn
  /// first, up to the cache's size, and keeps no more (copying them costs a tenth of
  /// measuring); a drawn document's full cache is emptied for the next one, one not
  /// full is kept for the texts documents share.
  @Test func theFirstTextsMeasuredKeepTheirGlyphs() throws {
    let measurer = try measurer()
    func run(_ index: Int) -> TextRun {
      TextRun(text: "Ligne \(index)", style: Self.style, origin: .zero, width: 0)
    }
    for index in 0..<10 { _ = measurer.extent(of: run(index).text, style: Self.style) }
    measurer.forgetGlyphs()
    #expect(measurer.keepsGlyphs(of: run(0)))  // not full: kept
    let limit = PangoMeasurer.glyphsCacheLimit
    for index in 10...limit { _ = measurer.extent(of: run(index).text, style: Self.style) }
    #expect(measurer.keepsGlyphs(of: run(0)))
    #expect(measurer.keepsGlyphs(of: run(limit - 1)))
    #expect(!measurer.keepsGlyphs(of: run(limit)))
    measurer.forgetGlyphs()
    #expect(!measurer.keepsGlyphs(of: run(0)))
    _ = measurer.extent(of: run(limit).text, style: Self.style)
    #expect(measurer.keepsGlyphs(of: run(limit)))
    // The fonts of a second core keep none: what they measure is drawn by others.
    let helper = try self.measurer()
    helper.keepsGlyphs = false
    _ = helper.extent(of: run(0).text, style: Self.style)
    #expect(!helper.keepsGlyphs(of: run(0)))
  }
}
