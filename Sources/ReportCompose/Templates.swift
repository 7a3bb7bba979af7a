import Foundation
import Mustache
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

  /// Reads `words.yaml` and `theme.yaml` from a folder and checks every template.
  /// - Throws: ``DataError`` naming the file, line and key of each problem.
  public static func load(directory: String) throws(DataError) -> Templates {
    let words: Words = try decode(Words.self, file: directory + "/words.yaml")
    let theme: Theme = try decode(Theme.self, file: directory + "/theme.yaml")
    if words.format.months.count != 12 {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: directory + "/words.yaml"), field: "format.months",
          message: "expected 12 month names, found \(words.format.months.count)")
      ])
    }
    return Templates(words: words, theme: theme)
  }

  /// Plain scalars are typed only as booleans and merge keys (`<<:`, which a
  /// template may use with anchors): Yams reads numbers from their text whatever
  /// their tag, and its other rules (a regular expression each, tried on every key
  /// and value) cost a fifth of loading the templates.
  static let resolver = Resolver.basic.appending(.bool).appending(.merge)

  /// Decodes a YAML file whose keys are in snake_case into a type with camelCase
  /// properties; checks that every string parses as a Mustache template.
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
        "cannot read the template",
        hint:
          "the templates folder must hold \((file as NSString).lastPathComponent); pass --templates DIR"
      )
    }
    guard let text = String(data: data, encoding: .utf8) else { throw fail("not valid UTF-8 text") }
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text, Self.resolver) else {
        throw fail("the template is empty")
      }
      root = node
    } catch let error as DataError {
      throw error
    } catch {
      throw DataError(problems: [YAMLSyntax.problem(for: error, file: file)])
    }
    var problems: [DataProblem] = []
    checkTemplates(root, path: "", file: file, problems: &problems)
    guard problems.isEmpty else { throw DataError(problems: problems) }
    do {
      return try YAMLDecoder().decode(type, from: camelCased(root))
    } catch let error as DecodingError {
      let (path, message) = describe(error)
      let snake = path.map(snakeCased)
      throw fail(message, node: find(snake, in: root) ?? root, field: snake.joined(separator: "."))
    } catch {
      throw fail("\(error)")
    }
  }

  private static func checkTemplates(
    _ node: Node, path: String, file: String, problems: inout [DataProblem]
  ) {
    switch node {
    case .scalar(let scalar):
      do {
        _ = try MustacheTemplate(string: Words.textPragma + scalar.string)
      } catch {
        problems.append(
          DataProblem(
            at: SourceLocation(file: file, line: scalar.mark?.line, column: scalar.mark?.column),
            field: path, message: "this template does not parse: \(error)",
            hint: "placeholders are written {{name}}"))
      }
    case .mapping(let mapping):
      for (key, value) in mapping {
        let name = key.string ?? "?"
        checkTemplates(
          value, path: path.isEmpty ? name : "\(path).\(name)", file: file, problems: &problems)
      }
    case .sequence(let sequence):
      for (index, value) in sequence.enumerated() {
        checkTemplates(value, path: "\(path)[\(index)]", file: file, problems: &problems)
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

  private static func describe(_ error: DecodingError) -> ([String], String) {
    func names(_ path: [any CodingKey]) -> [String] {
      path.map { $0.intValue.map(String.init) ?? $0.stringValue }
    }
    switch error {
    case .keyNotFound(let key, let context):
      return (names(context.codingPath), "missing key `\(snakeCased(key.stringValue))`")
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return (names(context.codingPath), "wrong type: \(context.debugDescription)")
    case .dataCorrupted(let context):
      return (names(context.codingPath), context.debugDescription)
    @unknown default:
      return ([], "\(error)")
    }
  }
}
