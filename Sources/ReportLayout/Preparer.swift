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

  func prepare(_ blocks: [Block], width: Double) -> [FlowElement] {
    var result: [FlowElement] = []
    result.reserveCapacity(blocks.count)
    for block in blocks {
      switch block {
      case .pageBreak(let style): result.append(.pageBreak(style))
      case .spacer(let height):
        var flow = Flowable(slices: [Frame(size: Size(width: width, height: height))])
        flow.keepHead = 1
        result.append(.flow(flow))
      default:
        if let flow = flowable(block, width: width) { result.append(.flow(flow)) }
      }
    }
    return result
  }

  /// One block as a flowable; `nil` for page breaks (handled by the caller).
  func flowable(_ block: Block, width: Double) -> Flowable? {
    switch block {
    case .heading(let heading): return self.heading(heading, width: width)
    case .paragraph(let paragraph): return self.paragraph(paragraph, width: width)
    case .list(let list): return self.list(list, width: width)
    case .box(let box): return self.box(box, width: width)
    case .table(let table): return TableLayouter(measurer: measurer).flowable(table, width: width)
    case .figure(let figure):
      var flow = Flowable(slices: [figure.content.frame(width: width, measurer: measurer)])
      flow.spaceBefore = figure.spaceBefore
      flow.spaceAfter = figure.spaceAfter
      return flow
    case .contents(let contents): return self.contents(contents, width: width)
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
    let metrics = measurer.metrics(of: style)
    let lineHeight = style.lineHeight
    let baseline = (lineHeight - metrics.ascent - metrics.descent) / 2 + metrics.ascent
    return measurer.lines(of: text, style: style, width: width).map { line in
      var offset = x
      var runWidth = line.width
      var justified = false
      switch alignment {
      case .left: break
      case .right: offset += width - line.width
      case .center: offset += (width - line.width) / 2
      case .justify:
        if !line.endsParagraph && line.text.contains(" ") {
          justified = true
          runWidth = width
        }
      }
      let run = TextRun(
        text: line.text, style: style, origin: Point(x: offset, y: baseline), width: runWidth,
        justified: justified)
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
    if let rule = heading.rule {
      let y = frame.size.height + rule.width / 2 + 2
      frame.items.append(.line(from: Point(x: 0, y: y), to: Point(x: width, y: y), stroke: rule))
      frame.size.height += rule.width + 2
    }
    var flow = Flowable(slices: [frame])
    flow.spaceBefore = heading.spaceBefore
    flow.spaceAfter = heading.spaceAfter
    flow.keepWithNext = true
    return flow
  }

  func paragraph(_ paragraph: Paragraph, width: Double) -> Flowable {
    let lines = lineFrames(
      paragraph.text, style: paragraph.style, alignment: paragraph.alignment, width: width)
    var flow = Flowable(slices: lines)
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
    let metrics = measurer.metrics(of: list.style)
    let baseline =
      (list.style.lineHeight - metrics.ascent - metrics.descent) / 2 + metrics.ascent
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
      slices += lines
    }
    var flow = Flowable(slices: slices)
    flow.keepHead = min(2, slices.count)
    flow.keepTail = min(2, slices.count)
    flow.spaceBefore = list.spaceBefore
    flow.spaceAfter = list.spaceAfter
    return flow
  }

  func box(_ box: ShadedBox, width: Double) -> Flowable {
    let inner = width - box.padding.left - box.padding.right
    var content: [Frame] = []
    var titleCount = 0
    if let title = box.title, let style = box.titleStyle {
      content += lineFrames(title, style: style, alignment: .left, width: inner)
      titleCount = content.count
      if !box.content.isEmpty {
        content.append(Frame(size: Size(width: inner, height: box.spacing)))
      }
    }
    for (index, block) in box.content.enumerated() {
      guard let flow = flowable(block, width: inner) else { continue }
      if index > 0 { content.append(Frame(size: Size(width: inner, height: box.spacing))) }
      content += flow.slices
    }
    func wrap(_ slice: Frame) -> Frame {
      var frame = Frame(size: Size(width: width, height: slice.size.height))
      frame.items.append(
        .rect(
          Rect(x: 0, y: 0, width: width, height: slice.size.height), fill: box.fill, stroke: nil))
      if let accent = box.accent {
        frame.items.append(
          .rect(
            Rect(x: 0, y: 0, width: accent.width, height: slice.size.height), fill: accent.color,
            stroke: nil))
      }
      frame.place(slice, at: Point(x: box.padding.left, y: 0))
      return frame
    }
    let top = wrap(Frame(size: Size(width: inner, height: box.padding.top)))
    let bottom = wrap(Frame(size: Size(width: inner, height: box.padding.bottom)))
    var flow = Flowable(slices: [top] + content.map(wrap) + [bottom])
    flow.keepHead = min(flow.slices.count, 1 + titleCount + 2)
    flow.keepTail = min(flow.slices.count, 3)
    flow.spaceBefore = box.spaceBefore
    flow.spaceAfter = box.spaceAfter
    return flow
  }

  // MARK: - Contents

  func contents(_ contents: Contents, width: Double) -> Flowable {
    var slices: [Frame] = []
    for entry in contents.entries {
      let style = contents.styles[min(entry.level, contents.styles.count) - 1]
      let indent = Double(entry.level - 1) * contents.indent
      let number = pageNumbers[entry.destination].map(String.init) ?? unknownPage
      let numberWidth = measurer.width(of: number, style: style)
      let gap = style.size
      // The title wraps before the page-number column; leaders fill the last line.
      let titleWidth = width - indent - numberWidth - 3 * gap
      var frame = Frame(size: Size(width: width, height: 0))
      if entry.level == 1 && !slices.isEmpty { frame.size.height += contents.sectionSpacing }
      let top = frame.size.height
      let lines = lineFrames(
        entry.title, style: style, alignment: .left, width: titleWidth, x: indent)
      for line in lines {
        frame.place(line, at: Point(x: 0, y: frame.size.height))
        frame.size.height += line.size.height
      }
      let metrics = measurer.metrics(of: style)
      let baseline =
        frame.size.height - style.lineHeight
        + (style.lineHeight - metrics.ascent - metrics.descent) / 2 + metrics.ascent
      let lastWidth =
        measurer.lines(of: entry.title, style: style, width: titleWidth).last?.width ?? 0
      // One leader style for every level, so that the dots line up down the page.
      let leaderStyle = (contents.styles.last ?? style).with(color: contents.leaderColor)
      frame.items += leaders(
        from: indent + lastWidth + gap / 2, to: width - numberWidth - gap / 2, baseline: baseline,
        style: leaderStyle.with(weight: .regular))
      frame.items.append(
        .text(
          TextRun(
            text: number, style: style, origin: Point(x: width - numberWidth, y: baseline),
            width: numberWidth)))
      frame.items.append(
        .link(
          Rect(x: indent, y: top, width: width - indent, height: frame.size.height - top),
          destination: entry.destination))
      slices.append(frame)
    }
    var flow = Flowable(slices: slices)
    flow.keepHead = min(2, slices.count)
    flow.keepTail = min(2, slices.count)
    return flow
  }

  /// Dot leaders between two x positions, dots aligned on a grid from the right edge
  /// so that the leaders of successive entries line up.
  private func leaders(from start: Double, to end: Double, baseline: Double, style: TextStyle)
    -> [FrameItem]
  {
    let pitch = style.size * 0.6
    let dot = measurer.width(of: ".", style: style)
    let count = Int(((end - start) / pitch).rounded(.down))
    guard count >= 2 else { return [] }
    let x = end - Double(count) * pitch
    let text = String(repeating: ".", count: count)
    return [
      .text(
        TextRun(
          text: text, style: style, origin: Point(x: x, y: baseline),
          width: end - x - (pitch - dot), justified: false, letterSpacing: pitch - dot))
    ]
  }
}
