import Foundation
import ReportLayout
import ReportMarkdown
import ReportModel
import TestSupport
import Testing

@testable import ReportCompose

/// `pack.yaml` read, its problems located, and Markdown sections turned into blocks.
@Suite struct PackSectionsTests {
  let templates: Templates
  let year: Year

  init() throws {
    templates = try Shipped.templates()
    year = try Shipped.year(2019)
  }

  /// A year folder holding `files`, for the list's Markdown.
  func folder(_ files: [String: String]) throws -> String {
    let folder = try temporaryFolder("report-pack-list")
    for (name, text) in files {
      try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }
    return folder
  }

  func problems(_ body: () throws(DataError) -> Void) -> [DataProblem] {
    do {
      try body()
      return []
    } catch {
      return error.problems
    }
  }

  @Test func theTemplatesListIsTheBuiltInPackAndTheYearsReplacesIt() throws {
    let bare = try folder([:])
    let list = try PackList.read(templates: Repository.path("templates"), yearFolder: bare)
    #expect(list.file.hasSuffix("templates/pack.yaml"))
    #expect(
      list.entries.map(\.kind)
        == [
          "cover", "contents", "introduction", "plan", "accounts", "budget",
        ].map { .builtIn($0) })
    let year = try PackList.read(
      templates: Repository.path("templates"), yearFolder: Repository.path("data/2019"))
    #expect(year.file.hasSuffix("data/2019/pack.yaml"))
    #expect(year.entries.count == 8)
    #expect(
      year.entries[3].kind
        == .markdown(file: "rapport-moral.md", title: "Rapport moral", level: 1, anchor: nil))
  }

  @Test func unknownKindsAndKeysAndTwiceListedSectionsAreLocatedWithAHint() throws {
    let dir = try folder([
      "pack.yaml": """
      sections:
        - cover
        - budjet
        - plan
        - plan
        - markdwn: a.md
        - markdown: b.md
          titel: B
          level: 7
      """
    ])
    let found = problems { () throws(DataError) in _ = try PackList.read(dir + "/pack.yaml") }
    let lines = found.map { $0.location.line ?? 0 }
    #expect(lines == [3, 5, 6, 8, 9], "\(found)")
    #expect(found[0].message.contains("unknown section kind `budjet`"))
    #expect(found[0].hint == "did you mean `budget`?")
    #expect(found[1].message.contains("listed twice (first at line 4)"))
    #expect(found[2].hint == "did you mean `markdown`?")
    #expect(found[3].hint == "did you mean `title`?")
    #expect(found[4].message.contains("the level must be 1, 2 or 3"))
    #expect(found.allSatisfy { $0.location.file == dir + "/pack.yaml" })
  }

  @Test func missingFilesDuplicateAnchorsAndUnknownLinksAreErrors() throws {
    let dir = try folder([
      "rapport.md": "# Titre\n\nVoir [le plan](#plan) et [ailleurs](#budgte).\n",
      "plan.md": "Un texte.\n",
      "pack.yaml": """
      sections:
        - markdown: rapport.md
        - markdown: rapprt.md
        - markdown: plan.md
        - budget
      """,
    ])
    let list = try PackList.read(dir + "/pack.yaml")
    let found = problems { () throws(DataError) in
      _ = try list.sections(yearFolder: dir, year: year)
    }
    #expect(found.count == 2, "\(found)")
    // The missing file, at its line of pack.yaml.
    #expect(found[0].location.line == 3 && found[0].message.contains("does not exist"))
    #expect(found[0].hint == "did you mean rapport.md?")
    // plan.md's anchor is #plan (no built-in plan is listed here), so rapport.md's
    // #plan goes to it; #budgte is a typo of #budget, at its Markdown line.
    #expect(found[1].message.contains("#budgte") && found[1].hint == "did you mean #budget?")
    #expect(found[1].location.file == dir + "/rapport.md" && found[1].location.line == 3)
  }

  @Test func aMarkdownSectionNamedAsABuiltInOnesAnchorIsADuplicate() throws {
    let dir = try folder([
      "budget.md": "Texte.\n",
      "pack.yaml": "sections:\n  - budget\n  - markdown: budget.md\n",
    ])
    let list = try PackList.read(dir + "/pack.yaml")
    let found = problems { () throws(DataError) in
      _ = try list.sections(yearFolder: dir, year: year)
    }
    #expect(found.count == 1)
    #expect(found.first?.location.line == 3)
    #expect(found.first?.message == "the anchor #budget is already the budget section's")
    #expect(found.first?.hint == "give this section another one: `anchor: budget-2`")
  }

  @Test func linksToADroppedBuiltInSectionAreRefused() throws {
    let dir = try folder([
      "note.md": "Voir le [budget](#budget).\n",
      "pack.yaml": "sections:\n  - plan\n  - markdown: note.md\n",
    ])
    let list = try PackList.read(dir + "/pack.yaml")
    let found = problems { () throws(DataError) in
      _ = try list.sections(yearFolder: dir, year: year)
    }
    #expect(found.count == 1)
    #expect(found.first?.message.contains("#budget, which is no section of the pack") == true)
  }

  /// The 2019 reports composed as the pack composes them.
  func composed(_ markdown: String, title: String = "Rapport") throws -> Section {
    let dir = try folder(["texte.md": markdown])
    let list = PackList(
      file: dir + "/pack.yaml",
      entries: [
        .init(kind: .builtIn("plan"), line: 1),
        .init(kind: .markdown(file: "texte.md", title: title, level: 1, anchor: nil), line: 2),
      ])
    let sections = try list.sections(yearFolder: dir, year: year)
    guard case .markdown(let section) = sections[1] else {
      Issue.record("not a Markdown section")
      return Section()
    }
    return MarkdownComposer(section: section, templates: templates).compose()
  }

  @Test func headingsMoveUnderTheSectionsTitleAndBecomeEntries() throws {
    let section = try composed("# Un\n\nTexte.\n\n## Deux\n\n### Trois\n\n#### Quatre\n")
    #expect(
      section.entries.map { "\($0.level) \($0.title) #\($0.destination)" } == [
        "1 Rapport #texte", "2 Un #un", "3 Deux #deux", "4 Trois #trois", "5 Quatre #quatre",
      ])
    let levels = section.blocks.compactMap { block -> Int? in
      if case .heading(let heading) = block { return heading.outlineLevel }
      return nil
    }
    #expect(levels == [1, 2, 3, 4, 5])
  }

  @Test func paragraphsKeepTheirRunsWithTheFrenchRulesAcrossThem() throws {
    let section = try composed(
      "Un **mot** : l'*italique*, du `code: brut` et [un lien](https://example.org) ; [le plan](#plan) !\n"
    )
    guard case .paragraph(let paragraph) = section.blocks[1] else {
      Issue.record("no paragraph")
      return
    }
    let runs = paragraph.runs
    #expect(runs.map(\.text).joined().contains("mot\u{00A0}: l’italique"))
    #expect(runs.contains { $0.text == "code: brut" && $0.emphasis == .code })
    #expect(runs.contains { $0.text == "un lien" && $0.link == .uri("https://example.org") })
    #expect(runs.contains { $0.text == "le plan" && $0.link == .destination("plan") })
    #expect(runs.contains { $0.text == "mot" && $0.emphasis == .bold })
    #expect(runs.contains { $0.text == "italique" && $0.emphasis == .italic })
    #expect(runs.last?.text == "\u{202F}!")
    #expect(paragraph.codeFamily == "DejaVu Sans Mono")
    #expect(paragraph.hyphenate && paragraph.alignment == .justify)
  }

  @Test func listsNestAndNumberQuotesAndRulesAreTheirOwnBlocks() throws {
    let section = try composed(
      """
      Deux publics :

      3. premier
         - sous-point
      4. second

      > Une citation.

      ---

      | A | B |
      |---|--:|
      | x | 1 |
      | **Total** | **1** |
      """)
    let blocks = section.blocks.dropFirst()
    guard case .paragraph(let intro) = blocks.first,
      case .itemList(let list) = blocks.dropFirst().first
    else {
      Issue.record("\(blocks)")
      return
    }
    #expect(intro.keepWithNext)
    #expect(list.items.map(\.label) == ["3.", "4."])
    guard case .itemList(let inner) = list.items[0].content.last else {
      Issue.record("no nested list")
      return
    }
    #expect(inner.items.map(\.label) == [templates.words.bullet])
    #expect(
      blocks.contains {
        if case .group(let group) = $0 { group.role == .blockQuote } else { false }
      })
    #expect(blocks.contains { if case .rule = $0 { true } else { false } })
    let table = blocks.compactMap { if case .table(let table) = $0 { table } else { nil } }.first
    #expect(table?.header == ["A", "B"])
    #expect(table?.rows.map(\.kind) == [.body, .total])
    #expect(table?.columns.last?.alignment == .right)
  }

  @Test func picturesAreFiguresWithTheirCaptionAlternativeAndWidth() throws {
    let dir = try folder(["texte.md": ""])
    try FileManager.default.copyItem(
      atPath: Repository.path("data/2019/images"), toPath: dir + "/images")
    try """
    ![Un logo](images/logo.svg "Le logo {width=50%}")
    """.write(toFile: dir + "/texte.md", atomically: true, encoding: .utf8)
    let list = PackList(
      file: dir + "/pack.yaml",
      entries: [
        .init(kind: .markdown(file: "texte.md", title: "T", level: 1, anchor: nil), line: 1)
      ])
    guard case .markdown(let section) = try list.sections(yearFolder: dir, year: year)[0] else {
      Issue.record("not Markdown")
      return
    }
    let blocks = MarkdownComposer(section: section, templates: templates).compose().blocks
    guard case .figure(let figure) = blocks.last, let picture = figure.content as? PictureFigure
    else {
      Issue.record("\(blocks)")
      return
    }
    #expect(figure.alternative == "Un logo")
    #expect(picture.caption == "Le logo")
    #expect(picture.format == .svg && !picture.mayBeTransparent)
    let measure =
      templates.theme.page.width - templates.theme.page.margins.left
      - templates.theme.page.margins.right
    #expect(abs((picture.width ?? 0) - measure / 2) < 0.001)
    let six = MarkdownComposer.captionAndWidth("Légende {width=6cm}").1?.points(of: measure)
    #expect(abs((six ?? 0) - 6 * 72 / 2.54) < 0.001)
    #expect(MarkdownComposer.captionAndWidth("Légende {width=six}").0 == "Légende")
    #expect(MarkdownComposer.captionAndWidth("{width=40mm}").0 == nil)
  }

  @Test func frenchRulesAcrossRunsKeepAsManyRuns() {
    let typography = FrenchTypography()
    #expect(typography.apply(runs: ["mot", " : suite"]) == ["mot", "\u{00A0}: suite"])
    #expect(typography.apply(runs: ["« ", "cité", " »"]) == ["«\u{202F}", "cité", "\u{202F}»"])
    #expect(typography.apply(runs: ["l'", "arbre"]) == ["l’", "arbre"])
    #expect(typography.apply(runs: ["32 ", "%"]) == ["32\u{00A0}", "%"])
    #expect(typography.apply(runs: ["a\u{E000}b"]) == ["a\u{E000}b"])
    #expect(typography.apply(runs: ["x\u{E000}", "y"]) == ["x", "y"])
  }
}
