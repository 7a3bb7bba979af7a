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
  /// The pages made for drawing are not the ones the last pass counted (a defect:
  /// pagination gives the same pages every time).
  case pagesChanged(counted: Int, made: Int)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .contentsDidNotSettle(let passes):
      return "the table of contents' page numbers did not settle after \(passes) layout passes"
    case .pagesChanged(let counted, let made):
      return
        "layout counted \(counted) pages, then made \(made)\n  hint: this is a defect of the tool; please report it with the data that shows it"
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

  /// Lays the blocks out, every page kept.
  /// - Throws: ``LayoutError`` when the contents' page numbers do not settle.
  public func layout(_ blocks: [Block]) throws(LayoutError) -> LaidOutDocument {
    var stream = try pages(of: blocks)
    let (outline, destinations, passes) = (stream.outline, stream.destinations, stream.passes)
    var pages: [Page] = []
    pages.reserveCapacity(stream.pageCount)
    try stream.send(
      to: { (page) throws(LayoutError) in pages.append(page.page) }, layoutError: { $0 })
    return LaidOutDocument(
      pages: pages, outline: outline, destinations: destinations, passes: passes)
  }

  /// Measures the blocks and counts their pages, for the pages to be made one at a
  /// time as they are drawn.
  ///
  /// Paginates until the contents' page numbers settle, keeping of each pass only
  /// what it counts (pages, destinations, bookmarks, the
  /// structure elements that hold others); the pages themselves are made again by
  /// the stream. A long document is then never held twice,
  /// once measured and once paginated, and each page can be drawn and released as
  /// it comes.
  /// - Throws: ``LayoutError`` when the contents' page numbers do not settle, or a
  ///   block cannot be cut and is taller than a page.
  public func pages(of blocks: [Block]) throws(LayoutError) -> PageStream {
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
      let kept = Self.keepingLoneBlocks(elements, pageHeight: firstPageStyle.contentBox.height)
      let census = try count(kept)
      let pageNumbers = census.destinations.mapValues { $0 + 1 }
      if pageNumbers == numbers || !blocks.contains(where: \.showsPageNumbers) {
        elements = []
        // A footer that cannot fit is found now, before anything is drawn (and
        // before a file is created): each page style's footer is tried with the
        // last page's number.
        for style in census.footedStyles {
          var draft = PageDraft(style: style)
          _ = try footed(&draft, index: census.pages - 1, total: census.pages)
        }
        return PageStream(layouter: self, elements: kept, census: census, passes: pass)
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

  /// What a pagination pass finds, its pages dropped as soon as they are finished.
  final class Census {
    /// Whether a page whose style shows a footer has one.
    let footer: Bool
    var pages = 0
    var destinations: [String: Int] = [:]
    var outline: [OutlineEntry] = []
    var scanner = StructureTree.MixedScanner()
    /// The styles of the pages that have a footer, in the order they first come.
    var footedStyles: [PageStyle] = []

    init(footer: Bool) { self.footer = footer }

    /// Takes the next finished page.
    func take(_ draft: PageDraft) {
      for item in draft.items {
        if case .anchor(let name, _, let entry) = item {
          if destinations[name] == nil { destinations[name] = pages }
          if let entry { outline.append(entry) }
        }
        scanner.scan(item)
      }
      // The footer is an artifact at the page's end (see ``footed(_:index:total:)``).
      if footer && draft.style.showsFooter {
        scanner.scan(.beginArtifact)
        scanner.scan(.endArtifact)
        if !footedStyles.contains(draft.style) { footedStyles.append(draft.style) }
      }
      pages += 1
    }
  }

  /// Paginates the elements, keeping only the census of the pages.
  private func count(_ elements: [FlowElement]) throws(LayoutError) -> Census {
    let census = Census(footer: footer != nil)
    var paginator = Paginator(style: firstPageStyle) { census.take($0) }
    for element in elements { paginator.append(element) }
    paginator.finish()
    if let overflow = paginator.overflow { throw overflow }
    return census
  }

  /// Page `index` (0-based) of `total` with its footer; the draft's items are moved
  /// into it.
  fileprivate func footed(_ draft: inout PageDraft, index: Int, total: Int) throws(LayoutError)
    -> Page
  {
    var items = draft.items
    draft.items = []
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
    return Page(size: draft.style.size, items: items, printableBox: printable)
  }
}

/// A page being filled.
struct PageDraft {
  var style: PageStyle
  var items: [FrameItem] = []
}

/// Places flowables top to bottom, page after page.
struct Paginator {
  /// Whether slices placed on finished pages are released (the last pagination,
  /// whose pages are drawn: see ``Flowable/releasePlaced()``).
  var releasesPlaced = false
  /// Told each page once it is finished (nothing placed later can change it); it
  /// may take the page's items.
  private let finished: (inout PageDraft) -> Void
  /// The pages finished so far, taken or not: the current page's index.
  private var finishedCount = 0
  private var current: PageDraft
  private var cursor: Double
  private var pending: [Flowable] = []
  /// The first piece placed that was taller than its page.
  private(set) var overflow: LayoutError?

  init(style: PageStyle, finished: @escaping (inout PageDraft) -> Void) {
    self.finished = finished
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
      let start = mark ?? (finishedCount, current.items.count, cursor)
      place(flow)
      lastGroup = finishedCount == start.page ? (start.items, start.cursor, group) : nil
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

  /// Places what waits and finishes the last page.
  mutating func finish() {
    flushPending(next: nil)
    finished(&current)
    finishedCount += 1
    current = PageDraft(style: current.style)
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
    mark = (finishedCount, current.items.count, cursor)
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
        overflow = .tooTall(
          page: finishedCount + 1, height: frame.size.height, available: box.height)
      }
      for item in frame.items { current.items.append(item.offsetBy(dx: box.minX, dy: cursor)) }
      cursor += frame.size.height
      guard let rest else {
        cursor += flow.spaceAfter
        return
      }
      newPage(style: current.style)
      flow = rest
      // The slices placed so far are on finished pages: a flowable that crosses a
      // page is never placed again (no group moves with it).
      if releasesPlaced { flow.releasePlaced() }
    }
  }

  /// Moves to a new page; an empty current page is reused (with the new style).
  private mutating func newPage(style: PageStyle) {
    lastGroup = nil
    if !current.items.isEmpty {
      finished(&current)
      finishedCount += 1
      current = PageDraft(style: style)
    } else {
      current.style = style
    }
    cursor = style.contentBox.minY
  }
}

