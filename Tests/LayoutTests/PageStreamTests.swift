import Testing

@testable import ReportLayout

/// The pages a stream hands on, one at a time, are the document's: the same pages,
/// numbers, contents and structure as a layout that keeps them all.
@Suite struct PageStreamTests {
  /// Contents on the cover, a table of many pages with links in a mixed paragraph,
  /// footers on every page but the first.
  func blocks() -> [Block] {
    let contents = Contents(
      entries: [
        ContentsEntry(title: "One", level: 1, destination: "one"),
        ContentsEntry(title: "Two", level: 1, destination: "two"),
      ], styles: [Fixture.style], indent: 10, sectionSpacing: 0, leaderColor: .black)
    let rows = (0..<60).map { TableRow(["r\($0)", "\($0 * 7)"]) }
    let table = Table(
      columns: [TableColumn(), TableColumn(grow: 0)], header: ["x", "y"], rows: rows,
      style: Fixture.tableStyle)
    let linked = Paragraph(
      runs: [InlineRun("see "), InlineRun("two", link: .destination("two"))],
      style: Fixture.style)
    return [
      .contents(contents), .pageBreak(Fixture.page),
      .heading(Heading(text: "One", style: Fixture.style, outlineLevel: 1, anchor: "one")),
      .table(table), .paragraph(linked),
      .heading(Heading(text: "Two", style: Fixture.style, outlineLevel: 1, anchor: "two")),
      .paragraph(Paragraph(text: "end of it", style: Fixture.style)),
    ]
  }

  func layouter(footer: FooterSpec? = Fixture.footer) -> DocumentLayouter {
    DocumentLayouter(measurer: Fixture.measurer, firstPageStyle: Fixture.cover, footer: footer)
  }

  /// A page's items are held until it is drawn, and a long table's rows until they are
  /// placed: each item is a tag and a pointer, the text alternative and a link's
  /// target held apart (a payload of more than 8 bytes would make it 24 or 32).
  @Test func anItemTakesSixteenBytes() {
    #expect(MemoryLayout<FrameItem>.stride == 16)
  }

  /// `layout(_:)` collects the stream's pages, so the two are compared with what a
  /// document must be, not with each other: every row once and in order, the
  /// destinations on the pages that hold their anchors, the contents' numbers and the
  /// footers counting the pages, the structure sound.
  @Test func theStreamHandsOnEveryPageInOrderNumberedAndSound() throws {
    var stream = try layouter().pages(of: blocks())
    var streamed: [StreamedPage] = []
    try stream.send(
      to: { (page) throws(LayoutError) in streamed.append(page) }, layoutError: { $0 })
    let pages = streamed.map(\.page)
    #expect(pages.count == stream.pageCount)
    #expect(pages.count > 5)
    // Every row of the table, once, in order, over several pages.
    let rows = pages.flatMap(\.texts).filter { $0.hasPrefix("r") && Int($0.dropFirst()) != nil }
    #expect(rows == (0..<60).map { "r\($0)" })
    // Each destination is on the page that holds its anchor, and the contents say so.
    for (name, index) in stream.destinations {
      #expect(
        pages[index].items.contains { item in
          if case .anchor(let anchor, _, _) = item { return anchor == name }
          return false
        })
    }
    let two = try #require(stream.destinations["two"])
    #expect(pages[0].texts.contains(String(two + 1)))
    #expect(stream.outline.map(\.destination) == ["one", "two"])
    // The cover has no footer; every other page says its number of the count.
    #expect(pages[0].texts.allSatisfy { !$0.contains("/") })
    for index in pages.indices.dropFirst() {
      #expect(pages[index].texts.last == "\(index + 1)/\(pages.count)")
    }
    // Each page says where its mixed elements open, as the whole document's
    // structure finds them.
    let mixed = StructureTree.mixedElements(pages)
    var position = 0
    for page in streamed {
      let expected = page.page.items.indices.filter { mixed.contains(position + $0) }
      #expect(page.mixedOpenings == expected)
      position += page.page.items.count
    }
    #expect(streamed.contains { !$0.mixedOpenings.isEmpty })
    #expect(StructureTree.problems(pages).isEmpty)
    // And a layout that keeps its pages is that stream.
    let kept = try layouter().layout(blocks())
    #expect(kept.pages == pages)
    #expect(kept.destinations == stream.destinations)
  }

  @Test func aFooterThatCannotFitIsFoundBeforeAnyPageIsMade() throws {
    // Wider than the text area for the last page's number: found by the counting
    // passes, before the stream exists (and so before any file is created).
    let wide = FooterSpec(
      left: "", rightPattern: String(repeating: "w", count: 40) + " {page}",
      style: Fixture.style, rule: nil, offset: 5)
    #expect {
      _ = try layouter(footer: wide).pages(of: blocks())
    } throws: { error in
      guard case LayoutError.footerDoesNotFit = error else { return false }
      return true
    }
  }

  /// A measurer whose "7" is 100 pt wide: page 7's footer, and no other, overflows.
  final class WideSevens: TextMeasurer {
    func lines(of text: String, style: TextStyle, width: Double) -> [LineBox] {
      Fixture.measurer.lines(of: text, style: style, width: width).map { line in
        var line = line
        line.width += Double(line.text.filter { $0 == "7" }.count) * 100
        return line
      }
    }
    func metrics(of style: TextStyle) -> FontMetrics { Fixture.measurer.metrics(of: style) }
    func extent(of text: String, style: TextStyle) -> TextExtent {
      Fixture.measurer.extent(of: text, style: style)
    }
  }

  @Test func anErrorOfTheStreamStopsItAtItsPage() throws {
    let footer = FooterSpec(
      left: "", rightPattern: "{page}", style: Fixture.footer.style, rule: nil, offset: 5)
    let paragraphs = (0..<9).flatMap { index -> [Block] in
      [.paragraph(Paragraph(text: "page", style: Fixture.style)), .pageBreak(nil)]
    }.dropLast()
    var stream = try DocumentLayouter(
      measurer: WideSevens(), firstPageStyle: Fixture.page, footer: footer
    ).pages(of: Array(paragraphs))
    #expect(stream.pageCount == 9)
    var handed = 0
    #expect {
      try stream.send(to: { (_) throws(LayoutError) in handed += 1 }, layoutError: { $0 })
    } throws: { error in
      guard case LayoutError.footerDoesNotFit = error else { return false }
      return true
    }
    // Pages 1 to 6 went on; page 7 stopped the stream.
    #expect(handed == 6)
  }

  /// What the drawing side throws stops the stream too, and is the error said.
  @Test func anErrorOfWhatTakesThePagesStopsTheStream() throws {
    enum Failure: Error {
      case taking
      case layout(LayoutError)
    }
    var stream = try layouter().pages(of: blocks())
    var handed = 0
    do {
      try stream.send(
        to: { (_) throws(Failure) in
          handed += 1
          if handed == 2 { throw .taking }
        }, layoutError: { .layout($0) })
      Issue.record("the stream went on")
    } catch {
      guard case .taking = error else {
        Issue.record("\(error)")
        return
      }
    }
    #expect(handed == 2)
  }
}
