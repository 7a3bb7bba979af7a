import ReportModel

/// A `[text](#anchor)` link of a Markdown document: where it points and where it is.
public struct MarkdownAnchorReference: Hashable, Sendable {
  /// The anchor, without `#`.
  public var anchor: String
  /// The 1-based line of the link.
  public var line: Int

  /// Creates a reference.
  public init(anchor: String, line: Int) {
    self.anchor = anchor
    self.line = line
  }
}

extension MarkdownDocument {
  /// Every `#anchor` link, in reading order.
  public var anchorReferences: [MarkdownAnchorReference] {
    var found: [MarkdownAnchorReference] = []
    func visit(_ inlines: [MarkdownInline]) {
      for inline in inlines {
        switch inline.kind {
        case .link(let destination, let inner):
          if case .anchor(let anchor) = destination {
            found.append(MarkdownAnchorReference(anchor: anchor, line: inline.line))
          }
          visit(inner)
        case .emphasis(let inner), .strong(let inner), .strikethrough(let inner): visit(inner)
        default: break
        }
      }
    }
    func visit(_ blocks: [MarkdownBlock]) {
      for block in blocks {
        switch block.kind {
        case .heading(_, let content), .paragraph(let content): visit(content)
        case .list(let list): list.items.forEach { visit($0.blocks) }
        case .blockQuote(let inner): visit(inner)
        case .table(let table): ([table.header] + table.rows).forEach { $0.cells.forEach(visit) }
        case .image, .thematicBreak, .codeBlock: break
        }
      }
    }
    visit(blocks)
    return found
  }

  /// Checks that every `#anchor` link goes to one of `known` (the pack's sections,
  /// once the pack's list is read).
  /// - Throws: a ``ReportModel/DataError`` with each unknown anchor at its line, and
  ///   the closest known anchor as "did you mean", or the list when none is close.
  public func checkAnchors(_ known: Set<String>) throws(DataError) {
    var problems: [DataProblem] = []
    for reference in anchorReferences where !known.contains(reference.anchor) {
      let hint: String
      if let close = closest(to: reference.anchor, among: known) {
        hint = tr("did you mean #%1?", close)
      } else {
        hint = tr(
          "the pack's anchors are %1", known.sorted().map { "#\($0)" }.joined(separator: ", "))
      }
      problems.append(
        DataProblem(
          at: SourceLocation(file: file, line: reference.line), field: "",
          message: tr("the link goes to #%1, which is no section of the pack", reference.anchor),
          hint: hint))
    }
    if !problems.isEmpty { throw DataError(problems: problems) }
  }
}

/// The candidate nearest to `name` by edit distance, if it is near enough to be a typo
/// (for "did you mean").
public func closest(to name: String, among candidates: some Collection<String>) -> String? {
  let limit = max(2, name.count / 3)
  var best: (name: String, distance: Int)?
  for candidate in candidates.sorted() {
    let distance = editDistance(candidate.lowercased(), name.lowercased())
    if distance <= limit, distance < best?.distance ?? Int.max { best = (candidate, distance) }
  }
  return best?.name
}

/// Levenshtein's distance between two strings, by characters.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  var previous = Array(0...b.count)
  for (i, x) in a.enumerated() {
    var current = [i + 1]
    for (j, y) in b.enumerated() {
      current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
    }
    previous = current
  }
  return previous[b.count]
}
