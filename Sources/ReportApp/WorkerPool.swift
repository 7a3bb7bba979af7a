import Dispatch
import Foundation
import ReportCompose
import ReportLayout
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
    /// What is written once every document is.
    ///
    /// Run by the last worker to finish, with its typesetter, given the kept
    /// documents' pages by index. Its outcome follows the documents' in
    /// ``WorkerPool/run(_:)``.
    var finale: Finale?
  }

  /// A document written from the batch's kept pages (``Batch/finale``).
  typealias Finale =
    @Sendable ([Int: LaidOutDocument], Typesetter) throws(RunError) -> Written

  private let workers: Int
  private let batch = Handoff<Batch?>()
  private let results = Mutex<[Result<Written, RunError>?]>([])
  /// The next document to take.
  private let next = Mutex(0)
  /// The pages of the documents kept, by index.
  private let kept = Mutex<[Int: LaidOutDocument]>([:])
  /// The workers done with the batch's documents.
  private let done = Mutex(0)
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
    let count = (given?.documents.count ?? 0) + (given?.finale == nil ? 0 : 1)
    results.withLock { $0 = Array(repeating: nil, count: count) }
    batch.put(given)
    finished.wait()
    return results.withLock { results in
      results.map { $0 ?? .failure(RunError(.internal, "error: a document was not written")) }
    }
  }

  private func work(_ worker: Int, engine: Engine) {
    let fonts = engine.timings.measure("load the fonts") {
      Result { () throws(RunError) in try Typesetter.fonts(directory: engine.paths.fonts) }
    }
    // A worker per document at most (one for a finale alone).
    guard let batch = batch.take() ?? nil, worker < max(1, batch.documents.count) else { return }
    let working = min(workers, max(1, batch.documents.count))
    let typesetter = engine.timings.measure("load the hyphenation patterns") {
      Result { () throws(RunError) in try Typesetter(fonts: fonts.get(), templates: batch.templates)
      }
    }
    while true {
      let index = next.withLock { value in
        defer { value += 1 }
        return value
      }
      guard index < batch.documents.count else { break }
      let outcome = Result { () throws(RunError) -> Written in
        let document = batch.documents[index]
        guard batch.keep.contains(index) else {
          return try engine.write(
            document, year: batch.year, templates: batch.templates, typesetter: typesetter.get())
        }
        let laidOut = try engine.layOut(
          document, templates: batch.templates, typesetter: typesetter.get())
        kept.withLock { $0[index] = laidOut.document }
        return try engine.write(
          laidOut: laidOut.document, composed: laidOut.composed, kind: document, year: batch.year,
          typesetter: typesetter.get())
      }
      results.withLock { $0[index] = outcome }
    }
    // The last worker done writes the finale, every document's pages laid out.
    guard let finale = batch.finale else { return }
    let last = done.withLock { count in
      count += 1
      return count == working
    }
    guard last else { return }
    let pages = kept.withLock { kept in
      defer { kept = [:] }
      return kept
    }
    let outcome = Result { () throws(RunError) -> Written in
      try finale(pages, typesetter.get())
    }
    results.withLock { $0[batch.documents.count] = outcome }
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
