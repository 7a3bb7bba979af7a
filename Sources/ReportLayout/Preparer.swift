/// What the paginator receives: flowables and page breaks.
enum FlowElement {
  case flow(Flowable)
  case pageBreak(PageStyle?)
}

/// Measures blocks once and turns them into flowables.
struct Preparer {
  let measurer: any TextMeasurer
  /// Page numbers (1-based) of destinations, from the previous pass.
  let pageNumbers: [String: Int]
  /// What a contents entry shows before its page is known.
  let unknownPage: String
  /// Where words may break, for paragraphs that ask for it.
  var hyphenator: (any Hyphenator)? = nil
  /// The tallest a slice may be: the content area's height.
  var maximumSliceHeight = Double.infinity

  /// Measurers for other threads (see ``TableLayouter/helpers``).
  var helpers: [any TextMeasurer] = []
  /// Column widths shared by the tables of each width group.
  var groupWidths: [String: [Double]] = [:]
  /// The cell widths of grouped tables, by block index, measured with their group.
  var groupCellWidths: [Int: CellWidths] = [:]

  /// The blocks as elements, one per block, in order.
  func prepare(_ blocks: [Block], width: Double) -> [FlowElement] {
    var preparer = self
    (preparer.groupWidths, preparer.groupCellWidths) = groupedColumnWidths(blocks, width: width)
    return preparer.prepareBlocks(blocks, width: width)
  }

  /// Tables share widths with the tables of their group that have as many columns
  /// (a group mixing column counts cannot share one grid).
  static func groupKey(_ table: Table) -> String? {
    table.widthGroup.map { "\($0)#\(table.columns.count)" }
  }

  /// The widths of each group's columns, from the cells of all its tables, and
  /// the cell widths of each grouped table by block index.
  private func groupedColumnWidths(_ blocks: [Block], width: Double) -> (
    [String: [Double]], [Int: CellWidths]
  ) {
    var groups: [String: [(index: Int, table: Table)]] = [:]
    for (index, block) in blocks.enumerated() {
      if case .table(let table) = block, let key = Self.groupKey(table) {
        groups[key, default: []].append((index, table))
      }
    }
    let layouter = TableLayouter(measurer: measurer, helpers: helpers)
    var widths: [String: [Double]] = [:]
    var cells: [Int: CellWidths] = [:]
    for (key, members) in groups {
      let measured = layouter.measuredColumnWidths(members.map(\.table), width: width)
      widths[key] = measured.widths
      for (member, cellWidths) in zip(members, measured.naturals) {
        cells[member.index] = cellWidths
      }
    }
    return (widths, cells)
  }

  /// One element per block, in order (an empty flowable where a block has nothing).
  private func prepareBlocks(_ blocks: [Block], width: Double) -> [FlowElement] {
    blocks.enumerated().map { index, block in
      if case .pageBreak(let style) = block { return .pageBreak(style) }
      let flow = flowable(block, width: width, cellWidths: groupCellWidths[index])
      return .flow(flow ?? Flowable(slices: []))
    }
  }

  /// One block as a flowable; `nil` for page breaks (handled by the caller).
  ///
  /// A block whose text cannot fit its measure, not even a character a line, carries
  /// a ``LayoutError/tooNarrow(width:text:)`` that stops layout.
  func flowable(_ block: Block, width: Double, cellWidths: CellWidths? = nil) -> Flowable? {
    guard var flow = setFlowable(block, width: width, cellWidths: cellWidths) else { return nil }
    if flow.error == nil, let run = Self.overflowingRun(flow.slices, width: width) {
      flow.error = .tooNarrow(width: width, text: run.text)
    }
    return flow
  }

  /// The first text run that reaches past the measure's edges.
  static func overflowingRun(_ slices: [Frame], width: Double) -> TextRun? {
    for slice in slices {
      for case .text(let run) in slice.items where !run.text.isEmpty {
        if run.origin.x < -0.01 || run.origin.x + run.width > width + 0.01 { return run }
      }
    }
    return nil
  }

