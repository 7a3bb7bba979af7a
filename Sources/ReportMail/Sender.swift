import Foundation
import ReportModel

#if canImport(Glibc)
  import Glibc
#endif

/// Hands the messages of an outbox to the machine's mail system, never one twice.
///
/// Each message is piped to a sendmail command (`sendmail -t -i` by default: the
/// recipients are read from the `To:` header, and a line holding a single dot does
/// not end the message); msmtp, Postfix and exim all provide one.
///
/// ## Why a message is never sent twice, even when the run is killed
///
/// The danger is the moment between the mail system accepting a message and the
/// journal recording it: a run killed there and started again would send the message
/// again. So the tool does not hand messages over itself. For each message it starts
/// a small delivery process (``deliveryScript``, run by `/bin/sh`) **in its own
/// session** (`posix_spawn` with `POSIX_SPAWN_SETSID`): killing the tool, even with
/// SIGKILL sent to its whole process group, or closing its terminal, does not reach
/// that process. The delivery process:
///
/// 1. takes an exclusive lock on `sent.log.lock` (`flock`), held until it exits, so
///    that delivery processes, of this run or of an earlier killed one, work one at a
///    time;
/// 2. reads the journal under the lock: a message already accepted (`exit=0`) is not
///    sent again; a message with an intent and no result was being sent by a process
///    that died without recording it (only a crash of the machine can do that, since
///    the tool's death does not stop it): its fate is unknown, and it is not resent
///    unless asked (``Options/retryUnknown``): at most once, never twice;
/// 3. appends the intent line (`sending`) and syncs the journal;
/// 4. runs the sendmail command with the message file as its input;
/// 5. appends the result line (`exit=N`) and syncs the journal.
///
/// The tool waits for each delivery process and reads the outcome from the journal
/// (the lines written by that process's pid). A run started after a killed one starts
/// a delivery process for every message not yet accepted, including one with an
/// intent and no result, which may be the earlier run's process still at work: the
/// lock makes the new process wait for it, and step 2 then sees the message as sent.
/// A message whose last attempt failed (`exit=` other than 0) is sent again by the
/// next run. The kill test (`MailTests`) fails when the delivery process shares the
/// tool's session.
///
/// With ``Options/redirectTo`` every message goes to one address instead (a test run
/// by the secretary): the messages are copied with that `To:` (the original one is
/// kept in `X-Report-Original-To:`) into `test-<address>/` of the outbox, with its own
/// journal there, so a test run never marks a member as convened.
public struct Sender: Sendable {
  /// How to send.
  public struct Options: Hashable, Sendable {
    /// The sendmail command, run by `/bin/sh -c` with the message on its input.
    public var command: String
    /// Send every message to this address instead of the member's.
    public var redirectTo: String?
    /// Send again the messages whose fate is unknown (see ``Journal/State/unknown(since:)``).
    public var retryUnknown: Bool
    /// Send a member's message even when an earlier, different message to that member
    /// was accepted (the outbox was made again after a change).
    public var resendChanged: Bool

    /// The default command: `sendmail -t -i`.
    public static let defaultCommand = "sendmail -t -i"

    /// Creates options.
    public init(
      command: String = Options.defaultCommand, redirectTo: String? = nil,
      retryUnknown: Bool = false, resendChanged: Bool = false
    ) {
      self.command = command
      self.redirectTo = redirectTo
      self.retryUnknown = retryUnknown
      self.resendChanged = resendChanged
    }
  }

  /// What a sendmail command runs, found before any message is handed to it.
  public enum Program: Hashable, Sendable {
    /// Its program is found; `command` is the one to run (the program's path written
    /// in when it was found beside the `PATH`, below).
    case found(command: String)
    /// Its program is nowhere: each message would fail with exit 127.
    case missing(program: String)
    /// The command is shell code (`echo no; exit 75`): run as written.
    case unchecked
  }

  /// The folders where mail systems put `sendmail` (msmtp-mta, Postfix, Exim) and
  /// which the `PATH` of a user or of cron does not hold on Debian.
  public static let sendmailFolders = ["/usr/sbin", "/usr/lib"]

