import Foundation
import ReportModel
import Synchronization

/// An exclusive lock on an output folder, so that two runs (two cron jobs, a cron
/// job and a person) never write the same documents at once.
///
/// The lock is `flock(2)` on the folder itself (no lock file to leave behind): the
/// kernel releases it when the process ends, however it ends, so a killed run never
/// leaves it held. Within one process the lock is shared: the threads of a batch of
/// exports hold it together instead of waiting for each other.
final class OutputLock {
  private let folder: String

  /// Takes the lock, waiting up to `timeout` seconds for another run to finish.
  /// - Parameter waiting: called once when the lock is busy, before waiting.
  /// - Throws: ``RunError`` (I/O) when the folder cannot be opened or stays locked.
  init(folder: String, timeout: TimeInterval = 600, waiting: () -> Void = {})
    throws(RunError)
  {
    self.folder = folder
    try Self.held.acquire(folder, timeout: timeout, waiting: waiting)
  }

  deinit { Self.held.release(folder) }

  private static let held = Holders()

  /// The folders this process has locked, with how many holders each.
  private final class Holders: Sendable {
    private let folders = Mutex<[String: (descriptor: Int32, holders: Int)]>([:])

    func acquire(_ folder: String, timeout: TimeInterval, waiting: () -> Void)
      throws(RunError)
    {
      // One acquisition at a time, so that two threads never wait on each other.
      try folders.withLock { (folders) throws(RunError) in
        try Self.acquire(folder, in: &folders, timeout: timeout, waiting: waiting)
      }
    }

    private static func acquire(
      _ folder: String, in folders: inout [String: (descriptor: Int32, holders: Int)],
      timeout: TimeInterval, waiting: () -> Void
    ) throws(RunError) {
      if let entry = folders[folder] {
        folders[folder] = (entry.descriptor, entry.holders + 1)
        return
      }
      let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw RunError(
          .io, at: SourceLocation(file: folder),
          tr("cannot lock the folder: %1", String(cString: strerror(errno))))
      }
      if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
        waiting()
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
          guard Date() < deadline else {
            close(descriptor)
            throw RunError(
              .io, at: SourceLocation(file: folder),
              tr("another run has been writing here for %1 s", Int(timeout)),
              hint: tr("wait for it to end, or stop it"))
          }
          usleep(100_000)
        }
      }
      folders[folder] = (descriptor, 1)
    }

    func release(_ folder: String) {
      folders.withLock { folders in
        guard let entry = folders[folder] else { return }
        if entry.holders > 1 {
          folders[folder] = (entry.descriptor, entry.holders - 1)
        } else {
          flock(entry.descriptor, LOCK_UN)
          close(entry.descriptor)
          folders[folder] = nil
        }
      }
    }
  }
}
