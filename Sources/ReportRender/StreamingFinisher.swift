import Flate
import Foundation

/// Where finished bytes go: a file being written (``AtomicFile``) or memory (tests).
protocol ByteSink: AnyObject {
  /// Appends bytes; `false` when they could not be written.
  func write(_ bytes: UnsafeRawBufferPointer) -> Bool
  /// Writes bytes over some already appended, `offset` bytes from the start; `false`
  /// when they could not be written.
  func overwrite(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool
}

extension AtomicFile: ByteSink {
  func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    return write(base, count: bytes.count)
  }

  func overwrite(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    return overwrite(base, count: bytes.count, at: offset)
  }
}

/// Bytes kept in memory.
final class MemoryByteSink: ByteSink {
  var bytes: [UInt8] = []
  func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
    self.bytes.append(contentsOf: bytes)
    return true
  }
  func overwrite(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
    self.bytes.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
    return true
  }
}

/// Finishes an ordinary (not PDF/A) PDF while cairo writes it, object by object, so
/// that neither cairo's file nor a graph of its objects is ever held whole: what
/// ``PDFFinisher`` does with qpdf, in one pass.
///
/// - Page content streams: page furniture (`/Private << /MCID n >> BDC`, see
///   ``PDFFinisher/artifactTag``) becomes `/Artifact BMC`, and every stream cairo left
///   uncompressed (with `CAIRO_DEBUG_PDF`, which spares cairo a compression this pass
///   would undo) is compressed once.
/// - Structure tree: the `Private` elements leave it (their parents' `/K`, the parent
///   tree), each figure gets its `/Alt`, checked against the marked content the
///   renderer counted for it; a mismatch is refused, never shifted.
/// - Catalog: language, page labels, opening on the first page, bookmarks shown,
///   title in the window, XMP metadata; a file identifier from the content.
/// - Every other object goes, as it comes, into compressed object streams of 100,
///   and the cross-reference is a stream (PDF 1.5), as qpdf writes them.
///
/// Cairo's objects keep their numbers; the stream lengths cairo wrote as objects of
/// their own become direct and those objects free.
final class StreamingFinisher {
  private let sink: ByteSink
  private let metadata: PDFMetadata
  /// Whether the file has bookmarks (shown when it opens); given once drawing is done.
  var hasOutline = false
  /// The figures drawn, in order; given once drawing is done (cairo writes the
  /// structure tree when the surface finishes, after every page).
  var figures: [PDFFinisher.FigureAlternative] = []

  /// Cairo's bytes not yet read.
  private var input: [UInt8] = []
  private var position = 0
  /// The input's length when reading last stopped on an incomplete object.
  private var waitingFor = 0
  /// Whether cairo's cross-reference table has begun: no object comes after it.
  private var reachedCrossReference = false
  /// Whether its bytes (20 an object, a million objects in a large ledger) are
  /// being dropped as they come, up to the trailer.
  private var skippingCrossReference = false
  private var error: RenderError?
  /// What went wrong first, if anything.
  var failure: RenderError? { error }

  // What is written.
  private var output: [UInt8] = []
  private var written = 0
  private var hash = ContentHash()
  /// A cross-reference entry, no larger than its fields in the stream (`/W [ 1 4 2 ]`):
  /// the table holds one for every object number until the file ends.
  private enum Entry {
    case free
    case offset(UInt32)
    case compressed(stream: UInt32, index: UInt16)
  }
  private var entries: [Entry] = []
  private var batch: [(number: Int, bytes: [UInt8])] = []
  private var batchBytes = 0
  /// The object streams written, each where its number goes: the room of
  /// ``numberRoom`` spaces that begins it.
  private var objectStreams: [Int] = []
  /// The room left for an object stream's number, filled at the end.
  private static let numberRoom = 10
  private var largestNumber = 0

