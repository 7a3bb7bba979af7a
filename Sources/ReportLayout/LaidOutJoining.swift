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
  public static func joined(_ parts: consuming [LaidOutDocument], blank: Page) -> LaidOutDocument {
    var pages: [Page] = []
    pages.reserveCapacity(parts.reduce(0) { $0 + $1.pages.count + 1 })
    var outline: [OutlineEntry] = []
    var destinations: [String: Int] = [:]
    var passes = 1
    for index in parts.indices {
      let offset = pages.count
      for (name, page) in parts[index].destinations where destinations[name] == nil {
        destinations[name] = page + offset
      }
      outline += parts[index].outline
      passes = max(passes, parts[index].passes)
      let count = parts[index].pages.count
      pages += parts[index].pages
      // The joined document holds the only copy of the pages: a renderer that
      // releases each page once drawn releases it.
      parts[index] = LaidOutDocument(pages: [], outline: [], destinations: [:])
      if count % 2 == 1 && index < parts.count - 1 { pages.append(blank) }
    }
    return LaidOutDocument(
      pages: pages, outline: outline, destinations: destinations, passes: passes)
  }
}
