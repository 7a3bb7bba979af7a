import Foundation
import ReportModel
import TestSupport
import Testing

@testable import ReportMail

#if canImport(Glibc)
  import Glibc
#endif

/// Sending through the real parts: msmtp as the sendmail command, delivering to an
/// SMTP server (aiosmtpd) on 127.0.0.1 that stores into a Maildir.
@Suite(.serialized) struct SendTests {
  static let members = ["ara", "bretagne", "aci-006", "paca"]

  /// An outbox of one message per member, the messages unique to `tag`.
  static func outbox(_ folder: String, tag: String, members: [String] = members) throws -> (
    Outbox, [String: MailMessage]
  ) {
    let outbox = Outbox(folder: folder)
    var messages: [String: MailMessage] = [:]
    for member in members {
      let message = try MailMessage(
        from: Mailbox(name: "CHANTIER école", address: "secretariat@example.org"),
        to: Mailbox(name: "Membre « \(member) »", address: "\(member)@example.org"),
        subject: "Convocation à l’AG (\(tag))", body: "Bonjour \(member),\n\nÀ bientôt.\n",
        attachments: [
          MailAttachment(
            name: "convocation-\(member)-été.pdf", bytes: Array("PDF \(member) \(tag)".utf8))
        ], date: MailDate(secondsSinceEpoch: 1_558_699_200), identity: [tag, member])
      try outbox.write(message, memberID: member)
      messages[member] = message
    }
    return (outbox, messages)
  }

  /// A fresh folder, an SMTP server and the msmtp command delivering to it.
  static func setUp(_ name: String) throws -> (folder: String, sink: SMTPSink, command: String) {
    let folder = try temporaryFolder(name)
    let sink = try SMTPSink(maildir: folder + "/maildir")
    let command = try MailSupport.msmtpCommand(port: sink.port, folder: folder)
    return (folder, sink, command)
  }

  /// Journal lines of a message: its events' statuses.
  static func statuses(_ journal: String, _ messageID: String) throws -> [String] {
    try Journal.read(path: journal).entries.filter { $0.messageID == messageID }.map {
      switch $0.event {
      case .sending: return "sending"
      case .exited(let code): return "exit=\(code)"
      }
    }
  }

