import Foundation
import ReportModel

/// An address with an optional display name: `"CHANTIER école" <secretariat@…>`.
public struct Mailbox: Hashable, Sendable {
  /// The display name, any text ("CHANTIER école Bretagne").
  public var name: String?
  /// The address, an RFC 5321 mailbox (checked by ``MailMessage/init(from:to:subject:body:attachments:date:identity:)``).
  public var address: String

  /// Creates a mailbox.
  public init(name: String? = nil, address: String) {
    self.name = name
    self.address = address
  }
}

/// A file attached to a message.
public struct MailAttachment: Hashable, Sendable {
  /// The file name the recipient sees, any text ("convocation-Élan.pdf").
  public var name: String
  /// The media type: `application/pdf`.
  public var mediaType: String
  /// The file's bytes.
  public var bytes: [UInt8] {
    didSet {
      digest = SHA256.hex(bytes)
      base64 = MIMEEncoding.base64(bytes)
    }
  }
  /// The bytes' SHA-256, hexadecimal: made once, so that a file attached to every
  /// message (the pack) is hashed once, not once a message.
  private(set) var digest: String
  /// The bytes in base64 as the message carries them, made once for the same reason.
  private(set) var base64: String

  /// Creates an attachment.
  public init(name: String, mediaType: String = "application/pdf", bytes: [UInt8]) {
    self.name = name
    self.mediaType = mediaType
    self.bytes = bytes
    digest = SHA256.hex(bytes)
    base64 = MIMEEncoding.base64(bytes)
  }
}

/// The `Date:` of a message: a moment, never the clock's.
public struct MailDate: Hashable, Sendable, CustomStringConvertible {
  /// Seconds since 1970-01-01T00:00:00Z.
  public var secondsSinceEpoch: Int64

  /// Creates a date.
  public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

  /// Noon UTC of a calendar day: the same day in every time zone of Europe and Africa.
  public init(day: CalendarDate) { secondsSinceEpoch = day.secondsSinceEpoch + 12 * 3_600 }

  /// The date of the convocation messages: noon UTC on `assembly.convened_on` when
  /// the year file gives it, else `SOURCE_DATE_EPOCH` when set, else `nil` (the
  /// caller reports that `convened_on` is missing).
  public static func convocation(
    convenedOn: CalendarDate?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> MailDate? {
    if let convenedOn { return MailDate(day: convenedOn) }
    if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text), seconds >= 0 {
      return MailDate(secondsSinceEpoch: seconds)
    }
    return nil
  }

  /// RFC 5322 form, in UTC: `Fri, 24 May 2019 12:00:00 +0000`.
  public var description: String {
    let days = Int(secondsSinceEpoch.quotientAndRemainder(dividingBy: 86_400).quotient)
    let seconds = Int(secondsSinceEpoch - Int64(days) * 86_400)
    let epoch = CalendarDate(year: 1970, month: 1, day: 1).map { $0.adding(days: days) }
    guard let date = epoch else { return "Thu, 01 Jan 1970 00:00:00 +0000" }
    let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let weekday = weekdays[((days % 7) + 7) % 7]
    return "\(weekday), \(two(date.day)) \(months[date.month - 1]) \(date.year) "
      + "\(two(seconds / 3_600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)) +0000"
  }
}

/// What makes a message impossible to build.
public struct MailError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What is wrong.
  public var message: String

  /// Creates an error.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}

/// An Internet message (RFC 5322, MIME): a French text and the PDFs of a convocation.
///
/// The bytes are `multipart/mixed`: first the text, `text/plain; charset=UTF-8` in
/// quoted-printable, then each attachment in base64 with its name as RFC 2231 writes
/// it (`Content-Disposition: attachment; filename*=UTF-8''convocation-%C3%89lan.pdf`)
/// and a plain ASCII fallback (`Content-Type: application/pdf; name="convocation-Elan.pdf"`).
/// Headers holding other than ASCII are RFC 2047 encoded words. Every line ends with
/// CRLF and holds at most 78 characters.
///
/// Nothing depends on the clock or on chance: the `Date:` is given, the boundary is
/// derived from the content, and the `Message-ID:` from the identity (year, member
/// id) and a hash of the whole message without it. The same inputs give the same
/// bytes, so a regenerated outbox keeps its Message-IDs and the send journal, keyed by
/// Message-ID, still knows what went.
public struct MailMessage: Sendable {
  /// The sender.
  public var from: Mailbox
  /// The recipient.
  public var to: Mailbox
  /// The subject, any text.
  public var subject: String
  /// The text, lines separated by `\n`.
  public var body: String
  /// The files attached, in order.
  public var attachments: [MailAttachment]
  /// The `Date:` header.
  public var date: MailDate
  /// The parts of the Message-ID before its hash, such as `["2019", "ara"]`.
  public var identity: [String]

