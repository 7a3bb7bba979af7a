/// A column of a table.
public struct TableColumn: Hashable, Sendable {
  /// How the column's cells are aligned.
  public var alignment: TextAlignment
  /// How much of the spare width the column takes compared with others (0 = none).
  ///
  /// Spare width is what is left once every column has its natural width.
  public var grow: Double

  /// Creates a column.
  public init(alignment: TextAlignment = .left, grow: Double = 1) {
    self.alignment = alignment
    self.grow = grow
  }
}

/// What a row is, which decides its look.
public enum TableRowKind: Hashable, Sendable {
  /// An ordinary row.
  case body
  /// A total: bold, with a rule above, kept with the row before it.
  case total
  /// A sub-total inside a table: bold like a total, ruled and striped like a body row.
  case subtotal

  /// Whether its text is set in the total's (bold) style.
  public var isBold: Bool { self != .body }
}

/// A row of a table.
public struct TableRow: Hashable, Sendable {
  /// The texts of the cells, one per column.
  public var cells: [String]
  /// The row's kind.
  public var kind: TableRowKind
  /// How many columns the first cell spans (the cells it covers are not drawn).
  public var leadingSpan: Int

  /// Creates a row.
  /// - Precondition: `leadingSpan` is at least 1.
  public init(_ cells: [String], kind: TableRowKind = .body, leadingSpan: Int = 1) {
    precondition(leadingSpan >= 1, "a cell spans at least one column")
    self.cells = cells
    self.kind = kind
    self.leadingSpan = leadingSpan
  }
}

/// How a table looks.
public struct TableStyle: Hashable, Sendable {
  /// The header cells' text.
  public var header: TextStyle
  /// The header row's background.
  public var headerFill: Color
  /// The body cells' text.
  public var body: TextStyle
  /// The total rows' text.
  public var total: TextStyle
  /// The total rows' background.
  public var totalFill: Color?
  /// Every other body row's background.
  public var stripeFill: Color?
  /// The rules between rows.
  public var rule: Stroke
  /// The rule above total rows.
  public var totalRule: Stroke
  /// Space inside cells, pt.
  public var cellPadding: EdgeInsets
  /// The title repeated over a continued table: its style.
  public var continuationTitle: TextStyle

  /// Creates a table style.
  public init(
    header: TextStyle, headerFill: Color, body: TextStyle, total: TextStyle, totalFill: Color?,
    stripeFill: Color?, rule: Stroke, totalRule: Stroke, cellPadding: EdgeInsets,
    continuationTitle: TextStyle
  ) {
    self.header = header
    self.headerFill = headerFill
    self.body = body
    self.total = total
    self.totalFill = totalFill
    self.stripeFill = stripeFill
    self.rule = rule
    self.totalRule = totalRule
    self.cellPadding = cellPadding
    self.continuationTitle = continuationTitle
  }
}

/// The rows a table prints where a page cuts it, computed from the rows placed: a
/// ledger's « À reporter » at the foot of the page and « Report » at the head of the
/// next, with the running totals of the rows above the cut.
public struct CarriedRows: Sendable {
  /// The foot and head rows of a cut after body row `lastPlaced` (0-based).
  public var rows: @Sendable (_ lastPlaced: Int) -> (foot: TableRow, head: TableRow)

  /// Creates the rule.
  public init(_ rows: @escaping @Sendable (_ lastPlaced: Int) -> (foot: TableRow, head: TableRow)) {
    self.rows = rows
  }
}

/// A table: a header row repeated on every page it spans, and rows never split.
public struct Table: Sendable {
  /// The columns.
  public var columns: [TableColumn]
  /// The header cells.
  public var header: [String]
  /// The rows.
  public var rows: [TableRow]
  /// How it looks.
  public var style: TableStyle
  /// The title printed above the repeated header when the table continues on a new
  /// page: "Axe 1 — … (suite)"; `nil` for none.
  public var continuationTitle: String?
  /// Space above, pt.
  public var spaceBefore: Double
  /// Space below, pt.
  public var spaceAfter: Double
  /// Tables of a document with the same group share their column widths, computed
  /// from all their cells, so that their columns line up from one table to the next.
  public var widthGroup: String?
  /// The rows printed at each page break inside the table; none when `nil`.
  public var carried: CarriedRows?

  /// Creates a table.
  /// - Precondition: the header and every row have one cell per column.
  public init(
    columns: [TableColumn], header: [String], rows: [TableRow], style: TableStyle,
    continuationTitle: String? = nil, spaceBefore: Double = 0, spaceAfter: Double = 0,
    widthGroup: String? = nil
  ) {
    precondition(header.count == columns.count, "a table header needs one cell per column")
    precondition(
      rows.allSatisfy { $0.cells.count == columns.count }, "a row needs one cell per column")
    self.columns = columns
    self.header = header
    self.rows = rows
    self.style = style
    self.continuationTitle = continuationTitle
    self.spaceBefore = spaceBefore
    self.spaceAfter = spaceAfter
    self.widthGroup = widthGroup
  }
}

