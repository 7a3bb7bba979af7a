import Testing

@testable import ReportCompose

@Suite struct FrenchTypographyTests {
  let typography = FrenchTypography()

  /// Input as typed in a data file → the characters printed.
  static let corpus: [(String, String)] = [
    ("Plaidoyer : Pacte", "Plaidoyer\u{00A0}: Pacte"),
    ("Plaidoyer: Pacte", "Plaidoyer\u{00A0}: Pacte"),
    ("en l’état ; la question", "en l’état\u{202F}; la question"),
    ("Vraiment ?", "Vraiment\u{202F}?"),
    ("Vraiment?!", "Vraiment\u{202F}?!"),
    ("Bravo !", "Bravo\u{202F}!"),
    ("« emplois verts »", "«\u{202F}emplois verts\u{202F}»"),
    ("«emplois verts»", "«\u{202F}emplois verts\u{202F}»"),
    ("l'équipe d'animation", "l’équipe d’animation"),
    ("Et ensuite...", "Et ensuite…"),
    ("le 2e axe et la 3ème action", "le 2ᵉ axe et la 3ᵉ action"),
    ("le 1er janvier, la 1re fois, la 1ère", "le 1ᵉʳ janvier, la 1ʳᵉ fois, la 1ʳᵉ"),
    ("11e et 21er", "11ᵉ et 21er"),
    ("32%", "32\u{00A0}%"),
    ("32 %", "32\u{00A0}%"),
    ("5 000 €", "5 000\u{00A0}€"),
    ("n° 3", "n°\u{00A0}3"),
    ("https://example.org et 10:30", "https://example.org et 10:30"),
    ("1e5 et 3eux", "1e5 et 3eux"),
    (
      "Le réseau : « cap sur 2030 » ; enfin !",
      "Le réseau\u{00A0}: «\u{202F}cap sur 2030\u{202F}»\u{202F}; enfin\u{202F}!"
    ),
    ("R&D <2024> rien à changer", "R&D <2024> rien à changer"),
    ("", ""),
  ]

  @Test(arguments: corpus)
  func setsTextTheFrenchWay(input: String, expected: String) {
    let output = typography.apply(input)
    #expect(Array(output.unicodeScalars) == Array(expected.unicodeScalars), "\(input) → \(output)")
  }

  @Test(arguments: corpus)
  func applyingTwiceChangesNothingMore(input: String, expected: String) {
    #expect(typography.apply(typography.apply(input)) == typography.apply(input))
  }

  @Test(arguments: [
    ("Réunions de permanents et d’administrateurs", true),
    ("Cœur de réseau — Île-de-France (Auvergne/Rhône-Alpes)", true),
    ("Délégation générale", true),
    ("L'équipe", false), ("Axe 1", false), ("Prévu : 2", false), ("Vraiment ?", false),
    ("« cité »", false), ("n° 5", false), ("100 %", false), ("12 €", false),
  ])
  func textNoRuleCanTouchIsReturnedAsItIs(input: String, untouched: Bool) {
    // The shortcut must never skip a text a rule would change.
    #expect(FrenchTypography.isUntouched(input) == untouched)
    if untouched { #expect(typography.apply(input) == input) }
  }

  @Test(arguments: corpus)
  func theShortcutNeverSkipsTheCorpus(input: String, expected: String) {
    if FrenchTypography.isUntouched(input) { #expect(input == expected) }
  }
}
