import ArgumentParser
import Foundation
import ReportApp
import ReportMail
import ReportModel

extension ReportCommand {
  /// `report convocations`: every member's letter and pouvoir, the attendance sheet, the
  /// resolutions and the outbox of e-mails.
  struct Convocations: ParsableCommand {
    static let configuration = CommandConfiguration(
      // Named here, not from the type by reflection (a cost at every start).
      commandName: "convocations",
      abstract: "Write the convocations of the assembly: letters, pouvoirs, sheet, e-mails.",
      discussion: """
        Reads <data>/<year>/members.csv and writes in <output>/<year>/convocations/: \
        convocation-<id>.pdf for every member (the letter, then the pouvoir), \
        convocations-<year>.pdf (the letters of the members without an e-mail address, each \
        starting on an odd page, to print recto verso and post), emargement-<year>.pdf (the \
        attendance sheet), resolutions-<year>.pdf, and outbox/<id>.eml for every member with \
        an address, with its convocation and the pack (<output>/<year>/dossier-ag-<year>.pdf, \
        written first when missing or older than the year file, budget or templates).

        Everything is checked first (the year's convocation fields, the notice period, the \
        members file, the quorum, the texts still marked « à réécrire » by `report init`); \
        on an error nothing is written. --late convenes anyway \
        when the letters give less notice than assembly.notice_days, and says so. \
        Send the outbox with `report send`.
        """)

    @OptionGroup var options: CommonOptions

    @Flag(help: "Convene even though the letters give less notice than the statutes require.")
    var late = false

    @Flag(help: "Print a JSON summary (files, counts, warnings) on stdout.")
    var json = false

    func run() throws {
      let progress = Progress()
      var application = Application(paths: options.paths)
      application.engine.waiting = { folder in
        progress.say(tr("waiting for another run writing to %1…", folder))
      }
      let run = try application.convocations(year: options.year, late: late, progress: progress.say)
      for warning in run.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
      let timings = application.engine.timings
      if timings.enabled { FileHandle.standardError.write(Data((timings.report + "\n").utf8)) }
      if json {
        print(ConvocationSummary(run).json)
      } else if isatty(STDOUT_FILENO) == 1 {
        let letters = run.written.filter { $0.kind == "convocation" }.count
        print(
          tr("%1 convocations in %2", letters, options.paths.convocationsFolder(options.year) + "/")
        )
        for written in run.written where written.kind != "convocation" { print(written.path) }
        print(
          tr("%1 e-mails in %2", run.messages.count, options.paths.outboxFolder(options.year) + "/")
        )
      }
    }
  }

