extension MarkdownDocument {
  /// The tree as text, one node a line, children indented by two spaces, each with
  /// `@line`: for goldens in tests and for looking at what a file parsed into.
  ///
  /// ```
  /// Document rapport.md
  ///   Heading level=1 @1
  ///     Text "Rapport moral" @1
  ///   Paragraph @3
  ///     Text "Un " @3
  ///     Strong @3
  ///       Text "gras" @3
  /// ```
  public var dump: String {
    var lines = ["Document \(file)"]
    for block in blocks { Self.dump(block, depth: 1, into: &lines) }
    return lines.joined(separator: "\n")
  }

  private static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  private static func dump(_ block: MarkdownBlock, depth: Int, into lines: inout [String]) {
    let indent = String(repeating: "  ", count: depth)
    func add(_ text: String) { lines.append("\(indent)\(text) @\(block.line)") }
    switch block.kind {
    case .heading(let level, let content):
      add("Heading level=\(level)")
      content.forEach { dump($0, depth: depth + 1, into: &lines) }
    case .paragraph(let content):
      add("Paragraph")
      content.forEach { dump($0, depth: depth + 1, into: &lines) }
    case .list(let list):
      let marker =
        switch list.marker {
        case .bullet: "bullet"
        case .ordered(let start): "ordered start=\(start)"
        }
      add("List \(marker) \(list.isTight ? "tight" : "loose")")
      for item in list.items {
        lines.append("\(indent)  Item @\(item.line)")
        item.blocks.forEach { dump($0, depth: depth + 2, into: &lines) }
      }
    case .blockQuote(let inner):
      add("BlockQuote")
      inner.forEach { dump($0, depth: depth + 1, into: &lines) }
    case .table(let table):
      let alignments = table.alignments.map {
        switch $0 {
        case .none: "-"
        case .left: "l"
        case .center: "c"
        case .right: "r"
        }
      }
      add("Table alignments=|\(alignments.joined(separator: "|"))|")
      for (name, row) in [("Head", table.header)] + table.rows.map({ ("Row", $0) }) {
        lines.append("\(indent)  \(name) @\(row.line)")
        for cell in row.cells {
          lines.append("\(indent)    Cell")
          cell.forEach { dump($0, depth: depth + 3, into: &lines) }
        }
      }
    case .thematicBreak:
      add("ThematicBreak")
    case .codeBlock(let language, let code):
      add("CodeBlock language=\(language ?? "none") \(quoted(code))")
    case .image(let image):
      add("Figure \(describe(image))")
    }
  }

  private static func describe(_ image: MarkdownImage) -> String {
    var text = "source=\(quoted(image.source)) alt=\(quoted(image.alt))"
    if let caption = image.caption { text += " caption=\(quoted(caption))" }
    return text
  }

  private static func dump(_ inline: MarkdownInline, depth: Int, into lines: inout [String]) {
    let indent = String(repeating: "  ", count: depth)
    func add(_ text: String) { lines.append("\(indent)\(text) @\(inline.line)") }
    switch inline.kind {
    case .text(let text): add("Text \(quoted(text))")
    case .code(let code): add("Code \(quoted(code))")
    case .softBreak: add("SoftBreak")
    case .hardBreak: add("HardBreak")
    case .image(let image): add("Image \(describe(image))")
    case .emphasis(let inner), .strong(let inner), .strikethrough(let inner):
      let name =
        switch inline.kind {
        case .emphasis: "Emphasis"
        case .strong: "Strong"
        default: "Strikethrough"
        }
      add(name)
      inner.forEach { dump($0, depth: depth + 1, into: &lines) }
    case .link(let destination, let inner):
      switch destination {
      case .external(let uri): add("Link external=\(quoted(uri))")
      case .anchor(let anchor): add("Link anchor=\(quoted(anchor))")
      }
      inner.forEach { dump($0, depth: depth + 1, into: &lines) }
    }
  }
}
