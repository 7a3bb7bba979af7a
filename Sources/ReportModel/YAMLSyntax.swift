import Foundation
import Yams

/// Turns Yams' parse errors into problems with a line and column, said in plain words:
/// what happened and how to write it.
///
/// A parser says "found character that cannot start any token" for a tab and "mapping
/// values are not allowed in this context" for an unquoted `title: Plaidoyer : Pacte`;
/// the people who edit the year file are not programmers.
public enum YAMLSyntax {
  /// The problem for an error thrown by Yams while parsing `file`.
  public static func problem(for error: any Error, file: String) -> DataProblem {
    let hint = tr("check the indentation and the quotes around this line")
    switch error as? YamlError {
    case .scanner(let context, let problem, let mark, let yaml),
      .parser(let context, let problem, let mark, let yaml),
      .composer(let context, let problem, let mark, let yaml):
      let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
      if let explained = explain(
        problem, context: context, line: mark.line, column: mark.column, lines: lines)
      {
        return DataProblem(
          at: SourceLocation(file: file, line: explained.line, column: explained.column),
          field: "", message: explained.message, hint: explained.hint)
      }
      return DataProblem(
        at: SourceLocation(file: file, line: mark.line, column: mark.column), field: "",
        message: tr("YAML syntax: %1", problem), hint: hint)
    case .duplicatedKeysInMapping(let duplicates, let context):
      return DataProblem(
        at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
        field: "", message: tr("duplicate key %1", duplicates.joined(separator: ", ")),
        hint: tr("each key may appear once in a mapping"))
    default:
      return DataProblem(
        at: SourceLocation(file: file), field: "",
        message: tr("YAML: %1", String(describing: error)), hint: hint)
    }
  }

  /// What went wrong, where, and how to write it, for the errors people make.
  struct Explained {
    var line: Int
    var column: Int?
    var message: String
    var hint: String
  }

  static func explain(
    _ problem: String, context: YamlError.Context?, line: Int, column: Int,
    lines: [Substring]
  ) -> Explained? {
    func text(_ number: Int) -> Substring? {
      number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }
    // A quote opened and not closed: the parser notices lines later.
    if let open = unclosedQuote(before: line, lines: lines),
      problem.contains("expected") || problem.contains("end of stream")
        || context?.text.contains("quoted scalar") == true
    {
      let written = text(open).map { String(String($0).trimmingWhitespace()) } ?? ""
      return Explained(
        line: open, column: nil,
        message: tr("a quote opened on this line is not closed"),
        hint: tr("close it at the end of the text: %1", written.prefix(80) + "\""))
    }
    if problem.contains("cannot start any token"), let written = text(line) {
      let index = written.index(
        written.startIndex, offsetBy: min(max(column - 1, 0), written.count),
        limitedBy: written.endIndex)
      let character = index.flatMap { $0 < written.endIndex ? written[$0] : nil }
      if character == "\t" {
        return Explained(
          line: line, column: column,
          message: tr("a tab is used here; YAML indents with spaces only"),
          hint: tr("replace the tab with spaces, as many as on the lines around it"))
      }
      if let character {
        return Explained(
          line: line, column: column,
          message: tr("a value cannot start with `%1` unless it is in quotes", character),
          hint: tr("put the value in double quotes: %1", quoted(written)))
      }
    }
    if problem.contains("mapping values are not allowed"), let written = text(line) {
      return Explained(
        line: line, column: column,
        message: tr(
          "the text contains ' : ' (a colon and a space), which YAML reads as a new key"),
        hint: tr("a text that contains ' : ' must be in quotes: %1", quoted(written)))
    }
    if problem.contains("unknown escape character") {
      return Explained(
        line: line, column: column,
        message: tr("a backslash inside double quotes starts an escape"),
        hint: tr("write \\\\ for a backslash, or put the text in single quotes"))
    }
    if problem.contains("expected ',' or") {
      return Explained(
        line: line, column: column,
        message: tr("a list or mapping opened with [ or { is not closed"),
        hint: tr(
          "close it with ] or } on the line where it starts: { account: \"60\", amount: 100 }"))
    }
    if problem.contains("did not find expected") || problem.contains("not allowed in this context")
    {
      return Explained(
        line: line, column: column,
        message: tr("this line is not indented like the lines above it (%1)", problem),
        hint: tr(
          "keys of the same mapping start in the same column, list items (`- `) too; indent with spaces"
        ))
    }
    return nil
  }

  /// The line `key: value` with its value in double quotes: `title: "Plaidoyer : Pacte"`.
  static func quoted(_ line: Substring) -> String {
    let trimmed = String(line).trimmingWhitespace()
    let body = trimmed.hasPrefix("- ") ? trimmed.dropFirst(2) : trimmed
    let prefix = trimmed.hasPrefix("- ") ? "- " : ""
    guard let colon = body.range(of: ": ") else { return "\"\(body)\"" }
    let key = body[..<colon.lowerBound]
    let value = String(body[colon.upperBound...]).trimmingWhitespace()
      .replacingOccurrences(of: "\"", with: "\\\"")
    return "\(prefix)\(key): \"\(value)\""
  }

  /// The first line up to `line` with an odd number of double quotes (not counting
  /// `\"`, nor quotes inside a comment or a single-quoted text): where a quote was
  /// opened and not closed.
  static func unclosedQuote(before line: Int, lines: [Substring]) -> Int? {
    for number in stride(from: 1, through: min(line, lines.count), by: 1) {
      var count = 0
      var previous: Character = " "
      var single = false
      for character in lines[number - 1] {
        if character == "#" && previous == " " && count % 2 == 0 && !single { break }
        if character == "'" && count % 2 == 0 && (previous == " " || single) { single.toggle() }
        if character == "\"" && previous != "\\" && !single { count += 1 }
        previous = character
      }
      if count % 2 == 1 { return number }
    }
    return nil
  }
}