  /// `report send`: hands the outbox to the mail system, never a message twice.
  struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "send",
      abstract: "Send the convocation e-mails of the outbox through sendmail.",
      discussion: """
        Pipes each message of <output>/<year>/convocations/outbox/ to the sendmail command \
        (--sendmail, else REPORT_SENDMAIL or `sendmail` in the configuration file, else \
        `sendmail -t -i`; msmtp provides one), one at a time. \
        The journal outbox/sent.log records each message before and after it is handed \
        over: run again after a failure or an interruption, and only what was not accepted \
        is sent, never a message twice.

        --redirect-to ADDR sends every message to ADDR instead (a trial run), with a \
        journal of its own, so that the members are still to be convened afterwards. \
        --dry-run says what would be sent and sends nothing. \
        Exit code 1 when a message failed (the others are still sent), with the list.
        """)

    @OptionGroup var options: CommonOptions

    @Option(
      help:
        "The sendmail command, run by /bin/sh with the message on its input (default: the configuration's, else 'sendmail -t -i')."
    )
    var sendmail: String?

    @Flag(help: "Say what would be sent; send nothing.")
    var dryRun = false

    @Option(help: "Send every message to this address instead (a trial run).")
    var redirectTo: String?

    @Flag(help: "Print a JSON summary (each member's outcome) on stdout.")
    var json = false

    func validate() throws {
      if let redirectTo, let problem = EmailAddress.problem(in: redirectTo) {
        throw ValidationError(tr("--redirect-to: %1; %2.", problem.message, problem.hint))
      }
    }

    func run() throws {
      let folder = options.paths.outboxFolder(options.year)
      let outbox = Outbox(folder: folder)
      let entries: [Outbox.Entry]
      do {
        entries = try outbox.entries()
      } catch {
        throw RunError(.io, at: SourceLocation(file: error.path), error.reason)
      }
      guard !entries.isEmpty else {
        throw RunError(
          .input, at: SourceLocation(file: folder), tr("the outbox holds no message"),
          hint: tr("run `report convocations --year %1` first", options.year))
      }
      var command = sendmail ?? options.sendmail ?? Sender.Options.defaultCommand
      switch Sender.program(of: command) {
      case .found(let found): command = found
      case .unchecked: break
      case .missing(let program):
        // Every message would fail alike (exit 127): said once, before any is tried.
        let problem = RunError.said(
          dryRun ? .warning : .error, at: nil,
          tr("the sendmail command's program `%1` is not found", program),
          hint: tr(
            "install a mail system that provides sendmail (msmtp-mta, set up in /etc/msmtprc), or name the command with --sendmail, REPORT_SENDMAIL or `sendmail` in report.toml"
          ))
        guard dryRun else { throw RunError(.input, problem) }
        FileHandle.standardError.write(Data((problem + "\n").utf8))
      }
      let sender = Sender(
        outbox: outbox, options: Sender.Options(command: command, redirectTo: redirectTo))
      let outcomes: [Sender.Outcome]
      let loud = !json
      do {
        if dryRun {
          outcomes = try sender.plan()
          if loud { for outcome in outcomes { print(Self.line(outcome)) } }
        } else {
          outcomes = try sender.run { outcome in
            if loud { print(Self.line(outcome)) }
          }.outcomes
        }
      } catch {
        throw RunError(.io, at: SourceLocation(file: error.path), error.reason)
      }
      let failures = outcomes.filter(\.action.isFailure)
      if json {
        print(
          SendSummary(
            outcomes, outbox: folder, journal: sender.journalPath, dryRun: dryRun,
            redirectTo: redirectTo
          ).json)
      } else {
        let sent = outcomes.filter { $0.action == .sent }.count
        let count =
          dryRun
          ? outcomes.filter { !$0.action.isFailure && Self.wouldSend($0.action) }.count : sent
        let done = outcomes.count - count - failures.count
        print(
          dryRun
            ? tr("%1 to send, %2 already done, %3 failed", count, done, failures.count)
            : tr("%1 sent, %2 already done, %3 failed", count, done, failures.count))
      }
      guard failures.isEmpty else {
        var text =
          tr("error") + ": "
          + (failures.count == 1
            ? tr("1 message not sent:") : tr("%1 messages not sent:", failures.count))
        for failure in failures { text += "\n  " + Self.line(failure) }
        text +=
          "\n  "
          + tr(
            "hint: %1",
            tr("fix the cause and run the same command again: only these are sent"))
        FileHandle.standardError.write(Data((text + "\n").utf8))
        throw ExitCode(1)
      }
    }

    /// An outcome's name as the staff reads it (the JSON keeps ``Sender/Action/name``).
    static func said(_ action: Sender.Action) -> String {
      switch action {
      case .send: return tr("send")
      case .retry: return tr("retry")
      case .sent: return tr("sent")
      case .alreadySent: return tr("already-sent")
      case .earlierVersionSent: return tr("earlier-version-sent")
      case .failed: return tr("failed")
      case .unknown: return tr("unknown")
      }
    }

    static func wouldSend(_ action: Sender.Action) -> Bool {
      switch action {
      case .send, .retry: return true
      default: return false
      }
    }

    /// `ara  ara@example.org  sent`, with the detail of a failure.
    static func line(_ outcome: Sender.Outcome) -> String {
      var line = "\(outcome.memberID)\t\(outcome.recipient)\t\(Self.said(outcome.action))"
      if let detail = SendSummary.detail(outcome.action) { line += "\t" + detail }
      return line
    }
  }
}

/// The `--json` summary of `report convocations`.
struct ConvocationSummary: Encodable {
  struct File: Encodable {
    var path: String
    var pages: Int
    var kind: String
    var member: String?
  }

  struct Message: Encodable {
    var member: String
    var path: String
    var to: String
    var bytes: Int
  }

  struct Counts: Encodable {
    var members: Int
    var byEmail: Int
    var byPost: Int
    var votes: Int
    var quorum: Int?
    var letters: Int
    var messages: Int

