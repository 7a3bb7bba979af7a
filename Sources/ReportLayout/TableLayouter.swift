/// Lays a ``Table`` out: column widths from content, then one slice per row.
struct TableLayouter {
  let measurer: any TextMeasurer

  /// The table as a flowable; `widths` are its columns' widths when they were
  /// computed for its width group, else they are computed from its own cells.
  func flowable(
    _ table: Table, width: Double, widths: [Double]? = nil, maximumHeight: Double = .infinity
  ) -> Flowable {
    let style = table.style
    let widths = widths ?? columnWidths([table], width: width)
    let header = row(
      TableRow(table.header), header: true, stripe: false, table: table, widths: widths
    ).reduce(into: Frame(size: Size(width: width, height: 0))) { stacked, piece in
      stacked.place(piece, at: Point(x: 0, y: stacked.size.height))
      stacked.size.height += piece.size.height
    }
    // A row may be as tall as a page less the repeated title and header.
    let titleHeight = table.continuationTitle == nil ? 0 : style.continuationTitle.lineHeight * 2
    let rowLimit = maximumHeight - header.size.height - titleHeight
    var slices = [header]
    // The header repeated over a continued table is page furniture: no structure.
    var repeatedHeader = header
    repeatedHeader.items.removeAll {
      switch $0 {
      case .beginStructure, .endStructure: return true
      default: return false
      }
    }
    var stripe = false
    for row in table.rows {
      slices += self.row(
        row, header: false, stripe: stripe, table: table, widths: widths, maximumHeight: rowLimit)
      stripe.toggle()
    }
    var flow = Flowable(slices: slices.tagged("Table"))
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
      flow.continuationHeader = [frame, repeatedHeader]
    } else {
      flow.continuationHeader = [repeatedHeader]
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
      // A spanning cell has the room of several columns: it sets no column's natural
      // width, but its widest word must fit the first column it spans (found by the
      // layout fuzzer: spanned columns narrower than a character).
      if span > 1, let first = cells.first {
        let least = measurer.widestWord(of: first, style: textStyle) + padding
        minimum[0] = max(minimum[0], least)
      }
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
    let grow = table.columns.map(\.grow)
    guard minimum.reduce(0, +) > width else {
      return ColumnWidthCalculator.widths(
        minimum: minimum, natural: natural, grow: grow, available: width)
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
      for row in table.rows {
        widestCharacter(
          row.cells, row.kind == .total ? style.total : style.body, span: row.leadingSpan)
      }
    }
    return ColumnWidthCalculator.widths(
      minimum: minimum, natural: natural, grow: grow, available: width, floor: floor)
  }

  /// One row as frames: normally one; a row taller than `maximumHeight` is cut
  /// between lines into pieces that fit, each but the last ending with "…".
  private func row(
    _ row: TableRow, header: Bool, stripe: Bool, table: Table, widths: [Double],
    maximumHeight: Double = .infinity
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
    if let fill {
      frame.items.append(
        .rect(Rect(x: 0, y: 0, width: total, height: height), fill: fill, stroke: nil))
    }
    if !header && kind == .total {
      let y = style.totalRule.width / 2
      frame.items.append(
        .line(from: Point(x: 0, y: y), to: Point(x: total, y: y), stroke: style.totalRule))
    }
    frame.items.append(.beginStructure("TR"))
    for cell in cells {
      frame.items.append(.beginStructure(header ? "TH" : "TD"))
      var y = padding.top
      for line in cell.lines {
        frame.place(line, at: Point(x: cell.x + padding.left, y: y))
        y += line.size.height
      }
      frame.items.append(.endStructure(header ? "TH" : "TD"))
    }
    frame.items.append(.endStructure("TR"))
    if !header && kind == .body && rule {
      let y = height - style.rule.width / 2
      frame.items.append(
        .line(from: Point(x: 0, y: y), to: Point(x: total, y: y), stroke: style.rule))
    }
    return frame
  }
}
