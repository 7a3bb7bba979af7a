import Foundation
import FuzzSupport
import ReportCompose
import ReportLayout
import ReportMarkdown

/// The repository's templates, found from this file's place.
let templates: Templates = {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  do {
    return try Templates.load(directory: root.appendingPathComponent("templates").path)
  } catch {
    fatalError("the templates do not load: \(error)")
  }
}()

let measurer = FixedMeasurer()

/// libFuzzer's entry: any Markdown the parser accepts becomes blocks the pack's way
/// (pictures, unchecked here, print their alternative), and those blocks lay out on
/// A4 pages, or fail with a layout error, never crash; the pages' structure is sound
/// and the contents entries are the headings, in order.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdownBlocks(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let document = try? MarkdownDocument(data: Data(bytes: data, count: size), file: "f.md")
  else { return 0 }
  var anchors: [String] = []
  for block in document.blocks {
    if case .heading = block.kind { anchors.append("h\(anchors.count)") }
  }
  let section = MarkdownSection(
    document: document, title: "Titre", level: 1, anchor: "titre", pictures: [:],
    headingAnchors: anchors)
  let composed = section.compose(templates: templates)
  precondition(composed.entries.count == anchors.count + 1, "an entry per heading")
  precondition(composed.entries.first?.destination == "titre")
  precondition(composed.entries.dropFirst().map(\.destination) == anchors)
  precondition(composed.entries.allSatisfy { (1...6).contains($0.level) })
  let page = PageStyle(
    margins: EdgeInsets(top: 60, right: 60, bottom: 70, left: 60), showsFooter: true)
  let footer = FooterSpec(
    left: "Pied", rightPattern: "Page {page} / {pages}", style: TextStyle(family: "Test", size: 8),
    rule: nil, offset: 20)
  do {
    let laidOut = try DocumentLayouter(measurer: measurer, firstPageStyle: page, footer: footer)
      .layout(composed.blocks)
    let problems = StructureTree.problems(StructureTree.spanningMixedContent(laidOut.pages))
    precondition(problems.isEmpty, "structure: \(problems.prefix(3))")
    precondition(laidOut.outline.count == composed.entries.count, "a bookmark per heading")
  } catch {
    if case .outsidePrintableBox = error { preconditionFailure("\(error)") }
  }
  return 0
}

/// SwiftPM links this executable's `main` to `FuzzMarkdownBlocks_main`: libFuzzer
/// takes over.
@_cdecl("FuzzMarkdownBlocks_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt
{
  fuzzerMain(argc, argv) { fuzzMarkdownBlocks($0, $1) }
}
