import Foundation
import ReportLayout
import ReportModel
import TestSupport
import Testing

@testable import ReportCompose

/// The blocks of a composed document, flattened (boxes opened) for inspection.
func flatten(_ blocks: [Block]) -> [Block] {
  blocks.flatMap { block -> [Block] in
    if case .box(let box) = block { return [block] + flatten(box.content) }
    return [block]
  }
}

func headings(_ blocks: [Block]) -> [String] {
  flatten(blocks).compactMap {
    if case .heading(let heading) = $0 { return heading.text } else { return nil }
  }
}

func tables(_ blocks: [Block]) -> [Table] {
  flatten(blocks).compactMap { if case .table(let table) = $0 { return table } else { return nil } }
}

func paragraphs(_ blocks: [Block]) -> [String] {
  flatten(blocks).compactMap {
    if case .paragraph(let paragraph) = $0 { return paragraph.text } else { return nil }
  }
}

@Suite struct ComposeTests {
  let templates: Templates
  let year: Year

  init() throws {
    templates = try Shipped.templates()
    year = try Shipped.year(2019)
  }

  var document: ComposedDocument { PackComposer(year: year, templates: templates).compose() }

  @Test func theTemplatesDescribeFrenchNumbers() {
    let style = templates.words.numberStyle
    #expect(style.money(Money(units: 1_620_000)) == "1\u{202F}620\u{202F}000\u{00A0}€")
    #expect(style.percent(32) == "32\u{00A0}%")
    #expect(
      style.longDate(CalendarDate(year: 2019, month: 6, day: 14)!) == "14\u{00A0}juin\u{00A0}2019")
  }

  @Test func sectionsComeInThePacksOrder() {
    #expect(
      headings(document.blocks) == [
        "Sommaire", "Introduction", "Les priorités de l’année", "Plan d’actions",
        "Axe 1 — L’animation du réseau", "Axe 2 — La professionnalisation des acteurs",
        "Axe 3 — Les moyens", "Synthèse par axe", "Budget prévisionnel", "Charges", "Produits",
        "Équilibre du budget", "Part reversée aux régions et aux acteurs",
      ])
  }

  @Test func actionTablesHaveFrenchStatusesAndAxisTotals() {
    let axisTables = tables(document.blocks).prefix(3)
    #expect(
      axisTables.map(\.header).allSatisfy {
        $0 == ["Action", "Objectif", "Pilote", "Calendrier", "Statut", "Budget"]
      })
    let first = axisTables.first!
    #expect(first.rows.count == 6)
    #expect(
      first.rows[0].cells == [
        "Assises nationales des entreprises sociales apprenantes",
        "Réunir le réseau et ses partenaires autour du modèle de l’entreprise sociale apprenante",
        "Délégation générale", "T2–T4", "Maintenu", "85\u{202F}000\u{00A0}€",
      ])
    #expect(first.rows[5].kind == .total)
    #expect(first.rows[5].cells.first == "Total de l’axe 1")
    #expect(first.rows[5].cells.last == "215\u{202F}000\u{00A0}€")
    let statuses = axisTables.flatMap { $0.rows.filter { $0.kind == .body }.map { $0.cells[4] } }
    #expect(Set(statuses) == ["Maintenu", "Nouveau", "Renforcé", "Non financé"])
    #expect(first.continuationTitle == "Axe 1 — L’animation du réseau (suite)")
  }

  @Test func theSummaryAndBudgetTablesAddUp() {
    let all = tables(document.blocks)
    let summary = all[3]
    #expect(
      summary.rows.map { $0.cells[2] } == [
        "215\u{202F}000\u{00A0}€", "445\u{202F}000\u{00A0}€", "60\u{202F}000\u{00A0}€",
        "720\u{202F}000\u{00A0}€",
      ])
    #expect(
      summary.rows.map { $0.cells[3] } == [
        "30\u{00A0}%", "62\u{00A0}%", "8\u{00A0}%", "100\u{00A0}%",
      ])
    let charges = all[4]
    let products = all[5]
    #expect(charges.rows.count == 11 && products.rows.count == 10)
    #expect(charges.rows.last?.cells.last == "1\u{202F}620\u{202F}000\u{00A0}€")
    #expect(products.rows.last?.cells.last == "1\u{202F}620\u{202F}000\u{00A0}€")
  }

  @Test func theBalanceAndRegionalShareAreStated() {
    let texts = paragraphs(document.blocks)
    #expect(
      texts.contains {
        $0.hasPrefix(
          "Le budget prévisionnel est équilibré à 1\u{202F}620\u{202F}000\u{00A0}€\u{00A0}:")
      })
    #expect(
      texts.contains { $0.hasPrefix("32\u{00A0}% des charges, soit 518\u{202F}400\u{00A0}€") })
  }

  @Test func aSummaryWithABlankLineIsTwoParagraphs() throws {
    let yaml = try String(
      contentsOfFile: Repository.path("data/2019/report.yaml"), encoding: .utf8
    ).replacingOccurrences(
      of: "    les débats des réunions de permanents et d’administrateurs.\n",
      with:
        "    les débats des réunions de permanents et d’administrateurs.\n\n    Second paragraphe.\n"
    )
    let twice = try YearLoader().load(data: Data(yaml.utf8), path: "report.yaml").year
    #expect(twice.document.summary?.contains("\n") == true)
    let composed = PackComposer(year: twice, templates: templates).compose()
    let texts = paragraphs(composed.blocks)
    let first = try #require(texts.firstIndex { $0.hasPrefix("Se fixer un cap") })
    #expect(texts[first].hasSuffix("d’administrateurs."))
    #expect(texts[first + 1] == "Second paragraphe.")
  }

  @Test func anUnbalancedBudgetIsSaidLoudly() {
    var unbalanced = year
    unbalanced.budget.products[0].amount = Money(units: 400_000)
    let composed = PackComposer(year: unbalanced, templates: templates).compose()
    let texts = paragraphs(composed.blocks)
    #expect(
      texts.contains { $0.contains("n’est pas équilibré") && $0.contains("12\u{202F}000\u{00A0}€") }
    )
    #expect(texts.contains { $0.contains("total des produits") })
    #expect(!texts.contains { $0.contains("est équilibré à") })
  }

  @Test func metadataAndFileNameComeFromTheTemplates() {
    let composed = document
    #expect(composed.fileName == "dossier-ag-2019.pdf")
    #expect(composed.metadata.title == "Plan d’actions et budget prévisionnel 2019")
    #expect(composed.metadata.author == "CHANTIER école")
    #expect(
      composed.metadata.subject == "Assemblée générale ordinaire du 14\u{00A0}juin\u{00A0}2019")
    #expect(composed.footer.left == "CHANTIER école — Plan d’actions et budget prévisionnel 2019")
    #expect(composed.footer.rightPattern == "Page {page} / {pages}")
  }

  @Test func templatesRenderSpecialCharactersAsWritten() throws {
    let template = try Template<FigureEntryNames>("{label} et {value}")
    #expect(
      template.render(["label": "R&D <2024>", "value": "« cap »"]) == "R&D <2024> et « cap »")
    #expect(template.placeholders == ["label", "value"])
  }

  @Test func amountsShowCentsThroughoutTheDocumentWhenAnyHasCents() {
    var withCents = year
    withCents.axes[0].actions[0].budget = Money(cents: 4_200_050)
    let composed = PackComposer(year: withCents, templates: templates).compose()
    // The budget tables have no cents of their own, but the plan has: all show them.
    let charges = tables(composed.blocks)[tables(composed.blocks).count - 2]
    #expect(charges.rows.last?.cells.last == "1\u{202F}620\u{202F}000,00\u{00A0}€")
    let lead = paragraphs(composed.blocks).first { $0.hasPrefix("Le plan d’actions compte") }
    let total = templates.words.numberStyle.money(withCents.actionsTotal)
    #expect(total.hasSuffix(",50\u{00A0}€"))
    #expect(lead?.contains(total) == true, "\(lead ?? "")")
    #expect(
      tables(document.blocks).last?.rows.last?.cells.last == "1\u{202F}620\u{202F}000\u{00A0}€")
  }

  @Test func everyPrintedTextIsFoundByWalkingTheBlocks() {
    let texts = document.printedTexts
    // From a table cell, the cover (a figure), a chart legend and the footer.
    #expect(texts.contains("Présidence"))
    #expect(texts.contains("Réseau des entreprises sociales apprenantes"))
    #expect(texts.contains("Associations régionales et acteurs"))
    #expect(texts.contains("CHANTIER école — Plan d’actions et budget prévisionnel 2019"))
  }
}

