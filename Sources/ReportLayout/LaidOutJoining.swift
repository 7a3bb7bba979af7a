extension LaidOutDocument {
  /// Documents already laid out, one after the other in one document, each starting
  /// on an odd page: `blank` is put after a part of an odd page count that another
  /// part follows (for recto-verso printing).
  ///
  /// The pages ``PageJoiner`` hands on, kept: see there.
  /// - Parameters:
  ///   - parts: the documents, in order.
  ///   - blank: the page put after a part of an odd page count.
  public static func joined(_ parts: consuming [LaidOutDocument], blank: Page) -> LaidOutDocument {
    var pages: [Page] = []
    pages.reserveCapacity(parts.reduce(0) { $0 + $1.pages.count + 1 })
    var joiner = PageJoiner(blank: blank)
    for index in parts.indices {
      let part = parts[index]
      // The joined document holds the only copy of the pages: a renderer that
      // releases each page once drawn releases it.
      parts[index] = LaidOutDocument(pages: [], outline: [], destinations: [:])
      joiner.add(part) { pages.append($0.page) }
    }
    return LaidOutDocument(
      pages: pages, outline: joiner.outline, destinations: joiner.destinations,
      passes: joiner.passes)
  }

  /// Hands on the pages of `pages`, in order, each with the openings of its mixed
  /// structure elements (``StructureTree/mixedElements(_:)``), releasing each page
  /// once handed on.
  public static func send<Failure: Error>(
    _ pages: consuming [Page], to body: (StreamedPage) throws(Failure) -> Void
  ) throws(Failure) {
    var pages = consume pages
    let mixed = StructureTree.mixedElements(pages)
    var position = 0
    for index in pages.indices {
      let page = pages[index]
      pages[index].items = []
      let openings = page.items.indices.filter { mixed.contains(position + $0) }
      position += page.items.count
      try body(StreamedPage(page: page, mixedOpenings: openings))
    }
  }
}

/// Joins documents already laid out as they come, one after the other, each starting
/// on an odd page, and hands their pages on: the file to post of `report convocations`
/// is its letters' own pages, drawn as the letters are laid out, never held together.
///
/// Nothing is laid out again: the pages are the parts' own, their bookmarks follow
/// in order and their destinations are moved to the pages they land on (the first
/// part holding a name keeps it, as a layout of the whole would). Each part must be
/// a whole document (its structure elements and artifacts closed on its last page),
/// as ``DocumentLayouter/layout(_:)`` makes them. The blank page goes after a part of
/// an odd page count only once another part comes: the last part has none.
public struct PageJoiner {
  /// The page put after a part of an odd page count that another part follows.
  public let blank: Page
  /// The bookmarks of the parts so far, in order.
  public private(set) var outline: [OutlineEntry] = []
  /// On which page (0-based) each named destination of the parts so far lands.
  public private(set) var destinations: [String: Int] = [:]
  /// How many pages were handed on.
  public private(set) var pageCount = 0
  /// The most layout passes a part took.
  public private(set) var passes = 1
  /// Whether the last part had an odd page count (the blank page is owed to the next).
  private var owesBlank = false

  /// Creates a joiner putting `blank` after the parts of an odd page count.
  public init(blank: Page) { self.blank = blank }

  /// Hands on the pages of `part`, after the blank page the part before it owes.
  public mutating func add<Failure: Error>(
    _ part: consuming LaidOutDocument, to body: (StreamedPage) throws(Failure) -> Void
  ) throws(Failure) {
    var part = consume part
    if owesBlank {
      owesBlank = false
      try LaidOutDocument.send([blank], to: body)
      pageCount += 1
    }
    for (name, page) in part.destinations where destinations[name] == nil {
      destinations[name] = page + pageCount
    }
    outline += part.outline
    passes = max(passes, part.passes)
    let count = part.pages.count
    let pages = part.pages
    part.pages = []
    try LaidOutDocument.send(consume pages, to: body)
    pageCount += count
    owesBlank = count % 2 == 1
  }
}
