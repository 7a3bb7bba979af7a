import ReportModel

/// The convocation message of one member: the template's placeholders filled from the
/// year file and the member's row, and the message built around the attachments.
public enum ConvocationMail {
  /// The placeholders a convocation template may use, each with its value for this
  /// member (`nil` when the year file or the row leaves it out).
  ///
  /// The words (months, greetings…) come from `templates/mail/words.yaml`
  /// (``MailWords``): `{member.greeting}` follows the contact's title, dates read
  /// "vendredi 14 juin 2019", the time "14 h" or "14 h 30", with no-break spaces.
  /// - Parameters:
  ///   - attachments: the names of the files attached, listed by `{attachments}`,
  ///     one a line after a dash.
  public static func values(
    year: Year, yearNumber: Int, member: Member, attachments: [String], words: MailWords
  ) -> [String: String?] {
    let organisation = year.organisation
    let assembly = year.assembly
    var values: [String: String?] = [
      "year": String(yearNumber),
      "organisation.name": organisation.name,
      "organisation.email": organisation.email,
      "organisation.address": organisation.address.isEmpty
        ? nil : organisation.address.joined(separator: "\n"),
      "signatory.name": organisation.signatory?.name,
      "signatory.role": organisation.signatory?.role,
      "member.id": member.id,
      "member.name": member.name,
      "member.contact": member.contact,
      "member.greeting": words.greeting(contact: member.contact),
      "member.votes": String(member.votes),
      "member.votes_text": words.votes(member.votes),
      "member.college": member.college,
      "assembly.kind": assembly.kind,
      "assembly.date": assembly.date.map { words.date($0, weekday: true) },
      "assembly.time": assembly.time.map(words.time),
      "assembly.place": assembly.place,
      "assembly.address": assembly.address,
      "assembly.convened_on": assembly.convenedOn.map { words.date($0, weekday: false) },
      "assembly.proxy_deadline": assembly.proxyDeadline.map { words.date($0, weekday: true) },
      "attachments": attachments.isEmpty
        ? nil : attachments.map { "- " + $0 }.joined(separator: "\n"),
    ]
    if let kind = assembly.kind, let first = kind.first {
      values["assembly.kind_lower"] = first.lowercased() + kind.dropFirst()
    } else {
      values["assembly.kind_lower"] = .some(nil)
    }
    return values
  }

  /// The convocation message of a member convened by e-mail.
  /// - Parameters:
  ///   - template: the convocation template (`templates/mail/convocation.txt`).
  ///   - attachments: the files, in the order they are listed and attached.
  ///   - date: the `Date:`, usually ``MailDate/convocation(convenedOn:environment:)``.
  /// - Throws: ``DataError`` when the template uses an unknown or empty placeholder,
  ///   or when the organisation or the member has no usable address.
  public static func message(
    template: MailTemplate, words: MailWords, year: Year, yearNumber: Int, member: Member,
    attachments: [MailAttachment], date: MailDate
  ) throws(DataError) -> MailMessage {
    guard let sender = year.organisation.email else {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: "report.yaml"), field: "organisation.email",
          message: tr("the convocations by e-mail need a sender"),
          hint: tr("add `email:` under `organisation:` in the year file"))
      ])
    }
    guard let address = member.email else {
      throw DataError(problems: [
        DataProblem(
          at: member.location, field: "email", message: tr("the member has no e-mail address"),
          hint: tr("it is convened by post"))
      ])
    }
    let rendered = try template.render(
      values(
        year: year, yearNumber: yearNumber, member: member,
        attachments: attachments.map(\.name), words: words))
    do throws(MailError) {
      return try MailMessage(
        from: Mailbox(name: year.organisation.name, address: sender),
        to: Mailbox(name: member.name, address: address),
        subject: rendered.subject, body: rendered.body, attachments: attachments, date: date,
        identity: [String(yearNumber), member.id])
    } catch {
      throw DataError(problems: [
        DataProblem(at: member.location, field: "email", message: error.message)
      ])
    }
  }
}
