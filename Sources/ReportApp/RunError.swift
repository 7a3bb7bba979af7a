import ReportModel

/// Why a run stopped: what went wrong, of which kind, and the message to print.
///
/// The kind survives from where the failure is found to the command line, which maps
/// it to an exit code in one place (``exitCode``), so that a program running `report`
/// (cron, a mail merge) can tell bad data from a full disk without reading the text.
public struct RunError: Error, CustomStringConvertible, Sendable {
  /// What kind of failure it is.
  public enum Kind: String, CaseIterable, Sendable {
    /// The data: the year file, the budget spreadsheet, the accounting export, or an
    /// option that names something missing (a year without a file).
    case input
    /// `templates/words.yaml` or `theme.yaml`.
    case templates
    /// What typesetting needs from the machine: the fonts, the hyphenation patterns,
    /// the PDF/A colour profile.
    case fonts
    /// The output cannot be written: a folder that cannot be created, a read-only
    /// disk, a lock held too long.
    case io
    /// The disk filled up while writing: the inputs are fine, try again with room.
    case diskFull
    /// A bug of this program.
    case `internal`
  }

  /// The kind.
  public var kind: Kind
  /// What to print, with `file:line:column` and hints where there are any.
  public var description: String
  /// The problems one by one, when the failure comes from the data (for `--json`);
  /// empty otherwise.
  public var problems: [DataProblem] = []

  /// Creates an error.
  public init(_ kind: Kind, _ description: String) {
    self.kind = kind
    self.description = description
  }

  /// Creates an error said as a compiler says it, in the user's language:
  /// `place: error: message`, then `  hint: …` on the next line.
  /// - Parameters:
  ///   - place: the file (and line) at fault; `nil` prints `error: message` alone.
  ///   - message: what is wrong, already in the user's language (``Messages``).
  ///   - hint: how to fix it, already translated.
  public init(_ kind: Kind, at place: SourceLocation?, _ message: String, hint: String? = nil) {
    self.init(kind, Self.said(at: place, message, hint: hint))
  }

  /// `place: error: message` and its hint line, in the user's language (see
  /// ``DataProblem/description``).
  public static func said(
    _ severity: DataProblem.Severity = .error, at place: SourceLocation?, _ message: String,
    hint: String? = nil
  ) -> String {
    if let place {
      return DataProblem(severity, at: place, field: "", message: message, hint: hint).description
    }
    var text = severity.label + ": " + message
    if let hint { text += "\n  " + tr("hint: %1", hint) }
    return text
  }

  /// An error of the data, printed problem by problem.
  public static func input(_ error: DataError) -> RunError {
    var failure = RunError(.input, error.description)
    failure.problems = error.problems
    return failure
  }

  /// The process's exit code for this kind.
  ///
  /// `1` for what the user's files must fix
  /// (data, templates, fonts), `3` for output that cannot be written, `4` for a full
  /// disk, `70` (`EX_SOFTWARE`) for a bug. `2` is left to usage errors.
  public var exitCode: Int32 {
    switch kind {
    case .input, .templates, .fonts: return 1
    case .io: return 3
    case .diskFull: return 4
    case .internal: return 70
    }
  }
}
