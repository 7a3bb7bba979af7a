import Foundation
import TestSupport
import Testing

@testable import ReportModel

@Suite struct MembersTests {
  let loader = MembersCSVLoader()

  static let header = "identifiant;nom;contact;courriel;adresse;code_postal;ville;voix;collège"

  func load(_ text: String) throws(DataError) -> MemberList {
    try loader.load(data: Data(text.utf8), path: "members.csv")
  }

  /// The problems of a file made of the French header and these rows.
  func problems(_ rows: String...) -> [DataProblem] {
    do {
      _ = try load(([Self.header] + rows).joined(separator: "\n"))
      return []
    } catch {
      return error.problems
    }
  }

  /// `line:column field` of each problem.
  func places(_ problems: [DataProblem]) -> [String] {
    problems.map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.field)" }
  }

  @Test func loadsThe2019Members() throws {
    let path = Repository.path("data/2019/members.csv")
    let list = try loader.load(path: path)
    #expect(list.members.count == 40)
    #expect(list.warnings.isEmpty)
    #expect(list.encoding == .utf8 && list.separator == ";")
    #expect(list.totalVotes == 336)
    #expect(list.byPost.count == 7 && list.byEmail.count == 33)
    #expect(Set(list.members.map(\.id)).count == 40)
    let bretagne = try #require(list.members.first { $0.id == "bretagne" })
    #expect(bretagne.address == ["Maison des associations", "6 cours des Alliés"])
    #expect(bretagne.contact == "Mme Gwenaëlle Le Goff" && bretagne.votes == 22)
    #expect(bretagne.college == "Associations régionales")
    #expect(bretagne.location == SourceLocation(file: path, line: 4, column: 1))
    // The row after a two-line address starts two lines further down.
    let centre = try #require(list.members.first { $0.id == "cvl" })
    #expect(centre.location.line == 6 && centre.email == nil)
    #expect(
      centre.postalLines == [
        "M. Thomas Lefèvre", "CHANTIER école Centre-Val de Loire", "17 rue du Faubourg Bannier",
        "45000 ORLÉANS",
      ])
    let colleges = Set(list.members.compactMap(\.college))
    #expect(colleges == ["Associations régionales", "Structures adhérentes"])
    #expect(list.members.allSatisfy { $0.email.map(EmailAddress.isValid) ?? true })

    let year = try YearLoader().load(path: Repository.path("data/2019/report.yaml")).year
    let quorum = try #require(year.assembly.quorum)
    #expect(list.quorumVotes(quorum) == 84)
    #expect(list.quorumProblem(quorum, file: path) == nil)
  }

  @Test func readsEnglishHeadersCommasABOMAndWindows1252() throws {
    let text =
      "ID,Name,E-mail,Address,Postcode,City,Votes,College\r\n"
      + "a-1,Régie Économique,\"\",\"Bâtiment B\r\n3 rue d’Été\",75011,Paris,3,Collège A\r\n"
      + "b-2,Chantier,b@example.org,,,,,\r\n"
    var utf8 = Data([0xEF, 0xBB, 0xBF])
    utf8.append(Data(text.utf8))
    let fromUTF8 = try loader.load(data: utf8, path: "m.csv")
    #expect(fromUTF8.encoding == .utf8 && fromUTF8.separator == ",")
    // Windows-1252: every character of the text is one byte (’ is 0x92).
    let bytes = text.unicodeScalars.map { scalar -> UInt8 in
      scalar == "’" ? 0x92 : UInt8(scalar.value)
    }
    let from1252 = try loader.load(data: Data(bytes), path: "m.csv")
    #expect(from1252.encoding == .windows1252)
    for list in [fromUTF8, from1252] {
      #expect(list.members.map(\.id) == ["a-1", "b-2"])
      #expect(list.members[0].name == "Régie Économique")
      #expect(list.members[0].address == ["Bâtiment B", "3 rue d’Été"])
      #expect(list.members[0].email == nil && list.members[0].votes == 3)
      #expect(list.members[0].college == "Collège A")
      #expect(list.members[1].email == "b@example.org" && list.members[1].votes == 1)
      #expect(list.members[1].address.isEmpty && list.members[1].college == nil)
    }
  }

  @Test func duplicateIdsNameBothLinesAndIgnoreCase() {
    let found = problems(
      "ara;A;;a@example.org;;;;1;", "bzh;B;;b@example.org;;;;1;", "ARA;C;;c@example.org;;;;1;")
    #expect(places(found) == ["4:1 id"])
    #expect(found[0].message == "duplicate member id `ARA`")
    #expect(found[0].hint?.contains("line 2 already uses it") == true)
    #expect(found[0].location.file == "members.csv")
  }

  @Test(arguments: ["acteur 42", "été", "a_b", "x/y", "a.b"])
  func idsHoldOnlyLettersDigitsAndHyphens(id: String) {
    let found = problems("\(id);Membre;;m@example.org;;;;1;")
    #expect(places(found) == ["2:1 id"])
    #expect(found.first?.message.contains("only letters, digits and - are allowed") == true)
  }

  @Test func aMissingIdOrNameIsNamed() {
    #expect(places(problems(";Membre;;m@example.org;;;;1;")) == ["2:1 id"])
    #expect(places(problems("m1;;;m@example.org;;;;1;")) == ["2:4 name"])
  }

  @Test(arguments: [
    ("claire martin@example.org", "contains a space"),
    ("Claire Martin <claire@example.org>", "holds a name and an address"),
    ("claire.example.org", "has no @"),
    ("claire@@example.org", "has 2 @"),
    ("élodie@example.org", "outside ASCII"),
    ("claire.@example.org", "a dot cannot"),
    ("claire@example..org", "malformed"),
    ("claire@-example.org", "hyphen"),
    ("claire@exa_mple.org", "the domain contains `_`"),
    ("@example.org", "nothing before the @"),
    ("claire@", "nothing after the @"),
    ("\"claire\"@example.org", "quoted local part"),
    ("claire@[192.0.2.1]", "address literal"),
    ("a;b@example.org", "contains `;`"),
  ])
  func invalidAddressesAreErrorsAtTheirCell(address: String, message: String) {
    let cell = "\"" + address.replacing("\"", with: "\"\"") + "\""
    let found = problems("m1;Membre;;\(cell);;;;1;")
    #expect(places(found) == ["2:12 email"], "\(address)")
    #expect(found.first?.message.contains(message) == true, "\(found.first?.message ?? "")")
    #expect(found.first?.hint != nil)
  }

  @Test func namesWithAccentsAndUnusualButValidAddressesAreFine() throws {
    let list = try load(
      Self.header + "\n"
        + "m1;Élan Solidarité « Chantiers »;Mme Hélène Dupré;o'brien+ag@sub.example-domain.org;;;;2;\n"
        + "m2;Ressourcerie;;x@localhost;;;;1;")
    #expect(list.members[0].email == "o'brien+ag@sub.example-domain.org")
    #expect(list.members[0].name == "Élan Solidarité « Chantiers »")
    // A domain without a dot is valid SMTP but probably a typo: a warning.
    #expect(places(list.warnings) == ["3:18 email"])
    #expect(list.warnings[0].severity == .warning)
  }

  @Test func aMemberWithNeitherAddressNorEmailCannotBeConvened() {
    let found = problems("m1;Membre;Mme X;;;;;1;")
    #expect(places(found) == ["2:18 address"])
    #expect(
      found[0].message
        == "`Membre` has neither an e-mail nor a postal address: it cannot be convened")
    // By post, the city is needed; with an e-mail, the address is optional.
    #expect(places(problems("m2;Membre;;;1 rue Haute;;;1;")) == ["2:26 city"])
    #expect(problems("m3;Membre;;m@example.org;;;Lyon;1;").isEmpty)
  }

  @Test(arguments: [
    ("0", "at least 1"), ("-2", "not a whole number"), ("1,5", "not a whole number"),
    ("trois", "not a whole number"), ("2000000", "not a whole number"),
    ("+3", "not a whole number"),
  ])
  func votesArePositiveWholeNumbers(votes: String, message: String) {
    let found = problems("m1;Membre;;m@example.org;;;;\(votes);")
    #expect(places(found) == ["2:29 votes"])
    #expect(found.first?.message.contains(message) == true)
  }

  @Test func emptyVotesCountOne() throws {
    let list = try load(
      Self.header + "\nm1;Membre;;m@example.org;;;; ;\nm2;B;;b@example.org;;;;12;")
    #expect(list.members.map(\.votes) == [1, 12] && list.totalVotes == 13)
  }

  @Test func everyProblemOfTheFileIsReportedTogether() {
    let found = problems(
      "m1;Membre;;bad;;;;0;", "", "m1;Autre;;;;;;x;", "m 3;Trois;;t@example.org;;;;1;")
    #expect(
      places(found) == [
        "2:12 email", "2:19 votes", "4:1 id", "4:12 address", "4:15 votes", "5:1 id",
      ])
  }

  @Test func headerProblems() throws {
    func headerProblems(_ header: String) -> [String] {
      do {
        _ = try loader.load(data: Data((header + "\nm1;X;m@example.org").utf8), path: "m.csv")
        return []
      } catch {
        return error.problems.map { "\($0.severity.rawValue) \($0.field) \($0.message)" }
      }
    }
    #expect(headerProblems("nom;courriel") == ["error id missing column `id` (`identifiant`)"])
    #expect(
      headerProblems("id;nom;ville")
        == ["error email no `email` (`courriel`) nor `address` (`adresse`) column"])
    #expect(headerProblems("id;nom;courriel;Nom") == ["error name the column is named twice"])
    let list = try loader.load(
      data: Data("id;nom;courriel;voie\nm1;X;m@example.org;2".utf8), path: "m.csv")
    #expect(list.warnings.map(\.message) == ["unknown column, ignored"])
    #expect(list.warnings[0].hint == "did you mean `voix`?")
    #expect(problemsOf(Data()) == ["the file is empty"])
    #expect(problemsOf(Data("identifiant nom\nara".utf8)) == ["the first line is not a header"])
    #expect(
      problemsOf(Data([0x69, 0x64, 0x3B, 0x00]))
        == ["the file is binary, not text (it contains NUL bytes)"])
  }

  func problemsOf(_ data: Data) -> [String] {
    do {
      _ = try loader.load(data: data, path: "m.csv")
      return []
    } catch {
      return error.problems.map(\.message)
    }
  }

  @Test func anUnclosedQuoteIsLocatedWhereItOpens() {
    let found = problems("m1;Membre;;m@example.org;\"1 rue Haute;75001;Paris;1;", "m2;B;;;;;;1;")
    #expect(places(found) == ["2:26 "])
    #expect(found[0].message.contains("never closed"))
  }

  @Test func extraCellsAreAProblem() {
    let found = problems("m1;Membre;;m@example.org;;;;1;;Lyon")
    #expect(places(found) == ["2:32 "])
  }

  @Test func aFileWithoutMembersIsRefused() {
    #expect(problems().map(\.message) == ["the file lists no member"])
    #expect(problems("", ";;;").map(\.message) == ["the file lists no member"])
  }

  @Test func locatedCSVCountsColumnsAcrossQuotedLineBreaks() throws {
    let rows = try LocatedCSV.rows("a;\"x\r\ny\";\"q\"\"q\"\r\nb;;é;c", separator: ";")
    #expect(rows.map { $0.map(\.text) } == [["a", "x\ny", "q\"q"], ["b", "", "é", "c"]])
    #expect(rows[0].map { "\($0.line):\($0.column)" } == ["1:1", "1:3", "2:4"])
    #expect(rows[1].map { "\($0.line):\($0.column)" } == ["3:1", "3:3", "3:4", "3:6"])
    #expect(throws: LocatedCSV.UnclosedQuote.self) { try LocatedCSV.rows("a;\"b", separator: ";") }
  }

  @Test func theQuorumAsksForTheVotesRoundedUp() throws {
    let members = (1...5).map { Member(id: "m\($0)", name: "M", email: "m@example.org", votes: $0) }
    let list = MemberList(members: members)
    #expect(list.totalVotes == 15)
    #expect(list.quorumVotes(try #require(Quorum(text: "0.25"))) == 4)
    #expect(list.quorumVotes(try #require(Quorum(text: "33,4 %"))) == 6)
    #expect(list.quorumVotes(try #require(Quorum(text: "1"))) == 15)
    #expect(list.quorumProblem(try #require(Quorum(text: "1")), file: "m.csv") == nil)
    let empty = MemberList(members: [])
    let half = try #require(Quorum(text: "0.5"))
    let problem = try #require(empty.quorumProblem(half, file: "m.csv"))
    #expect(problem.message.contains("can never be reached"))
    for text in ["0", "1.5", "150 %", "-0.2", "abc", "", "0.1234567"] {
      #expect(Quorum(text: text) == nil, "\(text)")
    }
    #expect(Quorum(text: "25 %") == Quorum(numerator: 1, denominator: 4))
    #expect(Quorum(text: "0,5") == Quorum(numerator: 1, denominator: 2))
  }

  @Test func theAttendanceOrderIsCollegeThenNameInFrench() {
    let members = [
      Member(id: "z", name: "Zèbre", college: "Structures"),
      Member(id: "e", name: "Élan", college: "Structures"),
      Member(id: "a", name: "abeille", college: "Structures"),
      Member(id: "n", name: "Aucun collège"),
      Member(id: "r", name: "Région", college: "Associations régionales"),
    ]
    #expect(MemberList(members: members).byCollegeThenName.map(\.id) == ["r", "a", "e", "z", "n"])
  }
}

