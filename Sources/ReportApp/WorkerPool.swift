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
/// not yet taken, so that a long one (the pack, the letters to post) does not hold
/// back the others, and keeps its typesetter from one to the next; the results are
/// in the batch's order whoever wrote them.
final class WorkerPool: Sendable {
  /// What the workers are given once the inputs are loaded.
  struct Batch: Sendable {
    /// The templates of every document of the batch.
    var templates: Templates
    /// The documents, in the order of the results.
    var documents: [any DocumentKind]
    /// The year they are written for.
    var year: Int
    /// The documents (by index) whose laid-out pages are kept for `finale`.
    var keep: Set<Int> = []
    /// A document made of the kept documents' pages.
    ///
    /// Taken in turn after the first `finaleAfter` documents (the kept ones among
    /// them), by a worker that waits until every kept document is laid out. Its
    /// outcome follows the documents' in ``WorkerPool/run(_:)``.
    var finale: Finale?
    /// How many documents are taken before the finale.
    var finaleAfter = 0
  }

  /// A document written from the batch's kept pages (``Batch/finale``), given them by
  /// index (its only copy: pages released as they are drawn) and the worker's
  /// typesetter.
  typealias Finale =
    @Sendable (consuming [Int: LaidOutDocument], Typesetter) throws(RunError) -> Written

  private let workers: Int
  private let batch = Handoff<Batch?>()
  private let results = Mutex<[Result<Written, RunError>?]>([])
  /// The next document to take.
  private let next = Mutex(0)
  /// The pages of the documents kept, by index.
  private let kept = Mutex<[Int: LaidOutDocument]>([:])
  /// Signalled once for each kept document laid out (or failed).
  private let laidOut = DispatchSemaphore(value: 0)
  private let finished = DispatchGroup()

  /// Starts `workers` threads loading the fonts of `engine`.
  init(workers: Int, engine: Engine) {
    self.workers = max(1, workers)
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
    // The finale waits for the kept documents: they must be taken before it.
    if let given, given.finale != nil {
      precondition(
        given.keep.allSatisfy { $0 < given.finaleAfter }, "a kept document comes after the finale")
    }
    let count = (given?.documents.count ?? 0) + (given?.finale == nil ? 0 : 1)
    results.withLock { $0 = Array(repeating: nil, count: count) }
    batch.put(given)
    finished.wait()
    return results.withLock { results in
      results.map { $0 ?? .failure(RunError(.internal, at: nil, tr("a document was not written"))) }
    }
  }

  private func work(_ worker: Int, engine: Engine) {
    let fonts = engine.timings.measure("load the fonts") {
      Result { () throws(RunError) in try Typesetter.fonts(directory: engine.paths.fonts) }
    }
    guard let batch = batch.take() ?? nil else { return }
    // A worker per task at most: the documents and the finale.
    let finaleAt = batch.finale == nil ? nil : min(batch.finaleAfter, batch.documents.count)
    let tasks = batch.documents.count + (finaleAt == nil ? 0 : 1)
    guard worker < tasks else { return }
    let typesetter = engine.timings.measure("load the hyphenation patterns") {
      Result { () throws(RunError) in try Typesetter(fonts: fonts.get(), templates: batch.templates)
      }
    }
    while true {
      let task = next.withLock { value in
        defer { value += 1 }
        return value
      }
      guard task < tasks else { break }
      if let finaleAt, let finale = batch.finale, task == finaleAt {
        // The kept documents were all taken before: wait for the last ones in hand.
        for _ in batch.keep { laidOut.wait() }
        let pages = kept.withLock { kept in
          defer { kept = [:] }
          return kept
        }
        let outcome = Result { () throws(RunError) -> Written in
          try finale(consume pages, typesetter.get())
        }
        results.withLock { $0[batch.documents.count] = outcome }
        continue
      }
      let index = finaleAt.map { task > $0 ? task - 1 : task } ?? task
      let outcome = Result { () throws(RunError) -> Written in
        let document = batch.documents[index]
        guard batch.keep.contains(index) else {
          return try engine.write(
            document, year: batch.year, templates: batch.templates, typesetter: typesetter.get())
        }
        let layout = Result { () throws(RunError) in
          try engine.layOut(document, templates: batch.templates, typesetter: typesetter.get())
        }
        if case .success(let layout) = layout {
          kept.withLock { $0[index] = layout.document }
        }
        laidOut.signal()
        let (composed, pages) = try layout.get()
        return try engine.write(
          laidOut: pages, composed: composed, kind: document, year: batch.year,
          typesetter: typesetter.get())
      }
      results.withLock { $0[index] = outcome }
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
