import Foundation

/// The structure steps of finishing: page furniture becomes artifacts, figures get
/// their text alternatives.
///
/// Layout marks page furniture explicitly (``ReportLayout/FrameItem/beginArtifact``)
/// and the renderer draws it as a `Private` structure element, the one tag cairo 1.16
/// accepts that no other item uses (cairo refuses a tag it does not know: "invalid tag
/// name"). Cairo writes each as `/Private << /MCID n >> BDC … EMC` in the page's
/// content and as an element of the structure tree; here exactly those become
/// `/Artifact BMC … EMC` and leave the tree. Nothing is inferred from what is untagged.
///
/// A figure's `/Alt` goes to the element found at the marked content the renderer
/// counted for it: no pairing by position.
extension PDFFinisher {
  /// Where the structure tree's marked content lives: a page (0-based) and an MCID.
  struct MarkedContent: Hashable {
    var page: Int
    var mcid: Int
  }

  static func finishStructure(_ document: QPDFDocument, figures: [FigureAlternative])
    throws(RenderError)
  {
    let tree = document.root["/StructTreeRoot"]
    guard tree.isDictionary else {
      guard figures.isEmpty else { throw .structure("figures drawn but no structure tree") }
      return
    }
    // The parent tree maps each page's MCIDs to their elements, in drawing order.
    var parentArrays: [Int64: QPDFObject] = [:]
    collectNumbers(tree["/ParentTree"], into: &parentArrays, depth: 0)
    var artifacts: [Int: Set<Int>] = [:]  // page → MCIDs of its artifacts
    var parents: [Int32: QPDFObject] = [:]  // elements that hold an artifact element
    // Each figure at the marked content the renderer counted: its own element, or
    // one inside it (a figure holding links holds its drawing in spans). Found
    // exactly, or the file is refused: a label never lands on another figure.
    var figureOf: [Int32: QPDFObject?] = [:]
    var seen = Set<Int32>()
    for figure in figures {
      let page = document.page(figure.page)
      guard page["/StructParents"].isInteger,
        let elements = parentArrays[page["/StructParents"].integer],
        figure.mcid < elements.count
      else {
        throw .structure("page \(figure.page + 1): no marked content \(figure.mcid) for a figure")
      }
      let element = elements.item(figure.mcid)
      guard element.isDictionary, let found = enclosingFigure(element, cache: &figureOf),
        seen.insert(found.objectID).inserted
      else {
        throw .structure(
          "page \(figure.page + 1): marked content \(figure.mcid) is \(element["/S"].name ?? "nothing"), not a figure of its own"
        )
      }
      if let alternative = figure.alternative { found["/Alt"] = document.text(alternative) }
    }
    let null = document.null()
    for index in 0..<document.pageCount {
      let page = document.page(index)
      guard page["/StructParents"].isInteger,
        let elements = parentArrays[page["/StructParents"].integer]
      else { continue }
      for mcid in 0..<elements.count {
        let element = elements.item(mcid)
        guard element.isDictionary, element["/S"].isName("/" + artifactTag) else { continue }
        artifacts[index, default: []].insert(mcid)
        elements.set(mcid, to: null)
        let parent = element["/P"]
        if parent.isDictionary { parents[parent.objectID] = parent }
      }
    }
    // The artifact elements leave the tree: each parent's kids without them.
    for parent in parents.values {
      let kids = parent["/K"]
      if kids.isArray {
        let kept = document.array()
        for kid in kids.items where !(kid.isDictionary && kid["/S"].isName("/" + artifactTag)) {
          kept.append(kid)
        }
        parent["/K"] = kept
      } else if kids.isDictionary && kids["/S"].isName("/" + artifactTag) {
        parent.remove("/K")
      }
    }
    for (index, mcids) in artifacts.sorted(by: { $0.key < $1.key }) {
      let page = document.page(index)
      let bytes = try qpdf { () throws(QPDFError) in try document.pageContent(page) }
      let (marked, replaced) = markingArtifacts(bytes, mcids: mcids)
      guard replaced == mcids else {
        throw .structure(
          "page \(index + 1): artifacts \(mcids.subtracting(replaced).sorted()) not in its content")
      }
      // One stream replaces the page's content, however many it had.
      let contents = page["/Contents"]
      if contents.isStream {
        contents.replaceStreamData(marked)
      } else {
        page["/Contents"] = document.stream(marked)
      }
    }
  }

  /// The Figure element that is `element` or encloses it, if any; `cache` keeps
  /// the answer for each parent, so a long table's cells cost one lookup each.
  private static func enclosingFigure(_ element: QPDFObject, cache: inout [Int32: QPDFObject?])
    -> QPDFObject?
  {
    let type = element["/S"]
    if type.isName("/Figure") { return element }
    if type.isName("/Document") { return nil }
    let parent = element["/P"]
    guard parent.isDictionary, parent.objectID != 0 else { return nil }
    if let known = cache[parent.objectID] { return known }
    // Elements nest a few levels deep: the recursion is short.
    let answer = enclosingFigure(parent, cache: &cache)
    cache[parent.objectID] = .some(answer)
    return answer
  }

  /// The values of a number tree, by key (its `/Nums`, and its `/Kids`' ones).
  private static func collectNumbers(
    _ node: QPDFObject, into values: inout [Int64: QPDFObject], depth: Int
  ) {
    guard depth < 32, node.isDictionary else { return }
    let numbers = node["/Nums"]
    var index = 0
    while index + 1 < numbers.count {
      let key = numbers.item(index)
      if key.isInteger { values[key.integer] = numbers.item(index + 1) }
      index += 2
    }
    for kid in node["/Kids"].items { collectNumbers(kid, into: &values, depth: depth + 1) }
  }

  /// The content with `/Private << /MCID n >> BDC`, for each `n` of `mcids` (every
  /// one when `nil`), written `/Artifact BMC` (its `EMC` stays), and the MCIDs replaced.
  ///
  /// Cairo writes the operator exactly so, at the start of a line; its strings are
  /// hexadecimal glyph codes, so the bytes cannot occur inside one.
  static func markingArtifacts(_ bytes: [UInt8], mcids: Set<Int>?) -> ([UInt8], Set<Int>) {
    let prefix = Array("/\(artifactTag) << /MCID ".utf8)
    let suffix = Array(" >> BDC".utf8)
    let replacement = Array("/Artifact BMC".utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var replaced = Set<Int>()
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x2F, index == 0 || bytes[index - 1] == 0x0A,
        bytes[index...].starts(with: prefix)
      {
        var end = index + prefix.count
        var mcid = 0
        while end < bytes.count, (0x30...0x39).contains(bytes[end]), mcid < 1 << 40 {
          mcid = mcid * 10 + Int(bytes[end] - 0x30)
          end += 1
        }
        if end > index + prefix.count, bytes[end...].starts(with: suffix),
          mcids?.contains(mcid) ?? true
        {
          output += replacement
          replaced.insert(mcid)
          index = end + suffix.count
          continue
        }
      }
      output.append(bytes[index])
      index += 1
    }
    return (output, replaced)
  }
}
