import ReportLayout
import TestSupport
import Testing

/// Lists of blocks, quotes, rules, pictures and code: placed, and tagged so that a
/// screen reader gets L > LI > Lbl + LBody, BlockQuote, Figure and Code.
@Suite struct GroupTests {
  func paragraph(_ text: String) -> Block {
    .paragraph(Paragraph(text: text, style: Fixture.style))
  }

  /// The structure markers and texts of a page, as one line each.
  func outline(_ page: Page) -> [String] {
    page.items.compactMap { item in
      switch item {
      case .beginStructure(let role, _): return role.rawValue + " {"
      case .endStructure(let role): return "} " + role.rawValue
      case .text(let run): return "\"\(run.text)\" x \(Int(run.origin.x))"
      case .image(let image): return "image \(Int(image.rect.width))×\(Int(image.rect.height))"
      case .beginArtifact: return "artifact {"
      case .endArtifact: return "} artifact"
      default: return nil
      }
    }
  }

  @Test func aListItemHasItsLabelOnItsFirstLineAndNestedListsIndentFurther() throws {
    let inner = ItemList(
      items: [.init(label: "-", content: [paragraph("b")])], labelStyle: Fixture.style,
      indent: 10)
    let list = ItemList(
      items: [
        .init(label: "1.", content: [paragraph("a"), .itemList(inner)]),
        .init(label: "2.", content: [paragraph("c")]),
      ], labelStyle: Fixture.style, indent: 15)
    let page = try Fixture.layout([.itemList(list)]).pages[0]
    #expect(
      outline(page) == [
        "L {", "LI {", "Lbl {", "\"1.\" x 10", "} Lbl", "LBody {", "P {", "\"a\" x 25", "} P",
        "L {", "LI {", "Lbl {", "\"-\" x 25", "} Lbl", "LBody {", "P {", "\"b\" x 35", "} P",
        "} LBody", "} LI", "} L", "} LBody", "} LI",
        "LI {", "Lbl {", "\"2.\" x 10", "} Lbl", "LBody {", "P {", "\"c\" x 25", "} P",
        "} LBody", "} LI", "} L",
      ])
    // Labels sit on their item's first baseline.
    let runs = page.runs
    #expect(runs[0].origin.y == runs[1].origin.y && runs[2].origin.y == runs[3].origin.y)
    #expect(StructureTree.problems([page]).isEmpty)
  }

  @Test func aQuoteIsIndentedWithItsRuleAsFurniture() throws {
    let quote = Group(
      content: [paragraph("cité")], role: .blockQuote, indent: 12,
      rule: Stroke(color: .black, width: 2))
    let page = try Fixture.layout([
      .group(quote), .rule(HorizontalRule(stroke: Stroke(color: .black, width: 1), fraction: 0.5)),
    ]).pages[0]
    #expect(
      outline(page) == [
        "BlockQuote {", "artifact {", "} artifact", "P {", "\"cité\" x 22", "} P", "} BlockQuote",
        "artifact {", "} artifact",
      ])
    let spanned = StructureTree.spanningMixedContent([page])
    #expect(StructureTree.problems(spanned).isEmpty)
  }

  @Test func aPictureFillsTheMeasureKeepsItsProportionsAndHasItsCaptionBelow() throws {
    let figure = Figure(
      content: PictureFigure(
        path: "p.png", format: .png, pixelWidth: 200, pixelHeight: 100, maximumHeight: 500,
        caption: "Légende", captionStyle: Fixture.style),
      alternative: "Une image")
    let page = try Fixture.layout([.figure(figure)]).pages[0]
    #expect(outline(page).prefix(3) == ["Figure {", "image 100×50", "\"Légende\" x 42"])
    // Too tall: scaled down to the largest height, centred.
    let tall = PictureFigure(
      path: "p.svg", format: .svg, pixelWidth: 100, pixelHeight: 400, maximumHeight: 80,
      caption: nil, captionStyle: Fixture.style)
    let frame = tall.frame(width: 100, measurer: Fixture.measurer)
    guard case .image(let image) = frame.items.first else {
      Issue.record("no image")
      return
    }
    #expect(image.rect == Rect(x: 40, y: 0, width: 20, height: 80))
    #expect(frame.size.height == 80)
  }

  @Test func codeRunsAreCodeElementsInsideTheirLink() throws {
    let paragraph = Paragraph(
      runs: [
        InlineRun("voir "), InlineRun("f(x)", emphasis: .code, link: .uri("https://a.org")),
      ], style: Fixture.style)
    let page = try Fixture.layout([.paragraph(paragraph)]).pages[0]
    let kinds = page.items.compactMap { item -> String? in
      switch item {
      case .beginLink: return "Link {"
      case .endLink: return "} Link"
      case .beginStructure(let role, _): return role.rawValue + " {"
      case .endStructure(let role): return "} " + role.rawValue
      default: return nil
      }
    }
    // The words before the link are the paragraph's own, in a Span.
    #expect(kinds == ["P {", "Span {", "} Span", "Link {", "Code {", "} Code", "} Link", "} P"])
    #expect(StructureTree.problems(StructureTree.spanningMixedContent([page])).isEmpty)
  }
}
