import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What Python's `email` package reads in a message (`scripts/mail-inspect.py`).
struct Inspected: Decodable {
  struct Part: Decodable {
    var filename: String?
    var contentType: String
    var size: Int
    var sha256: String
    var defects: [String]

    enum CodingKeys: String, CodingKey {
      case filename, size, sha256, defects
      case contentType = "content_type"
    }
  }

  var source: String
  var defects: [String]
  var from: String?
  var to: String?
  var subject: String?
  var date: String?
  var messageID: String?
  var rcptTo: String?
  var originalTo: String?
  var fromName: String?
  var fromAddress: String?
  var toName: String?
  var toAddress: String?
  var contentType: String
  var body: String?
  var bodyCharset: String?
  var bodyEncoding: String?
  var attachments: [Part]

  enum CodingKeys: String, CodingKey {
    case source, defects, body, attachments
    case from = "From"
    case to = "To"
    case subject = "Subject"
    case date = "Date"
    case messageID = "Message-ID"
    case rcptTo = "X-RcptTo"
    case originalTo = "X-Report-Original-To"
    case fromName = "From.name"
    case fromAddress = "From.address"
    case toName = "To.name"
    case toAddress = "To.address"
    case contentType = "content_type"
    case bodyCharset = "body_charset"
    case bodyEncoding = "body_encoding"
  }
}

enum MailSupport {
  /// Parses messages (files or Maildirs) with Python's `email` package.
  static func inspect(_ paths: [String]) throws -> [Inspected] {
    let output = try run("/usr/bin/python3", [Repository.path("scripts/mail-inspect.py")] + paths)
    guard output.status == 0 else {
      throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: output.stderr])
    }
    return try JSONDecoder().decode([Inspected].self, from: Data(output.stdout.utf8))
  }

  /// The SHA-256 of bytes, as Python's hashlib writes it.
  static func sha256(_ bytes: [UInt8]) throws -> String {
    let folder = try temporaryFolder("sha")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/bytes"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return try run("/usr/bin/sha256sum", [path]).stdout.split(separator: " ").first.map(String.init)
      ?? ""
  }

  /// A TCP port on 127.0.0.1 that was free a moment ago.
  static func freePort() -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Whether something accepts connections on 127.0.0.1:`port`.
  static func accepts(port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    let result = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    return result == 0
  }

  /// An msmtp configuration delivering to 127.0.0.1:`port` (no TLS, no
  /// authentication, the envelope sender fixed), written in `folder`.
  /// - Returns: the sendmail command using it.
  static func msmtpCommand(port: Int, folder: String) throws -> String {
    let path = folder + "/msmtprc"
    let configuration = """
      defaults
      auth off
      tls off
      timeout 10
      account default
      host 127.0.0.1
      port \(port)
      from secretariat@example.org
      auto_from off

      """
    try configuration.write(toFile: path, atomically: true, encoding: .utf8)
    // msmtp refuses a configuration others can read.
    chmod(path, 0o600)
    return "/usr/bin/msmtp -C '\(path)' -t -i"
  }
}

/// An SMTP server on loopback storing what it receives in a Maildir
/// (`scripts/mail-sink.sh`, Debian's python3-aiosmtpd), stopped by ``stop()``.
final class SMTPSink {
  let port: Int
  let maildir: String
  private let process: Process

  /// Starts a server on a free port; waits until it accepts connections.
  init(maildir: String) throws {
    self.maildir = maildir
    for _ in 0..<5 {
      let port = MailSupport.freePort()
      let process = Process()
      process.executableURL = URL(fileURLWithPath: Repository.path("scripts/mail-sink.sh"))
      process.arguments = [String(port), maildir]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      for _ in 0..<200 where process.isRunning && !MailSupport.accepts(port: port) {
        usleep(25_000)
      }
      if process.isRunning && MailSupport.accepts(port: port) {
        self.port = port
        self.process = process
        return
      }
      process.terminate()
      process.waitUntilExit()
    }
    throw CocoaError(
      .featureUnsupported,
      userInfo: [NSLocalizedDescriptionKey: "the SMTP server (python3-aiosmtpd) did not start"])
  }

  /// Stops the server.
  func stop() {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
  }

  /// The messages stored, parsed by Python.
  func messages() throws -> [Inspected] { try MailSupport.inspect([maildir]) }

  deinit { stop() }
}

/// A process started in a process group of its own, so that a test can kill the group.
struct GroupedProcess {
  let pid: pid_t

  /// Starts `arguments[0]` with its output to `output`.
  init(_ arguments: [String], output: String) throws {
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawnattr_init(&attributes)
    defer {
      posix_spawn_file_actions_destroy(&actions)
      posix_spawnattr_destroy(&attributes)
    }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
    guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
    self.pid = pid
  }

  /// Sends SIGKILL to the whole process group.
  func killGroup() { kill(-pid, SIGKILL) }

  /// Waits for the process; its exit status, or 128 + the signal.
  @discardableResult
  func wait() -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let signal = status & 0x7F
    return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
  }
}

/// The `report-send-harness` executable built beside the tests.
var harness: String {
  let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("report-send-harness").path
  if FileManager.default.isExecutableFile(atPath: beside) { return beside }
  return Repository.path(".build/debug/report-send-harness")
}
