/// The weight of a font face.
public enum FontWeight: String, Hashable, Sendable, CaseIterable {
  /// Regular (400).
  case regular
  /// Semi-bold (600).
  case semibold
  /// Bold (700).
  case bold
}

/// How a run of text looks: face, size, colour, line spacing.
public struct TextStyle: Hashable, Sendable {
  /// The font family name: "Inter".
  public var family: String
  /// The weight.
  public var weight: FontWeight
  /// Whether the face is italic.
  public var italic: Bool
  /// The font size, pt.
  public var size: Double
  /// The text colour.
  public var color: Color
  /// Line height as a multiple of the size (1.35 = 135 %).
  public var leading: Double
  /// Whether digits all have the same width (OpenType `tnum`), so that figures in
  /// a column line up digit under digit.
  public var tabularFigures: Bool

  /// Creates a style.
  public init(
    family: String, weight: FontWeight = .regular, italic: Bool = false, size: Double,
    color: Color = .black, leading: Double = 1.3, tabularFigures: Bool = false
  ) {
    self.family = family
    self.weight = weight
    self.italic = italic
    self.size = size
    self.color = color
    self.leading = leading
    self.tabularFigures = tabularFigures
  }

  /// The distance between two baselines, pt.
  public var lineHeight: Double { size * leading }

  /// The same style with another weight.
  public func with(weight: FontWeight) -> TextStyle {
    var copy = self
    copy.weight = weight
    return copy
  }

  /// The same style with another colour.
  public func with(color: Color) -> TextStyle {
    var copy = self
    copy.color = color
    return copy
  }

  /// The same style with tabular figures.
  public var tabular: TextStyle {
    var copy = self
    copy.tabularFigures = true
    return copy
  }

  /// The same style with another size.
  public func with(size: Double) -> TextStyle {
    var copy = self
    copy.size = size
    return copy
  }
}

/// Horizontal alignment of text in its box.
public enum TextAlignment: String, Hashable, Sendable {
  /// Flush left, ragged right.
  case left
  /// Flush right.
  case right
  /// Centred.
  case center
  /// Flush on both sides; the last line of a paragraph is flush left.
  case justify
}
