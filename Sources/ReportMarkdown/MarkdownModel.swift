/// A Markdown file read into Swift values: what the pack prints of it, nothing of the parser.
///
/// Every node keeps the 1-based line where it starts in ``file``, so that a later step
/// (a broken `#anchor`, a picture too large) can still say `file:line`.
public struct MarkdownDocument: Hashable, Sendable {
  /// The Markdown file's path as the user gave it (for messages and to find pictures).
  public var file: String
  /// The top-level blocks, in order.
  public var blocks: [MarkdownBlock]

  /// Creates a document.
  public init(file: String, blocks: [MarkdownBlock]) {
    self.file = file
    self.blocks = blocks
  }
}

/// A block of a Markdown document, with the line where it starts.
public struct MarkdownBlock: Hashable, Sendable {
  /// What the block is.
  public enum Kind: Hashable, Sendable {
    /// `#` to `######`: the level (1–6, or shifted by
    /// ``MarkdownDocument/headingsShifted(under:)``) and the title.
    case heading(level: Int, content: [MarkdownInline])
    /// Running text.
    case paragraph([MarkdownInline])
    /// A bullet (`-`, `*`, `+`) or numbered (`1.`, `1)`) list.
    case list(MarkdownList)
    /// `>` quoted blocks.
    case blockQuote([MarkdownBlock])
    /// A GitHub-style pipe table.
    case table(MarkdownTable)
    /// `---`, `***` or `___` alone on a line.
    case thematicBreak
    /// A fenced or indented block of code: the fence's language word (if any), and the
    /// code without its final line break.
    case codeBlock(language: String?, code: String)
    /// A paragraph that holds nothing but one picture: a figure of its own.
    case image(MarkdownImage)
  }

  /// What the block is.
  public var kind: Kind
  /// The 1-based line where it starts.
  public var line: Int

  /// Creates a block.
  public init(_ kind: Kind, line: Int) {
    self.kind = kind
    self.line = line
  }
}

/// A bullet or numbered list.
public struct MarkdownList: Hashable, Sendable {
  /// How the items are marked.
  public enum Marker: Hashable, Sendable {
    /// `-`, `*` or `+`.
    case bullet
    /// `1.` or `1)`: the number of the first item (the others follow on).
    case ordered(start: Int)
  }

  /// How the items are marked.
  public var marker: Marker
  /// True when no blank line separates the items (CommonMark's "tight" list): its
  /// items' paragraphs are set without the space between paragraphs.
  public var isTight: Bool
  /// The items, in order.
  public var items: [MarkdownListItem]

  /// Creates a list.
  public init(marker: Marker, isTight: Bool, items: [MarkdownListItem]) {
    self.marker = marker
    self.isTight = isTight
    self.items = items
  }
}

/// One item of a list: blocks, so that an item can hold paragraphs and nested lists.
public struct MarkdownListItem: Hashable, Sendable {
  /// The item's content.
  public var blocks: [MarkdownBlock]
  /// The 1-based line of its marker.
  public var line: Int

  /// Creates an item.
  public init(blocks: [MarkdownBlock], line: Int) {
    self.blocks = blocks
    self.line = line
  }
}

/// A pipe table: a header row, body rows and one alignment per column.
///
/// Every row has exactly ``alignments``.count cells: short rows are padded with empty
/// cells, as GitHub shows them.
public struct MarkdownTable: Hashable, Sendable {
  /// A column's alignment, from the delimiter row (`:--`, `:-:`, `--:`).
  public enum Alignment: Hashable, Sendable {
    /// `---`: not said (the layout chooses, usually left).
    case none
    /// `:--`.
    case left
    /// `:-:`.
    case center
    /// `--:`.
    case right
  }

  /// One alignment per column.
  public var alignments: [Alignment]
  /// The header row.
  public var header: MarkdownTableRow
  /// The body rows, in order (possibly none).
  public var rows: [MarkdownTableRow]

  /// Creates a table.
  public init(alignments: [Alignment], header: MarkdownTableRow, rows: [MarkdownTableRow]) {
    self.alignments = alignments
    self.header = header
    self.rows = rows
  }
}

/// A row of a table.
public struct MarkdownTableRow: Hashable, Sendable {
  /// The cells, one per column; each is inline content.
  public var cells: [[MarkdownInline]]
  /// The 1-based line of the row.
  public var line: Int

  /// Creates a row.
  public init(cells: [[MarkdownInline]], line: Int) {
    self.cells = cells
    self.line = line
  }
}

