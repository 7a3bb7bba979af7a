/// One line of a paragraph, as broken by a ``TextMeasurer``.
public struct LineBox: Hashable, Sendable {
  /// The characters of the line, without the trailing space the break consumed.
  public var text: String
  /// The line's natural width, pt.
  public var width: Double
  /// Whether the line ends its paragraph (it is never stretched when justifying).
  public var endsParagraph: Bool

  /// Creates a line.
  public init(text: String, width: Double, endsParagraph: Bool) {
    self.text = text
    self.width = width
    self.endsParagraph = endsParagraph
  }
}

/// Vertical metrics of a font at a size, pt.
public struct FontMetrics: Hashable, Sendable {
  /// Height above the baseline.
  public var ascent: Double
  /// Depth below the baseline (positive).
  public var descent: Double
  /// Creates metrics.
  public init(ascent: Double, descent: Double) {
    self.ascent = ascent
    self.descent = descent
  }

  /// The baseline's distance from the top of a line `lineHeight` tall whose glyphs
  /// (ascent to descent) are centred in it.
  public func baseline(inLineOf lineHeight: Double) -> Double {
    (lineHeight - ascent - descent) / 2 + ascent
  }

  /// The baseline that centres the glyphs (ascent to descent) on the height `y`.
  public func baseline(centredOn y: Double) -> Double { y + (ascent - descent) / 2 }
}

/// Breaks text into lines and measures it: the layout engine's only view of fonts.
///
/// The production measurer uses Pango; tests use ``FixedMeasurer``. The renderer
/// draws exactly the lines a measurer returned, so what was measured is what is seen.
public protocol TextMeasurer: AnyObject {
  /// Breaks `text` into lines no wider than `width` (pt).
  ///
  /// A word wider than `width` is broken between characters, never left to overflow.
  /// `\n` forces a line break. Pass `.infinity` for no wrapping.
  /// - Returns: at least one line (an empty one for empty text).
  func lines(of text: String, style: TextStyle, width: Double) -> [LineBox]

  /// The font's ascent and descent at the style's size.
  func metrics(of style: TextStyle) -> FontMetrics

  /// The width of `text` on one line and the width of its widest word (words are
  /// separated by spaces and line breaks), as a table sizes its columns.
  ///
  /// A measurer may answer both from one shaping of the text.
  func extent(of text: String, style: TextStyle) -> TextExtent

  /// The lines of a justified text, from `breaking` or from an earlier answer for
  /// the same text, style and width: a measurer kept from one document to the next
  /// (a worker's, writing a thousand letters) breaks their common paragraphs once.
  func justifiedLines(
    of text: String, style: TextStyle, width: Double, breaking: () -> [LineBox]?
  ) -> [LineBox]?
}

extension TextMeasurer {
  /// Breaks the text every time (a measurer without a cache).
  public func justifiedLines(
    of text: String, style: TextStyle, width: Double, breaking: () -> [LineBox]?
  ) -> [LineBox]? {
    breaking()
  }
}

/// What a table needs to know of a cell's text to size its column.
public struct TextExtent: Hashable, Sendable {
  /// The width on one line (the widest line when the text holds line breaks), pt.
  public var natural: Double
  /// The width of the widest word: the least measure the text fits without cutting
  /// a word, pt.
  public var widestWord: Double

  /// Creates an extent.
  public init(natural: Double, widestWord: Double) {
    self.natural = natural
    self.widestWord = widestWord
  }
}

extension TextMeasurer {
  /// The width of `text` on one line, pt.
  public func width(of text: String, style: TextStyle) -> Double {
    lines(of: text, style: style, width: .infinity).map(\.width).max() ?? 0
  }

  /// The width of the widest word of `text`: the least width it can be set in.
  public func widestWord(of text: String, style: TextStyle) -> Double {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" })
      .map { width(of: String($0), style: style) }.max() ?? 0
  }

  /// The extent measured word by word (a measurer without a faster way).
  public func extent(of text: String, style: TextStyle) -> TextExtent {
    TextExtent(
      natural: width(of: text, style: style), widestWord: widestWord(of: text, style: style))
  }
}

/// A measurer with no font, for tests: every character is half an em wide.
///
/// Lines break at spaces. It makes layout tests exact and independent of Cairo.
public final class FixedMeasurer: TextMeasurer, Sendable {
  /// Creates the measurer.
  public init() {}

  /// Breaks at spaces; a word longer than the width is cut between characters.
  public func lines(of text: String, style: TextStyle, width: Double) -> [LineBox] {
    let advance = style.size / 2
    var result: [LineBox] = []
    let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
    for paragraph in paragraphs {
      var current = ""
      var pieces: [LineBox] = []
      for word in paragraph.split(separator: " ") {
        var word = String(word)
        let candidate = current.isEmpty ? word : current + " " + word
        if Double(candidate.count) * advance <= width {
          current = candidate
          continue
        }
        if !current.isEmpty {
          pieces.append(
            LineBox(text: current, width: Double(current.count) * advance, endsParagraph: false))
          current = ""
        }
        let perLine = max(1, Int((width / advance).rounded(.down)))
        while Double(word.count) * advance > width && word.count > 1 {
          let head = String(word.prefix(perLine))
          pieces.append(
            LineBox(text: head, width: Double(head.count) * advance, endsParagraph: false))
          word = String(word.dropFirst(perLine))
        }
        current = word
      }
      pieces.append(
        LineBox(text: current, width: Double(current.count) * advance, endsParagraph: true))
      result += pieces
    }
    return result
  }

  /// Ascent 0.8 em, descent 0.2 em.
  public func metrics(of style: TextStyle) -> FontMetrics {
    FontMetrics(ascent: style.size * 0.8, descent: style.size * 0.2)
  }
}
