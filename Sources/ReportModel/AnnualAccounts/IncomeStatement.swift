/// The compte de résultat of a fiscal year: the accounts of classes 6, 7 and 8 grouped
/// into the headings of a ``StatementLayout``, with the year's budget and the previous
/// year's accounts beside them.
///
/// Columns: Réalisé Y (``Row/realised``), Budget Y (``Row/budget``), Écart
/// (``Row/gap``: réalisé − budget) and Réalisé Y-1 (``Row/previous``). Making one checks
/// that the excédent or déficit equals the products minus the charges of classes 6 and
/// 7 to the cent, and that every class 6 or 7 account is counted once (see
/// ``verify(against:)``).
public struct IncomeStatement: Hashable, Sendable {
  /// What a row is.
  public enum RowKind: String, Hashable, Sendable {
    /// A block's title: "Produits d'exploitation"; it carries no amounts (zero).
    case title
    /// A heading with the accounts it claims.
    case line
    /// A sub-total of the lines below it (one level deeper).
    case group
    /// The « Autres » line: class 6 or 7 accounts no heading claims.
    case others
    /// A block's total.
    case total
    /// A result computed from block totals.
    case result
    /// The excédent or déficit.
    case net
  }

  /// One printed row with its amounts.
  public struct Row: Hashable, Sendable {
    /// What the row is.
    public var kind: RowKind
    /// The heading as printed.
    public var label: String
    /// The indentation: 0 for titles, totals and results, 1 for a block's lines, one
    /// more for the lines of each sub-total.
    public var level: Int
    /// The id of the row's block; `nil` for results.
    public var block: String?
    /// The side of the row's block; `nil` for results.
    public var side: BudgetSide?
    /// Whether the row is below the result (contributions volontaires en nature).
    public var below: Bool
    /// The year's amount, signed by the side (products credit − debit, charges
    /// debit − credit).
    public var realised: Money
    /// The budget, when the year has one and the row's share of it is known.
    public var budget: Money?
    /// The previous year's amount, when it is given.
    public var previous: Money?
    /// The accounts counted on this row in the Réalisé column (lines and « Autres »).
    public var accounts: [String]

    /// Creates a row.
    public init(
      kind: RowKind, label: String, level: Int, block: String?, side: BudgetSide?,
      below: Bool, realised: Money, budget: Money? = nil, previous: Money? = nil,
      accounts: [String] = []
    ) {
      self.kind = kind
      self.label = label
      self.level = level
      self.block = block
      self.side = side
      self.below = below
      self.realised = realised
      self.budget = budget
      self.previous = previous
      self.accounts = accounts
    }

    /// Réalisé minus budget, when there is a budget: positive when more was spent (or
    /// received) than planned.
    public var gap: Money? { budget.map { realised - $0 } }
  }

  /// The statement's title, from the layout.
  public var title: String
  /// The rows in printed order.
  public var rows: [Row]
  /// Whether the Budget and Écart columns are filled.
  public var hasBudget: Bool
  /// Whether the Réalisé Y-1 column is filled.
  public var hasPrevious: Bool
  /// What did not stop the statement: unclaimed accounts, budget lines that match no
  /// heading (each also shown on an « Autres » line).
  public var warnings: [AccountsFinding]

  /// The excédent (positive) or déficit (negative) of the year.
  public var result: Money { rows.first { $0.kind == .net }?.realised ?? .zero }

  /// Groups a year's account totals into the layout's headings.
  /// - Parameters:
  ///   - layout: the headings (``StatementLayoutLoader``).
  ///   - totals: the year's totals per account; accounts of classes 1 to 5 are ignored.
  ///   - budget: the year's budget, for the Budget and Écart columns.
  ///   - previous: the previous year's totals, for the Réalisé Y-1 column.
  /// - Throws: ``AccountsError`` when a check of ``verify(against:)`` fails.
  public init(
    layout: StatementLayout, totals: [AccountTotal], budget: Budget? = nil,
    previous: [AccountTotal]? = nil
  ) throws(AccountsError) {
    let builder = StatementBuilder(layout: layout)
    let current = builder.assign(AccountTotal.merged(totals))
    let before = previous.map { builder.assign(AccountTotal.merged($0)) }
    let planned = budget.map { builder.place($0) }
    title = layout.name
    hasBudget = budget != nil
    hasPrevious = previous != nil
    rows = builder.rows(current: current, previous: before, budget: planned)
    var warnings: [AccountsFinding] = current.unclaimed.map {
      .unclaimedAccount(account: $0.account, label: $0.label, previousYear: false)
    }
    warnings += (before?.unclaimed ?? []).map {
      .unclaimedAccount(account: $0.account, label: $0.label, previousYear: true)
    }
    warnings += planned?.unplaced ?? []
    self.warnings = warnings
    let errors = verify(against: totals).filter { $0.severity == .error }
    if !errors.isEmpty { throw AccountsError(findings: errors) }
  }

