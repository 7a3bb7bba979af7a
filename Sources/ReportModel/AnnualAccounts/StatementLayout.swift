import Foundation
import Yams

/// How the accounts are grouped into the headings of a compte de résultat: data read
/// from `templates/accounts/*.yaml` (``StatementLayoutLoader``).
///
/// An account goes to the line whose account prefix is its longest prefix; blocks are
/// read on one side (products credit − debit, charges debit − credit); results add and
/// subtract block totals.
public struct StatementLayout: Hashable, Sendable {
  /// One heading, or a sub-total of headings.
  public struct Line: Hashable, Sendable {
    /// The heading as printed: "Cotisations".
    public var label: String
    /// The account prefixes this heading claims (empty for a sub-total).
    public var accounts: [String]
    /// The headings this sub-total adds up (empty for a heading).
    public var lines: [Line]

    /// Creates a heading (`accounts`) or a sub-total (`lines`).
    public init(label: String, accounts: [String] = [], lines: [Line] = []) {
      self.label = label
      self.accounts = accounts
      self.lines = lines
    }

    /// Whether this is a sub-total of other lines.
    public var isGroup: Bool { !lines.isEmpty }
  }

  /// A titled block of lines on one side, with its total: "Produits d'exploitation".
  public struct Block: Hashable, Sendable {
    /// The name results use: `I`, `II`.
    public var id: String
    /// The block's title.
    public var title: String
    /// Products or charges: how its amounts are signed.
    public var side: BudgetSide
    /// The label of the block's total.
    public var total: String
    /// Whether the block comes below the result (contributions volontaires en nature).
    public var below: Bool
    /// The block's lines, in order.
    public var lines: [Line]

    /// Creates a block.
    public init(
      id: String, title: String, side: BudgetSide, total: String, below: Bool = false,
      lines: [Line]
    ) {
      self.id = id
      self.title = title
      self.side = side
      self.total = total
      self.below = below
      self.lines = lines
    }
  }

  /// One block total, added or subtracted in a result.
  public struct Term: Hashable, Sendable {
    /// The block's id.
    public var block: String
    /// Whether the total is subtracted.
    public var negative: Bool

    /// Creates a term.
    public init(block: String, negative: Bool = false) {
      self.block = block
      self.negative = negative
    }
  }

  /// A result computed from block totals: "Résultat d'exploitation (I − II)".
  public struct Result: Hashable, Sendable {
    /// The result as printed.
    public var label: String
    /// The block after which it is printed.
    public var after: String
    /// The block totals it adds and subtracts.
    public var terms: [Term]
    /// Whether this is the excédent or déficit, checked against the accounts.
    public var net: Bool

    /// Creates a result.
    public init(label: String, after: String, terms: [Term], net: Bool = false) {
      self.label = label
      self.after = after
      self.terms = terms
      self.net = net
    }
  }

  /// The statement's title.
  public var name: String
  /// The blocks, in order.
  public var blocks: [Block]
  /// The results, in order.
  public var results: [Result]
  /// The block whose « Autres » line takes unclaimed class 7 accounts.
  public var unclaimedProducts: String
  /// The block whose « Autres » line takes unclaimed class 6 accounts.
  public var unclaimedCharges: String
  /// The label of the « Autres » lines.
  public var unclaimedLabel: String
  /// The names of the chart's classes by number (1 "Comptes de capitaux"…), for the
  /// balance générale.
  public var classNames: [Int: String]

  /// Creates a layout; ``StatementLayoutLoader`` checks a file's before making one.
  public init(
    name: String, blocks: [Block], results: [Result], unclaimedProducts: String,
    unclaimedCharges: String, unclaimedLabel: String, classNames: [Int: String] = [:]
  ) {
    self.name = name
    self.blocks = blocks
    self.results = results
    self.unclaimedProducts = unclaimedProducts
    self.unclaimedCharges = unclaimedCharges
    self.unclaimedLabel = unclaimedLabel
    self.classNames = classNames
  }

  /// The result marked `net`: the excédent or déficit.
  public var netResult: Result? { results.first(where: \.net) }
}

/// Reads a layout of the compte de résultat (`templates/accounts/anc-2018-06.yaml`).
///
/// Every problem is reported with file, line and column: unknown keys (with the
/// closest known one), a prefix claimed by two headings, a heading without a prefix,
/// a result naming a block that does not exist.
public struct StatementLayoutLoader: Sendable {
  /// Creates a loader.
  public init() {}

