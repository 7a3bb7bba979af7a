import Foundation
import ReportLayout
import ReportMarkdown

/// A destination named by the pack's list or a Markdown heading.
public struct NamedAnchor: DocumentAnchor {
  /// Its name in the PDF.
  public var name: String
  /// Creates an anchor.
  public init(_ name: String) { self.name = name }
}

/// A Markdown section of the pack, read and checked: its document, title, level,
/// anchor and pictures.
public struct MarkdownSection: Sendable {
  /// The document (headings not yet shifted).
  public var document: MarkdownDocument
  /// The section's title (its heading, its contents entry and bookmark).
  public var title: String
  /// The bookmark and contents level of its title (1 for a chapter).
  public var level: Int
  /// The destination of its title.
  public var anchor: String
  /// Its pictures, checked, by the source written in the Markdown.
  public var pictures: [String: Picture]
  /// The destinations of its headings, in order, unique in the pack.
  public var headingAnchors: [String]

  /// Creates a section.
  public init(
    document: MarkdownDocument, title: String, level: Int, anchor: String,
    pictures: [String: Picture], headingAnchors: [String]
  ) {
    self.document = document
    self.title = title
    self.level = level
    self.anchor = anchor
    self.pictures = pictures
    self.headingAnchors = headingAnchors
  }
}

extension MarkdownSection {
  /// Every text the section prints with the line it is written on, so that a
  /// character the fonts lack is reported at the Markdown file and line.
  public var printedTexts: [(line: Int, text: String)] {
    var found: [(line: Int, text: String)] = []
    func visit(_ blocks: [MarkdownBlock]) {
      for block in blocks {
        switch block.kind {
        case .heading(_, let content), .paragraph(let content):
          found.append((block.line, content.plainText))
        case .list(let list): list.items.forEach { visit($0.blocks) }
        case .blockQuote(let inner): visit(inner)
        case .table(let table):
          for row in [table.header] + table.rows {
            found.append((row.line, row.cells.map(\.plainText).joined(separator: " ")))
          }
        case .codeBlock(_, let code): found.append((block.line, code))
        case .image(let image): found.append((image.line, image.alt + " " + (image.caption ?? "")))
        case .thematicBreak: break
        }
      }
    }
    visit(document.blocks)
    return found
  }

  /// The section as blocks and contents entries, in the templates' styles (what the
  /// pack prints of it).
  public func compose(templates: Templates) -> Section {
    MarkdownComposer(section: self, templates: templates).compose()
  }
}

/// Turns a Markdown section into blocks, in the theme's styles.
///
/// Headings move under the section's title; paragraphs keep bold, italic, code and
/// links (a web address as a URI link, `#anchor` to the pack's own destinations);
/// lists nest; quotes are indented with a rule; tables repeat their header row;
/// pictures are figures with their caption and alternative. The French typography
/// applies to every run of text (code excepted), and running text is hyphenated.
struct MarkdownComposer: SectionComposer {
  let section: MarkdownSection
  let templates: Templates

  private var theme: Theme { templates.theme }
  private let typography = FrenchTypography()
  /// The heading a table continued on the next page is said to continue.
  private var currentHeading: String {
    get { state.heading }
    nonmutating set { state.heading = newValue }
  }
  private let state = State()

  /// What composing remembers as it goes.
  private final class State {
    var heading = ""
  }

  init(section: MarkdownSection, templates: Templates) {
    self.section = section
    self.templates = templates
  }

  func compose() -> Section {
    var result = Section()
    let anchor = NamedAnchor(section.anchor)
    result.heading(
      heading(section.title, level: section.level, anchor: anchor.name), title: section.title,
      level: section.level, anchor: anchor)
    var headingIndex = 0
    currentHeading = section.title
    let document = section.document.headingsShifted(under: section.level)
    for block in document.blocks {
      if case .heading(let level, let content) = block.kind {
        let title = typography.apply(content.plainText)
        currentHeading = title
        let name = section.headingAnchors[headingIndex]
        headingIndex += 1
        result.heading(
          heading(title, level: level, anchor: name), title: title, level: level,
          anchor: NamedAnchor(name))
      } else {
        result.blocks += blocks(block, spaceAfter: theme.spacing.paragraph)
      }
    }
    result.blocks = Self.keepingIntroductions(result.blocks)
    return result
  }

