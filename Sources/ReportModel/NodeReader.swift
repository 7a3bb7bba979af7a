import Yams

/// Reads typed values out of a YAML node tree, collecting every problem on the way.
///
/// Each accessor returns `nil` after recording a problem, so the caller carries on
/// and the user sees all mistakes of a file at once.
final class NodeReader {
  let file: String
  private(set) var problems: [DataProblem] = []
  /// Whether every location is recorded, or only those ``recordsAlways(_:)``
  /// (see ``SourceLocations``).
  let recordsLocations: Bool
  /// Where each text was read, by field path, for checks made after loading.
  private(set) var locations: [String: SourceLocation] = [:]
  /// The title of each counted item, by its path (`axes[3]`), to say it in messages.
  private(set) var titles: [String: String] = [:]

  /// Records where the value at `path` is written (a section, a text, an amount),
  /// for checks made later, when this reader records it.
  func record(_ path: String, _ node: Node) {
    if recordsLocations || Self.recordsAlways(path) { locations[path] = location(node) }
  }

  /// Whether the location of `path` is recorded even when the others are not: a
  /// path outside lists (`assembly.quorum`), and the first budget lines, which the
  /// messages of runs without a problem name.
  static func recordsAlways(_ path: String) -> Bool {
    !path.utf8.contains(0x5B) || path == "budget.charges[0].label"
      || path == "budget.products[0].label"
  }

  /// Records the title of the item at `path`, when it was read.
  func name(_ path: String, _ title: String?) {
    if let title { titles[path] = title }
  }

  /// The problems with their fields said as a person counts them.
  var countedProblems: [DataProblem] { problems.map { $0.counted(titles: titles) } }

  /// The longest text each field may hold, by the field's last name; others 1 000.
  ///
  /// A document prints these on a page: a title of 100 000 characters is a mistake,
  /// not a title.
  static let lengthLimits: [String: Int] = [
    "title": 300, "name": 200, "tagline": 300, "kind": 200, "place": 200, "label": 300,
    "objective": 1_000, "lead": 200, "schedule": 100, "summary": 5_000, "notes": 3_000,
    "priorities": 500, "id": 100, "account": 20, "status": 40, "currency": 10, "date": 40,
    "agenda": 500, "text": 3_000,
  ]

  /// A reader of a file expected to hold about `values` values (the table of
  /// locations, when they are all recorded, is made that large at once, not grown a
  /// value at a time).
  init(file: String, recordsLocations: Bool = true, values: Int = 0) {
    self.file = file
    self.recordsLocations = recordsLocations
    if recordsLocations { locations.reserveCapacity(values) }
  }

  func location(_ node: Node?) -> SourceLocation {
    SourceLocation(file: file, line: node?.mark?.line, column: node?.mark?.column)
  }

  func report(
    _ node: Node?, _ field: String, _ message: String, hint: String? = nil,
    severity: DataProblem.Severity = .error
  ) {
    problems.append(
      DataProblem(severity, at: location(node), field: field, message: message, hint: hint))
  }

  /// Reports a missing value: at its key when the key is written with no value,
  /// else at the mapping that lacks it.
  func reportMissing(_ parent: Node, _ field: String, _ message: String, hint: String) {
    let name = String(field.split(separator: ".").last ?? "")
    let key = parent.mapping?.first { $0.key.scalar?.string == name }?.key
    problems.append(
      DataProblem(
        at: key.map(location) ?? location(parent), field: field, message: message, hint: hint))
  }

  /// The mapping's entries by key; unknown keys are reported as warnings with the
  /// closest known key.
  func mapping(_ node: Node, field: String, known: [String]) -> [String: Node]? {
    guard let mapping = node.mapping else {
      report(node, field, tr("expected a mapping of keys to values, found %1", kind(of: node)))
      return nil
    }
    var result: [String: Node] = [:]
    for (key, value) in mapping {
      guard let name = key.scalar?.string else {
        report(key, field, tr("a key must be plain text"))
        continue
      }
      if !known.contains(name) {
        let path = field.isEmpty ? name : "\(field).\(name)"
        let suggestion = Suggestion.closest(to: name, among: known)
        report(
          key, path, tr("unknown key, ignored"),
          hint: suggestion.map { tr("did you mean `%1`?", $0) }
            ?? tr("known keys here: %1", known.joined(separator: ", ")),
          severity: .warning)
      }
      result[name] = value
    }
    return result
  }

  /// The sequence's elements, or `nil` (reported) when the node is not a sequence.
  func sequence(_ node: Node, field: String) -> [Node]? {
    guard let sequence = node.sequence else {
      report(
        node, field, tr("expected a list (lines starting with `- `), found %1", kind(of: node)))
      return nil
    }
    return Array(sequence)
  }

  /// Whether a node is absent or an explicit null.
  func isNull(_ node: Node?) -> Bool {
    guard let node else { return true }
    return node.scalar != nil && node.null != nil
  }

  /// A text value; numbers written without quotes are accepted as their text.
  func string(
    _ map: [String: Node], _ key: String, parent: Node, field: String, required: Bool
  ) -> String? {
    text(
      map[key], path: field.isEmpty ? key : "\(field).\(key)", parent: parent, required: required)
  }

