import CCairoPango
import CRsvg
import Foundation
import ReportLayout
import Synchronization

/// The picture libraries' seam: PNG through cairo, JPEG decoded by gdk-pixbuf and
/// embedded as its own compressed bytes (cairo's JPEG MIME data), SVG through librsvg
/// as vectors.
///
/// Raster pictures are flattened onto white before they are drawn: PDF/A-1 allows
/// no transparency (no soft mask), and a picture lies on white paper anyway, so the
/// ordinary and the archival files draw the same. An SVG is drawn as vectors; one
/// that may be transparent is, in a file that allows no transparency, drawn onto
/// white at 300 dpi instead. An SVG's text is set with the document's own fonts (the
/// thread's Pango font map is the document's while it is drawn), never with the
/// machine's.
enum Pictures {
  /// Draws `image` on the cairo context `context` (a `cairo_t *`), with `fontMap` for
  /// an SVG's text; a file that cannot be read any more draws a grey box (pictures
  /// are checked before layout, so this is a file changed during the run).
  static func draw(
    _ image: ImageItem, on context: OpaquePointer, fontMap: UnsafeMutableRawPointer,
    flatten: Bool = false
  ) {
    cairo_save(context)
    defer { cairo_restore(context) }
    let drawn: Bool
    switch image.format {
    case .svg where flatten: drawn = drawFlattenedSVG(image, on: context, fontMap: fontMap)
    case .svg: drawn = drawSVG(image, on: context, fontMap: fontMap)
    case .png, .jpeg: drawn = drawRaster(image, on: context)
    }
    if !drawn {
      cairo_rectangle(
        context, image.rect.minX, image.rect.minY, image.rect.width, image.rect.height)
      cairo_set_source_rgb(context, 0.8, 0.8, 0.8)
      cairo_fill(context)
    }
  }

  /// An SVG as vectors, stretched into the box as its viewport.
  private static func drawSVG(
    _ image: ImageItem, on context: OpaquePointer, fontMap: UnsafeMutableRawPointer
  ) -> Bool {
    parsedSVGs.withLock { parsed in
      guard let handle = parsed.handle(of: image.path) else { return false }
      // librsvg sets text with the thread's default font map: the document's fonts.
      pango_cairo_font_map_set_default(OpaquePointer(fontMap))
      defer { pango_cairo_font_map_set_default(nil) }
      var viewport = RsvgRectangle(
        x: image.rect.minX, y: image.rect.minY, width: image.rect.width,
        height: image.rect.height)
      var error: UnsafeMutablePointer<GError>?
      let ok = rsvg_handle_render_document(handle.pointer, context, &viewport, &error)
      if let error { g_error_free(error) }
      return ok != 0
    }
  }

  /// The SVG files last read, parsed.
  ///
  /// A letter's logo is read and parsed once, not once a member (parsing was 2.3 % of
  /// the time of 1 000 members' convocations). librsvg's handles are not made for two
  /// threads at once: the lock is held while one draws.
  private static let parsedSVGs = Mutex(ParsedSVGs())

