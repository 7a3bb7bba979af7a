extension LaidOutDocument {
  /// Documents already laid out, one after the other in one document, each starting
  /// on an odd page: `blank` is put after a part of an odd page count that another
  /// part follows (for recto-verso printing).
  ///
  /// Nothing is laid out again: the pages are the parts' own, their bookmarks follow
  /// in order and their destinations are moved to the pages they land on (the first
  /// part holding a name keeps it, as a layout of the whole would). Each part must be
  /// a whole document (its structure elements and artifacts closed on its last page),
  /// as ``DocumentLayouter/layout(_:)`` makes them.
  /// - Parameters:
  ///   - parts: the documents, in order.
  ///   - blank: the page put after a part of an odd page count.
  public static func joined(_ parts: [LaidOutDocument], blank: Page) -> LaidOutDocument {
    var pages: [Page] = []
    pages.reserveCapacity(parts.reduce(0) { $0 + $1.pages.count + 1 })
    var outline: [OutlineEntry] = []
    var destinations: [String: Int] = [:]
    for (index, part) in parts.enumerated() {
      let offset = pages.count
      for (name, page) in part.destinations where destinations[name] == nil {
        destinations[name] = page + offset
      }
      outline += part.outline
      pages += part.pages
      if part.pages.count % 2 == 1 && index < parts.count - 1 { pages.append(blank) }
    }
    return LaidOutDocument(
      pages: pages, outline: outline, destinations: destinations,
      passes: parts.map(\.passes).max() ?? 1)
  }
}
