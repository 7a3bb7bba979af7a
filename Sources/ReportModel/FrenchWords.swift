import Foundation

/// The French words the staff types where the contract names English values: the
/// statuses as the documents print them, the spreadsheet's column names.
///
/// They are aliases, read into the contract's values; the contract's values are not
/// renamed (`DATA.md`). Words are compared with any case, with or without accents,
/// and with a space, `-` or `_` between words.
public enum FrenchWords {
  /// A word folded for comparison: lower case, no accents, one space between words.
  public static func folded(_ text: String) -> String {
    text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
      .split { $0 == " " || $0 == "-" || $0 == "_" || $0 == "\u{00A0}" }
      .joined(separator: " ")
  }

  /// The statuses as printed (`Nouveau`, `Non financé`), masculine and feminine.
  static let statuses: [(String, ActionStatus)] = [
    ("nouveau", .new), ("nouvelle", .new), ("maintenu", .maintained),
    ("maintenue", .maintained), ("renforcé", .reinforced), ("renforcée", .reinforced),
    ("reporté", .postponed), ("reportée", .postponed), ("non financé", .unfunded),
    ("non financée", .unfunded),
  ]

  /// The status a person wrote: a contract value or a French word, any case or accents.
  public static func status(_ text: String) -> ActionStatus? {
    let key = folded(text)
    if let status = ActionStatus.allCases.first(where: { $0.rawValue == key }) { return status }
    return statuses.first { folded($0.0) == key }?.1
  }

  /// Every word a status may be written as, English then French, for "did you mean".
  public static var statusWords: [String] {
    ActionStatus.allCases.map(\.rawValue) + statuses.map(\.0)
  }

  /// The known word closest to a mistyped one, compared without case nor accents.
  public static func closest(to word: String, among known: [String]) -> String? {
    let folded = known.map { self.folded($0) }
    return Suggestion.closest(to: self.folded(word), among: folded)
      .flatMap { folded.firstIndex(of: $0).map { known[$0] } }
  }

  /// The budget spreadsheet's column names in French (`Section;Compte;Libellé;Montant;Régional`).
  static let columns: [(String, String)] = [
    ("compte", "account"), ("numero de compte", "account"), ("libelle", "label"),
    ("intitule", "label"), ("montant", "amount"), ("regional", "regional"),
    ("sens", "section"), ("rubrique", "section"),
  ]

  /// The contract's column a header names, in English or French; `nil` when unknown.
  public static func column(_ header: String, among known: [String]) -> String? {
    let key = folded(header)
    if known.contains(key) { return key }
    return columns.first { $0.0 == key }?.1
  }

  /// Every name a column may have, for "did you mean".
  static func columnWords(_ known: [String]) -> [String] {
    known + ["compte", "libellé", "montant", "régional"]
  }
}