  private func setFlowable(_ block: Block, width: Double, cellWidths: CellWidths?) -> Flowable? {
    switch block {
    case .heading(let heading): return self.heading(heading, width: width)
    case .paragraph(let paragraph): return self.paragraph(paragraph, width: width)
    case .list(let list): return self.list(list, width: width)
    case .box(let box): return self.box(box, width: width)
    case .table(let table):
      // Shared widths were computed for the page's measure; a grouped table set in
      // a narrower place (inside a box) computes its own.
      let shared = Self.groupKey(table).flatMap { groupWidths[$0] }
        .flatMap { abs($0.reduce(0, +) - width) < 0.01 ? $0 : nil }
      return TableLayouter(measurer: measurer, helpers: helpers).flowable(
        table, width: width, widths: shared, naturals: shared == nil ? nil : cellWidths,
        maximumHeight: maximumSliceHeight)
    case .figure(let figure):
      let frame = figure.content.frame(width: width, measurer: measurer)
      var flow = Flowable(slices: [frame].tagged(figure.role, alternative: figure.alternative))
      flow.spaceBefore = figure.spaceBefore
      flow.spaceAfter = figure.spaceAfter
      return flow
    case .contents(let contents): return self.contents(contents, width: width)
    case .itemList(let list): return itemList(list, width: width)
    case .group(let group): return self.group(group, width: width)
    case .rule(let rule): return self.rule(rule, width: width)
    case .spacer(let height):
      return Flowable(slices: [Frame(size: Size(width: width, height: height))])
    case .pageBreak: return nil
    }
  }

  // MARK: - Text

  /// Lines of text as frames, one per line, each `lineHeight` tall.
  func lineFrames(
    _ text: String, style: TextStyle, alignment: TextAlignment, width: Double, x: Double = 0
  ) -> [Frame] {
    // Justified text is broken for even spaces over the whole paragraph; a word
    // wider than the measure leaves it to the measurer, which cuts between letters.
    let lines =
      alignment == .justify
      ? measurer.justifiedLines(of: text, style: style, width: width) {
        JustifiedBreaker(measurer: measurer, style: style).lines(of: text, width: width)
      }
      : nil
    return lineFrames(
      lines ?? measurer.lines(of: text, style: style, width: width), style: style,
      alignment: alignment, width: width, x: x)
  }

  /// Lines already broken, as frames.
  func lineFrames(
    _ lines: [LineBox], style: TextStyle, alignment: TextAlignment, width: Double, x: Double = 0
  ) -> [Frame] {
    let lineHeight = style.lineHeight
    let baseline = measurer.metrics(of: style).baseline(inLineOf: lineHeight)
    return lines.map { line in
      var offset = x
      var runWidth = line.width
      var wordSpacing = 0.0
      switch alignment {
      case .left: break
      case .right: offset += width - line.width
      case .center: offset += (width - line.width) / 2
      case .justify:
        // The word spaces grow (or shrink) so the line fills the measure; drawing
        // applies the spacing as it is.
        if !line.endsParagraph && line.text.contains(" ") {
          wordSpacing = TextRun.wordSpacing(filling: width, natural: line.width, text: line.text)
          runWidth = width
        }
      }
      let run = TextRun(
        text: line.text, style: style, origin: Point(x: offset, y: baseline), width: runWidth,
        wordSpacing: wordSpacing)
      return Frame(size: Size(width: x + width, height: lineHeight), items: [.text(run)])
    }
  }

  func heading(_ heading: Heading, width: Double) -> Flowable {
    var frame = Frame(size: Size(width: width, height: 0))
    if let anchor = heading.anchor {
      let outline = heading.outlineLevel.map {
        OutlineEntry(title: heading.text, level: $0, destination: anchor)
      }
      frame.items.append(.anchor(name: anchor, at: .zero, outline: outline))
    }
    for line in lineFrames(heading.text, style: heading.style, alignment: .left, width: width) {
      frame.place(line, at: Point(x: 0, y: frame.size.height))
      frame.size.height += line.size.height
    }
    frame = [frame].tagged(.heading(level: heading.outlineLevel))[0]
    // The rule under the heading is decoration: an artifact after the heading.
    if let rule = heading.rule {
      let y = frame.size.height + rule.width / 2 + 2
      frame.items += Frame.artifact([
        .line(from: Point(x: 0, y: y), to: Point(x: width, y: y), stroke: rule)
      ])
      frame.size.height += rule.width + 2
    }
    var flow = Flowable(slices: [frame])
    flow.spaceBefore = heading.spaceBefore
    flow.spaceAfter = heading.spaceAfter
    flow.keepWithNext = true
    return flow
  }

  func paragraph(_ paragraph: Paragraph, width: Double) -> Flowable {
    var lines: [Frame]
    if paragraph.isPlain {
      var text = paragraph.refersToPages ? resolvingPageReferences(paragraph.text) : paragraph.text
      if paragraph.hyphenate, let hyphenator { text = hyphenator.hyphenate(text) }
      lines = lineFrames(
        text, style: paragraph.style, alignment: paragraph.alignment, width: width)
    } else {
      lines = richLineFrames(paragraph, width: width)
    }
    if let destination = paragraph.link {
      for index in lines.indices {
        lines[index].items.append(
          .link(
            Rect(x: 0, y: 0, width: width, height: lines[index].size.height),
            destination: destination))
      }
    }
    var flow = Flowable(slices: lines.tagged(.paragraph))
    // No orphan and no widow: a cut leaves at least two lines on each side.
    flow.keepHead = lines.count <= 3 ? lines.count : 2
    flow.keepTail = lines.count <= 3 ? lines.count : 2
    flow.spaceBefore = paragraph.spaceBefore
    flow.spaceAfter = paragraph.spaceAfter
    flow.keepWithNext = paragraph.keepWithNext
    return flow
  }

