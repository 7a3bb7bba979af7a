import Foundation

/// Where the repository is, for tests that read `data/`, `templates/` and `fonts/`.
public enum Repository {
  /// The repository's root folder.
  public static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// A path below the root.
  public static func path(_ relative: String) -> String { root + "/" + relative }

  /// The `report` executable built next to the tests.
  public static var executable: String {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("report").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return path(".build/debug/report")
  }
}

/// What a finished process said.
public struct ProcessOutput: Sendable {
  /// The exit status.
  public var status: Int32
  /// Standard output, as UTF-8.
  public var stdout: String
  /// Standard error, as UTF-8.
  public var stderr: String
}

/// Runs a program to completion.
/// - Parameters:
///   - program: an absolute path, or a name looked up on PATH.
///   - arguments: its arguments.
///   - directory: the working directory.
///   - environment: extra variables.
public func run(
  _ program: String, _ arguments: [String], in directory: String? = nil,
  environment: [String: String] = [:]
) throws -> ProcessOutput {
  let process = Process()
  if program.hasPrefix("/") {
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
  } else {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
  }
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  // Read both pipes before waiting, so a large output cannot block the child.
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return ProcessOutput(
    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh empty folder under the system's temporary folder.
public func temporaryFolder(_ name: String = "report-tests") throws -> String {
  let path = NSTemporaryDirectory() + "/\(name)-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// What is wrong with a PDF, as three independent readers see it; empty when all is well.
///
/// `qpdf --check` must pass, and poppler (`pdftoppm`) and mupdf (`mutool draw`) must
/// render every page without a warning and count the same pages.
public func pdfProblems(_ path: String) throws -> [String] {
  var problems: [String] = []
  let check = try run("qpdf", ["--check", path])
  if check.status != 0 { problems.append("qpdf --check: \(check.stdout)\(check.stderr)") }
  let folder = try temporaryFolder("report-render")
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let poppler = try run("pdftoppm", ["-r", "12", "-png", path, folder + "/p"])
  if poppler.status != 0 || !poppler.stderr.isEmpty {
    problems.append("pdftoppm: \(poppler.stderr)")
  }
  let popplerPages = try FileManager.default.contentsOfDirectory(atPath: folder).count
  let mupdf = try run("mutool", ["draw", "-r", "12", "-o", folder + "/m%d.png", path])
  // This build of mupdf has no colour management and says so once; that is not a
  // problem of the file.
  let warnings = mupdf.stderr.split(separator: "\n").filter {
    !$0.hasPrefix("page ") && $0 != "warning: ICC support is not available"
  }
  if mupdf.status != 0 || !warnings.isEmpty { problems.append("mutool draw: \(warnings)") }
  let mupdfPages =
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("m") }.count
  if popplerPages == 0 || popplerPages != mupdfPages {
    problems.append("pages: poppler \(popplerPages), mupdf \(mupdfPages)")
  }
  return problems
}

/// The line (from 1) of the first line of a file that contains `text`, so that tests
/// naming a line of a year file still hold when fields are added above it.
/// - Throws: when the file cannot be read or no line contains `text`.
public func lineNumber(of text: String, inFile path: String) throws -> Int {
  let lines = try String(contentsOfFile: path, encoding: .utf8)
    .split(separator: "\n", omittingEmptySubsequences: false)
  guard let index = lines.firstIndex(where: { $0.contains(text) }) else {
    throw TestSupportError("no line of \(path) contains \(text)")
  }
  return index + 1
}

/// A test's set-up that could not be made.
public struct TestSupportError: Error, CustomStringConvertible {
  /// What went wrong.
  public var description: String
  /// Creates an error.
  public init(_ description: String) { self.description = description }
}
