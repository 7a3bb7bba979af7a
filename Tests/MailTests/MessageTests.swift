import Foundation
import ReportModel
import TestSupport
import Testing

@testable import ReportMail

@Suite struct MessageTests {
  /// Bytes that exercise base64: every byte value, and a PDF-like header.
  static let pdf: [UInt8] = Array("%PDF-1.7\n%âãÏÓ\n".utf8) + (0..<2_000).map { UInt8($0 % 256) }

  static func message(
    subject: String = "Convocation à l’assemblée générale ordinaire du vendredi 14 juin 2019",
    body: String = "Madame,\n\nVoici la convocation.\n", attachments: [MailAttachment]? = nil
  ) throws -> MailMessage {
    try MailMessage(
      from: Mailbox(name: "CHANTIER école", address: "secretariat@chantierecole.org"),
      to: Mailbox(name: "Éco-Recyclerie du Pays d’Auge", address: "ressourcerie@example.org"),
      subject: subject, body: body,
      attachments: attachments ?? [
        MailAttachment(name: "convocation-aci-006.pdf", bytes: pdf),
        MailAttachment(name: "Dossier de l’AG – été 2019.pdf", bytes: Array(pdf.reversed())),
      ],
      date: MailDate(day: try #require(CalendarDate(iso: "2019-05-24"))),
      identity: ["2019", "aci-006"])
  }

  /// Writes a message to a file and parses it with Python.
  static func parsed(_ message: MailMessage) throws -> (Inspected, [UInt8]) {
    let folder = try temporaryFolder("mail")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = try Outbox(folder: folder).write(message, memberID: "m")
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    return (try #require(try MailSupport.inspect([path]).first), bytes)
  }

  @Test func pythonReadsTheHeadersTheBodyAndTheAttachmentsBack() throws {
    let body =
      "Madame,\n\nNous avons le plaisir de vous convoquer à l’assemblée générale ordinaire, "
      + "qui se tiendra le vendredi 14\u{00A0}juin\u{00A0}2019 à 14\u{00A0}h, au FIAP "
      + "Jean Monnet (salle Paris) : une ligne longue de plus de soixante-seize caractères.\n"
      + "From the start of a line = an equals sign, and trailing spaces   \n"
      + ".\n\nBien cordialement,\n"
    let message = try Self.message(body: body)
    let (inspected, bytes) = try Self.parsed(message)
    #expect(inspected.defects.isEmpty)
    #expect(inspected.fromName == "CHANTIER école")
    #expect(inspected.fromAddress == "secretariat@chantierecole.org")
    #expect(inspected.toName == "Éco-Recyclerie du Pays d’Auge")
    #expect(inspected.toAddress == "ressourcerie@example.org")
    #expect(
      inspected.subject
        == "Convocation à l’assemblée générale ordinaire du vendredi 14 juin 2019")
    #expect(inspected.date == "Fri, 24 May 2019 12:00:00 +0000")
    #expect(inspected.messageID == message.messageID)
    #expect(inspected.contentType == "multipart/mixed")
    #expect(inspected.bodyCharset == "utf-8" && inspected.bodyEncoding == "quoted-printable")
    // The text comes back exactly (Python keeps the message's CRLF line ends).
    #expect(inspected.body?.replacing("\r\n", with: "\n") == body)
    #expect(
      inspected.attachments.map { $0.filename } == [
        "convocation-aci-006.pdf", "Dossier de l’AG – été 2019.pdf",
      ])
    #expect(inspected.attachments.map { $0.contentType } == ["application/pdf", "application/pdf"])
    #expect(inspected.attachments.map { $0.size } == [Self.pdf.count, Self.pdf.count])
    #expect(
      inspected.attachments.map { $0.sha256 } == [
        try MailSupport.sha256(Self.pdf), try MailSupport.sha256(Array(Self.pdf.reversed())),
      ])
    #expect(inspected.attachments.allSatisfy { $0.defects.isEmpty })

