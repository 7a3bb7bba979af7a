/// The running footer: a text on the left, the page number on the right, a rule above.
public struct FooterSpec: Sendable {
  /// The left text: "CHANTIER école — Plan d’actions…".
  public var left: String
  /// The right text, with `{page}` and `{pages}` replaced: "Page {page} / {pages}".
  public var rightPattern: String
  /// How the footer's text looks.
  public var style: TextStyle
  /// The rule above the footer.
  public var rule: Stroke?
  /// The distance from the content area's bottom edge to the footer's baseline, pt.
  public var offset: Double

  /// Creates a footer.
  public init(left: String, rightPattern: String, style: TextStyle, rule: Stroke?, offset: Double) {
    self.left = left
    self.rightPattern = rightPattern
    self.style = style
    self.rule = rule
    self.offset = offset
  }
}

/// An error that stops layout.
public enum LayoutError: Error, Sendable, CustomStringConvertible {
  /// The contents' page numbers kept changing after the maximum number of passes.
  case contentsDidNotSettle(passes: Int)
  /// A block that cannot be cut (a figure, a line) is taller than a page.
  case tooTall(page: Int, height: Double, available: Double)
  /// The footer does not fit its page (a theme with a tiny page or a long page number).
  case footerDoesNotFit(String)
  /// A table's columns cannot fit the measure even with their words cut.
  case tableTooWide(columns: Int, needed: Double, available: Double)
  /// A measure is narrower than a single character of its text (deep nesting, large
  /// paddings or a tiny page).
  case tooNarrow(width: Double, text: String)
  /// Something would be drawn outside the page's printable box (a defect of the
  /// layout engine, caught before anything is written).
  case outsidePrintableBox(page: Int, items: [String])

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .contentsDidNotSettle(let passes):
      return "the table of contents' page numbers did not settle after \(passes) layout passes"
    case .outsidePrintableBox(let page, let items):
      return
        "page \(page): \(items.count) items would be drawn outside the printable box, first \(items.first ?? "")\n  hint: this is a defect of the tool; please report it with the data that shows it"
    case .tableTooWide(let columns, let needed, let available):
      return
        "a table of \(columns) columns needs \(Int(needed.rounded())) pt and the page has \(Int(available.rounded())) pt\n  hint: use fewer columns, a smaller table text size or narrower margins in theme.yaml"
    case .tooNarrow(let width, let text):
      return
        "\"\(text.prefix(30))\" does not fit a measure of \(Int(width.rounded())) pt, not even one character a line\n  hint: check the page size, margins and paddings in theme.yaml"
    case .footerDoesNotFit(let reason):
      return
        "the page footer does not fit: \(reason)\n  hint: check the page size, margins and footer_offset in theme.yaml"
    case .tooTall(let page, let height, let available):
      let over = Int(height.rounded())
      let room = Int(available.rounded())
      return
        "page \(page): a block \(over) pt tall cannot be cut and the page has room for \(room) pt\n  hint: shorten the text or the list it comes from"
    }
  }
}

/// Lays a list of blocks out into pages: measures, paginates, numbers, adds footers.
///
/// The contents' page numbers come from where headings land, so layout runs again
/// until they no longer change (at most ``maximumPasses`` times, as Typst does).
public struct DocumentLayouter {
  /// The most layout passes before giving up on the contents settling.
  public static let maximumPasses = 5
  /// The fewest table cells worth measuring on several threads (``helpers``).
  public static let parallelTableCells = TableLayouter.parallelCells

  /// Measures text.
  public let measurer: any TextMeasurer
  /// The style of the first page.
  public let firstPageStyle: PageStyle
  /// The footer of pages whose style shows one.
  public let footer: FooterSpec?
  /// Where words may break in paragraphs that allow hyphenation.
  public let hyphenator: (any Hyphenator)?
  /// Measurers with fonts of their own, each used by one more thread to measure
  /// the cells of large tables (a measurer must never be shared between threads).
  public var helpers: [any TextMeasurer] = []