  /// Checks the statement against the totals it was made from.
  ///
  /// - every class 6 or 7 account is on exactly one line above the result;
  /// - every line is the sum of its accounts, every sub-total and total the sum of its
  ///   lines;
  /// - the excédent or déficit equals the products minus the charges of classes 6
  ///   and 7.
  /// - Returns: the errors found; none for a statement made by ``init(layout:totals:budget:previous:)``.
  public func verify(against totals: [AccountTotal]) -> [AccountsFinding] {
    let merged = AccountTotal.merged(totals)
    var findings: [AccountsFinding] = []
    var byNumber: [String: AccountTotal] = [:]
    for total in merged { byNumber[total.account] = total }
    var counts: [String: Int] = [:]
    for row in rows where (row.kind == .line || row.kind == .others) && !row.below {
      for account in row.accounts { counts[account, default: 0] += 1 }
    }
    var expectedResult = Money.zero
    for total in merged where total.accountClass == 6 || total.accountClass == 7 {
      expectedResult += total.credit - total.debit
      let times = counts[total.account] ?? 0
      if times != 1 { findings.append(.accountCount(account: total.account, times: times)) }
    }
    for (index, row) in rows.enumerated() {
      let expected: Money
      switch row.kind {
      case .line, .others:
        expected = row.accounts.map { account in
          guard let total = byNumber[account] else { return Money.zero }
          return row.side == .products ? total.credit - total.debit : total.debit - total.credit
        }.sum()
      case .group:
        expected = children(of: index).map { rows[$0].realised }.sum()
      case .total:
        expected = rows.indices.filter {
          rows[$0].block == row.block && rows[$0].level == 1 && rows[$0].kind != .title
        }.map { rows[$0].realised }.sum()
      case .title, .result, .net:
        continue
      }
      if expected != row.realised {
        findings.append(.rowMismatch(label: row.label, expected: expected, found: row.realised))
      }
    }
    if let net = rows.first(where: { $0.kind == .net }) {
      if net.realised != expectedResult {
        findings.append(.resultMismatch(statement: net.realised, accounts: expectedResult))
      }
    } else {
      findings.append(.resultMismatch(statement: .zero, accounts: expectedResult))
    }
    return findings
  }

  /// The statement without the headings that hold nothing in any column (no account,
  /// zero or no budget, zero or no previous amount): what a small association prints.
  ///
  /// Sub-totals, totals and results stay, so the figures and ``verify(against:)`` are
  /// unchanged.
  public func droppingEmptyLines() -> IncomeStatement {
    var copy = self
    copy.rows.removeAll { row in
      row.kind == .line && row.accounts.isEmpty && row.realised == .zero
        && (row.budget ?? .zero) == .zero && (row.previous ?? .zero) == .zero
    }
    return copy
  }

  /// The rows a sub-total adds up: the following rows one level deeper, up to the next
  /// row at its level or above.
  public func children(of index: Int) -> [Int] {
    let level = rows[index].level
    var result: [Int] = []
    var next = index + 1
    while next < rows.count, rows[next].level > level, rows[next].kind != .total {
      if rows[next].level == level + 1 { result.append(next) }
      next += 1
    }
    return result
  }
}

/// The arithmetic behind ``IncomeStatement``: which line takes which account.
private struct StatementBuilder {
  let layout: StatementLayout
  /// Each heading (leaf line) by its path: block index, then line indices.
  let leaves: [(path: [Int], line: StatementLayout.Line, block: Int)]
  /// The leaf index of each prefix.
  let prefixes: [String: Int]

