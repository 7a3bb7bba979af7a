// The one file that imports cmark-gfm. It parses, walks the C tree once, and hands back
// Swift values; no C type, pointer or node type leaves this file (as swift-markdown's
// CommonMarkConverter does). Every parser and tree it makes is freed before it returns.
import CCmark
import ReportModel

/// Registers the GitHub extensions once per process, thread-safely (a global's
/// initializer runs once): `cmark_gfm_core_extensions_ensure_registered` has no lock.
private let extensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

/// The kinds of C node the converter knows.
///
/// Do not make this public: it is cmark's vocabulary, not the model's.
enum CommonMarkNodeKind: Equatable {
  case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading
  case thematicBreak, table, tableRow, tableCell
  case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link, image
  case strikethrough
  case other(String)
}

/// Parses Markdown with cmark-gfm and converts the tree into ``MarkdownBlock`` values.
struct CommonMarkSeam {
  /// How deep quotes, lists and emphasis may nest before the rest is refused: far more
  /// than a page can show, and few enough that converting cannot exhaust the stack.
  static let maximumDepth = 32

  /// The Markdown file, for the problems' locations.
  let file: String
  /// What is wrong, in file order.
  private(set) var problems: [DataProblem] = []
  private var reportedDepth = false

  private init(file: String) { self.file = file }

