/// How a line or an outline is stroked.
public struct Stroke: Hashable, Sendable {
  /// The colour.
  public var color: Color
  /// The line width, pt.
  public var width: Double
  /// Creates a stroke.
  public init(color: Color, width: Double) {
    self.color = color
    self.width = width
  }
}

/// One line of text placed on a page.
///
/// Its text and style are the key to its glyphs: the measurer that measured the line
/// keeps what it shaped, and drawing shows those glyphs, never shaping, breaking or
/// justifying the line again (it shapes only what no measuring shaped whole: a line
/// of styled runs, a letter-spaced leader).
public struct TextRun: Hashable, Sendable {
  /// The characters, drawn on one line.
  public var text: String
  /// The face, size and colour.
  public var style: TextStyle
  /// The left end of the baseline, pt.
  public var origin: Point
  /// The width the line occupies: its natural width, or the measure it is justified to.
  public var width: Double
  /// What each word space (U+0020) gains (or, negative, loses), pt.
  ///
  /// Layout's justification, which drawing applies as it is; no-break spaces keep
  /// their width.
  public var wordSpacing: Double
  /// Extra space after each character, pt (dot leaders use it; text does not).
  public var letterSpacing: Double

  /// Creates a run.
  public init(
    text: String, style: TextStyle, origin: Point, width: Double, wordSpacing: Double = 0,
    letterSpacing: Double = 0
  ) {
    self.text = text
    self.style = style
    self.origin = origin
    self.width = width
    self.wordSpacing = wordSpacing
    self.letterSpacing = letterSpacing
  }

  /// What each word space of `text` gains so that a line `natural` pt wide fills
  /// `width` (0 for a line without a word space).
  public static func wordSpacing(filling width: Double, natural: Double, text: String) -> Double {
    let spaces = text.utf8.reduce(0) { $0 + ($1 == 0x20 ? 1 : 0) }
    return spaces == 0 ? 0 : (width - natural) / Double(spaces)
  }

  /// The box from ascent to descent, for bounds checks (pt).
  public func bounds(metrics: FontMetrics) -> Rect {
    Rect(
      x: origin.x, y: origin.y - metrics.ascent, width: width,
      height: metrics.ascent + metrics.descent)
  }
}

/// A pie slice: the region between two radii and an arc.
public struct Wedge: Hashable, Sendable {
  /// The centre of the circle, pt.
  public var center: Point
  /// The radius, pt.
  public var radius: Double
  /// Where the slice starts, in degrees clockwise from 12 o'clock.
  public var startAngle: Double
  /// Where it ends, in degrees clockwise from 12 o'clock (greater than `startAngle`).
  public var endAngle: Double
  /// Creates a wedge.
  public init(center: Point, radius: Double, startAngle: Double, endAngle: Double) {
    self.center = center
    self.radius = radius
    self.startAngle = startAngle
    self.endAngle = endAngle
  }
  /// The angle the slice spans, degrees.
  public var sweep: Double { endAngle - startAngle }
}

/// An entry of the PDF outline (bookmarks).
public struct OutlineEntry: Hashable, Sendable {
  /// The text shown in the reader's sidebar.
  public var title: String
  /// Nesting depth, 1 for a top-level section.
  public var level: Int
  /// The destination name it jumps to.
  public var destination: String
  /// Creates an entry.
  public init(title: String, level: Int, destination: String) {
    self.title = title
    self.level = level
    self.destination = destination
  }
}

