/// A picture file placed in a box: what the renderer draws, named by its path.
///
/// Layout never reads the file: the file was checked (format, size) before layout,
/// and the renderer decodes it (cairo for PNG, JPEG kept compressed, librsvg for SVG).
public struct ImageItem: Hashable, Sendable {
  /// The file formats a picture may have.
  public enum Format: String, Hashable, Sendable {
    /// PNG.
    case png
    /// JPEG, embedded as it is.
    case jpeg
    /// SVG, drawn as vectors.
    case svg
  }

  /// The file to draw.
  public var path: String
  /// What the file is.
  public var format: Format
  /// Where it is drawn, pt (the picture is stretched to fill it).
  public var rect: Rect
  /// Whether the picture may draw with transparency (an SVG with opacity): a file
  /// that allows none (PDF/A-1) draws it flattened onto white.
  public var mayBeTransparent: Bool

  /// Creates an image item.
  public init(path: String, format: Format, rect: Rect, mayBeTransparent: Bool = false) {
    self.path = path
    self.format = format
    self.rect = rect
    self.mayBeTransparent = mayBeTransparent
  }
}

/// A picture with its caption below, scaled to the measure or to a given width.
public struct PictureFigure: FigureContent {
  /// The file to draw.
  public var path: String
  /// What the file is.
  public var format: ImageItem.Format
  /// The picture's own size (pixels, or CSS pixels for SVG): only its proportions count.
  public var pixelWidth: Double
  /// The picture's own height.
  public var pixelHeight: Double
  /// The width asked for, pt; the measure when `nil` (never wider than the measure).
  public var width: Double?
  /// The tallest the picture may be, pt (it is scaled down, centred, to fit).
  public var maximumHeight: Double
  /// The caption printed below, if any.
  public var caption: String?
  /// How the caption looks.
  public var captionStyle: TextStyle
  /// Space between the picture and its caption, pt.
  public var captionGap: Double
  /// Whether the picture may draw with transparency (``ImageItem/mayBeTransparent``).
  public var mayBeTransparent = false

  /// Creates a picture figure.
  public init(
    path: String, format: ImageItem.Format, pixelWidth: Double, pixelHeight: Double,
    width: Double? = nil, maximumHeight: Double, caption: String?, captionStyle: TextStyle,
    captionGap: Double = 6
  ) {
    self.path = path
    self.format = format
    self.pixelWidth = pixelWidth
    self.pixelHeight = pixelHeight
    self.width = width
    self.maximumHeight = maximumHeight
    self.caption = caption
    self.captionStyle = captionStyle
    self.captionGap = captionGap
  }

  /// The picture centred in the measure, its caption centred below it.
  public func frame(width measure: Double, measurer: any TextMeasurer) -> Frame {
    let ratio = pixelHeight > 0 && pixelWidth > 0 ? pixelHeight / pixelWidth : 1
    var boxWidth = min(measure, max(1, width ?? measure))
    var boxHeight = boxWidth * ratio
    if boxHeight > maximumHeight {
      boxHeight = maximumHeight
      boxWidth = boxHeight / ratio
    }
    var frame = Frame(size: Size(width: measure, height: boxHeight))
    frame.items.append(
      .image(
        ImageItem(
          path: path, format: format,
          rect: Rect(x: (measure - boxWidth) / 2, y: 0, width: boxWidth, height: boxHeight),
          mayBeTransparent: mayBeTransparent)))
    if let caption, !caption.isEmpty {
      let text = Frame.paragraph(
        caption, style: captionStyle, alignment: .center, width: measure, measurer: measurer)
      frame.size.height += captionGap
      frame.place(text, at: Point(x: 0, y: frame.size.height))
      frame.size.height += text.size.height
    }
    return frame
  }
}

