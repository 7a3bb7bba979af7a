import Dispatch
import Foundation
import ReportCompose
import ReportLayout
import ReportModel
import Synchronization

/// The workers that write a batch of documents, one thread per core, each with fonts
/// of its own (a Pango font map must not be shared between threads), so that the
/// files are byte for byte those of one-by-one runs.
///
/// Workers start before the batch is known: their fonts load while the templates,
/// the data and the accounting file are read. Each worker takes the next document
/// not yet taken, so that a long one (the pack) does not hold back the others, and
/// keeps its typesetter from one to the next; the results are in the batch's order
/// whoever wrote them.
///
/// A batch may have a finale: a document made of some documents' pages (the file to
/// post of `report convocations`, its letters' own pages), written on a thread of
/// its own with fonts of its own as those documents are laid out, each given to it
/// in order and released once drawn. The workers lay out at most a few of them ahead
/// of it, so that they are never held together.
final class WorkerPool: Sendable {
  /// What the workers are given once the inputs are loaded.
  struct Batch: Sendable {
    /// The templates of every document of the batch.
    var templates: Templates
    /// The documents, in the order of the results.
    var documents: Documents
    /// The year they are written for.
    var year: Int
    /// The documents (by index) whose laid-out pages are given to `finale`, in order.
    var keep: Set<Int> = []
    /// A document made of the kept documents' pages.
    ///
    /// Written while they are laid out; its outcome follows the documents' in
    /// ``WorkerPool/run(_:)``.
    var finale: Finale?

    /// A batch of the documents given.
    init(templates: Templates, documents: [any DocumentKind], year: Int, keep: Set<Int> = []) {
      self.init(templates: templates, documents: Documents(documents), year: year, keep: keep)
    }

    /// A batch of documents made as the workers take them.
    init(templates: Templates, documents: Documents, year: Int, keep: Set<Int> = []) {
      self.templates = templates
      self.documents = documents
      self.year = year
      self.keep = keep
    }
  }

  /// The documents of a batch, each made when a worker takes it: a thousand members'
  /// letters are a thousand copies of the year and its member, which a list made
  /// beforehand would hold from the first letter to the last.
  struct Documents: Sendable {
    /// How many there are.
    let count: Int
    private let make: @Sendable (Int) -> any DocumentKind

    /// The documents given.
    init(_ documents: [any DocumentKind]) {
      self.init(count: documents.count) { documents[$0] }
    }

    /// `count` documents, the one at an index made by `make`.
    init(count: Int, make: @escaping @Sendable (Int) -> any DocumentKind) {
      self.count = count
      self.make = make
    }

    /// The document at `index`, made now.
    subscript(index: Int) -> any DocumentKind { make(index) }
  }

  /// A document written from the batch's kept pages (``Batch/finale``), given the next
  /// kept document (in index order, waiting for it to be laid out; `nil` after the
  /// last; an error when one could not be laid out: its own error is its document's
  /// outcome) and the finale's typesetter.
  typealias Finale =
    @Sendable (_ next: () throws(RunError) -> LaidOutDocument?, Typesetter) throws(RunError)
    -> Written

  private let workers: Int
  private let engine: Engine
  private let batch = Handoff<Batch?>()
  private let results = Mutex<[Result<Written, RunError>?]>([])
  /// The next document to take.
  private let next = Mutex(0)
  /// The kept documents laid out and not yet given to the finale.
  private let kept = KeptDocuments()
  private let finished = DispatchGroup()

  /// Starts `workers` threads loading the fonts of `engine`.
  init(workers: Int, engine: Engine) {
    self.workers = max(1, workers)
    self.engine = engine
    for worker in 0..<self.workers {
      finished.enter()
      Thread.detachNewThread { [self] in
        work(worker, engine: engine)
        finished.leave()
      }
    }
  }

  /// The number of workers for `documents` documents on this machine's cores.
  static func workers(for documents: Int) -> Int { max(1, min(Engine.cores, documents)) }

  /// Writes the batch and returns each document's outcome, in order, then the
  /// finale's when it has one; `nil` (the inputs could not be loaded) stops the workers.
  func run(_ given: Batch?) -> [Result<Written, RunError>] {
    let count = (given?.documents.count ?? 0) + (given?.finale == nil ? 0 : 1)
    results.withLock { $0 = Array(repeating: nil, count: count) }
    if let given, let finale = given.finale {
      // A few kept documents ahead of the finale for each worker: enough that
      // neither waits for the other long.
      kept.start(given.keep.sorted(), room: 2 * workers)
      finished.enter()
      Thread.detachNewThread { [self] in
        writeFinale(finale, batch: given)
        finished.leave()
      }
    }
    batch.put(given)
    finished.wait()
    return results.withLock { results in
      results.map { $0 ?? .failure(RunError(.internal, at: nil, tr("a document was not written"))) }
    }
  }

