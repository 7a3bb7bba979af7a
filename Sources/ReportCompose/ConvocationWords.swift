import ReportModel

/// The placeholders of the convocations' texts (`convocation:` in `words.yaml`).
///
/// One set for the whole group: every value is known for every text of a member's
/// letter, pouvoir or sheet, and a misspelt name is still an error when the
/// templates load.
public enum ConvocationNames: PlaceholderNames {
  /// The names.
  public static let names = [
    "organisation", "tagline", "kind", "kind_lower", "date", "time", "place", "address", "city",
    "convened_on", "deadline", "email", "member", "contact", "id", "votes", "college", "year",
    "greeting", "number", "total", "quorum", "hour", "minutes", "sender_address",
  ]
}

/// The words of the convocations (`convocation:` in `words.yaml`): the letter, the
/// pouvoir, the letters to post in one file, the attendance sheet.
public struct ConvocationWords: Decodable, Sendable {
  /// The letter, page 1.
  public struct Letter: Decodable, Sendable {
    /// A member's PDF: `convocation-{id}.pdf`.
    public var fileName: Template<ConvocationNames>
    /// The PDF's title.
    public var title: Template<ConvocationNames>
    /// The PDF's subject.
    public var subject: Template<ConvocationNames>
    /// The PDF's keywords.
    public var keywords: Template<ConvocationNames>
    /// "Pantin, le 24 mai 2019".
    public var placeDate: Template<ConvocationNames>
    /// The subject line.
    public var object: Template<ConvocationNames>
    /// "Madame,".
    public var salutation: Template<ConvocationNames>
    /// The sentence convening the member.
    public var opening: Template<ConvocationNames>
    /// The day and time.
    public var when: Template<ConvocationNames>
    /// "Ordre du jour".
    public var agendaTitle: String
    /// An agenda item's number: "1.".
    public var agendaNumber: Template<ConvocationNames>
    /// The member's votes.
    public var votes: Template<ConvocationNames>
    /// "Documents joints".
    public var documentsTitle: String
    /// The documents attached, one a line.
    public var documents: [Template<ConvocationNames>]
    /// How to give a proxy, and by when.
    public var proxy: Template<ConvocationNames>
    /// The closing formula.
    public var closing: Template<ConvocationNames>
  }

  /// The pouvoir, page 2.
  public struct Proxy: Decodable, Sendable {
    /// "Pouvoir".
    public var title: String
    /// The assembly's line.
    public var assembly: Template<ConvocationNames>
    /// Before the member's fields.
    public var principal: String
    /// The member's name's label.
    public var member: String
    /// The member's id's label.
    public var id: String
    /// The member's votes' label.
    public var votes: String
    /// The blank for who signs for the member.
    public var signatory: String
    /// Before the proxy holder's blanks.
    public var gives: String
    /// The blank for the proxy holder.
    public var holder: String
    /// The blank for who represents the proxy holder.
    public var holderPerson: String
    /// What the proxy is for.
    public var mandate: Template<ConvocationNames>
    /// "Fait à".
    public var madeAt: String
    /// "le".
    public var madeOn: String
    /// The signature box's caption.
    public var signature: String
    /// "Rappel des règles".
    public var rulesTitle: String
    /// The rules, one an item.
    public var rules: [Template<ConvocationNames>]
  }

  /// The letters to post, in one file.
  public struct Printing: Decodable, Sendable {
    /// `convocations-{year}.pdf`.
    public var fileName: Template<ConvocationNames>
    /// The PDF's title.
    public var title: Template<ConvocationNames>
    /// The PDF's subject.
    public var subject: Template<ConvocationNames>
    /// The PDF's keywords.
    public var keywords: Template<ConvocationNames>
    /// What a page left blank says.
    public var blankPage: String
  }

  /// The sheet's columns.
  public struct Columns: Decodable, Sendable {
    /// The member.
    public var member: String
    /// Its votes.
    public var votes: String
    /// Present.
    public var present: String
    /// Represented by.
    public var represented: String
    /// Signature.
    public var signature: String
  }

  /// The attendance sheet.
  public struct Sheet: Decodable, Sendable {
    /// `emargement-{year}.pdf`.
    public var fileName: Template<ConvocationNames>
    /// The title.
    public var title: String
    /// The PDF's subject.
    public var subject: Template<ConvocationNames>
    /// The PDF's keywords.
    public var keywords: Template<ConvocationNames>
    /// The assembly's line.
    public var assembly: Template<ConvocationNames>
    /// How the sheet is filled in.
    public var lead: String
    /// The columns.
    public var columns: Columns
    /// The heading of the members without a college.
    public var noCollege: String
    /// A college's total row.
    public var collegeTotal: Template<ConvocationNames>
    /// The total of votes.
    public var total: Template<ConvocationNames>
    /// The quorum line.
    public var quorum: Template<ConvocationNames>
    /// The blank where the bureau writes the votes present or represented.
    public var count: String
    /// The footer's left text, with the votes and the quorum.
    public var footer: Template<ConvocationNames>
    /// The footer's left text when the year sets no quorum.
    public var footerNoQuorum: Template<ConvocationNames>
  }

  /// The weekdays, Monday first.
  public var weekdays: [String]
  /// "22 voix".
  public var votes: Template<ConvocationNames>
  /// "14 h".
  public var timeOnTheHour: Template<ConvocationNames>
  /// "14 h 30".
  public var time: Template<ConvocationNames>
  /// The greeting for a contact with a female title, a male one, or none.
  public var greetingFemale: String
  /// With a male title.
  public var greetingMale: String
  /// Without a title.
  public var greetingOther: String
  /// The titles a contact may start with.
  public var femaleTitles: [String]
  /// The male ones.
  public var maleTitles: [String]
  /// The letter.
  public var letter: Letter
  /// The pouvoir.
  public var proxy: Proxy
  /// The file to post.
  public var printing: Printing
  /// The attendance sheet.
  public var sheet: Sheet

  /// The greeting of a contact ("Mme Claire Martin" → "Madame").
  public func greeting(contact: String?) -> String {
    let first = (contact ?? "").split(separator: " ").first.map { $0.lowercased() } ?? ""
    if femaleTitles.contains(where: { $0.lowercased() == first }) { return greetingFemale }
    if maleTitles.contains(where: { $0.lowercased() == first }) { return greetingMale }
    return greetingOther
  }

  /// A date with its weekday: "vendredi 14 juin 2019".
  public func weekdayDate(_ date: CalendarDate, style: NumberStyle) -> String {
    // 1970-01-01 was a Thursday: weekday 3 counting from Monday.
    let index = ((date.daysSinceEpoch + 3) % 7 + 7) % 7
    let name = weekdays.indices.contains(index) ? weekdays[index] + " " : ""
    return name + style.longDate(date)
  }

  /// A time of day: "14 h", "9 h 05".
  public func time(_ time: ClockTime) -> String {
    let values = [
      "hour": String(time.hour), "minutes": (time.minute < 10 ? "0" : "") + String(time.minute),
    ]
    return (time.minute == 0 ? timeOnTheHour : self.time).render(values)
  }
}
