import Foundation
import ReportModel

/// A message's subject and text with placeholders, read from `templates/mail/*.txt`.
///
/// The file is plain UTF-8 text. Its first line gives the subject, `Objet : …` (or
/// `Subject: …`), then an empty line, then the text. `{member.name}` is replaced by
/// the value of that name; `{{` and `}}` write a brace. A placeholder that is not
/// known, or known but without a value for this message, is an error naming the
/// template's file, line and column, so a typo never reaches a member.
public struct MailTemplate: Sendable {
  /// The file, as given, for messages.
  public var path: String
  /// The subject line's text, placeholders unexpanded.
  var subject: [Piece]
  /// The body's text, placeholders unexpanded.
  var body: [Piece]

  /// A literal text or a placeholder, with where it is written.
  enum Piece: Sendable {
    case text(String)
    case placeholder(String, line: Int, column: Int)
  }

  /// The subject and text of one message.
  public struct Rendered: Hashable, Sendable {
    /// The subject, one line.
    public var subject: String
    /// The text, lines separated by `\n`.
    public var body: String
  }

  /// Reads a template from disk.
  /// - Throws: ``DataError`` when the file cannot be read or is malformed.
  public init(path: String) throws(DataError) {
    let data = try DataError.contents(of: path)
    try self.init(text: String(decoding: data, as: UTF8.self), path: path)
  }

  /// Reads a template from its text.
  /// - Throws: ``DataError`` when it has no subject line or a brace is unbalanced.
  public init(text: String, path: String) throws(DataError) {
    self.path = path
    var content = text.replacing("\r\n", with: "\n")
    if content.hasPrefix("\u{FEFF}") { content.removeFirst() }
    let lines = content.split(separator: "\n", omittingEmptySubsequences: false)
    let first = String(lines.first ?? "")
    let labels = ["objet", "subject"]
    let colon = first.firstIndex(of: ":")
    let label = colon.map { first[..<$0].trimmingCharacters(in: .whitespaces).lowercased() }
    guard let colon, let label, labels.contains(label) else {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path, line: 1, column: 1), field: "",
          message: tr("the first line of a mail template gives the subject"),
          hint: tr("start the file with `Objet : …`, then an empty line, then the text"))
      ])
    }
    if lines.count > 1, !lines[1].trimmingCharacters(in: .whitespaces).isEmpty {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path, line: 2, column: 1), field: "",
          message: tr("an empty line must follow the subject line"),
          hint: tr("leave line 2 empty; the text starts on line 3"))
      ])
    }
    let subjectText = String(first[first.index(after: colon)...]).trimmingCharacters(
      in: .whitespaces)
    let subjectColumn =
      first.distance(from: first.startIndex, to: colon) + 2
      + (first[first.index(after: colon)...].prefix { $0 == " " }.count)
    var problems: [DataProblem] = []
    subject = Self.pieces(
      subjectText, line: 1, column: subjectColumn, path: path, problems: &problems)
    let bodyText = lines.dropFirst(2).joined(separator: "\n")
    body = Self.pieces(bodyText, line: 3, column: 1, path: path, problems: &problems)
    guard problems.isEmpty else { throw DataError(problems: problems) }
  }

  /// The placeholders of the template, in order, without repetitions.
  public var placeholders: [String] {
    var seen: [String] = []
    for case .placeholder(let name, _, _) in subject + body where !seen.contains(name) {
      seen.append(name)
    }
    return seen
  }

  /// The subject and text with every placeholder replaced.
  /// - Parameter values: the value of each known placeholder; `nil` for one that is
  ///   known but has no value for this message (the year file leaves it out).
  /// - Throws: ``DataError`` naming the template's line and column of every unknown
  ///   or empty placeholder.
  public func render(_ values: [String: String?]) throws(DataError) -> Rendered {
    var problems: [DataProblem] = []
    func expand(_ pieces: [Piece]) -> String {
      var output = ""
      for piece in pieces {
        switch piece {
        case .text(let text): output += text
        case .placeholder(let name, let line, let column):
          let location = SourceLocation(file: path, line: line, column: column)
          switch values[name] {
          case .some(.some(let value)): output += value
          case .some(.none):
            problems.append(
              DataProblem(
                at: location, field: name,
                message: tr("`{%1}` has no value for this message", name),
                hint: tr("fill in `%1` in the year file, or take it out of the template", name)))
          case .none:
            let known = values.keys.sorted()
            let guess = Self.closest(to: name, among: known)
            problems.append(
              DataProblem(
                at: location, field: name, message: tr("unknown placeholder `{%1}`", name),
                hint: guess.map { tr("did you mean `{%1}`?", $0) }
                  ?? "known: " + known.map { "{\($0)}" }.joined(separator: ", ")))
          }
        }
      }
      return output
    }
    let subject = expand(self.subject)
    let body = expand(self.body)
    guard problems.isEmpty else { throw DataError(problems: problems) }
    return Rendered(subject: subject, body: body)
  }

  /// Splits text into literal pieces and `{name}` placeholders.
  static func pieces(
    _ text: String, line startLine: Int, column startColumn: Int, path: String,
    problems: inout [DataProblem]
  ) -> [Piece] {
    var pieces: [Piece] = []
    var literal = ""
    var line = startLine
    var column = startColumn
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      let next = index + 1 < characters.count ? characters[index + 1] : nil
      if (character == "{" && next == "{") || (character == "}" && next == "}") {
        literal.append(character)
        index += 2
        column += 2
        continue
      }
      if character == "{" {
        var end = index + 1
        while end < characters.count, characters[end] != "}", characters[end] != "\n",
          characters[end] != "{"
        {
          end += 1
        }
        let name = String(characters[(index + 1)..<end]).trimmingCharacters(in: .whitespaces)
        let valid =
          !name.isEmpty
          && name.allSatisfy {
            $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".")
          }
        guard end < characters.count, characters[end] == "}", valid else {
          problems.append(
            DataProblem(
              at: SourceLocation(file: path, line: line, column: column), field: "",
              message: tr("a `{` opens no placeholder here"),
              hint: tr("write a placeholder such as {member.name}, or {{ for a brace")))
          literal.append(character)
          index += 1
          column += 1
          continue
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        literal = ""
        pieces.append(.placeholder(name, line: line, column: column))
        column += end - index + 1
        index = end + 1
        continue
      }
      if character == "}" {
        problems.append(
          DataProblem(
            at: SourceLocation(file: path, line: line, column: column), field: "",
            message: tr("a `}` closes no placeholder here"), hint: tr("write }} for a brace")))
      }
      literal.append(character)
      if character == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      index += 1
    }
    if !literal.isEmpty { pieces.append(.text(literal)) }
    return pieces
  }

  /// The known name at the smallest edit distance, when close enough to be a typo.
  static func closest(to word: String, among known: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
      if a.isEmpty { return b.count }
      var previous = Array(0...b.count)
      for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
          current[j] = min(
            previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
      }
      return previous[b.count]
    }
    let scored = known.map { ($0, distance(Array(word), Array($0))) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, word.count / 4) ? best.0 : nil
  }
}
