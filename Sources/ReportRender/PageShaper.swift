import Dispatch
import ReportLayout

/// Shapes the text of the next page on another thread, with another measurer's
/// fonts, while the renderer draws the page before: drawing a run whose glyphs
/// measuring no longer keeps (a large document's cells, or those a helper measured)
/// then costs no shaping on the drawing thread.
///
/// The glyphs cross threads as plain values (``PangoMeasurer/Preshaped``) and are
/// drawn in the drawing measurer's own fonts, so the file is the same, byte for
/// byte, as when every run is shaped where it is drawn.
final class PageShaper: @unchecked Sendable {
  /// Used on `queue` only.
  private let measurer: PangoMeasurer
  private let queue = DispatchQueue(label: "report.page-shaper")

  /// Creates a shaper with `measurer`, which nothing else may use while it shapes.
  init(measurer: PangoMeasurer) { self.measurer = measurer }

  /// Waits until every page handed over is shaped: the measurer is free again.
  func drain() { queue.sync {} }

  /// The glyphs of one page's text runs, being shaped.
  final class Glyphs: @unchecked Sendable {
    fileprivate var runs: [PangoMeasurer.Preshaped?] = []
    private let done = DispatchSemaphore(value: 0)
    private var waited = false

    fileprivate func finish() { done.signal() }

    /// The glyphs of each text run of the page, in order, once they are shaped.
    ///
    /// `nil` for a run the drawing measurer shapes (it keeps its glyphs, or they
    /// cannot be carried over).
    func wait() -> [PangoMeasurer.Preshaped?] {
      if !waited {
        done.wait()
        waited = true
      }
      return runs
    }
  }

  /// Starts shaping the text runs of `page` for which `wanted` (in the order of the
  /// page's text runs) is `true`.
  func shape(_ page: Page, wanted: [Bool]) -> Glyphs {
    let glyphs = Glyphs()
    queue.async { [self] in
      var runs: [PangoMeasurer.Preshaped?] = []
      runs.reserveCapacity(wanted.count)
      var index = 0
      for item in page.items {
        guard case .text(let run) = item else { continue }
        runs.append(wanted[index] ? measurer.preshape(run) : nil)
        index += 1
      }
      glyphs.runs = runs
      glyphs.finish()
    }
    return glyphs
  }
}
