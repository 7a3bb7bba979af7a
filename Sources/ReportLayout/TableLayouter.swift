/// Lays a ``Table`` out: column widths from content, then one slice per row.
struct TableLayouter {
  let measurer: any TextMeasurer

  /// The table as a flowable; `widths` are its columns' widths when they were
  /// computed for its width group, else they are computed from its own cells.
  func flowable(_ table: Table, width: Double, widths: [Double]? = nil) -> Flowable {
    let style = table.style
    let widths = widths ?? columnWidths([table], width: width)
    let header = row(
      TableRow(table.header), header: true, stripe: false, table: table, widths: widths)
    var slices = [header]
    var stripe = false
    for row in table.rows {
      slices.append(self.row(row, header: false, stripe: stripe, table: table, widths: widths))
      stripe.toggle()
    }
    var flow = Flowable(slices: slices)
    if let title = table.continuationTitle {
      let lines = Preparer(measurer: measurer, pageNumbers: [:], unknownPage: "")
        .lineFrames(title, style: style.continuationTitle, alignment: .left, width: width)
      var frame = Frame(size: Size(width: width, height: 0))
      for line in lines {
        frame.place(line, at: Point(x: 0, y: frame.size.height))
        frame.size.height += line.size.height
      }
      frame.size.height += style.continuationTitle.size * 0.4
      flow.continuationHeader = [frame, header]
    } else {
      flow.continuationHeader = [header]
    }
    // The header never ends a page alone: it goes with at least two rows.
    flow.keepHead = min(slices.count, 3)
    // A total row stays with the row above it.
    flow.keepTail = table.rows.last?.kind == .total ? min(slices.count - 1, 2) : 1
    flow.spaceBefore = table.spaceBefore
    flow.spaceAfter = table.spaceAfter
    return flow
  }

  /// Widths from each column's widest word (minimum) and widest cell (natural),
  /// over the cells of all the given tables (which have the same columns).
  func columnWidths(_ tables: [Table], width: Double) -> [Double] {
    guard let table = tables.first else { return [] }
    let style = table.style
    let padding = style.cellPadding.left + style.cellPadding.right
    var minimum = [Double](repeating: 0, count: table.columns.count)
    var natural = minimum
    func measure(_ cells: [String], _ textStyle: TextStyle, span: Int = 1) {
      // A spanning cell has the room of several columns: it sets no column's width.
      for (index, text) in cells.enumerated() where span == 1 || index >= span {
        let full = measurer.width(of: text, style: textStyle)
        natural[index] = max(natural[index], full + padding)
        // Right-aligned cells hold figures: they are never broken.
        let least =
          table.columns[index].alignment == .right
          ? full : measurer.widestWord(of: text, style: textStyle)
        minimum[index] = max(minimum[index], least + padding)
      }
    }
    for table in tables {
      measure(table.header, style.header)
      for row in table.rows {
        measure(row.cells, row.kind == .total ? style.total : style.body, span: row.leadingSpan)
      }
    }
    return ColumnWidthCalculator.widths(
      minimum: minimum, natural: natural, grow: table.columns.map(\.grow), available: width)
  }

  /// One row as a frame: background, cell texts, rules.
  private func row(
    _ row: TableRow, header: Bool, stripe: Bool, table: Table, widths: [Double]
  ) -> Frame {
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
    }
    let padding = style.cellPadding
    let preparer = Preparer(measurer: measurer, pageNumbers: [:], unknownPage: "")
    let span = min(row.leadingSpan, widths.count)
    var cells: [(x: Double, lines: [Frame])] = []
    var height = 0.0
    for (index, text) in row.cells.enumerated() where index == 0 || index >= span {
      let x = widths[0..<index].reduce(0, +)
      let width = index == 0 ? widths[0..<span].reduce(0, +) : widths[index]
      let inner = max(1, width - padding.left - padding.right)
      var alignment = table.columns[index].alignment
      if alignment == .justify || (index == 0 && span > 1) { alignment = .left }
      let lines = preparer.lineFrames(text, style: textStyle, alignment: alignment, width: inner)
      cells.append((x, lines))
      height = max(height, lines.reduce(0) { $0 + $1.size.height })
    }
    height += padding.top + padding.bottom
    let total = widths.reduce(0, +)
    var frame = Frame(size: Size(width: total, height: height))
    if let fill {
      frame.items.append(
        .rect(Rect(x: 0, y: 0, width: total, height: height), fill: fill, stroke: nil))
    }
    if !header && row.kind == .total {
      let y = style.totalRule.width / 2
      frame.items.append(
        .line(from: Point(x: 0, y: y), to: Point(x: total, y: y), stroke: style.totalRule))
    }
    for cell in cells {
      var y = padding.top
      for line in cell.lines {
        frame.place(line, at: Point(x: cell.x + padding.left, y: y))
        y += line.size.height
      }
    }
    if !header && row.kind == .body {
      let y = height - style.rule.width / 2
      frame.items.append(
        .line(from: Point(x: 0, y: y), to: Point(x: total, y: y), stroke: style.rule))
    }
    return frame
  }
}
