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
      "Sources/ReportRender/QPDF.swift": ["CQPDFLoader"],
      // zlib, for the PDF's streams and the spreadsheets' parts: a module of its own.
      "Sources/Flate/Zlib.swift": ["CFlate"],
      // librsvg draws on a cairo context: the picture seam names both.
      "Sources/ReportRender/Pictures.swift": ["CCairoPango", "CRsvg"],
      "Sources/ReportMarkdown/CommonMarkSeam.swift": ["CCmark"],
      "Sources/ReportModel/Messages.swift": ["CGettext"],
      // Nettle's SHA-256, for the mail's deterministic Message-IDs.
      "Sources/ReportMail/SHA256.swift": ["CNettle"],
    ]
    let modules = [
      "CCairoPango", "CQPDFLoader", "CRsvg", "CCmark", "CGettext", "CFlate", "CNettle",
    ]
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

  @Test func anSVGDrawnAgainIsTheFileAsItIsNowNotAsItWasFirstParsed() throws {
    // Parsed SVG files are kept between drawings (a letter's logo, once a member): a
    // file written again in between must be read again.
    let folder = try temporaryFolder()
    let path = folder + "/logo.svg"
    func svg(_ colour: String) -> String {
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
        + "<rect width=\"10\" height=\"10\" fill=\"\(colour)\"/></svg>"
    }
    let picture = Page(
      size: Size(width: 20, height: 20),
      items: [
        .image(ImageItem(path: path, format: .svg, rect: Rect(x: 5, y: 5, width: 10, height: 10)))
      ],
      printableBox: Rect(x: 0, y: 0, width: 20, height: 20))
    func centre() throws -> [UInt8]? {
      try PNGRenderer.image(of: picture, dpi: 72, measurer: measurer).pixel(x: 10, y: 10).map {
        [$0.red, $0.green, $0.blue]
      }
    }
    try svg("#ff0000").write(toFile: path, atomically: false, encoding: .utf8)
    #expect(try centre() == [255, 0, 0])
    #expect(try centre() == [255, 0, 0])
    // Written again in place, same size: another colour (the time of writing tells).
    try svg("#0000ff").write(toFile: path, atomically: false, encoding: .utf8)
    let later = timespec(tv_sec: time(nil) + 5, tv_nsec: 0)
    var times = [later, later]
    #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    #expect(try centre() == [0, 0, 255])
    // Gone: a grey box, not the picture as it was.
    try FileManager.default.removeItem(atPath: path)
    #expect(try centre() == [204, 204, 204])
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

@Suite struct StreamedDrawingTests {
  /// Pages drawn as the stream makes them give the very bytes of the same pages laid
  /// out first and drawn after: the contents, links, footers and table structure.
  @Test func pagesDrawnAsTheyAreMadeAreTheLaidOutOnes() throws {
    let style = TextStyle(family: "Inter", size: 11)
    let page = PageStyle(size: .a4, margins: EdgeInsets(all: 50), showsFooter: true)
    let tableStyle = TableStyle(
      header: style, headerFill: Color(red: 0.9, green: 0.9, blue: 0.9), body: style,
      total: style.with(weight: .bold), totalFill: nil, stripeFill: nil,
      rule: Stroke(color: .black, width: 0.5), totalRule: Stroke(color: .black, width: 1),
      cellPadding: EdgeInsets(all: 2), continuationTitle: style)
    let rows = (0..<150).map { TableRow(["Ligne \($0)", "\($0 * 1_013) €"]) }
    let blocks: [Block] = [
      .contents(
        Contents(
          entries: [ContentsEntry(title: "Budget", level: 1, destination: "budget")],
          styles: [style], indent: 10, sectionSpacing: 0, leaderColor: .black)),
      .pageBreak(nil),
      .heading(Heading(text: "Budget", style: style, outlineLevel: 1, anchor: "budget")),
      .table(
        Table(
          columns: [TableColumn(), TableColumn(grow: 0)], header: ["Poste", "Montant"],
          rows: rows, style: tableStyle)),
    ]
    let footer = FooterSpec(
      left: "Dossier", rightPattern: "Page {page} / {pages}", style: style, rule: nil,
      offset: 20)
    let metadata = PDFMetadata(
      title: "t", author: "a", subject: "s", keywords: "k", creator: "c", date: 0,
      language: "fr-FR")
    let folder = try temporaryFolder()
    func layouter() throws -> (DocumentLayouter, PangoMeasurer) {
      let measurer = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
      return (DocumentLayouter(measurer: measurer, firstPageStyle: page, footer: footer), measurer)
    }
    let (kept, keptMeasurer) = try layouter()
    let document = try kept.layout(blocks)
    #expect(document.pages.count > 3)
    try PDFRenderer(measurer: keptMeasurer).write(
      document, metadata: metadata, to: folder + "/kept.pdf")
    let (streaming, streamingMeasurer) = try layouter()
    let stream = try streaming.pages(of: blocks)
    try PDFRenderer(measurer: streamingMeasurer).write(
      stream, metadata: metadata, to: folder + "/streamed.pdf")
    let one = try Data(contentsOf: URL(fileURLWithPath: folder + "/kept.pdf"))
    let other = try Data(contentsOf: URL(fileURLWithPath: folder + "/streamed.pdf"))
    #expect(one == other)
  }

  /// A layout error found while drawing leaves nothing behind, not even the file
  /// that was there: page 7's footer is measured too wide (a "7" of 500 pt), so pages
  /// 1 to 6 are drawn before the stream stops.
  @Test func aLayoutErrorWhileDrawingWritesNothing() throws {
    final class WideSevens: TextMeasurer {
      let inner: PangoMeasurer
      init(_ inner: PangoMeasurer) { self.inner = inner }
      func lines(of text: String, style: TextStyle, width: Double) -> [LineBox] {
        inner.lines(of: text, style: style, width: width).map { line in
          var line = line
          line.width += Double(line.text.filter { $0 == "7" }.count) * 500
          return line
        }
      }
      func metrics(of style: TextStyle) -> FontMetrics { inner.metrics(of: style) }
      func extent(of text: String, style: TextStyle) -> TextExtent {
        inner.extent(of: text, style: style)
      }
    }
    let style = TextStyle(family: "Inter", size: 11)
    let page = PageStyle(size: .a4, margins: EdgeInsets(all: 50), showsFooter: true)
    let footer = FooterSpec(
      left: "", rightPattern: "Page {page}", style: style, rule: nil, offset: 20)
    let measurer = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
    let blocks = (0..<9).flatMap { index -> [Block] in
      [.paragraph(Paragraph(text: "Une page.", style: style)), .pageBreak(nil)]
    }.dropLast()
    let stream = try DocumentLayouter(
      measurer: WideSevens(measurer), firstPageStyle: page, footer: footer
    ).pages(of: Array(blocks))
    #expect(stream.pageCount == 9)
    let folder = try temporaryFolder()
    let path = folder + "/kept.pdf"
    try Data("before".utf8).write(to: URL(fileURLWithPath: path))
    let metadata = PDFMetadata(
      title: "t", author: "a", subject: "s", keywords: "k", creator: "c", date: 0)
    #expect {
      try PDFRenderer(measurer: measurer).write(stream, metadata: metadata, to: path)
    } throws: { error in
      guard case RenderError.layout(.footerDoesNotFit) = error else { return false }
      return true
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "before")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["kept.pdf"])
  }
}