  /// The layout shipped in `templates/`: the chart of accounts for associations.
  public static let defaultFile = "accounts/anc-2018-06.yaml"

  /// Loads a layout file.
  /// - Parameter path: the file's path, printed as given in messages.
  /// - Throws: ``DataError`` with every problem.
  public func load(path: String) throws(DataError) -> StatementLayout {
    try load(data: DataError.contents(of: path), path: path)
  }

  /// Loads a layout from its bytes.
  /// - Parameters:
  ///   - data: the file's content, UTF-8.
  ///   - path: the name to print in messages.
  /// - Throws: ``DataError`` with every problem.
  public func load(data: Data, path: String) throws(DataError) -> StatementLayout {
    guard var text = String(data: data, encoding: .utf8) else {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path, line: 1), field: "",
          message: tr("the file is not valid UTF-8 text"),
          hint: tr("save it as UTF-8 from your editor"))
      ])
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text, YearLoader.resolver)
    } catch {
      throw DataError(problems: [YAMLSyntax.problem(for: error, file: path)])
    }
    guard let root else {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path, line: 1), field: "", message: tr("the file is empty"),
          hint: tr("start from templates/accounts/anc-2018-06.yaml"))
      ])
    }
    let decoder = LayoutDecoding(reader: NodeReader(file: path))
    let layout = decoder.layout(from: root)
    // In a template, a mistyped key silently drops a heading: it is an error here.
    let problems = decoder.reader.problems.map { problem in
      var problem = problem
      problem.severity = .error
      if problem.message == tr("unknown key, ignored") { problem.message = tr("unknown key") }
      return problem
    }.enumerated().sorted { a, b in
      let left = (a.element.location.line ?? .max, a.element.location.column ?? 0, a.offset)
      let right = (b.element.location.line ?? .max, b.element.location.column ?? 0, b.offset)
      return left < right
    }.map(\.element)
    guard let layout, problems.isEmpty else { throw DataError(problems: problems) }
    return layout
  }
}

/// The layout file's schema, read through a ``NodeReader``.
private struct LayoutDecoding {
  let reader: NodeReader

  /// Where each prefix was first claimed, for the "claimed twice" message.
  private final class Claims {
    var byPrefix: [String: (label: String, location: SourceLocation)] = [:]
  }
  private let claims = Claims()

  init(reader: NodeReader) { self.reader = reader }

  func layout(from root: Node) -> StatementLayout? {
    guard
      let map = reader.mapping(
        root, field: "", known: ["name", "unclaimed", "classes", "blocks", "results"])
    else { return nil }
    let name = reader.string(map, "name", parent: root, field: "", required: true)
    let classNames = classes(map["classes"])
    var blocks: [StatementLayout.Block] = []
    var blockNodes: [Node] = []
    if let node = map["blocks"], !reader.isNull(node),
      let items = reader.sequence(node, field: "blocks")
    {
      if items.isEmpty { reader.report(node, "blocks", tr("a layout needs at least one block")) }
      for (index, item) in items.enumerated() {
        if let block = self.block(item, field: "blocks[\(index)]") {
          blocks.append(block)
          blockNodes.append(item)
        }
      }
    } else {
      reader.report(
        root, "blocks", tr("missing required list"),
        hint: tr("add `blocks:` with the products and charges blocks"))
    }
    var seen: [String: Int] = [:]
    for (index, block) in blocks.enumerated() {
      if let first = seen[block.id] {
        reader.report(
          blockNodes[index].mapping?["id"] ?? blockNodes[index], "blocks[\(index)].id",
          tr("block id `%1` is already the id of blocks[%2]", block.id, first),
          hint: tr("give every block its own id"))
      } else {
        seen[block.id] = index
      }
    }
    let results = self.results(map["results"], parent: root, blocks: blocks)
    let unclaimed = self.unclaimed(map["unclaimed"], parent: root, blocks: blocks)
    guard let unclaimed, let name else { return nil }
    return StatementLayout(
      name: name, blocks: blocks, results: results, unclaimedProducts: unclaimed.products,
      unclaimedCharges: unclaimed.charges, unclaimedLabel: unclaimed.label,
      classNames: classNames)
  }

  /// The optional `classes:` mapping of class digits to names.
  private func classes(_ node: Node?) -> [Int: String] {
    guard let node, !reader.isNull(node) else { return [:] }
    let digits = (0...9).map(String.init)
    guard let map = reader.mapping(node, field: "classes", known: digits) else { return [:] }
    var names: [Int: String] = [:]
    for (key, _) in map {
      guard let digit = Int(key), digits.contains(key) else { continue }
      names[digit] = reader.string(map, key, parent: node, field: "classes", required: true)
    }
    return names
  }

