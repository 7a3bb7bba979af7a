import Foundation
import ReportModel
import Testing

@testable import ReportMarkdown

/// The problems of a Markdown text that does not parse; empty when it does.
func problems(_ markdown: String, file: String = "t.md") -> [DataProblem] {
  do {
    _ = try MarkdownDocument(parsing: markdown, file: file)
    return []
  } catch {
    return error.problems
  }
}

@Suite struct MarkdownModelTests {
  static let everything = """
    # Rapport *moral*

    Un texte avec **du gras**, de l’*italique*, du `code`, ~~barré~~,
    un [lien](https://www.chantierecole.org "site"), une [ancre](#plan), www.example.org
    et un courriel <mailto:contact@example.org>.\\
    Après un saut forcé ; une étoile *non fermée.

    - premier point
    - second point
      1. sous-point numéroté
      2. un autre

    3) trois

    4) quatre

    > Une citation
    > sur deux lignes.

    | Région | Chantiers | Part | Note |
    |:-------|:---------:|-----:|------|
    | Bretagne | 12 | 8 % | x |
    | Occitanie | 9 |

    ---

    ```swift title
    let x = "1"
    ```

    ![Carte des *régions*](images/carte.svg "Les associations régionales")

    Un logo en ligne ![le logo](images/logo.svg) ici.
    <!-- une note pour l’auteur -->

    <!-- un commentaire en bloc -->
    ###### Titre profond
    """