/// What a structure element is, for readers and screen readers (ISO 32000-1 §14.8.4).
///
/// A closed list: the renderer writes each role's standard name and nothing else.
public enum StructureRole: String, Hashable, Sendable, CaseIterable {
  /// The root element around a whole document.
  case document = "Document"
  /// A paragraph.
  case paragraph = "P"
  /// A heading outside the outline.
  case heading = "H"
  /// A level-1 heading.
  case heading1 = "H1"
  /// A level-2 heading.
  case heading2 = "H2"
  /// A level-3 heading.
  case heading3 = "H3"
  /// A level-4 heading.
  case heading4 = "H4"
  /// A level-5 heading.
  case heading5 = "H5"
  /// A level-6 heading.
  case heading6 = "H6"
  /// A list.
  case list = "L"
  /// A list item.
  case listItem = "LI"
  /// The body of a list item (its text, with its bullet).
  case listBody = "LBody"
  /// A table.
  case table = "Table"
  /// A table's header rows.
  case tableHead = "THead"
  /// A table's body rows.
  case tableBody = "TBody"
  /// A table row.
  case tableRow = "TR"
  /// A header cell.
  case headerCell = "TH"
  /// A data cell.
  case dataCell = "TD"
  /// A drawing with a meaning (a chart), which carries a text alternative.
  case figure = "Figure"
  /// A division: text set as a drawing (a cover).
  case division = "Div"
  /// A table of contents.
  case contents = "TOC"
  /// An entry of a table of contents.
  case contentsItem = "TOCI"
  /// A block quotation.
  case blockQuote = "BlockQuote"
  /// A list item's label (its bullet or number).
  case label = "Lbl"
  /// Code inside running text.
  case code = "Code"
  /// A run of text inside an element that also holds other elements (set by layout,
  /// see ``StructureTree``).
  case span = "Span"

  /// The heading role of an outline level (1 to 6; `nil` for a heading outside it).
  public static func heading(level: Int?) -> StructureRole {
    guard let level else { return .heading }
    return [.heading1, .heading2, .heading3, .heading4, .heading5, .heading6][
      min(6, max(1, level)) - 1]
  }
}

/// A figure's text alternative, held by reference: a structure element without one
/// (every table cell and row) takes no room for it, and a ``FrameItem`` takes 16 bytes
/// (a large table's rows are held until they are placed).
public final class TextAlternative: Hashable, Sendable {
  /// The text a screen reader says instead of the figure.
  public let text: String

  /// Creates an alternative.
  public init(_ text: String) { self.text = text }

  /// Whether two alternatives say the same.
  public static func == (left: TextAlternative, right: TextAlternative) -> Bool {
    left.text == right.text
  }

  /// Hashes the text.
  public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// Something drawn, or a marker, at a fixed position.
///
/// Paint order is list order. Every drawing item sits either in a structure element
/// that holds no other element (its content) or between ``beginArtifact`` and
/// ``endArtifact`` (page furniture, which screen readers skip): layout sees to it.
public enum FrameItem: Hashable, Sendable {
  /// A line of text.
  indirect case text(TextRun)
  /// A filled and/or stroked rectangle.
  indirect case rect(Rect, fill: Color?, stroke: Stroke?)
  /// A straight line.
  indirect case line(from: Point, to: Point, stroke: Stroke)
  /// Connected segments through points, dashed when `dash` gives on/off lengths (pt).
  indirect case polyline([Point], stroke: Stroke, dash: [Double])
  /// A filled pie slice, optionally outlined.
  indirect case wedge(Wedge, fill: Color, stroke: Stroke?)
  /// A picture file drawn into a box (the renderer reads the file; layout only
  /// places it).
  indirect case image(ImageItem)
  /// A clickable area that jumps to a named destination (a `Link` structure element).
  indirect case link(Rect, destination: String)
  /// A named destination at a point (the target of links and bookmarks).
  indirect case anchor(name: String, at: Point, outline: OutlineEntry?)
  /// The start of a structure element for readers and screen readers: what follows,
  /// to the matching end, belongs to it. Elements may span pages. A figure carries its
  /// text alternative here.
  case beginStructure(StructureRole, alternative: TextAlternative? = nil)
  /// The end of the innermost open structure element, of that role.
  case endStructure(StructureRole)
  /// The start of an inline link (a `Link` structure element): the text drawn up to
  /// ``endLink`` is its content and its clickable area. Never spans lines.
  indirect case beginLink(LinkTarget)
  /// The end of an inline link.
  case endLink
  /// The start of page furniture (footers, rules, backgrounds, a repeated table
  /// header): drawn, but no part of the document's text. Never spans pages and
  /// holds no structure.
  case beginArtifact
  /// The end of page furniture.
  case endArtifact

