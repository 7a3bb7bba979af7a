/// The structure decisions layout makes for the whole document, so that drawing
/// only walks the items.
///
/// A reader takes the content of an element from the marked content directly inside
/// it; an element that also holds other elements (a contents entry with its link, a
/// paragraph with a link) must hold its own text in `Span` elements, else that text
/// belongs to nothing. Such elements are found here and their direct drawing wrapped.
public enum StructureTree {
  /// The pages with every run of drawing that sits directly in an element holding
  /// other elements, links or artifacts (or outside every element) wrapped in a
  /// `Span`; a span never crosses a page.
  public static func spanningMixedContent(_ pages: [Page]) -> [Page] {
    var result = pages
    spanMixedContent(&result)
    return result
  }

  /// ``spanningMixedContent(_:)`` in place: each page's items are replaced, and the
  /// old ones released, one page at a time.
  public static func spanMixedContent(_ result: inout [Page]) {
    var scanner = MixedScanner()
    for page in result {
      for item in page.items { scanner.scan(item) }
    }
    var spanner = Spanner(mixed: scanner.mixed)
    for index in result.indices {
      let old = result[index].items
      result[index].items = []
      result[index].items = spanner.span(old).items
    }
  }

  /// The structure elements that hold other elements, links or artifacts, by the
  /// position of their opening item in the document (items counted page after page).
  ///
  /// The others are leaves, whose content a PDF writer marks (cairo numbers each
  /// leaf's marked content on its page).
  public static func mixedElements(_ pages: [Page]) -> Set<Int> {
    var scanner = MixedScanner()
    var position = 0
    for page in pages {
      for item in page.items {
        scanner.scan(item, key: position)
        position += 1
      }
    }
    return scanner.mixed
  }

  /// Finds, item after item, the structure elements that hold other elements, links
  /// or artifacts: the ``mixedElements(_:)`` of a document read as a stream.
  struct MixedScanner {
    /// The keys of the mixed elements' openings.
    private(set) var mixed = Set<Int>()
    private var open: [Int] = []
    /// The openings (elements and links) seen so far: the key ``scan(_:)`` gives.
    private(set) var openings = 0

    /// Takes the next item; an opening is known by `key`.
    mutating func scan(_ item: FrameItem, key: Int) {
      switch item {
      case .beginStructure, .beginLink:
        if let parent = open.last { mixed.insert(parent) }
        open.append(key)
        openings += 1
      case .endStructure, .endLink:
        _ = open.popLast()
      case .link, .beginArtifact:
        if let parent = open.last { mixed.insert(parent) }
      default:
        break
      }
    }

    /// Takes the next item, an opening known by its rank among the openings.
    mutating func scan(_ item: FrameItem) { scan(item, key: openings) }
  }

  /// Wraps, page after page, the drawing that sits directly in a mixed element (or
  /// outside every element) in `Span`s, from the mixed elements a ``MixedScanner``
  /// found by rank of opening.
  struct Spanner {
    let mixed: Set<Int>
    /// Whether each open element is mixed.
    private var open: [Bool] = []
    private var openings = 0
    private var inArtifact = false

    init(mixed: Set<Int>) { self.mixed = mixed }

    /// The next page's items with their spans, and where on it the mixed elements
    /// open (indices into those items).
    mutating func span(_ old: [FrameItem]) -> (items: [FrameItem], mixedOpenings: [Int]) {
      var items: [FrameItem] = []
      items.reserveCapacity(old.count + 8)
      var mixedOpenings: [Int] = []
      var span = false
      for item in old {
        let needsSpan = item.draws && !inArtifact && (open.last ?? true)
        if needsSpan && !span {
          items.append(.beginStructure(.span))
          span = true
        } else if span && !needsSpan {
          items.append(.endStructure(.span))
          span = false
        }
        items.append(item)
        switch item {
        case .beginStructure:
          let isMixed = mixed.contains(openings)
          if isMixed { mixedOpenings.append(items.count - 1) }
          open.append(isMixed)
          openings += 1
        case .beginLink:
          open.append(false)  // a link holds its text
          openings += 1
        case .endStructure, .endLink: _ = open.popLast()
        case .beginArtifact: inArtifact = true
        case .endArtifact: inArtifact = false
        default: break
        }
      }
      if span { items.append(.endStructure(.span)) }
      return (items, mixedOpenings)
    }
  }

  /// What is wrong with the pages' structure, described for a test or a message.
  ///
  /// Unbalanced elements or artifacts, an artifact across a page or holding
  /// structure, drawing neither in an artifact nor directly in an element that holds
  /// no other (what cairo marks as that element's content). Empty for a sound document.
  public static func problems(_ pages: [Page]) -> [String] {
    var problems: [String] = []
    var open: [(role: String, position: Int)] = []
    let mixed = mixedElements(pages)
    var position = 0
    for (number, page) in pages.enumerated() {
      var inArtifact = false
      for item in page.items {
        switch item {
        case .beginStructure(let role, _):
          if inArtifact { problems.append("page \(number + 1): \(role) inside an artifact") }
          open.append((role.rawValue, position))
        case .beginLink:
          if inArtifact { problems.append("page \(number + 1): a link inside an artifact") }
          open.append(("Link", position))
        case .endLink:
          if open.popLast()?.role != "Link" {
            problems.append("page \(number + 1): unbalanced Link")
          }
        case .endStructure(let role):
          if open.popLast()?.role != role.rawValue {
            problems.append("page \(number + 1): unbalanced \(role)")
          }
        case .beginArtifact:
          if inArtifact { problems.append("page \(number + 1): nested artifact") }
          inArtifact = true
        case .endArtifact:
          if !inArtifact { problems.append("page \(number + 1): artifact ended twice") }
          inArtifact = false
        case let drawing where drawing.draws && !inArtifact:
          if let parent = open.last, !mixed.contains(parent.position) { break }
          // Outside every element, or beside other elements in a mixed one.
          problems.append("page \(number + 1): unmarked \(drawing)")
        default:
          break
        }
        position += 1
      }
      if inArtifact { problems.append("page \(number + 1): an artifact continues on the next") }
    }
    if !open.isEmpty { problems.append("elements left open: \(open.map(\.role))") }
    return problems
  }
}
