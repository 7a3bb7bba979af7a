import Dispatch

/// Lays a ``Table`` out: column widths from content, then one slice per row.
struct TableLayouter {
  let measurer: any TextMeasurer
  /// Measurers with fonts of their own, one per extra thread: the cells of large
  /// tables are measured on several cores.
  var helpers: [any TextMeasurer] = []
  /// The fewest cells worth measuring on several threads.
  static let parallelCells = 2_000

  /// The table as a flowable; `widths` are its columns' widths when they were
  /// computed for its width group, else they are computed from its own cells.
  ///
  /// `naturals` are its cells' one-line widths (``CellWidths``) when they were
  /// measured with its group: a cell that fits its column is then not shaped again.
  func flowable(
    _ table: Table, width: Double, widths given: [Double]? = nil, naturals: CellWidths? = nil,
    maximumHeight: Double = .infinity
  ) -> Flowable {
    let style = table.style
    var naturals = naturals
    let widths: [Double]
    if let given {
      widths = given
    } else {
      let measured = measuredColumnWidths([table], width: width)
      widths = measured.widths
      naturals = measured.naturals.first
    }
    let header = row(
      TableRow(table.header), header: true, stripe: false, table: table, widths: widths,
      naturals: naturals?.row(-1)
    ).reduce(into: Frame(size: Size(width: width, height: 0))) { stacked, piece in
      stacked.place(piece, at: Point(x: 0, y: stacked.size.height))
      stacked.size.height += piece.size.height
    }
    // A row may be as tall as a page less the repeated title and header.
    let titleHeight = table.continuationTitle == nil ? 0 : style.continuationTitle.lineHeight * 2
    let rowLimit = maximumHeight - header.size.height - titleHeight
    // The header row is the table's THead, the other rows its TBody.
    var slices = [header].tagged(.tableHead)
    // The header repeated over a continued table is page furniture: an artifact.
    let repeatedHeader = header.artifact()
    var stripe = false
    var body: [Frame] = []
    var sliceRows = [-1]
    for (index, row) in table.rows.enumerated() {
      let pieces = self.row(
        row, header: false, stripe: stripe, table: table, widths: widths,
        naturals: naturals?.row(index), maximumHeight: rowLimit)
      body += pieces
      if table.carried != nil { sliceRows += Array(repeating: index, count: pieces.count) }
      stripe.toggle()
    }
    slices += body.tagged(.tableBody)
    var flow = Flowable(slices: slices.tagged(.table))
    if widths.reduce(0, +) > width + 0.01 {
      flow.error = .tableTooWide(
        columns: widths.count, needed: widths.reduce(0, +), available: width)
    }
    if let title = table.continuationTitle {
      let lines = Preparer(measurer: measurer, pageNumbers: [:], unknownPage: "")
        .lineFrames(title, style: style.continuationTitle, alignment: .left, width: width)
      var frame = Frame(size: Size(width: width, height: 0))
      for line in lines {
        frame.place(line, at: Point(x: 0, y: frame.size.height))
        frame.size.height += line.size.height
      }
      frame.size.height += style.continuationTitle.size * 0.4
      flow.continuationHeader = [frame.artifact(), repeatedHeader]
    } else {
      flow.continuationHeader = [repeatedHeader]
    }
    if let carried = table.carried {
      flow.sliceRows = sliceRows
      let layouter = self
      func frame(_ row: TableRow) -> Frame {
        layouter.row(row, header: false, stripe: false, table: table, widths: widths)
          .reduce(into: Frame(size: Size(width: width, height: 0))) { stacked, piece in
            stacked.place(piece, at: Point(x: 0, y: stacked.size.height))
            stacked.size.height += piece.size.height
          }.artifact()
      }
      flow.carry = { last in
        let rows = carried.rows(last)
        return (frame(rows.foot), frame(rows.head))
      }
      flow.carryFootHeight = table.rows.isEmpty ? 0 : frame(carried.rows(0).foot).size.height
    }
    // The header never ends a page alone: it goes with at least two rows.
    flow.keepHead = min(slices.count, 3)
    // A table continued on the next page takes at least two of its rows there (as a
    // paragraph takes two lines), and its total row comes with them: never a lone row,
    // or a lone row and its total, at the top of a page.
    flow.keepTail = min(slices.count - 1, table.rows.last?.kind == .total ? 3 : 2)
    flow.spaceBefore = table.spaceBefore
    flow.spaceAfter = table.spaceAfter
    return flow
  }