/// Documents already laid out, written one after the other as one file as they come
/// (the file to post of `report convocations`).
@Suite struct JoinedDrawingTests {
  let style = TextStyle(family: "Inter", size: 11)
  let metadata = PDFMetadata(
    title: "t", author: "a", subject: "s", keywords: "k", creator: "c", date: 0,
    language: "fr-FR")

  /// A letter of `pages` pages, its first page a destination of its own.
  func letter(_ name: String, pages: Int, measurer: PangoMeasurer) throws -> LaidOutDocument {
    let page = PageStyle(size: .a4, margins: EdgeInsets(all: 50), showsFooter: false)
    var blocks: [Block] = [
      .heading(Heading(text: "Lettre \(name)", style: style, outlineLevel: 1, anchor: name))
    ]
    for index in 0..<pages {
      if index > 0 { blocks.append(.pageBreak(nil)) }
      blocks.append(.paragraph(Paragraph(text: "Page \(index + 1) de \(name).", style: style)))
    }
    return try DocumentLayouter(measurer: measurer, firstPageStyle: page, footer: nil)
      .layout(blocks)
  }

  /// Drawn as they come, the parts give the bytes of the parts joined first and drawn
  /// after: a blank page after each part of an odd page count but the last, the
  /// bookmarks of every part.
  @Test func partsDrawnAsTheyComeAreTheJoinedDocument() throws {
    let measurer = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
    let counts = [1, 2, 3, 1]
    let parts = try counts.enumerated().map {
      try letter("l\($0.offset)", pages: $0.element, measurer: measurer)
    }
    let blank = try #require(try letter("blanche", pages: 1, measurer: measurer).pages.first)
    let folder = try temporaryFolder()
    let joined = LaidOutDocument.joined(parts, blank: blank)
    #expect(joined.pages.count == 1 + 1 + 2 + 3 + 1 + 1)
    #expect(joined.destinations == ["l0": 0, "l1": 2, "l2": 4, "l3": 8])
    try PDFRenderer(measurer: measurer).write(joined, metadata: metadata, to: folder + "/kept.pdf")
    var given = 0
    let pages = try PDFRenderer(measurer: measurer).write(
      joining: { () throws(RenderError) -> LaidOutDocument? in
        defer { given += 1 }
        return given < parts.count ? parts[given] : nil
      }, blank: blank, metadata: metadata, to: folder + "/joined.pdf")
    #expect(pages == joined.pages.count)
    let one = try Data(contentsOf: URL(fileURLWithPath: folder + "/kept.pdf"))
    let other = try Data(contentsOf: URL(fileURLWithPath: folder + "/joined.pdf"))
    #expect(one == other)
    // The bookmarks came with the parts, after their pages: the file opens on them.
    let open = folder + "/open.pdf"
    let expanded = try run(
      "qpdf", ["--qdf", "--object-streams=disable", folder + "/joined.pdf", open])
    #expect(expanded.status == 0)
    let catalog = String(decoding: try Data(contentsOf: URL(fileURLWithPath: open)), as: UTF8.self)
    #expect(catalog.contains("/PageMode /UseOutlines"))
    #expect(catalog.contains("(Lettre l3)"))
  }