  func list(_ list: BulletList, width: Double) -> Flowable {
    var slices: [Frame] = []
    let baseline = measurer.metrics(of: list.style).baseline(inLineOf: list.style.lineHeight)
    for (index, item) in list.items.enumerated() {
      var lines = lineFrames(
        item, style: list.style, alignment: .left, width: width - list.indent, x: list.indent)
      guard !lines.isEmpty else { continue }
      let bullet = TextRun(
        text: list.bullet, style: list.style.with(color: list.bulletColor),
        origin: Point(x: 0, y: baseline),
        width: measurer.width(of: list.bullet, style: list.style))
      lines[0].items.insert(.text(bullet), at: 0)
      if index < list.items.count - 1 { lines[lines.count - 1].size.height += list.itemSpacing }
      for index in lines.indices { lines[index].size.width = width }
      // An item is never cut after its first line nor before its last: its first
      // two lines (with the bullet) and its last two go together; a short item is
      // one piece.
      slices += Self.joined(lines.tagged(.listBody).tagged(.listItem), keepingEnds: 2)
    }
    // Items keep their own lines together: the list may be cut between any two.
    var flow = Flowable(slices: slices.tagged(.list))
    flow.spaceBefore = list.spaceBefore
    flow.spaceAfter = list.spaceAfter
    return flow
  }

  /// The lines of a paragraph of styled runs, one frame each: every run measured
  /// and hyphenated in its own style (code never), links as `Link` elements.
  func richLineFrames(_ paragraph: Paragraph, width: Double) -> [Frame] {
    let styles = paragraph.runs.map { run -> TextStyle in
      let style = paragraph.style.emphasized(run.emphasis, codeFamily: paragraph.codeFamily)
      guard run.link != nil, let color = paragraph.linkColor else { return style }
      return style.with(color: color)
    }
    let texts = paragraph.runs.map { run -> String in
      let text = run.text.contains("{page:") ? resolvingPageReferences(run.text) : run.text
      guard paragraph.hyphenate, !run.emphasis.contains(.code), let hyphenator else { return text }
      return hyphenator.hyphenate(text)
    }
    var setter = RichLineSetter(
      measurer: measurer, style: paragraph.style, styles: styles, links: paragraph.runs.map(\.link))
    setter.codeRuns = Set(
      paragraph.runs.indices.filter { paragraph.runs[$0].emphasis.contains(.code) })
    var frames: [Frame] = []
    for paragraphWords in setter.words(texts) {
      let words = setter.fitting(paragraphWords, width: width)
      let lines = setter.lines(words, width: width, justify: paragraph.alignment == .justify)
      guard !lines.isEmpty else {
        // An empty paragraph (or one between two line breaks) is an empty line.
        frames.append(Frame(size: Size(width: width, height: paragraph.style.lineHeight)))
        continue
      }
      for line in lines {
        frames.append(
          setter.frame(line, words: words, alignment: paragraph.alignment, width: width, x: 0))
      }
    }
    return frames
  }

  /// Frames stacked so that the first `ends` and the last `ends` become one frame
  /// each: all of them when there are no more than `2 × ends`.
  static func joined(_ frames: [Frame], keepingEnds ends: Int) -> [Frame] {
    func stack(_ part: ArraySlice<Frame>) -> Frame {
      var frame = Frame(size: Size(width: part.first?.size.width ?? 0, height: 0))
      for piece in part {
        frame.place(piece, at: Point(x: 0, y: frame.size.height))
        frame.size.height += piece.size.height
      }
      return frame
    }
    guard frames.count > 2 * ends else { return frames.isEmpty ? [] : [stack(frames[...])] }
    return [stack(frames.prefix(ends))] + frames.dropFirst(ends).dropLast(ends)
      + [stack(frames.suffix(ends))]
  }

