/// Finds where words may be hyphenated: the layout's view of a hyphenation dictionary.
public protocol Hyphenator: AnyObject {
  /// The text with a soft hyphen (U+00AD) at every place a line may break inside a
  /// word; the measurer breaks there and draws a hyphen when it does.
  func hyphenate(_ text: String) -> String
}

/// The soft hyphen: an invisible break opportunity inside a word.
public let softHyphen: Character = "\u{00AD}"

/// The most hyphenated lines in a row that French typography allows; the justified
/// breaker and the measurer's own breaking both keep to it.
public let maximumHyphenatedLines = 2