  /// Widths from each column's widest word (minimum) and widest cell (natural),
  /// over the cells of all the given tables (which have the same columns), and each
  /// table's cell widths as measured for them (kept so that laying the rows out does
  /// not shape the same cells again).
  func measuredColumnWidths(_ tables: [Table], width: Double) -> (
    widths: [Double], naturals: [CellWidths]
  ) {
    guard let table = tables.first else { return ([], []) }
    let style = table.style
    let padding = style.cellPadding.left + style.cellPadding.right
    var minimum = [Double](repeating: 0, count: table.columns.count)
    var natural = minimum
    var cellWidths: [CellWidths] = []
    cellWidths.reserveCapacity(tables.count)
    // Every cell's extent first (on several threads for large tables), in the
    // order they are folded into the columns below.
    var cells: [(text: String, style: TextStyle)] = []
    for table in tables {
      cells += table.header.map { ($0, style.header) }
      for row in table.measuredRows {
        let textStyle = row.kind.isBold ? style.total : style.body
        cells += row.cells.map { ($0, textStyle) }
      }
    }
    let extents = Self.extents(of: cells, measurers: [measurer] + helpers)
    var next = 0
    func measure(_ count: Int, span: Int = 1, into measured: inout CellWidths) {
      for index in 0..<count {
        let extent = extents[next + index]
        guard index < measured.columns else { continue }
        measured.values.append(extent.natural)
        // A spanning cell has the room of several columns: it sets no column's
        // natural width, but its widest word must fit the first column it spans
        // (found by the layout fuzzer: spanned columns narrower than a character).
        if span > 1 && index == 0 {
          minimum[0] = max(minimum[0], extent.widestWord + padding)
          continue
        }
        guard span == 1 || index >= span else { continue }
        natural[index] = max(natural[index], extent.natural + padding)
        // Right-aligned cells hold figures: they are never broken.
        let least =
          table.columns[index].alignment == .right ? extent.natural : extent.widestWord
        minimum[index] = max(minimum[index], least + padding)
      }
      next += count
      measured.closeRow()
    }
    for table in tables {
      var measured = CellWidths(columns: table.columns.count, rows: table.measuredRows.count + 1)
      measure(table.header.count, into: &measured)
      for row in table.measuredRows {
        measure(row.cells.count, span: row.leadingSpan, into: &measured)
      }
      cellWidths.append(measured)
    }
    let grow = table.columns.map(\.grow)
    guard minimum.reduce(0, +) > width else {
      return (
        ColumnWidthCalculator.widths(
          minimum: minimum, natural: natural, grow: grow, available: width), cellWidths
      )
    }
    // Words must be cut: no column may be narrower than its widest character.
    var floor = [Double](repeating: padding, count: table.columns.count)
    func widestCharacter(_ cells: [String], _ textStyle: TextStyle, span: Int = 1) {
      for (index, text) in cells.enumerated() where index == 0 || span == 1 || index >= span {
        let widest = Set(text).map { measurer.width(of: String($0), style: textStyle) }.max() ?? 0
        floor[index] = max(floor[index], widest + padding)
      }
    }
    for table in tables {
      widestCharacter(table.header, style.header)
      for row in table.measuredRows {
        widestCharacter(
          row.cells, row.kind.isBold ? style.total : style.body, span: row.leadingSpan)
      }
    }
    return (
      ColumnWidthCalculator.widths(
        minimum: minimum, natural: natural, grow: grow, available: width, floor: floor),
      cellWidths
    )
  }

