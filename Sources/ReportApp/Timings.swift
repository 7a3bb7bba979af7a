import Foundation
import Synchronization

/// The time each step of a run takes and the peak memory when it ends, printed on
/// stderr at the end when the environment sets `REPORT_TIMINGS=1` (what
/// `scripts/bench.sh` reports per phase).
///
/// Steps of the documents made in parallel add up, so their sum may exceed the
/// wall time.
public final class Timings: Sendable {
  private struct Steps {
    var order: [String] = []
    var totals: [String: Duration] = [:]
    var peaks: [String: Int] = [:]
  }
  private let steps = Mutex(Steps())
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant
  /// Whether timings are kept and printed.
  public let enabled: Bool

  /// Reads `REPORT_TIMINGS` from the environment.
  public init(environment: [String: String]) {
    enabled = environment["REPORT_TIMINGS"].map { $0 != "" && $0 != "0" } ?? false
    start = clock.now
  }

  /// Runs `body`, adding its duration to `step`.
  func measure<T, E: Error>(_ step: String, _ body: () throws(E) -> T) throws(E) -> T {
    guard enabled else { return try body() }
    let begin = clock.now
    defer { add(step, clock.now - begin) }
    return try body()
  }

  /// Adds a duration measured elsewhere, with the process's peak memory so far.
  func add(_ step: String, _ duration: Duration) {
    guard enabled else { return }
    let peak = Self.peakMemory()
    steps.withLock { steps in
      if steps.totals[step] == nil { steps.order.append(step) }
      steps.totals[step, default: .zero] += duration
      steps.peaks[step] = max(steps.peaks[step] ?? 0, peak)
    }
  }

  /// The largest resident size of the process so far, in kB (`VmHWM`), or 0.
  static func peakMemory() -> Int {
    // "VmHWM:\t   40236 kB"
    ProcessStatus.field("VmHWM")?.split(whereSeparator: \.isWhitespace).first
      .flatMap { Int($0) } ?? 0
  }

  /// The steps and the total so far, one per line ("step: 12.3 ms").
  public var report: String {
    steps.withLock { steps in
      func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(format: "%.1f ms", value)
      }
      func megabytes(_ kilobytes: Int) -> String {
        String(format: "%.0f MB", Double(kilobytes) / 1024)
      }
      let lines = steps.order.map {
        "timing: \($0): \(milliseconds(steps.totals[$0] ?? .zero)) (peak so far \(megabytes(steps.peaks[$0] ?? 0)))"
      }
      let total =
        "timing: total since start: \(milliseconds(clock.now - start)) (peak \(megabytes(Self.peakMemory())))"
      return (lines + [total]).joined(separator: "\n")
    }
  }
}
