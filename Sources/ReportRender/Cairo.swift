import CCairoPango
import Foundation
import ReportLayout

/// The cairo seam: surfaces and drawing contexts that own their cairo handles and
/// free them when they go, each status turned into ``RenderError/cairo(_:)``.
///
/// With ``PangoMeasurer`` (Pango), ``FontLibrary`` (fontconfig), ``LibHyphenator``
/// (libhyphen) and ``QPDFDocument`` (qpdf), one of the only files that import C.
final class CairoSurface {
  let pointer: OpaquePointer
  /// Where a PDF surface writes, kept alive as long as the surface.
  private let sink: MemorySink?

  private init(_ pointer: OpaquePointer, sink: MemorySink?) throws(RenderError) {
    self.pointer = pointer
    self.sink = sink
    try checkStatus(cairo_surface_status(pointer))
  }

  deinit { cairo_surface_destroy(pointer) }

  /// A PDF surface writing into memory; PDF 1.4 when `version14` (PDF/A-1, no
  /// object streams from cairo).
  static func pdf(size: Size, into sink: MemorySink, version14: Bool) throws(RenderError)
    -> CairoSurface
  {
    guard
      let surface = cairo_pdf_surface_create_for_stream(
        writeToMemory, Unmanaged.passUnretained(sink).toOpaque(), size.width, size.height)
    else { throw .cairo("cannot create the PDF surface") }
    let result = try CairoSurface(surface, sink: sink)
    if version14 { cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_4) }
    return result
  }

  /// An opaque RGB image of `width` × `height` pixels.
  static func image(width: Int, height: Int) throws(RenderError) -> CairoSurface {
    guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
    else { throw .cairo("cannot create an image of \(width) × \(height) pixels") }
    return try CairoSurface(surface, sink: nil)
  }

  /// What the PDF information dictionary says (title, author… and the dates).
  func setMetadata(_ metadata: PDFMetadata) {
    let date = metadata.isoDate
    for (key, value) in [
      (CAIRO_PDF_METADATA_TITLE, metadata.title), (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
      (CAIRO_PDF_METADATA_SUBJECT, metadata.subject),
      (CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords),
      (CAIRO_PDF_METADATA_CREATOR, metadata.creator), (CAIRO_PDF_METADATA_CREATE_DATE, date),
      (CAIRO_PDF_METADATA_MOD_DATE, date),
    ] {
      cairo_pdf_surface_set_metadata(pointer, key, value)
    }
  }

  /// The size of the PDF pages that follow.
  func setPageSize(_ size: Size) { cairo_pdf_surface_set_size(pointer, size.width, size.height) }

  /// Adds a bookmark under `parent` (0: the root) that jumps to a named destination;
  /// returns its id.
  func addOutline(parent: Int32, title: String, destination: String) -> Int32 {
    cairo_pdf_surface_add_outline(
      pointer, parent, title, "dest='\(escaped(destination))'", CAIRO_PDF_OUTLINE_FLAG_OPEN)
  }

  /// Finishes the surface: a PDF surface writes its last bytes.
  func finish() throws(RenderError) {
    cairo_surface_finish(pointer)
    try checkStatus(cairo_surface_status(pointer))
  }

  /// An image's pixel: red, green and blue, 0 to 255.
  func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8)? {
    cairo_surface_flush(pointer)
    let width = Int(cairo_image_surface_get_width(pointer))
    let height = Int(cairo_image_surface_get_height(pointer))
    guard (0..<width).contains(x), (0..<height).contains(y),
      let data = cairo_image_surface_get_data(pointer)
    else { return nil }
    let stride = Int(cairo_image_surface_get_stride(pointer))
    // RGB24: one native-endian 32-bit word a pixel, 0x00RRGGBB.
    let word = UnsafeRawPointer(data + y * stride + 4 * x).loadUnaligned(as: UInt32.self)
    return (UInt8(word >> 16 & 0xFF), UInt8(word >> 8 & 0xFF), UInt8(word & 0xFF))
  }

  /// The image as PNG bytes.
  func png() throws(RenderError) -> Data {
    let sink = MemorySink()
    try checkStatus(
      cairo_surface_write_to_png_stream(
        pointer, writeToMemory, Unmanaged.passUnretained(sink).toOpaque()))
    return sink.take()
  }
}

/// A drawing context over a surface: the operations the painter uses.
final class CairoContext {
  let pointer: OpaquePointer
  /// The surface, kept alive as long as the context.
  let surface: CairoSurface