/// A page made by a ``PageStream``, with where its mixed structure elements open.
public struct StreamedPage: Sendable {
  /// The page, footer and spans included.
  public var page: Page
  /// The indices into the page's items of the openings of the structure elements
  /// that hold other elements, links or artifacts (``StructureTree/mixedElements(_:)``
  /// of the page, counted on it): a writer marks the content of the others.
  public var mixedOpenings: [Int]

  /// Creates a streamed page.
  public init(page: Page, mixedOpenings: [Int]) {
    self.page = page
    self.mixedOpenings = mixedOpenings
  }
}

/// The pages of a document, made one at a time and handed on as they are made,
/// after the passes that settled their number and the contents
/// (``DocumentLayouter/pages(of:)``).
///
/// The measured blocks are released as they are placed, and each page once it is
/// handed on, so that what a stream holds shrinks as it goes. Its pages are those
/// ``DocumentLayouter/layout(_:)`` gives.
public struct PageStream {
  /// How many pages the document has.
  public let pageCount: Int
  /// The bookmarks, in document order, with their nesting levels.
  public let outline: [OutlineEntry]
  /// On which page (0-based) each named destination lands.
  public let destinations: [String: Int]
  /// How many passes it took for the contents' page numbers to settle.
  public let passes: Int

  private let layouter: DocumentLayouter
  private var elements: [FlowElement]
  private let mixed: Set<Int>

  init(
    layouter: DocumentLayouter, elements: [FlowElement], census: DocumentLayouter.Census,
    passes: Int
  ) {
    self.layouter = layouter
    self.elements = elements
    pageCount = census.pages
    outline = census.outline
    destinations = census.destinations
    self.passes = passes
    mixed = census.scanner.mixed
  }

  /// Makes the pages in order, each with its footer and its spans and checked to
  /// lie inside its printable box, and hands each to `body` as soon as it is made;
  /// the first error stops the stream.
  /// - Parameter layoutError: the error of `body`'s kind for a layout error: a
  ///   footer that does not fit, an item outside the printable box, or pages that
  ///   differ from the ones counted (both defects).
  public mutating func send<Failure: Error>(
    to body: (StreamedPage) throws(Failure) -> Void,
    layoutError: @escaping (LayoutError) -> Failure
  ) throws(Failure) {
    var elements = self.elements.reversed() as [FlowElement]
    self.elements = []
    let layouter = self.layouter
    let total = pageCount
    var spanner = StructureTree.Spanner(mixed: mixed)
    var given = 0
    var failure: Failure?
    try withoutActuallyEscaping(body) { (handOn) throws(Failure) in
      var paginator = Paginator(style: layouter.firstPageStyle) { draft in
        guard failure == nil else {
          draft.items = []
          return
        }
        do throws(LayoutError) {
          guard given < total else { throw .pagesChanged(counted: total, made: given + 1) }
          var page = try layouter.footed(&draft, index: given, total: total)
          let (items, mixedOpenings) = spanner.span(page.items)
          page.items = items
          // The invariant every document keeps, checked before the page is handed on.
          let outside = page.itemsOutsidePrintableBox(measurer: layouter.measurer)
          if !outside.isEmpty { throw .outsidePrintableBox(page: given + 1, items: outside) }
          given += 1
          do throws(Failure) {
            try handOn(StreamedPage(page: page, mixedOpenings: mixedOpenings))
          } catch {
            failure = error
          }
        } catch {
          failure = layoutError(error)
        }
      }
      paginator.releasesPlaced = true
      // Each element is released once placed (the last is taken first).
      while let element = elements.popLast() {
        paginator.append(element)
        if let failure { throw failure }
      }
      paginator.finish()
      if let failure { throw failure }
      guard given == total else { throw layoutError(.pagesChanged(counted: total, made: given)) }
    }
  }
}