@Suite struct TemplateErrorTests {
  func brokenCopy(_ edit: (String) -> String, file: String = "words.yaml") throws -> String {
    let folder = try temporaryFolder()
    for name in ["words.yaml", "theme.yaml"] {
      var text = try String(contentsOfFile: Repository.path("templates/\(name)"), encoding: .utf8)
      if name == file { text = edit(text) }
      try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }
    return folder
  }

  func problems(_ folder: String) -> [DataProblem] {
    do {
      _ = try Templates.load(directory: folder)
      return []
    } catch {
      return error.problems
    }
  }

  @Test func anchorsAndMergeKeysWorkInTemplates() throws {
    // Scalars are typed without Yams' regular expressions, but merge keys stay.
    let folder = try brokenCopy(
      {
        $0.replacingOccurrences(
          of: "colors:\n  primary: \"#0E4D64\"",
          with: "palette: &palette\n  primary: \"#123456\"\ncolors:\n  <<: *palette")
      }, file: "theme.yaml")
    let templates = try Templates.load(directory: folder)
    #expect(templates.theme.colors.primary.color == Color(hex: "#123456"))
  }

  @Test func aMissingKeyNamesFileAndField() throws {
    let folder = try brokenCopy {
      $0.replacingOccurrences(of: "    axis_total: \"Total de l’axe {number}\"\n", with: "")
    }
    let found = problems(folder)
    #expect(found.count == 1)
    #expect(found.first?.location.file == folder + "/words.yaml")
    #expect(found.first?.message == "missing key `axis_total`")
    #expect(found.first?.field == "pack.plan")
    #expect(found.first?.location.line != nil)
  }

