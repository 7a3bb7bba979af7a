import Foundation
import TestSupport

/// A run of `report` made once per test process, on first use, and shared by the
/// suites that only read what it wrote (Swift Testing makes a suite instance per
/// test: an `init` that generated the pack made it once per test).
///
/// Tests that write must use a folder of their own, never `output`.
struct SharedRun: Sendable {
  /// The output folder it wrote to.
  let output: String
  /// What the process said.
  let result: ProcessOutput

  private init(_ arguments: [String]) throws {
    output = try temporaryFolder("report-shared")
    result = try report(arguments + ["--output", output])
  }

  /// `report generate --year 2019`: the pack.
  static let pack = Result { try SharedRun(["generate", "--year", "2019"]) }
  /// `report generate --year 2019 --pdfa`: the pack for the archives.
  static let archivalPack = Result { try SharedRun(["generate", "--year", "2019", "--pdfa"]) }
  /// `report generate --year 2019 --resolutions`: the resolutions sheet.
  static let resolutions = Result {
    try SharedRun(["generate", "--year", "2019", "--resolutions"])
  }
}
