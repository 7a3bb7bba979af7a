import Foundation

/// Golden text files kept in the repository, compared with what a test produces.
///
/// Goldens are recorded only on purpose, as swift-argument-parser's are: run the
/// tests with `RECORD_SNAPSHOTS=1` and the golden is written and the test FAILS
/// (so that a recording never passes unseen); run them again without it to check.
public enum Snapshot {
  /// Whether this run records goldens.
  public static var recording: Bool {
    ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  }

  /// What differs between `text` and the golden at `path` (relative to the
  /// repository's root), or `nil` when they are the same.
  ///
  /// When recording, the golden is written and a message says so.
  public static func mismatch(_ text: String, golden path: String) -> String? {
    let full = Repository.path(path)
    if recording {
      let folder = URL(fileURLWithPath: full).deletingLastPathComponent()
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
      } catch {
        return "\(path): cannot record the golden: \(error)"
      }
      return "\(path): golden recorded; run the tests again without RECORD_SNAPSHOTS=1"
    }
    guard let golden = try? String(contentsOfFile: full, encoding: .utf8) else {
      return "\(path): no golden; record it with RECORD_SNAPSHOTS=1 and check it in"
    }
    guard golden != text else { return nil }
    let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
    let actual = text.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expected.count, actual.count) {
      let want = index < expected.count ? String(expected[index]) : "(end)"
      let got = index < actual.count ? String(actual[index]) : "(end)"
      if want != got {
        return
          "\(path):\(index + 1): differs from the golden\n  golden: \(want)\n  now:    \(got)\n  (RECORD_SNAPSHOTS=1 records it again, on purpose)"
      }
    }
    return "\(path): differs from the golden"
  }
}
