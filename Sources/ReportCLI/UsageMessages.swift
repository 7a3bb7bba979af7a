import ReportModel

/// The command-line parser's own messages (ArgumentParser writes them in English), in
/// the user's language.
enum UsageMessages {
  /// One shape of the parser's lines: its pattern, and the message it becomes.
  private struct Shape: @unchecked Sendable {
    var pattern: Regex<AnyRegexOutput>
    var say: ([String]) -> String
  }

  // swift-format-ignore: NeverUseForceTry
  // Literal patterns: they compile, or the tests fail at once.
  private static let shapes: [Shape] = [
    Shape(
      pattern: try! Regex(#"^Error: Unknown option '([^']*)'\. Did you mean '([^']*)'\?$"#),
      say: { tr("Error: Unknown option '%1'. Did you mean '%2'?", $0[0], $0[1]) }),
    Shape(
      pattern: try! Regex(#"^Error: Unknown option '([^']*)'$"#),
      say: { tr("Error: Unknown option '%1'", $0[0]) }),
    Shape(
      pattern: try! Regex(#"^Error: Missing value for '([^']*)'$"#),
      say: { tr("Error: Missing value for '%1'", $0[0]) }),
    Shape(
      pattern: try! Regex(#"^Error: Missing expected argument '([^']*)'$"#),
      say: { tr("Error: Missing expected argument '%1'", $0[0]) }),
    Shape(
      pattern: try! Regex(#"^Error: Missing one of: (.*)$"#),
      say: { tr("Error: Missing one of: %1", $0[0]) }),
    Shape(
      pattern: try! Regex(#"^Error: The value '([^']*)' is invalid for '([^']*)'(.*)$"#),
      say: { tr("Error: The value '%1' is invalid for '%2'", $0[0], $0[1]) + $0[2] }),
    Shape(
      pattern: try! Regex(#"^Error: Unexpected argument '([^']*)'$"#),
      say: { tr("Error: Unexpected argument '%1'", $0[0]) }),
    Shape(
      pattern: try! Regex(#"^Error: (\d+) unexpected arguments: (.*)$"#),
      say: { tr("Error: %1 unexpected arguments: %2", $0[0], $0[1]) }),
    Shape(
      pattern: try! Regex(
        #"^Error: The option '([^']*)' does not take any value, but '([^']*)' was specified\.$"#),
      say: {
        tr("Error: The option '%1' does not take any value, but '%2' was specified.", $0[0], $0[1])
      }
    ),
    Shape(
      pattern: try! Regex(#"^Error: Value to be set with (.*) had already been set with (.*)$"#),
      say: { tr("Error: Value to be set with %1 had already been set with %2", $0[0], $0[1]) }),
    // Any other error: the text after the label is ours (a ValidationError, already
    // in the user's language).
    Shape(pattern: try! Regex(#"^Error: (.*)$"#), say: { tr("Error: %1", $0[0]) }),
    Shape(pattern: try! Regex(#"^Help:  (.*)$"#), say: { tr("Help:  %1", $0[0]) }),
    Shape(pattern: try! Regex(#"^Usage: (.*)$"#), say: { tr("Usage: %1", $0[0]) }),
    Shape(
      pattern: try! Regex(#"^  See '([^']*)' for more information\.$"#),
      say: { tr("  See '%1' for more information.", $0[0]) }),
  ]

  /// The parser's message with each line it wrote in the user's language; lines of
  /// another shape (the help itself) are kept.
  static func translated(_ message: String) -> String {
    message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      let line = String(line)
      for shape in shapes {
        guard let match = try? shape.pattern.wholeMatch(in: line) else { continue }
        let captures = match.output.dropFirst().map { $0.substring.map(String.init) ?? "" }
        return shape.say(captures)
      }
      return line
    }.joined(separator: "\n")
  }
}
