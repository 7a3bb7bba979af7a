import ReportModel
import Synchronization

/// The placeholders a text of the templates may use.
///
/// One caseless enum per shape of text: `Template<PlanLead>` takes `{actions}`,
/// `{axes}` and `{total}`, and a misspelt `{totl}` in `words.yaml` is an error naming
/// the file and line when the templates load.
public protocol PlaceholderNames: Sendable {
  /// The names it takes.
  static var names: [String] { get }
  /// For names that take an argument (`{page:budget}`), the arguments allowed.
  static var arguments: [String: [String]] { get }
}

extension PlaceholderNames {
  /// No name takes an argument.
  public static var arguments: [String: [String]] { [:] }
}

/// A text of `words.yaml` with placeholders, parsed once when the templates load.
///
/// The one syntax: `{name}` is replaced by a value the tool computes (amounts and
/// dates already formatted); `{name:argument}` passes an argument (`{page:budget}`,
/// the page of the budget section). Braces are for placeholders only.
public struct Template<Names: PlaceholderNames>: Sendable, Hashable, Decodable {
  /// A piece of the text.
  enum Part: Sendable, Hashable {
    case text(String)
    case placeholder(name: String, argument: String?)
  }

  /// The text as written.
  public let source: String
  let parts: [Part]

  /// Parses a text.
  /// - Throws: ``TemplateSyntaxError`` for a stray brace or a placeholder `Names` lacks.
  public init(_ source: String) throws(TemplateSyntaxError) {
    self.source = source
    parts = try Self.parse(source)
  }

  /// Decodes and checks a text; the templates loader turns a failure into an error
  /// naming the file, line and key.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    do {
      try self.init(text)
    } catch {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
    }
    (decoder.userInfo[TemplatePaths.key] as? TemplatePaths)?.insert(decoder.codingPath)
  }

  /// The text with each placeholder replaced by its value.
  ///
  /// A placeholder with an argument is given under `name:argument` (`page:budget`),
  /// or else under `name` alone.
  public func render(_ values: [String: String] = [:]) -> String {
    var result = ""
    for part in parts {
      switch part {
      case .text(let text): result += text
      case .placeholder(let name, let argument):
        let value = argument.flatMap { values["\(name):\($0)"] } ?? values[name]
        assert(value != nil, "no value for {\(name)} in \"\(source)\"")
        result += value ?? ""
      }
    }
    return result
  }

  /// The placeholders used, in order: `["page:budget"]`, `["day", "month", "year"]`.
  public var placeholders: [String] {
    parts.compactMap {
      guard case .placeholder(let name, let argument) = $0 else { return nil }
      return argument.map { "\(name):\($0)" } ?? name
    }
  }

  static func parse(_ source: String) throws(TemplateSyntaxError) -> [Part] {
    var parts: [Part] = []
    var text = ""
    var rest = Substring(source)
    while let brace = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
      text += rest[..<brace]
      if rest[brace...].hasPrefix("{{"), let end = rest[brace...].range(of: "}}") {
        let name = rest[rest.index(brace, offsetBy: 2)..<end.lowerBound]
        throw TemplateSyntaxError(
          tr("`{{%1}}`: placeholders take one pair of braces", name), hint: tr("write {%1}", name))
      }
      guard rest[brace] == "{", let close = rest[brace...].firstIndex(of: "}") else {
        throw TemplateSyntaxError(
          tr("a lone `%1`", rest[brace]), hint: tr("braces are for placeholders only: {name}"))
      }
      let inside = rest[rest.index(after: brace)..<close]
      let pieces = inside.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(pieces.first ?? "")
      let argument = pieces.count > 1 ? String(pieces[1]) : nil
      guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" }), !inside.contains("{")
      else {
        throw TemplateSyntaxError(
          tr("`{%1}` is not a placeholder", inside),
          hint: tr("write {name}; this text takes %1", Self.known))
      }
      guard Names.names.contains(name) else {
        let suggestion = Suggestion.closest(to: name, among: Names.names)
        throw TemplateSyntaxError(
          tr("unknown placeholder {%1}", inside),
          hint: (suggestion.map { tr("did you mean {%1}? ", $0) } ?? "")
            + tr("this text takes %1", Self.known))
      }
      let allowed = Names.arguments[name]
      if let allowed, !allowed.contains(argument ?? "") {
        throw TemplateSyntaxError(
          argument.map { tr("{%1:%2}: unknown %1 `%2`", name, $0) }
            ?? tr("{%1} needs an argument", name),
          hint: tr("write {%1:NAME}, NAME one of %2", name, allowed.joined(separator: ", ")))
      }
      if allowed == nil, let argument {
        throw TemplateSyntaxError(
          tr("{%1:%2}: {%1} takes no argument", name, argument), hint: tr("write {%1}", name))
      }
      if !text.isEmpty { parts.append(.text(text)) }
      text = ""
      parts.append(.placeholder(name: name, argument: argument))
      rest = rest[rest.index(after: close)...]
    }
    text += rest
    if !text.isEmpty { parts.append(.text(text)) }
    return parts
  }

  private static var known: String {
    Names.names.isEmpty
      ? tr("no placeholder") : Names.names.map { "{\($0)}" }.joined(separator: ", ")
  }
}

/// Why a text of the templates does not parse.
public struct TemplateSyntaxError: Error, Sendable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// How to fix it.
  public var hint: String

  init(_ message: String, hint: String) {
    self.message = message
    self.hint = hint
  }

  /// The message and its hint.
  public var description: String { "\(message)\n  hint: \(hint)" }
}

/// A text that takes no placeholder: what every plain word of `words.yaml` is
/// checked against.
public enum NoPlaceholders: PlaceholderNames {
  /// None.
  public static let names: [String] = []
}

/// The key paths of the texts decoded as ``Template``s, collected while the words
/// decode, so that the plain texts can be checked to hold no placeholder.
final class TemplatePaths: Sendable {
  // swift-format-ignore: NeverForceUnwrap
  // A non-empty literal: `CodingUserInfoKey(rawValue:)` fails only for invalid keys.
  static let key = CodingUserInfoKey(rawValue: "report.templatePaths")!
  private let paths = Mutex<Set<String>>([])

  func insert(_ path: [any CodingKey]) {
    let name = Self.name(path)
    paths.withLock { _ = $0.insert(name) }
  }

  func contains(_ path: String) -> Bool { paths.withLock { $0.contains(path) } }

  static func name(_ path: [any CodingKey]) -> String {
    path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
  }
}
