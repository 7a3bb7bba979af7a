/// A block after measuring: a stack of unbreakable slices the paginator can cut
/// between, with the rules for where cuts may fall.
///
/// Paragraph lines, table rows, list lines and whole figures are slices. Measuring
/// happens once, when the block is turned into a flowable; pagination only adds
/// heights.
struct Flowable {
  /// The slices, top to bottom, each as wide as the measure.
  var slices: [Frame] {
    get { store.frames }
    set { store = SliceStore(newValue) }
  }
  /// The slices, shared by the copies of the flowable (its rests on later pages):
  /// the paginator releases through it the slices it has placed for good
  /// (``releasePlaced()``).
  private var store: SliceStore
  /// Slices placed above the rest when the flowable continues on a new page
  /// (a table's "(suite)" title and header row).
  var continuationHeader: [Frame] = []
  /// How many slices must stay together at the start (orphans, header with rows).
  var keepHead = 1
  /// How many slices must stay together at the end (widows, total with last row).
  var keepTail = 1
  /// Space above, dropped at the top of a page.
  var spaceBefore = 0.0
  /// Space below.
  var spaceAfter = 0.0
  /// Whether this flowable must share a page with the start of the next one.
  var keepWithNext = false
  /// Whether this flowable, short and the last before a page break, must not stand
  /// alone on a page: it takes the group placed before it along to the next page.
  var keepWithPrevious = false
  /// Whether this is the rest of a flowable cut on an earlier page.
  var isContinuation = false
  /// Why this flowable cannot be set as asked (a table wider than its measure).
  var error: LayoutError?
  /// The rows printed at a cut after a slice (``Table/carried``): the foot of this
  /// page and the head of the next, for the body row the last placed slice belongs to.
  var carry: ((Int) -> (foot: Frame, head: Frame))?
  /// With ``carry``: the body row of each slice (-1 for the header).
  var sliceRows: [Int] = []
  /// The height the foot row takes at a cut, pt.
  var carryFootHeight = 0.0
  /// The head row carried from the page before.
  var carriedHead: Frame?

  /// The first slice not yet placed: the rest of a flowable cut on an earlier page
  /// keeps its slices and moves this on, so that a table of many pages is not copied
  /// again at each page (which made long tables quadratic).
  var offset = 0

  /// A flowable of these slices.
  init(slices: [Frame]) { store = SliceStore(slices) }

  /// The slices of a flowable and its copies.
  private final class SliceStore {
    var frames: [Frame]
    /// The slices before this one have been released.
    var released = 0
    init(_ frames: [Frame]) { self.frames = frames }
  }

  /// Releases the slices before ``offset``, placed on pages that are finished.
  ///
  /// A table of many pages is then held a page at a time as it is drawn, not whole
  /// to its end. For the last pagination only: every copy loses them.
  func releasePlaced() {
    let store = self.store
    guard offset > store.released, offset <= store.frames.count else { return }
    let empty = Frame(size: Size(width: 0, height: 0))
    for index in store.released..<offset { store.frames[index] = empty }
    store.released = offset
  }

  /// The slices not yet placed.
  var remaining: ArraySlice<Frame> { slices[offset...] }

  var height: Double { remaining.reduce(0) { $0 + $1.size.height } }