  /// A parsed SVG file: used only under ``parsedSVGs``' lock, which makes it safe to
  /// hand from one thread to the next.
  struct SVGHandle: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<RsvgHandle>
  }

  /// A few parsed SVG files by path, the one used last first.
  struct ParsedSVGs: ~Copyable {
    /// How many are kept: the pictures of a document are mostly drawn once each, and
    /// their parsed trees are not worth holding; a logo on every page or letter is.
    static let capacity = 4
    private var entries: [(file: FileIdentity, handle: SVGHandle)] = []

    /// A file as it is now: its path, and what changes when it is written again.
    struct FileIdentity: Equatable {
      var path: String
      var device: UInt64
      var inode: UInt64
      var size: Int64
      var modifiedSeconds: Int
      var modifiedNanoseconds: Int

      /// The file at `path` now, nil when there is none.
      init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.path = path
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        modifiedSeconds = status.st_mtim.tv_sec
        modifiedNanoseconds = status.st_mtim.tv_nsec
      }
    }

    /// The parsed file at `path`, read and parsed when it is not kept as it is now (a
    /// file written again is read again); nil when it cannot be read or parsed
    /// (nothing is kept then).
    mutating func handle(of path: String) -> SVGHandle? {
      guard let file = FileIdentity(path: path) else { return nil }
      if let index = entries.firstIndex(where: { $0.file == file }) {
        let entry = entries.remove(at: index)
        entries.insert(entry, at: 0)
        return entry.handle
      }
      guard let data = FileManager.default.contents(atPath: path) else { return nil }
      var error: UnsafeMutablePointer<GError>?
      let handle = data.withUnsafeBytes { bytes in
        rsvg_handle_new_from_data(
          bytes.bindMemory(to: UInt8.self).baseAddress, gsize(bytes.count), &error)
      }
      guard let handle else {
        if let error { g_error_free(error) }
        return nil
      }
      // What was parsed of the file before it was written again goes.
      if let stale = entries.firstIndex(where: { $0.file.path == path }) {
        g_object_unref(UnsafeMutableRawPointer(entries.remove(at: stale).handle.pointer))
      }
      entries.insert((file, SVGHandle(pointer: handle)), at: 0)
      if entries.count > Self.capacity, let last = entries.popLast() {
        g_object_unref(UnsafeMutableRawPointer(last.handle.pointer))
      }
      return entries[0].handle
    }

    deinit {
      for entry in entries { g_object_unref(UnsafeMutableRawPointer(entry.handle.pointer)) }
    }
  }

  /// The resolution an SVG is flattened at, dots per inch.
  static let flatteningResolution = 300.0

  /// An SVG drawn onto white in an opaque picture at ``flatteningResolution``, and
  /// that picture drawn into the box.
  private static func drawFlattenedSVG(
    _ image: ImageItem, on context: OpaquePointer, fontMap: UnsafeMutableRawPointer
  ) -> Bool {
    let scale = flatteningResolution / 72
    let width = Int32(max(1, min(8000, (image.rect.width * scale).rounded(.up))))
    let height = Int32(max(1, min(8000, (image.rect.height * scale).rounded(.up))))
    guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height) else {
      return false
    }
    defer { cairo_surface_destroy(surface) }
    guard let inner = cairo_create(surface) else { return false }
    cairo_set_source_rgb(inner, 1, 1, 1)
    cairo_paint(inner)
    let box = ImageItem(
      path: image.path, format: .svg,
      rect: Rect(x: 0, y: 0, width: Double(width), height: Double(height)))
    let drawn = drawSVG(box, on: inner, fontMap: fontMap)
    cairo_destroy(inner)
    guard drawn else { return false }
    cairo_surface_flush(surface)
    cairo_translate(context, image.rect.minX, image.rect.minY)
    cairo_scale(
      context, image.rect.width / Double(width), image.rect.height / Double(height))
    cairo_set_source_surface(context, surface, 0, 0)
    cairo_rectangle(context, 0, 0, Double(width), Double(height))
    cairo_fill(context)
    return true
  }

  /// A PNG or JPEG, flattened onto white, scaled into the box.
  private static func drawRaster(_ image: ImageItem, on context: OpaquePointer) -> Bool {
    guard let surface = flattenedSurface(image) else { return false }
    defer { cairo_surface_destroy(surface) }
    let width = Double(cairo_image_surface_get_width(surface))
    let height = Double(cairo_image_surface_get_height(surface))
    guard width > 0, height > 0 else { return false }
    cairo_translate(context, image.rect.minX, image.rect.minY)
    cairo_scale(context, image.rect.width / width, image.rect.height / height)
    cairo_set_source_surface(context, surface, 0, 0)
    cairo_pattern_set_filter(cairo_get_source(context), CAIRO_FILTER_GOOD)
    // A filled rectangle rather than cairo_paint: cairo 1.16 fails its tags ("invalid
    // tag nesting") when a paint is the first drawing of a page inside an element.
    cairo_rectangle(context, 0, 0, width, height)
    cairo_fill(context)
    return true
  }

  /// The picture's pixels on white in an opaque (RGB24) surface; a JPEG's surface
  /// carries the file's bytes, which the PDF embeds as they are (DCTDecode).
  private static func flattenedSurface(_ image: ImageItem) -> OpaquePointer? {
    let source: OpaquePointer?
    var jpeg: Data?
    switch image.format {
    case .png:
      source = cairo_image_surface_create_from_png(image.path)
    case .jpeg:
      jpeg = FileManager.default.contents(atPath: image.path)
      source = decodedWithPixbuf(image.path)
    case .svg:
      return nil
    }
    guard let source, cairo_surface_status(source) == CAIRO_STATUS_SUCCESS else {
      if let source { cairo_surface_destroy(source) }
      return nil
    }
    defer { cairo_surface_destroy(source) }
    let width = cairo_image_surface_get_width(source)
    let height = cairo_image_surface_get_height(source)
    guard let flat = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height) else {
      return nil
    }
    let context = cairo_create(flat)
    cairo_set_source_rgb(context, 1, 1, 1)
    cairo_paint(context)
    cairo_set_source_surface(context, source, 0, 0)
    cairo_paint(context)
    cairo_destroy(context)
    cairo_surface_flush(flat)
    if let jpeg {
      // Cairo frees the copy with the surface.
      let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: jpeg.count)
      jpeg.copyBytes(to: bytes, count: jpeg.count)
      cairo_surface_set_mime_data(
        flat, CAIRO_MIME_TYPE_JPEG, bytes, UInt(jpeg.count),
        { pointer in pointer?.assumingMemoryBound(to: UInt8.self).deallocate() }, bytes)
    }
    return flat
  }

  /// A JPEG decoded by gdk-pixbuf into a cairo surface.
  private static func decodedWithPixbuf(_ path: String) -> OpaquePointer? {
    var error: UnsafeMutablePointer<GError>?
    guard let pixbuf = gdk_pixbuf_new_from_file(path, &error) else {
      if let error { g_error_free(error) }
      return nil
    }
    defer { g_object_unref(UnsafeMutableRawPointer(pixbuf)) }
    let width = gdk_pixbuf_get_width(pixbuf)
    let height = gdk_pixbuf_get_height(pixbuf)
    let channels = Int(gdk_pixbuf_get_n_channels(pixbuf))
    let hasAlpha = gdk_pixbuf_get_has_alpha(pixbuf) != 0
    let sourceStride = Int(gdk_pixbuf_get_rowstride(pixbuf))
    guard channels >= 3, let pixels = gdk_pixbuf_get_pixels(pixbuf),
      let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height),
      let target = cairo_image_surface_get_data(surface)
    else { return nil }
    let stride = Int(cairo_image_surface_get_stride(surface))
    for y in 0..<Int(height) {
      for x in 0..<Int(width) {
        let from = pixels + y * sourceStride + x * channels
        var red = Int(from[0])
        var green = Int(from[1])
        var blue = Int(from[2])
        if hasAlpha && channels == 4 {
          let alpha = Int(from[3])
          red = (red * alpha + 255 * (255 - alpha)) / 255
          green = (green * alpha + 255 * (255 - alpha)) / 255
          blue = (blue * alpha + 255 * (255 - alpha)) / 255
        }
        let to = (target + y * stride + x * 4).withMemoryRebound(to: UInt32.self, capacity: 1) {
          $0
        }
        to.pointee = 0xFF00_0000 | UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue)
      }
    }
    cairo_surface_mark_dirty(surface)
    return surface
  }
}
