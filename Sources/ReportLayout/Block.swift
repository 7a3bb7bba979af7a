/// A section heading: kept with what follows, optionally a bookmark and a link target.
public struct Heading: Sendable {
  /// The heading's text.
  public var text: String
  /// How it looks.
  public var style: TextStyle
  /// The outline level (1 = top); `nil` keeps it out of the outline.
  public var outlineLevel: Int?
  /// The destination name links use to jump here; `nil` for none.
  public var anchor: String?
  /// Space above, pt (dropped at the top of a page).
  public var spaceBefore: Double
  /// Space below, pt.
  public var spaceAfter: Double
  /// A rule drawn under the heading across the measure.
  public var rule: Stroke?

  /// Creates a heading.
  public init(
    text: String, style: TextStyle, outlineLevel: Int? = nil, anchor: String? = nil,
    spaceBefore: Double = 0, spaceAfter: Double = 0, rule: Stroke? = nil
  ) {
    self.text = text
    self.style = style
    self.outlineLevel = outlineLevel
    self.anchor = anchor
    self.spaceBefore = spaceBefore
    self.spaceAfter = spaceAfter
    self.rule = rule
  }
}

/// A paragraph of running text: a sequence of styled runs (regular, bold, italic,
/// code, inline links).
public struct Paragraph: Sendable {
  /// The runs, in order; `\n` in a run forces a line break.
  public var runs: [InlineRun]
  /// How it looks (the runs' emphasis applies on top).
  public var style: TextStyle
  /// Alignment of its lines.
  public var alignment: TextAlignment
  /// Space above, pt.
  public var spaceBefore: Double
  /// Space below, pt.
  public var spaceAfter: Double
  /// Whether the paragraph must stay on the same page as the next block.
  public var keepWithNext: Bool
  /// Whether words may be hyphenated (running text; never headings, codes or figures).
  public var hyphenate: Bool
  /// Where a click on the paragraph leads, when anywhere.
  public var link: String?
  /// The monospace family of code runs (the theme names it).
  public var codeFamily: String
  /// The colour of inline links' text; the paragraph's colour when `nil`.
  public var linkColor: Color?

  /// The family of code runs when none is named: DejaVu Sans Mono, in `fonts/`.
  public static let defaultCodeFamily = "DejaVu Sans Mono"

  /// Creates a paragraph of one plain text in one style.
  ///
  /// `{page:name}` in the text becomes the page number of the destination `name`.
  public init(
    text: String, style: TextStyle, alignment: TextAlignment = .left, spaceBefore: Double = 0,
    spaceAfter: Double = 0, keepWithNext: Bool = false, hyphenate: Bool = false,
    link: String? = nil
  ) {
    self.init(
      runs: [InlineRun(text)], style: style, alignment: alignment, spaceBefore: spaceBefore,
      spaceAfter: spaceAfter, keepWithNext: keepWithNext, hyphenate: hyphenate, link: link)
  }

  /// Creates a paragraph of styled runs.
  public init(
    runs: [InlineRun], style: TextStyle, alignment: TextAlignment = .left,
    spaceBefore: Double = 0, spaceAfter: Double = 0, keepWithNext: Bool = false,
    hyphenate: Bool = false, link: String? = nil, codeFamily: String = defaultCodeFamily
  ) {
    self.runs = runs
    self.style = style
    self.alignment = alignment
    self.spaceBefore = spaceBefore
    self.spaceAfter = spaceAfter
    self.keepWithNext = keepWithNext
    self.hyphenate = hyphenate
    self.link = link
    self.codeFamily = codeFamily
  }

  /// The paragraph's characters, all runs together; set, it becomes one plain run.
  public var text: String {
    get { runs.count == 1 ? runs[0].text : runs.map(\.text).joined() }
    set { runs = [InlineRun(newValue)] }
  }

  /// Whether the paragraph is one text in its own style, without inline links.
  var isPlain: Bool { runs.allSatisfy(\.isPlain) }

  /// Whether the text names page numbers, which are known only after a layout pass.
  var refersToPages: Bool { runs.contains { $0.text.contains("{page:") } }
}

/// A bulleted list.
public struct BulletList: Sendable {
  /// The items' texts.
  public var items: [String]
  /// How the items look.
  public var style: TextStyle
  /// The bullet drawn before each item.
  public var bullet: String
  /// The bullet's colour.
  public var bulletColor: Color
  /// How far the text is indented from the bullet's left edge, pt.
  public var indent: Double
  /// Space between items, pt.
  public var itemSpacing: Double
  /// Space above, pt.
  public var spaceBefore: Double
  /// Space below, pt.
  public var spaceAfter: Double

  /// Creates a list.
  public init(
    items: [String], style: TextStyle, bullet: String, bulletColor: Color, indent: Double,
    itemSpacing: Double = 0, spaceBefore: Double = 0, spaceAfter: Double = 0
  ) {
    self.items = items
    self.style = style
    self.bullet = bullet
    self.bulletColor = bulletColor
    self.indent = indent
    self.itemSpacing = itemSpacing
    self.spaceBefore = spaceBefore
    self.spaceAfter = spaceAfter
  }
}