  /// Looks for the program a command runs: its first word, when the command is plain
  /// words; as the shell finds it with `path` (a `PATH` value, by default the
  /// process's: a file on it or a builtin), else, for a bare name, in `folders`.
  public static func program(
    of command: String,
    path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    folders: [String] = sendmailFolders
  ) -> Program {
    let shell = CharacterSet(charactersIn: "|&;<>()$`\\\"'*?[]#~=%{}\n\t")
    guard command.rangeOfCharacter(from: shell) == nil,
      let first = command.split(separator: " ", omittingEmptySubsequences: true).first
    else { return .unchecked }
    let program = String(first)
    func runnable(_ file: String) -> Bool {
      var isFolder: ObjCBool = false
      return FileManager.default.fileExists(atPath: file, isDirectory: &isFolder)
        && !isFolder.boolValue && access(file, X_OK) == 0
    }
    if program.contains("/") {
      return runnable(program) ? .found(command: command) : .missing(program: program)
    }
    if shellFinds(program, path: path) { return .found(command: command) }
    for folder in folders where runnable(folder + "/" + program) {
      let rest = command.drop { $0 == " " }.dropFirst(program.count)
      return .found(command: folder + "/" + program + rest)
    }
    return .missing(program: program)
  }

  /// Whether the shell the messages are handed over by finds `program` (`command -v`,
  /// with `path` as its `PATH`): a file on it, or a builtin such as `exit` or `true`.
  static func shellFinds(_ program: String, path: String) -> Bool {
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/sh")
    shell.arguments = ["-c", #"command -v -- "$1" >/dev/null 2>&1"#, "sh", program]
    shell.environment = ["PATH": path]
    shell.standardInput = FileHandle.nullDevice
    shell.standardOutput = FileHandle.nullDevice
    shell.standardError = FileHandle.nullDevice
    do { try shell.run() } catch { return false }
    shell.waitUntilExit()
    return shell.terminationStatus == 0
  }

  /// What a run does, or did, with one message.
  public enum Action: Hashable, Sendable {
    /// To be handed over (dry run).
    case send
    /// To be handed over again after a failed attempt (dry run).
    case retry(previousExitCode: Int)
    /// Accepted by the mail system in this run.
    case sent
    /// Not sent: already accepted at that time.
    case alreadySent(time: String)
    /// Not sent: an earlier version of the member's message was accepted.
    case earlierVersionSent(messageID: String, time: String)
    /// The sendmail command failed; `detail` is what it wrote on its error output.
    case failed(exitCode: Int, detail: String)
    /// Handed over by a process that died before recording the result: check the
    /// mail system's log; ``Options/retryUnknown`` sends it again.
    case unknown(since: String)

    /// A short name for summaries: `send`, `retry`, `sent`, `already-sent`,
    /// `earlier-version-sent`, `failed`, `unknown`.
    public var name: String {
      switch self {
      case .send: return "send"
      case .retry: return "retry"
      case .sent: return "sent"
      case .alreadySent: return "already-sent"
      case .earlierVersionSent: return "earlier-version-sent"
      case .failed: return "failed"
      case .unknown: return "unknown"
      }
    }

    /// Whether the message is a failure of the run (the caller exits 1).
    public var isFailure: Bool {
      switch self {
      case .failed, .unknown: return true
      default: return false
      }
    }
  }

  /// One message and what happens to it.
  public struct Outcome: Hashable, Sendable {
    /// The member, from the file's name.
    public var memberID: String
    /// The message's `Message-ID:`.
    public var messageID: String
    /// The address it goes to (the redirection's, when redirected).
    public var recipient: String
    /// What happens, or happened.
    public var action: Action
  }

  /// A run's outcomes.
  public struct Summary: Hashable, Sendable {
    /// Every message, by member id.
    public var outcomes: [Outcome]
    /// The journal written.
    public var journal: String
    /// The messages that failed or whose fate is unknown.
    public var failures: [Outcome] { outcomes.filter(\.action.isFailure) }
    /// The messages accepted in this run.
    public var sent: [Outcome] { outcomes.filter { $0.action == .sent } }
  }

  /// The outbox read.
  public var outbox: Outbox
  /// How to send.
  public var options: Options

  /// Creates a sender.
  public init(outbox: Outbox, options: Options = Options()) {
    self.outbox = outbox
    self.options = options
  }

  /// The folder of the messages as sent: the outbox, or its `test-<address>/` copy.
  public var sendingFolder: String {
    guard let address = options.redirectTo else { return outbox.folder }
    let safe = address.map {
      $0.isASCII && ($0.isLetter || $0.isNumber || "@.-_+".contains($0)) ? $0 : "_"
    }
    return outbox.folder + "/test-" + String(safe)
  }

  /// The journal: `sent.log` in ``sendingFolder``.
  public var journalPath: String { sendingFolder + "/sent.log" }

  /// A message of the outbox as read from its file.
  struct Message {
    var memberID: String
    var path: String
    var messageID: String
    var to: String
  }

  /// What a run would do, sending nothing and writing nothing.
  /// - Throws: ``Outbox/Failure`` when the outbox or its journal cannot be read, or a
  ///   message has no Message-ID.
  public func plan() throws(Outbox.Failure) -> [Outcome] {
    try checkRedirection()
    let journal = try Journal.read(path: journalPath)
    return try messages().map { message in
      Outcome(
        memberID: message.memberID, messageID: message.messageID,
        recipient: options.redirectTo ?? message.to,
        action: plannedAction(message, journal: journal))
    }
  }

  private func plannedAction(_ message: Message, journal: Journal) -> Action {
    switch journal.state(of: message.messageID) {
    case .sent(let time): return .alreadySent(time: time)
    case .unknown(let since) where !options.retryUnknown: return .unknown(since: since)
    case .failed(let code, _): return .retry(previousExitCode: code)
    case .new, .unknown:
      if !options.resendChanged,
        let earlier = journal.delivered(to: message.memberID).last(where: {
          $0.messageID != message.messageID
        })
      {
        return .earlierVersionSent(messageID: earlier.messageID, time: earlier.time)
      }
      return .send
    }
  }

  /// Sends every message not yet accepted, one at a time.
  ///
  /// A failure of one message is recorded and the others still go; the summary lists
  /// the failures (the caller then exits 1).
  /// - Parameter progress: called after each message.
  /// - Throws: ``Outbox/Failure`` when the outbox cannot be read or the journal not
  ///   written: nothing more is sent then.
  public func run(progress: (Outcome) -> Void = { _ in }) throws(Outbox.Failure) -> Summary {
    try checkRedirection()
    var messages = try messages()
    if let address = options.redirectTo {
      messages = try redirectedCopies(of: messages, to: address)
    }
    try Outbox.createFolder(sendingFolder + "/.send")
    try Self.createJournal(journalPath)
    var outcomes: [Outcome] = []
    for message in messages {
      let before = try Journal.read(path: journalPath)
      var action = plannedAction(message, journal: before)
      switch action {
      case .send, .retry, .unknown:
        // An intent without a result may be an earlier run's delivery process still
        // at work: only a delivery process, under the lock, can tell.
        action = try deliver(message, after: before)
      default:
        break
      }
      let outcome = Outcome(
        memberID: message.memberID, messageID: message.messageID,
        recipient: options.redirectTo ?? message.to, action: action)
      outcomes.append(outcome)
      progress(outcome)
    }
    return Summary(outcomes: outcomes, journal: journalPath)
  }

  /// Refuses a redirection address that is not an RFC 5321 mailbox.
  private func checkRedirection() throws(Outbox.Failure) {
    if let address = options.redirectTo, let problem = EmailAddress.problem(in: address) {
      throw Outbox.Failure(path: "--redirect-to", reason: problem.message)
    }
  }

  /// Hands one message over through a delivery process and reads its outcome.
  private func deliver(_ message: Message, after earlier: Journal) throws(Outbox.Failure) -> Action
  {
    let errors = sendingFolder + "/.send/" + message.memberID + ".stderr"
    let arguments = [
      "/bin/sh", "-c", Self.deliveryScript, "report-deliver", message.path, journalPath,
      message.messageID, message.memberID, options.command, options.retryUnknown ? "1" : "0",
    ]
    let (pid, status) = try Self.spawnDetached(arguments, output: errors)
    if status == 97 || status == 98 {
      throw Outbox.Failure(
        path: journalPath,
        reason: status == 97
          ? tr("cannot lock or read the journal") : tr("cannot write the journal"))
    }
    let journal = try Journal.read(path: journalPath)
    // The lines this delivery process wrote: its intent, then the command's status.
    let new = journal.entries.dropFirst(earlier.entries.count).filter {
      $0.messageID == message.messageID
    }
    if let intent = new.firstIndex(where: { $0.event == .sending(pid: Int(pid)) }) {
      for entry in new[intent...] {
        guard case .exited(let code) = entry.event else { continue }
        if code == 0 { return .sent }
        let detail = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        return .failed(
          exitCode: code, detail: detail.trimmingCharacters(in: .whitespacesAndNewlines))
      }
      return .unknown(since: new[intent].time)
    }
    // It handed nothing over: an earlier run's delivery process had.
    switch journal.state(of: message.messageID) {
    case .sent(let time): return .alreadySent(time: time)
    case .unknown(let since): return .unknown(since: since)
    case .failed, .new:
      return .failed(
        exitCode: Int(status), detail: tr("the delivery process did not run (exit %1)", status))
    }
  }

  /// The messages of the outbox, read from their files.
  func messages() throws(Outbox.Failure) -> [Message] {
    try outbox.entries().map { entry throws(Outbox.Failure) in
      guard let data = FileManager.default.contents(atPath: entry.path) else {
        throw Outbox.Failure(path: entry.path, reason: tr("cannot read the message"))
      }
      let headers = Self.headers(of: Array(data))
      guard let messageID = headers["message-id"], messageID.hasPrefix("<"),
        messageID.hasSuffix(">"), !messageID.contains("\t")
      else {
        throw Outbox.Failure(path: entry.path, reason: tr("the message has no Message-ID"))
      }
      let to = headers["to"].map(Self.address(in:)) ?? ""
      return Message(memberID: entry.memberID, path: entry.path, messageID: messageID, to: to)
    }
  }

  /// The header fields of a message, unfolded, by lower-case name (the first of each).
  static func headers(of bytes: [UInt8]) -> [String: String] {
    let text = String(decoding: bytes, as: UTF8.self)
    let block = text.components(separatedBy: "\r\n\r\n").first ?? ""
    var fields: [String: String] = [:]
    var current: (String, String)?
    func flush() {
      if let (name, value) = current, fields[name] == nil {
        fields[name] = value.trimmingCharacters(in: .whitespaces)
      }
    }
    for line in block.replacing("\r\n", with: "\n").split(separator: "\n") {
      if line.first == " " || line.first == "\t", let (name, value) = current {
        current = (name, value + line)
      } else if let colon = line.firstIndex(of: ":") {
        flush()
        current = (line[..<colon].lowercased(), String(line[line.index(after: colon)...]))
      }
    }
    flush()
    return fields
  }

  /// The address of a mailbox header value: between the last `<` `>`, or all of it.
  static func address(in value: String) -> String {
    if let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close {
      return String(value[value.index(after: open)..<close])
    }
    return value.trimmingCharacters(in: .whitespaces)
  }

  /// Copies of the messages addressed to `address`, in ``sendingFolder``.
  private func redirectedCopies(of messages: [Message], to address: String) throws(Outbox.Failure)
    -> [Message]
  {
    try Outbox.createFolder(sendingFolder)
    var copies: [Message] = []
    for message in messages {
      guard let data = FileManager.default.contents(atPath: message.path) else {
        throw Outbox.Failure(path: message.path, reason: tr("cannot read the message"))
      }
      let bytes = Self.redirect(Array(data), to: address)
      let path = sendingFolder + "/" + message.memberID + ".eml"
      try Outbox.writeAtomically(bytes, to: path)
      var copy = message
      copy.path = path
      copies.append(copy)
    }
    return copies
  }

  /// The message with its `To:` replaced by `address` (the original kept in
  /// `X-Report-Original-To:`) and no `Cc:` or `Bcc:`.
  static func redirect(_ bytes: [UInt8], to address: String) -> [UInt8] {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let end = text.range(of: "\r\n\r\n") else { return bytes }
    var lines: [String] = []
    var dropping = false
    for line in text[..<end.lowerBound].components(separatedBy: "\r\n") {
      if line.first == " " || line.first == "\t" {
        if !dropping { lines.append(line) }
        continue
      }
      let name = line.prefix { $0 != ":" }.lowercased()
      dropping = name == "cc" || name == "bcc"
      if name == "to" {
        lines.append("To: <\(address)>")
        lines.append("X-Report-Original-To:" + line.dropFirst(3))
      } else if !dropping {
        lines.append(line)
      }
    }
    // The original To's continuation lines now follow X-Report-Original-To; the text
    // kept from `end` holds the last header's line end and the empty line.
    return Array((lines.joined(separator: "\r\n") + text[end.lowerBound...]).utf8)
  }

  /// Creates the journal when missing, and syncs its folder.
  static func createJournal(_ path: String) throws(Outbox.Failure) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw Outbox.Failure(path: path, reason: Outbox.systemError()) }
    let synced = fsync(descriptor) == 0
    close(descriptor)
    guard synced else { throw Outbox.Failure(path: path, reason: Outbox.systemError()) }
    try Outbox.syncFolder((path as NSString).deletingLastPathComponent)
  }

  /// The delivery process: a `/bin/sh` script that hands one message over.
  ///
  /// It is run by `/bin/sh -c` with the arguments: the message file,
  /// the journal, the Message-ID, the member id, the sendmail command, and `1` to send
  /// again a message whose fate is unknown. Exit 97: the journal cannot be locked or
  /// read; 98: it cannot be written; else 0 (the outcome is in the journal).
  public static let deliveryScript = #"""
    set -u
    message=$1 journal=$2 id=$3 member=$4 command=$5 retry_unknown=$6
    exec 9>>"$journal.lock" || exit 97
    flock 9 || exit 97
    state=$(awk -F '\t' -v id="$id" '
      $1 == id && NF == 4 {
        if ($4 == "exit=0") sent = 1
        else if ($4 ~ /^sending pid=[0-9]+$/) pending = 1
        else if ($4 ~ /^exit=[0-9]+$/) pending = 0
      }
      END { if (sent) print "sent"; else if (pending) print "unknown"; else print "new" }
    ' "$journal") || exit 97
    case $state in
      sent) exit 0 ;;
      unknown) [ "$retry_unknown" = 1 ] || exit 0 ;;
    esac
    if [ -s "$journal" ] && [ "$(tail -c 1 "$journal" | od -An -tx1 | tr -d ' \n')" != 0a ]; then
      printf '\n' >> "$journal" || exit 98
    fi
    printf '%s\t%s\t%s\tsending pid=%s\n' "$id" "$member" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" $$ \
      >> "$journal" || exit 98
    sync "$journal" || exit 98
    /bin/sh -c "$command" < "$message"
    code=$?
    printf '%s\t%s\t%s\texit=%s\n' "$id" "$member" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" $code \
      >> "$journal" || exit 98
    sync "$journal" || exit 98
    exit 0
    """#

  /// Runs a program in a new session (out of reach of signals sent to the caller's
  /// process group or terminal), its input from /dev/null and its output and errors
  /// to `output`, and waits for it.
  /// - Returns: its process id and exit status (128 + the signal's number when killed).
  static func spawnDetached(_ arguments: [String], output: String) throws(Outbox.Failure) -> (
    pid: pid_t, status: Int32
  ) {
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawnattr_init(&attributes)
    defer {
      posix_spawn_file_actions_destroy(&actions)
      posix_spawnattr_destroy(&attributes)
    }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    // POSIX_SPAWN_SETSID (glibc ≥ 2.26): setsid() in the child before exec.
    let setSession: Int32 = 0x80
    posix_spawnattr_setflags(
      &attributes, Int16(setSession | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var environment = ProcessInfo.processInfo.environment
    let path = environment["PATH"] ?? ""
    environment["PATH"] = path + (path.isEmpty ? "" : ":") + "/usr/sbin:/usr/bin:/sbin:/bin"
    let argv = arguments.map { strdup($0) } + [nil]
    let envp =
      environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    guard result == 0 else {
      throw Outbox.Failure(
        path: arguments[0], reason: "cannot start: " + String(cString: strerror(result)))
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else {
        throw Outbox.Failure(path: arguments[0], reason: "cannot wait: " + Outbox.systemError())
      }
    }
    let signal = status & 0x7F
    return (pid, signal == 0 ? (status >> 8) & 0xFF : 128 + signal)
  }
}
