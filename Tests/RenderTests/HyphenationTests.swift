import Foundation
import ReportLayout
import TestSupport
import Testing

@testable import ReportRender

let frenchDictionary = "/usr/share/hyphen/hyph_fr.dic"

@Suite struct HyphenationTests {
  let hyphenator: LibHyphenator

  init() throws {
    hyphenator = try LibHyphenator(dictionary: frenchDictionary, leftMinimum: 2, rightMinimum: 3)
  }

  /// Break points of Debian's hyph_fr.dic with 2 letters before and 3 after a break,
  /// as pyphen (an independent reader of the same patterns) gives them.
  static let words: [(String, String)] = [
    ("financement", "fi-nan-ce-ment"),
    ("administrateurs", "ad-mi-nis-tra-teurs"),
    ("professionnalisation", "pro-fes-sion-na-li-sa-tion"),
    ("associations", "as-so-cia-tions"),
    ("régionales", "ré-gio-nales"),
    ("législative", "lé-gis-la-tive"),
    ("accompagnateurs", "ac-com-pa-gna-teurs"),
    ("socioprofessionnels", "so-cio-pro-fes-sion-nels"),
    ("anticonstitutionnellement", "an-ti-cons-ti-tu-tion-nel-le-ment"),
    ("finançable", "fi-nan-çable"),
    ("développement", "dé-ve-lop-pe-ment"),
    ("besoins", "be-soins"),
    ("équipe", "équipe"),
  ]

  @Test(arguments: words)
  func breakPointsAreTheDictionarys(word: String, expected: String) {
    let marked = hyphenator.hyphenate(word).replacingOccurrences(of: "\u{00AD}", with: "-")
    #expect(marked == expected)
  }

  @Test func capitalsFiguresAndShortWordsAreNeverBroken() {
    for text in ["CHANTIER", "IAE", "EMILE", "2019", "T1–T4", "le", "cap"] {
      #expect(hyphenator.hyphenate(text) == text)
    }
  }

  @Test func wordsAreFoundBetweenPunctuationAndApostrophes() {
    let text = "l’administration, (développement)"
    let marked = hyphenator.hyphenate(text).replacingOccurrences(of: "\u{00AD}", with: "-")
    #expect(marked == "l’ad-mi-nis-tra-tion, (dé-ve-lop-pe-ment)")
  }

  @Test func aMissingDictionaryIsNamed() {
    #expect(throws: RenderError.self) { try LibHyphenator(dictionary: "/nonexistent/hyph_xx.dic") }
  }
}

@Suite struct HyphenatedLineBreakingTests {
  let measurer: PangoMeasurer
  let hyphenator: LibHyphenator
  let style = TextStyle(family: "Inter", size: 10)

  init() throws {
    measurer = PangoMeasurer(
      fonts: try FontLibrary(directory: Repository.path("fonts"), family: "Inter"))
    hyphenator = try LibHyphenator(dictionary: frenchDictionary)
  }

  @Test func aLineBrokenInsideAWordEndsWithAHyphenAndFits() {
    let text = hyphenator.hyphenate(
      "Les administrateurs accompagnent la professionnalisation des associations régionales")
    let lines = measurer.lines(of: text, style: style, width: 150)
    #expect(lines.contains { $0.text.hasSuffix("-") })
    #expect(lines.allSatisfy { $0.width <= 150.01 })
    // Soft hyphens never reach the drawn text; joined back, the words are whole.
    #expect(!lines.contains { $0.text.contains("\u{00AD}") })
    let joined = lines.map { $0.text.hasSuffix("-") ? String($0.text.dropLast()) : $0.text + " " }
      .joined()
    #expect(
      joined.trimmingCharacters(in: .whitespaces)
        == "Les administrateurs accompagnent la professionnalisation des associations régionales")
  }

  @Test func noMoreThanTwoHyphenatedLinesInARow() {
    let words = Array(
      repeating: "anticonstitutionnellement professionnalisation socioprofessionnels", count: 8
    ).joined(separator: " ")
    let lines = measurer.lines(of: hyphenator.hyphenate(words), style: style, width: 97)
    #expect(lines.count > 10)
    var run = 0
    var longest = 0
    for line in lines {
      run = line.text.hasSuffix("-") ? run + 1 : 0
      longest = max(longest, run)
    }
    #expect(longest >= 1)
    #expect(longest <= 2)
  }
}
