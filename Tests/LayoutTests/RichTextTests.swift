import ReportLayout
import TestSupport
import Testing

/// Paragraphs of styled runs: measured, broken, hyphenated and set run by run, with
/// their links as `Link` elements.
@Suite struct RichTextTests {
  /// Breaks after "ab" in any word that starts so: "ab\u{AD}cd…".
  final class Splitter: Hyphenator {
    func hyphenate(_ text: String) -> String { text.replacing("abc", with: "ab\u{00AD}c") }
  }

  func layout(_ paragraph: Paragraph, hyphenator: (any Hyphenator)? = nil) throws
    -> LaidOutDocument
  {
    try DocumentLayouter(
      measurer: Fixture.measurer, firstPageStyle: Fixture.page, footer: nil,
      hyphenator: hyphenator
    ).layout([.paragraph(paragraph)])
  }

  @Test func aPlainTextStaysOneRun() {
    let paragraph = Paragraph(text: "un deux", style: Fixture.style)
    #expect(paragraph.runs == [InlineRun("un deux")])
    #expect(paragraph.text == "un deux")
  }

  @Test func eachRunIsSetInItsStyleWhereTheWordsBeforeItEnd() throws {
    // 5 pt a character, 5 pt a space: "Un " is 15 pt, "gras" starts there.
    let document = try layout(
      Paragraph(
        runs: [
          InlineRun("Un "), InlineRun("gras", emphasis: .bold), InlineRun(", "),
          InlineRun("penché", emphasis: .italic), InlineRun(" et "),
          InlineRun("f(x)", emphasis: .code),
        ], style: Fixture.style, codeFamily: "Mono"))
    let runs = document.pages[0].runs
    #expect(runs.map(\.text) == ["Un", "gras", ",", "penché", "et", "f(x)"])
    #expect(runs.map(\.origin.x) == [10, 25, 45, 55, 90, 105 - 105 + 10])
    #expect(runs[1].style.weight == .bold && !runs[1].style.italic)
    #expect(runs[3].style.italic && runs[3].style.weight == .regular)
    #expect(runs[5].style.family == "Mono")
    // "f(x)" did not fit after "et" (100 pt measure): it starts the second line.
    #expect(runs[5].origin.y == runs[0].origin.y + 12)
  }

  @Test func justifiedRunsShareOneWordSpacingAcrossTheirBoundaries() throws {
    let document = try layout(
      Paragraph(
        runs: [
          InlineRun("aa bb "), InlineRun("cc dd", emphasis: .bold), InlineRun(" eee ff gg hh ii"),
        ], style: Fixture.style, alignment: .justify))
    let runs = document.pages[0].runs
    let firstLine = runs.filter { $0.origin.y == runs[0].origin.y }
    // The line ends at the measure's right edge, whatever its runs.
    let last = try #require(firstLine.last)
    #expect(abs(last.origin.x + last.width - 110) < 1e-9)
    // Each run starts where the previous one ended plus one stretched space.
    for (previous, next) in zip(firstLine, firstLine.dropFirst()) {
      let gap = next.origin.x - (previous.origin.x + previous.width)
      #expect(abs(gap - (5 + firstLine[0].wordSpacing)) < 1e-9)
    }
    #expect(firstLine[0].wordSpacing > 0)
  }

  @Test func linksAreElementsOfTheirOwnAndTheRestOfTheParagraphIsSpans() throws {
    let document = try layout(
      Paragraph(
        runs: [
          InlineRun("voir "), InlineRun("le site", link: .uri("https://example.org")),
          InlineRun(" ou "), InlineRun("plus bas", emphasis: .italic, link: .destination("bas")),
        ], style: Fixture.style))
    #expect(StructureTree.problems(document.pages).isEmpty)
    let problem = Snapshot.mismatch(
      FrameDump.text(of: document), golden: "Tests/LayoutTests/Snapshots/rich-links.txt")
    #expect(problem == nil, "\(problem ?? "")")
  }

  @Test func runsAreHyphenatedInTheirOwnStyleButCodeNever() throws {
    let document = try layout(
      Paragraph(
        runs: [
          InlineRun("xxxxxxxxxxxxxxx abcdef", emphasis: .bold),
          InlineRun(" abcdef", emphasis: .code),
        ], style: Fixture.style, hyphenate: true),
      hyphenator: Splitter())
    let texts = document.pages[0].runs.map(\.text)
    // "xxxxxxxxxxxxxxx ab-" is 19 characters: the bold word breaks; the code word,
    // offered the same break, stays whole on the next line.
    #expect(texts == ["xxxxxxxxxxxxxxx ab-", "cdef", "abcdef"])
  }
}

extension RichTextTests {
  @Test func aWordWiderThanTheMeasureIsCutBetweenCharacters() throws {
    // 25 characters of code in a 100 pt measure (20 characters): two lines, no error.
    let document = try layout(
      Paragraph(
        runs: [InlineRun("voir "), InlineRun("https://example.org/abcde", emphasis: .code)],
        style: Fixture.style))
    #expect(document.pages[0].runs.map(\.text) == ["voir", "https://example.org/", "abcde"])
    #expect(document.pages[0].runs.allSatisfy { $0.origin.x + $0.width <= 110 })
  }
}
