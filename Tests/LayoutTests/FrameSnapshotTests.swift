import ReportLayout
import TestSupport
import Testing

/// Whole documents laid out and dumped one item a line, compared with goldens.
///
/// Laid out with the ``FixedMeasurer``, dumped by ``FrameDump``, the goldens in
/// `Snapshots/`: what layout decides,
/// structure and artifacts included, in a form a review can read. Record on purpose
/// with `RECORD_SNAPSHOTS=1` (the test then fails until run again without it).
@Suite struct FrameSnapshotTests {
  func check(_ document: LaidOutDocument, _ name: String) {
    let problem = Snapshot.mismatch(
      FrameDump.text(of: document), golden: "Tests/LayoutTests/Snapshots/\(name).txt")
    #expect(problem == nil, "\(problem ?? "")")
    #expect(StructureTree.problems(document.pages).isEmpty)
  }

  @Test func headingParagraphListAndFooter() throws {
    let document = try Fixture.layout(
      [
        .heading(
          Heading(
            text: "Titre", style: Fixture.style.with(weight: .bold), outlineLevel: 1,
            anchor: "titre", spaceAfter: 4, rule: Stroke(color: .black, width: 1))),
        .paragraph(
          Paragraph(
            text: "aa bb cc dd ee fff gg hh ii jj kk", style: Fixture.style, alignment: .justify,
            spaceAfter: 4)),
        .list(
          BulletList(
            items: ["un deux", "trois quatre cinq six sept"], style: Fixture.style, bullet: "-",
            bulletColor: .black, indent: 8)),
        .paragraph(
          Paragraph(text: "voir page {page:titre}", style: Fixture.style, link: "titre")),
      ], footer: Fixture.footer)
    check(document, "heading-paragraph-list-footer")
  }

  @Test func aTableContinuedOnTheNextPageWithABox() throws {
    let rows =
      (1...14).map { TableRow(["r\($0)", "\($0 * 10)"]) } + [
        TableRow(["Total", "1050"], kind: .total)
      ]
    let document = try Fixture.layout(
      [
        .box(
          ShadedBox(
            title: "Note", titleStyle: Fixture.style,
            content: [.paragraph(Paragraph(text: "dans la boîte", style: Fixture.style))],
            fill: Color(red: 0.9, green: 0.9, blue: 0.9), accent: Stroke(color: .black, width: 2),
            padding: EdgeInsets(all: 4), spacing: 2, spaceAfter: 4)),
        .table(
          Table(
            columns: [TableColumn(), TableColumn(alignment: .right, grow: 0)],
            header: ["Nom", "€"], rows: rows, style: Fixture.tableStyle,
            continuationTitle: "Suite")),
      ], footer: Fixture.footer)
    #expect(document.pages.count == 2)
    check(document, "table-continued-box")
  }

  @Test func contentsAndAFigure() throws {
    struct Square: FigureContent {
      func frame(width: Double, measurer: any TextMeasurer) -> Frame {
        Frame(
          size: Size(width: width, height: 20),
          items: [.rect(Rect(x: 0, y: 0, width: 20, height: 20), fill: .black, stroke: nil)])
      }
    }
    let document = try Fixture.layout(
      [
        .contents(
          Contents(
            entries: [
              ContentsEntry(title: "Un", level: 1, destination: "un"),
              ContentsEntry(title: "Deux", level: 2, destination: "deux"),
            ], styles: [Fixture.style], indent: 6, sectionSpacing: 2, leaderColor: .black)),
        .heading(Heading(text: "Un", style: Fixture.style, outlineLevel: 1, anchor: "un")),
        .figure(Figure(content: Square(), spaceAfter: 2, alternative: "Un carré noir.")),
        .heading(Heading(text: "Deux", style: Fixture.style, outlineLevel: 2, anchor: "deux")),
      ])
    check(document, "contents-figure")
  }
}