  /// Creates a layouter.
  public init(
    measurer: any TextMeasurer, firstPageStyle: PageStyle, footer: FooterSpec?,
    hyphenator: (any Hyphenator)? = nil
  ) {
    self.measurer = measurer
    self.firstPageStyle = firstPageStyle
    self.footer = footer
    self.hyphenator = hyphenator
  }

  /// Lays the blocks out.
  /// - Throws: ``LayoutError`` when the contents' page numbers do not settle.
  public func layout(_ blocks: [Block]) throws(LayoutError) -> LaidOutDocument {
    var numbers: [String: Int] = [:]
    let width = firstPageStyle.contentBox.width
    var preparer = Preparer(
      measurer: measurer, pageNumbers: numbers, unknownPage: "00", hyphenator: hyphenator)
    preparer.maximumSliceHeight = firstPageStyle.contentBox.height
    preparer.helpers = helpers
    // Blocks are measured once; a later pass prepares again only the blocks that
    // show page numbers (the contents, "see page N"), which are what changes.
    var elements = preparer.prepare(blocks, width: width)
    for pass in 1...Self.maximumPasses {
      if pass > 1 {
        let renumbered = Preparer(
          measurer: measurer, pageNumbers: numbers, unknownPage: "00", hyphenator: hyphenator)
        for (index, block) in blocks.enumerated() where block.showsPageNumbers {
          if let flow = renumbered.flowable(block, width: width) { elements[index] = .flow(flow) }
        }
      }
      var paginator = Paginator(style: firstPageStyle)
      for element in Self.keepingLoneBlocks(elements, pageHeight: firstPageStyle.contentBox.height)
      {
        paginator.append(element)
      }
      var pages = paginator.finish()
      if let overflow = paginator.overflow { throw overflow }
      let found = Self.destinations(in: pages)
      let pageNumbers = found.mapValues { $0 + 1 }
      if pageNumbers == numbers || !blocks.contains(where: \.showsPageNumbers) {
        // The measured blocks are placed: released before the pages are finished,
        // and each step below moves the items on rather than copying them, so that
        // a long document is held once, not three times.
        elements = []
        let outline = Self.outline(in: pages)
        var finished = try addFooters(&pages)
        StructureTree.spanMixedContent(&finished)
        // The invariant every document keeps, checked before anything is drawn.
        for (index, page) in finished.enumerated() {
          let outside = page.itemsOutsidePrintableBox(measurer: measurer)
          if !outside.isEmpty { throw .outsidePrintableBox(page: index + 1, items: outside) }
        }
        return LaidOutDocument(
          pages: finished, outline: outline, destinations: found, passes: pass)
      }
      numbers = pageNumbers
    }
    throw .contentsDidNotSettle(passes: Self.maximumPasses)
  }

  /// The most slices of a block short enough never to stand alone on a page.
  static let loneBlockSlices = 2

  /// Marks the short blocks that end a section (the last before a page break or the
  /// document's end) to keep with what precedes them: one sentence must not fill a
  /// page of its own ("Le budget prévisionnel … est présenté page 9.").
  ///
  /// Short is at most ``loneBlockSlices`` slices and an eighth of the page's height.
  static func keepingLoneBlocks(_ elements: [FlowElement], pageHeight: Double) -> [FlowElement] {
    var result = elements
    for index in result.indices {
      guard case .flow(var flow) = result[index], !flow.keepWithNext, index > 0,
        flow.slices.count <= loneBlockSlices, flow.height <= pageHeight / 8
      else { continue }
      let last = result[(index + 1)...].first { element in
        if case .flow(let next) = element { return !next.slices.isEmpty }
        return true
      }
      if let last, case .flow = last { continue }  // a block follows on the same page
      flow.keepWithPrevious = true
      result[index] = .flow(flow)
    }
    return result
  }

  static func destinations(in pages: [PageDraft]) -> [String: Int] {
    var result: [String: Int] = [:]
    for (index, page) in pages.enumerated() {
      for case .anchor(let name, _, _) in page.items where result[name] == nil {
        result[name] = index
      }
    }
    return result
  }