  /// One row as frames: normally one; a row taller than `maximumHeight` is cut
  /// between lines into pieces that fit, each but the last ending with "…".
  private func row(
    _ row: TableRow, header: Bool, stripe: Bool, table: Table, widths: [Double],
    naturals: ArraySlice<Double>? = nil, maximumHeight: Double = .infinity
  ) -> [Frame] {
    let style = table.style
    let textStyle: TextStyle
    let fill: Color?
    switch (header, row.kind) {
    case (true, _):
      textStyle = style.header
      fill = style.headerFill
    case (false, .total):
      textStyle = style.total
      fill = style.totalFill
    case (false, .body):
      textStyle = style.body
      fill = stripe ? style.stripeFill : nil
    case (false, .subtotal):
      textStyle = style.total
      fill = stripe ? style.stripeFill : nil
    }
    let padding = style.cellPadding
    let preparer = Preparer(measurer: measurer, pageNumbers: [:], unknownPage: "")
    let span = min(row.leadingSpan, widths.count)
    var cells: [(x: Double, lines: [Frame])] = []
    for (index, text) in row.cells.enumerated() where index == 0 || index >= span {
      let x = widths[0..<index].reduce(0, +)
      let width = index == 0 ? widths[0..<span].reduce(0, +) : widths[index]
      let inner = max(1, width - padding.left - padding.right)
      var alignment = table.columns[index].alignment
      if alignment == .justify || (index == 0 && span > 1) { alignment = .left }
      // A cell measured on one line that fits is that one line: no new shaping.
      if let naturals, naturals.indices.contains(naturals.startIndex + index),
        case let natural = naturals[naturals.startIndex + index], natural <= inner,
        CellWidths.isOneLine(text)
      {
        let line = LineBox(text: text, width: natural, endsParagraph: true)
        cells.append(
          (x, preparer.lineFrames([line], style: textStyle, alignment: alignment, width: inner)))
        continue
      }
      cells.append(
        (x, preparer.lineFrames(text, style: textStyle, alignment: alignment, width: inner)))
    }
    let lineHeight = textStyle.lineHeight
    let tallest = cells.map(\.lines.count).max() ?? 0
    let room = maximumHeight - padding.top - padding.bottom - lineHeight
    let perPiece = room.isFinite ? max(1, Int((room / lineHeight).rounded(.down))) : tallest
    guard tallest > perPiece,
      Double(tallest) * lineHeight + padding.top + padding.bottom > maximumHeight
    else {
      return [
        frame(cells, header: header, kind: row.kind, fill: fill, table: table, widths: widths)
      ]
    }
    var pieces: [Frame] = []
    var start = 0
    while start < tallest {
      let end = min(tallest, start + perPiece)
      var piece = cells.map { cell in
        (
          x: cell.x,
          lines: Array(cell.lines[min(start, cell.lines.count)..<min(end, cell.lines.count)])
        )
      }
      if end < tallest, let first = piece.first {
        let inner = max(1, (widths.first ?? 1) - padding.left - padding.right)
        piece[0].lines =
          first.lines
          + preparer.lineFrames("…", style: textStyle, alignment: .left, width: inner)
      }
      pieces.append(
        frame(
          piece, header: header, kind: end < tallest ? .body : row.kind, fill: fill, table: table,
          widths: widths, rule: end == tallest))
      start = end
    }
    return pieces
  }