  /// A part that cannot be had stops the file: the one there is left untouched, with
  /// no temporary file beside it, and the part's error is the one thrown.
  @Test func aMissingPartWritesNothing() throws {
    let measurer = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
    let part = try letter("l0", pages: 2, measurer: measurer)
    let blank = try #require(part.pages.last)
    let folder = try temporaryFolder()
    let path = folder + "/joined.pdf"
    try Data("before".utf8).write(to: URL(fileURLWithPath: path))
    var given = 0
    #expect {
      _ = try PDFRenderer(measurer: measurer).write(
        joining: { () throws(RenderError) -> LaidOutDocument? in
          given += 1
          if given == 3 { throw .missingPart("la lettre 3 manque") }
          return part
        }, blank: blank, metadata: metadata, to: path)
    } throws: { error in
      guard case RenderError.missingPart("la lettre 3 manque") = error else { return false }
      // The part's own sentence, said as it was: nothing put before it.
      return "\(error)" == "la lettre 3 manque"
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "before")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["joined.pdf"])
  }
}

@Suite struct AtomicFileTests {
  /// What a killed run left under a temporary name is removed by the next write in
  /// its folder; what a live process is writing is left alone.
  @Test func temporariesOfDeadRunsAreRemovedAndLiveOnesKept() throws {
    let folder = try temporaryFolder()
    // A pid that no longer exists: a process that has ended and been reaped.
    let ended = Process()
    ended.executableURL = URL(fileURLWithPath: "/bin/true")
    try ended.run()
    ended.waitUntilExit()
    let dead = folder + "/.dossier.pdf.\(ended.processIdentifier).tmp"
    let live = folder + "/.autre.pdf.\(getpid()).tmp"
    let unrelated = folder + "/.notes.tmp"
    for path in [dead, live, unrelated] {
      try Data("part".utf8).write(to: URL(fileURLWithPath: path))
    }
    try AtomicFile.write(Data("whole".utf8), to: folder + "/dossier.pdf")
    let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
    #expect(names == [".autre.pdf.\(getpid()).tmp", ".notes.tmp", "dossier.pdf"])
    #expect(try String(contentsOfFile: folder + "/dossier.pdf", encoding: .utf8) == "whole")
  }
}

