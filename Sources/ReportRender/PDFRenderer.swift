import Foundation
import ReportLayout

/// What the PDF's information dictionary says.
public struct PDFMetadata: Hashable, Sendable {
  /// Title.
  public var title: String
  /// Author.
  public var author: String
  /// Subject.
  public var subject: String
  /// Keywords.
  public var keywords: String
  /// The program that made the file.
  public var creator: String
  /// Creation and modification date, seconds since 1970 (UTC): fixed, so that two
  /// runs on the same input give the same bytes.
  public var date: Int64
  /// The document's language (BCP 47, such as fr-FR), for readers and screen readers.
  public var language: String?
  /// How pages are numbered in a reader's page box (none given: 1, 2, 3…).
  public var pageLabels: [PageLabelRange]
  /// When given, the file is written as PDF/A-1b (for archives) with this colour
  /// profile as its output intent; otherwise as an ordinary PDF 1.5.
  public var archival: PDFArchival?

  /// Creates metadata.
  public init(
    title: String, author: String, subject: String, keywords: String, creator: String, date: Int64,
    language: String? = nil, pageLabels: [PageLabelRange] = [], archival: PDFArchival? = nil
  ) {
    self.title = title
    self.author = author
    self.subject = subject
    self.keywords = keywords
    self.creator = creator
    self.date = date
    self.language = language
    self.pageLabels = pageLabels
    self.archival = archival
  }

  /// The date as ISO 8601, as cairo wants it.
  var isoDate: String {
    let days = date >= 0 ? date / 86_400 : (date - 86_399) / 86_400
    let seconds = date - days * 86_400
    // Civil from days, after H. Hinnant.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return
      "\(year)-\(two(month))-\(two(day))T\(two(seconds / 3600)):\(two(seconds % 3600 / 60)):\(two(seconds % 60))Z"
  }
}

/// Draws laid-out pages into a PDF file with cairo: text through Pango, fonts
/// embedded as subsets, links, named destinations and bookmarks.
///
/// The only drawing code of the project: it walks ``Page`` items and never decides
/// where anything goes.
public final class PDFRenderer {
  let measurer: PangoMeasurer

  /// Creates a renderer drawing with the fonts of a measurer (the one used for layout).
  public init(measurer: PangoMeasurer) { self.measurer = measurer }

  /// Another measurer, with fonts of its own, that shapes each page's text.
  ///
  /// It works on a thread of its own while the page before is drawn (``PageShaper``);
  /// nothing else may use it while the renderer writes. The file is the same without it.
  public var shaper: PangoMeasurer?
  /// How many runs the last write drew from glyphs the shaper made (for tests).
  private(set) var preshapedRuns = 0

  /// Told how long each step of ``write(_:metadata:to:)`` took ("draw and finish",
  /// "write"; "draw", "finish", "write" for PDF/A), for `REPORT_TIMINGS`.
  public var onStep: (@Sendable (String, Duration) -> Void)?

  /// Writes the document to `path` safely: into a temporary file of the same folder,
  /// renamed over `path` only once cairo has finished without error.
  ///
  /// The document is consumed: each page's items are released once drawn, so the
  /// PDF finishing step does not hold the layout in memory too.
  /// - Throws: ``RenderError`` when cairo fails or the file cannot be written; the
  ///   previous file at `path`, if any, is then left untouched.
  public func write(_ document: consuming LaidOutDocument, metadata: PDFMetadata, to path: String)
    throws(RenderError)
  {
    let pages = document.pages
    document.pages = []
    let outline = document.outline
    try write(outline: { outline }, metadata: metadata, to: path) { (draw) throws(RenderError) in
      try LaidOutDocument.send(consume pages, to: draw)
    }
  }

  /// Writes documents already laid out, one after the other, as one file to `path`,
  /// each starting on an odd page (``PageJoiner``), as ``write(_:metadata:to:)``
  /// writes one document: each part is drawn as `next` gives it and released once
  /// drawn, so that the parts are never held together.
  /// - Parameters:
  ///   - next: the next part, `nil` after the last; its error stops the file.
  ///   - blank: the page put after a part of an odd page count that another follows.
  /// - Returns: the file's page count.
  /// - Throws: ``RenderError``, `next`'s error; nothing is written then.
  public func write(
    joining next: () throws(RenderError) -> LaidOutDocument?, blank: Page,
    metadata: PDFMetadata, to path: String
  ) throws(RenderError) -> Int {
    var joiner = PageJoiner(blank: blank)
    try write(outline: { joiner.outline }, metadata: metadata, to: path) {
      (draw) throws(RenderError) in
      while let part = try next() { try joiner.add(part, to: draw) }
    }
    return joiner.pageCount
  }