  // What is learnt from cairo's objects.
  private var pageNumbers: [Int] = []
  private var pageIndex: [Int: Int] = [:]
  /// Each content stream's artifacts: the MCIDs rewritten.
  private var artifactsOfContent: [Int: Set<Int>] = [:]
  /// Each page's artifacts, by its content.
  private var artifactsOfPage: [Int: Set<Int>] = [:]
  /// Each page's `Private` elements, by the structure tree.
  private var privateOfPage: [Int: Set<Int>] = [:]
  private var dropped = Set<Int>()
  private var nulledInParentTree = 0
  /// Structure elements that hold others, each kept until every element it holds
  /// has been read (its `/K` is then written without page furniture), by number:
  /// cairo writes an element before those it holds, so only the elements open
  /// around the one being read wait (a ledger's 100 000 rows did, to the end).
  private var parents: [Int: Parent] = [:]
  /// An element that holds others, waiting for them.
  private struct Parent {
    var bytes: [UInt8]
    var alternative: String?
    /// The elements it holds not read yet.
    var waiting: Int
  }
  /// The parent tree and its arrays, kept until the elements are read.
  private var parentTree: [(number: Int, bytes: [UInt8])] = []
  private var parentsFlushed = false
  private var nextFigure = 0
  /// A figure whose first leaf has not come yet: what it must be.
  private var pendingFigure: PDFFinisher.FigureAlternative?
  private var catalog: (number: Int, bytes: [UInt8])?
  private var producer = ""

  private let path: String

  /// Creates a finisher writing to `sink`, the file at `path` (named in errors).
  init(sink: ByteSink, path: String, metadata: PDFMetadata) {
    self.sink = sink
    self.path = path
    self.metadata = metadata
    emit(Array("%PDF-1.5\n%\u{BF}\u{F7}\u{A2}\u{FE}\n".unicodeScalars.map { UInt8($0.value) }))
  }

