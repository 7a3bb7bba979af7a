import Foundation

/// Runs a ``StreamingFinisher`` on a thread of its own, so that finishing (reading
/// cairo's objects, compressing pages, writing the file) overlaps drawing.
///
/// Cairo's bytes come gathered by its sink (``MemorySink``), 64 KiB at a time, and
/// are handed over in order; the finisher's answer (a failure) comes back at each
/// handover. Unchecked `Sendable`: the finisher and the queue are only touched
/// under `condition`'s lock, or by the one worker thread once handed over.
final class FinishingThread: @unchecked Sendable {
  private enum Work {
    case bytes([UInt8])
    case drawn(figures: [PDFFinisher.FigureAlternative], hasOutline: Bool)
    case end
  }

  private let finisher: StreamingFinisher
  private let condition = NSCondition()
  private var queue: [Work] = []
  private var failed = false
  private var done = false

  /// Starts the thread.
  init(_ finisher: StreamingFinisher) {
    self.finisher = finisher
    let thread = Thread { [self] in run() }
    thread.name = "report: finish the PDF"
    thread.start()
  }

  /// Takes cairo's bytes (drawing thread); `false` once the finisher has failed.
  func feed(_ bytes: UnsafeRawBufferPointer) -> Bool { send(.bytes(Array(bytes))) }

  /// The figures drawn and whether the file has bookmarks, given once every page
  /// is drawn, before cairo writes the structure tree.
  func setDrawn(figures: [PDFFinisher.FigureAlternative], hasOutline: Bool) {
    _ = send(.drawn(figures: figures, hasOutline: hasOutline))
  }

  /// Waits for the finisher to read everything, then finishes the file.
  /// - Throws: what ``StreamingFinisher/finish()`` throws.
  func finish() throws(RenderError) {
    if let failure = stop() { throw failure }
    try finisher.finish()
  }

  /// Waits for the thread to read what it was given and stop.
  /// - Returns: the finisher's first failure, if any.
  func stop() -> RenderError? {
    _ = send(.end)
    condition.lock()
    while !done { condition.wait() }
    condition.unlock()
    return finisher.failure
  }

  /// Queues work; waits while a megabyte is queued, so a slow finisher does not let
  /// cairo's whole file pile up.
  private func send(_ work: Work) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while queue.count >= 16 && !failed && !done { condition.wait() }
    queue.append(work)
    condition.signal()
    return !failed
  }

  private func run() {
    while true {
      condition.lock()
      while queue.isEmpty { condition.wait() }
      let work = queue
      queue = []
      condition.broadcast()
      condition.unlock()
      var stop = false
      var ok = true
      for item in work {
        switch item {
        case .bytes(let bytes): ok = bytes.withUnsafeBytes { finisher.feed($0) } && ok
        case .drawn(let figures, let hasOutline):
          finisher.figures = figures
          finisher.hasOutline = hasOutline
        case .end: stop = true
        }
      }
      condition.lock()
      if !ok { failed = true }
      if stop {
        done = true
        condition.broadcast()
        condition.unlock()
        return
      }
      condition.unlock()
    }
  }
}
