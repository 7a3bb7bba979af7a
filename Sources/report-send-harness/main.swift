// The send loop of `report send` as a process of its own, for the tests that kill it
// at random moments: report-send-harness --outbox DIR [--command CMD]
// [--redirect-to ADDRESS] [--retry-unknown] [--dry-run]. Prints one line per message,
// exits 1 when a message failed, 2 on a usage error, 3 when the outbox is unusable.
import Foundation
import ReportMail

var options = Sender.Options()
var outbox: String?
var dryRun = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
  switch argument {
  case "--outbox": outbox = arguments.popFirst()
  case "--command": options.command = arguments.popFirst() ?? options.command
  case "--redirect-to": options.redirectTo = arguments.popFirst()
  case "--retry-unknown": options.retryUnknown = true
  case "--dry-run": dryRun = true
  default:
    FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
    exit(2)
  }
}
guard let outbox else {
  FileHandle.standardError.write(Data("usage: report-send-harness --outbox DIR\n".utf8))
  exit(2)
}
let sender = Sender(outbox: Outbox(folder: outbox), options: options)
do {
  let outcomes =
    dryRun
    ? try sender.plan()
    : try sender.run { outcome in
      print("\(outcome.memberID)\t\(outcome.messageID)\t\(outcome.action)")
    }.outcomes
  if dryRun {
    for outcome in outcomes {
      print("\(outcome.memberID)\t\(outcome.recipient)\t\(outcome.action)")
    }
  }
  exit(outcomes.contains { $0.action.isFailure } ? 1 : 0)
} catch {
  FileHandle.standardError.write(Data("\(error)\n".utf8))
  exit(3)
}