  static func outline(in pages: [PageDraft]) -> [OutlineEntry] {
    pages.flatMap { page in
      page.items.compactMap { item -> OutlineEntry? in
        if case .anchor(_, _, let entry) = item { return entry }
        return nil
      }
    }
  }

  /// The pages with their footers; the drafts' items are moved into them.
  private func addFooters(_ drafts: inout [PageDraft]) throws(LayoutError) -> [Page] {
    let total = drafts.count
    var pages: [Page] = []
    pages.reserveCapacity(total)
    for index in drafts.indices {
      let draft = PageDraft(style: drafts[index].style)
      var items = drafts[index].items
      drafts[index].items = []
      let box = draft.style.contentBox
      var printable = box
      if draft.style.showsFooter, let footer {
        // The footer is page furniture: an artifact.
        items.append(.beginArtifact)
        defer { items.append(.endArtifact) }
        let style = footer.style
        let baseline = box.maxY + footer.offset
        printable.size.height += footer.offset + style.size
        guard printable.maxY <= draft.style.size.height else {
          throw .footerDoesNotFit(
            "its baseline is \(Int(footer.offset)) pt below the text area, past the page's edge")
        }
        if let rule = footer.rule {
          let y = baseline - style.size * 1.6
          items.append(
            .line(from: Point(x: box.minX, y: y), to: Point(x: box.maxX, y: y), stroke: rule))
        }
        let right = footer.rightPattern
          .replacing("{page}", with: String(index + 1))
          .replacing("{pages}", with: String(total))
        let rightWidth = measurer.width(of: right, style: style)
        guard rightWidth <= box.width else {
          throw .footerDoesNotFit("\"\(right)\" is wider than the text area")
        }
        // A footer stays on one line: a left text too long is cut with an ellipsis,
        // and left out when there is no room at all.
        let room = box.width - rightWidth - 2 * style.size
        var left = footer.left
        if measurer.width(of: left, style: style) > room {
          let ellipsis = "…"
          let cut = room - measurer.width(of: ellipsis, style: style)
          let first = cut > 0 ? measurer.lines(of: left, style: style, width: cut).first : nil
          left = first.map { $0.width <= cut ? $0.text + ellipsis : "" } ?? ""
        }
        if !left.isEmpty {
          items.append(
            .text(
              TextRun(
                text: left, style: style, origin: Point(x: box.minX, y: baseline),
                width: measurer.width(of: left, style: style))))
        }
        items.append(
          .text(
            TextRun(
              text: right, style: style, origin: Point(x: box.maxX - rightWidth, y: baseline),
              width: rightWidth)))
      }
      pages.append(Page(size: draft.style.size, items: items, printableBox: printable))
    }
    return pages
  }
}

/// A page being filled.
struct PageDraft {
  var style: PageStyle
  var items: [FrameItem] = []
}

/// Places flowables top to bottom, page after page.
struct Paginator {
  private var pages: [PageDraft] = []
  private var current: PageDraft
  private var cursor: Double
  private var pending: [Flowable] = []
  /// The first piece placed that was taller than its page.
  private(set) var overflow: LayoutError?

  init(style: PageStyle) {
    current = PageDraft(style: style)
    cursor = style.contentBox.minY
  }

  private var atTop: Bool { cursor <= current.style.contentBox.minY + 0.001 }
  private var bottom: Double { current.style.contentBox.maxY }

  /// Takes the next element.
  ///
  /// Flowables that keep with the next one wait until it
  /// arrives, so the decision to break before them can see what follows.
  mutating func append(_ element: FlowElement) {
    switch element {
    case .pageBreak(let style):
      flushPending(next: nil)
      newPage(style: style ?? current.style)
    case .flow(let flow):
      // An empty list or contents has nothing to place (and would never "fit").
      guard !flow.slices.isEmpty else { return }
      if flow.keepWithNext {
        pending.append(flow)
        return
      }
      if flow.keepWithPrevious, pending.isEmpty, takesPreviousGroupAlong(flow) { return }
      let group = pending + [flow]
      mark = nil
      flushPending(next: flow)
      let start = mark ?? (pages.count, current.items.count, cursor)
      place(flow)
      lastGroup = pages.count == start.page ? (start.items, start.cursor, group) : nil
    }
  }