  /// The item moved by an offset.
  public func offsetBy(dx: Double, dy: Double) -> FrameItem {
    func move(_ point: Point) -> Point { Point(x: point.x + dx, y: point.y + dy) }
    switch self {
    case .text(var run):
      run.origin = move(run.origin)
      return .text(run)
    case .rect(let rect, let fill, let stroke):
      return .rect(rect.offsetBy(dx: dx, dy: dy), fill: fill, stroke: stroke)
    case .line(let from, let to, let stroke):
      return .line(from: move(from), to: move(to), stroke: stroke)
    case .polyline(let points, let stroke, let dash):
      return .polyline(points.map(move), stroke: stroke, dash: dash)
    case .wedge(var wedge, let fill, let stroke):
      wedge.center = move(wedge.center)
      return .wedge(wedge, fill: fill, stroke: stroke)
    case .image(var image):
      image.rect = image.rect.offsetBy(dx: dx, dy: dy)
      return .image(image)
    case .link(let rect, let destination):
      return .link(rect.offsetBy(dx: dx, dy: dy), destination: destination)
    case .anchor(let name, let point, let outline):
      return .anchor(name: name, at: move(point), outline: outline)
    case .beginStructure, .endStructure, .beginArtifact, .endArtifact, .beginLink, .endLink:
      return self
    }
  }

  /// Whether the item puts marks on the page (text, shapes), as opposed to markers.
  public var draws: Bool {
    switch self {
    case .text(let run): return !run.text.isEmpty
    case .rect, .line, .polyline, .wedge, .image: return true
    case .link, .anchor, .beginStructure, .endStructure, .beginArtifact, .endArtifact,
      .beginLink, .endLink:
      return false
    }
  }
}

/// A finished piece of layout: a size and items at fixed positions inside it.
public struct Frame: Hashable, Sendable {
  /// The space the frame occupies, pt.
  public var size: Size
  /// What it holds, in frame coordinates (top-left origin).
  public var items: [FrameItem]

  /// Creates a frame.
  public init(size: Size, items: [FrameItem] = []) {
    self.size = size
    self.items = items
  }

  /// Appends another frame's items moved to `offset`.
  public mutating func place(_ frame: Frame, at offset: Point) {
    items.reserveCapacity(items.count + frame.items.count)
    for item in frame.items { items.append(item.offsetBy(dx: offset.x, dy: offset.y)) }
  }
}

extension Array where Element == Frame {
  /// The frames wrapped in a structure element.
  ///
  /// The element opens before the first frame's items and closes after the last's.
  func tagged(_ role: StructureRole, alternative: String? = nil) -> [Frame] {
    guard !isEmpty else { return self }
    var frames = self
    frames[0].items.insert(
      .beginStructure(role, alternative: alternative.map(TextAlternative.init)), at: 0)
    frames[frames.count - 1].items.append(.endStructure(role))
    return frames
  }
}

extension Frame {
  /// The frame with its items made page furniture (an artifact); structure markers
  /// inside are dropped.
  func artifact() -> Frame {
    var frame = self
    frame.items = Self.artifact(items)
    return frame
  }