  /// The blocks with each paragraph that announces a list or a table (it ends with a
  /// colon) kept on the page of what it announces.
  static func keepingIntroductions(_ blocks: [Block]) -> [Block] {
    var blocks = blocks
    for index in blocks.indices.dropLast() {
      guard case .paragraph(var paragraph) = blocks[index],
        paragraph.text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(":")
      else { continue }
      switch blocks[index + 1] {
      case .itemList, .list, .table:
        paragraph.keepWithNext = true
        blocks[index] = .paragraph(paragraph)
      default: break
      }
    }
    return blocks
  }

  /// A heading at `level`: the pack's own look for levels 1 and 2, smaller below.
  private func heading(_ text: String, level: Int, anchor: String) -> Block {
    switch level {
    case ...1: return templates.h1(text, anchor: NamedAnchor(anchor))
    case 2: return templates.h2(text, anchor: NamedAnchor(anchor))
    default:
      return .heading(
        Heading(
          text: text,
          style: theme.style(
            level == 3 ? theme.text.h3 : theme.text.body, weight: .semibold,
            color: level == 3 ? theme.colors.primary : theme.colors.text),
          outlineLevel: level, anchor: anchor, spaceBefore: theme.spacing.subsectionBefore / 2,
          spaceAfter: theme.spacing.paragraph / 2))
    }
  }

  // MARK: - Blocks

  private func blocks(_ block: MarkdownBlock, spaceAfter: Double, tight: Bool = false) -> [Block] {
    let body = templates.body
    switch block.kind {
    case .heading(_, let content):
      // Inside a list or a quote: a bold paragraph.
      return [
        .paragraph(
          Paragraph(
            runs: runs(content, emphasis: .bold), style: body, spaceAfter: spaceAfter,
            keepWithNext: true, codeFamily: theme.font.codeFamily))
      ]
    case .paragraph(let content):
      var paragraph = Paragraph(
        runs: runs(content), style: body, alignment: .justify,
        spaceAfter: tight ? 0 : spaceAfter, hyphenate: true, codeFamily: theme.font.codeFamily)
      paragraph.linkColor = theme.colors.primary.color
      return [.paragraph(paragraph)]
    case .list(let list):
      return [.itemList(itemList(list, spaceAfter: spaceAfter))]
    case .blockQuote(let inner):
      return [
        .group(
          Group(
            content: inner.flatMap { blocks($0, spaceAfter: 0) }
              .map { italicized($0) },
            role: .blockQuote, indent: theme.spacing.listIndent + 4,
            rule: Stroke(color: theme.colors.accent.color, width: 2),
            spacing: theme.spacing.paragraph, spaceBefore: theme.spacing.paragraph / 2,
            spaceAfter: spaceAfter))
      ]
    case .table(let table):
      return [self.table(table, spaceAfter: spaceAfter)]
    case .thematicBreak:
      return [
        .rule(
          HorizontalRule(
            stroke: Stroke(color: theme.colors.rule.color, width: 0.8), fraction: 0.3,
            spaceBefore: spaceAfter, spaceAfter: spaceAfter + theme.spacing.paragraph))
      ]
    case .codeBlock(_, let code):
      let padding = theme.spacing.boxPadding / 2
      return [
        .box(
          ShadedBox(
            content: [
              .paragraph(
                Paragraph(
                  runs: [InlineRun(code, emphasis: .code)],
                  style: theme.style(theme.text.table), codeFamily: theme.font.codeFamily))
            ], fill: theme.colors.shade.color,
            padding: EdgeInsets(top: padding, right: padding, bottom: padding, left: padding),
            spaceAfter: spaceAfter))
      ]
    case .image(let image):
      return [figure(image, spaceAfter: spaceAfter)]
    }
  }