  /// The frame of a row (or a piece of one): background, cell lines, rules.
  private func frame(
    _ cells: [(x: Double, lines: [Frame])], header: Bool, kind: TableRowKind, fill: Color?,
    table: Table, widths: [Double], rule: Bool = true
  ) -> Frame {
    let style = table.style
    let padding = style.cellPadding
    let height =
      (cells.map { $0.lines.reduce(0) { $0 + $1.size.height } }.max() ?? 0)
      + padding.top + padding.bottom
    let total = widths.reduce(0, +)
    var frame = Frame(size: Size(width: total, height: height))
    // Backgrounds and rules are page furniture, outside the row's element.
    var furniture: [FrameItem] = []
    if let fill {
      furniture.append(
        .rect(Rect(x: 0, y: 0, width: total, height: height), fill: fill, stroke: nil))
    }
    if !header && kind == .total {
      let y = style.totalRule.width / 2
      furniture.append(
        .line(from: Point(x: 0, y: y), to: Point(x: total, y: y), stroke: style.totalRule))
    }
    frame.items = Frame.artifact(furniture)
    // Reserved once, exactly: a long table's rows are held until they are placed,
    // and an array grown by appending keeps up to twice the room it needs.
    let ruled = !header && kind != .total && rule
    frame.items.reserveCapacity(
      frame.items.count + 2 + (ruled ? 3 : 0)
        + cells.reduce(0) { $0 + 2 + $1.lines.reduce(0) { $0 + $1.items.count } })
    frame.items.append(.beginStructure(.tableRow))
    let cellRole: StructureRole = header ? .headerCell : .dataCell
    for cell in cells {
      frame.items.append(.beginStructure(cellRole))
      var y = padding.top
      for line in cell.lines {
        frame.place(line, at: Point(x: cell.x + padding.left, y: y))
        y += line.size.height
      }
      frame.items.append(.endStructure(cellRole))
    }
    frame.items.append(.endStructure(.tableRow))
    if ruled {
      let y = height - style.rule.width / 2
      frame.items += Frame.artifact([
        .line(from: Point(x: 0, y: y), to: Point(x: total, y: y), stroke: style.rule)
      ])
    }
    return frame
  }
}

extension TableLayouter {
  /// The extents of `cells`, in order: split in as many runs as there are measurers
  /// when there are enough cells, each run measured on a thread of its own with its
  /// own measurer (a measurer is never used by two threads).
  static func extents(
    of cells: [(text: String, style: TextStyle)], measurers: [any TextMeasurer]
  ) -> [TextExtent] {
    let workers = cells.count >= parallelCells ? measurers.count : 1
    guard workers > 1 else {
      return cells.map { measurers[0].extent(of: $0.text, style: $0.style) }
    }
    var result = [TextExtent](repeating: TextExtent(natural: 0, widestWord: 0), count: cells.count)
    let shared = Unshared(measurers)
    result.withUnsafeMutableBufferPointer { buffer in
      let output = Unshared(buffer)
      let chunk = (cells.count + workers - 1) / workers
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        let measurer = shared.value[worker]
        for index in (worker * chunk)..<min(cells.count, (worker + 1) * chunk) {
          output.value[index] = measurer.extent(of: cells[index].text, style: cells[index].style)
        }
      }
    }
    return result
  }
}

/// A value handed to the threads of a parallel loop, each of which touches only
/// its own part of it (its measurer, its range of the results).
private struct Unshared<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

/// The one-line widths of a table's cells, row after row (the header first), as
/// measured when its columns were sized: 8 bytes a cell.
struct CellWidths {
  /// How many cells a row has.
  let columns: Int
  /// The widths; a row with fewer cells than columns is padded with infinity.
  var values: [Double] = []

  init(columns: Int, rows: Int) {
    self.columns = columns
    values.reserveCapacity(columns * rows)
  }

  /// Pads the row being measured to `columns` values.
  mutating func closeRow() {
    guard columns > 0 else { return }
    let missing = (columns - values.count % columns) % columns
    values.append(contentsOf: repeatElement(.infinity, count: missing))
  }

  /// The widths of row `index` (-1: the header).
  func row(_ index: Int) -> ArraySlice<Double> {
    let start = (index + 1) * columns
    guard start >= 0, start + columns <= values.count else { return [] }
    return values[start..<(start + columns)]
  }

  /// Whether a text is set as it is on one line (no line break, no space to drop at
  /// its end), so that its measured width is its line's width.
  static func isOneLine(_ text: String) -> Bool {
    guard let last = text.utf8.last, last != 0x20, last != 0x09 else { return false }
    return !text.utf8.contains(0x0A) && !text.utf8.contains(0x0D)
  }
}

extension Table {
  /// The rows its column widths are measured from: its rows, and the carried rows of a
  /// cut after the last one (running totals are the widest figures of their columns).
  var measuredRows: [TableRow] {
    guard let carried, !rows.isEmpty else { return rows }
    let last = carried.rows(rows.count - 1)
    return rows + [last.foot, last.head]
  }
}
