import ReportModel

/// Sets text the French way, whatever the data file says.
///
/// The rules of the Imprimerie nationale that a word processor does not apply by
/// itself: a no-break space (U+00A0) before `:`, `%` and `€`; a narrow no-break
/// space (U+202F) before `;`, `!`, `?` and `»` and after `«`; the typographic
/// apostrophe; `…` for three dots; superscript ordinals ("2ᵉ", "1ᵉʳ", "1ʳᵉ"); a
/// no-break space after "n°". Applying the rules twice changes nothing more.
public struct FrenchTypography: Sendable {
  /// No-break space.
  static let space: Character = "\u{00A0}"
  /// Narrow no-break space.
  static let narrow: Character = "\u{202F}"

  /// Creates the typographer.
  public init() {}

  /// The text with the French rules applied.
  public func apply(_ text: String) -> String {
    guard !Self.isUntouched(text) else { return text }
    let characters = Array(ordinals(text))
    var output: [Character] = []
    output.reserveCapacity(characters.count + 8)
    var index = 0
    let boundary = Self.boundary
    // A run boundary (``apply(runs:)``) is invisible to every rule and always kept.
    func next(_ offset: Int = 1) -> Character? {
      var seen = 0
      var position = index + 1
      while position < characters.count {
        if characters[position] != boundary {
          seen += 1
          if seen == offset { return characters[position] }
        }
        position += 1
      }
      return nil
    }
    func previous() -> Character? { output.last { $0 != boundary } }
    func trimSpaces() { Self.trimSpaces(&output) }
    while index < characters.count {
      let character = characters[index]
      switch character {
      case "'" where previous()?.isLetter == true && next()?.isLetter == true:
        output.append("’")
      case "."
      where index + 2 < characters.count && characters[index + 1] == "."
        && characters[index + 2] == ".":
        output.append("…")
        index += 2
      case ":"
      where Self.endsClause(next()) && !(previous()?.isNumber == true && next()?.isNumber == true):
        punctuate(":", space: Self.space, output: &output)
      case ";", "!", "?":
        punctuate(character, space: Self.narrow, output: &output)
      case "«":
        output.append("«")
        var kept: [Character] = []
        while index + 1 < characters.count,
          Self.isSpace(characters[index + 1]) || characters[index + 1] == boundary
        {
          if characters[index + 1] == boundary { kept.append(boundary) }
          index += 1
        }
        output.append(Self.narrow)
        output += kept
      case "»":
        trimSpaces()
        if previous() != nil { output.append(Self.narrow) }
        output.append("»")
      case "%", "€":
        // Only after a figure: "32 %", "1 620 000 €".
        let end = output.lastIndex { !Self.isSpace($0) && $0 != boundary }
        if let end, output[end].isNumber {
          let kept = output[(end + 1)...].filter { $0 == boundary }
          output.removeSubrange((end + 1)...)
          output.append(Self.space)
          output += kept
        }
        output.append(character)
      case " "
      where output.count >= 2 && output.suffix(2) == ["n", "°"] || output.suffix(2) == ["N", "°"]:
        output.append(Self.space)
      default:
        output.append(character)
      }
      index += 1
    }
    return String(output)
  }

  /// What separates runs in ``apply(runs:)`` (a private-use character).
  static let boundary: Character = "\u{E000}"

  /// Texts that print one after the other (a paragraph's bold, italic and link runs)
  /// with the French rules applied across them as if they were one: `**gras** :`
  /// gets its no-break space, `l'*italique*` its apostrophe; as many texts come back.
  public func apply(runs: [String]) -> [String] {
    guard runs.count > 1 else { return runs.map(apply) }
    let joined = runs.map { $0.replacingOccurrences(of: String(Self.boundary), with: "") }
      .joined(separator: String(Self.boundary))
    let parts = apply(joined).split(separator: Self.boundary, omittingEmptySubsequences: false)
      .map(String.init)
    return parts.count == runs.count ? parts : runs.map(apply)
  }

  /// Removes the spaces at the end of `output`, keeping run boundaries.
  private static func trimSpaces(_ output: inout [Character]) {
    var position = output.count - 1
    while position >= 0 {
      if output[position] == boundary {
        position -= 1
      } else if isSpace(output[position]) {
        output.remove(at: position)
        position -= 1
      } else {
        break
      }
    }
  }