  /// The text of a scalar node; `parent` locates the problem when the node is missing.
  func text(_ node: Node?, path: String, parent: Node, required: Bool) -> String? {
    guard let node, !isNull(node) else {
      if required {
        reportMissing(
          parent, path, tr("missing required field"),
          hint: tr("add `%1: …`", String(Self.lastName(of: path))))
      }
      return nil
    }
    guard let scalar = node.scalar else {
      report(node, path, tr("expected text, found %1", kind(of: node)))
      return nil
    }
    let value = scalar.string
    if required && value.trimmingWhitespace().isEmpty {
      report(node, path, tr("must not be empty"))
      return nil
    }
    let limit = Self.lengthLimits[String(Self.lastName(of: path))] ?? 1_000
    // Counting characters is slow: a text of no more bytes than the limit fits.
    if value.utf8.count > limit, value.count > limit {
      report(
        node, path, tr("is %1 characters long; at most %2 fit in the document", value.count, limit),
        hint: tr("shorten it"))
      return nil
    }
    if let bad = value.unicodeScalars.first(where: Self.isForbiddenControl) {
      report(
        node, path,
        tr("contains the control character U+%1", String(bad.value, radix: 16, uppercase: true)),
        hint: tr("remove it; only tabs and line breaks are allowed in text"))
      return nil
    }
    if scalar.style == .plain, value.utf8.contains(0x22) {
      report(
        node, path,
        tr("the text has a stray \" (is its opening quote missing?): %1", value.prefix(60)),
        hint: tr("put the whole text in quotes, \"like this\", or remove the \""),
        severity: .warning)
    }
    record(path, node)
    return value
  }

  /// A field's last name, without its index: `label` for `budget.lines[3].label`,
  /// `objective` for `axes[0].objective[2]`.
  static func lastName(of path: String) -> Substring {
    let utf8 = path.utf8
    let start = utf8.lastIndex(of: 0x2E).map { utf8.index(after: $0) } ?? utf8.startIndex
    let end = utf8[start...].firstIndex(of: 0x5B) ?? utf8.endIndex
    return path[start..<end]
  }

  /// A list of texts.
  func strings(_ map: [String: Node], _ key: String, field: String) -> [String] {
    let path = field.isEmpty ? key : "\(field).\(key)"
    guard let node = map[key], !isNull(node), let items = sequence(node, field: path) else {
      return []
    }
    return items.enumerated().compactMap { index, item in
      text(item, path: "\(path)[\(index)]", parent: item, required: true)
    }
  }

  /// An amount of money: ≥ 0, at most two decimals, below ``Money/maximum``.
  func money(
    _ map: [String: Node], _ key: String, parent: Node, field: String, required: Bool
  ) -> Money? {
    let path = field.isEmpty ? key : "\(field).\(key)"
    guard let node = map[key], !isNull(node) else {
      if required {
        reportMissing(
          parent, path, tr("missing required amount"),
          hint: tr("add `%1: 0` or the amount in euros", key))
      }
      return nil
    }
    guard let scalar = node.scalar else {
      report(node, path, tr("expected an amount, found %1", kind(of: node)))
      return nil
    }
    let reading = WrittenAmount.read(scalar.string)
    guard case .amount(let money) = reading else {
      let (message, hint) = WrittenAmount.complaint(scalar.string, reading)
      report(node, path, message, hint: hint)
      return nil
    }
    guard money >= .zero else {
      report(node, path, tr("must not be negative (found %1)", money))
      return nil
    }
    record(path, node)
    return money
  }

  /// The booleans of YAML 1.1, written plain (quoted, they are text).
  static let booleans: [String: Bool] = [
    "yes": true, "Yes": true, "YES": true, "true": true, "True": true, "TRUE": true, "on": true,
    "On": true, "ON": true, "no": false, "No": false, "NO": false, "false": false,
    "False": false, "FALSE": false, "off": false, "Off": false, "OFF": false,
  ]

  /// A node's boolean value, when it is one: YAML's, or `oui`/`non` as the staff
  /// writes them (an addition to the contract's `true`/`false`).
  static func boolean(_ node: Node) -> Bool? {
    guard case .scalar(let scalar) = node, scalar.style == .plain else { return nil }
    switch scalar.string.lowercased() {
    case "oui": return true
    case "non": return false
    default: return booleans[scalar.string]
    }
  }

  /// A yes/no value.
  func bool(_ map: [String: Node], _ key: String, field: String) -> Bool? {
    let path = field.isEmpty ? key : "\(field).\(key)"
    guard let node = map[key], !isNull(node) else { return nil }
    guard let value = Self.boolean(node) else {
      report(
        node, path, tr("expected true or false"),
        hint: tr("write `%1: true` (or oui) or remove the line", key))
      return nil
    }
    return value
  }

  private func kind(of node: Node) -> String {
    switch node {
    case .scalar(let scalar): return "`\(scalar.string.prefix(40))`"
    case .mapping: return tr("a mapping")
    case .sequence: return tr("a list")
    case .alias: return tr("an alias")
    }
  }

  static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D: return false
    case 0x00...0x1F, 0x7F...0x9F: return true
    default: return false
    }
  }
}

/// Finds the closest known word to a mistyped one.
public enum Suggestion {
  /// The known word at the smallest edit distance, if it is close enough to be a typo.
  public static func closest(to word: String, among known: [String]) -> String? {
    let scored = known.map { ($0, distance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, word.count / 3) ? best.0 : nil
  }

  /// Levenshtein distance.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
