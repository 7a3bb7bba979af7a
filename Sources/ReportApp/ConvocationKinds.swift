import ReportCompose
import ReportLayout
import ReportMarkdown
import ReportModel

/// A member's convocation, `convocations/convocation-<id>.pdf`: the letter, then the pouvoir.
public struct ConvocationLetterDocument: DocumentKind {
  /// The year whose assembly is convened.
  public let loaded: LoadedYear
  /// The member convened.
  public let member: Member
  /// The organisation's logo, checked, for the letterhead.
  public var logo: Picture?

  /// Creates a member's convocation.
  public init(loaded: LoadedYear, member: Member, logo: Picture? = nil) {
    self.loaded = loaded
    self.member = member
    self.logo = logo
  }

  /// `convocation:`.
  public static var words: WordGroup { .convocation }
  /// About forty.
  public static func expectedCount(_ request: Void) -> Int { 40 }

  /// A letter for every member of `members.csv`.
  public static func documents(
    _ request: Void, year: LoadedYear, inputs: Inputs, warnings: inout [String]
  ) throws(RunError) -> [ConvocationLetterDocument] {
    try inputs.members(year: year.number).members.map {
      ConvocationLetterDocument(loaded: year, member: $0)
    }
  }

  /// `convocation`.
  public var name: String { "convocation" }
  /// The letters' date.
  public var day: CalendarDate? { loaded.year.assembly.convenedOn ?? loaded.year.assembly.date }
  /// The year's texts and the member's row.
  public var sources: [SourcedText] { loaded.sources + member.sources }

  /// The letter and pouvoir, in the convocations' folder.
  public func compose(_ templates: Templates) -> ComposedDocument {
    var composer = ConvocationComposer(
      year: loaded.year, yearNumber: loaded.number, templates: templates)
    composer.logo = logo
    var composed = composer.compose(member)
    composed.fileName = Paths.convocationsName + "/" + composed.fileName
    return composed
  }
}

/// The letters of the members convened by post, in one file for recto-verso printing:
/// `convocations/convocations-<year>.pdf`.
public struct PrintedConvocationsDocument: DocumentKind {
  /// The year whose assembly is convened.
  public let loaded: LoadedYear
  /// The members convened by post, in file order.
  public let members: [Member]
  /// Each one's letter's page count.
  public let pages: [Int]
  /// The organisation's logo, checked, for the letterheads.
  public var logo: Picture?

  /// Creates the file of `members`' letters, whose page counts are `pages`.
  public init(loaded: LoadedYear, members: [Member], pages: [Int], logo: Picture? = nil) {
    self.loaded = loaded
    self.members = members
    self.pages = pages
    self.logo = logo
  }

  /// `convocation:`.
  public static var words: WordGroup { .convocation }

  /// Made by ``Application/convocations(year:late:progress:)``, which writes it from the
  /// letters' pages (``write(letters:engine:templates:year:typesetter:)``).
  public static func documents(
    _ request: Void, year: LoadedYear, inputs: Inputs, warnings: inout [String]
  ) throws(RunError) -> [PrintedConvocationsDocument] {
    let members = try inputs.members(year: year.number).byPost
    return [PrintedConvocationsDocument(loaded: year, members: members, pages: [])]
  }

  /// `convocations`.
  public var name: String { "convocations" }
  /// The letters' date.
  public var day: CalendarDate? { loaded.year.assembly.convenedOn ?? loaded.year.assembly.date }
  /// The year's texts and the members' rows.
  public var sources: [SourcedText] { loaded.sources + members.flatMap(\.sources) }

  /// Every letter, each starting on an odd page, as one document to lay out (the
  /// pages `report convocations` writes without laying the letters out again).
  public func compose(_ templates: Templates) -> ComposedDocument {
    var composer = ConvocationComposer(
      year: loaded.year, yearNumber: loaded.number, templates: templates)
    composer.logo = logo
    var composed = composer.composePrinting(members, pages: pages)
    composed.fileName = Paths.convocationsName + "/" + composed.fileName
    return composed
  }
}

