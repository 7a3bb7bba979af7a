import Foundation
import ReportLayout

/// A pie chart with its percentages on the slices and a legend beside it.
public struct PieChart: FigureContent {
  /// One slice.
  public struct Slice: Hashable, Sendable {
    /// The slice's size relative to the others (≥ 0).
    public var value: Double
    /// The text written on the slice: "32 %".
    public var label: String
    /// The legend's first line: "Reversements régionaux".
    public var legendTitle: String
    /// The legend's second line: "518 400 € (32 %)".
    public var legendDetail: String
    /// The slice's colour.
    public var color: Color
    /// Where a click on the slice's legend leads (the lines it adds up), when anywhere.
    public var destination: String?
    /// Creates a slice.
    public init(
      value: Double, label: String, legendTitle: String, legendDetail: String, color: Color,
      destination: String? = nil
    ) {
      self.value = value
      self.label = label
      self.legendTitle = legendTitle
      self.legendDetail = legendDetail
      self.color = color
      self.destination = destination
    }
  }

  /// The slices, clockwise from 12 o'clock.
  public var slices: [Slice]
  /// The radius, pt.
  public var radius: Double
  /// The style of the labels on the slices.
  public var sliceLabelStyle: TextStyle
  /// The legend titles' style.
  public var legendStyle: TextStyle
  /// The legend details' style.
  public var legendDetailStyle: TextStyle
  /// The line between slices.
  public var separator: Stroke

  /// Creates a pie chart.
  public init(
    slices: [Slice], radius: Double, sliceLabelStyle: TextStyle, legendStyle: TextStyle,
    legendDetailStyle: TextStyle, separator: Stroke
  ) {
    self.slices = slices
    self.radius = radius
    self.sliceLabelStyle = sliceLabelStyle
    self.legendStyle = legendStyle
    self.legendDetailStyle = legendDetailStyle
    self.separator = separator
  }

  /// The angles of the slices, degrees clockwise from 12 o'clock: (start, end) pairs.
  public var angles: [(start: Double, end: Double)] {
    let total = slices.map { max(0, $0.value) }.reduce(0, +)
    var start = 0.0
    return slices.map { slice in
      let sweep = total > 0 ? 360 * max(0, slice.value) / total : 0
      defer { start += sweep }
      return (rounded(start), rounded(start + sweep))
    }
  }

  /// Lays the pie out at the left of the measure and the legend to its right.
  public func frame(width: Double, measurer: any TextMeasurer) -> Frame {
    let center = Point(x: radius, y: radius)
    var frame = Frame(size: Size(width: width, height: 2 * radius))
    let angles = self.angles
    for (slice, angle) in zip(slices, angles) where angle.end > angle.start {
      frame.items.append(
        .wedge(
          Wedge(center: center, radius: radius, startAngle: angle.start, endAngle: angle.end),
          fill: slice.color, stroke: separator))
    }
    let labelMetrics = measurer.metrics(of: sliceLabelStyle)
    for (slice, angle) in zip(slices, angles) where angle.end > angle.start {
      let sweep = angle.end - angle.start
      let middle = (angle.start + angle.end) / 2 * Double.pi / 180
      // Small slices get their label outside the pie.
      let distance = sweep < 30 ? radius * 1.18 : radius * 0.6
      let labelWidth = measurer.width(of: slice.label, style: sliceLabelStyle)
      let x = center.x + distance * sin(middle) - labelWidth / 2
      let y = labelMetrics.baseline(centredOn: center.y - distance * cos(middle))
      // Inside a slice the label takes whichever of its own colour and the legend's
      // text colour stands out more against the slice; outside, the slice's colour.
      var style = sliceLabelStyle
      if sweep < 30 {
        style = style.with(color: slice.color)
      } else if contrast(legendStyle.color, slice.color) > contrast(style.color, slice.color) {
        style = style.with(color: legendStyle.color)
      }
      frame.items.append(
        .text(
          TextRun(
            text: slice.label, style: style, origin: Point(x: rounded(x), y: rounded(y)),
            width: labelWidth)))
    }
    // Legend: a swatch, a title line and a detail line per slice, centred vertically.
    let legendX = 2 * radius + 28
    let legendWidth = max(40, width - legendX)
    let swatch = legendStyle.size
    let textX = legendX + swatch + 8
    var entries: [Frame] = []
    for slice in slices {
      var entry = Frame(size: Size(width: legendWidth, height: 0))
      entry.items.append(
        .rect(Rect(x: legendX, y: 2, width: swatch, height: swatch), fill: slice.color, stroke: nil)
      )
      for (text, style) in [
        (slice.legendTitle, legendStyle), (slice.legendDetail, legendDetailStyle),
      ] {
        let lines = Frame.paragraph(text, style: style, width: width - textX, measurer: measurer)
        entry.place(lines, at: Point(x: textX, y: entry.size.height))
        entry.size.height += lines.size.height
      }
      if let destination = slice.destination {
        entry.items.append(
          .link(
            Rect(x: legendX, y: 0, width: width - legendX, height: entry.size.height),
            destination: destination))
      }
      entries.append(entry)
    }
    let spacing = legendStyle.size
    let legendHeight =
      entries.map(\.size.height).reduce(0, +) + spacing * Double(max(0, entries.count - 1))
    var y = max(0, (2 * radius - legendHeight) / 2)
    for entry in entries {
      frame.place(entry, at: Point(x: 0, y: rounded(y)))
      y += entry.size.height + spacing
    }
    frame.size.height = max(2 * radius, legendHeight)
    // Labels of small slices may stand outside the circle: keep room for them.
    let outside = slices.contains { slice in
      let total = slices.map(\.value).reduce(0, +)
      return total > 0 && slice.value > 0 && 360 * slice.value / total < 30
    }
    if outside {
      let margin = radius * 0.18 + sliceLabelStyle.size
      frame.items = frame.items.map { $0.offsetBy(dx: margin, dy: margin) }
      frame.size.height += 2 * margin
    }
    return frame
  }
}

/// The WCAG contrast ratio of two colours (1 to 21).
func contrast(_ first: Color, _ second: Color) -> Double {
  let a = luminance(first)
  let b = luminance(second)
  return (max(a, b) + 0.05) / (min(a, b) + 0.05)
}

/// The relative luminance of an sRGB colour (WCAG 2).
func luminance(_ color: Color) -> Double {
  func linear(_ value: Double) -> Double {
    value <= 0.039_28 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
  }
  return 0.2126 * linear(color.red) + 0.7152 * linear(color.green) + 0.0722 * linear(color.blue)
}