  static let everythingDump = #"""
    Document t.md
      Heading level=1 @1
        Text "Rapport " @1
        Emphasis @1
          Text "moral" @1
      Paragraph @3
        Text "Un texte avec " @3
        Strong @3
          Text "du gras" @3
        Text ", de l’" @3
        Emphasis @3
          Text "italique" @3
        Text ", du " @3
        Code "code" @3
        Text ", " @3
        Strikethrough @3
          Text "barré" @3
        Text "," @3
        SoftBreak @3
        Text "un " @4
        Link external="https://www.chantierecole.org" @4
          Text "lien" @4
        Text ", une " @4
        Link anchor="plan" @4
          Text "ancre" @4
        Text ", " @4
        Link external="http://www.example.org" @4
          Text "www.example.org" @4
        SoftBreak @4
        Text "et un courriel " @5
        Link external="mailto:contact@example.org" @5
          Text "mailto:contact@example.org" @5
        Text "." @5
        HardBreak @5
        Text "Après un saut forcé ; une étoile *non fermée." @6
      List bullet tight @8
        Item @8
          Paragraph @8
            Text "premier point" @8
        Item @9
          Paragraph @9
            Text "second point" @9
          List ordered start=1 tight @10
            Item @10
              Paragraph @10
                Text "sous-point numéroté" @10
            Item @11
              Paragraph @11
                Text "un autre" @11
      List ordered start=3 loose @13
        Item @13
          Paragraph @13
            Text "trois" @13
        Item @15
          Paragraph @15
            Text "quatre" @15
      BlockQuote @17
        Paragraph @17
          Text "Une citation" @17
          SoftBreak @17
          Text "sur deux lignes." @18
      Table alignments=|l|c|r|-| @20
        Head @20
          Cell
            Text "Région" @20
          Cell
            Text "Chantiers" @20
          Cell
            Text "Part" @20
          Cell
            Text "Note" @20
        Row @22
          Cell
            Text "Bretagne" @22
          Cell
            Text "12" @22
          Cell
            Text "8 %" @22
          Cell
            Text "x" @22
        Row @23
          Cell
            Text "Occitanie" @23
          Cell
            Text "9" @23
          Cell
          Cell
      ThematicBreak @25
      CodeBlock language=swift "let x = \"1\"" @27
      Figure source="images/carte.svg" alt="Carte des régions" caption="Les associations régionales" @31
      Paragraph @33
        Text "Un logo en ligne " @33
        Image source="images/logo.svg" alt="le logo" @33
        Text " ici." @33
      Heading level=6 @37
        Text "Titre profond" @37
    """#

  @Test func everyConstructGivesItsNodeWithItsLine() throws {
    let document = try MarkdownDocument(parsing: Self.everything, file: "t.md")
    #expect(document.dump == Self.everythingDump)
    #expect(document.images.map(\.source) == ["images/carte.svg", "images/logo.svg"])
  }

  @Test func headingsMoveUnderTheSectionsHeadingAndStopAtSix() throws {
    let text = "# Un\n\n## Deux\n\n> ##### Cinq\n\n- ###### Six\n"
    let document = try MarkdownDocument(parsing: text, file: "t.md")
    func levels(_ document: MarkdownDocument) -> [Int] {
      var found: [Int] = []
      func visit(_ blocks: [MarkdownBlock]) {
        for block in blocks {
          switch block.kind {
          case .heading(let level, _): found.append(level)
          case .blockQuote(let inner): visit(inner)
          case .list(let list): list.items.forEach { visit($0.blocks) }
          default: break
          }
        }
      }
      visit(document.blocks)
      return found
    }
    #expect(levels(document) == [1, 2, 5, 6])
    #expect(levels(document.headingsShifted(under: 1)) == [2, 3, 6, 6])
    #expect(levels(document.headingsShifted(under: 2)) == [3, 4, 6, 6])
    #expect(levels(document.headingsShifted(under: 0)) == [1, 2, 5, 6])
    #expect(levels(document.headingsShifted(under: -3)) == [1, 2, 5, 6])
  }

  @Test func plainTextDropsStylesAndKeepsWords() throws {
    let document = try MarkdownDocument(
      parsing: "Un **gras *et italique*** et [un lien](#x)\nsur deux lignes", file: "t.md")
    guard case .paragraph(let content) = document.blocks.first?.kind else {
      Issue.record("no paragraph")
      return
    }
    #expect(content.plainText == "Un gras et italique et un lien sur deux lignes")
  }

  @Test func unclosedEmphasisIsLiteralText() throws {
    let document = try MarkdownDocument(
      parsing: "Une *étoile, un **double et un _souligné\n\n**", file: "t.md")
    #expect(
      document.dump == """
        Document t.md
          Paragraph @1
            Text "Une *étoile, un **double et un _souligné" @1
          Paragraph @3
            Text "**" @3
        """)
  }

  @Test func rawHTMLIsRefusedWithItsLine() {
    let found = problems(
      "Du texte.\n\n<div class=\"x\">\nbloc\n</div>\n\nUn <b>gras</b> en ligne.\n", file: "r.md")
    #expect(found.count == 3)
    #expect(found.map(\.location.line) == [3, 7, 7])
    #expect(found.allSatisfy { $0.location.file == "r.md" })
    #expect(found[0].message.hasPrefix("raw HTML is not printed: <div class=\"x\">"))
    #expect(found[0].hint == "write it in Markdown, e.g. **bold** instead of <b>bold</b>")
    #expect(found[1].description.hasPrefix("r.md:7:4: error: raw HTML is not printed: <b>"))
  }

  @Test func htmlCommentsAreSkipped() {
    #expect(problems("<!-- note -->\n\nTexte <!-- en ligne --> suite.\n") == [])
    // A comment followed by markup on its line is not only a comment.
    #expect(problems("<!-- note --> <b>x</b>\n").count == 1)
  }

  @Test func linksGoToTheWebAnEMailOrAnAnchorOnly() {
    let found = problems(
      """
      Bon : [site](https://example.org), [écrire](mailto:a@b.fr), [plan](#plan).

      Mauvais : [fichier](rapport.pdf), [vide](), [dièse](#)
      et [ftp](ftp://example.org).
      """, file: "l.md")
    #expect(found.map(\.location.line) == [3, 3, 3, 4])
    #expect(found[0].message.contains("“fichier” goes to “rapport.pdf”"))
    #expect(found[1].message.contains("an empty destination"))
    #expect(found[0].hint?.contains("#anchor") == true)
  }

  @Test func picturesNeedAFileAndAnAlternativeText() {
    let found = problems(
      """
      ![](images/x.png)

      ![Une photo](https://example.org/x.png)

      ![Rien]()
      """)
    #expect(found.map(\.location.line) == [1, 3, 5])
    #expect(found[0].message.contains("no alternative text"))
    #expect(found[1].message.contains("not a file next to the text"))
    #expect(found[2].message.contains("names no file"))
  }

  @Test func deepNestingIsRefusedNotAStackOverflow() {
    let quotes = String(repeating: ">", count: 5000) + " fond\n"
    let found = problems(quotes)
    #expect(found.count == 1)
    #expect(found.first?.message.contains("nested more than 32 levels") == true)
    let emphasis = String(repeating: "*a ", count: 3000) + String(repeating: " b*", count: 3000)
    #expect(problems(emphasis).count <= 1)
  }

  @Test func filesMustBeUTF8() throws {
    let bytes =
      Data("Ligne un\nLigne deux \u{E9}\n".utf8.map { $0 }) + Data([0x0A, 0x41, 0xE9, 0x0A])
    do {
      _ = try MarkdownDocument(data: bytes, file: "latin.md")
      Issue.record("Latin-1 bytes were accepted")
    } catch {
      #expect(error.problems.first?.location == SourceLocation(file: "latin.md", line: 4))
    }
    let withBOM = Data([0xEF, 0xBB, 0xBF]) + Data("# Titre\n".utf8)
    let document = try MarkdownDocument(data: withBOM, file: "bom.md")
    #expect(document.dump == "Document bom.md\n  Heading level=1 @1\n    Text \"Titre\" @1")
  }

  @Test func nulAndControlBytesDoNotCrash() throws {
    let document = try MarkdownDocument(parsing: "a\u{0}b\n\n| x |\n|-|\n| \u{1} |", file: "t.md")
    #expect(document.blocks.count == 2)
  }
}

@Suite struct MarkdownAnchorTests {
  static let text = """
    Voir le [plan](#plan), la **[synthèse](#synthese)**,

    - et le [buget](#buget) ;
    - puis [ailleurs](#nulle-part).
    """

  @Test func anchorLinksAreListedWithTheirLines() throws {
    let document = try MarkdownDocument(parsing: Self.text, file: "a.md")
    #expect(
      document.anchorReferences == [
        MarkdownAnchorReference(anchor: "plan", line: 1),
        MarkdownAnchorReference(anchor: "synthese", line: 1),
        MarkdownAnchorReference(anchor: "buget", line: 3),
        MarkdownAnchorReference(anchor: "nulle-part", line: 4),
      ])
  }

  @Test func unknownAnchorsAreErrorsWithADidYouMean() throws {
    let document = try MarkdownDocument(parsing: Self.text, file: "a.md")
    do {
      try document.checkAnchors(["plan", "synthese", "budget"])
      Issue.record("unknown anchors were accepted")
    } catch {
      #expect(error.problems.map(\.location.line) == [3, 4])
      #expect(error.problems[0].hint == "did you mean #budget?")
      #expect(error.problems[1].hint == "the pack's anchors are #budget, #plan, #synthese")
      #expect(
        error.problems[0].message == "the link goes to #buget, which is no section of the pack")
    }
    try document.checkAnchors(["plan", "synthese", "buget", "nulle-part"])
  }
}
