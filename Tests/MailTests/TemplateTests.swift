import Foundation
import ReportModel
import TestSupport
import Testing

@testable import ReportMail

@Suite struct TemplateTests {
  func problems(_ text: String, _ values: [String: String?] = [:]) -> [String] {
    do {
      let template = try MailTemplate(text: text, path: "mail.txt")
      _ = try template.render(values)
      return []
    } catch {
      return error.problems.map {
        "\($0.location.file):\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.message)"
      }
    }
  }

  @Test func placeholdersAreReplacedAndBracesEscaped() throws {
    let template = try MailTemplate(
      text: "Objet : Convocation de {member.name}\n\n{member.greeting}\n\n{{texte}} et {a}{b}.\n",
      path: "mail.txt")
    #expect(template.placeholders == ["member.name", "member.greeting", "a", "b"])
    let rendered = try template.render([
      "member.name": "Région", "member.greeting": "Madame,", "a": "1", "b": "2",
    ])
    #expect(rendered.subject == "Convocation de Région")
    #expect(rendered.body == "Madame,\n\n{texte} et 12.\n")
  }

  @Test func anUnknownPlaceholderNamesTheFileLineAndColumn() {
    let text = "Objet : AG {year}\n\nBonjour {member.nmae},\nVotre voix : {member.votes}\n"
    #expect(
      problems(text, ["year": "2019", "member.name": "X", "member.votes": "2"]) == [
        "mail.txt:3:9 unknown placeholder `{member.nmae}`"
      ])
    // In the subject line, the column counts from the line's start.
    #expect(
      problems("Subject: {yaer}\n\nx", ["year": "2019"]) == [
        "mail.txt:1:10 unknown placeholder `{yaer}`"
      ])
  }

  @Test func aKnownPlaceholderWithoutAValueIsAnError() {
    let values: [String: String?] = ["assembly.time": nil]
    #expect(values.keys.contains("assembly.time"))
    #expect(
      problems("Objet : x\n\nÀ {assembly.time}\n", values) == [
        "mail.txt:3:3 `{assembly.time}` has no value for this message"
      ])
  }

  @Test func malformedTemplatesAreRefused() {
    #expect(
      problems("Bonjour\n\nx") == [
        "mail.txt:1:1 the first line of a mail template gives the subject"
      ])
    #expect(
      problems("Objet : x\ny\n") == ["mail.txt:2:1 an empty line must follow the subject line"])
    #expect(
      problems("Objet : x\n\nun { seul\n") == ["mail.txt:3:4 a `{` opens no placeholder here"])
    #expect(problems("Objet : x\n\nfin }\n") == ["mail.txt:3:5 a `}` closes no placeholder here"])
  }

  @Test func theConvocationTemplateRendersForEvery2019Member() throws {
    let year = try YearLoader().load(path: Repository.path("data/2019/report.yaml")).year
    let members = try MembersCSVLoader().load(path: Repository.path("data/2019/members.csv"))
    let template = try MailTemplate(path: Repository.path("templates/mail/convocation.txt"))
    let words = try MailWords(path: Repository.path("templates/mail/words.yaml"))
    let date = try #require(MailDate.convocation(convenedOn: year.assembly.convenedOn))
    let pdf = [UInt8]("%PDF-1.7 test".utf8)
    var ids: Set<String> = []
    for member in members.byEmail {
      let message = try ConvocationMail.message(
        template: template, words: words, year: year, yearNumber: 2019, member: member,
        attachments: [
          MailAttachment(name: "convocation-\(member.id).pdf", bytes: pdf),
          MailAttachment(name: "dossier-ag-2019.pdf", bytes: pdf),
        ], date: date)
      ids.insert(message.messageID)
      #expect(message.to.address == member.email)
    }
    // The 2019 members: 40, of whom 33 have an e-mail address.
    #expect(members.byEmail.count == 33)
    #expect(ids.count == members.byEmail.count)
    let bretagne = try #require(members.members.first { $0.id == "bretagne" })
    let rendered = try template.render(
      ConvocationMail.values(
        year: year, yearNumber: 2019, member: bretagne,
        attachments: ["convocation-bretagne.pdf", "dossier-ag-2019.pdf"], words: words))
    #expect(
      rendered.subject
        == "Convocation à l’assemblée générale ordinaire du vendredi 14\u{00A0}juin\u{00A0}2019")
    #expect(
      rendered.body.hasPrefix("Madame,\n\nAu nom du conseil d’administration de CHANTIER école"))
    #expect(
      rendered.body.contains(
        "convoquer votre structure, CHANTIER école Bretagne, à l’assemblée générale ordinaire\n"
          + "qui se tiendra le vendredi 14\u{00A0}juin\u{00A0}2019 à 14\u{00A0}h"))
    #expect(rendered.body.contains("FIAP Jean Monnet, salle Paris\n30 rue Cabanis\n75014 Paris"))
    #expect(rendered.body.contains("- convocation-bretagne.pdf\n- dossier-ag-2019.pdf"))
    #expect(rendered.body.contains("les 22\u{00A0}voix dont dispose"))
    #expect(rendered.body.contains("au plus tard le\nmardi 11\u{00A0}juin\u{00A0}2019"))
    #expect(rendered.body.contains("Claire Dumont\nPrésidente, CHANTIER école\n61 rue Victor Hugo"))
    #expect(!rendered.body.contains("{") && !rendered.body.contains("}"))
  }

  @Test func frenchDatesGreetingsAndTimes() throws {
    let words = try MailWords(path: Repository.path("templates/mail/words.yaml"))
    let first = try #require(CalendarDate(iso: "2019-06-01"))
    #expect(words.date(first, weekday: true) == "samedi 1er\u{00A0}juin\u{00A0}2019")
    let convened = try #require(CalendarDate(iso: "2019-05-24"))
    #expect(words.date(convened, weekday: false) == "24\u{00A0}mai\u{00A0}2019")
    #expect(
      words.date(try #require(CalendarDate(iso: "1970-01-01")), weekday: true).hasPrefix("jeudi"))
    #expect(words.greeting(contact: "Mme Claire Martin") == "Madame,")
    #expect(words.greeting(contact: "M. Karim Benali") == "Monsieur,")
    #expect(words.greeting(contact: nil) == "Madame, Monsieur,")
    #expect(words.time(try #require(ClockTime(hour: 9, minute: 5))) == "9\u{00A0}h\u{00A0}05")
    #expect(words.time(try #require(ClockTime(hour: 14, minute: 0))) == "14\u{00A0}h")
    #expect(words.votes(1) == "la voix" && words.votes(22) == "les 22\u{00A0}voix")
  }

  @Test func aBrokenWordsFileNamesTheKeyAndLine() {
    let text = "months: [janvier]\nweekdays: [lundi]\n"
    let error = #expect(throws: DataError.self) { try MailWords(text: text, path: "w.yaml") }
    let fields = error?.problems.map { "\($0.location.line ?? 0) \($0.field)" } ?? []
    #expect(fields.prefix(3) == ["1 months", "2 weekdays", "1 first_day"])
    #expect(error?.problems.first?.message == "expected a list of 12 words")
  }
}
