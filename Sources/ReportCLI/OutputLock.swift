import Foundation

/// An exclusive lock on an output folder, so that two runs (two cron jobs, a cron
/// job and a person) never write the same documents at once.
///
/// The lock is `flock(2)` on the folder itself (no lock file to leave behind): the
/// kernel releases it when the process ends, however it ends, so a killed run never
/// leaves it held.
final class OutputLock {
  private let descriptor: Int32

  /// Takes the lock, waiting up to `timeout` seconds for another run to finish.
  /// - Parameter waiting: called once when the lock is busy, before waiting.
  /// - Throws: ``InputFailure`` when the lock file cannot be opened or stays busy.
  init(folder: String, timeout: TimeInterval = 600, waiting: () -> Void = {}) throws(InputFailure) {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw InputFailure("\(folder): cannot lock the folder: \(String(cString: strerror(errno)))")
    }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      waiting()
      let deadline = Date().addingTimeInterval(timeout)
      while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
        guard Date() < deadline else {
          close(descriptor)
          throw InputFailure(
            "\(folder): another run has been writing here for \(Int(timeout)) s\n  hint: wait for it to end, or stop it"
          )
        }
        usleep(100_000)
      }
    }
    self.descriptor = descriptor
  }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
