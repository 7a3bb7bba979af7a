import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `report convocations` then `report send`, as the secretary runs them: the outbox read
/// back by Python's `email` package, and the messages sent through msmtp to an SMTP
/// server on loopback.
@Suite(.serialized) struct ConvocationSendTests {
  /// A copy of the 2019 data, its convocations written to `output`.
  static func convened(_ name: String) throws -> (data: String, output: String) {
    let folder = try temporaryFolder(name)
    let data = folder + "/data"
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    // The whole year: its pack has Markdown sections and pictures.
    try FileManager.default.copyItem(atPath: Repository.path("data/2019"), toPath: data + "/2019")
    let output = folder + "/output"
    let result = try reportRun([
      "convocations", "--year", "2019", "--data", data, "--output", output,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    return (data, output)
  }

  /// Runs the built `report` from the repository's root.
  static func reportRun(_ arguments: [String]) throws -> ProcessOutput {
    try run(Repository.executable, arguments, in: Repository.root)
  }

  static func send(_ output: String, _ extra: [String]) throws -> ProcessOutput {
    try reportRun(["send", "--year", "2019", "--output", output] + extra)
  }

  /// Every message parses without defect, goes to its member, and carries the member's
  /// convocation and the pack, byte for byte the PDFs on disk.
  @Test func outboxMessagesCarryThePDFs() throws {
    let (_, output) = try Self.convened("report-outbox")
    let folder = output + "/2019/convocations"
    let outbox = folder + "/outbox"
    let names = try FileManager.default.contentsOfDirectory(atPath: outbox).filter {
      $0.hasSuffix(".eml")
    }.sorted()
    #expect(names.count == 33)
    let pack = try MailSupport.sha256(
      Array(try Data(contentsOf: URL(fileURLWithPath: output + "/2019/dossier-ag-2019.pdf"))))
    let messages = try MailSupport.inspect(names.map { outbox + "/" + $0 })
    for (name, message) in zip(names, messages) {
      let id = String(name.dropLast(4))
      #expect(message.defects.isEmpty, "\(name): \(message.defects)")
      #expect(message.fromAddress == "secretariat@chantierecole.org")
      #expect(message.fromName == "CHANTIER école")
      #expect(
        message.subject
          == "Convocation à l’assemblée générale ordinaire du vendredi 14\u{00A0}juin\u{00A0}2019")
      #expect(message.date == "Fri, 24 May 2019 12:00:00 +0000")
      #expect(message.contentType == "multipart/mixed")
      #expect(message.attachments.count == 2)
      #expect(
        message.attachments.map(\.filename) == ["convocation-\(id).pdf", "dossier-ag-2019.pdf"])
      let letter = try MailSupport.sha256(
        Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/convocation-\(id).pdf"))))
      #expect(message.attachments.first?.sha256 == letter, "\(name)")
      #expect(message.attachments.last?.sha256 == pack, "\(name)")
      #expect(message.attachments.allSatisfy { $0.contentType == "application/pdf" })
      #expect(message.body?.contains("- convocation-\(id).pdf") == true)
    }
    let ara = try #require(messages.first { $0.toAddress == "ara@chantierecole-ara.example" })
    #expect(ara.toName == "CHANTIER école Auvergne-Rhône-Alpes")
    #expect(ara.body?.hasPrefix("Madame,") == true)
    #expect(ara.body?.contains("les 28\u{00A0}voix") == true)
    // Members without an address have no message.
    #expect(!names.contains("aci-003.eml") && !names.contains("aci-009.eml"))
  }

  /// The secretary's sequence: a trial run to one address, then the real one; a second
  /// run sends nothing again.
  @Test func sendThroughMsmtp() throws {
    let (_, output) = try Self.convened("report-send")
    let folder = try temporaryFolder("report-send-sink")
    let sink = try SMTPSink(maildir: folder + "/maildir")
    defer { sink.stop() }
    let command = try MailSupport.msmtpCommand(port: sink.port, folder: folder)

    let dry = try Self.send(output, ["--sendmail", command, "--dry-run", "--json"])
    #expect(dry.status == 0, "\(dry.stderr)")
    let plan = try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any]
    #expect((plan?["counts"] as? [String: Int])?["send"] == 33)
    #expect(plan?["dry_run"] as? Bool == true)
    #expect(try sink.messages().isEmpty)

    let trial = try Self.send(output, ["--sendmail", command, "--redirect-to", "moi@example.org"])
    #expect(trial.status == 0, "\(trial.stderr)")
    #expect(trial.stdout.contains("ara\tmoi@example.org\tsent"))
    var received = try sink.messages()
    #expect(received.count == 33)
    #expect(received.allSatisfy { $0.toAddress == "moi@example.org" })
    #expect(received.contains { $0.originalTo?.contains("ara@chantierecole-ara.example") == true })

    let real = try Self.send(output, ["--sendmail", command, "--json"])
    #expect(real.status == 0, "\(real.stderr)")
    let summary = try JSONSerialization.jsonObject(with: Data(real.stdout.utf8)) as? [String: Any]
    #expect((summary?["counts"] as? [String: Int])?["sent"] == 33)
    let outcomes = summary?["messages"] as? [[String: Any]] ?? []
    #expect(outcomes.count == 33)
    #expect(
      outcomes.first { $0["member"] as? String == "ara" }?["to"] as? String
        == "ara@chantierecole-ara.example")
    received = try sink.messages()
    #expect(received.count == 66)
    let members = received.compactMap(\.toAddress).filter { $0 != "moi@example.org" }
    #expect(Set(members).count == 33 && members.count == 33)

