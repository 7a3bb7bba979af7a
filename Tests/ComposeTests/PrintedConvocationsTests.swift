import Foundation
import ReportLayout
import ReportModel
import TestSupport
import Testing

@testable import ReportCompose

/// The file to post, made of the letters' own pages, is the file laid out as one.
@Suite struct PrintedConvocationsTests {
  let templates: Templates
  let members: [Member]

  init() throws {
    templates = try Shipped.templates()
    members = try MembersCSVLoader().load(path: Repository.path("data/2019/members.csv")).byPost
  }

  /// The 2019 year, its agenda `extra` items longer (a letter of three pages).
  func composer(extra: Int) throws -> ConvocationComposer {
    var year = try Shipped.year(2019)
    year.assembly.agenda += (0..<extra).map { "Point supplémentaire numéro \($0 + 1)" }
    return ConvocationComposer(year: year, yearNumber: 2019, templates: templates)
  }

  func layout(_ composed: ComposedDocument) throws -> LaidOutDocument {
    try DocumentLayouter(
      measurer: FixedMeasurer(), firstPageStyle: composed.firstPageStyle, footer: composed.footer
    ).layout(composed.blocks)
  }

  @Test(arguments: [0, 14])
  func joiningTheLettersPagesIsLayingTheFileOut(extra: Int) throws {
    let composer = try composer(extra: extra)
    let letters = try members.map { try layout(composer.compose($0)) }
    let counts = letters.map(\.pages.count)
    // Two pages a letter, or three with the longer agenda: a blank page after each.
    #expect(counts == Array(repeating: extra == 0 ? 2 : 3, count: members.count))
    let blank = try #require(try layout(composer.blankPage()).pages.first)
    let joined = LaidOutDocument.joined(letters, blank: blank)
    let whole = try layout(composer.composePrinting(members, pages: counts))
    #expect(joined.pages.count == whole.pages.count)
    #expect(joined.pages.count == members.count * (extra == 0 ? 2 : 4) - (extra == 0 ? 0 : 1))
    for index in whole.pages.indices where index < joined.pages.count {
      #expect(joined.pages[index] == whole.pages[index], "page \(index + 1)")
    }
    #expect(joined.outline == whole.outline)
    #expect(joined.destinations == whole.destinations)
    // Each letter starts on an odd page: its anchor on page 1, 3, 5… (or 1, 5, 9…).
    for (index, member) in members.enumerated() {
      let page = try #require(joined.destinations[ConvocationAnchor.letter(member.id).name])
      #expect(page == index * (extra == 0 ? 2 : 4))
    }
  }
}