  private func block(_ node: Node, field: String) -> StatementLayout.Block? {
    guard
      let map = reader.mapping(
        node, field: field, known: ["id", "title", "side", "total", "below", "lines"])
    else { return nil }
    let id = reader.string(map, "id", parent: node, field: field, required: true)
    let title = reader.string(map, "title", parent: node, field: field, required: true)
    let total = reader.string(map, "total", parent: node, field: field, required: true)
    let below = reader.bool(map, "below", field: field) ?? false
    var side: BudgetSide?
    if let text = reader.string(map, "side", parent: node, field: field, required: true) {
      side = BudgetSide(rawValue: text)
      if side == nil {
        reader.report(
          map["side"], "\(field).side", tr("`%1` is not a side", text.prefix(40)),
          hint: tr("write `side: products` or `side: charges`"))
      }
    }
    let lines = self.lines(map["lines"], parent: node, field: "\(field).lines")
    // A block missing its title or total is reported, and kept so that the results
    // naming it are not reported as well.
    guard let id, let side else { return nil }
    return StatementLayout.Block(
      id: id, title: title ?? "", side: side, total: total ?? "", below: below, lines: lines)
  }

  private func lines(_ node: Node?, parent: Node, field: String) -> [StatementLayout.Line] {
    guard let node, !reader.isNull(node) else {
      reader.reportMissing(
        parent, field, tr("missing required list of lines"),
        hint: tr("add `lines:` with at least one `- label: … accounts: [\"…\"]`"))
      return []
    }
    guard let items = reader.sequence(node, field: field) else { return [] }
    if items.isEmpty {
      reader.report(node, field, tr("a block or sub-total needs at least one line"))
    }
    return items.enumerated().compactMap { index, item in
      line(item, field: "\(field)[\(index)]")
    }
  }

