import Foundation
import Yams

/// Reads a year file (`data/<year>/report.yaml`) into a ``Year``.
///
/// The loader walks the YAML node tree itself rather than going through `Decodable`,
/// so that every problem names its file, line, column and field path, and so that
/// all problems of a file are reported together.
public struct YearLoader: Sendable {
  /// Creates a loader.
  public init() {}

  /// The result of loading: the year and the warnings that did not stop it.
  public struct Loaded: Sendable {
    /// The year as read.
    public var year: Year
    /// Problems that did not prevent loading (unknown keys…).
    public var warnings: [DataProblem]
    /// Where each text of the year was read, by field path (`axes[0].title`).
    public var locations: SourceLocations
  }

  /// The largest year file read, in bytes: a year file is a few kilobytes, a stress
  /// year of 100 000 budget lines 10 MB; anything larger is a mistake (a wrong file,
  /// a runaway export).
  public static let maximumFileSize = 32 * 1_024 * 1_024

  /// No typing of plain scalars by regular expressions.
  ///
  /// Every field is read from its text (``NodeReader`` recognises yes/no and null
  /// as YAML 1.1 writes them). Yams tries its rules on every key and value; they were a third of the time
  /// spent reading a large year.
  static let resolver = Resolver.basic

  /// Loads a year file from disk.
  /// - Parameter path: the file's path, printed as given in messages.
  /// - Throws: ``DataError`` listing every problem when the file cannot be used.
  public func load(path: String) throws(DataError) -> Loaded {
    let location = SourceLocation(file: path)
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = (attributes?[.size] as? NSNumber)?.intValue, size > Self.maximumFileSize {
      throw DataError(problems: [
        DataProblem(
          at: location, field: "",
          message:
            tr(
              "the file is %1 MB; a year file is at most %2 MB", size / 1_048_576,
              Self.maximumFileSize / 1_048_576),
          hint: tr("check that this is the right file"))
      ])
    }
    return try load(data: DataError.contents(of: path), path: path)
  }

  /// Loads a year file from its bytes.
  /// - Parameters:
  ///   - data: the file's content, UTF-8.
  ///   - path: the name to print in messages.
  /// - Throws: ``DataError`` listing every problem when the content cannot be used.
  public func load(data: Data, path: String) throws(DataError) -> Loaded {
    if data.count > Self.maximumFileSize {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path), field: "",
          message:
            tr(
              "the file is %1 MB; a year file is at most %2 MB", data.count / 1_048_576,
              Self.maximumFileSize / 1_048_576),
          hint: tr("check that this is the right file"))
      ])
    }
    if data.contains(0) {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path, line: 1), field: "",
          message: tr("the file is binary, not text (it contains NUL bytes)"),
          hint: tr("a year file is YAML text; start from data/2019/report.yaml"))
      ])
    }
    guard var text = String(data: data, encoding: .utf8) else {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path, line: 1), field: "",
          message: tr("the file is not valid UTF-8 text"),
          hint: tr("save it as UTF-8 from your editor"))
      ])
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let node: Node?
    do {
      node = try Yams.compose(yaml: text, Self.resolver)
    } catch {
      throw DataError(problems: [YAMLSyntax.problem(for: error, file: path)])
    }
    // Only the locations outside lists are recorded now; the others are found again
    // from the text if a message asks for one (see ``SourceLocations``).
    let reader = NodeReader(file: path, recordsLocations: false)
    guard let root = node else {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path, line: 1), field: "", message: tr("the file is empty"),
          hint: tr("start from data/2019/report.yaml"))
      ])
    }
    let year = YearDecoding(reader: reader).year(from: root)
    let errors = reader.problems.filter { $0.severity == .error }
    guard let year, errors.isEmpty else { throw DataError(problems: reader.countedProblems) }
    return Loaded(
      year: year, warnings: reader.countedProblems,
      locations: SourceLocations(file: path, text: text, recorded: reader.locations))
  }
}
