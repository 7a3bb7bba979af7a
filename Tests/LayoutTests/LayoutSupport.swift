import ReportLayout

/// Small round numbers, as Typst's tests use: a 120 × 200 pt page, 10 pt margins,
/// 10 pt text with a 1.2 leading (12 pt lines), every character 5 pt wide.
enum Fixture {
  static let measurer = FixedMeasurer()
  static let style = TextStyle(family: "Test", size: 10, leading: 1.2)
  static let page = PageStyle(
    size: Size(width: 120, height: 200), margins: EdgeInsets(all: 10), showsFooter: true)
  static let cover = PageStyle(
    size: Size(width: 120, height: 200), margins: EdgeInsets(all: 10), showsFooter: false)
  static let footer = FooterSpec(
    left: "Doc", rightPattern: "{page}/{pages}", style: TextStyle(family: "Test", size: 4),
    rule: nil, offset: 5)

  static let tableStyle = TableStyle(
    header: style, headerFill: Color.black, body: style, total: style.with(weight: .bold),
    totalFill: nil, stripeFill: nil, rule: Stroke(color: .black, width: 0),
    totalRule: Stroke(color: .black, width: 0), cellPadding: EdgeInsets(all: 0),
    continuationTitle: style)

  static func layout(_ blocks: [Block], first: PageStyle = page, footer: FooterSpec? = nil)
    throws -> LaidOutDocument
  {
    try DocumentLayouter(measurer: measurer, firstPageStyle: first, footer: footer).layout(blocks)
  }
}

extension Page {
  /// The texts of the page's runs, in paint order.
  var texts: [String] {
    items.compactMap { if case .text(let run) = $0 { return run.text } else { return nil } }
  }

  /// The runs of the page.
  var runs: [TextRun] {
    items.compactMap { if case .text(let run) = $0 { return run } else { return nil } }
  }
}