  /// Creates a message.
  /// - Throws: ``MailError`` when an address is not an RFC 5321 mailbox or an
  ///   identity part holds other than letters, digits and `-`.
  public init(
    from: Mailbox, to: Mailbox, subject: String, body: String, attachments: [MailAttachment] = [],
    date: MailDate, identity: [String]
  ) throws(MailError) {
    for mailbox in [from, to] {
      if let problem = EmailAddress.problem(in: mailbox.address) {
        throw MailError(problem.message)
      }
    }
    for part in identity
    where part.isEmpty
      || !part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
    {
      throw MailError("`\(part)` cannot be part of a Message-ID: only letters, digits and -")
    }
    self.from = from
    self.to = to
    self.subject = subject
    self.body = body
    self.attachments = attachments
    self.date = date
    self.identity = identity
  }

  /// A header value of a mailbox: the display name's phrase then `<address>`.
  static func mailboxTokens(_ mailbox: Mailbox) -> [String] {
    guard let name = mailbox.name, !name.isEmpty else { return [mailbox.address] }
    return MIMEEncoding.phrase(name) + ["<\(mailbox.address)>"]
  }

  /// The domain of the sender's address, the right-hand side of the Message-ID.
  var domain: String { String(from.address.split(separator: "@").last ?? "localhost") }

  /// The message without its `Message-ID:` header, and that header's value.
  ///
  /// The rest comes in pieces, each attachment's base64 one of its own: it is the attachment's
  /// string itself, shared, so a pack attached to every message is not copied for each.
  private func parts() -> (headers: String, rest: [String], messageID: String) {
    var content = SHA256()
    content.update(Array(subject.utf8) + [0] + Array(body.utf8) + [0])
    for attachment in attachments {
      content.update(Array(attachment.name.utf8) + [0] + Array(attachment.mediaType.utf8) + [0])
      content.update(Array(attachment.digest.utf8))
    }
    let boundary = "=_report_" + content.finalize().prefix(12).map(MIMEEncoding.hex).joined()

    var headers = ""
    headers += MIMEEncoding.header("From", Self.mailboxTokens(from))
    headers += MIMEEncoding.header("To", Self.mailboxTokens(to))
    headers += MIMEEncoding.header("Subject", MIMEEncoding.unstructured(subject))
    headers += MIMEEncoding.header("Date", [date.description])
    var pieces: [String] = []
    var rest = MIMEEncoding.header("MIME-Version", ["1.0"])
    rest += MIMEEncoding.header("Content-Type", ["multipart/mixed;", "boundary=\"\(boundary)\""])
    rest += "\r\nThis is a message in MIME format.\r\n"
    rest += "\r\n--\(boundary)\r\n"
    rest += MIMEEncoding.header("Content-Type", ["text/plain;", "charset=UTF-8"])
    rest += MIMEEncoding.header("Content-Transfer-Encoding", ["quoted-printable"])
    rest += "\r\n" + MIMEEncoding.quotedPrintable(body)
    for attachment in attachments {
      let fallback = MIMEEncoding.asciiFallback(attachment.name)
      rest += "\r\n--\(boundary)\r\n"
      rest += MIMEEncoding.header(
        "Content-Type", ["\(attachment.mediaType);", "name=\"\(fallback)\""])
      // The name as RFC 2231 writes it when it is not plain ASCII; readers that do not
      // know RFC 2231 show the Content-Type's plain `name`. Both `filename` and
      // `filename*` would be a duplicate parameter to some parsers (Python's).
      var parameters = ["attachment;"]
      if MIMEEncoding.isPlain(attachment.name) && fallback == attachment.name {
        parameters.append("filename=\"\(fallback)\"")
      } else {
        let extended = MIMEEncoding.extendedParameter("filename", attachment.name)
        parameters += extended.enumerated().map {
          $0.offset < extended.count - 1 ? $0.element + ";" : $0.element
        }
      }
      rest += MIMEEncoding.header("Content-Disposition", parameters)
      rest += MIMEEncoding.header("Content-Transfer-Encoding", ["base64"])
      rest += "\r\n"
      pieces += [rest, attachment.base64]
      rest = ""
    }
    rest += "\r\n--\(boundary)--\r\n"
    pieces.append(rest)
    var whole = SHA256()
    whole.update(utf8: headers)
    for piece in pieces { whole.update(utf8: piece) }
    let hash = SHA256.hex(digest: whole.finalize()).prefix(24)
    let messageID = "<" + (identity + [String(hash)]).joined(separator: ".") + "@\(domain)>"
    return (headers, pieces, messageID)
  }

  /// The `Message-ID:` value, angle brackets included.
  public var messageID: String { parts().messageID }

  /// The message as it is written to `outbox/<id>.eml` and handed to sendmail.
  public func bytes() -> [UInt8] { Array(pieces().joined().utf8) }

  /// The message in the pieces ``bytes()`` joins, in order: what ``Outbox`` writes one
  /// after the other, so that a message is not made whole in memory (joined, it was
  /// three copies of the pack's base64 for every member's message).
  public func pieces() -> [String] {
    let (headers, rest, messageID) = parts()
    return [headers + MIMEEncoding.header("Message-ID", [messageID])] + rest
  }
}
