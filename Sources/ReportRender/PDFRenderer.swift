import CCairoPango
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

  /// Told how long each step of ``write(_:metadata:to:)`` took ("draw", "finish",
  /// "write"), for `REPORT_TIMINGS`.
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
    let clock = ContinuousClock()
    var start = clock.now
    func step(_ name: String) {
      let now = clock.now
      onStep?(name, now - start)
      start = now
    }
    let hasOutline = !document.outline.isEmpty
    let drawn = MemorySink()
    let figures = try draw(document, metadata: metadata, into: drawn, path: path)
    step("draw")
    let finished = try PDFFinisher.finish(
      drawn.take(), metadata: metadata, hasOutline: hasOutline, figures: figures)
    step("finish")
    let file = try AtomicFile(path: path)
    do throws(RenderError) {
      let written = finished.withUnsafeBytes { bytes in
        bytes.baseAddress.map { file.write($0, count: bytes.count) } ?? true
      }
      guard written else {
        throw .output(path: path, reason: String(cString: strerror(file.writeError)))
      }
      try file.commit()
    } catch {
      file.abandon()
      throw error
    }
    step("write")
  }

  /// Draws the pages; returns the figures drawn, in order, with their alternatives.
  private func draw(
    _ document: consuming LaidOutDocument, metadata: PDFMetadata, into sink: MemorySink,
    path: String
  ) throws(RenderError) -> [PDFFinisher.FigureAlternative] {
    let first = document.pages.first?.size ?? .a4
    guard
      let surface = cairo_pdf_surface_create_for_stream(
        writeToMemory, Unmanaged.passUnretained(sink).toOpaque(), first.width, first.height)
    else {
      throw .cairo("cannot create the PDF surface")
    }
    defer { cairo_surface_destroy(surface) }
    // PDF/A-1 is based on PDF 1.4; cairo then writes no object streams.
    if metadata.archival != nil {
      cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_4)
    }
    let status = cairo_surface_status(surface)
    guard status == CAIRO_STATUS_SUCCESS else {
      throw .output(path: path, reason: String(cString: cairo_status_to_string(status)))
    }
    let date = metadata.isoDate
    for (key, value) in [
      (CAIRO_PDF_METADATA_TITLE, metadata.title), (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
      (CAIRO_PDF_METADATA_SUBJECT, metadata.subject),
      (CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords),
      (CAIRO_PDF_METADATA_CREATOR, metadata.creator), (CAIRO_PDF_METADATA_CREATE_DATE, date),
      (CAIRO_PDF_METADATA_MOD_DATE, date),
    ] {
      cairo_pdf_surface_set_metadata(surface, key, value)
    }
    guard let cr = cairo_create(surface) else { throw .cairo("cannot create a drawing context") }
    defer { cairo_destroy(cr) }
    // Cairo 1.16 writes link annotations into a structure tree; without a root
    // structure element around them that tree references objects it never writes
    // and the file is damaged (qpdf --check). One "Document" element spans all pages.
    // Calling cairo_pdf_surface_set_size for the first page, inside that element,
    // damages the file the same way: the size is set only when it changes.
    cairo_tag_begin(cr, StructureRole.document.rawValue, "")
    var size = first
    let outline = document.outline
    var pages = document.pages
    document.pages = []
    var figures: [PDFFinisher.FigureAlternative] = []
    var figure: String?? = nil  // a figure opened that has drawn nothing yet
    for index in pages.indices {
      let page = pages[index]
      if page.size != size {
        cairo_pdf_surface_set_size(surface, page.size.width, page.size.height)
        size = page.size
      }
      for item in page.items {
        switch item {
        case .beginStructure(.figure, let alternative): figure = .some(alternative)
        case .endStructure(.figure): figure = nil
        case let drawing where drawing.draws:
          // The finisher finds a figure by its marked content: one that draws.
          if let alternative = figure {
            figures.append(.init(page: index, alternative: alternative))
            figure = nil
          }
        default: break
        }
        draw(item, on: cr)
      }
      cairo_show_page(cr)
      pages[index].items = []  // drawn: released
    }
    cairo_tag_end(cr, StructureRole.document.rawValue)
    addOutline(outline, to: surface)
    try check(cairo_status(cr))
    cairo_surface_finish(surface)
    let finished = cairo_surface_status(surface)
    guard finished == CAIRO_STATUS_SUCCESS else {
      throw .output(path: path, reason: String(cString: cairo_status_to_string(finished)))
    }
    return figures
  }

  private func check(_ status: cairo_status_t) throws(RenderError) {
    guard status == CAIRO_STATUS_SUCCESS else {
      throw .cairo(String(cString: cairo_status_to_string(status)))
    }
  }

  /// Nests bookmarks by level: each entry goes under the last entry of a lower level.
  private func addOutline(_ outline: [OutlineEntry], to surface: OpaquePointer) {
    var parents: [(level: Int, id: Int32)] = []
    for entry in outline {
      while let last = parents.last, last.level >= entry.level { parents.removeLast() }
      let parent = parents.last?.id ?? 0  // CAIRO_PDF_OUTLINE_ROOT
      let id = cairo_pdf_surface_add_outline(
        surface, parent, entry.title, "dest='\(Self.escaped(entry.destination))'",
        CAIRO_PDF_OUTLINE_FLAG_OPEN)
      parents.append((entry.level, id))
    }
  }

  /// A value quoted for a cairo tag attribute string.
  static func escaped(_ value: String) -> String {
    value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
  }

  // MARK: - Items

  func draw(_ item: FrameItem, on cr: OpaquePointer) {
    switch item {
    case .text(let run):
      draw(run, on: cr)
    case .rect(let rect, let fill, let stroke):
      cairo_rectangle(cr, rect.minX, rect.minY, rect.width, rect.height)
      paint(fill: fill, stroke: stroke, on: cr)
    case .line(let from, let to, let stroke):
      cairo_move_to(cr, from.x, from.y)
      cairo_line_to(cr, to.x, to.y)
      paint(fill: nil, stroke: stroke, on: cr)
    case .polyline(let points, let stroke, let dash):
      guard let first = points.first else { return }
      cairo_move_to(cr, first.x, first.y)
      for point in points.dropFirst() { cairo_line_to(cr, point.x, point.y) }
      cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
      if !dash.isEmpty { cairo_set_dash(cr, dash, Int32(dash.count), 0) }
      paint(fill: nil, stroke: stroke, on: cr)
      cairo_set_dash(cr, nil, 0, 0)
    case .wedge(let wedge, let fill, let stroke):
      let radians = Double.pi / 180
      cairo_move_to(cr, wedge.center.x, wedge.center.y)
      cairo_arc(
        cr, wedge.center.x, wedge.center.y, wedge.radius, (wedge.startAngle - 90) * radians,
        (wedge.endAngle - 90) * radians)
      cairo_close_path(cr)
      paint(fill: fill, stroke: stroke, on: cr)
    case .link(let rect, let destination):
      let attributes =
        "dest='\(Self.escaped(destination))' rect=[\(rect.minX) \(rect.minY) \(rect.width) \(rect.height)]"
      cairo_tag_begin(cr, "Link", attributes)
      cairo_tag_end(cr, "Link")
    case .beginStructure(let role, _):
      cairo_tag_begin(cr, role.rawValue, "")
    case .endStructure(let role):
      cairo_tag_end(cr, role.rawValue)
    case .beginArtifact:
      // Cairo 1.16 has no artifacts and refuses a tag it does not know: page
      // furniture is drawn as a Private element, which no other item makes, and the
      // finisher turns exactly those into /Artifact marked content.
      cairo_tag_begin(cr, PDFFinisher.artifactTag, "")
    case .endArtifact:
      cairo_tag_end(cr, PDFFinisher.artifactTag)
    case .anchor(let name, let point, _):
      cairo_tag_begin(cr, "cairo.dest", "name='\(Self.escaped(name))' x=\(point.x) y=\(point.y)")
      cairo_tag_end(cr, "cairo.dest")
    }
  }

  private func paint(fill: Color?, stroke: Stroke?, on cr: OpaquePointer) {
    if let fill {
      cairo_set_source_rgb(cr, fill.red, fill.green, fill.blue)
      if stroke == nil { cairo_fill(cr) } else { cairo_fill_preserve(cr) }
    }
    if let stroke {
      cairo_set_source_rgb(cr, stroke.color.red, stroke.color.green, stroke.color.blue)
      cairo_set_line_width(cr, stroke.width)
      cairo_stroke(cr)
    }
    cairo_new_path(cr)
  }

  private func draw(_ run: TextRun, on cr: OpaquePointer) {
    guard !run.text.isEmpty else { return }
    if run.letterSpacing == 0 {
      let color = run.style.color
      cairo_set_source_rgb(cr, color.red, color.green, color.blue)
      cairo_move_to(cr, run.origin.x, run.origin.y)
      let justified = run.justified ? run.width : nil
      if measurer.showLine(run.text, style: run.style, justifiedWidth: justified, on: cr) {
        return
      }
    }
    let layout = measurer.makeLayout(run.text, style: run.style, letterSpacing: run.letterSpacing)
    defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
    if run.justified {
      // One line stretched to its measure: the spaces grow, never the letters.
      pango_layout_set_width(layout, Int32(run.width * Double(PANGO_SCALE)) + 4)
      pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
      pango_layout_set_justify(layout, 1)
      pango_layout_set_justify_last_line(layout, 1)
    }
    let color = run.style.color
    cairo_set_source_rgb(cr, color.red, color.green, color.blue)
    let count = pango_layout_get_line_count(layout)
    var y = run.origin.y
    for index in 0..<count {
      guard let line = pango_layout_get_line_readonly(layout, index) else { continue }
      cairo_move_to(cr, run.origin.x, y)
      pango_cairo_show_layout_line(cr, line)
      y += run.style.lineHeight
    }
  }
}