  /// The line of `words.yaml` that holds `text`, 1-based.
  func line(of text: String) throws -> Int {
    let words = try String(
      contentsOfFile: Repository.path("templates/words.yaml"), encoding: .utf8)
    let lines = words.split(separator: "\n", omittingEmptySubsequences: false)
    return (lines.firstIndex { $0.contains(text) } ?? -1) + 1
  }

  @Test func aMisspeltPlaceholderIsAnErrorNamingFileLineAndTheRightName() throws {
    let folder = try brokenCopy {
      $0.replacingOccurrences(of: "Total de l’axe {number}", with: "Total de l’axe {nubmer}")
    }
    let found = problems(folder)
    #expect(found.map(\.field) == ["pack.plan.axis_total"])
    #expect(found.first?.location.file == folder + "/words.yaml")
    #expect(found.first?.location.line == (try line(of: "Total de l’axe {number}")))
    #expect(found.first?.message == "unknown placeholder {nubmer}")
    #expect(found.first?.hint?.contains("did you mean {number}?") == true)
  }

  @Test func theOldSyntaxAndStrayBracesAreErrorsToo() throws {
    for (edit, message) in [
      ("Total de l’axe {{number}}", "`{{number}}`: placeholders take one pair of braces"),
      ("Total de l’axe {num ber}", "`{num ber}` is not a placeholder"),
      ("Total de l’axe {number", "a lone `{`"),
      ("Total de l’axe number}", "a lone `}`"),
    ] {
      let folder = try brokenCopy {
        $0.replacingOccurrences(of: "Total de l’axe {number}", with: edit)
      }
      let found = problems(folder)
      #expect(found.map(\.field) == ["pack.plan.axis_total"], "\(edit)")
      #expect(found.first?.message == message, "\(edit)")
    }
  }