  /// A quotation's paragraphs in italic.
  private func italicized(_ block: Block) -> Block {
    guard case .paragraph(var paragraph) = block else { return block }
    paragraph.runs = paragraph.runs.map {
      var run = $0
      if !run.emphasis.contains(.code) { run.emphasis.insert(.italic) }
      return run
    }
    return .paragraph(paragraph)
  }

  private func itemList(_ list: MarkdownList, spaceAfter: Double) -> ItemList {
    let body = templates.body
    var items: [ItemList.Item] = []
    for (index, item) in list.items.enumerated() {
      let label: String
      switch list.marker {
      case .bullet: label = templates.words.bullet
      case .ordered(let start): label = "\(start + index)."
      }
      let content = item.blocks.flatMap {
        blocks($0, spaceAfter: theme.spacing.paragraph / 2, tight: list.isTight)
      }
      items.append(ItemList.Item(label: label, content: content))
    }
    let widest = items.map(\.label).max { $0.count < $1.count } ?? ""
    let indent = max(theme.spacing.listIndent, Double(widest.count) * body.size * 0.6 + 6)
    return ItemList(
      items: items, labelStyle: body.with(color: theme.colors.accent.color), indent: indent,
      itemSpacing: list.isTight ? 3 : theme.spacing.paragraph / 2,
      blockSpacing: theme.spacing.paragraph / 2, spaceAfter: spaceAfter)
  }

  private func table(_ table: MarkdownTable, spaceAfter: Double) -> Block {
    let columns = table.alignments.enumerated().map { index, alignment -> TableColumn in
      let numeric = alignment == .right
      switch alignment {
      case .right: return TableColumn(alignment: .right, grow: 0)
      case .center: return TableColumn(alignment: .center, grow: 0)
      case .left, .none: return TableColumn(grow: index == 0 || !numeric ? 1 : 0)
      }
    }
    func text(_ cell: [MarkdownInline]) -> String { typography.apply(cell.plainText) }
    func isStrong(_ cell: [MarkdownInline]) -> Bool {
      let shown = cell.filter {
        if case .text(let string) = $0.kind { return !string.allSatisfy(\.isWhitespace) }
        return true
      }
      return !shown.isEmpty
        && shown.allSatisfy {
          if case .strong = $0.kind { return true }
          return false
        }
    }
    let rows = table.rows.map { row in
      let cells = row.cells.map(text)
      let total =
        row.cells.contains { !$0.isEmpty } && row.cells.allSatisfy { $0.isEmpty || isStrong($0) }
      return TableRow(cells, kind: total ? .total : .body)
    }
    let heading = currentHeading
    return .table(
      Table(
        columns: columns, header: table.header.cells.map(text), rows: rows,
        style: templates.tableStyle,
        continuationTitle: templates.words.tableContinued.render(["heading": heading]),
        spaceAfter: spaceAfter))
  }

  private func figure(_ image: MarkdownImage, spaceAfter: Double) -> Block {
    guard let picture = section.pictures[image.source] else {
      // Checked before composing; a picture not found there prints its alternative.
      return .paragraph(
        Paragraph(text: typography.apply(image.alt), style: templates.body, spaceAfter: spaceAfter))
    }
    let (caption, width) = Self.captionAndWidth(image.caption)
    let page = theme.page
    let measure = page.width - page.margins.left - page.margins.right
    let format: ImageItem.Format
    switch picture.format {
    case .png: format = .png
    case .jpeg: format = .jpeg
    case .svg: format = .svg
    }
    let alternative = typography.apply(image.alt)
    var content = PictureFigure(
      path: picture.path, format: format, pixelWidth: picture.width,
      pixelHeight: picture.height, width: width?.points(of: measure),
      maximumHeight: (page.height - page.margins.top - page.margins.bottom) * 0.36,
      caption: caption.map(typography.apply),
      captionStyle: theme.style(theme.text.table, color: theme.colors.muted, italic: true))
    content.mayBeTransparent = picture.hasAlpha
    return .figure(
      Figure(
        content: content,
        spaceBefore: theme.spacing.paragraph / 2, spaceAfter: spaceAfter + theme.spacing.paragraph,
        alternative: alternative.isEmpty ? nil : alternative))
  }

