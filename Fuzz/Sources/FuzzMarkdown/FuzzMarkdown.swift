import Foundation
import FuzzSupport
import ReportMarkdown
import ReportModel

/// libFuzzer's entry: any bytes as a Markdown file must parse into the model or fail
/// with problems that have a line, never crash; as a picture file, they must be
/// described or refused with a reason.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(bytes: data, count: size)
  do {
    let document = try MarkdownDocument(data: bytes, file: "fuzz.md")
    // Everything a section will use of the model: walk it all.
    precondition(document.dump.hasPrefix("Document fuzz.md"))
    let shifted = document.headingsShifted(under: 2)
    precondition(shifted.images == document.images)
    for image in document.images { precondition(!image.alt.isEmpty && !image.source.isEmpty) }
    check(shifted.blocks, parentLine: 1)
  } catch {
    precondition(!error.problems.isEmpty, "a refused file must say why")
    precondition(
      error.problems.allSatisfy { ($0.location.line ?? 0) >= 1 }, "every problem has its line")
  }
  do {
    let picture = try Picture.read(
      bytes: [UInt8](bytes), path: "fuzz", alt: "a", caption: nil,
      referencedAt: SourceLocation(file: "fuzz.md", line: 1))
    precondition(picture.width > 0 && picture.height > 0 && picture.width.isFinite)
  } catch {
    precondition(!error.problems.isEmpty, "a refused picture must say why")
  }
  return 0
}

/// The model's promises: lines from 1 on, never before the enclosing block's; heading
/// levels 1–6 even once shifted; every table row as wide as the table.
func check(_ blocks: [MarkdownBlock], parentLine: Int) {
  for block in blocks {
    precondition(block.line >= parentLine, "a block before its parent")
    switch block.kind {
    case .heading(let level, _): precondition((1...6).contains(level))
    case .list(let list):
      for item in list.items {
        precondition(item.line >= block.line)
        check(item.blocks, parentLine: item.line)
      }
    case .blockQuote(let inner): check(inner, parentLine: block.line)
    case .table(let table):
      for row in [table.header] + table.rows {
        precondition(row.cells.count == table.alignments.count, "a row of another width")
      }
    default: break
    }
  }
}

/// SwiftPM links this executable's `main` to `FuzzMarkdown_main`: libFuzzer takes over.
@_cdecl("FuzzMarkdown_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt
{
  fuzzerMain(argc, argv) { fuzzMarkdown($0, $1) }
}
