import Foundation
import ReportModel

/// The send journal, `outbox/sent.log`: what was handed to the mail system, and how it
/// went.
///
/// Plain text, one line per event, fields separated by tabs:
///
///     <Message-ID>  <member id>  <UTC time>  sending pid=<pid>
///     <Message-ID>  <member id>  <UTC time>  exit=<code>
///
/// `sending` is the intent, written and synced before the message is handed to the
/// sendmail command; `exit=` is the command's exit status once it returned (0: the
/// mail system accepted the message). Lines are only ever appended, each by one
/// `write` with `O_APPEND`, then synced. A line that is cut short (the machine lost
/// power while writing it) is ignored when read.
public struct Journal: Sendable {
  /// One line of the journal.
  public struct Entry: Hashable, Sendable {
    /// What a line records.
    public enum Event: Hashable, Sendable {
      /// The message is about to be handed over by the delivery process `pid`.
      case sending(pid: Int)
      /// The sendmail command returned this exit status.
      case exited(code: Int)
    }

    /// The message's `Message-ID:`, angle brackets included.
    public var messageID: String
    /// The member the message is for.
    public var memberID: String
    /// When, `2019-05-24T09:00:12Z`.
    public var time: String
    /// What happened.
    public var event: Event
  }

  /// Where a message stands according to the journal.
  public enum State: Hashable, Sendable {
    /// Never handed over.
    case new
    /// Accepted by the mail system (a command exited 0) at this time.
    case sent(time: String)
    /// The last attempt failed with this exit status.
    case failed(code: Int, time: String)
    /// Handed over with no result recorded: the delivery process died (the machine
    /// stopped?) after the intent. Whether the mail system has it is unknown.
    case unknown(since: String)
  }

  /// The lines, in order.
  public var entries: [Entry]

  /// Creates a journal from its lines.
  public init(entries: [Entry] = []) { self.entries = entries }

  /// Reads a journal; a missing file is an empty journal.
  public static func read(path: String) throws(Outbox.Failure) -> Journal {
    guard FileManager.default.fileExists(atPath: path) else { return Journal() }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Outbox.Failure(path: path, reason: tr("cannot read the journal"))
    }
    return parse(String(decoding: data, as: UTF8.self))
  }

  /// Parses a journal's text, skipping lines that are not complete entries.
  public static func parse(_ text: String) -> Journal {
    var entries: [Entry] = []
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    // The text after the last line end is a line being written, or cut short.
    lines.removeLast()
    for line in lines {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count == 4, fields[0].hasPrefix("<"), fields[0].hasSuffix(">"),
        !fields[1].isEmpty
      else { continue }
      let status = fields[3]
      let event: Entry.Event
      if status.hasPrefix("sending pid="), let pid = Int(status.dropFirst(12)) {
        event = .sending(pid: pid)
      } else if status.hasPrefix("exit="), let code = Int(status.dropFirst(5)),
        status.dropFirst(5).allSatisfy(\.isNumber)
      {
        event = .exited(code: code)
      } else {
        continue
      }
      entries.append(
        Entry(
          messageID: String(fields[0]), memberID: String(fields[1]), time: String(fields[2]),
          event: event))
    }
    return Journal(entries: entries)
  }

  /// Where a message stands: sent once any attempt exited 0, else what its last
  /// attempt says.
  public func state(of messageID: String) -> State {
    var state = State.new
    for entry in entries where entry.messageID == messageID {
      switch (entry.event, state) {
      case (_, .sent): break
      case (.exited(let code), _) where code == 0: state = .sent(time: entry.time)
      case (.exited(let code), _): state = .failed(code: code, time: entry.time)
      case (.sending, _): state = .unknown(since: entry.time)
      }
    }
    return state
  }

  /// The messages to this member that the mail system accepted, in order.
  public func delivered(to memberID: String) -> [Entry] {
    entries.filter { $0.memberID == memberID && $0.event == .exited(code: 0) }
  }
}