  /// Reads more of cairo's output; `false` once something failed (cairo then stops).
  func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard error == nil else { return false }
    input.append(contentsOf: bytes)
    if reachedCrossReference {
      if skippingCrossReference { dropCrossReference() }
      return true
    }
    // Objects are read once enough has come for a few of them: cairo writes in
    // small pieces, and an object is looked at again only when it has grown.
    if input.count - waitingFor >= 65_536 { read(final: false) }
    return error == nil
  }

  /// Reads the rest, checks the structure and writes the catalog, the metadata and
  /// the cross-reference.
  /// - Throws: ``RenderError/structure(_:)`` when cairo's output or its structure
  ///   tree is not what was drawn; ``RenderError/output(path:reason:)`` when a write failed.
  func finish() throws(RenderError) {
    if error == nil { read(final: true) }
    if let error { throw error }
    let rest = Array(input[position...])
    guard let trailerAt = PDFSyntax.find(Array("trailer".utf8), in: rest, from: 0, end: rest.count),
      let trailer = PDFSyntax.dictionary(rest, (trailerAt + 7)..<rest.count)
    else { throw .structure("cairo's file has no trailer") }
    func value(_ key: String) -> Int? {
      trailer.first { $0.key == key }.flatMap { PDFSyntax.reference(rest, $0.value) }
    }
    guard let root = value("Root"), let catalog, catalog.number == root else {
      throw .structure("cairo's catalog was not found")
    }
    let info = value("Info")
    if let size = trailer.first(where: { $0.key == "Size" }).flatMap({
      PDFSyntax.integer(rest, $0.value)
    }) {
      largestNumber = max(largestNumber, size - 1)
    }
    try flushParents()
    flushParentTree()
    try check()
    writeCatalog(catalog)
    flushBatch()
    writeObjectStreams()
    writeCrossReference(root: root, info: info)
    flushOutput()
    if let error { throw error }
  }

  // MARK: Reading

  // The keywords looked for, made once (they are searched for at every object).
  private static let endstream = Array("endstream".utf8)
  private static let endobj = Array("endobj".utf8)
  private static let obj = Array("obj".utf8)
  private static let trailer = Array("trailer".utf8)

  private func fail(_ message: String) {
    if error == nil { error = .structure(message) }
  }

  private func read(final: Bool) {
    while error == nil && !reachedCrossReference {
      let start = PDFSyntax.skipWhite(input, position, end: input.count)
      guard start < input.count else { break }
      if input[start] == 0x25 || !(0x30...0x39).contains(input[start]) {
        // The header's comment, or the cross-reference table: not objects.
        if input[start...].starts(with: "xref".utf8) {
          position = start
          (reachedCrossReference, skippingCrossReference) = (true, true)
          break
        }
        position = start + 1
        continue
      }
      guard let next = readObject(at: start, final: final) else {
        if final { fail("cairo's file ends inside an object") }
        break
      }
      position = next
    }
    // Read bytes go; the rest waits for more.
    if position > 0 && (position > 1 << 20 || position * 2 > input.count) {
      input.removeSubrange(0..<position)
      position = 0
    }
    waitingFor = input.count
    if skippingCrossReference { dropCrossReference() }
  }

  /// Drops what came of cairo's cross-reference table (this pass writes its own),
  /// keeping from the trailer on, or the last bytes, which may begin its keyword.
  private func dropCrossReference() {
    let keyword = Self.trailer
    if let at = PDFSyntax.find(keyword, in: input, from: position, end: input.count) {
      input.removeSubrange(position..<at)
      skippingCrossReference = false
    } else {
      input.removeSubrange(position..<max(position, input.count - keyword.count + 1))
    }
    waitingFor = input.count
  }

  /// Reads the object at `start` (and, for a stream, the length object after it).
  /// - Returns: where reading goes on, or `nil` when the object is not all there.
  private func readObject(at start: Int, final: Bool) -> Int? {
    let end = input.count
    var index = start
    var number = 0
    while index < end, (0x30...0x39).contains(input[index]) {
      number = number * 10 + Int(input[index] - 0x30)
      index += 1
    }
    index = PDFSyntax.skipWhite(input, index, end: end)
    while index < end, (0x30...0x39).contains(input[index]) { index += 1 }
    index = PDFSyntax.skipWhite(input, index, end: end)
    guard index + 3 <= end else { return nil }
    guard input[index..<(index + 3)].elementsEqual("obj".utf8) else {
      fail("cairo's file has no object at byte \(start)")
      return nil
    }
    let valueStart = index + 3
    guard let valueEnd = PDFSyntax.skipValue(input, valueStart, end: end) else { return nil }
    var after = PDFSyntax.skipWhite(input, valueEnd, end: end)
    if input[after...].starts(with: "stream".utf8) {
      return readStream(number, dictionary: valueStart..<valueEnd, keyword: after)
    }
    guard after + 6 <= end else { return nil }
    guard input[after..<(after + 6)].elementsEqual("endobj".utf8) else {
      fail("object \(number) of cairo's file does not end with endobj")
      return nil
    }
    after += 6
    plainObject(number, Array(input[valueStart..<valueEnd]))
    return after
  }

  private func readStream(_ number: Int, dictionary: Range<Int>, keyword: Int) -> Int? {
    let end = input.count
    guard let entries = PDFSyntax.dictionary(input, dictionary) else {
      fail("stream \(number) of cairo's file has no dictionary")
      return nil
    }
    var dataStart = keyword + 6
    if dataStart < end && input[dataStart] == 0x0D { dataStart += 1 }
    guard dataStart < end else { return nil }
    if input[dataStart] == 0x0A { dataStart += 1 }
    guard let lengthEntry = entries.first(where: { $0.key == "Length" }) else {
      fail("stream \(number) of cairo's file has no length")
      return nil
    }
    var length: Int
    var lengthObject: Int?
    var after: Int
    if let direct = PDFSyntax.integer(input, lengthEntry.value) {
      length = direct
      guard dataStart + length <= end else { return nil }
      let tail = PDFSyntax.skipWhite(input, dataStart + length, end: end)
      guard let close = PDFSyntax.find(Self.endobj, in: input, from: tail, end: end) else {
        return nil
      }
      after = close + 6
    } else if let reference = PDFSyntax.reference(input, lengthEntry.value) {
      // The length is the object written next: found after each `endstream` until
      // the two agree (binary data may hold the word).
      var search = dataStart
      while true {
        guard let stop = PDFSyntax.find(Self.endstream, in: input, from: search, end: end),
          let close = PDFSyntax.find(Self.endobj, in: input, from: stop, end: end)
        else { return nil }
        let next = PDFSyntax.skipWhite(input, close + 6, end: end)
        guard PDFSyntax.find(Self.endobj, in: input, from: next, end: end) != nil else {
          return nil  // the object after is not all there yet
        }
        let candidate = stop - dataStart
        if let objectEnd = lengthValue(at: next, number: reference),
          [candidate, candidate - 1, candidate - 2].contains(objectEnd.value)
        {
          length = objectEnd.value
          lengthObject = reference
          after = objectEnd.end
          break
        }
        search = stop + 9
      }
    } else {
      fail("stream \(number) of cairo's file has a length that is not a number")
      return nil
    }
    if let lengthObject { free(lengthObject) }
    streamObject(number, entries: entries, data: dataStart..<(dataStart + length))
    return after
  }

  /// The value of `number 0 obj <integer> endobj` at `index`, and its end.
  private func lengthValue(at index: Int, number: Int) -> (value: Int, end: Int)? {
    let end = input.count
    guard let close = PDFSyntax.find(Self.endobj, in: input, from: index, end: end),
      let header = PDFSyntax.find(Self.obj, in: input, from: index, end: close),
      let numberEnd = PDFSyntax.skipValue(input, index, end: header),
      PDFSyntax.integer(input, index..<numberEnd) == number,
      let value = PDFSyntax.integer(input, (header + 3)..<close)
    else { return nil }
    return (value, close + 6)
  }

  // MARK: Objects

  private func plainObject(_ number: Int, _ bytes: [UInt8]) {
    largestNumber = max(largestNumber, number)
    let all = 0..<bytes.count
    if PDFSyntax.first(bytes, all) == 0x5B {
      // The parent tree's arrays (an element per marked content of a page) come
      // with the pages, before the elements: kept until it is known which go.
      parentTree.append((number, bytes))
      return
    }
    guard PDFSyntax.first(bytes, all) == 0x3C, let entries = PDFSyntax.dictionary(bytes, all)
    else {
      add(number, bytes)
      return
    }
    func name(_ key: String) -> String? {
      entries.first { $0.key == key }.flatMap { PDFSyntax.name(bytes, $0.value) }
    }
    switch name("Type") {
    case "Catalog":
      catalog = (number, bytes)
      return
    case "Page":
      pageIndex[number] = pageNumbers.count
      if let contents = entries.first(where: { $0.key == "Contents" }),
        let stream = PDFSyntax.reference(bytes, contents.value),
        let artifacts = artifactsOfContent.removeValue(forKey: stream)
      {
        artifactsOfPage[pageNumbers.count] = artifacts
      }
      pageNumbers.append(number)
    case "StructElem":
      structureElement(number, bytes, entries)
      return
    default:
      if entries.contains(where: { $0.key == "Nums" }) && name("Type") == nil {
        parentTree.append((number, bytes))
        return
      }
      if let entry = entries.first(where: { $0.key == "Producer" }),
        let text = Self.literalText(bytes, entry.value)
      {
        producer = text
      }
    }
    add(number, bytes)
  }

  private func streamObject(
    _ number: Int, entries: [(key: String, value: Range<Int>)], data: Range<Int>
  ) {
    largestNumber = max(largestNumber, number)
    let filter = entries.first { $0.key == "Filter" }.flatMap { PDFSyntax.name(input, $0.value) }
    let keys = Set(entries.map(\.key))
    let isContent = keys.isSubset(of: ["Length", "Filter"])
    var body: [UInt8]
    var compressed: Bool
    if isContent && (filter == nil || filter == "FlateDecode") {
      var plain: [UInt8]
      if filter == nil {
        plain = Array(input[data])
      } else {
        guard
          let inflated = input.withUnsafeBytes({
            Zlib.inflate(UnsafeRawBufferPointer(rebasing: $0[data]))
          })
        else {
          fail("stream \(number) of cairo's file cannot be decompressed")
          return
        }
        plain = inflated
      }
      let (marked, replaced) = PDFFinisher.markingArtifacts(plain, mcids: nil)
      if !replaced.isEmpty { artifactsOfContent[number] = replaced }
      body = Zlib.deflate(marked)
      compressed = true
    } else if filter == nil {
      body = input.withUnsafeBytes { Zlib.deflate(UnsafeRawBufferPointer(rebasing: $0[data])) }
      compressed = true
    } else {
      body = Array(input[data])
      compressed = false
    }
    var dictionary = "<<"
    for entry in entries where entry.key != "Length" && !(compressed && entry.key == "Filter") {
      dictionary += " /" + entry.key + " "
      dictionary += String(decoding: input[entry.value], as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
    }
    if compressed { dictionary += " /Filter /FlateDecode" }
    dictionary += " /Length \(body.count) >>"
    writeStream(number, dictionary: dictionary, body: body)
  }

  private func structureElement(
    _ number: Int, _ bytes: [UInt8], _ entries: [(key: String, value: Range<Int>)]
  ) {
    func value(_ key: String) -> Range<Int>? { entries.first { $0.key == key }?.value }
    let type = value("S").flatMap { PDFSyntax.name(bytes, $0) }
    let page = value("Pg").flatMap { PDFSyntax.reference(bytes, $0) }.flatMap { pageIndex[$0] }
    // The marked content the element holds itself, and whether it holds elements.
    var marked: [(page: Int?, mcid: Int)] = []
    var holdsElements = false
    var held = 0
    // Its parent, if it waits, has one element fewer to wait for once this one is
    // known (dropped or kept).
    defer {
      if let parent = value("P").flatMap({ PDFSyntax.reference(bytes, $0) }) {
        elementRead(holder: parent)
      }
    }
    if let kids = value("K") {
      let items = PDFSyntax.array(bytes, kids) ?? [kids]
      for item in items {
        if let mcid = PDFSyntax.integer(bytes, item) {
          marked.append((page, mcid))
        } else if PDFSyntax.reference(bytes, item) != nil {
          holdsElements = true
          held += 1
        } else if let reference = PDFSyntax.dictionary(bytes, item),
          let mcid = reference.first(where: { $0.key == "MCID" }).flatMap({
            PDFSyntax.integer(bytes, $0.value)
          })
        {
          let itsPage = reference.first { $0.key == "Pg" }.flatMap {
            PDFSyntax.reference(bytes, $0.value)
          }.flatMap { pageIndex[$0] }
          marked.append((itsPage ?? page, mcid))
        }
      }
    }
    if type == PDFFinisher.artifactTag {
      guard !holdsElements else {
        fail("a page-furniture element (object \(number)) holds other elements")
        return
      }
      for (page, mcid) in marked {
        guard let page else {
          fail("a page-furniture element (object \(number)) is on no page")
          return
        }
        privateOfPage[page, default: []].insert(mcid)
      }
      dropped.insert(number)
      free(number)
      return
    }
    var alternative: String?
    if type == "Figure" {
      guard pendingFigure == nil, nextFigure < figures.count else {
        fail("the structure tree has more figures than were drawn")
        return
      }
      pendingFigure = figures[nextFigure]
      alternative = figures[nextFigure].alternative
      nextFigure += 1
    }
    // A figure's first marked content, its own or its first leaf's, is where the
    // renderer counted it.
    if let figure = pendingFigure, let first = marked.first {
      guard first.page == figure.page, first.mcid == figure.mcid else {
        fail(
          "page \(figure.page + 1): the figure drawn at marked content \(figure.mcid) is at \(first.mcid) on page \((first.page ?? -1) + 1) in the structure tree"
        )
        return
      }
      pendingFigure = nil
    }
    if holdsElements {
      parents[number] = Parent(bytes: bytes, alternative: alternative, waiting: held)
    } else {
      add(number, alternative.map { Self.adding(alternative: $0, to: bytes, entries) } ?? bytes)
    }
  }

  /// A dictionary with `/Alt` added.
  private static func adding(
    alternative: String, to bytes: [UInt8], _ entries: [(key: String, value: Range<Int>)]
  ) -> [UInt8] {
    var result = Array("<<".utf8)
    for entry in entries where entry.key != "Alt" {
      result += Array(" /\(entry.key) ".utf8) + bytes[entry.value]
    }
    result += Array(" /Alt \(PDFSyntax.textString(alternative)) >>".utf8)
    return result
  }

  /// The parent tree, with the page furniture's entries null.
  private func flushParentTree() {
    for (number, bytes) in parentTree { add(number, nulling(bytes)) }
    parentTree = []
  }

  /// An array or dictionary of references with those of page furniture null.
  private func nulling(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var index = 0
    // Only references and numbers in arrays and a dictionary: every `N 0 R` is one.
    while index < bytes.count {
      if (0x30...0x39).contains(bytes[index])
        && (index == 0 || !PDFSyntax.isRegular(bytes[index - 1]))
      {
        if let end = PDFSyntax.skipValue(bytes, index, end: bytes.count),
          let reference = PDFSyntax.reference(bytes, index..<end)
        {
          if dropped.contains(reference) {
            result += Array("null".utf8)
            nulledInParentTree += 1
          } else {
            result += bytes[index..<end]
          }
          index = end
          continue
        }
      }
      result.append(bytes[index])
      index += 1
    }
    return result
  }

  /// One more element held by `holder` has been read: `holder` is written once it
  /// has read them all.
  private func elementRead(holder: Int) {
    guard var parent = parents[holder] else { return }
    parent.waiting -= 1
    if parent.waiting > 0 {
      parents[holder] = parent
    } else {
      parents[holder] = nil
      write(parent: holder, parent)
    }
  }

  /// Writes the elements that hold others still waiting (an element they hold was
  /// never written), in order, their `/K` without page furniture.
  private func flushParents() throws(RenderError) {
    guard !parentsFlushed else { return }
    parentsFlushed = true
    if let figure = pendingFigure {
      throw .structure("a figure on page \(figure.page + 1) holds no marked content")
    }
    for (number, parent) in parents.sorted(by: { $0.key < $1.key }) {
      write(parent: number, parent)
    }
    parents = [:]
  }

  /// An element that holds others, its `/K` without page furniture.
  private func write(parent number: Int, _ parent: Parent) {
    let bytes = parent.bytes
    guard let entries = PDFSyntax.dictionary(bytes, 0..<bytes.count) else { return }
    var result = Array("<<".utf8)
    for entry in entries where entry.key != "Alt" {
      if entry.key == "K" {
        let items = PDFSyntax.array(bytes, entry.value) ?? [entry.value]
        let kept = items.filter { item in
          PDFSyntax.reference(bytes, item).map { !dropped.contains($0) } ?? true
        }
        if kept.isEmpty { continue }
        result += Array(" /K [".utf8)
        for item in kept { result += [0x20] + bytes[item] }
        result += Array(" ]".utf8)
      } else {
        result += Array(" /\(entry.key) ".utf8) + bytes[entry.value]
      }
    }
    if let alternative = parent.alternative {
      result += Array(" /Alt \(PDFSyntax.textString(alternative))".utf8)
    }
    result += Array(" >>".utf8)
    add(number, result)
  }

  /// Whether the structure tree and the pages agree.
  private func check() throws(RenderError) {
    guard nextFigure == figures.count else {
      throw .structure("\(figures.count) figures drawn, \(nextFigure) in the structure tree")
    }
    if !artifactsOfContent.isEmpty {
      throw .structure("page furniture in content that belongs to no page")
    }
    for page in Set(artifactsOfPage.keys).union(privateOfPage.keys).sorted() {
      let drawn = artifactsOfPage[page] ?? []
      let tree = privateOfPage[page] ?? []
      guard drawn == tree else {
        throw .structure(
          "page \(page + 1): artifacts \(drawn.symmetricDifference(tree).sorted()) are not both in its content and in the structure tree"
        )
      }
    }
    guard dropped.isEmpty || nulledInParentTree == dropped.count else {
      throw .structure(
        "\(dropped.count) page-furniture elements, \(nulledInParentTree) of them in the parent tree"
      )
    }
  }

  /// The text of a literal string of printable ASCII and escapes (cairo's producer).
  static func literalText(_ bytes: [UInt8], _ range: Range<Int>) -> String? {
    let start = PDFSyntax.skipWhite(bytes, range.lowerBound, end: range.upperBound)
    guard start < range.upperBound, bytes[start] == 0x28,
      let end = PDFSyntax.skipValue(bytes, start, end: range.upperBound)
    else { return nil }
    var text: [UInt8] = []
    var index = start + 1
    while index < end - 1 {
      if bytes[index] == 0x5C, index + 1 < end - 1 {
        index += 1
        switch bytes[index] {
        case 0x6E: text.append(0x0A)
        case 0x72: text.append(0x0D)
        case 0x74: text.append(0x09)
        default: text.append(bytes[index])
        }
      } else {
        text.append(bytes[index])
      }
      index += 1
    }
    return String(decoding: text, as: UTF8.self)
  }

  // MARK: Writing

  private func ensureEntry(_ number: Int) {
    if entries.count <= number {
      entries += Array(repeating: .free, count: number + 1 - entries.count)
    }
  }

  private func free(_ number: Int) {
    ensureEntry(number)
    entries[number] = .free
    largestNumber = max(largestNumber, number)
  }

  /// An object that goes into an object stream.
  private func add(_ number: Int, _ bytes: [UInt8]) {
    batch.append((number, bytes))
    batchBytes += bytes.count
    if batch.count == 100 || batchBytes > 1 << 16 { flushBatch() }
  }

  /// Compresses the batch into an object stream and writes it at once.
  ///
  /// No more than a batch is held. Its number must come after every number cairo
  /// gives, known only at the end: the stream begins with room for it, spaces that
  /// ``writeObjectStreams()`` fills (whitespace before an object is allowed, and
  /// the cross-reference points at the number).
  private func flushBatch() {
    guard !batch.isEmpty else { return }
    let stream = objectStreams.count
    var header = ""
    var body: [UInt8] = []
    for (index, object) in batch.enumerated() {
      header += "\(object.number) \(body.count) "
      ensureEntry(object.number)
      entries[object.number] = .compressed(stream: UInt32(stream), index: UInt16(index))
      body += object.bytes
      body.append(0x0A)
    }
    header += "\n"
    let compressed = Zlib.deflate(Array(header.utf8) + body)
    objectStreams.append(written + output.count)
    emit(Array(repeating: 0x20, count: Self.numberRoom))
    emit(
      Array(
        " 0 obj\n<< /Type /ObjStm /N \(batch.count) /First \(header.utf8.count) /Filter /FlateDecode /Length \(compressed.count) >>\nstream\n"
          .utf8))
    emit(compressed)
    emit(Array("\nendstream\nendobj\n".utf8))
    batch = []
    batchBytes = 0
  }

  /// Numbers the object streams after cairo's objects: each number written in its
  /// room, and the objects' entries pointed at it.
  private func writeObjectStreams() {
    let first = largestNumber + 1
    largestNumber += objectStreams.count
    for index in entries.indices {
      if case .compressed(let stream, let position) = entries[index] {
        entries[index] = .compressed(stream: UInt32(first) + stream, index: position)
      }
    }
    for (index, room) in objectStreams.enumerated() {
      let number = first + index
      let digits = Array(String(number).utf8)
      guard digits.count <= Self.numberRoom else {
        fail("the PDF has more objects than its object streams can be numbered for")
        return
      }
      let start = room + Self.numberRoom - digits.count
      ensureEntry(number)
      entries[number] = offsetEntry(start)
      overwrite(digits, at: start)
    }
    objectStreams = []
  }

  /// Writes `bytes` over bytes emitted earlier, in the file or still in the buffer.
  private func overwrite(_ bytes: [UInt8], at offset: Int) {
    guard error == nil else { return }
    let buffered = max(0, min(bytes.count, offset + bytes.count - written))
    let inFile = bytes.count - buffered
    if buffered > 0 {
      let from = offset + inFile - written
      output.replaceSubrange(from..<(from + buffered), with: bytes[inFile...])
    }
    if inFile > 0 {
      let ok = bytes.withUnsafeBytes {
        sink.overwrite(UnsafeRawBufferPointer(rebasing: $0[..<inFile]), at: offset)
      }
      if !ok { outputFailed() }
    }
  }

  /// Remembers that writing to the file failed, with the system's reason.
  private func outputFailed() {
    if error == nil { error = .output(path: path, reason: String(cString: strerror(errno))) }
  }

  /// The entry of an object written at `offset`; a file past 4 GB, which the
  /// cross-reference's four bytes cannot locate, is refused.
  private func offsetEntry(_ offset: Int) -> Entry {
    guard let value = UInt32(exactly: offset) else {
      fail("the PDF is larger than 4 GB, which its cross-reference cannot locate")
      return .free
    }
    return .offset(value)
  }

  private func writeStream(_ number: Int, dictionary: String, body: [UInt8]) {
    ensureEntry(number)
    entries[number] = offsetEntry(written + output.count)
    emit(Array("\(number) 0 obj\n\(dictionary)\nstream\n".utf8))
    emit(body)
    emit(Array("\nendstream\nendobj\n".utf8))
  }

  private func writeCatalog(_ catalog: (number: Int, bytes: [UInt8])) {
    // The XMP packet, uncompressed as archives and indexers read it.
    largestNumber += 1
    let metadataNumber = largestNumber
    let packet = Array(PDFFinisher.xmp(metadata, producer: producer).utf8)
    writeStream(
      metadataNumber,
      dictionary: "<< /Type /Metadata /Subtype /XML /Length \(packet.count) >>", body: packet)
    let bytes = catalog.bytes
    let replaced: Set<String> = [
      "PageMode", "OpenAction", "Lang", "ViewerPreferences", "PageLabels", "Metadata",
    ]
    var result = "<<"
    for entry in PDFSyntax.dictionary(bytes, 0..<bytes.count) ?? []
    where !replaced.contains(entry.key) {
      result += " /\(entry.key) "
      result += String(decoding: bytes[entry.value], as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
    }
    if hasOutline { result += " /PageMode /UseOutlines" }
    if let first = pageNumbers.first { result += " /OpenAction [ \(first) 0 R /Fit ]" }
    if let language = metadata.language { result += " /Lang \(PDFSyntax.textString(language))" }
    result += " /ViewerPreferences << /DisplayDocTitle true >>"
    if !metadata.pageLabels.isEmpty {
      result += " /PageLabels << /Nums ["
      for range in metadata.pageLabels {
        result += " \(range.firstPage) <<"
        if let prefix = range.prefix { result += " /P \(PDFSyntax.textString(prefix))" }
        if range.numbered { result += " /S /D /St \(range.start)" }
        result += " >>"
      }
      result += " ] >>"
    }
    result += " /Metadata \(metadataNumber) 0 R >>"
    add(catalog.number, Array(result.utf8))
  }

  private func writeCrossReference(root: Int, info: Int?) {
    largestNumber += 1
    let number = largestNumber
    ensureEntry(number)
    let offset = written + output.count
    entries[number] = offsetEntry(offset)
    var table: [UInt8] = []
    table.reserveCapacity(entries.count * 7)
    func field(_ value: Int, bytes: Int) {
      for shift in stride(from: (bytes - 1) * 8, through: 0, by: -8) {
        table.append(UInt8(truncatingIfNeeded: value >> shift))
      }
    }
    for (index, entry) in entries.enumerated() {
      switch entry {
      case .free:
        table.append(0)
        field(0, bytes: 4)
        field(index == 0 ? 0xFFFF : 0, bytes: 2)
      case .offset(let at):
        table.append(1)
        field(Int(at), bytes: 4)
        field(0, bytes: 2)
      case .compressed(let stream, let index):
        table.append(2)
        field(Int(stream), bytes: 4)
        field(Int(index), bytes: 2)
      }
    }
    let compressed = Zlib.deflate(table)
    let identifier = hash.hexadecimal
    var dictionary =
      "<< /Type /XRef /Size \(entries.count) /W [ 1 4 2 ] /Root \(root) 0 R"
    if let info { dictionary += " /Info \(info) 0 R" }
    dictionary +=
      " /ID [ <\(identifier)> <\(identifier)> ] /Filter /FlateDecode /Length \(compressed.count) >>"
    emit(Array("\(number) 0 obj\n\(dictionary)\nstream\n".utf8))
    emit(compressed)
    emit(Array("\nendstream\nendobj\nstartxref\n\(offset)\n%%EOF\n".utf8))
  }

  private func emit(_ bytes: [UInt8]) {
    hash.add(bytes)
    output += bytes
    if output.count >= 1 << 18 { flushOutput() }
  }

  private func flushOutput() {
    guard !output.isEmpty, error == nil else { return }
    let ok = output.withUnsafeBytes { sink.write($0) }
    if !ok { outputFailed() }
    written += output.count
    output.removeAll(keepingCapacity: true)
  }
}

/// A 128-bit digest of the bytes written (two FNV-1a hashes), for the file identifier:
/// the same content, the same identifier; not a cryptographic hash.
struct ContentHash {
  private var first: UInt64 = 0xcbf2_9ce4_8422_2325
  private var second: UInt64 = 0x6c62_272e_07bb_0142

  mutating func add(_ bytes: [UInt8]) {
    var first = self.first
    var second = self.second
    for byte in bytes {
      first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      second = (second ^ UInt64(byte ^ 0x5C)) &* 0x0000_0100_0000_01B3
      second ^= second >> 29
    }
    self.first = first
    self.second = second
  }

  var hexadecimal: String {
    [first, second].map { value in
      let digits = String(value, radix: 16, uppercase: true)
      return String(repeating: "0", count: 16 - digits.count) + digits
    }.joined()
  }
}
