import Foundation

/// A place in an input file: where a problem was found.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  /// The file's path as the user gave it.
  public var file: String
  /// The 1-based line, when known.
  public var line: Int?
  /// The 1-based column, when known.
  public var column: Int?
  /// In a spreadsheet, the sheet and cell, `budget!B12`, in place of line and column.
  public var cell: String?

  /// Creates a location.
  public init(file: String, line: Int? = nil, column: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// Creates the location of a spreadsheet cell: `budget!B12`.
  public init(file: String, cell: String) {
    self.file = file
    self.cell = cell
  }

  /// `file:line:column`, as compilers print it, so editors can jump there; `file:sheet!B12`
  /// for a spreadsheet cell.
  public var description: String {
    var text = file
    if let cell { return text + ":" + cell }
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    return text
  }
}

/// One thing wrong with the input, with where it is and how to fix it.
public struct DataProblem: Hashable, Sendable, CustomStringConvertible {
  /// How serious a problem is.
  public enum Severity: String, Hashable, Sendable {
    /// The input cannot be used as it is.
    case error
    /// The input is used, but something is probably not what the user meant.
    case warning

    /// The problem's label as printed: "error", "warning", in the user's language.
    public var label: String { self == .error ? tr("error") : tr("warning") }
  }

  /// Error or warning.
  public var severity: Severity
  /// Where it is.
  public var location: SourceLocation
  /// The field path: `axes[2].actions[0].budget`; empty for the whole file.
  public var field: String
  /// What is wrong.
  public var message: String
  /// How to fix it, when there is something to say.
  public var hint: String?
  /// How the field is said to a person, when it is not its machine path: "axis 4
  /// ("Les moyens"), action 1 ("Structuration…"), status" (see ``FieldPath``).
  public var place: String?

  /// Creates a problem.
  public init(
    _ severity: Severity = .error, at location: SourceLocation, field: String, message: String,
    hint: String? = nil
  ) {
    self.severity = severity
    self.location = location
    self.field = field
    self.message = message
    self.hint = hint
  }

  /// `file:line:col: error: field: message` then an indented hint line, in the
  /// user's language.
  public var description: String {
    var text = "\(location): \(severity.label): "
    let said = place ?? field
    if !said.isEmpty { text += tr("%1: ", said) }
    text += message
    if let hint { text += "\n  " + tr("hint: %1", hint) }
    return text
  }

  /// The problem with its field said as a person counts it (see ``FieldPath``).
  public func counted(titles: [String: String]) -> DataProblem {
    var problem = self
    problem.place = FieldPath.human(field, titles: titles)
    return problem
  }
}

/// The error thrown when input cannot be used: every problem found, not only the first.
public struct DataError: Error, Sendable, CustomStringConvertible {
  /// The problems, errors and warnings, in file order.
  public var problems: [DataProblem]

  /// Creates the error.
  public init(problems: [DataProblem]) { self.problems = problems }

  /// The error of a data file that cannot be opened or read.
  public static func unreadable(_ path: String) -> DataError {
    DataError(problems: [
      DataProblem(
        at: SourceLocation(file: path), field: "", message: tr("cannot read the file"),
        hint: tr("check that %1 exists and is readable", path))
    ])
  }

  /// A data file's bytes.
  /// - Throws: ``unreadable(_:)`` when it cannot be read.
  public static func contents(of path: String) throws(DataError) -> Data {
    do {
      return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw unreadable(path)
    }
  }

  /// How many problems are printed in full; the rest are counted.
  public static let printedProblems = 50

  /// One problem per paragraph: the first ``printedProblems`` in full, then a count.
  public var description: String { report(limit: Self.printedProblems) }

  /// The problems as text, the first `limit` in full, then how many more there are.
  ///
  /// A broken export can hold thousands of problems: a terminal shows the first
  /// fifty, then "… and 1234 more problems".
  public func report(limit: Int) -> String {
    let shown = max(0, limit)
    var lines = problems.prefix(shown).map(\.description)
    let more = problems.count - lines.count
    if more == 1 { lines.append(tr("… and 1 more problem")) }
    if more > 1 { lines.append(tr("… and %1 more problems", more)) }
    return lines.joined(separator: "\n")
  }
}