    // CRLF everywhere, no bare CR or LF, every line at most 78 characters, ASCII only.
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(bytes.allSatisfy { $0 < 0x80 })
    #expect(!text.replacing("\r\n", with: "").contains("\n"))
    #expect(!text.replacing("\r\n", with: "").contains("\r"))
    let lines = text.components(separatedBy: "\r\n")
    #expect(lines.allSatisfy { $0.count <= 78 }, "\(lines.filter { $0.count > 78 })")
    #expect(text.hasSuffix("--\r\n"))
    // RFC 2231 with an ASCII fallback, RFC 2047 for the headers.
    #expect(
      text.contains(
        "attachment;\r\n filename*0*=UTF-8''Dossier%20de%20l%E2%80%99AG%20%E2%80%93%20%C3%A9t;\r\n"
          + " filename*1*=%C3%A9%202019.pdf\r\n"))
    #expect(text.contains("application/pdf; name=\"Dossier de l_AG _ ete 2019.pdf\""))
    #expect(text.contains("attachment; filename=\"convocation-aci-006.pdf\"\r\n"))
    #expect(text.contains("From: =?UTF-8?Q?CHANTIER_=C3=A9cole?= <secretariat@chantierecole.org>"))
    #expect(
      text.contains(
        "\r\n=46rom the start of a line =3D an equals sign, and trailing spaces  =20\r\n"))
  }

  @Test func theOutboxWritesTheMessageInPiecesAndItsBytesAndIdentityStay() throws {
    let message = try Self.message()
    let folder = try temporaryFolder("mail-pieces")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = try Outbox(folder: folder).write(message, memberID: "m")
    let written = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(written == message.bytes())
    #expect(written.count == message.pieces().reduce(0) { $0 + $1.utf8.count })
    // Each attachment's base64 is a piece of its own, the whole of the attachment's.
    let pieces = message.pieces()
    for attachment in message.attachments {
      #expect(pieces.filter { $0 == attachment.base64 }.count == 1)
    }
    // The Message-ID of these inputs as every earlier version made it: an outbox made
    // again by a newer version keeps its Message-IDs, so the journal still knows what
    // went and nothing is sent twice.
    #expect(message.messageID == "<2019.aci-006.e2d70a1e1aa65d905f72010a@chantierecole.org>")
  }

  @Test func theSameInputsGiveTheSameBytesAndAnyChangeAnotherMessageID() throws {
    let first = try Self.message()
    let again = try Self.message()
    #expect(first.bytes() == again.bytes())
    let id = first.messageID
    #expect(id.hasPrefix("<2019.aci-006.") && id.hasSuffix("@chantierecole.org>"))
    #expect(id.count == "<2019.aci-006.@chantierecole.org>".count + 24)
    let otherBody = try Self.message(body: "Madame,\n\nVoici la convocation !\n")
    let otherPDF = try Self.message(attachments: [
      MailAttachment(name: "convocation-aci-006.pdf", bytes: Self.pdf + [0])
    ])
    let ids = [id, otherBody.messageID, otherPDF.messageID]
    #expect(Set(ids).count == 3)
  }

  @Test func longAndPlainHeadersFoldAndQuote() throws {
    let subject = String(repeating: "Très long objet de message, ", count: 8)
    let message = try MailMessage(
      from: Mailbox(name: "Réseau, \"CHANTIER\" école", address: "a@example.org"),
      to: Mailbox(name: "Dupont, Jean", address: "b@example.org"),
      subject: subject, body: "x", date: MailDate(secondsSinceEpoch: 0), identity: ["t"])
    let (inspected, bytes) = try Self.parsed(message)
    #expect(inspected.defects.isEmpty)
    #expect(inspected.subject == subject.trimmingCharacters(in: .whitespaces))
    #expect(inspected.fromName == "Réseau, \"CHANTIER\" école")
    #expect(inspected.toName == "Dupont, Jean")
    #expect(String(decoding: bytes, as: UTF8.self).contains("To: \"Dupont, Jean\" <b@example.org>"))
    #expect(inspected.date == "Thu, 01 Jan 1970 00:00:00 +0000")
    #expect(inspected.attachments.isEmpty)
    let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
    #expect(lines.allSatisfy { $0.count <= 78 })
  }

  @Test func aVeryLongFileNameIsCutIntoRFC2231Sections() throws {
    let name =
      "Procès-verbal de l’assemblée générale ordinaire de l’année 2019 – version définitive.pdf"
    let message = try Self.message(attachments: [MailAttachment(name: name, bytes: [1, 2, 3])])
    let (inspected, bytes) = try Self.parsed(message)
    #expect(inspected.attachments.first?.filename == name)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("filename*0*=UTF-8''") && text.contains("filename*1*="))
    #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
  }

  @Test func invalidAddressesAndIdentitiesAreRefused() throws {
    let date = MailDate(secondsSinceEpoch: 0)
    #expect(throws: MailError.self) {
      try MailMessage(
        from: Mailbox(address: "a@example.org"), to: Mailbox(address: "b example.org"),
        subject: "s", body: "b", date: date, identity: ["x"])
    }
    #expect(throws: MailError.self) {
      try MailMessage(
        from: Mailbox(address: "a@example.org"), to: Mailbox(address: "b@example.org"),
        subject: "s", body: "b", date: date, identity: ["2019", "a b"])
    }
  }

  @Test func theDateIsConvenedOnElseSourceDateEpochNeverTheClock() throws {
    let day = try #require(CalendarDate(iso: "2019-05-24"))
    #expect(
      MailDate.convocation(convenedOn: day, environment: ["SOURCE_DATE_EPOCH": "0"])?.description
        == "Fri, 24 May 2019 12:00:00 +0000")
    #expect(
      MailDate.convocation(convenedOn: nil, environment: ["SOURCE_DATE_EPOCH": "1558699200"])?
        .description == "Fri, 24 May 2019 12:00:00 +0000")
    #expect(MailDate.convocation(convenedOn: nil, environment: [:]) == nil)
    #expect(
      MailDate(secondsSinceEpoch: 951_782_400).description == "Tue, 29 Feb 2000 00:00:00 +0000")
  }

  @Test func sha256MatchesTheStandardVectors() {
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    var pieces = SHA256()
    for _ in 0..<1_000 { pieces.update(Array(repeating: UInt8(ascii: "a"), count: 1_000)) }
    #expect(
      pieces.finalize().map { String(format: "%02x", $0) }.joined()
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func quotedPrintableKeepsLinesShortAndEncodesWhatItMust() {
    let encoded = MIMEEncoding.quotedPrintable(String(repeating: "é", count: 40) + "\nfin ")
    let lines = encoded.components(separatedBy: "\r\n")
    #expect(lines.allSatisfy { $0.count <= 76 })
    #expect(lines.count == 6 && lines.prefix(3).allSatisfy { $0.count == 76 && $0.hasSuffix("=") })
    #expect(lines.suffix(2) == ["fin=20", ""])
  }
}

