import ReportLayout
import Testing

@testable import ReportCompose

@Suite struct CoverPageTests {
  func cover(title: String) -> CoverPage {
    let style = TextStyle(family: "Test", size: 10, leading: 1.2)
    return CoverPage(
      organisation: "Org", tagline: "Tag", title: title, kind: "Kind", datePlace: "Date",
      height: 700, bandFill: .black, accent: .white, organisationStyle: style,
      taglineStyle: style, titleStyle: style.with(size: 20), kindStyle: style, detailStyle: style)
  }

  func baseline(of text: String, in frame: Frame) -> Double? {
    for case .text(let run) in frame.items where run.text == text { return run.origin.y }
    return nil
  }

  @Test func theTitleStandsOnAFixedLineAndTheAssemblyAtTheFoot() {
    let measurer = FixedMeasurer()
    let short = cover(title: "T").frame(width: 400, measurer: measurer)
    #expect(short.size.height == 700)
    // The title's first line starts at 36 % of the height (252 pt); its baseline is
    // that plus the half-leading and ascent of a 20 pt line (2 + 16).
    #expect(baseline(of: "T", in: short) == 270)
    // "Date" is the last line: its 12 pt line ends at the foot (700); baseline at
    // 688 + half-leading 1 + ascent 8.
    #expect(baseline(of: "Date", in: short) == 697)
    let long = cover(title: "A much longer title that takes two lines").frame(
      width: 400, measurer: measurer)
    // The title is set 340 pt wide (85 %), 34 characters of 10 pt: two lines.
    #expect(baseline(of: "A much longer title that takes two", in: long) == 270)
    #expect(baseline(of: "lines", in: long) == 294)
    #expect(baseline(of: "Date", in: long) == baseline(of: "Date", in: short))
  }
}