    enum CodingKeys: String, CodingKey {
      case members, votes, quorum, letters, messages
      case byEmail = "by_email"
      case byPost = "by_post"
    }
  }

  var files: [File]
  var outbox: [Message]
  var removed: [String]
  var counts: Counts
  var late: String?
  var packWritten: Bool
  var warnings: [String]

  enum CodingKeys: String, CodingKey {
    case files, outbox, removed, counts, late, warnings
    case packWritten = "pack_written"
  }

  init(_ run: ConvocationRun) {
    let ids = run.members.members.map(\.id)
    files = run.written.enumerated().map { index, written in
      File(
        path: written.path, pages: written.pages, kind: written.kind,
        member: written.kind == "convocation" && index < ids.count ? ids[index] : nil)
    }
    outbox = run.messages.map {
      Message(member: $0.memberID, path: $0.path, to: $0.recipient, bytes: $0.bytes)
    }
    removed = run.removed
    counts = Counts(
      members: run.members.members.count, byEmail: run.members.byEmail.count,
      byPost: run.members.byPost.count, votes: run.members.totalVotes, quorum: run.quorumVotes,
      letters: run.written.filter { $0.kind == "convocation" }.count, messages: run.messages.count)
    late = run.late
    packWritten = run.packWritten
    warnings = run.warnings
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(files, forKey: .files)
    try container.encode(outbox, forKey: .outbox)
    try container.encode(removed, forKey: .removed)
    try container.encode(counts, forKey: .counts)
    try container.encode(late, forKey: .late)  // null when on time
    try container.encode(packWritten, forKey: .packWritten)
    try container.encode(warnings, forKey: .warnings)
  }

  var json: String { Summary.encode(self) }
}

/// The `--json` summary of `report send`.
struct SendSummary: Encodable {
  struct Message: Encodable {
    var member: String
    var messageID: String
    var to: String
    var outcome: String
    var detail: String?

    enum CodingKeys: String, CodingKey {
      case member, to, outcome, detail
      case messageID = "message_id"
    }
  }

  var outbox: String
  var journal: String
  var dryRun: Bool
  var redirectTo: String?
  var messages: [Message]
  var counts: [String: Int]
  var failures: [String]

  enum CodingKeys: String, CodingKey {
    case outbox, journal, messages, counts, failures
    case dryRun = "dry_run"
    case redirectTo = "redirect_to"
  }

  init(
    _ outcomes: [Sender.Outcome], outbox: String, journal: String, dryRun: Bool,
    redirectTo: String?
  ) {
    self.outbox = outbox
    self.journal = journal
    self.dryRun = dryRun
    self.redirectTo = redirectTo
    messages = outcomes.map {
      Message(
        member: $0.memberID, messageID: $0.messageID, to: $0.recipient, outcome: $0.action.name,
        detail: Self.detail($0.action))
    }
    var counts: [String: Int] = [:]
    for outcome in outcomes { counts[outcome.action.name, default: 0] += 1 }
    self.counts = counts
    failures = outcomes.filter(\.action.isFailure).map(\.memberID)
  }

  /// What a summary says beyond an outcome's name.
  static func detail(_ action: Sender.Action) -> String? {
    switch action {
    case .send, .sent: return nil
    case .retry(let code): return tr("the last attempt exited %1", code)
    case .alreadySent(let time): return tr("accepted at %1", time)
    case .earlierVersionSent(let id, let time):
      return tr("an earlier message %1 was accepted at %2", id, time)
    case .failed(let code, let detail):
      return detail.isEmpty
        ? tr("exit %1", code) : tr("exit %1: %2", code, detail.replacing("\n", with: " "))
    case .unknown(let since):
      return tr(
        "handed over at %1 by a run that stopped before the result: check the mail log", since)
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(outbox, forKey: .outbox)
    try container.encode(journal, forKey: .journal)
    try container.encode(dryRun, forKey: .dryRun)
    try container.encode(redirectTo, forKey: .redirectTo)
    try container.encode(messages, forKey: .messages)
    try container.encode(counts, forKey: .counts)
    try container.encode(failures, forKey: .failures)
  }

  var json: String { Summary.encode(self) }
}

extension Summary {
  /// Pretty, sorted JSON.
  static func encode(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}
