/// Checks e-mail addresses against the mailbox syntax of RFC 5321 (section 4.1.2).
///
/// `Mailbox = Local-part "@" Domain`, the local part a dot-string of atoms
/// (letters, digits and ``atomCharacters``), the domain dot-separated labels of
/// letters, digits and inner hyphens; at most 64 characters before the `@` and 254 in
/// all. Quoted local parts and address literals (`user@[192.0.2.1]`) are valid SMTP
/// but never what a secretary means: they are refused with a hint. Names with
/// accents belong in the name and contact columns; the address itself is ASCII.
public enum EmailAddress {
  /// The characters an atom may hold besides letters and digits (RFC 5322 `atext`).
  static let atomCharacters = Set("!#$%&'*+-/=?^_`{|}~")

  /// Whether the text is one valid address.
  public static func isValid(_ text: String) -> Bool { problem(in: text) == nil }

  /// What is wrong with the address, with a hint; `nil` when it is valid.
  public static func problem(in text: String) -> (message: String, hint: String)? {
    let shown = "`\(text.prefix(80))`"
    let hint = tr("write one address such as claire.martin@example.org")
    if text.contains(where: \.isWhitespace) {
      if text.contains("<") {
        return (
          tr("%1 holds a name and an address; only the address goes here", shown),
          tr("put the name in the contact column and keep the part between < > here")
        )
      }
      return (tr("%1 contains a space", shown), hint)
    }
    let ats = text.filter { $0 == "@" }.count
    guard ats == 1, let at = text.firstIndex(of: "@") else {
      return (
        ats == 0 ? tr("%1 has no @", shown) : tr("%1 has %2 @: one address per member", shown, ats),
        hint
      )
    }
    let local = text[..<at]
    let domain = text[text.index(after: at)...]
    guard text.allSatisfy(\.isASCII) else {
      return (
        tr("%1 contains a character outside ASCII (an accent?)", shown),
        tr("an address is written without accents: claire.martin@example.org")
      )
    }
    if local.isEmpty { return (tr("%1 has nothing before the @", shown), hint) }
    if local.utf8.count > 64 {
      return (tr("%1: the part before the @ is longer than 64 characters", shown), hint)
    }
    if text.utf8.count > 254 { return (tr("%1 is longer than 254 characters", shown), hint) }
    if local.first == "\"" {
      return (tr("%1: a quoted local part is not accepted", shown), hint)
    }
    for atom in local.split(separator: ".", omittingEmptySubsequences: false) {
      if atom.isEmpty {
        return (
          tr("%1: a dot cannot start or end the part before the @, nor follow a dot", shown), hint
        )
      }
      if let bad = atom.first(where: {
        !$0.isLetter && !$0.isNumber && !atomCharacters.contains($0)
      }) {
        return (tr("%1 contains `%2`, which an address cannot hold", shown, bad), hint)
      }
    }
    if domain.isEmpty { return (tr("%1 has nothing after the @", shown), hint) }
    if domain.first == "[" {
      return (
        tr("%1: an address literal is not accepted", shown), tr("write the domain name, not an IP")
      )
    }
    for label in domain.split(separator: ".", omittingEmptySubsequences: false) {
      guard !label.isEmpty, label.count <= 63 else {
        return (tr("%1: the domain after the @ is malformed", shown), hint)
      }
      if let bad = label.first(where: { !$0.isLetter && !$0.isNumber && $0 != "-" }) {
        return (tr("%1: the domain contains `%2`", shown, bad), hint)
      }
      if label.first == "-" || label.last == "-" {
        return (tr("%1: a domain label cannot start or end with a hyphen", shown), hint)
      }
    }
    return nil
  }
}
