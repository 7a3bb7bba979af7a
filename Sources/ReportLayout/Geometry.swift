/// A point in PDF points (1/72 inch), origin at the top-left, y growing downwards.
public struct Point: Hashable, Sendable {
  /// Horizontal position, pt.
  public var x: Double
  /// Vertical position, pt, downwards.
  public var y: Double
  /// Creates a point.
  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }
  /// The origin.
  public static let zero = Point(x: 0, y: 0)
}

/// A width and a height in points.
public struct Size: Hashable, Sendable {
  /// Width, pt.
  public var width: Double
  /// Height, pt.
  public var height: Double
  /// Creates a size.
  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }
  /// ISO A4 portrait: 210 × 297 mm.
  public static let a4 = Size(width: 595.2756, height: 841.8898)
}

/// An axis-aligned rectangle in points, top-left origin.
public struct Rect: Hashable, Sendable {
  /// Top-left corner.
  public var origin: Point
  /// Extent.
  public var size: Size
  /// Creates a rectangle.
  public init(x: Double, y: Double, width: Double, height: Double) {
    origin = Point(x: x, y: y)
    size = Size(width: width, height: height)
  }
  /// Left edge.
  public var minX: Double { origin.x }
  /// Top edge.
  public var minY: Double { origin.y }
  /// Right edge.
  public var maxX: Double { origin.x + size.width }
  /// Bottom edge.
  public var maxY: Double { origin.y + size.height }
  /// Width.
  public var width: Double { size.width }
  /// Height.
  public var height: Double { size.height }

  /// The rectangle moved by an offset.
  public func offsetBy(dx: Double, dy: Double) -> Rect {
    Rect(x: origin.x + dx, y: origin.y + dy, width: size.width, height: size.height)
  }

  /// Whether `other` lies inside this rectangle, allowing `tolerance` pt of slack.
  public func contains(_ other: Rect, tolerance: Double = 0.01) -> Bool {
    other.minX >= minX - tolerance && other.minY >= minY - tolerance
      && other.maxX <= maxX + tolerance && other.maxY <= maxY + tolerance
  }
}

/// Distances from the four edges of a box, in points.
public struct EdgeInsets: Hashable, Sendable {
  /// Top inset.
  public var top: Double
  /// Right inset.
  public var right: Double
  /// Bottom inset.
  public var bottom: Double
  /// Left inset.
  public var left: Double
  /// Creates insets.
  public init(top: Double, right: Double, bottom: Double, left: Double) {
    self.top = top
    self.right = right
    self.bottom = bottom
    self.left = left
  }
  /// The same inset on every side.
  public init(all value: Double) { self.init(top: value, right: value, bottom: value, left: value) }
}

/// An sRGB colour with components in 0…1.
public struct Color: Hashable, Sendable {
  /// Red.
  public var red: Double
  /// Green.
  public var green: Double
  /// Blue.
  public var blue: Double
  /// Creates a colour from components in 0…1.
  public init(red: Double, green: Double, blue: Double) {
    self.red = red
    self.green = green
    self.blue = blue
  }
  /// Parses `#RRGGBB`; returns `nil` for anything else.
  public init?(hex: String) {
    var digits = Substring(hex)
    if digits.first == "#" { digits = digits.dropFirst() }
    guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
    red = Double((value >> 16) & 0xFF) / 255
    green = Double((value >> 8) & 0xFF) / 255
    blue = Double(value & 0xFF) / 255
  }
  /// Black.
  public static let black = Color(red: 0, green: 0, blue: 0)
  /// White.
  public static let white = Color(red: 1, green: 1, blue: 1)
}
