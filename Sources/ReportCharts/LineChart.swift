import Foundation
import ReportLayout

/// Cumulative series over the months of a year, with value ticks, month labels and
/// a legend: the path of charges and products against the linear budget path.
public struct LineChart: FigureContent {
  /// One series: a value at the end of each month, from January on.
  public struct Series: Sendable {
    /// The legend's name.
    public var title: String
    /// The values at the end of months 1, 2, … (fewer than 12 for a year under way).
    public var values: [Double]
    /// The line's colour.
    public var color: Color
    /// Whether the line is dashed (a reference path).
    public var dashed: Bool
    /// Whether the series starts from zero at the start of January.
    public var startsAtZero: Bool

    /// Creates a series.
    public init(
      title: String, values: [Double], color: Color, dashed: Bool = false, startsAtZero: Bool = true
    ) {
      self.title = title
      self.values = values
      self.color = color
      self.dashed = dashed
      self.startsAtZero = startsAtZero
    }
  }

  /// The series, drawn in order.
  public var series: [Series]
  /// The twelve month labels along the bottom.
  public var monthLabels: [String]
  /// Writes a tick's value ("500 000 €").
  public var formatValue: @Sendable (Double) -> String
  /// The labels' style.
  public var labelStyle: TextStyle
  /// The grid lines.
  public var grid: Stroke
  /// The plot's height, pt (without labels and legend).
  public var plotHeight: Double

  /// Creates a chart.
  public init(
    series: [Series], monthLabels: [String], formatValue: @escaping @Sendable (Double) -> String,
    labelStyle: TextStyle, grid: Stroke, plotHeight: Double = 160
  ) {
    self.series = series
    self.monthLabels = monthLabels
    self.formatValue = formatValue
    self.labelStyle = labelStyle
    self.grid = grid
    self.plotHeight = plotHeight
  }

  /// Tick values from zero to at least `maximum`: 4 to 6 steps of 1, 2 or 5 × 10ⁿ.
  public static func ticks(upTo maximum: Double) -> [Double] {
    guard maximum > 0 else { return [0, 1] }
    let rough = maximum / 5
    let magnitude = pow(10, (log10(rough)).rounded(.down))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
    var ticks: [Double] = [0]
    while (ticks.last ?? 0) < maximum { ticks.append((ticks.last ?? 0) + step) }
    return ticks
  }

  /// Lays the chart out: ticks on the left, months along the bottom, legend below.
  public func frame(width: Double, measurer: any TextMeasurer) -> Frame {
    let maximum = series.flatMap(\.values).max() ?? 0
    let ticks = Self.ticks(upTo: maximum)
    let top = ticks.last ?? 1
    let tickLabels = ticks.map(formatValue)
    let metrics = measurer.metrics(of: labelStyle)
    let left = (tickLabels.map { measurer.width(of: $0, style: labelStyle) }.max() ?? 0) + 6
    let plotWidth = max(1, width - left - 4)
    let plotTop = metrics.ascent / 2
    var frame = Frame(size: Size(width: width, height: 0))
    func y(_ value: Double) -> Double { rounded(plotTop + plotHeight * (1 - value / top)) }
    // Twelve months, or as many as a longer (first) fiscal year has.
    let slots = Double(max(12, monthLabels.count))
    func x(_ month: Double) -> Double { rounded(left + plotWidth * month / slots) }
    for (tick, label) in zip(ticks, tickLabels) {
      frame.items.append(
        .line(
          from: Point(x: left, y: y(tick)), to: Point(x: left + plotWidth, y: y(tick)), stroke: grid
        ))
      let labelWidth = measurer.width(of: label, style: labelStyle)
      frame.items.append(
        .text(
          TextRun(
            text: label, style: labelStyle,
            origin: Point(
              x: rounded(left - 6 - labelWidth),
              y: rounded(metrics.baseline(centredOn: y(tick)))),
            width: labelWidth)))
    }
    let labelBaseline = plotTop + plotHeight + 4 + metrics.ascent
    for (index, label) in monthLabels.enumerated() {
      let labelWidth = measurer.width(of: label, style: labelStyle)
      let center = x(Double(index) + 0.5)
      frame.items.append(
        .text(
          TextRun(
            text: label, style: labelStyle,
            origin: Point(x: rounded(center - labelWidth / 2), y: rounded(labelBaseline)),
            width: labelWidth)))
    }
    for line in series where !line.values.isEmpty {
      var points: [Point] = line.startsAtZero ? [Point(x: x(0), y: y(0))] : []
      for (index, value) in line.values.enumerated() {
        points.append(Point(x: x(Double(index + 1)), y: y(max(0, value))))
      }
      frame.items.append(
        .polyline(
          points, stroke: Stroke(color: line.color, width: 1.6), dash: line.dashed ? [4, 3] : []))
    }
    // Legend under the month labels.
    var legendX = left
    let legendBaseline = labelBaseline + metrics.descent + 8 + metrics.ascent
    for line in series {
      let middle = legendBaseline - (metrics.ascent - metrics.descent) / 2
      frame.items.append(
        .polyline(
          [Point(x: legendX, y: rounded(middle)), Point(x: legendX + 16, y: rounded(middle))],
          stroke: Stroke(color: line.color, width: 1.6), dash: line.dashed ? [4, 3] : []))
      let titleWidth = measurer.width(of: line.title, style: labelStyle)
      frame.items.append(
        .text(
          TextRun(
            text: line.title, style: labelStyle,
            origin: Point(x: legendX + 20, y: rounded(legendBaseline)),
            width: titleWidth)))
      legendX += 20 + titleWidth + 16
    }
    frame.size.height = legendBaseline + metrics.descent + 2
    return frame
  }
}