  @Test func everyMessageArrivesOnceAndASecondRunSendsNothing() throws {
    let (folder, sink, command) = try Self.setUp("send")
    defer {
      sink.stop()
      try? FileManager.default.removeItem(atPath: folder)
    }
    let (outbox, messages) = try Self.outbox(folder + "/outbox", tag: "2019")
    let sender = Sender(outbox: outbox, options: Sender.Options(command: command))
    var seen: [String] = []
    let summary = try sender.run { seen.append($0.memberID) }
    #expect(seen == Self.members.sorted())
    #expect(summary.failures.isEmpty)
    #expect(summary.outcomes.map(\.action) == Array(repeating: .sent, count: 4))
    #expect(summary.journal == folder + "/outbox/sent.log")

    let received = try sink.messages()
    #expect(received.count == 4)
    #expect(received.allSatisfy { $0.defects.isEmpty })
    for (member, message) in messages {
      let copies = received.filter { $0.messageID == message.messageID }
      #expect(copies.count == 1, "\(member)")
      let copy = try #require(copies.first)
      #expect(copy.rcptTo == "\(member)@example.org")
      #expect(copy.toName == "Membre « \(member) »")
      #expect(copy.subject == "Convocation à l’AG (2019)")
      #expect(copy.attachments.map { $0.filename } == ["convocation-\(member)-été.pdf"])
      #expect(
        copy.attachments.first?.sha256 == (try MailSupport.sha256(message.attachments[0].bytes)))
      #expect(try Self.statuses(summary.journal, message.messageID) == ["sending", "exit=0"])
    }
    // The journal: Message-ID, member, time, status, tab-separated.
    let lines = try String(contentsOfFile: summary.journal, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 8)
    let fields = lines[1].split(separator: "\t")
    #expect(
      fields.count == 4 && String(fields[0]) == messages["aci-006"]?.messageID
        && fields[1] == "aci-006")
    #expect(fields[2].count == 20 && fields[2].hasSuffix("Z") && fields[3] == "exit=0")

    let again = try sender.run()
    #expect(again.sent.isEmpty && again.failures.isEmpty)
    #expect(again.outcomes.allSatisfy { if case .alreadySent = $0.action { true } else { false } })
    #expect(try sink.messages().count == 4)
  }

  @Test func aFailedMessageIsReportedTheOthersStillGoAndTheNextRunRetriesIt() throws {
    let (folder, sink, command) = try Self.setUp("send-fail")
    defer {
      sink.stop()
      try? FileManager.default.removeItem(atPath: folder)
    }
    let (outbox, messages) = try Self.outbox(folder + "/outbox", tag: "fail")
    // A command that refuses one member, as a mail system with a full queue would.
    let refusing =
      "message=$(cat); case \"$message\" in *bretagne@example.org*) "
      + "echo 'msmtp: recipient refused' >&2; exit 75;; esac; "
      + "printf '%s\\n' \"$message\" | \(command)"
    let summary = try Sender(outbox: outbox, options: Sender.Options(command: refusing)).run()
    #expect(summary.failures.map(\.memberID) == ["bretagne"])
    #expect(
      summary.failures.first?.action == .failed(exitCode: 75, detail: "msmtp: recipient refused"))
    #expect(summary.sent.map(\.memberID) == ["aci-006", "ara", "paca"])
    #expect(try sink.messages().count == 3)
    #expect(
      try Sender(outbox: outbox).plan().first { $0.memberID == "bretagne" }?.action
        == .retry(previousExitCode: 75))

    let retry = try Sender(outbox: outbox, options: Sender.Options(command: command)).run()
    #expect(retry.sent.map(\.memberID) == ["bretagne"] && retry.failures.isEmpty)
    let received = try sink.messages()
    #expect(received.count == 4)
    for message in messages.values {
      #expect(received.filter { $0.messageID == message.messageID }.count == 1)
    }
    let bretagne = try #require(messages["bretagne"])
    #expect(
      try Self.statuses(retry.journal, bretagne.messageID) == [
        "sending", "exit=75", "sending", "exit=0",
      ])
  }

  @Test func aMissingServerFailsEveryMessageWithMsmtpsMessage() throws {
    let folder = try temporaryFolder("send-down")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let command = try MailSupport.msmtpCommand(port: MailSupport.freePort(), folder: folder)
    let (outbox, _) = try Self.outbox(folder + "/outbox", tag: "down", members: ["ara", "paca"])
    let summary = try Sender(outbox: outbox, options: Sender.Options(command: command)).run()
    #expect(summary.failures.count == 2)
    for failure in summary.failures {
      guard case .failed(let code, let detail) = failure.action else {
        Issue.record("\(failure.action)")
        continue
      }
      #expect(code != 0)
      #expect(detail.contains("msmtp"), "\(detail)")
    }
  }

  @Test func aDryRunSendsNothingAndWritesNothing() throws {
    let (folder, sink, command) = try Self.setUp("send-dry")
    defer {
      sink.stop()
      try? FileManager.default.removeItem(atPath: folder)
    }
    let (outbox, messages) = try Self.outbox(folder + "/outbox", tag: "dry")
    let before = try FileManager.default.contentsOfDirectory(atPath: outbox.folder).sorted()
    let plan = try Sender(outbox: outbox, options: Sender.Options(command: command)).plan()
    #expect(plan.map(\.memberID) == Self.members.sorted())
    #expect(plan.allSatisfy { $0.action == .send })
    #expect(plan.map(\.recipient) == Self.members.sorted().map { "\($0)@example.org" })
    #expect(plan.first?.messageID == messages["aci-006"]?.messageID)
    #expect(try FileManager.default.contentsOfDirectory(atPath: outbox.folder).sorted() == before)
    #expect(try sink.messages().isEmpty)

    let wrong = Sender(outbox: outbox, options: Sender.Options(redirectTo: "me at example.org"))
    #expect(throws: Outbox.Failure.self) { try wrong.plan() }
    #expect(throws: Outbox.Failure.self) { try wrong.run() }
    let redirected = try Sender(
      outbox: outbox, options: Sender.Options(command: command, redirectTo: "me@example.org")
    ).plan()
    #expect(redirected.allSatisfy { $0.recipient == "me@example.org" && $0.action == .send })
  }

  @Test func aRedirectedRunSendsEverythingToOneAddressAndMarksNoMember() throws {
    let (folder, sink, command) = try Self.setUp("send-redirect")
    defer {
      sink.stop()
      try? FileManager.default.removeItem(atPath: folder)
    }
    let (outbox, messages) = try Self.outbox(folder + "/outbox", tag: "test")
    let options = Sender.Options(command: command, redirectTo: "secretaire@example.org")
    let summary = try Sender(outbox: outbox, options: options).run()
    #expect(summary.sent.count == 4)
    #expect(summary.journal == folder + "/outbox/test-secretaire@example.org/sent.log")
    var received = try sink.messages()
    #expect(received.count == 4)
    #expect(received.allSatisfy { $0.rcptTo == "secretaire@example.org" && $0.defects.isEmpty })
    #expect(received.allSatisfy { $0.toAddress == "secretaire@example.org" })
    let ara = try #require(received.first { $0.messageID == messages["ara"]?.messageID })
    #expect(ara.originalTo == "Membre « ara » <ara@example.org>")
    #expect(ara.attachments.first?.filename == "convocation-ara-été.pdf")
    // The members' journal is untouched: the real run still sends to every member.
    #expect(!FileManager.default.fileExists(atPath: outbox.folder + "/sent.log"))
    #expect(try outbox.entries().map(\.memberID) == Self.members.sorted())
    let real = try Sender(outbox: outbox, options: Sender.Options(command: command)).run()
    #expect(real.sent.count == 4)
    received = try sink.messages()
    #expect(received.count == 8)
    #expect(
      Set(received.compactMap(\.rcptTo))
        == Set(Self.members.map { "\($0)@example.org" } + ["secretaire@example.org"]))
  }

  @Test func aMessageWhoseFateIsUnknownIsNotResentUnlessAsked() throws {
    let (folder, sink, command) = try Self.setUp("send-unknown")
    defer {
      sink.stop()
      try? FileManager.default.removeItem(atPath: folder)
    }
    let (outbox, messages) = try Self.outbox(
      folder + "/outbox", tag: "unknown", members: ["ara", "paca"])
    let ara = try #require(messages["ara"])
    // A delivery process died after its intent: the machine stopped, say.
    try "\(ara.messageID)\tara\t2019-05-24T09:00:00Z\tsending pid=1\n".write(
      toFile: outbox.folder + "/sent.log", atomically: true, encoding: .utf8)
    let summary = try Sender(outbox: outbox, options: Sender.Options(command: command)).run()
    #expect(summary.failures.map(\.action) == [.unknown(since: "2019-05-24T09:00:00Z")])
    #expect(summary.sent.map(\.memberID) == ["paca"])
    #expect(try sink.messages().count == 1)
    let retried = try Sender(
      outbox: outbox, options: Sender.Options(command: command, retryUnknown: true)
    ).run()
    #expect(retried.sent.map(\.memberID) == ["ara"])
    #expect(try sink.messages().count == 2)
  }

  @Test func aMemberWhoReceivedAnEarlierVersionIsNotSentTheNewOneUnlessAsked() throws {
    let (folder, sink, command) = try Self.setUp("send-version")
    defer {
      sink.stop()
      try? FileManager.default.removeItem(atPath: folder)
    }
    _ = try Self.outbox(folder + "/outbox", tag: "v1", members: ["ara"])
    _ = try Sender(
      outbox: Outbox(folder: folder + "/outbox"), options: Sender.Options(command: command)
    ).run()
    let (outbox, _) = try Self.outbox(folder + "/outbox", tag: "v2", members: ["ara"])
    let skipped = try Sender(outbox: outbox, options: Sender.Options(command: command)).run()
    guard case .earlierVersionSent = skipped.outcomes.first?.action else {
      Issue.record("\(String(describing: skipped.outcomes.first?.action))")
      return
    }
    #expect(try sink.messages().count == 1)
    let resent = try Sender(
      outbox: outbox, options: Sender.Options(command: command, resendChanged: true)
    ).run()
    let total = try sink.messages().count
    #expect(resent.sent.count == 1 && total == 2)
  }

  /// Kills the sending process (its whole process group, SIGKILL) at random moments,
  /// starts it again, and checks that every message arrived exactly once: 20 times.
  @Test func killedAtAnyMomentAndStartedAgainEveryMessageArrivesExactlyOnce() throws {
    let (folder, sink, command) = try Self.setUp("send-kill")
    defer {
      sink.stop()
      try? FileManager.default.removeItem(atPath: folder)
    }
    let log = folder + "/harness.log"
    var generator = SystemRandomNumberGenerator()
    // How long a whole run takes here, to spread the kills over it.
    let (firstOutbox, _) = try Self.outbox(folder + "/timing", tag: "timing")
    let start = DispatchTime.now().uptimeNanoseconds
    let timing = try GroupedProcess(
      [harness, "--outbox", firstOutbox.folder, "--command", command], output: log)
    #expect(timing.wait() == 0)
    let runTime = max(1, (DispatchTime.now().uptimeNanoseconds - start) / 1_000)
    var expected: [String: String] = [:]
    var killedMidway = 0
    for round in 0..<20 {
      let (outbox, messages) = try Self.outbox(folder + "/round-\(round)", tag: "round\(round)")
      for (member, message) in messages { expected[message.messageID] = member }
      let arguments = [harness, "--outbox", outbox.folder, "--command", command]
      let killed = try GroupedProcess(arguments, output: log + "-\(round)-killed")
      usleep(UInt32(UInt64.random(in: 0...runTime, using: &generator)))
      killed.killGroup()
      if killed.wait() == 128 + SIGKILL { killedMidway += 1 }
      let again = try GroupedProcess(arguments, output: log + "-\(round)")
      let status = again.wait()
      let output = (try? String(contentsOfFile: log + "-\(round)", encoding: .utf8)) ?? ""
      #expect(status == 0, "round \(round): \(output)")
      let journal = try Journal.read(path: outbox.folder + "/sent.log")
      for message in messages.values {
        let accepted = journal.entries.filter {
          $0.messageID == message.messageID && $0.event == .exited(code: 0)
        }
        #expect(accepted.count == 1, "round \(round)")
      }
    }
    #expect(killedMidway >= 10, "most runs must be killed before they end")
    let received = try sink.messages()
    var counts: [String: Int] = [:]
    for message in received { counts[message.messageID ?? "", default: 0] += 1 }
    for (messageID, member) in expected {
      #expect(counts[messageID] == 1, "\(member) \(messageID): \(counts[messageID] ?? 0) copies")
    }
    #expect(received.count == expected.count + 4)
  }
}

