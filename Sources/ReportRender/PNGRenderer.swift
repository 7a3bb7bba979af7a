import Foundation
import ReportLayout

/// Draws a laid-out page to a PNG image, with the same painter as the PDF: for
/// previews, and for tests that look at what was drawn.
public enum PNGRenderer {
  /// The page as PNG bytes at `dpi` pixels per inch, on white.
  /// - Throws: ``RenderError/cairo(_:)`` when cairo cannot draw or encode it.
  public static func png(of page: Page, dpi: Double, measurer: PangoMeasurer) throws(RenderError)
    -> Data
  {
    try image(of: page, dpi: dpi, measurer: measurer).png()
  }

  /// The page drawn on an image surface.
  static func image(of page: Page, dpi: Double, measurer: PangoMeasurer) throws(RenderError)
    -> CairoSurface
  {
    let scale = dpi / 72
    let width = max(1, Int((page.size.width * scale).rounded(.up)))
    let height = max(1, Int((page.size.height * scale).rounded(.up)))
    let surface = try CairoSurface.image(width: width, height: height)
    let context = try CairoContext(surface)
    context.setColor(.white)
    context.paint()
    context.scale(scale)
    let painter = Painter(measurer: measurer)
    for item in page.items { painter.draw(item, on: context) }
    try context.check()
    return surface
  }

  /// Writes the page to `path` as a PNG image at `dpi`, safely (a temporary file
  /// renamed into place).
  /// - Throws: ``RenderError`` when cairo fails or the file cannot be written.
  public static func write(page: Page, dpi: Double, measurer: PangoMeasurer, to path: String)
    throws(RenderError)
  {
    try AtomicFile.write(try png(of: page, dpi: dpi, measurer: measurer), to: path)
  }
}