@Suite struct JustifiedCacheTests {
  /// A paragraph is broken once for each text, style and width a measurer is asked;
  /// its colour does not matter, and a failed break (nil) is remembered too.
  @Test func eachParagraphIsBrokenOncePerMeasure() throws {
    let measurer = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
    let style = TextStyle(family: "Inter", size: 11)
    var breaks = 0
    func lines(_ text: String, width: Double, style: TextStyle = style) -> [LineBox]? {
      measurer.justifiedLines(of: text, style: style, width: width) {
        breaks += 1
        return text == "trop" ? nil : [LineBox(text: text, width: 10, endsParagraph: true)]
      }
    }
    #expect(lines("Un paragraphe.", width: 100)?.first?.text == "Un paragraphe.")
    #expect(lines("Un paragraphe.", width: 100)?.first?.text == "Un paragraphe.")
    var red = style
    red.color = Color(red: 1, green: 0, blue: 0)
    _ = lines("Un paragraphe.", width: 100, style: red)
    #expect(breaks == 1)
    _ = lines("Un paragraphe.", width: 90)
    _ = lines("Un paragraphe.", width: 100, style: style.with(weight: .bold))
    #expect(breaks == 3)
    #expect(lines("trop", width: 5) == nil)
    #expect(lines("trop", width: 5) == nil)
    #expect(breaks == 4)
  }
}

@Suite struct ShapedExtentTests {
  /// Cells measured without a PangoLayout get the very widths a layout gives: the
  /// natural width and the widest word, to the Pango unit, in every style a
  /// document uses, for French text, amounts, dates, ligatures and odd spacing.
  @Test func extentsWithoutALayoutAreTheLayoutsOnes() throws {
    let measurer = PangoMeasurer(fonts: try FontLibrary(directory: fontsFolder, family: "Inter"))
    let base = TextStyle(family: "Inter", size: 9)
    var tabular = base
    tabular.tabularFigures = true
    let styles = [
      base, tabular, base.with(weight: .bold), base.with(weight: .semibold),
      TextStyle(family: "Inter", italic: true, size: 14.5),
    ]
    var texts = [
      "Facture fournisseur", "1 620 000,00 €", "−12 345,67", "23/03/2019", "P0001831",
      "L’animation du réseau régional", "efficace, affiné, officiel", "  deux  espaces  ",
      "fin ", " début", "«\u{202F}guillemets\u{202F}»", "100\u{202F}%", "Œuvre à l’ÉCOLE",
      "a", "—", "Report", "À reporter", "401000 — Fournisseurs (suite)", "VA",
      "Wagons Tây Ninh", "x\u{00A0}y",
    ]
    // Generated texts: words of the stress years and amounts of every length.
    var generator = SystemRandomNumberGenerator()
    let words = ["chantier", "école", "insertion", "accompagnement", "Île-de-France", "AVA", "ffl"]
    for _ in 0..<200 {
      let count = Int.random(in: 1...8, using: &generator)
      texts.append(
        (0..<count).map { _ in words.randomElement(using: &generator) ?? "" }.joined(
          separator: " "))
      texts.append(String(Int.random(in: 0...99_999_999, using: &generator)))
    }
    var compared = 0
    for style in styles {
      for text in texts {
        let fast = measurer.extent(of: text, style: style)
        let layout = measurer.layoutExtent(of: text, style: style)
        #expect(fast == layout, "\(text) in \(style)")
        compared += 1
      }
    }
    #expect(compared > 1_000)
    // And a run measured so is drawn from its glyphs, as after a layout.
    let run = TextRun(text: "Facture fournisseur", style: base, origin: .zero, width: 0)
    #expect(measurer.keepsGlyphs(of: run))
  }
}
