import ReportLayout

/// Pairs of horizontal bars, planned above actual, one pair per category, with a
/// legend: budget against actual per budget line.
public struct ComparisonBarChart: FigureContent {
  /// One category.
  public struct Row: Hashable, Sendable {
    /// The category's name, left of the bars.
    public var label: String
    /// The planned value (≥ 0).
    public var planned: Double
    /// The actual value (≥ 0; a negative actual is drawn as zero).
    public var actual: Double
    /// The planned value as printed.
    public var plannedLabel: String
    /// The actual value as printed.
    public var actualLabel: String

    /// Creates a row.
    public init(
      label: String, planned: Double, actual: Double, plannedLabel: String, actualLabel: String
    ) {
      self.label = label
      self.planned = planned
      self.actual = actual
      self.plannedLabel = plannedLabel
      self.actualLabel = actualLabel
    }
  }

  /// The rows, top to bottom.
  public var rows: [Row]
  /// The legend's names of the two series.
  public var plannedTitle: String
  /// The legend's name of the actual series.
  public var actualTitle: String
  /// The category labels' style.
  public var labelStyle: TextStyle
  /// The value labels' style.
  public var valueStyle: TextStyle
  /// The planned bars' colour.
  public var plannedColor: Color
  /// The actual bars' colour.
  public var actualColor: Color
  /// The axis line.
  public var axis: Stroke
  /// The thickness of one bar, pt.
  public var barThickness: Double

  /// Creates a chart.
  public init(
    rows: [Row], plannedTitle: String, actualTitle: String, labelStyle: TextStyle,
    valueStyle: TextStyle, plannedColor: Color, actualColor: Color, axis: Stroke,
    barThickness: Double = 7
  ) {
    self.rows = rows
    self.plannedTitle = plannedTitle
    self.actualTitle = actualTitle
    self.labelStyle = labelStyle
    self.valueStyle = valueStyle
    self.plannedColor = plannedColor
    self.actualColor = actualColor
    self.axis = axis
    self.barThickness = barThickness
  }

  /// Lays the chart out: the legend on top, then the rows.
  public func frame(width: Double, measurer: any TextMeasurer) -> Frame {
    var frame = Frame(size: Size(width: width, height: 0))
    // Legend.
    var x = 0.0
    let swatch = valueStyle.size
    let legendMetrics = measurer.metrics(of: valueStyle)
    let legendBaseline = legendMetrics.ascent
    for (title, color) in [(plannedTitle, plannedColor), (actualTitle, actualColor)] {
      frame.items.append(
        .rect(
          Rect(x: x, y: legendBaseline - swatch * 0.8, width: swatch, height: swatch * 0.8),
          fill: color, stroke: nil))
      let titleWidth = measurer.width(of: title, style: valueStyle)
      frame.items.append(
        .text(
          TextRun(
            text: title, style: valueStyle, origin: Point(x: x + swatch + 4, y: legendBaseline),
            width: titleWidth)))
      x += swatch + 4 + titleWidth + 16
    }
    let top = legendMetrics.ascent + legendMetrics.descent + 10
    let labelWidth = min(
      rows.map { measurer.width(of: $0.label, style: labelStyle) }.max() ?? 0, width * 0.34)
    let valueWidth =
      rows.flatMap { [$0.plannedLabel, $0.actualLabel] }
      .map { measurer.width(of: $0, style: valueStyle) }.max() ?? 0
    let axisX = labelWidth + 8
    let area = max(1, width - axisX - 8 - valueWidth)
    let largest = rows.flatMap { [$0.planned, $0.actual] }.max() ?? 0
    let valueMetrics = measurer.metrics(of: valueStyle)
    var y = top
    let gap = 6.0
    for row in rows {
      let label = Frame.paragraph(
        row.label, style: labelStyle, alignment: .right, width: labelWidth, measurer: measurer)
      let barsHeight = 2 * barThickness + 1
      let height = max(label.size.height, barsHeight)
      frame.place(label, at: Point(x: 0, y: y + (height - label.size.height) / 2))
      var barTop = y + (height - barsHeight) / 2
      for (value, text, color) in [
        (row.planned, row.plannedLabel, plannedColor), (row.actual, row.actualLabel, actualColor),
      ] {
        let length = largest > 0 ? area * max(0, value) / largest : 0
        frame.items.append(
          .rect(
            Rect(x: axisX, y: rounded(barTop), width: rounded(length), height: barThickness),
            fill: color, stroke: nil))
        let baseline = valueMetrics.baseline(centredOn: barTop + barThickness / 2)
        frame.items.append(
          .text(
            TextRun(
              text: text, style: valueStyle,
              origin: Point(x: rounded(axisX + length + 4), y: rounded(baseline)),
              width: measurer.width(of: text, style: valueStyle))))
        barTop += barThickness + 1
      }
      y += height + gap
    }
    frame.items.append(
      .line(
        from: Point(x: axisX, y: top - gap / 2), to: Point(x: axisX, y: y - gap / 2), stroke: axis))
    frame.size.height = y
    return frame
  }
}