@Suite struct JournalTests {
  @Test func aLineCutShortOrMalformedIsIgnored() {
    let text =
      "<a@x>\tara\t2019-05-24T09:00:00Z\tsending pid=12\n"
      + "<a@x>\tara\t2019-05-24T09:00:01Z\texit=0\n"
      + "garbage line\n"
      + "<b@x>\tbzh\t2019-05-24T09:00:02Z\texit=x\n"
      + "<b@x>\tbzh\t2019-05-24T09:00:02Z\tsending pid=13\n"
      + "<b@x>\tbzh\t2019-05-24T09:00:03Z\tex"
    let journal = Journal.parse(text)
    #expect(journal.entries.count == 3)
    #expect(journal.state(of: "<a@x>") == .sent(time: "2019-05-24T09:00:01Z"))
    #expect(journal.state(of: "<b@x>") == .unknown(since: "2019-05-24T09:00:02Z"))
    #expect(journal.state(of: "<c@x>") == .new)
  }

  @Test func theLastAttemptDecidesUntilOneSucceeds() {
    let journal = Journal.parse(
      "<a@x>\tara\tT1\tsending pid=1\n<a@x>\tara\tT2\texit=75\n"
        + "<a@x>\tara\tT3\tsending pid=2\n<a@x>\tara\tT4\texit=0\n"
        + "<a@x>\tara\tT5\tsending pid=3\n<b@x>\tb\tT6\tsending pid=4\n<b@x>\tb\tT7\texit=69\n")
    #expect(journal.state(of: "<a@x>") == .sent(time: "T4"))
    #expect(journal.state(of: "<b@x>") == .failed(code: 69, time: "T7"))
    #expect(journal.delivered(to: "ara").map(\.time) == ["T4"])
  }