  init(_ surface: CairoSurface) throws(RenderError) {
    guard let pointer = cairo_create(surface.pointer) else {
      throw .cairo("cannot create a drawing context")
    }
    self.pointer = pointer
    self.surface = surface
    try checkStatus(cairo_status(pointer))
  }

  deinit { cairo_destroy(pointer) }

  /// The first error of the context, if any.
  func check() throws(RenderError) { try checkStatus(cairo_status(pointer)) }

  func scale(_ factor: Double) { cairo_scale(pointer, factor, factor) }
  func setColor(_ color: Color) {
    cairo_set_source_rgb(pointer, color.red, color.green, color.blue)
  }
  func rectangle(_ rect: Rect) {
    cairo_rectangle(pointer, rect.minX, rect.minY, rect.width, rect.height)
  }
  func move(to point: Point) { cairo_move_to(pointer, point.x, point.y) }
  func line(to point: Point) { cairo_line_to(pointer, point.x, point.y) }
  /// An arc around `center`, angles in radians clockwise from 3 o'clock (cairo's).
  func arc(center: Point, radius: Double, from start: Double, to end: Double) {
    cairo_arc(pointer, center.x, center.y, radius, start, end)
  }
  func closePath() { cairo_close_path(pointer) }
  func newPath() { cairo_new_path(pointer) }
  /// Fills the path, keeping it when `preserve` (to stroke it next).
  func fill(preserve: Bool = false) {
    if preserve { cairo_fill_preserve(pointer) } else { cairo_fill(pointer) }
  }
  func stroke(width: Double) {
    cairo_set_line_width(pointer, width)
    cairo_stroke(pointer)
  }
  func setRoundJoins() { cairo_set_line_join(pointer, CAIRO_LINE_JOIN_ROUND) }
  func setDash(_ dash: [Double]) { cairo_set_dash(pointer, dash, Int32(dash.count), 0) }
  func paint() { cairo_paint(pointer) }
  func showPage() { cairo_show_page(pointer) }
  /// Opens a tag (a structure element, a link, a destination); ignored on images.
  func beginTag(_ name: String, attributes: String = "") {
    cairo_tag_begin(pointer, name, attributes)
  }
  func endTag(_ name: String) { cairo_tag_end(pointer, name) }
}

/// A value quoted for a cairo tag attribute string.
func escaped(_ value: String) -> String {
  value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
}

private func checkStatus(_ status: cairo_status_t) throws(RenderError) {
  guard status == CAIRO_STATUS_SUCCESS else {
    throw .cairo(String(cString: cairo_status_to_string(status)))
  }
}

/// Where cairo writes a PDF or a PNG before it is finished: memory.
final class MemorySink {
  var data = Data()
  /// When set, takes the bytes instead of ``data``, 64 KiB at a time (`false`: cairo
  /// stops with a write error); ``flush()`` hands over the rest.
  var forward: ((UnsafeRawBufferPointer) -> Bool)?
  private var pending: [UInt8] = []
  private var failed = false

  /// The bytes written, which the sink no longer holds.
  func take() -> Data {
    defer { data = Data() }
    return data
  }

  /// Takes bytes cairo wrote: called for every piece, however small.
  fileprivate func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard forward != nil else {
      data.append(contentsOf: bytes)
      return true
    }
    pending.append(contentsOf: bytes)
    return pending.count < 1 << 16 ? !failed : flush()
  }

  /// Hands what was gathered to ``forward``.
  /// - Returns: `false` once ``forward`` has refused bytes.
  @discardableResult
  func flush() -> Bool {
    if !pending.isEmpty, let forward {
      if !pending.withUnsafeBytes(forward) { failed = true }
      pending.removeAll(keepingCapacity: true)
    }
    return !failed
  }
}

/// Cairo's write callback: the closure is the ``MemorySink``.
private let writeToMemory: cairo_write_func_t = { closure, data, length in
  guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
  // Cairo writes in pieces of a few bytes: the sink is used without retaining it
  // (the surface keeps it alive), and it gathers them before handing them on.
  let received = Unmanaged<MemorySink>.fromOpaque(closure)._withUnsafeGuaranteedRef { sink in
    sink.receive(UnsafeRawBufferPointer(start: data, count: Int(length)))
  }
  return received ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
}

extension LibraryVersions {
  /// The version of the cairo library loaded: "1.16.0".
  static var cairo: String { String(cString: cairo_version_string()) }
}
