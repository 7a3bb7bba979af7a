import Foundation
import ReportModel

#if canImport(Glibc)
  import Glibc
#endif

/// A folder of messages waiting to be sent: `outbox/<member id>.eml`.
///
/// Each message is written whole or not at all: to a temporary file in the same
/// folder, synced, then renamed over the old one, and the folder synced, so a killed
/// run never leaves half a message for ``Sender`` to hand over.
public struct Outbox: Sendable {
  /// The folder.
  public var folder: String

  /// Creates an outbox in `folder` (created when first written to).
  public init(folder: String) { self.folder = folder }

  /// One message of the outbox.
  public struct Entry: Hashable, Sendable {
    /// The member id: the file's name without `.eml`.
    public var memberID: String
    /// The file's path.
    public var path: String
  }

  /// The problem of an outbox folder or file that cannot be written or read.
  public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path concerned.
    public var path: String
    /// What went wrong (the system's message).
    public var reason: String

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
  }

  /// The path of a member's message.
  public func path(of memberID: String) -> String { folder + "/" + memberID + ".eml" }

  /// Writes a member's message, atomically.
  /// - Returns: the file's path.
  /// - Throws: ``Failure`` when the folder or file cannot be written (a full disk…).
  @discardableResult
  public func write(_ message: MailMessage, memberID: String) throws(Failure) -> String {
    try write(pieces: message.pieces(), memberID: memberID)
  }

  /// Removes the messages of members not in `memberIDs` (left by an earlier run for a
  /// member since taken out of the list).
  /// - Returns: the ids whose message was removed.
  @discardableResult
  public func removeMessages(except memberIDs: Set<String>) throws(Failure) -> [String] {
    var removed: [String] = []
    for entry in try entries() where !memberIDs.contains(entry.memberID) {
      if unlink(entry.path) != 0 && errno != ENOENT {
        throw Failure(path: entry.path, reason: String(cString: strerror(errno)))
      }
      removed.append(entry.memberID)
    }
    return removed
  }

  /// The messages, by member id.
  public func entries() throws(Failure) -> [Entry] {
    guard FileManager.default.fileExists(atPath: folder) else { return [] }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
      throw Failure(path: folder, reason: tr("cannot list the folder"))
    }
    return names.filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.sorted().map {
      Entry(memberID: String($0.dropLast(4)), path: folder + "/" + $0)
    }
  }

  /// Creates a folder and its parents.
  static func createFolder(_ folder: String) throws(Failure) {
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw Failure(path: folder, reason: tr("cannot create the folder"))
    }
  }

  /// Writes a member's message from its pieces (``MailMessage/pieces()``), one after
  /// the other, atomically: the pieces joined, without joining them.
  @discardableResult
  public func write(pieces: [String], memberID: String) throws(Failure) -> String {
    try Self.createFolder(folder)
    let target = path(of: memberID)
    try Self.writeAtomically(pieces, to: target)
    return target
  }

  /// Writes `bytes` to a temporary file beside `path`, syncs it, renames it to `path`
  /// and syncs the folder.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
    try writeAtomically(to: path) { descriptor in
      bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }
  }

  /// Writes the UTF-8 of `pieces`, one after the other, atomically as bytes are.
  static func writeAtomically(_ pieces: [String], to path: String) throws(Failure) {
    try writeAtomically(to: path) { descriptor in
      for piece in pieces {
        var piece = piece
        if let reason = piece.withUTF8({ writeAll(UnsafeRawBufferPointer($0), to: descriptor) }) {
          return reason
        }
      }
      return nil
    }
  }

  /// Writes the whole of `buffer` to `descriptor`.
  /// - Returns: the system's message when a write fails, nil when all was written.
  private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> String? {
    guard let base = buffer.baseAddress else { return nil }
    var written = 0
    while written < buffer.count {
      let result = Glibc.write(descriptor, base + written, buffer.count - written)
      if result < 0 && errno == EINTR { continue }
      guard result > 0 else { return systemError() }
      written += result
    }
    return nil
  }

  /// Creates a temporary file beside `path`, lets `fill` write it (returning the
  /// system's message when it fails), syncs it, renames it to `path` and syncs the
  /// folder; the temporary file is removed on any failure.
  private static func writeAtomically(
    to path: String, fill: (Int32) -> String?
  ) throws(Failure) {
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary = "\(folder)/.\(name).\(getpid()).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw Failure(path: temporary, reason: systemError()) }
    if let reason = fill(descriptor) {
      close(descriptor)
      unlink(temporary)
      throw Failure(path: path, reason: reason)
    }
    guard fsync(descriptor) == 0 else {
      let reason = systemError()
      close(descriptor)
      unlink(temporary)
      throw Failure(path: path, reason: reason)
    }
    close(descriptor)
    guard rename(temporary, path) == 0 else {
      let reason = systemError()
      unlink(temporary)
      throw Failure(path: path, reason: reason)
    }
    try syncFolder(folder)
  }

  /// Syncs a folder, so that a file created or renamed in it survives a crash.
  static func syncFolder(_ folder: String) throws(Failure) {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw Failure(path: folder, reason: systemError()) }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw Failure(path: folder, reason: systemError()) }
  }

  /// The system's message for `errno`.
  static func systemError() -> String { String(cString: strerror(errno)) }
}