extension PrintedConvocationsDocument {
  /// Writes the file to post from the letters' own pages, each drawn as `letters`
  /// gives it and released once drawn.
  ///
  /// The letters were laid out once, for each member's file: none is composed or laid
  /// out again. The pages are those of ``compose(_:)`` laid out as one document (each
  /// letter on an odd page, the page left blank after an odd letter), under its
  /// metadata.
  /// - Parameter letters: the next of `members`' letters, laid out, in the same order;
  ///   `nil` after the last.
  func write(
    letters: () throws(RunError) -> LaidOutDocument?, engine: Engine, templates: Templates,
    year: Int, typesetter: Typesetter
  ) throws(RunError) -> Written {
    var composer = ConvocationComposer(
      year: loaded.year, yearNumber: loaded.number, templates: templates)
    composer.logo = logo
    // The blank page's one line, laid out as a document of its own.
    let blank = composer.blankPage()
    try engine.checkCoverage(blank, sources: [], typesetter: typesetter)
    let blankPage = try engine.layOut(blank, typesetter: typesetter).pages
    guard blankPage.count == 1, let page = blankPage.first else {
      throw RunError(.internal, "error: the blank page of the letters to post is not one page")
    }
    var printing = composer.printing()
    printing.fileName = Paths.convocationsName + "/" + printing.fileName
    return try engine.write(
      joining: letters, blank: page, composed: printing, kind: self, year: year,
      typesetter: typesetter)
  }
}

/// The attendance sheet: `convocations/emargement-<year>.pdf`.
public struct AttendanceSheetDocument: DocumentKind {
  /// The year whose assembly it is.
  public let loaded: LoadedYear
  /// The members.
  public let members: MemberList

  /// Creates the sheet.
  public init(loaded: LoadedYear, members: MemberList) {
    self.loaded = loaded
    self.members = members
  }

  /// `convocation:`.
  public static var words: WordGroup { .convocation }

  /// The year's sheet.
  public static func documents(
    _ request: Void, year: LoadedYear, inputs: Inputs, warnings: inout [String]
  ) throws(RunError) -> [AttendanceSheetDocument] {
    [AttendanceSheetDocument(loaded: year, members: try inputs.members(year: year.number))]
  }

  /// `emargement`.
  public var name: String { "emargement" }
  /// The assembly's day.
  public var day: CalendarDate? { loaded.year.assembly.date }
  /// The year's texts and the members' rows.
  public var sources: [SourcedText] { loaded.sources + members.members.flatMap(\.sources) }

  /// The sheet.
  public func compose(_ templates: Templates) -> ComposedDocument {
    var composed = AttendanceSheetComposer(
      year: loaded.year, yearNumber: loaded.number, members: members, templates: templates
    ).compose()
    composed.fileName = Paths.convocationsName + "/" + composed.fileName
    return composed
  }
}

/// Another kind's document written in the convocations' folder (the resolutions sheet).
public struct InConvocationsFolder: DocumentKind {
  /// The document.
  public let base: any DocumentKind

  /// Wraps a document.
  public init(_ base: any DocumentKind) { self.base = base }

  /// `convocation:`.
  public static var words: WordGroup { .convocation }

  /// Nothing of its own: it wraps documents made by other kinds.
  public static func documents(
    _ request: Void, year: LoadedYear, inputs: Inputs, warnings: inout [String]
  ) -> [InConvocationsFolder] { [] }

  /// The base's.
  public var name: String { base.name }
  /// The base's.
  public var day: CalendarDate? { base.day }
  /// The base's.
  public var sources: [SourcedText] { base.sources }
  /// The base's.
  public var details: Written.Details { base.details }

  /// The base's document, in the convocations' folder.
  public func compose(_ templates: Templates) -> ComposedDocument {
    var composed = base.compose(templates)
    composed.fileName = Paths.convocationsName + "/" + composed.fileName
    return composed
  }
}

extension Member {
  /// The member's texts printed on its letter, with the row they were read from.
  var sources: [SourcedText] {
    var texts: [(String, String)] = [("name", name)]
    if let contact { texts.append(("contact", contact)) }
    texts += address.map { ("address", $0) }
    if let city { texts.append(("city", city)) }
    if let college { texts.append(("college", college)) }
    return texts.map { SourcedText(field: "\(id).\($0.0)", text: $0.1, location: location) }
  }
}

extension Inputs {
  /// Reads the members of a year (`<data>/<year>/members.csv`).
  /// - Throws: ``RunError`` (input) with every problem of the file.
  public func members(year: Int) throws(RunError) -> MemberList {
    let file = paths.membersFile(year)
    do {
      return try timings.measure("read the members") { () throws(DataError) in
        try MembersCSVLoader().load(path: file)
      }
    } catch {
      throw .input(error)
    }
  }
}

extension Paths {
  /// The convocations' folder's name inside a year's output folder.
  public static let convocationsName = "convocations"
}