  /// Where the group being placed started: its page, its first item, the cursor.
  private var mark: (page: Int, items: Int, cursor: Double)?
  /// The flowables placed together last (a keep-with-next group and the block it
  /// kept with), while they sit whole on the current page: their first item, the
  /// cursor above them, the flowables.
  private var lastGroup: (items: Int, cursor: Double, flows: [Flowable])?

  /// When `flow` does not fit below the last group, moves that group to a new page
  /// and places `flow` under it, so that a short last block is not alone on a page.
  /// - Returns: whether it did.
  private mutating func takesPreviousGroupAlong(_ flow: Flowable) -> Bool {
    guard let group = lastGroup, !atTop else { return false }
    let available = bottom - cursor - flow.spaceBefore
    guard flow.cut(available: available, atTop: false) < flow.slices.count else { return false }
    // A group already at the top of its page gains nothing by moving.
    let box = current.style.contentBox
    guard group.cursor > box.minY + 0.001 else { return false }
    let flows = group.flows + [flow]
    let height = flows.enumerated().reduce(0.0) { total, pair in
      total + (pair.offset == 0 ? 0 : pair.element.spaceBefore) + pair.element.height
        + pair.element.spaceAfter
    }
    guard height <= box.height + 0.001 else { return false }
    current.items.removeSubrange(group.items...)
    cursor = group.cursor
    newPage(style: current.style)
    for placed in flows { place(placed) }
    return true
  }

  mutating func finish() -> [PageDraft] {
    flushPending(next: nil)
    pages.append(current)
    return pages
  }

  /// Places the waiting keep-with-next flowables, breaking the page first when they
  /// and the start of `next` do not fit together.
  private mutating func flushPending(next: Flowable?) {
    guard !pending.isEmpty else { return }
    if !atTop {
      var height = 0.0
      for flow in pending {
        height += flow.spaceBefore + flow.height + flow.spaceAfter
      }
      var fits = height <= bottom - cursor + 0.001
      // The next block must be able to start here too (its first legal piece).
      if fits, let next {
        let left = bottom - cursor - height - next.spaceBefore
        fits = next.cut(available: left, atTop: false) > 0
      }
      if !fits { newPage(style: current.style) }
    }
    let waiting = pending
    pending = []
    mark = (pages.count, current.items.count, cursor)
    for flow in waiting { place(flow) }
  }

  private mutating func place(_ flow: Flowable) {
    guard !flow.slices.isEmpty else { return }
    if let error = flow.error, overflow == nil { overflow = error }
    var flow = flow
    while true {
      let space = atTop ? 0 : flow.spaceBefore
      let available = bottom - cursor - space
      let count = flow.cut(available: available, atTop: atTop)
      if count == 0 {
        newPage(style: current.style)
        continue
      }
      cursor += space
      let box = current.style.contentBox
      let (frame, rest) = flow.split(at: count, width: box.width)
      if frame.size.height > box.height + 0.01 && overflow == nil {
        overflow = .tooTall(page: pages.count + 1, height: frame.size.height, available: box.height)
      }
      for item in frame.items { current.items.append(item.offsetBy(dx: box.minX, dy: cursor)) }
      cursor += frame.size.height
      guard let rest else {
        cursor += flow.spaceAfter
        return
      }
      newPage(style: current.style)
      flow = rest
    }
  }

  /// Moves to a new page; an empty current page is reused (with the new style).
  private mutating func newPage(style: PageStyle) {
    lastGroup = nil
    if !current.items.isEmpty {
      pages.append(current)
      current = PageDraft(style: style)
    } else {
      current.style = style
    }
    cursor = style.contentBox.minY
  }
}