@Suite struct OutboxTests {
  @Test func writesAtomicallyAndRemovesStaleMessages() throws {
    let folder = try temporaryFolder("outbox") + "/convocations/outbox"
    let outbox = Outbox(folder: folder)
    for id in ["ara", "bretagne", "old"] {
      try outbox.write(pieces: ["message \(id)\r\n"], memberID: id)
    }
    try outbox.write(pieces: ["message ara v2\r\n"], memberID: "ara")
    #expect(
      try String(contentsOfFile: outbox.path(of: "ara"), encoding: .utf8) == "message ara v2\r\n")
    #expect(try outbox.removeMessages(except: ["ara", "bretagne"]) == ["old"])
    #expect(try outbox.entries().map(\.memberID) == ["ara", "bretagne"])
    // No temporary file left behind.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
        "ara.eml", "bretagne.eml",
      ])
    try? FileManager.default.removeItem(atPath: folder)
  }

  @Test func anUnwritableFolderIsAFailureNamingIt() throws {
    let file = try temporaryFolder("outbox") + "/file"
    try Data("x".utf8).write(to: URL(fileURLWithPath: file))
    let outbox = Outbox(folder: file + "/outbox")
    let failure = try #require(throws: Outbox.Failure.self) {
      try outbox.write(pieces: ["\u{1}"], memberID: "a")
    }
    #expect(failure.path.hasPrefix(file))
  }
}