/// An inline element of a paragraph, heading or cell, with the line where it starts.
public struct MarkdownInline: Hashable, Sendable {
  /// What the element is.
  public enum Kind: Hashable, Sendable {
    /// Plain text (entities and backslash escapes already resolved).
    case text(String)
    /// `*emphasis*` or `_emphasis_`: italic.
    case emphasis([MarkdownInline])
    /// `**strong**` or `__strong__`: bold.
    case strong([MarkdownInline])
    /// `~~struck~~` (GitHub extension).
    case strikethrough([MarkdownInline])
    /// `` `code` ``.
    case code(String)
    /// `[text](destination)`, `<https://…>`, or a bare `www.…` / e-mail address.
    case link(MarkdownLink, [MarkdownInline])
    /// A picture inside running text (one alone in its paragraph is a
    /// ``MarkdownBlock/Kind/image(_:)`` block instead).
    case image(MarkdownImage)
    /// A line break in the source that is not a hard break: a space when set.
    case softBreak
    /// Two trailing spaces or a backslash at the end of a line: a forced line break.
    case hardBreak
  }

  /// What the element is.
  public var kind: Kind
  /// The 1-based line where it starts.
  public var line: Int

  /// Creates an inline element.
  public init(_ kind: Kind, line: Int) {
    self.kind = kind
    self.line = line
  }
}

/// Where a link goes: the only two kinds the pack can print.
public enum MarkdownLink: Hashable, Sendable {
  /// A web or e-mail address (`http:`, `https:`, `mailto:`): a URI link in the PDF.
  case external(String)
  /// `#anchor`: one of the pack's own sections (the anchor without `#`). Whether it
  /// exists is checked once the pack's sections are known.
  case anchor(String)
}

/// A picture reference: `![alternative text](file "caption")`.
public struct MarkdownImage: Hashable, Sendable {
  /// The file as written, relative to the Markdown file's folder.
  public var source: String
  /// The alternative text, for screen readers (the text inside `![…]`, emphasis dropped).
  public var alt: String
  /// The title (`"…"` after the file), printed as the caption; nil when none.
  public var caption: String?
  /// The 1-based line of the reference.
  public var line: Int

  /// Creates a picture reference.
  public init(source: String, alt: String, caption: String?, line: Int) {
    self.source = source
    self.alt = alt
    self.caption = caption
    self.line = line
  }
}

extension MarkdownDocument {
  /// The deepest heading level there is (H6, as in HTML and the PDF's structure tags).
  public static let deepestHeadingLevel = 6

  /// The document with its headings moved under a section's own heading.
  ///
  /// A Markdown section is printed under the title the pack gives it, at
  /// `baseLevel` (1 for a chapter). Its `#` headings become level `baseLevel + 1`, `##`
  /// `baseLevel + 2`, and so on. Levels past ``deepestHeadingLevel`` (6, as in HTML and
  /// PDF's H1–H6) are clamped to 6, so `######` under a level-2 section is 6, not 8.
  /// A `baseLevel` of 0 or less leaves the levels as written.
  public func headingsShifted(under baseLevel: Int) -> MarkdownDocument {
    let shift = max(0, baseLevel)
    guard shift > 0 else { return self }
    func shifted(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
      blocks.map { block in
        var block = block
        switch block.kind {
        case .heading(let level, let content):
          block.kind = .heading(
            level: min(Self.deepestHeadingLevel, level + shift), content: content)
        case .blockQuote(let inner):
          block.kind = .blockQuote(shifted(inner))
        case .list(var list):
          list.items = list.items.map {
            MarkdownListItem(blocks: shifted($0.blocks), line: $0.line)
          }
          block.kind = .list(list)
        default:
          break
        }
        return block
      }
    }
    return MarkdownDocument(file: file, blocks: shifted(blocks))
  }

  /// Every picture reference, in reading order (figures and pictures inside text,
  /// in lists, quotes and tables too).
  public var images: [MarkdownImage] {
    var found: [MarkdownImage] = []
    func visit(_ inlines: [MarkdownInline]) {
      for inline in inlines {
        switch inline.kind {
        case .image(let image): found.append(image)
        case .emphasis(let inner), .strong(let inner), .strikethrough(let inner),
          .link(_, let inner):
          visit(inner)
        default: break
        }
      }
    }
    func visit(_ blocks: [MarkdownBlock]) {
      for block in blocks {
        switch block.kind {
        case .heading(_, let content), .paragraph(let content): visit(content)
        case .list(let list): list.items.forEach { visit($0.blocks) }
        case .blockQuote(let inner): visit(inner)
        case .table(let table):
          ([table.header] + table.rows).forEach { $0.cells.forEach(visit) }
        case .image(let image): found.append(image)
        case .thematicBreak, .codeBlock: break
        }
      }
    }
    visit(blocks)
    return found
  }
}

extension [MarkdownInline] {
  /// The text without its styles: what a screen reader or an outline entry gets.
  ///
  /// Soft and hard breaks become spaces; a picture gives its alternative text.
  public var plainText: String {
    var text = ""
    for inline in self {
      switch inline.kind {
      case .text(let string), .code(let string): text += string
      case .emphasis(let inner), .strong(let inner), .strikethrough(let inner),
        .link(_, let inner):
        text += inner.plainText
      case .image(let image): text += image.alt
      case .softBreak, .hardBreak: text += " "
      }
    }
    return text
  }
}