/// A list whose items are blocks (paragraphs, nested lists), each after a label: a
/// bullet or a number.
public struct ItemList: Sendable {
  /// One item: its label and what it holds.
  public struct Item: Sendable {
    /// The bullet or number drawn before the item's first line.
    public var label: String
    /// The item's blocks.
    public var content: [Block]

    /// Creates an item.
    public init(label: String, content: [Block]) {
      self.label = label
      self.content = content
    }
  }

  /// The items, in order.
  public var items: [Item]
  /// How labels look.
  public var labelStyle: TextStyle
  /// How far the items' text is indented from the labels' left edge, pt.
  public var indent: Double
  /// Space between items, pt.
  public var itemSpacing: Double
  /// Space between the blocks of one item, pt.
  public var blockSpacing: Double
  /// Space above, pt.
  public var spaceBefore: Double
  /// Space below, pt.
  public var spaceAfter: Double

  /// Creates a list.
  public init(
    items: [Item], labelStyle: TextStyle, indent: Double, itemSpacing: Double = 0,
    blockSpacing: Double = 0, spaceBefore: Double = 0, spaceAfter: Double = 0
  ) {
    self.items = items
    self.labelStyle = labelStyle
    self.indent = indent
    self.itemSpacing = itemSpacing
    self.blockSpacing = blockSpacing
    self.spaceBefore = spaceBefore
    self.spaceAfter = spaceAfter
  }
}

/// Blocks set off from the text around them: indented, with a rule along their left
/// edge, in a structure element of their own (a block quotation).
public struct Group: Sendable {
  /// What the group holds.
  public var content: [Block]
  /// Its structure element.
  public var role: StructureRole
  /// How far the content is indented, pt.
  public var indent: Double
  /// The rule along the left edge (page furniture), if any.
  public var rule: Stroke?
  /// Space between the blocks inside, pt.
  public var spacing: Double
  /// Space above, pt.
  public var spaceBefore: Double
  /// Space below, pt.
  public var spaceAfter: Double

  /// Creates a group.
  public init(
    content: [Block], role: StructureRole, indent: Double, rule: Stroke? = nil,
    spacing: Double = 0, spaceBefore: Double = 0, spaceAfter: Double = 0
  ) {
    self.content = content
    self.role = role
    self.indent = indent
    self.rule = rule
    self.spacing = spacing
    self.spaceBefore = spaceBefore
    self.spaceAfter = spaceAfter
  }
}

/// A horizontal rule across the measure between two parts of a text (Markdown's
/// `---`): decoration, so page furniture.
public struct HorizontalRule: Sendable {
  /// The line.
  public var stroke: Stroke
  /// How much of the measure it spans (0–1), centred.
  public var fraction: Double
  /// Space above, pt.
  public var spaceBefore: Double
  /// Space below, pt.
  public var spaceAfter: Double

  /// Creates a rule.
  public init(stroke: Stroke, fraction: Double = 1, spaceBefore: Double = 0, spaceAfter: Double = 0)
  {
    self.stroke = stroke
    self.fraction = fraction
    self.spaceBefore = spaceBefore
    self.spaceAfter = spaceAfter
  }
}

extension Preparer {
  /// The blocks of a list item or a group, `width` wide, as slices with `spacing`
  /// between blocks, and the first error.
  func stacked(_ blocks: [Block], width: Double, spacing: Double) -> ([Frame], LayoutError?) {
    var slices: [Frame] = []
    var error: LayoutError?
    for block in blocks {
      guard let flow = flowable(block, width: width), !flow.slices.isEmpty else { continue }
      error = error ?? flow.error
      if !slices.isEmpty {
        slices.append(Frame(size: Size(width: width, height: max(spacing, flow.spaceBefore))))
      }
      slices += flow.slices
    }
    return (slices, error)
  }

  /// Frames moved right by `indent` in frames `width` wide.
  static func indented(_ frames: [Frame], by indent: Double, width: Double) -> [Frame] {
    frames.map { slice in
      var frame = Frame(size: Size(width: width, height: slice.size.height))
      frame.place(slice, at: Point(x: indent, y: 0))
      return frame
    }
  }