  /// Whether no rule can apply to a text.
  ///
  /// That is a text of letters (ASCII, Latin-1 and œ), spaces, dashes, ’ and
  /// punctuation no rule looks at. Most labels are; they are returned as they are
  /// without being split into characters (a large year has tens of thousands).
  static func isUntouched(_ text: String) -> Bool {
    var bytes = text.utf8.makeIterator()
    while let byte = bytes.next() {
      switch byte {
      case UInt8(ascii: "'"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ";"),
        UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "%"):
        return false
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        return false
      case 0x00...0x7F:
        continue
      case 0xC3, 0xC5:  // U+00C0–U+00FF and U+0140–U+017F: é, à, ç, œ…
        guard let next = bytes.next(), next & 0xC0 == 0x80 else { return false }
      case 0xE2:  // U+2000–U+203F: dashes, ’, no-break spaces
        guard bytes.next() == 0x80, let last = bytes.next(), last & 0xC0 == 0x80 else {
          return false
        }
      default:
        return false
      }
    }
    return true
  }

  /// Puts `space` before a high punctuation mark, replacing the spaces typed there;
  /// no space between two marks ("?!") or at the start of the text.
  private func punctuate(_ mark: Character, space: Character, output: inout [Character]) {
    Self.trimSpaces(&output)
    if let last = output.last(where: { $0 != Self.boundary }), !"?!;:".contains(last), last != "«" {
      output.append(space)
    }
    output.append(mark)
  }

  /// Whether a colon ends a clause: followed by a space or the end, not "://" or "10:30".
  private static func endsClause(_ next: Character?) -> Bool {
    guard let next else { return true }
    return isSpace(next) || next == "\n"
  }

  private static func isSpace(_ character: Character) -> Bool {
    character == " " || character == space || character == narrow || character == "\u{2009}"
  }

  /// Ordinals as superscripts, right after figures and at the end of the word.
  ///
  /// "2e", "2ème", "2eme" → "2ᵉ"; "1er" → "1ᵉʳ"; "1re", "1ère" → "1ʳᵉ".
  private func ordinals(_ text: String) -> String {
    let characters = Array(text)
    var output = ""
    var index = 0
    let forms: [(String, String)] = [
      ("ère", "ʳᵉ"), ("ème", "ᵉ"), ("eme", "ᵉ"), ("er", "ᵉʳ"), ("re", "ʳᵉ"), ("e", "ᵉ"),
    ]
    while index < characters.count {
      let character = characters[index]
      output.append(character)
      index += 1
      guard character.isNumber, index < characters.count, !characters[index].isNumber else {
        continue
      }
      for (form, superscript) in forms {
        let end = index + form.count
        guard end <= characters.count, String(characters[index..<end]) == form else { continue }
        let after = end < characters.count ? characters[end] : nil
        // "1er" yes, "1ers" no; "3e" yes, "3eux" no; "1e5" is a number, left alone.
        guard after.map({ !$0.isLetter && !$0.isNumber }) ?? true else { continue }
        // "1er"/"1re" only after 1; other forms after any number.
        if form == "er" || form == "re" || form == "ère" {
          guard character == "1", index < 2 || !characters[index - 2].isNumber else { continue }
        }
        output += superscript
        index = end
        break
      }
    }
    return output
  }
}

extension FrenchTypography {
  /// A year whose every text (names, titles, objectives, labels…) is set the French way.
  public func typeset(_ year: Year) -> Year {
    var year = year
    func set(_ text: inout String) { text = apply(text) }
    func set(_ text: inout String?) { text = text.map(apply) }
    set(&year.organisation.name)
    set(&year.organisation.tagline)
    set(&year.assembly.kind)
    set(&year.assembly.place)
    set(&year.document.title)
    set(&year.document.summary)
    year.document.priorities = year.document.priorities.map(apply)
    year.document.notes = year.document.notes.map(apply)
    for axis in year.axes.indices {
      set(&year.axes[axis].title)
      for action in year.axes[axis].actions.indices {
        set(&year.axes[axis].actions[action].title)
        set(&year.axes[axis].actions[action].objective)
        set(&year.axes[axis].actions[action].lead)
        set(&year.axes[axis].actions[action].schedule)
      }
    }
    for line in year.budget.charges.indices { set(&year.budget.charges[line].label) }
    for line in year.budget.products.indices { set(&year.budget.products[line].label) }
    return year
  }
}
