import ReportLayout

/// A horizontal bar chart: one labelled bar per category, its value written at its end.
public struct BarChart: FigureContent {
  /// One bar.
  public struct Bar: Hashable, Sendable {
    /// The category's name, written left of the bar (wrapped when long).
    public var label: String
    /// The value that sets the bar's length (≥ 0).
    public var value: Double
    /// The value as printed at the end of the bar: "558 000 €".
    public var valueLabel: String
    /// Where a click on the row leads (the category's section), when anywhere.
    public var destination: String?
    /// Creates a bar.
    public init(label: String, value: Double, valueLabel: String, destination: String? = nil) {
      self.label = label
      self.value = value
      self.valueLabel = valueLabel
      self.destination = destination
    }
  }

  /// The bars, top to bottom.
  public var bars: [Bar]
  /// The category labels' style.
  public var labelStyle: TextStyle
  /// The value labels' style.
  public var valueStyle: TextStyle
  /// The bars' colour.
  public var barColor: Color
  /// The axis line.
  public var axis: Stroke
  /// The thickness of a bar, pt.
  public var barThickness: Double
  /// The space between two rows, pt.
  public var rowGap: Double

  /// Creates a chart.
  public init(
    bars: [Bar], labelStyle: TextStyle, valueStyle: TextStyle, barColor: Color, axis: Stroke,
    barThickness: Double = 16, rowGap: Double = 8
  ) {
    self.bars = bars
    self.labelStyle = labelStyle
    self.valueStyle = valueStyle
    self.barColor = barColor
    self.axis = axis
    self.barThickness = barThickness
    self.rowGap = rowGap
  }

  /// The horizontal space between the label column, the axis, and the value labels, pt.
  static let gap = 8.0

  /// Lays the chart out: labels right-aligned against the axis, bars proportional to
  /// the largest value, each value label just past its bar's end.
  public func frame(width: Double, measurer: any TextMeasurer) -> Frame {
    let naturalLabel = bars.map { measurer.width(of: $0.label, style: labelStyle) }.max() ?? 0
    let labelWidth = min(naturalLabel, width * 0.38)
    let valueWidth = bars.map { measurer.width(of: $0.valueLabel, style: valueStyle) }.max() ?? 0
    let axisX = labelWidth + Self.gap
    let barArea = max(1, width - axisX - Self.gap - valueWidth)
    let largest = bars.map(\.value).max() ?? 0
    var frame = Frame(size: Size(width: width, height: 0))
    var y = 0.0
    let valueMetrics = measurer.metrics(of: valueStyle)
    for bar in bars {
      let label = Frame.paragraph(
        bar.label, style: labelStyle, alignment: .right, width: labelWidth, measurer: measurer)
      let rowHeight = max(label.size.height, barThickness)
      let middle = y + rowHeight / 2
      frame.place(label, at: Point(x: 0, y: middle - label.size.height / 2))
      let length = largest > 0 ? barArea * max(0, bar.value) / largest : 0
      frame.items.append(
        .rect(
          Rect(
            x: axisX, y: rounded(middle - barThickness / 2), width: rounded(length),
            height: barThickness), fill: barColor, stroke: nil))
      let valueBaseline = valueMetrics.baseline(centredOn: middle)
      let valueText = measurer.width(of: bar.valueLabel, style: valueStyle)
      frame.items.append(
        .text(
          TextRun(
            text: bar.valueLabel, style: valueStyle,
            origin: Point(x: rounded(axisX + length + Self.gap / 2), y: rounded(valueBaseline)),
            width: valueText)))
      if let destination = bar.destination {
        frame.items.append(
          .link(Rect(x: 0, y: y, width: width, height: rowHeight), destination: destination))
      }
      y += rowHeight + rowGap
    }
    let height = max(0, y - rowGap)
    frame.items.append(
      .line(
        from: Point(x: axisX, y: -rowGap / 2), to: Point(x: axisX, y: height + rowGap / 2),
        stroke: axis))
    frame.size.height = height + rowGap
    // The axis runs half a gap above the first bar: shift everything down by that.
    frame.items = frame.items.map { $0.offsetBy(dx: 0, dy: rowGap / 2) }
    return frame
  }
}

/// Rounds a coordinate to a thousandth of a point, so geometry snapshots are stable.
func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