  func itemList(_ list: ItemList, width: Double) -> Flowable {
    var slices: [Frame] = []
    var error: LayoutError?
    let inner = width - list.indent
    for (index, item) in list.items.enumerated() {
      var (content, problem) = stacked(item.content, width: inner, spacing: list.blockSpacing)
      error = error ?? problem
      if content.isEmpty { content = [Frame(size: Size(width: inner, height: 0))] }
      var frames = Self.indented(content, by: list.indent, width: width)
      // The label sits on the first line's baseline.
      let baseline =
        frames[0].items.lazy.compactMap { item -> Double? in
          if case .text(let run) = item { return run.origin.y }
          return nil
        }.first
        ?? measurer.metrics(of: list.labelStyle).baseline(inLineOf: list.labelStyle.lineHeight)
      let label = TextRun(
        text: item.label, style: list.labelStyle, origin: Point(x: 0, y: baseline),
        width: measurer.width(of: item.label, style: list.labelStyle))
      frames[0].items.insert(
        contentsOf: [.beginStructure(.label), .text(label), .endStructure(.label)], at: 0)
      frames = Self.wrapping(frames, in: .listBody, after: 3)
      frames[0].items.insert(.beginStructure(.listItem), at: 0)
      frames[frames.count - 1].items.append(.endStructure(.listItem))
      if index < list.items.count - 1 { frames[frames.count - 1].size.height += list.itemSpacing }
      // An item's first two slices go together: its label never ends a page alone.
      if frames.count <= 2 {
        slices += Self.joined(frames, keepingEnds: 2)
      } else {
        slices += Self.joined(Array(frames.prefix(2)), keepingEnds: 2) + frames.dropFirst(2)
      }
    }
    var flow = Flowable(slices: slices.tagged(.list))
    flow.error = error
    flow.spaceBefore = list.spaceBefore
    flow.spaceAfter = list.spaceAfter
    return flow
  }

  /// The frames with an element opened after the first `skip` items of the first
  /// frame and closed at the end of the last.
  static func wrapping(_ frames: [Frame], in role: StructureRole, after skip: Int) -> [Frame] {
    var frames = frames
    frames[0].items.insert(.beginStructure(role), at: skip)
    frames[frames.count - 1].items.append(.endStructure(role))
    return frames
  }

  func group(_ group: Group, width: Double) -> Flowable {
    let (content, error) = stacked(
      group.content, width: width - group.indent, spacing: group.spacing)
    var frames = Self.indented(content, by: group.indent, width: width)
    if let rule = group.rule {
      for index in frames.indices {
        let x = rule.width / 2
        frames[index].items.insert(
          contentsOf: Frame.artifact([
            .line(
              from: Point(x: x, y: 0), to: Point(x: x, y: frames[index].size.height), stroke: rule)
          ]), at: 0)
      }
    }
    var flow = Flowable(slices: frames.tagged(group.role))
    flow.error = error
    flow.keepHead = min(2, frames.count)
    flow.keepTail = min(2, frames.count)
    flow.spaceBefore = group.spaceBefore
    flow.spaceAfter = group.spaceAfter
    return flow
  }

  func rule(_ rule: HorizontalRule, width: Double) -> Flowable {
    let span = width * min(1, max(0, rule.fraction))
    let x = (width - span) / 2
    let y = rule.stroke.width / 2
    var frame = Frame(size: Size(width: width, height: rule.stroke.width))
    frame.items = Frame.artifact([
      .line(from: Point(x: x, y: y), to: Point(x: x + span, y: y), stroke: rule.stroke)
    ])
    var flow = Flowable(slices: [frame])
    flow.spaceBefore = rule.spaceBefore
    flow.spaceAfter = rule.spaceAfter
    return flow
  }
}