  func box(_ box: ShadedBox, width: Double) -> Flowable {
    let inner = width - box.padding.left - box.padding.right
    var content: [Frame] = []
    var titleCount = 0
    if let title = box.title, let style = box.titleStyle {
      content += lineFrames(title, style: style, alignment: .left, width: inner).tagged(.paragraph)
      titleCount = content.count
      if !box.content.isEmpty {
        content.append(Frame(size: Size(width: inner, height: box.spacing)))
      }
    }
    var error: LayoutError?
    for (index, block) in box.content.enumerated() {
      guard let flow = flowable(block, width: inner) else { continue }
      error = error ?? flow.error
      if index > 0 { content.append(Frame(size: Size(width: inner, height: box.spacing))) }
      content += flow.slices
    }
    func wrap(_ slice: Frame) -> Frame {
      var frame = Frame(size: Size(width: width, height: slice.size.height))
      // The background and its accent bar are page furniture.
      var background: [FrameItem] = [
        .rect(
          Rect(x: 0, y: 0, width: width, height: slice.size.height), fill: box.fill, stroke: nil)
      ]
      if let accent = box.accent {
        background.append(
          .rect(
            Rect(x: 0, y: 0, width: accent.width, height: slice.size.height), fill: accent.color,
            stroke: nil))
      }
      frame.items = Frame.artifact(background)
      frame.place(slice, at: Point(x: box.padding.left, y: 0))
      return frame
    }
    let top = wrap(Frame(size: Size(width: inner, height: box.padding.top)))
    let bottom = wrap(Frame(size: Size(width: inner, height: box.padding.bottom)))
    var flow = Flowable(slices: [top] + content.map(wrap) + [bottom])
    flow.error = error
    flow.keepHead = min(flow.slices.count, 1 + titleCount + 2)
    flow.keepTail = min(flow.slices.count, 3)
    flow.spaceBefore = box.spaceBefore
    flow.spaceAfter = box.spaceAfter
    return flow
  }

  /// The text with each `{page:name}` replaced by the page number of `name`.
  func resolvingPageReferences(_ text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let open = rest.firstRange(of: "{page:"),
      let close = rest[open.upperBound...].firstIndex(of: "}")
    {
      result += rest[..<open.lowerBound]
      let name = String(rest[open.upperBound..<close])
      result += pageNumbers[name].map(String.init) ?? unknownPage
      rest = rest[rest.index(after: close)...]
    }
    return result + rest
  }

  // MARK: - Contents

  func contents(_ contents: Contents, width: Double) -> Flowable {
    var slices: [Frame] = []
    // One leader style and one dot grid for every level, so the dots line up.
    let leaderStyle = (contents.styles.last ?? contents.styles[0])
      .with(color: contents.leaderColor).with(weight: .regular)
    let pitch = leaderStyle.size * 0.6
    let dot = measurer.width(of: ".", style: leaderStyle)
    for entry in contents.entries {
      let style = contents.styles[min(entry.level, contents.styles.count) - 1].tabular
      let indent = Double(entry.level - 1) * contents.indent
      let number = pageNumbers[entry.destination].map(String.init) ?? unknownPage
      // Page numbers sit right-aligned in a box two figures wide: every leader
      // ends at the same place, whatever the number.
      let numberBox = measurer.width(of: "00", style: style)
      let numberWidth = measurer.width(of: number, style: style)
      let gap = style.size
      let titleWidth = width - indent - numberBox - 3 * gap
      var frame = Frame(size: Size(width: width, height: 0))
      if entry.level == 1 && !slices.isEmpty { frame.size.height += contents.sectionSpacing }
      let top = frame.size.height
      let lines = measurer.lines(of: entry.title, style: style, width: titleWidth)
      for line in lineFrames(
        entry.title, style: style, alignment: .left, width: titleWidth, x: indent)
      {
        frame.place(line, at: Point(x: 0, y: frame.size.height))
        frame.size.height += line.size.height
      }
      let metrics = measurer.metrics(of: style)
      let baseline =
        frame.size.height - style.lineHeight
        + (style.lineHeight - metrics.ascent - metrics.descent) / 2 + metrics.ascent
      let lastWidth = lines.last?.width ?? 0
      let start = indent + lastWidth + gap / 2
      let end = width - numberBox - gap / 2
      // Dots on an absolute grid from the left edge of the measure.
      let first = (start / pitch).rounded(.up)
      let last = ((end - dot) / pitch).rounded(.down)
      if last - first >= 1 {
        let count = Int(last - first) + 1
        frame.items.append(
          .text(
            TextRun(
              // Never taller than the entry's own text, which sets the line.
              text: String(repeating: ".", count: count),
              style: leaderStyle.size > style.size
                ? leaderStyle.with(size: style.size) : leaderStyle,
              origin: Point(x: first * pitch, y: baseline),
              width: Double(count - 1) * pitch + dot, letterSpacing: pitch - dot)))
      }
      frame.items.append(
        .text(
          TextRun(
            text: number, style: style, origin: Point(x: width - numberWidth, y: baseline),
            width: numberWidth)))
      frame.items.append(
        .link(
          Rect(x: indent, y: top, width: width - indent, height: frame.size.height - top),
          destination: entry.destination))
      slices += [frame].tagged(.contentsItem)
    }
    var flow = Flowable(slices: slices.tagged(.contents))
    flow.keepHead = min(2, slices.count)
    flow.keepTail = min(2, slices.count)
    return flow
  }
}