@Suite struct ConvocationYearFieldsTests {
  let base = """
    organisation:
      name: "Réseau"
    document:
      title: "Plan"
    axes:
      - id: a
        title: "Axe A"
    budget:
      charges: []
      products: []
    """

  func load(organisation: String = "", assembly: String) throws(DataError) -> Year {
    let yaml =
      base.replacing(
        "  name: \"Réseau\"\n", with: "  name: \"Réseau\"\n" + organisation)
      + "\nassembly:\n" + assembly
    return try YearLoader().load(data: Data(yaml.utf8), path: "y.yaml").year
  }

  func problems(organisation: String = "", assembly: String) -> [String] {
    do {
      _ = try load(organisation: organisation, assembly: assembly)
      return []
    } catch {
      return error.problems.map { "\($0.location.line ?? 0) \($0.field): \($0.message)" }
    }
  }

  @Test func theFieldsAreRead() throws {
    let year = try load(
      organisation: """
          address: ["1 rue A", "75001 Paris"]
          email: "secretariat@example.org"
          logo: "logo.png"
          signatory: { name: "Claire Dumont", role: "Présidente" }

        """,
      assembly: """
          date: 2019-06-14
          time: "14h30"
          address: "Salle A\\n1 rue B"
          convened_on: 2019-05-30
          proxy_deadline: 2019-06-12
          quorum: "33,5 %"
        """)
    #expect(year.organisation.address == ["1 rue A", "75001 Paris"])
    #expect(year.organisation.email == "secretariat@example.org")
    #expect(year.organisation.logo == "logo.png")
    #expect(year.organisation.signatory == Signatory(name: "Claire Dumont", role: "Présidente"))
    #expect(year.assembly.time == ClockTime(hour: 14, minute: 30))
    #expect(year.assembly.address == "Salle A\n1 rue B")
    #expect(year.assembly.noticeDays == 15)
    #expect(year.assembly.convenedOn == CalendarDate(iso: "2019-05-30"))
    #expect(year.assembly.proxyDeadline == CalendarDate(iso: "2019-06-12"))
    #expect(year.assembly.quorum == Quorum(numerator: 67, denominator: 200))
    #expect(year.texts.contains { $0.field == "organisation.signatory.role" })
    // Exactly the notice required: not late.
    let notice = try #require(year.assembly.noticePeriod)
    #expect(notice.days == 15 && !notice.isLate)
    #expect(notice.problem(at: SourceLocation(file: "y.yaml")) == nil)
  }