  @Test func theRedirectionRewritesTheRecipientOnly() {
    let message =
      "From: a@example.org\r\nTo: =?UTF-8?Q?R=C3=A9gion?=\r\n <r@example.org>\r\nCc: c@example.org\r\n"
      + "Subject: s\r\n\r\nTo: not a header\r\n"
    let redirected = String(
      decoding: Sender.redirect(Array(message.utf8), to: "me@example.org"), as: UTF8.self)
    #expect(
      redirected
        == "From: a@example.org\r\nTo: <me@example.org>\r\nX-Report-Original-To: =?UTF-8?Q?R=C3=A9gion?=\r\n"
        + " <r@example.org>\r\nSubject: s\r\n\r\nTo: not a header\r\n")
    #expect(
      Sender.headers(of: Array(message.utf8))["to"] == "=?UTF-8?Q?R=C3=A9gion?= <r@example.org>")
    #expect(Sender.address(in: "=?UTF-8?Q?R=C3=A9gion?= <r@example.org>") == "r@example.org")
  }
}

/// The sendmail command's program, looked for before any message is handed over.
@Suite struct SendmailProgramTests {
  /// A folder holding an executable `name` and a file `plain` that is not executable.
  func folder(with name: String) throws -> String {
    let folder = try temporaryFolder("report-sendmail-program")
    #expect(
      FileManager.default.createFile(
        atPath: folder + "/" + name, contents: Data("#!/bin/sh\n".utf8),
        attributes: [.posixPermissions: 0o755]))
    #expect(
      FileManager.default.createFile(
        atPath: folder + "/plain", contents: Data(), attributes: [.posixPermissions: 0o644]))
    return folder
  }

  @Test func aProgramOnThePathRunsAsWritten() throws {
    let bin = try folder(with: "mailer")
    #expect(
      Sender.program(of: "mailer -t -i", path: "/nowhere:" + bin, folders: [])
        == .found(command: "mailer -t -i"))
    #expect(
      Sender.program(of: bin + "/mailer -t", path: "", folders: [])
        == .found(command: bin + "/mailer -t"))
  }

  /// Debian puts sendmail in /usr/sbin, which a user's or cron's PATH lacks.
  @Test func aSendmailBesideThePathIsRunByItsPath() throws {
    let sbin = try folder(with: "sendmail")
    #expect(
      Sender.program(of: "sendmail -t -i", path: "/nonexistent", folders: [sbin])
        == .found(command: sbin + "/sendmail -t -i"))
  }

  @Test func aMissingOrUnrunnableProgramIsSaid() throws {
    let bin = try folder(with: "mailer")
    #expect(
      Sender.program(of: "sendmail -t -i", path: bin, folders: [bin])
        == .missing(program: "sendmail"))
    #expect(
      Sender.program(of: bin + "/plain -t", path: bin, folders: [])
        == .missing(program: bin + "/plain"))
    #expect(Sender.program(of: bin, path: bin, folders: []) == .missing(program: bin))
  }

  /// The shell runs the command: its builtins are found as it finds them.
  @Test func aShellBuiltinRunsAsWritten() {
    for command in ["exit 75", "true", "echo sent"] {
      #expect(
        Sender.program(of: command, path: "/nonexistent", folders: [])
          == .found(command: command), "\(command)")
    }
  }

  @Test func shellCodeIsRunAsWritten() {
    for command in [
      "echo refused >&2; exit 75", "cat > \"$HOME/out\"", "A=1 sendmail -t", "sendmail\t-t",
    ] {
      #expect(Sender.program(of: command, path: "", folders: []) == .unchecked, "\(command)")
    }
  }
}