  /// Writes the pages of `stream` to `path` as ``write(_:metadata:to:)`` does, each
  /// page drawn as soon as layout makes it and released once drawn: the document is
  /// never held whole.
  /// - Throws: ``RenderError``, ``RenderError/layout(_:)`` for the stream's errors;
  ///   nothing is written then.
  public func write(_ stream: consuming PageStream, metadata: PDFMetadata, to path: String)
    throws(RenderError)
  {
    var stream = consume stream
    let outline = stream.outline
    try write(outline: { outline }, metadata: metadata, to: path) {
      (draw) throws(RenderError) in
      try stream.send(to: draw, layoutError: { .layout($0) })
    }
  }

  /// What gives the pages: it hands each, in order, to the function it is given.
  typealias Pages = ((StreamedPage) throws(RenderError) -> Void) throws(RenderError) -> Void

  /// Writes the pages `pages` gives, each drawn as it comes, with the bookmarks
  /// `outline` gives once they are drawn.
  private func write(
    outline: () -> [OutlineEntry], metadata: PDFMetadata, to path: String, pages: Pages
  ) throws(RenderError) {
    let clock = ContinuousClock()
    var start = clock.now
    func step(_ name: String) {
      let now = clock.now
      onStep?(name, now - start)
      start = now
    }
    let drawn = MemorySink()
    guard metadata.archival == nil else {
      // PDF/A-1b: finished by qpdf (font sets, output intent, PDF 1.4 without object
      // streams), from the whole file in memory.
      let figures = try draw(pages, outline: outline, metadata: metadata, into: drawn) { _ in }
      step("draw")
      let finished = try PDFFinisher.finish(
        drawn.take(), metadata: metadata, hasOutline: !outline().isEmpty, figures: figures)
      step("finish")
      try AtomicFile.write(finished, to: path)
      step("write")
      return
    }
    // An ordinary PDF is finished as cairo writes it, straight into the file, on a
    // thread of its own.
    let file = try AtomicFile(path: path)
    do throws(RenderError) {
      let finisher = FinishingThread(
        StreamingFinisher(sink: file, path: path, metadata: metadata))
      drawn.forward = { finisher.feed($0) }
      do throws(RenderError) {
        _ = try draw(pages, outline: outline, metadata: metadata, into: drawn) { figures in
          drawn.flush()
          finisher.setDrawn(figures: figures, hasOutline: !outline().isEmpty)
        }
        guard drawn.flush() else { throw .cairo("the PDF was not finished") }
      } catch {
        // A failure of the finisher stops cairo with a write error: say the first;
        // a layout error or a missing part is the source's own, whatever the
        // finisher then says.
        let stopped = finisher.stop()
        switch error {
        case .layout, .missingPart: throw error
        default: throw stopped ?? error
        }
      }
      try finisher.finish()
      step("draw and finish")
      try file.commit()
      step("write")
    } catch {
      file.abandon()
      throw error
    }
  }

  /// Draws the pages; returns the figures drawn, in order, with their alternatives.
  ///
  /// `drawn` is told the figures once every page is drawn, before cairo writes the
  /// structure tree (when the surface finishes); `outline` is asked for the bookmarks
  /// then.
  private func draw(
    _ pages: Pages, outline: () -> [OutlineEntry], metadata: PDFMetadata, into sink: MemorySink,
    drawn: ([PDFFinisher.FigureAlternative]) -> Void
  ) throws(RenderError) -> [PDFFinisher.FigureAlternative] {
    let painter = Painter(measurer: measurer, opaque: metadata.archival != nil)
    // What measuring kept for this document is not the next one's.
    defer { measurer.forgetGlyphs() }
    // The surface takes the first page's size: it is made when that page comes.
    var drawing: (surface: CairoSurface, context: CairoContext, size: Size)?
    func start(_ first: Size) throws(RenderError) -> (CairoSurface, CairoContext, Size) {
      // PDF/A-1 is based on PDF 1.4; cairo then writes no object streams.
      let surface = try CairoSurface.pdf(
        size: first, into: sink, version14: metadata.archival != nil)
      surface.setMetadata(metadata)
      let context = try CairoContext(surface)
      // Cairo 1.16 writes link annotations into a structure tree; without a root
      // structure element around them that tree references objects it never writes
      // and the file is damaged (qpdf --check). One "Document" element spans all
      // pages. Calling cairo_pdf_surface_set_size for the first page, inside that
      // element, damages the file the same way: the size is set only when it changes.
      context.beginTag(StructureRole.document.rawValue)
      return (surface, context, first)
    }
    var marks = MarkedContentCounter()
    var index = 0
    func draw(_ streamed: StreamedPage, glyphs: [PangoMeasurer.Preshaped?]?) throws(RenderError) {
      let page = streamed.page
      if drawing == nil { drawing = try start(page.size) }
      guard let (surface, context, size) = drawing else { return }
      if page.size != size {
        surface.setPageSize(page.size)
        drawing?.size = page.size
      }
      marks.startPage(index, mixed: Set(streamed.mixedOpenings))
      var run = 0
      for item in page.items {
        try marks.count(item)
        if let glyphs, case .text(let text) = item {
          if let shaped = glyphs[run] {
            measurer.draw(text, preshaped: shaped, on: context)
            preshapedRuns += 1
          } else {
            painter.draw(item, on: context)
          }
          run += 1
        } else {
          painter.draw(item, on: context)
        }
      }
      context.showPage()
      index += 1
    }
    // With a shaper, each page is held until the next comes, its text being shaped
    // on the other thread meanwhile.
    let shaper = shaper.map(PageShaper.init)
    preshapedRuns = 0
    defer { shaper?.drain() }
    var held: (page: StreamedPage, glyphs: PageShaper.Glyphs)?
    try pages { (streamed) throws(RenderError) in
      guard let shaper else { return try draw(streamed, glyphs: nil) }
      var wanted: [Bool] = []
      for item in streamed.page.items {
        if case .text(let run) = item { wanted.append(!measurer.keepsGlyphs(of: run)) }
      }
      let glyphs = shaper.shape(streamed.page, wanted: wanted)
      if let previous = held {
        held = nil
        try draw(previous.page, glyphs: previous.glyphs.wait())
      }
      held = (streamed, glyphs)
    }
    if let previous = held { try draw(previous.page, glyphs: previous.glyphs.wait()) }
    if drawing == nil { drawing = try start(.a4) }
    guard let (surface, context, _) = drawing else { return [] }
    context.endTag(StructureRole.document.rawValue)
    addOutline(outline(), to: surface)
    try context.check()
    let figures = try marks.finish()
    drawn(figures)
    try surface.finish()
    return figures
  }