    let again = try Self.send(output, ["--sendmail", command])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("0 sent, 33 already done, 0 failed"), "\(again.stdout)")
    #expect(try sink.messages().count == 66)
  }

  /// A sendmail that is not installed is said once, before any message is tried: the
  /// journal stays empty and the dry run warns.
  @Test func aMissingSendmailIsSaidBeforeAnyMessage() throws {
    let (_, output) = try Self.convened("report-send-missing")
    let missing = try Self.send(output, ["--sendmail", "/nonexistent/sendmail -t -i"])
    #expect(missing.status == 1)
    #expect(
      missing.stderr.hasPrefix(
        "error: the sendmail command's program `/nonexistent/sendmail` is not found\n  hint: "),
      "\(missing.stderr)")
    #expect(!missing.stderr.contains("messages not sent"))
    #expect(missing.stdout.isEmpty, "\(missing.stdout)")
    let journal = output + "/2019/convocations/outbox/sent.log"
    let written = (try? String(contentsOfFile: journal, encoding: .utf8)) ?? ""
    #expect(written.isEmpty, "\(written)")
    // A script's JSON file says it too.
    let json = try Self.send(output, ["--sendmail", "/nonexistent/sendmail", "--json"])
    #expect(json.status == 1)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["ok"] as? Bool == false, "\(json.stdout)")
    let problem = (object?["problems"] as? [[String: Any]])?.first
    #expect(
      problem?["message"] as? String
        == "the sendmail command's program `/nonexistent/sendmail` is not found")
    #expect((problem?["hint"] as? String)?.hasPrefix("install a mail system") == true)
    let dry = try Self.send(output, ["--sendmail", "nosuchmailer -t", "--dry-run"])
    #expect(dry.status == 0)
    #expect(dry.stderr.hasPrefix("warning: the sendmail command's program `nosuchmailer`"))
    #expect(dry.stdout.contains("33 to send"), "\(dry.stdout)")
    // The journal looked at is the one a send that tries the messages writes.
    #expect(try Self.send(output, ["--sendmail", "exit 75"]).status == 1)
    #expect(try String(contentsOfFile: journal, encoding: .utf8).contains("\taci-001\t"))
  }

  /// A failing sendmail: every message is tried, each failure listed, exit code 1; the
  /// next run with a working command sends them.
  @Test func failuresAreListed() throws {
    let (_, output) = try Self.convened("report-send-fail")
    let failed = try Self.send(output, ["--sendmail", "echo refused >&2; exit 75"])
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("error: 33 messages not sent:"), "\(failed.stderr)")
    #expect(failed.stderr.contains("ara\tara@chantierecole-ara.example\tfailed\texit 75: refused"))
    // The same, for a French secretary.
    #expect(try run(Repository.path("scripts/build-locales.sh"), []).status == 0)
    let french = try run(
      Repository.executable,
      ["send", "--year", "2019", "--output", output, "--sendmail", "echo refusé >&2; exit 75"],
      in: Repository.root,
      environment: ["LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""])
    #expect(french.status == 1)
    #expect(french.stderr.contains("erreur: 33 messages non envoyés\u{00A0}:"), "\(french.stderr)")
    #expect(
      french.stderr.contains(
        "ara\tara@chantierecole-ara.example\téchec\tcode de sortie 75\u{00A0}: refusé"))
    #expect(french.stderr.contains("\n  conseil\u{00A0}: corrigez la cause et relancez"))
    #expect(
      french.stdout.contains("envoyés\u{00A0}: 0, déjà faits\u{00A0}: 0, en échec\u{00A0}: 33"))
    let folder = try temporaryFolder("report-send-sink")
    let sink = try SMTPSink(maildir: folder + "/maildir")
    defer { sink.stop() }
    let command = try MailSupport.msmtpCommand(port: sink.port, folder: folder)
    let retried = try Self.send(output, ["--sendmail", command])
    #expect(retried.status == 0, "\(retried.stderr)")
    #expect(try sink.messages().count == 33)
  }

  /// Without an outbox, `report send` says what to run first.
  @Test func noOutbox() throws {
    let output = try temporaryFolder("report-send-none")
    let result = try Self.send(output, ["--dry-run"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("run `report convocations --year 2019` first"))
    // A trial address that is not a mailbox is a usage error, before anything is read.
    let wrong = try Self.send(output, ["--redirect-to", "moi chez example.org"])
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("--redirect-to: `moi chez example.org` contains a space"))
  }

  /// `report send` killed (its process group, SIGKILL) at a random moment and run again:
  /// every member receives its convocation exactly once.
  @Test func killedAndStartedAgainSendsEachOnce() throws {
    let (_, output) = try Self.convened("report-send-kill")
    let original = output + "/2019/convocations/outbox"
    var generator = SystemRandomNumberGenerator()
    var runTime: UInt64 = 0
    var killedMidway = 0
    for round in 0..<5 {
      let folder = try temporaryFolder("report-send-kill-round")
      let sink = try SMTPSink(maildir: folder + "/maildir")
      defer { sink.stop() }
      let command = try MailSupport.msmtpCommand(port: sink.port, folder: folder)
      // A fresh copy of the outbox, never sent.
      let copy = folder + "/output/2019/convocations/outbox"
      try FileManager.default.createDirectory(
        atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try FileManager.default.copyItem(atPath: original, toPath: copy)
      let arguments = [
        Repository.executable, "send", "--year", "2019", "--output", folder + "/output",
        "--sendmail", command,
      ]
      if round == 0 {
        // How long a whole run takes here, to spread the kills over it.
        let start = DispatchTime.now().uptimeNanoseconds
        #expect(try GroupedProcess(arguments, output: folder + "/log").wait() == 0)
        runTime = max(1, (DispatchTime.now().uptimeNanoseconds - start) / 1_000)
        #expect(try sink.messages().count == 33)
        continue
      }
      let killed = try GroupedProcess(arguments, output: folder + "/killed.log")
      usleep(UInt32(min(UInt64(UInt32.max), UInt64.random(in: 0...runTime, using: &generator))))
      killed.killGroup()
      if killed.wait() == 128 + SIGKILL { killedMidway += 1 }
      let again = try GroupedProcess(arguments, output: folder + "/log")
      let log = { (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? "" }
      #expect(again.wait() == 0, "round \(round): \(log())")
      let received = try sink.messages()
      var counts: [String: Int] = [:]
      for message in received { counts[message.toAddress ?? "", default: 0] += 1 }
      #expect(counts.count == 33, "round \(round)")
      #expect(
        counts.values.allSatisfy { $0 == 1 }, "round \(round): \(counts.filter { $0.value != 1 })")
    }
    #expect(killedMidway >= 2, "most runs must be killed before they end")
  }
}