/// Shares a table's width among its columns from what their cells need.
///
/// Each column has a minimum (its widest word; a figure's whole width) and a natural
/// width (its widest cell on one line). Every column first gets its minimum. When
/// all naturals fit, the spare width goes to the growing columns. Otherwise the
/// width left is poured into the columns that want more, like water: fixed columns
/// (`grow` 0, short labels and figures) are filled first when they can be whole,
/// then the others share what remains in proportion to `grow`, each capped at its
/// natural width, so a column with one long sentence cannot starve its neighbours.
public enum ColumnWidthCalculator {
  /// The widths of the columns, pt; they add up to `available` unless even the
  /// floors do not fit, in which case the floors are returned (wider than `available`).
  /// - Parameters:
  ///   - minimum: each column's least width, pt.
  ///   - natural: each column's natural width, pt (≥ its minimum).
  ///   - grow: each column's share of spare width.
  ///   - available: the table's width, pt.
  ///   - floor: each column's width below which even one character does not fit;
  ///     when the minimums are scaled down, no column goes below its floor.
  public static func widths(
    minimum: [Double], natural: [Double], grow: [Double], available: Double,
    floor: [Double]? = nil
  ) -> [Double] {
    let count = minimum.count
    guard count > 0 else { return [] }
    let natural = zip(minimum, natural).map { max($0, $1) }
    let naturalSum = natural.reduce(0, +)
    let minimumSum = minimum.reduce(0, +)
    if naturalSum <= available {
      let spare = available - naturalSum
      let growSum = grow.reduce(0, +)
      if growSum > 0 {
        return (0..<count).map { natural[$0] + spare * grow[$0] / growSum }
      }
      return natural.map { $0 + spare / Double(count) }
    }
    guard minimumSum <= available else {
      // Long words will be cut between characters: shrink what exceeds each floor.
      let floor = floor ?? Array(repeating: 0, count: count)
      let floorSum = floor.reduce(0, +)
      let above = zip(minimum, floor).map { max(0, $0 - $1) }
      let aboveSum = above.reduce(0, +)
      // Floors that do not fit are returned as they are: wider than `available`,
      // which the caller reports, rather than columns narrower than a character.
      guard floorSum < available, aboveSum > 0 else { return floor }
      let scale = (available - floorSum) / aboveSum
      return (0..<count).map { floor[$0] + above[$0] * scale }
    }
    var widths = minimum
    var remaining = available - minimumSum
    let fixed = (0..<count).filter { grow[$0] <= 0 }
    let fixedWant = fixed.map { natural[$0] - minimum[$0] }.reduce(0, +)
    if fixedWant <= remaining {
      for index in fixed { widths[index] = natural[index] }
      remaining -= fixedWant
      // Then, as Typst sizes auto columns, a growing column whose natural width
      // is within an equal share of the room left gets all of it: "Délégation
      // générale" stays on one line rather than give 5 pt to a long sentence.
      var open = (0..<count).filter { grow[$0] > 0 && widths[$0] < natural[$0] }
      while !open.isEmpty {
        let room = remaining + open.map { widths[$0] }.reduce(0, +)
        let share = room / Double(open.count)
        let fitting = open.filter { natural[$0] <= share }
        // The share counts the other columns' minimums, which stay theirs: a
        // column is set whole only while what it adds is left (smallest first).
        let affordable = fitting.sorted { natural[$0] - widths[$0] < natural[$1] - widths[$1] }
          .prefix { index in
            let want = natural[index] - widths[index]
            guard want <= remaining + 1e-9 else { return false }
            remaining -= want
            return true
          }
        guard !affordable.isEmpty else { break }
        for index in affordable { widths[index] = natural[index] }
        open.removeAll { affordable.contains($0) }
      }
    }
    var active = (0..<count).filter { widths[$0] < natural[$0] }
    while remaining > 1e-9, !active.isEmpty {
      let weights = active.map { grow[$0] > 0 ? grow[$0] : 1 }
      let weightSum = weights.reduce(0, +)
      var given = 0.0
      for (index, weight) in zip(active, weights) {
        let share = remaining * weight / weightSum
        let room = natural[index] - widths[index]
        let taken = min(share, room)
        widths[index] += taken
        given += taken
      }
      remaining -= given
      active = active.filter { widths[$0] < natural[$0] - 1e-9 }
      if given <= 1e-9 { break }
    }
    return widths
  }
}
