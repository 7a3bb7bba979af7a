import Foundation
import ReportModel
import Yams

/// The templates a document is built with: its words and its theme.
public struct Templates: Sendable {
  /// The words (`words.yaml`).
  public var words: Words
  /// The theme (`theme.yaml`).
  public var theme: Theme

  /// Creates templates from values.
  public init(words: Words, theme: Theme) {
    self.words = words
    self.theme = theme
  }

  /// Reads `words.yaml` and `theme.yaml` from a folder and checks every text.
  ///
  /// Every placeholder of `words.yaml` is checked against the ones its text takes;
  /// a group of words (``WordGroup``) may be left out unless its document is in
  /// `groups`, the documents about to be written.
  /// - Throws: ``DataError`` naming the file, line and key of each problem.
  public static func load(directory: String, requiring groups: Set<WordGroup> = [])
    throws(DataError) -> Templates
  {
    let file = directory + "/words.yaml"
    let words: Words = try decode(Words.self, file: file)
    var theme: Theme = try decode(Theme.self, file: directory + "/theme.yaml")
    // A relative dictionary is the templates folder's own (an installed copy:
    // `<prefix>/share/report/hyphen/hyph_fr.dic` beside `templates/`).
    if !theme.hyphenation.dictionary.hasPrefix("/") {
      theme.hyphenation.dictionary = directory + "/" + theme.hyphenation.dictionary
    }
    if words.format.months.count != 12 {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: file), field: "format.months",
          message: tr("expected 12 month names, found %1", words.format.months.count))
      ])
    }
    let missing = WordGroup.allCases.filter { groups.contains($0) && !words.groups.contains($0) }
    guard missing.isEmpty else {
      throw DataError(
        problems: missing.map { group in
          DataProblem(
            at: SourceLocation(file: file), field: group.rawValue,
            message: tr("missing key `%1`: the words of the %2", group.rawValue, group.document),
            hint: tr(
              "add a `%1:` group (the repository's templates/words.yaml has one)", group.rawValue)
          )
        })
    }
    return Templates(words: words, theme: theme)
  }

  /// Plain scalars are typed only as booleans and merge keys (`<<:`, which a
  /// template may use with anchors): Yams reads numbers from their text whatever
  /// their tag, and its other rules (a regular expression each, tried on every key
  /// and value) cost a fifth of loading the templates.
  static let resolver = Resolver.basic.appending(.bool).appending(.merge)

  /// Decodes a YAML file whose keys are in snake_case into a type with camelCase
  /// properties; checks that texts which are not ``Template``s hold no placeholder.
  static func decode<T: Decodable>(_ type: T.Type, file: String) throws(DataError) -> T {
    func fail(_ message: String, node: Node? = nil, field: String = "", hint: String? = nil)
      -> DataError
    {
      DataError(problems: [
        DataProblem(
          at: SourceLocation(file: file, line: node?.mark?.line, column: node?.mark?.column),
          field: field, message: message, hint: hint)
      ])
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      throw fail(
        tr("cannot read the template"),
        hint:
          tr(
            "the templates folder must hold %1; pass --templates DIR",
            (file as NSString).lastPathComponent)
      )
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw fail(tr("not valid UTF-8 text"))
    }
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text, Self.resolver) else {
        throw fail(tr("the template is empty"))
      }
      root = node
    } catch let error as DataError {
      throw error
    } catch {
      throw DataError(problems: [YAMLSyntax.problem(for: error, file: file)])
    }
    let templates = TemplatePaths()
    let value: T
    do {
      value = try YAMLDecoder().decode(
        type, from: camelCased(root), userInfo: [TemplatePaths.key: templates])
    } catch let error as DecodingError {
      let (path, message) = describe(error)
      let snake = path.map(snakeCased)
      // A template's syntax error comes as "message\n  hint: hint" (TemplateSyntaxError).
      let parts = message.components(separatedBy: "\n  hint: ")
      let node = find(snake, in: root) ?? root
      throw fail(
        parts[0], node: node, field: snake.joined(separator: "."),
        hint: parts.count > 1 ? parts[1] : misspelled(error, in: node))
    } catch {
      throw fail("\(error)")
    }
    var problems: [DataProblem] = []
    checkPlainTexts(root, path: [], templates: templates, file: file, problems: &problems)
    guard problems.isEmpty else { throw DataError(problems: problems) }
    return value
  }

  /// Reports a placeholder, or a brace, in a text that takes none: it would be
  /// printed as written.
  private static func checkPlainTexts(
    _ node: Node, path: [String], templates: TemplatePaths, file: String,
    problems: inout [DataProblem]
  ) {
    switch node {
    case .scalar(let scalar):
      guard scalar.string.contains(where: { $0 == "{" || $0 == "}" }),
        !templates.contains(path.joined(separator: "."))
      else { return }
      do {
        _ = try Template<NoPlaceholders>(scalar.string)
      } catch {
        problems.append(
          DataProblem(
            at: SourceLocation(file: file, line: scalar.mark?.line, column: scalar.mark?.column),
            field: path.map { $0.hasPrefix("[") ? $0 : snakeCased($0) }.joined(separator: "."),
            message: error.message, hint: error.hint))
      }
    case .mapping(let mapping):
      for (key, value) in mapping {
        checkPlainTexts(
          value, path: path + [camelCased(key.string ?? "?")], templates: templates, file: file,
          problems: &problems)
      }
    case .sequence(let sequence):
      for (index, value) in sequence.enumerated() {
        checkPlainTexts(
          value, path: path + ["[\(index)]"], templates: templates, file: file,
          problems: &problems)
      }
    case .alias: break
    }
  }

  private static func camelCased(_ node: Node) -> Node {
    switch node {
    case .mapping(var mapping):
      let pairs = mapping.map { key, value -> (Node, Node) in
        (Node(camelCased(key.string ?? ""), key.tag, .plain), camelCased(value))
      }
      mapping = Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark)
      return .mapping(mapping)
    case .sequence(var sequence):
      sequence = Node.Sequence(
        sequence.map(camelCased), sequence.tag, sequence.style, sequence.mark)
      return .sequence(sequence)
    default:
      return node
    }
  }

  static func camelCased(_ key: String) -> String {
    let parts = key.split(separator: "_")
    guard let first = parts.first else { return key }
    return String(first)
      + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
  }

  static func snakeCased(_ key: String) -> String {
    key.reduce(into: "") { result, character in
      if character.isUppercase {
        result += "_" + character.lowercased()
      } else {
        result.append(character)
      }
    }
  }

  private static func find(_ path: [String], in node: Node) -> Node? {
    var current = node
    for component in path {
      if let index = Int(component), let sequence = current.sequence, index < sequence.count {
        current = sequence[index]
      } else if let next = current[component] {
        current = next
      } else {
        return current
      }
    }
    return current
  }

  /// What a value of a type is, in the words of a person editing the file (never
  /// the Swift type's name).
  static func expectation(for type: Any.Type) -> String {
    switch type {
    case is Double.Type, is Float.Type: return tr("a number, e.g. 10.5")
    case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type:
      return tr("a whole number, e.g. 12")
    case is String.Type: return tr("a text, e.g. \"Inter\"")
    case is Bool.Type: return tr("true or false")
    default:
      let name = String(describing: type)
      if name.hasPrefix("Array") || name.hasPrefix("[") { return tr("a list (one `- ` a line)") }
      return tr("a group of settings (`key: value`, one a line, indented below it)")
    }
  }

  /// For a missing key, the key of the same mapping that looks like its misspelling
  /// (`heigth:` for `height`), said as the hint: its line, and the name to write.
  private static func misspelled(_ error: DecodingError, in node: Node) -> String? {
    guard case .keyNotFound(let key, _) = error, case .mapping(let mapping) = node else {
      return nil
    }
    let wanted = snakeCased(key.stringValue)
    let written = Array(mapping.keys.compactMap(\.string).filter { $0 != wanted })
    guard let typo = Suggestion.closest(to: wanted, among: written),
      let line = mapping.keys.first(where: { $0.string == typo })?.mark?.line
    else { return nil }
    return tr("line %1 says `%2`: did you mean `%3`?", line, typo, wanted)
  }

  private static func describe(_ error: DecodingError) -> ([String], String) {
    func names(_ path: [any CodingKey]) -> [String] {
      path.map { $0.intValue.map(String.init) ?? $0.stringValue }
    }
    switch error {
    case .keyNotFound(let key, let context):
      return (names(context.codingPath), tr("missing key `%1`", snakeCased(key.stringValue)))
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      return (names(context.codingPath), tr("expected %1", expectation(for: type)))
    case .dataCorrupted(let context):
      return (names(context.codingPath), context.debugDescription)
    @unknown default:
      return ([], "\(error)")
    }
  }
}