  @Test func aPageReferenceMustNameASectionOfThePack() throws {
    let folder = try brokenCopy {
      $0.replacingOccurrences(of: "{page:budget}", with: "{page:budjet}")
    }
    let found = problems(folder)
    #expect(found.map(\.field) == ["pack.plan.budget_reference"])
    #expect(found.first?.message == "{page:budjet}: unknown page `budjet`")
    #expect(found.first?.hint?.contains("budget, charges, produits") == true)
  }

  @Test func aPlaceholderInATextThatTakesNoneIsAnError() throws {
    let folder = try brokenCopy {
      $0.replacingOccurrences(of: "title: \"Sommaire\"", with: "title: \"Sommaire {year}\"")
    }
    let found = problems(folder)
    #expect(found.map(\.field) == ["pack.contents.title"])
    #expect(found.first?.message == "unknown placeholder {year}")
    #expect(found.first?.location.line == (try line(of: "title: \"Sommaire\"")))
  }

  @Test func aDocumentsWordsAreRequiredOnlyWhenItIsMade() throws {
    // Without the resolutions' words, the pack and the exports still load…
    let folder = try brokenCopy {
      String($0[..<($0.range(of: "resolutions:\n")?.lowerBound ?? $0.endIndex)])
    }
    let templates = try Templates.load(directory: folder, requiring: [.pack, .export])
    #expect(templates.words.groups == [.pack, .export])
    // …and asking for the resolutions names what is missing.
    #expect {
      _ = try Templates.load(directory: folder, requiring: [.resolutions])
    } throws: { error in
      let problem = (error as? DataError)?.problems.first
      return problem?.location.file == folder + "/words.yaml" && problem?.field == "resolutions"
        && problem?.message == "missing key `resolutions`: the words of the resolutions sheet"
    }
  }

  @Test func aBadColourNamesTheThemeKey() throws {
    let folder = try brokenCopy(
      { $0.replacingOccurrences(of: "accent: \"#E07A1F\"", with: "accent: \"orange\"") },
      file: "theme.yaml")
    let found = problems(folder)
    #expect(found.first?.field == "colors.accent")
    #expect(found.first?.message.contains("#RRGGBB") == true)
  }

  @Test func aMissingTemplateFileIsNamed() throws {
    let folder = try temporaryFolder()
    let found = problems(folder)
    #expect(found.first?.location.file == folder + "/words.yaml")
    #expect(found.first?.message == "cannot read the template")
  }
}

@Suite struct NoDocumentWordsInCode {
  /// The document's words live in templates/: no French word of the pack may appear
  /// in a Swift string literal.
  @Test func swiftSourcesHoldNoFrenchLiterals() throws {
    let words = [
      "Sommaire", "Introduction", "Plan d", "Axe ", "Total", "Page ", "Charges", "Produits",
      "Budget", "Nouveau", "Maintenu", "Renforcé", "Reporté", "Non financé", "noter", "juin",
      "janvier", "équilibr", "Synthèse", "Compte", "Libellé", "Montant", "suite",
      "Pouvoir", "Ordre du jour", "Madame", "émargement", "Signature",
    ]
    let sources = Repository.path("Sources")
    let files =
      FileManager.default.enumerator(atPath: sources)?.compactMap { $0 as? String }
      // The accounting export's column names (CompteNum, Montant…) are a file
      // format's vocabulary, and the FEC benchmark's labels are test data: neither
      // is a word of the documents.
      .filter {
        $0.hasSuffix(".swift") && !$0.hasPrefix("ReportModel/Accounting/")
          && !$0.hasPrefix("fec-bench/")
      } ?? []
    #expect(files.count > 20)
    var offenders: [String] = []
    // Interpolations are code, not words: `\(budget.chargesTotal)` is not "Total".
    let interpolation = try NSRegularExpression(pattern: #"\\\((?:[^()]|\([^()]*\))*\)"#)
    for file in files {
      var text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
      text = interpolation.stringByReplacingMatches(
        in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
      for line in text.split(separator: "\n")
      where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
        let literals = line.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
          .filter { $0.offset % 2 == 1 }.map(\.element)
        for literal in literals where words.contains(where: { literal.contains($0) }) {
          offenders.append("\(file): \(literal)")
        }
      }
    }
    #expect(offenders.isEmpty, "\(offenders)")
  }
}