  /// Items made page furniture: structure markers dropped, the rest between
  /// ``FrameItem/beginArtifact`` and ``FrameItem/endArtifact`` (nothing when none draws).
  static func artifact(_ items: [FrameItem]) -> [FrameItem] {
    let kept = items.filter {
      switch $0 {
      case .beginStructure, .endStructure, .beginArtifact, .endArtifact, .beginLink, .endLink:
        return false
      default: return true
      }
    }
    guard kept.contains(where: \.draws) else { return kept }
    return [.beginArtifact] + kept + [.endArtifact]
  }
}

extension Frame {
  /// A paragraph set in a frame `width` wide: its lines stacked, top-left origin.
  ///
  /// For figures that set text of their own (a cover, a chart's caption).
  public static func paragraph(
    _ text: String, style: TextStyle, alignment: TextAlignment = .left, width: Double,
    measurer: any TextMeasurer
  ) -> Frame {
    let preparer = Preparer(measurer: measurer, pageNumbers: [:], unknownPage: "")
    var frame = Frame(size: Size(width: width, height: 0))
    for line in preparer.lineFrames(text, style: style, alignment: alignment, width: width) {
      frame.place(line, at: Point(x: 0, y: frame.size.height))
      frame.size.height += line.size.height
    }
    return frame
  }
}

/// One finished page.
public struct Page: Hashable, Sendable {
  /// The page's size, pt.
  public var size: Size
  /// Everything on the page, in page coordinates.
  public var items: [FrameItem]
  /// The area inside the margins, where content (and the footer) must stay.
  public var printableBox: Rect
  /// Creates a page.
  public init(size: Size, items: [FrameItem], printableBox: Rect) {
    self.size = size
    self.items = items
    self.printableBox = printableBox
  }
}

/// The result of laying out a document: pages and their outline.
public struct LaidOutDocument: Sendable {
  /// The pages, in order.
  public var pages: [Page]
  /// The bookmarks, in document order, with their nesting levels.
  public var outline: [OutlineEntry]
  /// On which page (0-based) each named destination landed.
  public var destinations: [String: Int]
  /// How many layout passes it took for the contents' page numbers to settle.
  public var passes: Int

  /// Creates a document from finished pages (renderer tests build them by hand).
  public init(
    pages: [Page], outline: [OutlineEntry], destinations: [String: Int], passes: Int = 1
  ) {
    self.pages = pages
    self.outline = outline
    self.destinations = destinations
    self.passes = passes
  }
}

extension Page {
  /// The items that lie outside the printable box (text by its ascent and descent),
  /// described for a message; empty on a sound page.
  public func itemsOutsidePrintableBox(measurer: any TextMeasurer, tolerance: Double = 0.5)
    -> [String]
  {
    var outside: [String] = []
    for item in items {
      switch item {
      case .text(let run) where !run.text.isEmpty:
        let bounds = run.bounds(metrics: measurer.metrics(of: run.style))
        if !printableBox.contains(bounds, tolerance: tolerance) {
          outside.append("text \"\(run.text.prefix(40))\" at \(bounds)")
        }
      case .rect(let rect, _, _), .link(let rect, _):
        if !printableBox.contains(rect, tolerance: tolerance) { outside.append("box at \(rect)") }
      case .line(let from, let to, _):
        let box = Rect(
          x: min(from.x, to.x), y: min(from.y, to.y), width: abs(to.x - from.x),
          height: abs(to.y - from.y))
        if !printableBox.contains(box, tolerance: tolerance) { outside.append("line at \(box)") }
      default:
        continue
      }
    }
    return outside
  }
}

/// How a run of pages is numbered in a reader's page box (PDF page labels).
public struct PageLabelRange: Hashable, Sendable {
  /// The first page of the run, 0-based.
  public var firstPage: Int
  /// A text shown before the number, or alone when the run is not numbered
  /// ("Couverture").
  public var prefix: String?
  /// Whether pages are numbered (in decimal figures).
  public var numbered: Bool
  /// The number of the run's first page.
  public var start: Int

  /// Creates a range.
  public init(firstPage: Int, prefix: String? = nil, numbered: Bool = true, start: Int = 1) {
    self.firstPage = firstPage
    self.prefix = prefix
    self.numbered = numbered
    self.start = start
  }
}
