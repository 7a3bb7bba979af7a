import Foundation
import Synchronization

/// A file written out of sight and put in place whole, or not at all.
///
/// The bytes go to an unnamed file of the target's folder (Linux `O_TMPFILE`), so a
/// run killed at any moment leaves nothing behind; once complete they are synced,
/// given a temporary name and renamed over the target in one step, so readers see
/// the old file or the new one, never a part. Where `O_TMPFILE` is not supported
/// the file is written under a hidden temporary name, removed on failure and
/// cleaned up by the next run if a crash left it.
final class AtomicFile {
  let path: String
  private let folder: String
  private let descriptor: Int32
  /// The temporary name the bytes are written under (when `O_TMPFILE` is missing).
  private var visibleTemporary: String?
  /// The `errno` of the first failed write.
  private(set) var writeError: Int32 = 0
  private var closed = false

  /// `O_TMPFILE` as Linux defines it (`__O_TMPFILE | O_DIRECTORY`); not imported.
  private static let temporaryFlag: Int32 = 0o20_000_000 | O_DIRECTORY

  /// Opens an unnamed file in the folder of `path`.
  /// - Throws: ``RenderError/output(path:reason:)`` when the folder cannot hold it.
  init(path: String) throws(RenderError) {
    self.path = path
    folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    Self.removeStaleTemporaries(inFolderOf: path)
    var descriptor = open(folder, Self.temporaryFlag | O_WRONLY | O_CLOEXEC, 0o644)
    if descriptor < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) {
      let temporary = Self.temporaryName(for: path, pid: getpid())
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      if descriptor >= 0 { visibleTemporary = temporary }
    }
    guard descriptor >= 0 else {
      throw .output(path: path, reason: String(cString: strerror(errno)))
    }
    self.descriptor = descriptor
  }

  deinit { abandon() }

  /// Writes `data` to `path` whole or not at all.
  /// - Throws: ``RenderError/output(path:reason:)`` with the system's reason; the
  ///   previous file at `path`, if any, is then left untouched.
  static func write(_ data: Data, to path: String) throws(RenderError) {
    let file = try AtomicFile(path: path)
    do throws(RenderError) {
      let written = data.withUnsafeBytes { bytes in
        bytes.baseAddress.map { file.write($0, count: bytes.count) } ?? true
      }
      guard written else {
        throw .output(path: path, reason: String(cString: strerror(file.writeError)))
      }
      try file.commit()
    } catch {
      file.abandon()
      throw error
    }
  }

  /// Appends bytes; on failure remembers `errno` and returns `false`.
  func write(_ bytes: UnsafeRawPointer, count: Int) -> Bool {
    writeAll(count) { done in Glibc.write(descriptor, bytes + done, count - done) }
  }

  /// Writes bytes over some already written, at `offset` from the file's start; on
  /// failure remembers `errno` and returns `false`.
  func overwrite(_ bytes: UnsafeRawPointer, count: Int, at offset: Int) -> Bool {
    writeAll(count) { done in
      pwrite(descriptor, bytes + done, count - done, off_t(offset + done))
    }
  }

  /// Calls `call` with the bytes done so far until `count` are, again when
  /// interrupted; on failure remembers `errno` and returns `false`.
  private func writeAll(_ count: Int, _ call: (_ done: Int) -> Int) -> Bool {
    var done = 0
    while done < count {
      let written = call(done)
      if written < 0 {
        if errno == EINTR { continue }
        writeError = errno
        return false
      }
      done += written
    }
    return true
  }

  /// Syncs the bytes and puts the file in place of `path`.
  /// - Throws: ``RenderError/output(path:reason:)`` with the system's reason.
  func commit() throws(RenderError) {
    guard fsync(descriptor) == 0 else { throw failure(errno) }
    let temporary = visibleTemporary ?? Self.temporaryName(for: path, pid: getpid())
    if visibleTemporary == nil {
      // Give the unnamed file a name in the folder, then rename it over the target.
      guard
        linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0
      else { throw failure(errno) }
      visibleTemporary = temporary
    }
    guard rename(temporary, path) == 0 else { throw failure(errno) }
    visibleTemporary = nil
    close(descriptor)
    closed = true
    // The new name reaches the disk too.
    let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directory >= 0 {
      fsync(directory)
      close(directory)
    }
  }

  /// Forgets the bytes: nothing is left in the folder.
  func abandon() {
    if !closed {
      close(descriptor)
      closed = true
    }
    if let visibleTemporary {
      unlink(visibleTemporary)
      self.visibleTemporary = nil
    }
  }

  private func failure(_ code: Int32) -> RenderError {
    let reason = String(cString: strerror(code))
    abandon()
    return .output(path: path, reason: reason)
  }

  /// The hidden name a file is written under before it is renamed into place.
  static func temporaryName(for path: String, pid: Int32) -> String {
    let url = URL(fileURLWithPath: path)
    return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".\(pid).tmp"
  }

  /// The folders whose stale temporaries this process has removed.
  private static let cleaned = Mutex<Set<String>>([])

  /// Removes, once per folder and process, the temporary files a run that no longer
  /// exists left in the folder of `path` (a batch writes thousands of files into one
  /// folder: reading it for each would make the batch quadratic).
  static func removeStaleTemporaries(inFolderOf path: String) {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    guard cleaned.withLock({ $0.insert(folder).inserted }) else { return }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
      // `.<name>.<pid>.tmp`: the pid is the last part before the suffix.
      let parts = name.dropLast(4).split(separator: ".")
      guard parts.count >= 2, let pid = parts.last.flatMap({ Int32($0) }), pid > 0 else {
        continue
      }
      if kill(pid, 0) != 0 && errno == ESRCH {
        unlink(folder + "/" + name)
      }
    }
  }
}