  init(layout: StatementLayout) {
    self.layout = layout
    var leaves: [(path: [Int], line: StatementLayout.Line, block: Int)] = []
    func walk(_ lines: [StatementLayout.Line], path: [Int], block: Int) {
      for (index, line) in lines.enumerated() {
        if line.isGroup {
          walk(line.lines, path: path + [index], block: block)
        } else {
          leaves.append((path + [index], line, block))
        }
      }
    }
    for (index, block) in layout.blocks.enumerated() {
      walk(block.lines, path: [index], block: index)
    }
    var prefixes: [String: Int] = [:]
    for (index, leaf) in leaves.enumerated() {
      for prefix in leaf.line.accounts where prefixes[prefix] == nil { prefixes[prefix] = index }
    }
    self.leaves = leaves
    self.prefixes = prefixes
  }

  /// One column's amounts: per leaf, and on the « Autres » lines.
  struct Column {
    var leafAmounts: [Money]
    var leafAccounts: [[String]]
    var othersAmount: [BudgetSide: Money] = [:]
    var othersAccounts: [BudgetSide: [String]] = [:]
    var unclaimed: [AccountTotal] = []
  }

  /// The leaf whose prefix is the longest prefix of `account`.
  func leaf(for account: String) -> Int? {
    var length = account.count
    while length > 0 {
      if let leaf = prefixes[String(account.prefix(length))] { return leaf }
      length -= 1
    }
    return nil
  }

  func sideOf(leaf: Int) -> BudgetSide { layout.blocks[leaves[leaf].block].side }

  func assign(_ totals: [AccountTotal]) -> Column {
    var column = Column(
      leafAmounts: Array(repeating: .zero, count: leaves.count),
      leafAccounts: Array(repeating: [], count: leaves.count))
    for total in totals {
      guard let accountClass = total.accountClass, (6...8).contains(accountClass) else {
        continue
      }
      if let leaf = leaf(for: total.account) {
        column.leafAmounts[leaf] +=
          sideOf(leaf: leaf) == .products ? total.credit - total.debit : total.debit - total.credit
        column.leafAccounts[leaf].append(total.account)
      } else if accountClass != 8 {
        let side: BudgetSide = accountClass == 7 ? .products : .charges
        column.othersAmount[side, default: .zero] +=
          side == .products ? total.credit - total.debit : total.debit - total.credit
        column.othersAccounts[side, default: []].append(total.account)
        column.unclaimed.append(total)
      }
    }
    return column
  }

  /// Where the budget's lines go.
  struct Placement {
    /// Budget attributed to a line, sub-total or block, by path.
    var direct: [[Int]: Money] = [:]
    /// Budget on the « Autres » lines.
    var others: [BudgetSide: Money] = [:]
    var unplaced: [AccountsFinding] = []
  }

  /// Attributes each budget line to the heading that claims its account, or, when the
  /// line is coarser than the headings ("64" over "641" and "645"), to the smallest
  /// sub-total or block that holds them all.
  func place(_ budget: Budget) -> Placement {
    var placement = Placement()
    for (side, lines) in [(BudgetSide.charges, budget.charges), (.products, budget.products)] {
      for line in lines {
        if let leaf = leaf(for: line.account), sideOf(leaf: leaf) == side,
          !layout.blocks[leaves[leaf].block].below
        {
          placement.direct[leaves[leaf].path, default: .zero] += line.amount
          continue
        }
        let paths = leaves.indices.filter { index in
          sideOf(leaf: index) == side && !layout.blocks[leaves[index].block].below
            && leaves[index].line.accounts.contains { $0.hasPrefix(line.account) }
        }.map { leaves[$0].path }
        if let first = paths.first {
          var common = first
          for path in paths.dropFirst() {
            common = Array(zip(common, path).prefix { $0.0 == $0.1 }.map(\.0))
          }
          if !common.isEmpty {
            placement.direct[common, default: .zero] += line.amount
            continue
          }
        }
        placement.others[side, default: .zero] += line.amount
        placement.unplaced.append(
          .unplacedBudgetLine(side: side, account: line.account, label: line.label))
      }
    }
    return placement
  }

  /// The budget inside a node (its own and its lines').
  func budgetInside(_ path: [Int], _ line: StatementLayout.Line, _ placement: Placement) -> Money {
    var total = placement.direct[path] ?? .zero
    for (index, child) in line.lines.enumerated() {
      total += budgetInside(path + [index], child, placement)
    }
    return total
  }