  @Test func the2019YearFileConvenesInTime() throws {
    let year = try YearLoader().load(path: Repository.path("data/2019/report.yaml")).year
    #expect(year.organisation.email == "secretariat@chantierecole.org")
    #expect(year.organisation.signatory?.role == "Présidente")
    #expect(year.assembly.time?.description == "14:00")
    let notice = try #require(year.assembly.noticePeriod)
    #expect(notice.days >= 15 && !notice.isLate)
  }

  @Test func lateLettersAreAnErrorThatLateTurnsIntoAWarning() throws {
    let year = try load(
      assembly: "  date: 2019-06-14\n  convened_on: 2019-06-04\n  notice_days: 21")
    let notice = try #require(year.assembly.noticePeriod)
    #expect(notice.days == 10 && notice.requiredDays == 21 && notice.isLate)
    let location = SourceLocation(file: "y.yaml", line: 14, column: 16)
    let error = try #require(notice.problem(at: location))
    #expect(error.severity == .error && error.location == location)
    #expect(error.field == "assembly.convened_on")
    #expect(
      error.message
        == "the convocations are dated 2019-06-04, 10 days before the assembly of 2019-06-14;"
        + " the notice period is 21 days")
    #expect(error.hint?.contains("date them 2019-05-24 or earlier") == true)
    #expect(error.hint?.contains("--late") == true)
    let overridden = try #require(notice.problem(at: location, overridden: true))
    #expect(
      overridden.severity == .warning
        && overridden.message.hasSuffix("(sent late on purpose: --late)"))
    let after = NoticePeriod(
      convenedOn: try #require(CalendarDate(iso: "2019-06-16")),
      assemblyDate: try #require(CalendarDate(iso: "2019-06-14")), requiredDays: 15)
    #expect(after.problem(at: location)?.message.contains("2 days after the assembly") == true)
  }

  @Test func dateArithmeticCrossesMonthsAndLeapDays() throws {
    let date = try #require(CalendarDate(iso: "2020-03-10"))
    #expect(date.adding(days: -15).description == "2020-02-24")
    #expect(date.adding(days: -10).description == "2020-02-29")
    #expect(date.adding(days: 300).description == "2021-01-04")
    #expect(date.adding(days: 0) == date)
  }

  @Test func badValuesAreErrorsWithTheirLine() {
    #expect(
      problems(assembly: "  time: \"25:00\"") == ["12 assembly.time: `25:00` is not a time of day"])
    #expect(
      problems(assembly: "  convened_on: 24/05/2019") == [
        "12 assembly.convened_on: `24/05/2019` is not a date"
      ])
    #expect(
      problems(assembly: "  notice_days: quinze") == [
        "12 assembly.notice_days: `quinze` is not a number of days"
      ])
    #expect(
      problems(assembly: "  quorum: 1.5")
        == [
          "12 assembly.quorum: a quorum is a share of the votes, more than 0 and at most 1; found `1.5`"
        ])
    #expect(problems(assembly: "  quorum: 0").count == 1)
    #expect(
      problems(assembly: "  quorum: beaucoup") == [
        "12 assembly.quorum: `beaucoup` is not a share of the votes"
      ])
    #expect(
      problems(assembly: "  date: 2019-06-14\n  proxy_deadline: 2019-06-15")
        == [
          "13 assembly.proxy_deadline: the proxies are due on 2019-06-15, after the assembly of 2019-06-14"
        ])
    #expect(
      problems(assembly: "  convened_on: 2019-05-20\n  proxy_deadline: 2019-05-01")
        == [
          "13 assembly.proxy_deadline: the proxies are due on 2019-05-01, before the letters are dated (2019-05-20)"
        ])
    #expect(
      problems(organisation: "  email: \"secrétariat@example.org\"\n", assembly: "  kind: AG")
        == [
          "3 organisation.email: `secrétariat@example.org` contains a character outside ASCII (an accent?)"
        ])
    #expect(
      problems(organisation: "  signatory: { role: \"Présidente\" }\n", assembly: "  kind: AG")
        .first?.hasSuffix("organisation.signatory.name: missing required field") == true)
  }

  @Test func clockTimesInFrenchAndISO() {
    #expect(ClockTime(text: "14:00") == ClockTime(hour: 14, minute: 0))
    #expect(ClockTime(text: "9:05") == ClockTime(hour: 9, minute: 5))
    #expect(ClockTime(text: "14h") == ClockTime(hour: 14, minute: 0))
    #expect(ClockTime(text: "14 h 30") == ClockTime(hour: 14, minute: 30))
    for bad in ["24:00", "14", "14:5", "quatorze", "14:00:00", ":30"] {
      #expect(ClockTime(text: bad) == nil, "\(bad)")
    }
  }

  @Test func the2019ConvocationsPassEveryCheck() throws {
    let yearFile = Repository.path("data/2019/report.yaml")
    let loaded = try YearLoader().load(path: yearFile)
    let membersFile = Repository.path("data/2019/members.csv")
    let members = try MembersCSVLoader().load(path: membersFile)
    #expect(
      ConvocationCheck.problems(
        year: loaded.year, yearFile: yearFile, locations: loaded.locations, members: members,
        membersFile: membersFile
      ).isEmpty)
  }

  @Test func theChecksNameWhatIsMissingTheNoticeAndTheQuorum() throws {
    let members = MemberList(members: [
      Member(id: "a", name: "A", email: "a@example.org"), Member(id: "b", name: "B", city: "Lyon"),
    ])
    let bare = try load(assembly: "  kind: AG")
    let missing = ConvocationCheck.problems(
      year: bare, yearFile: "y.yaml", locations: [:], members: members, membersFile: "m.csv")
    #expect(
      missing.map(\.field) == [
        "assembly.date", "assembly.time", "assembly.address", "assembly.convened_on",
        "assembly.proxy_deadline", "organisation.signatory", "organisation.email",
      ])
    #expect(missing.allSatisfy { $0.severity == .error && $0.location.file == "y.yaml" })
    #expect(
      missing.last?.hint == "add `email` to the year file, e.g. secretariat@example.org",
      "\(missing.last?.hint ?? "")")

    let yaml = """
        date: 2019-06-14
        time: "14:00"
        place: Paris
        convened_on: 2019-06-04
        proxy_deadline: 2019-06-11
        quorum: 0.5
      """
    let late = try YearLoader().load(
      data: Data(
        (base.replacing(
          "  name: \"Réseau\"\n",
          with: "  name: \"Réseau\"\n  email: s@example.org\n  signatory: { name: C }\n")
          + "\nassembly:\n" + yaml).utf8), path: "y.yaml")
    let problems = ConvocationCheck.problems(
      year: late.year, yearFile: "y.yaml", locations: late.locations, members: members,
      membersFile: "m.csv")
    #expect(problems.map(\.field) == ["assembly.convened_on"])
    #expect(problems.first?.location.line == 17 && problems.first?.severity == .error)
    let overridden = ConvocationCheck.problems(
      year: late.year, yearFile: "y.yaml", locations: late.locations, members: members,
      membersFile: "m.csv", late: true)
    #expect(overridden.map(\.severity) == [.warning])
    let nobody = ConvocationCheck.problems(
      year: late.year, yearFile: "y.yaml", locations: late.locations,
      members: MemberList(members: []), membersFile: "m.csv", late: true)
    #expect(nobody.map(\.field) == ["assembly.convened_on", "votes"])
    #expect(nobody.last?.message.contains("(y.yaml:19:") == true)
  }
}
