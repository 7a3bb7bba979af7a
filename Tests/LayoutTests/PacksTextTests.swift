import Testing

@testable import ReportLayout

/// The pack's text: no lone short block on a page, paragraph ends set as TeX sets them.
@Suite struct LoneBlockTests {
  let style = Fixture.style

  /// `count` lines of 12 pt, one word each.
  func filler(_ count: Int) -> Block {
    .paragraph(
      Paragraph(
        text: (1...count).map { "w\($0)" }.joined(separator: "\n"), style: style))
  }

  @Test func aShortLastBlockTakesTheChartAboveItToTheNextPage() throws {
    // 10 lines (120 pt), a heading (12 pt) kept with a 40 pt chart: 172 of 180 pt.
    // The sentence after the chart (12 pt) does not fit; alone on page 2 it would
    // be the page. The heading and the chart go with it.
    let chart = Figure(content: OversizeTests.Block100(height: 40))
    let document = try Fixture.layout([
      filler(10),
      .heading(Heading(text: "Chart", style: style, outlineLevel: 2, anchor: "chart")),
      .figure(chart),
      .paragraph(Paragraph(text: "See page 3.", style: style)),
      .pageBreak(nil),
      .paragraph(Paragraph(text: "Budget", style: style)),
    ])
    #expect(document.pages.count == 3)
    #expect(document.pages[0].texts == (1...10).map { "w\($0)" })
    #expect(document.pages[1].texts == ["Chart", "See page 3."])
    #expect(document.destinations["chart"] == 1)
    #expect(document.pages[2].texts == ["Budget"])
  }

  @Test func aShortBlockThatFitsOrIsFollowedStaysWhereItIs() throws {
    // Room for the sentence: nothing moves.
    let chart = Figure(content: OversizeTests.Block100(height: 28))
    let fits = try Fixture.layout([
      filler(10), .figure(chart), .paragraph(Paragraph(text: "See.", style: style)),
      .pageBreak(nil), .paragraph(Paragraph(text: "Budget", style: style)),
    ])
    #expect(fits.pages.count == 2)
    #expect(fits.pages[0].texts.last == "See.")
    // A block that does not end its section goes on as before: the text flows on.
    let followed = try Fixture.layout([
      filler(10), .figure(Figure(content: OversizeTests.Block100(height: 52))),
      .paragraph(Paragraph(text: "See.", style: style)),
      .paragraph(Paragraph(text: "More.", style: style)),
    ])
    #expect(followed.pages[0].texts == (1...10).map { "w\($0)" })
    #expect(followed.pages[1].texts == ["See.", "More."])
  }
}

@Suite struct ParagraphEndTests {
  let measurer = Fixture.measurer
  let style = Fixture.style  // 5 pt a character, spaces too

  func lines(_ text: String, width: Double) -> [String] {
    JustifiedBreaker(measurer: measurer, style: style).lines(of: text, width: width)?
      .map(\.text) ?? []
  }

  @Test func theLastWordOfAParagraphIsNeverHyphenated() {
    // 18 characters a line (90 pt). "redéploie-" ends the first line best by its
    // spaces alone; the paragraph would end on "ment.".
    let text = "aaaa bbbb redéploie\u{00AD}ment."
    let found = lines(text, width: 100)
    #expect(!found.dropLast().contains { $0.hasSuffix("-") }, "\(found)")
    #expect(found.last != "ment.")
    #expect(found.joined(separator: " ") == "aaaa bbbb redéploiement.")
  }

  @Test func theLastLineKeepsAMinimumLength() {
    // 21 characters (105 pt) fit 100 pt with their 6 spaces shrunk by 5 pt, leaving
    // "z." (10 pt) alone: shorter than a sixth of the measure (16.7 pt). A last line
    // that short costs as much as spaces stretched 1.5 times: the first line gives
    // up a word and stretches its 5 spaces by 3 pt each (badness 173) instead.
    let text = "aa i ggg ggg i aa ggg z."
    #expect(lines(text, width: 100) == ["aa i ggg ggg i aa", "ggg z."])
    var tex = JustifiedBreaker(measurer: measurer, style: style)
    tex.minimumLastLine = 0  // TeX's plain \parfillskip: any last line is fine
    #expect(tex.lines(of: text, width: 100)?.map(\.text) == ["aa i ggg ggg i aa ggg", "z."])
    // Where nothing better exists, a short last line is still set.
    #expect(lines("aaaa bbbb cccc ddddd z.", width: 100) == ["aaaa bbbb cccc ddddd", "z."])
  }

  @Test func aOneWordParagraphIsStillSet() {
    #expect(lines("fin.", width: 100) == ["fin."])
  }
}