  /// Finds where cairo marks each figure's content, as cairo 1.16 numbers marked
  /// content: on each page from 0, one number for each leaf element (an element that
  /// holds no other: its text is its content) as it opens, links and page furniture
  /// included, and number 0 for a leaf still open from the page before (checked
  /// against cairo's output by the finisher, which refuses a mismatch).
  struct MarkedContentCounter {
    /// The page's items that open a structure element holding others.
    var mixed = Set<Int>()
    var position = 0
    var page = 0
    var next = 0
    /// Per open element (links included): whether it is a leaf.
    var open: [Bool] = []
    var leafOpen = false
    /// The figure being drawn, until its first marked content is found.
    var pending: (alternative: String?, found: Bool)?
    var figures: [PDFFinisher.FigureAlternative] = []

    /// Starts page `index`, whose items at `mixed` open elements holding others.
    mutating func startPage(_ index: Int, mixed: Set<Int>) {
      page = index
      self.mixed = mixed
      position = 0
      next = leafOpen ? 1 : 0
    }

    /// A leaf opens: the marked content it gets.
    private mutating func leaf(anchorsFigure: Bool) {
      if anchorsFigure, let figure = pending, !figure.found {
        figures.append(.init(page: page, mcid: next, alternative: figure.alternative))
        pending?.found = true
      }
      next += 1
    }

    mutating func count(_ item: FrameItem) throws(RenderError) {
      defer { position += 1 }
      switch item {
      case .beginStructure(let role, let alternative):
        if role == .figure { pending = (alternative?.text, false) }
        let isLeaf = !mixed.contains(position)
        if isLeaf {
          leaf(anchorsFigure: true)
          leafOpen = true
        }
        open.append(isLeaf)
      case .endStructure(let role):
        if open.popLast() == true { leafOpen = false }
        if role == .figure {
          guard pending?.found == true else {
            throw .structure("a figure on page \(page + 1) draws nothing of its own")
          }
          pending = nil
        }
      case .beginLink:
        leaf(anchorsFigure: true)
        leafOpen = true
        open.append(true)
      case .endLink:
        _ = open.popLast()
        leafOpen = false
      case .link:
        leaf(anchorsFigure: true)
      case .beginArtifact:
        // Page furniture leaves the tree: it cannot stand for a figure.
        leaf(anchorsFigure: false)
        leafOpen = true
      case .endArtifact:
        leafOpen = false
      default:
        break
      }
    }

    func finish() throws(RenderError) -> [PDFFinisher.FigureAlternative] { figures }
  }

  /// Nests bookmarks by level: each entry goes under the last entry of a lower level.
  private func addOutline(_ outline: [OutlineEntry], to surface: CairoSurface) {
    var parents: [(level: Int, id: Int32)] = []
    for entry in outline {
      while let last = parents.last, last.level >= entry.level { parents.removeLast() }
      let parent = parents.last?.id ?? 0  // the outline's root
      let id = surface.addOutline(
        parent: parent, title: entry.title, destination: entry.destination)
      parents.append((entry.level, id))
    }
  }
}
