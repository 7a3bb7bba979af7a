import Foundation
import ReportModel
import Yams

/// The words the convocation placeholders are made of, from `templates/mail/words.yaml`.
///
/// Month and weekday names, greetings, how votes and times are written: no word of
/// the messages is in the code.
public struct MailWords: Hashable, Sendable {
  /// The months, January first.
  public var months: [String]
  /// The weekdays, Monday first.
  public var weekdays: [String]
  /// The first day of a month ("1er").
  public var firstDay: String
  /// The greeting for a contact with a female title, a male one, or none.
  public var greetingFemale: String, greetingMale: String, greetingOther: String
  /// The titles a contact may start with ("Mme", "M.").
  public var femaleTitles: [String], maleTitles: [String]
  /// One vote ("la voix"), several (`les {n} voix`).
  public var oneVote: String, votes: String
  /// A time on the hour (`{h} h`), with minutes (`{h} h {mm}`).
  public var timeOnTheHour: String, time: String

  /// The keys of the file.
  static let keys = [
    "months", "weekdays", "first_day", "greeting_female", "greeting_male", "greeting_other",
    "female_titles", "male_titles", "one_vote", "votes", "time_on_the_hour", "time",
  ]

  /// Reads the words from a file.
  /// - Throws: ``DataError`` naming the file, line and key of every missing or
  ///   malformed entry.
  public init(path: String) throws(DataError) {
    let data = try DataError.contents(of: path)
    try self.init(text: String(decoding: data, as: UTF8.self), path: path)
  }

  /// Reads the words from the file's text.
  public init(text: String, path: String) throws(DataError) {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      throw DataError(problems: [YAMLSyntax.problem(for: error, file: path)])
    }
    guard let map = root?.mapping else {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path, line: 1), field: "",
          message: tr("expected a mapping of the mail words"),
          hint: tr("start from the repository's templates/mail/words.yaml"))
      ])
    }
    var problems: [DataProblem] = []
    func location(_ node: Node?) -> SourceLocation {
      SourceLocation(file: path, line: node?.mark?.line ?? 1, column: node?.mark?.column)
    }
    func string(_ key: String) -> String {
      guard let value = map[Node(key)]?.string, !value.isEmpty else {
        problems.append(
          DataProblem(
            at: location(map[Node(key)] ?? root), field: key, message: tr("missing or not a text"),
            hint: tr("write `%1: \"…\"`", key)))
        return ""
      }
      return value
    }
    func list(_ key: String, count: Int? = nil) -> [String] {
      let items = map[Node(key)]?.sequence?.compactMap(\.string) ?? []
      if items.isEmpty || count.map({ items.count != $0 }) == true {
        problems.append(
          DataProblem(
            at: location(map[Node(key)] ?? root), field: key,
            message: count.map { tr("expected a list of %1 words", $0) }
              ?? tr("expected a list of words"),
            hint: tr("write `%1: [a, b, …]`", key)))
      }
      return items
    }
    months = list("months", count: 12)
    weekdays = list("weekdays", count: 7)
    firstDay = string("first_day")
    greetingFemale = string("greeting_female")
    greetingMale = string("greeting_male")
    greetingOther = string("greeting_other")
    femaleTitles = list("female_titles")
    maleTitles = list("male_titles")
    oneVote = string("one_vote")
    votes = string("votes")
    timeOnTheHour = string("time_on_the_hour")
    time = string("time")
    guard problems.isEmpty else { throw DataError(problems: problems) }
  }

  /// A date: `vendredi 14 juin 2019` (with its weekday) or `1er juin 2019`, no-break
  /// spaces inside.
  public func date(_ date: CalendarDate, weekday: Bool) -> String {
    let day = date.day == 1 ? firstDay : String(date.day)
    let text = "\(day)\u{00A0}\(months[date.month - 1])\u{00A0}\(date.year)"
    guard weekday else { return text }
    // 1970-01-01 was a Thursday: weekday 3 counting from Monday.
    let index = ((date.daysSinceEpoch + 3) % 7 + 7) % 7
    return weekdays[index] + " " + text
  }

  /// A time: `14 h`, `9 h 05`.
  public func time(_ time: ClockTime) -> String {
    let minutes = (time.minute < 10 ? "0" : "") + String(time.minute)
    return (time.minute == 0 ? timeOnTheHour : self.time)
      .replacing("{h}", with: String(time.hour)).replacing("{mm}", with: minutes)
  }

  /// The greeting of a letter from the contact's title.
  public func greeting(contact: String?) -> String {
    let first = (contact ?? "").split(separator: " ").first.map { $0.lowercased() } ?? ""
    if femaleTitles.contains(where: { $0.lowercased() == first }) { return greetingFemale }
    if maleTitles.contains(where: { $0.lowercased() == first }) { return greetingMale }
    return greetingOther
  }

  /// The votes a member holds, as a text: `la voix`, `les 22 voix`.
  public func votes(_ count: Int) -> String {
    count == 1 ? oneVote : votes.replacing("{n}", with: String(count))
  }
}