  /// Parses `text` (CommonMark, with GitHub's tables, strikethrough and bare-address
  /// autolinks) and converts it; raw HTML, unprintable links and bad picture references
  /// are problems with their line.
  static func convert(_ text: String, file: String) -> (
    blocks: [MarkdownBlock], problems: [DataProblem]
  ) {
    _ = extensionsRegistered
    guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE)
    else { preconditionFailure("cmark-gfm cannot allocate a parser") }
    defer { cmark_parser_free(parser) }
    for name in ["table", "strikethrough", "autolink"] {
      guard let extensionObject = cmark_find_syntax_extension(name) else {
        preconditionFailure("cmark-gfm has no \(name) extension")
      }
      cmark_parser_attach_syntax_extension(parser, extensionObject)
    }
    var utf8 = Array(text.utf8)
    utf8.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        cmark_parser_feed(parser, $0, buffer.count)
      }
    }
    guard let root = cmark_parser_finish(parser) else {
      preconditionFailure("cmark-gfm returned no document")
    }
    defer { cmark_node_free(root) }
    var converter = CommonMarkSeam(file: file)
    let blocks = converter.blocks(of: root, depth: 0)
    return (blocks, converter.problems)
  }

  // MARK: - Reading C nodes

  private static func kind(_ node: OpaquePointer) -> CommonMarkNodeKind {
    switch cmark_node_get_type(node) {
    case CMARK_NODE_DOCUMENT: return .document
    case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
    case CMARK_NODE_LIST: return .list
    case CMARK_NODE_ITEM: return .item
    case CMARK_NODE_CODE_BLOCK: return .codeBlock
    case CMARK_NODE_HTML_BLOCK: return .htmlBlock
    case CMARK_NODE_PARAGRAPH: return .paragraph
    case CMARK_NODE_HEADING: return .heading
    case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
    case CMARK_NODE_TEXT: return .text
    case CMARK_NODE_SOFTBREAK: return .softBreak
    case CMARK_NODE_LINEBREAK: return .lineBreak
    case CMARK_NODE_CODE: return .code
    case CMARK_NODE_HTML_INLINE: return .htmlInline
    case CMARK_NODE_EMPH: return .emphasis
    case CMARK_NODE_STRONG: return .strong
    case CMARK_NODE_LINK: return .link
    case CMARK_NODE_IMAGE: return .image
    default:
      // The extensions' node types are numbers given at registration: known by name.
      let name = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
      switch name {
      case "table": return .table
      case "table_row", "table_header": return .tableRow
      case "table_cell": return .tableCell
      case "strikethrough": return .strikethrough
      default: return .other(name)
      }
    }
  }

  private static func children(of node: OpaquePointer) -> [OpaquePointer] {
    var result: [OpaquePointer] = []
    var child = cmark_node_first_child(node)
    while let current = child {
      result.append(current)
      child = cmark_node_next(current)
    }
    return result
  }

  private static func literal(_ node: OpaquePointer) -> String {
    cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
  }

  private static func url(_ node: OpaquePointer) -> String {
    cmark_node_get_url(node).map { String(cString: $0) } ?? ""
  }

  private static func title(_ node: OpaquePointer) -> String {
    cmark_node_get_title(node).map { String(cString: $0) } ?? ""
  }

  /// The node's start line; an inline that cmark left without one takes its parent's.
  private static func line(_ node: OpaquePointer, default fallback: Int) -> Int {
    let line = Int(cmark_node_get_start_line(node))
    return line > 0 ? line : fallback
  }

  // MARK: - Problems

  private mutating func problem(line: Int, column: Int? = nil, _ message: String, hint: String?) {
    problems.append(
      DataProblem(
        at: SourceLocation(file: file, line: line, column: column), field: "", message: message,
        hint: hint))
  }

  /// False, once reported, when `depth` is past ``maximumDepth``.
  private mutating func allows(depth: Int, line: Int) -> Bool {
    guard depth > Self.maximumDepth else { return true }
    if !reportedDepth {
      reportedDepth = true
      problem(
        line: line,
        tr("quotes, lists or emphasis are nested more than %1 levels deep", Self.maximumDepth),
        hint: tr("a printed page cannot show so many levels: flatten the structure"))
    }
    return false
  }

  /// Raw HTML: refused, except comments, which are not printed anyway.
  private mutating func refuseHTML(_ node: OpaquePointer, line: Int) {
    let html = Self.literal(node).trimmingWhitespace
    if html.hasPrefix("<!--"), let end = html.range(of: "-->"), end.upperBound == html.endIndex {
      return
    }
    let excerpt = html.count > 40 ? String(html.prefix(40)) + "…" : html
    problem(
      line: line, column: Int(cmark_node_get_start_column(node)),
      tr("raw HTML is not printed: %1", excerpt),
      hint: tr("write it in Markdown, e.g. **bold** instead of <b>bold</b>"))
  }

  // MARK: - Blocks

  private mutating func blocks(of parent: OpaquePointer, depth: Int) -> [MarkdownBlock] {
    var result: [MarkdownBlock] = []
    for node in Self.children(of: parent) {
      if let block = block(node, depth: depth) { result.append(block) }
    }
    return result
  }

  private mutating func block(_ node: OpaquePointer, depth: Int) -> MarkdownBlock? {
    let line = Self.line(node, default: 1)
    switch Self.kind(node) {
    case .heading:
      let level = Int(cmark_node_get_heading_level(node))
      return MarkdownBlock(
        .heading(
          level: min(max(level, 1), 6), content: inlines(of: node, line: line, depth: depth)),
        line: line)
    case .paragraph:
      let children = Self.children(of: node)
      if children.count == 1, Self.kind(children[0]) == .image {
        guard let image = image(children[0], line: line, depth: depth) else { return nil }
        return MarkdownBlock(.image(image), line: line)
      }
      return MarkdownBlock(.paragraph(inlines(of: node, line: line, depth: depth)), line: line)
    case .blockQuote:
      guard allows(depth: depth + 1, line: line) else { return nil }
      return MarkdownBlock(.blockQuote(blocks(of: node, depth: depth + 1)), line: line)
    case .list:
      guard allows(depth: depth + 1, line: line) else { return nil }
      let marker: MarkdownList.Marker =
        cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
        ? .ordered(start: Int(cmark_node_get_list_start(node))) : .bullet
      let items = Self.children(of: node).map { item in
        MarkdownListItem(
          blocks: blocks(of: item, depth: depth + 1), line: Self.line(item, default: line))
      }
      let list = MarkdownList(
        marker: marker, isTight: cmark_node_get_list_tight(node) != 0, items: items)
      return MarkdownBlock(.list(list), line: line)
    case .codeBlock:
      var code = Self.literal(node)
      if code.hasSuffix("\n") { code.removeLast() }
      let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
      let language = info.split(separator: " ").first.map(String.init)
      return MarkdownBlock(.codeBlock(language: language, code: code), line: line)
    case .thematicBreak:
      return MarkdownBlock(.thematicBreak, line: line)
    case .htmlBlock:
      refuseHTML(node, line: line)
      return nil
    case .table:
      return MarkdownBlock(.table(table(node, line: line, depth: depth)), line: line)
    case .other(let name):
      problem(
        line: line, tr("this Markdown construct (%1) cannot be printed", name),
        hint: tr("use CommonMark: paragraphs, headings, lists, quotes, tables, pictures"))
      return nil
    default:
      // An inline where a block belongs cannot come out of cmark; skip it if it does.
      return nil
    }
  }

  private mutating func table(_ node: OpaquePointer, line: Int, depth: Int) -> MarkdownTable {
    let columns = Int(cmark_gfm_extensions_get_table_columns(node))
    var alignments: [MarkdownTable.Alignment] = []
    if let bytes = cmark_gfm_extensions_get_table_alignments(node) {
      for column in 0..<columns {
        switch bytes[column] {
        case UInt8(ascii: "l"): alignments.append(.left)
        case UInt8(ascii: "c"): alignments.append(.center)
        case UInt8(ascii: "r"): alignments.append(.right)
        default: alignments.append(.none)
        }
      }
    } else {
      alignments = Array(repeating: .none, count: columns)
    }
    var rows: [MarkdownTableRow] = []
    for rowNode in Self.children(of: node) where Self.kind(rowNode) == .tableRow {
      let rowLine = Self.line(rowNode, default: line)
      var cells = Self.children(of: rowNode).prefix(columns).map {
        inlines(of: $0, line: rowLine, depth: depth)
      }
      while cells.count < columns { cells.append([]) }
      rows.append(MarkdownTableRow(cells: cells, line: rowLine))
    }
    let header =
      rows.first ?? MarkdownTableRow(cells: Array(repeating: [], count: columns), line: line)
    return MarkdownTable(alignments: alignments, header: header, rows: Array(rows.dropFirst()))
  }

  // MARK: - Inlines

  private mutating func inlines(of parent: OpaquePointer, line parentLine: Int, depth: Int)
    -> [MarkdownInline]
  {
    var result: [MarkdownInline] = []
    // cmark gives breaks no position: they are on the line of what precedes them, and
    // what follows a break starts on the next line (cmark does not always count it).
    var previousLine = parentLine
    var afterBreak = false
    for node in Self.children(of: parent) {
      guard var inline = inline(node, parentLine: previousLine, depth: depth) else { continue }
      if afterBreak { inline.line = max(inline.line, previousLine + 1) }
      switch inline.kind {
      case .softBreak, .hardBreak: afterBreak = true
      default: afterBreak = false
      }
      previousLine = inline.line
      // cmark splits text at brackets and entities: one text run per stretch of text.
      if case .text(let more) = inline.kind, let last = result.last,
        case .text(let text) = last.kind
      {
        result[result.count - 1] = MarkdownInline(.text(text + more), line: last.line)
      } else {
        result.append(inline)
      }
    }
    return result
  }

  private mutating func inline(_ node: OpaquePointer, parentLine: Int, depth: Int)
    -> MarkdownInline?
  {
    let line = Self.line(node, default: parentLine)
    switch Self.kind(node) {
    case .text: return MarkdownInline(.text(Self.literal(node)), line: line)
    case .softBreak: return MarkdownInline(.softBreak, line: line)
    case .lineBreak: return MarkdownInline(.hardBreak, line: line)
    case .code: return MarkdownInline(.code(Self.literal(node)), line: line)
    case .emphasis, .strong, .strikethrough:
      guard allows(depth: depth + 1, line: line) else { return nil }
      let inner = inlines(of: node, line: line, depth: depth + 1)
      switch Self.kind(node) {
      case .emphasis: return MarkdownInline(.emphasis(inner), line: line)
      case .strong: return MarkdownInline(.strong(inner), line: line)
      default: return MarkdownInline(.strikethrough(inner), line: line)
      }
    case .link:
      guard allows(depth: depth + 1, line: line) else { return nil }
      let inner = inlines(of: node, line: line, depth: depth + 1)
      guard let destination = link(Self.url(node), line: line, text: inner.plainText) else {
        return MarkdownInline(.text(inner.plainText), line: line)
      }
      return MarkdownInline(.link(destination, inner), line: line)
    case .image:
      guard let image = image(node, line: line, depth: depth) else { return nil }
      return MarkdownInline(.image(image), line: line)
    case .htmlInline:
      refuseHTML(node, line: line)
      return nil
    default:
      return nil
    }
  }

  /// Classifies a link's destination, or reports why the pack cannot print it.
  private mutating func link(_ url: String, line: Int, text: String) -> MarkdownLink? {
    let lowered = url.lowercased()
    if url.hasPrefix("#") {
      let anchor = String(url.dropFirst())
      if !anchor.isEmpty { return .anchor(anchor) }
    } else if ["http://", "https://", "mailto:"].contains(where: {
      lowered.hasPrefix($0) && lowered.count > $0.count
    }) {
      return .external(url)
    }
    let shown = url.isEmpty ? tr("an empty destination") : "“\(url)”"
    problem(
      line: line, tr("the link “%1” goes to %2, which a printed pack cannot open", text, shown),
      hint:
        tr(
          "link to a web address (https://…), an e-mail address (mailto:…) or a section of the pack (#anchor)"
        )
    )
    return nil
  }

  /// A picture reference, or nil with a problem when it cannot be a file next to the text.
  private mutating func image(_ node: OpaquePointer, line: Int, depth: Int) -> MarkdownImage? {
    let source = Self.url(node)
    let alt = inlines(of: node, line: line, depth: depth).plainText.trimmingWhitespace
    let title = Self.title(node)
    let lowered = source.lowercased()
    if source.isEmpty {
      problem(
        line: line, tr("the picture “%1” names no file", alt),
        hint: tr("write ![what it shows](images/file.png \"Caption\")"))
      return nil
    }
    if ["http:", "https:", "ftp:", "data:", "file:"].contains(where: { lowered.hasPrefix($0) }) {
      problem(
        line: line, tr("the picture “%1” is not a file next to the text", source),
        hint:
          tr(
            "pictures are read from the year's folder, not downloaded: save it as e.g. images/photo.jpg and write ![…](images/photo.jpg)"
          )
      )
      return nil
    }
    if alt.isEmpty {
      problem(
        line: line, tr("the picture “%1” has no alternative text", source),
        hint:
          tr(
            "say what it shows for screen readers: ![Carte des associations régionales](%1)", source
          ))
      return nil
    }
    return MarkdownImage(source: source, alt: alt, caption: title.isEmpty ? nil : title, line: line)
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  var trimmingWhitespace: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