  /// How many slices to place in `available` pt; 0 means "start a new page".
  ///
  /// On an empty page (`atTop`) at least one slice is always taken, so pagination
  /// always moves on, even when a slice is taller than the page.
  func cut(available: Double, atTop: Bool) -> Int {
    let tolerance = 0.001
    let total = slices.count - offset
    func sliceHeight(_ index: Int) -> Double { slices[offset + index].size.height }
    func row(_ index: Int) -> Int { sliceRows[offset + index] }
    var used = isContinuation ? continuationHeader.reduce(0) { $0 + $1.size.height } : 0
    used += carriedHead?.size.height ?? 0
    let start = used
    var fitting = 0
    while fitting < total, used + sliceHeight(fitting) <= available + tolerance {
      used += sliceHeight(fitting)
      fitting += 1
    }
    if fitting == total { return fitting }
    if carry != nil {
      // A cut leaves room for the foot row it adds.
      used = start
      fitting = 0
      while fitting < total, used + sliceHeight(fitting) <= available - carryFootHeight + tolerance
      {
        used += sliceHeight(fitting)
        fitting += 1
      }
    }
    var count = fitting
    let head = isContinuation ? 1 : keepHead
    if total - count < keepTail { count = total - keepTail }
    if count < head { count = 0 }
    if count == 0 && atTop { count = max(1, fitting) }
    // The foot row of the cut actually made may be taller than the estimate (its
    // figures wrap): give back rows until it fits.
    if let carry, count > 0, count < total, sliceRows.indices.contains(offset + count - 1) {
      var placed = start + (0..<count).reduce(0) { $0 + sliceHeight($1) }
      while count > head, row(count - 1) >= 0,
        placed + carry(row(count - 1)).foot.size.height > available + tolerance
      {
        count -= 1
        placed -= sliceHeight(count)
      }
    }
    return count
  }

  /// The first `count` slices stacked into one frame (with the continuation header
  /// when this is a continuation), and what remains.
  func split(at count: Int, width: Double) -> (placed: Frame, rest: Flowable?) {
    var frame = Frame(size: Size(width: width, height: 0))
    let lead = (isContinuation ? continuationHeader : []) + (carriedHead.map { [$0] } ?? [])
    let total = slices.count - offset
    var carried: (foot: Frame, head: Frame)?
    if count < total, count > 0, let carry, sliceRows.indices.contains(offset + count - 1),
      sliceRows[offset + count - 1] >= 0
    {
      carried = carry(sliceRows[offset + count - 1])
    }
    for slice in lead + slices[offset..<(offset + count)] + (carried.map { [$0.foot] } ?? []) {
      frame.place(slice, at: Point(x: 0, y: frame.size.height))
      frame.size.height += slice.size.height
    }
    frame.items = Self.mergingBackgrounds(frame.items)
    guard count < total else { return (frame, nil) }
    var rest = self
    rest.offset = offset + count
    if carry != nil {
      rest.carriedHead = carried?.head ?? (count == 0 ? carriedHead : nil)
    }
    rest.isContinuation = true
    rest.spaceBefore = 0
    return (frame, rest)
  }

  /// Joins filled rectangles that continue each other (a box's background drawn
  /// slice by slice) into one, so viewers show no hairline at the joins.
  ///
  /// A later rectangle is folded into an earlier one of the same fill, x and width
  /// whose bottom is its top; backgrounds never overlap text, so painting the joined
  /// rectangle early changes nothing else.
  static func mergingBackgrounds(_ items: [FrameItem]) -> [FrameItem] {
    var result: [FrameItem] = []
    result.reserveCapacity(items.count)
    var open: [Int] = []  // indices in `result` of rectangles that may still grow
    for item in items {
      if case .rect(let rect, let fill?, nil) = item {
        if let index = open.first(where: { index in
          guard case .rect(let previous, let previousFill?, nil) = result[index] else {
            return false
          }
          return previousFill == fill && abs(previous.minX - rect.minX) < 1e-6
            && abs(previous.width - rect.width) < 1e-6 && abs(previous.maxY - rect.minY) < 1e-6
        }), case .rect(var previous, _, _) = result[index] {
          previous.size.height += rect.height
          result[index] = .rect(previous, fill: fill, stroke: nil)
          continue
        }
        open.append(result.count)
      }
      result.append(item)
    }
    // A rectangle folded into an earlier one leaves its artifact markers empty.
    var index = result.count - 1
    while index > 0 {
      if case .endArtifact = result[index], case .beginArtifact = result[index - 1] {
        result.removeSubrange((index - 1)...index)
        index -= 1
      }
      index -= 1
    }
    return result
  }
}
