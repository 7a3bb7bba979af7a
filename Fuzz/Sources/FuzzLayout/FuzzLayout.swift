import Foundation
import FuzzSupport
import ReportLayout

/// Reads fuzzer bytes as decisions.
struct Bytes {
  var data: [UInt8]
  var index = 0
  mutating func next() -> Int {
    defer { index += 1 }
    return index < data.count ? Int(data[index]) : 0
  }
  var isEmpty: Bool { index >= data.count }
  mutating func number(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + next() % (range.count)
  }
  mutating func text() -> String {
    let words = number(0...24)
    return (0..<words).map { _ in
      String(repeating: "abcdefgh".randomElementFrom(&self), count: number(1...14))
    }
    .joined(separator: next() % 7 == 0 ? "\n" : " ")
  }
}

extension String {
  func randomElementFrom(_ bytes: inout Bytes) -> String {
    let characters = Array(self)
    return String(characters[bytes.next() % characters.count])
  }
}

let measurer = FixedMeasurer()

func style(_ bytes: inout Bytes) -> TextStyle {
  TextStyle(
    family: "Test", size: Double(bytes.number(4...30)),
    leading: 1 + Double(bytes.number(0...8)) / 10)
}

func block(_ bytes: inout Bytes, depth: Int) -> Block {
  switch bytes.number(0...9) {
  case 0:
    return .paragraph(
      Paragraph(
        text: bytes.text(), style: style(&bytes),
        alignment: [.left, .right, .center, .justify][bytes.number(0...3)],
        spaceBefore: Double(bytes.number(0...40)), spaceAfter: Double(bytes.number(0...40)),
        keepWithNext: bytes.next() % 5 == 0))
  case 1:
    return .heading(
      Heading(
        text: bytes.text(), style: style(&bytes), outlineLevel: bytes.number(1...3),
        anchor: "a\(bytes.number(0...5))", spaceBefore: Double(bytes.number(0...30))))
  case 2:
    let columns = bytes.number(1...6)
    let rows = (0..<bytes.number(0...30)).map { _ in
      TableRow(
        (0..<columns).map { _ in bytes.text() }, kind: bytes.next() % 9 == 0 ? .total : .body,
        leadingSpan: bytes.number(1...columns))
    }
    let cell = style(&bytes)
    return .table(
      Table(
        columns: (0..<columns).map { _ in
          TableColumn(
            alignment: [.left, .right, .center][bytes.number(0...2)],
            grow: Double(bytes.number(0...3)))
        },
        header: (0..<columns).map { _ in bytes.text() }, rows: rows,
        style: TableStyle(
          header: cell, headerFill: .black, body: cell, total: cell, totalFill: .white,
          stripeFill: nil,
          rule: Stroke(color: .black, width: 0.5), totalRule: Stroke(color: .black, width: 1),
          cellPadding: EdgeInsets(all: Double(bytes.number(0...6))), continuationTitle: cell),
        continuationTitle: bytes.next() % 2 == 0 ? bytes.text() : nil,
        widthGroup: bytes.next() % 3 == 0 ? "g" : nil))
  case 3:
    return .list(
      BulletList(
        items: (0..<bytes.number(0...8)).map { _ in bytes.text() }, style: style(&bytes),
        bullet: "-",
        bulletColor: .black, indent: Double(bytes.number(0...30)),
        itemSpacing: Double(bytes.number(0...10))))
  case 4 where depth < 3:
    return .box(
      ShadedBox(
        title: bytes.next() % 2 == 0 ? bytes.text() : nil, titleStyle: style(&bytes),
        content: (0..<bytes.number(0...4)).map { _ in block(&bytes, depth: depth + 1) },
        fill: .white,
        accent: Stroke(color: .black, width: 2),
        padding: EdgeInsets(all: Double(bytes.number(0...20))),
        spacing: Double(bytes.number(0...10))))
  case 5:
    return .spacer(Double(bytes.number(0...400)))
  case 6:
    return .pageBreak(nil)
  case 7:
    return .contents(
      Contents(
        entries: (0..<bytes.number(0...10)).map { _ in
          ContentsEntry(
            title: bytes.text(), level: bytes.number(1...3), destination: "a\(bytes.number(0...5))")
        }, styles: [style(&bytes), style(&bytes)], indent: 10, sectionSpacing: 4,
        leaderColor: .black))
  case 8:
    // Styled runs: emphasis, links to a destination or an address.
    let runs = (0..<bytes.number(1...6)).map { _ in
      let emphasis = Emphasis(rawValue: bytes.number(0...7))
      let link: LinkTarget? =
        switch bytes.number(0...4) {
        case 0: .uri("https://example.org/\(bytes.number(0...9))")
        case 1: .destination("a\(bytes.number(0...5))")
        default: nil
        }
      return InlineRun(bytes.text(), emphasis: emphasis, link: link)
    }
    return .paragraph(
      Paragraph(
        runs: runs, style: style(&bytes),
        alignment: [.left, .right, .center, .justify][bytes.number(0...3)],
        spaceAfter: Double(bytes.number(0...20)), codeFamily: "Mono"))
  default:
    return .paragraph(Paragraph(text: bytes.text(), style: style(&bytes)))
  }
}

/// libFuzzer's entry: random block trees on random pages must paginate, end, keep
/// every item inside the page's printable box and every drawing in structure or an
/// artifact, or stop with a layout error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLayout(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var bytes = Bytes(data: Array(UnsafeBufferPointer(start: data, count: size)))
  let width = Double(bytes.number(80...700))
  let height = Double(bytes.number(80...900))
  let margin = Double(bytes.number(5...40))
  let page = PageStyle(
    size: Size(width: width, height: height), margins: EdgeInsets(all: margin),
    showsFooter: bytes.next() % 2 == 0)
  let footer = FooterSpec(
    left: bytes.text(), rightPattern: "{page} / {pages}", style: TextStyle(family: "Test", size: 6),
    rule: nil,
    offset: margin / 2)
  var blocks: [Block] = []
  while !bytes.isEmpty && blocks.count < 40 { blocks.append(block(&bytes, depth: 0)) }
  let document: LaidOutDocument
  do {
    document = try DocumentLayouter(measurer: measurer, firstPageStyle: page, footer: footer)
      .layout(blocks)
  } catch {
    // A block that cannot fit is an error, which is fine; drawing outside the page
    // is a defect, even when the final check catches it.
    if case .outsidePrintableBox = error { preconditionFailure("\(error)") }
    return 0
  }
  // Structure and artifacts balanced, every drawing tagged or an artifact.
  let problems = StructureTree.problems(document.pages)
  precondition(problems.isEmpty, "\(problems)")
  for page in document.pages {
    for item in page.items {
      switch item {
      case .text(let run):
        guard !run.text.isEmpty else { continue }
        let bounds = run.bounds(metrics: measurer.metrics(of: run.style))
        precondition(
          page.printableBox.contains(bounds, tolerance: 0.5),
          "text \(run.text) at \(bounds) outside \(page.printableBox)")
      case .rect(let rect, _, _):
        precondition(
          page.printableBox.contains(rect, tolerance: 0.5),
          "rect \(rect) outside \(page.printableBox)")
      default:
        break
      }
    }
  }
  return 0
}

/// SwiftPM links this executable's `main` to `FuzzLayout_main`: libFuzzer takes over.
@_cdecl("FuzzLayout_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt
{
  fuzzerMain(argc, argv) { fuzzLayout($0, $1) }
}