  func rows(current: Column, previous: Column?, budget: Placement?) -> [IncomeStatement.Row] {
    var rows: [IncomeStatement.Row] = []
    var blockTotals: [String: (realised: Money, budget: Money, previous: Money)] = [:]
    var leafIndex = 0

    func emit(
      _ lines: [StatementLayout.Line], path: [Int], level: Int, block: StatementLayout.Block,
      ancestorBudget: Bool
    ) -> (realised: Money, previous: Money) {
      var sum = (realised: Money.zero, previous: Money.zero)
      for (index, line) in lines.enumerated() {
        let here = path + [index]
        let hasDirect = budget?.direct[here] != nil
        let shownBudget: Money? =
          budget.flatMap { ancestorBudget || block.below ? nil : budgetInside(here, line, $0) }
        if line.isGroup {
          let position = rows.count
          rows.append(
            IncomeStatement.Row(
              kind: .group, label: line.label, level: level, block: block.id, side: block.side,
              below: block.below, realised: .zero, budget: shownBudget))
          let inner = emit(
            line.lines, path: here, level: level + 1, block: block,
            ancestorBudget: ancestorBudget || hasDirect)
          rows[position].realised = inner.realised
          rows[position].previous = previous.map { _ in inner.previous }
          sum.realised += inner.realised
          sum.previous += inner.previous
        } else {
          let realised = current.leafAmounts[leafIndex]
          let before = previous?.leafAmounts[leafIndex]
          rows.append(
            IncomeStatement.Row(
              kind: .line, label: line.label, level: level, block: block.id, side: block.side,
              below: block.below, realised: realised, budget: shownBudget, previous: before,
              accounts: current.leafAccounts[leafIndex]))
          sum.realised += realised
          sum.previous += before ?? .zero
          leafIndex += 1
        }
      }
      return sum
    }

    for (blockIndex, block) in layout.blocks.enumerated() {
      rows.append(
        IncomeStatement.Row(
          kind: .title, label: block.title, level: 0, block: block.id, side: block.side,
          below: block.below, realised: .zero))
      var sum = emit(
        block.lines, path: [blockIndex], level: 1, block: block,
        ancestorBudget: budget?.direct[[blockIndex]] != nil)
      var blockBudget = (block.below ? nil : budget).map { placement in
        block.lines.enumerated().map {
          budgetInside([blockIndex, $0.offset], $0.element, placement)
        }
        .sum() + (placement.direct[[blockIndex]] ?? .zero)
      }
      let takesOthers: BudgetSide? =
        block.id == layout.unclaimedProducts && block.side == .products
        ? .products
        : block.id == layout.unclaimedCharges && block.side == .charges ? .charges : nil
      if let side = takesOthers {
        let accounts = current.othersAccounts[side] ?? []
        let realised = current.othersAmount[side] ?? .zero
        let before = previous.map { $0.othersAmount[side] ?? .zero }
        let planned = budget?.others[side]
        if !accounts.isEmpty || !(previous?.othersAccounts[side] ?? []).isEmpty || planned != nil {
          rows.append(
            IncomeStatement.Row(
              kind: .others, label: layout.unclaimedLabel, level: 1, block: block.id,
              side: block.side, below: block.below, realised: realised,
              budget: budget.map { _ in planned ?? .zero }, previous: before, accounts: accounts))
          sum.realised += realised
          sum.previous += before ?? .zero
          if let planned { blockBudget = (blockBudget ?? .zero) + planned }
        }
      }
      rows.append(
        IncomeStatement.Row(
          kind: .total, label: block.total, level: 0, block: block.id, side: block.side,
          below: block.below, realised: sum.realised, budget: blockBudget,
          previous: previous.map { _ in sum.previous }))
      blockTotals[block.id] = (sum.realised, blockBudget ?? .zero, sum.previous)
      for result in layout.results where result.after == block.id {
        var value = (realised: Money.zero, budget: Money.zero, previous: Money.zero)
        for term in result.terms {
          let total = blockTotals[term.block] ?? (.zero, .zero, .zero)
          if term.negative {
            value = (
              value.realised - total.realised, value.budget - total.budget,
              value.previous - total.previous
            )
          } else {
            value = (
              value.realised + total.realised, value.budget + total.budget,
              value.previous + total.previous
            )
          }
        }
        rows.append(
          IncomeStatement.Row(
            kind: result.net ? .net : .result, label: result.label, level: 0, block: nil,
            side: nil, below: false, realised: value.realised,
            budget: budget.map { _ in value.budget },
            previous: previous.map { _ in value.previous }))
      }
    }
    return rows
  }
}