  /// A width asked for in a caption: `{width=50%}`, `{width=6cm}`, `{width=120pt}`,
  /// `{width=40mm}` at its end.
  enum Width: Equatable {
    /// A share of the measure.
    case percent(Double)
    /// Points.
    case points(Double)

    func points(of measure: Double) -> Double {
      switch self {
      case .percent(let value): return measure * value / 100
      case .points(let value): return value
      }
    }
  }

  /// The caption without its `{width=…}` suffix, and the width it asks for.
  static func captionAndWidth(_ title: String?) -> (String?, Width?) {
    guard let title else { return (nil, nil) }
    guard let open = title.range(of: "{width=", options: .backwards), title.hasSuffix("}")
    else { return (title, nil) }
    let value = String(title[open.upperBound..<title.index(before: title.endIndex)])
      .trimmingCharacters(in: .whitespaces)
    let caption = title[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
    let units: [(String, Double)] = [("%", 0), ("cm", 72 / 2.54), ("mm", 72 / 25.4), ("pt", 1)]
    for (unit, factor) in units where value.hasSuffix(unit) {
      guard
        let number = Double(value.dropLast(unit.count).replacingOccurrences(of: ",", with: ".")),
        number > 0
      else { break }
      let width: Width = factor == 0 ? .percent(min(100, number)) : .points(number * factor)
      return (caption.isEmpty ? nil : caption, width)
    }
    return (caption.isEmpty ? nil : caption, nil)
  }

  // MARK: - Inline

  /// The runs of inline content, the French typography applied to each text run.
  func runs(_ inlines: [MarkdownInline], emphasis: Emphasis = []) -> [InlineRun] {
    var result: [InlineRun] = []
    func visit(_ inlines: [MarkdownInline], _ emphasis: Emphasis, _ link: LinkTarget?) {
      for inline in inlines {
        switch inline.kind {
        case .text(let text): result.append(InlineRun(text, emphasis: emphasis, link: link))
        case .emphasis(let inner): visit(inner, emphasis.union(.italic), link)
        case .strong(let inner): visit(inner, emphasis.union(.bold), link)
        case .strikethrough(let inner): visit(inner, emphasis, link)
        case .code(let code):
          result.append(InlineRun(code, emphasis: emphasis.union(.code), link: link))
        case .link(let destination, let inner):
          let target: LinkTarget
          switch destination {
          case .external(let address): target = .uri(address)
          case .anchor(let name): target = .destination(name)
          }
          visit(inner, emphasis, target)
        case .image(let image): result.append(InlineRun(image.alt, emphasis: emphasis, link: link))
        case .softBreak: result.append(InlineRun(" ", emphasis: emphasis, link: link))
        case .hardBreak: result.append(InlineRun("\n", emphasis: emphasis, link: link))
        }
      }
    }
    visit(inlines, emphasis, nil)
    // Runs of one style next to each other become one, so that the typography sees
    // the whole of it ("l'" then "*interview*" stay two).
    var merged: [InlineRun] = []
    for run in result {
      if let last = merged.last, last.emphasis == run.emphasis, last.link == run.link {
        merged[merged.count - 1].text += run.text
      } else {
        merged.append(run)
      }
    }
    // The French rules across the runs, as over one text; code is left as written
    // (and is no context for the rules: it stands between two texts).
    var start = 0
    while start < merged.count {
      guard !merged[start].emphasis.contains(.code) else {
        start += 1
        continue
      }
      var end = start
      while end < merged.count, !merged[end].emphasis.contains(.code) { end += 1 }
      let texts = typography.apply(runs: merged[start..<end].map(\.text))
      for (offset, text) in texts.enumerated() { merged[start + offset].text = text }
      start = end
    }
    return merged
  }
}