/// A shaded box around other blocks, with an optional title ("À noter").
public struct ShadedBox: Sendable {
  /// The box's title, drawn first inside it.
  public var title: String?
  /// How the title looks.
  public var titleStyle: TextStyle?
  /// What the box holds.
  public var content: [Block]
  /// The background.
  public var fill: Color
  /// A bar drawn along the left edge, its colour and width.
  public var accent: Stroke?
  /// Space between the edges and the content, pt.
  public var padding: EdgeInsets
  /// Space between the blocks inside, pt.
  public var spacing: Double
  /// Space above, pt.
  public var spaceBefore: Double
  /// Space below, pt.
  public var spaceAfter: Double

  /// Creates a box.
  public init(
    title: String? = nil, titleStyle: TextStyle? = nil, content: [Block], fill: Color,
    accent: Stroke? = nil, padding: EdgeInsets, spacing: Double = 0, spaceBefore: Double = 0,
    spaceAfter: Double = 0
  ) {
    self.title = title
    self.titleStyle = titleStyle
    self.content = content
    self.fill = fill
    self.accent = accent
    self.padding = padding
    self.spacing = spacing
    self.spaceBefore = spaceBefore
    self.spaceAfter = spaceAfter
  }
}

/// Something drawn from geometry, such as a chart, laid out at a given width.
public protocol FigureContent: Sendable {
  /// The figure's frame for the measure `width` (pt); its height is the figure's own.
  func frame(width: Double, measurer: any TextMeasurer) -> Frame
}

/// A figure: a drawing that is never split.
public struct Figure: Sendable {
  /// What is drawn.
  public var content: any FigureContent
  /// Space above, pt.
  public var spaceBefore: Double
  /// Space below, pt.
  public var spaceAfter: Double
  /// Its structure element: `Figure` for a chart, `Div` for text set as a drawing
  /// (a cover).
  public var role: StructureRole
  /// What the figure shows, in words, for readers who cannot see it (its data).
  public var alternative: String?

  /// Creates a figure.
  public init(
    content: any FigureContent, spaceBefore: Double = 0, spaceAfter: Double = 0,
    role: StructureRole = .figure, alternative: String? = nil
  ) {
    self.content = content
    self.spaceBefore = spaceBefore
    self.spaceAfter = spaceAfter
    self.role = role
    self.alternative = alternative
  }
}

/// One entry of a table of contents.
public struct ContentsEntry: Sendable {
  /// The text shown.
  public var title: String
  /// 1 for a section, 2 for a sub-section.
  public var level: Int
  /// The destination it links to, whose page number is printed.
  public var destination: String

  /// Creates an entry.
  public init(title: String, level: Int, destination: String) {
    self.title = title
    self.level = level
    self.destination = destination
  }
}

/// A table of contents whose page numbers come from where destinations land.
public struct Contents: Sendable {
  /// The entries in order.
  public var entries: [ContentsEntry]
  /// The style of each level (index 0 = level 1); the last one serves deeper levels.
  public var styles: [TextStyle]
  /// The indent of each level beyond the first, pt.
  public var indent: Double
  /// The space before a level-1 entry, pt.
  public var sectionSpacing: Double
  /// The leader's colour.
  public var leaderColor: Color

  /// Creates a table of contents.
  public init(
    entries: [ContentsEntry], styles: [TextStyle], indent: Double, sectionSpacing: Double,
    leaderColor: Color
  ) {
    self.entries = entries
    self.styles = styles
    self.indent = indent
    self.sectionSpacing = sectionSpacing
    self.leaderColor = leaderColor
  }
}

/// The page geometry of a run of pages.
public struct PageStyle: Hashable, Sendable {
  /// The paper size.
  public var size: Size
  /// The content area's distance from the edges.
  public var margins: EdgeInsets
  /// Whether the footer is drawn on these pages.
  public var showsFooter: Bool

  /// Creates a page style.
  public init(size: Size = .a4, margins: EdgeInsets, showsFooter: Bool) {
    self.size = size
    self.margins = margins
    self.showsFooter = showsFooter
  }

  /// The content area.
  public var contentBox: Rect {
    Rect(
      x: margins.left, y: margins.top, width: size.width - margins.left - margins.right,
      height: size.height - margins.top - margins.bottom)
  }
}

/// A building block of a document, before layout.
public indirect enum Block: Sendable {
  /// A heading.
  case heading(Heading)
  /// A paragraph.
  case paragraph(Paragraph)
  /// A bulleted list.
  case list(BulletList)
  /// A shaded box around blocks.
  case box(ShadedBox)
  /// A table.
  case table(Table)
  /// A chart or other drawing.
  case figure(Figure)
  /// Vertical space, pt (dropped at the top of a page).
  case spacer(Double)
  /// Starts a new page, switching to another page style when given.
  case pageBreak(PageStyle?)
  /// A table of contents.
  case contents(Contents)
  /// A list whose items are blocks (nested lists, several paragraphs).
  case itemList(ItemList)
  /// Blocks set off in a structure element of their own (a block quotation).
  case group(Group)
  /// A horizontal rule between two parts of a text.
  case rule(HorizontalRule)

  /// Whether the block shows page numbers, and so is prepared again on each pass.
  var showsPageNumbers: Bool {
    switch self {
    case .contents: return true
    case .paragraph(let paragraph): return paragraph.refersToPages
    default: return false
    }
  }
}