  private func writeFinale(_ finale: Finale, batch: Batch) {
    let outcome = Result { () throws(RunError) -> Written in
      let fonts = try engine.timings.measure("load the fonts") { () throws(RunError) in
        try Typesetter.fonts(directory: engine.paths.fonts)
      }
      let typesetter = try engine.timings.measure("load the hyphenation patterns") {
        () throws(RunError) in try Typesetter(fonts: fonts, templates: batch.templates)
      }
      return try finale(kept.next, typesetter)
    }
    // Whatever the outcome, the workers no longer wait for room.
    kept.close()
    results.withLock { $0[batch.documents.count] = outcome }
  }

  private func work(_ worker: Int, engine: Engine) {
    let fonts = engine.timings.measure("load the fonts") {
      Result { () throws(RunError) in try Typesetter.fonts(directory: engine.paths.fonts) }
    }
    guard let batch = batch.take() ?? nil else { return }
    let tasks = batch.documents.count
    guard worker < tasks else { return }
    let typesetter = engine.timings.measure("load the hyphenation patterns") {
      Result { () throws(RunError) in try Typesetter(fonts: fonts.get(), templates: batch.templates)
      }
    }
    while true {
      let index = next.withLock { value in
        defer { value += 1 }
        return value
      }
      guard index < tasks else { break }
      let outcome = Result { () throws(RunError) -> Written in
        let document = batch.documents[index]
        guard batch.keep.contains(index), batch.finale != nil else {
          return try engine.write(
            document, year: batch.year, templates: batch.templates, typesetter: typesetter.get())
        }
        kept.waitForRoom(index)
        let layout = Result { () throws(RunError) in
          try engine.layOut(document, templates: batch.templates, typesetter: typesetter.get())
        }
        // The finale's copy of the pages: drawn into the member's file below meanwhile.
        kept.put(index, try? layout.get().document)
        let (composed, pages) = try layout.get()
        return try engine.write(
          laidOut: pages, composed: composed, kind: document, year: batch.year,
          typesetter: typesetter.get())
      }
      results.withLock { $0[index] = outcome }
    }
  }
}

/// The kept documents of a batch laid out and not yet given to its finale, handed on
/// in index order, with room for a few ahead of the finale.
///
/// Unchecked `Sendable`: every property is touched only under `condition`'s lock.
private final class KeptDocuments: @unchecked Sendable {
  private let condition = NSCondition()
  /// The kept documents' indices, in order.
  private var order: [Int] = []
  /// How many were given to the finale.
  private var given = 0
  /// Those laid out and not yet given (`nil`: could not be laid out).
  private var waiting: [Int: LaidOutDocument?] = [:]
  private var room = 1
  /// Whether the finale has ended: nothing is waited for or kept any more.
  private var closed = false

  /// Expects the documents at `order`, with room for `room` laid out ahead.
  func start(_ order: [Int], room: Int) {
    condition.withLock {
      self.order = order
      self.room = max(1, room)
    }
  }

  /// Waits until the document at `index` may be laid out: there is room, or it is the
  /// next the finale needs (which it never waits for, so that the finale always gets it).
  func waitForRoom(_ index: Int) {
    condition.withLock {
      while !closed && waiting.count >= room && (given >= order.count || order[given] != index) {
        condition.wait()
      }
    }
  }

  /// The document at `index`, laid out (`nil`: it could not be).
  func put(_ index: Int, _ document: consuming LaidOutDocument?) {
    let document = consume document
    condition.withLock {
      guard !closed else { return }
      waiting[index] = document
      condition.broadcast()
    }
  }

  /// The next document, waiting until it is laid out; `nil` after the last.
  /// - Throws: ``RunError`` when it could not be laid out (its error is its own outcome).
  func next() throws(RunError) -> LaidOutDocument? {
    let document: LaidOutDocument?? = condition.withLock {
      guard given < order.count else { return .none }
      let index = order[given]
      while !waiting.keys.contains(index) { condition.wait() }
      given += 1
      condition.broadcast()
      return waiting.removeValue(forKey: index)
    }
    switch document {
    case .none: return nil
    case .some(.none):
      throw RunError(.internal, at: nil, tr("a letter to post was not laid out"))
    case .some(.some(let document)): return document
    }
  }

  /// The finale has ended: the workers no longer wait, nor keep anything for it.
  func close() {
    condition.withLock {
      closed = true
      waiting = [:]
      condition.broadcast()
    }
  }
}

/// A value given once by one thread and read by any number of others.
final class Handoff<Value: Sendable>: Sendable {
  private let value = Mutex<Value?>(nil)
  private let given = DispatchSemaphore(value: 0)

  /// Gives the value (once).
  func put(_ newValue: Value) {
    value.withLock { $0 = newValue }
    given.signal()
  }

  /// The value, waiting until it is given.
  func take() -> Value? {
    given.wait()
    given.signal()  // the next reader does not wait
    return value.withLock { $0 }
  }
}