  private func line(_ node: Node, field: String) -> StatementLayout.Line? {
    guard let map = reader.mapping(node, field: field, known: ["label", "accounts", "lines"])
    else { return nil }
    let label = reader.string(map, "label", parent: node, field: field, required: true)
    let hasAccounts = map["accounts"].map { !reader.isNull($0) } ?? false
    let hasLines = map["lines"].map { !reader.isNull($0) } ?? false
    if hasAccounts && hasLines {
      reader.report(
        map["lines"], "\(field).lines", tr("a line has either `accounts` or `lines`, not both"),
        hint: tr("make the accounts a line of their own inside `lines`"))
      return nil
    }
    if hasLines {
      let lines = self.lines(map["lines"], parent: node, field: "\(field).lines")
      return label.map { StatementLayout.Line(label: $0, lines: lines) }
    }
    guard hasAccounts, let accountsNode = map["accounts"] else {
      reader.report(
        node, field, tr("the heading %1claims no account", label.map { "« \($0) » " } ?? ""),
        hint: tr("add `accounts: [\"…\"]` with the account prefixes it groups, or remove it"))
      return nil
    }
    guard let items = reader.sequence(accountsNode, field: "\(field).accounts") else {
      return nil
    }
    if items.isEmpty {
      reader.report(
        accountsNode, "\(field).accounts",
        tr("the heading %1claims no account", label.map { "« \($0) » " } ?? ""),
        hint: tr("write the account prefixes it groups, e.g. [\"756\"]"))
    }
    var prefixes: [String] = []
    for (index, item) in items.enumerated() {
      let path = "\(field).accounts[\(index)]"
      guard let prefix = reader.text(item, path: path, parent: accountsNode, required: true)
      else { continue }
      guard prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
        reader.report(
          item, path, tr("`%1` is not an account prefix", prefix.prefix(40)),
          hint: tr("write the first digits of the account numbers, e.g. \"6571\""))
        continue
      }
      let location = reader.location(item)
      if let first = claims.byPrefix[prefix] {
        reader.report(
          item, path,
          tr("prefix %1 is already claimed by « %2 » (%3)", prefix, first.label, first.location),
          hint: tr("an account prefix belongs to one heading only; remove one of them"))
        continue
      }
      claims.byPrefix[prefix] = (label ?? "", location)
      prefixes.append(prefix)
    }
    return label.map { StatementLayout.Line(label: $0, accounts: prefixes) }
  }

  private func results(
    _ node: Node?, parent: Node, blocks: [StatementLayout.Block]
  ) -> [StatementLayout.Result] {
    guard let node, !reader.isNull(node), let items = reader.sequence(node, field: "results")
    else {
      reader.report(
        parent, "results", tr("missing required list"),
        hint: tr("add `results:` with at least the excédent ou déficit (`net: true`)"))
      return []
    }
    let ids = Set(blocks.map(\.id))
    var results: [StatementLayout.Result] = []
    for (index, item) in items.enumerated() {
      let field = "results[\(index)]"
      guard
        let map = reader.mapping(item, field: field, known: ["label", "after", "of", "net"])
      else { continue }
      let label = reader.string(map, "label", parent: item, field: field, required: true)
      let after = reader.string(map, "after", parent: item, field: field, required: true)
      if let after, !ids.contains(after) {
        reader.report(
          map["after"], "\(field).after", tr("no block has the id `%1`", after.prefix(40)),
          hint: suggestion(after, ids))
      }
      let net = reader.bool(map, "net", field: field) ?? false
      var terms: [StatementLayout.Term] = []
      let names = reader.strings(map, "of", field: field)
      if names.isEmpty {
        reader.reportMissing(
          item, "\(field).of", tr("a result needs the blocks it adds up"),
          hint: tr("write `of: [I, -II]` for block I minus block II"))
      }
      for (position, name) in names.enumerated() {
        let negative = name.hasPrefix("-") || name.hasPrefix("−")
        let id = negative ? String(name.dropFirst()) : name
        guard ids.contains(id) else {
          reader.report(
            map["of"]?.sequence.map { Array($0) }?[position], "\(field).of[\(position)]",
            tr("no block has the id `%1`", id.prefix(40)), hint: suggestion(id, ids))
          continue
        }
        if let after, let end = blocks.firstIndex(where: { $0.id == after }),
          let at = blocks.firstIndex(where: { $0.id == id }), at > end
        {
          reader.report(
            map["of"]?.sequence.map { Array($0) }?[position], "\(field).of[\(position)]",
            tr("block `%1` comes after `%2`, where this result is printed", id, after),
            hint: tr("print the result after the last block it adds up"))
          continue
        }
        terms.append(StatementLayout.Term(block: id, negative: negative))
      }
      if let label, let after {
        results.append(StatementLayout.Result(label: label, after: after, terms: terms, net: net))
      }
    }
    let nets = results.filter(\.net).count
    if nets != 1 {
      reader.report(
        node, "results",
        nets == 0
          ? tr("no result is marked `net: true`")
          : tr("%1 results are marked `net: true`; one is the excédent ou déficit", nets),
        hint: tr("mark the excédent ou déficit, and only it, with `net: true`"))
    }
    return results
  }

  private func unclaimed(
    _ node: Node?, parent: Node, blocks: [StatementLayout.Block]
  ) -> (products: String, charges: String, label: String)? {
    guard let node, !reader.isNull(node),
      let map = reader.mapping(
        node, field: "unclaimed", known: ["products", "charges", "label"])
    else {
      reader.report(
        parent, "unclaimed", tr("missing required section"),
        hint: tr("add `unclaimed: {products: I, charges: II}`: where unclaimed accounts go"))
      return nil
    }
    let label = reader.string(map, "label", parent: node, field: "unclaimed", required: true)
    var chosen: [BudgetSide: String] = [:]
    for side in [BudgetSide.products, .charges] {
      let field = "unclaimed.\(side.rawValue)"
      guard
        let id = reader.string(
          map, side.rawValue, parent: node, field: "unclaimed", required: true)
      else { continue }
      guard let block = blocks.first(where: { $0.id == id }) else {
        reader.report(
          map[side.rawValue], field, tr("no block has the id `%1`", id.prefix(40)),
          hint: suggestion(id, Set(blocks.map(\.id))))
        continue
      }
      guard block.side == side, !block.below else {
        reader.report(
          map[side.rawValue], field,
          tr("block `%1` is not a block of %2 above the result", id, side.rawValue),
          hint: tr("name a block with `side: %1` and without `below: true`", side.rawValue))
        continue
      }
      chosen[side] = id
    }
    guard let products = chosen[.products], let charges = chosen[.charges], let label else {
      return nil
    }
    return (products, charges, label)
  }

  private func suggestion(_ word: String, _ known: Set<String>) -> String {
    let sorted = known.sorted()
    if let close = Suggestion.closest(to: word, among: sorted) {
      return tr("did you mean `%1`?", close)
    }
    return tr("block ids: %1", sorted.joined(separator: ", "))
  }
}
