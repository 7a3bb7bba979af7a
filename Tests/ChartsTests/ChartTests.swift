import ReportCharts
import ReportLayout
import Testing

let measurer = FixedMeasurer()
let style = TextStyle(family: "Test", size: 10, leading: 1.2)

@Suite struct PieChartTests {
  func chart(_ values: [Double]) -> PieChart {
    PieChart(
      slices: values.enumerated().map { index, value in
        PieChart.Slice(
          value: value, label: "\(index)", legendTitle: "Slice \(index)", legendDetail: "\(value)",
          color: .black)
      }, radius: 50, sliceLabelStyle: style, legendStyle: style, legendDetailStyle: style,
      separator: Stroke(color: .white, width: 1))
  }

  func wedges(_ frame: Frame) -> [Wedge] {
    frame.items.compactMap {
      if case .wedge(let wedge, _, _) = $0 { return wedge } else { return nil }
    }
  }

  @Test func theRegionalShareOf32PercentSpans115Point2Degrees() {
    let pie = chart([518_400, 1_101_600])
    let frame = pie.frame(width: 400, measurer: measurer)
    let slices = wedges(frame)
    #expect(slices.count == 2)
    #expect(slices[0].startAngle == 0)
    #expect(slices[0].endAngle == 115.2)
    #expect(slices[1].startAngle == 115.2)
    #expect(slices[1].endAngle == 360)
    #expect(slices.allSatisfy { $0.radius == 50 && $0.center == Point(x: 50, y: 50) })
  }

  @Test func labelsSitInsideTheirSlices() {
    let frame = chart([518_400, 1_101_600]).frame(width: 400, measurer: measurer)
    let runs = frame.items.compactMap {
      if case .text(let run) = $0 { return run } else { return nil }
    }
    // "0" is centred at 60 % of the radius on the bisector of 0…115.2° (57.6°):
    // x = 50 + 30 sin 57.6° − 2.5 = 72.830, y = 50 − 30 cos 57.6° + 3 = 36.925.
    let first = runs.first { $0.text == "0" }
    #expect(first?.origin == Point(x: 72.83, y: 36.925))
    // The legend lists both slices right of the pie (2 r + 28 = 128, + swatch 10 + 8).
    #expect(runs.filter { $0.text.hasPrefix("Slice") }.map(\.origin.x) == [146, 146])
  }

  @Test func sliceLabelsTakeTheColourThatStandsOut() {
    let light = Color(red: 0.66, green: 0.74, blue: 0.79)
    let dark = Color(red: 0.05, green: 0.3, blue: 0.4)
    let pie = PieChart(
      slices: [
        PieChart.Slice(value: 1, label: "L", legendTitle: "", legendDetail: "", color: light),
        PieChart.Slice(value: 1, label: "D", legendTitle: "", legendDetail: "", color: dark),
      ], radius: 50, sliceLabelStyle: style.with(color: .white),
      legendStyle: style.with(color: .black), legendDetailStyle: style,
      separator: Stroke(color: .white, width: 1))
    let runs = pie.frame(width: 300, measurer: measurer).items.compactMap { item -> TextRun? in
      if case .text(let run) = item { return run } else { return nil }
    }
    #expect(runs.first { $0.text == "L" }?.style.color == .black)
    #expect(runs.first { $0.text == "D" }?.style.color == .white)
  }

  @Test func emptySlicesAreNotDrawn() {
    let slices = wedges(chart([0, 10]).frame(width: 400, measurer: measurer))
    #expect(slices.count == 1)
    #expect(slices[0].sweep == 360)
  }
}

@Suite struct BarChartTests {
  @Test func barsAreProportionalAndLabelled() {
    let chart = BarChart(
      bars: [
        BarChart.Bar(label: "A", value: 215_000, valueLabel: "215"),
        BarChart.Bar(label: "B", value: 445_000, valueLabel: "445"),
        BarChart.Bar(label: "C", value: 60_000, valueLabel: "60"),
      ], labelStyle: style, valueStyle: style, barColor: .black,
      axis: Stroke(color: .black, width: 1), barThickness: 10, rowGap: 4)
    let frame = chart.frame(width: 200, measurer: measurer)
    let bars = frame.items.compactMap { item -> Rect? in
      if case .rect(let rect, _, _) = item { return rect } else { return nil }
    }
    // Labels are 5 pt wide; axis at 5 + 8 = 13; values up to 15 pt: the largest bar
    // gets 200 − 13 − 8 − 15 = 164 pt.
    #expect(bars.map(\.minX) == [13, 13, 13])
    #expect(bars[1].width == 164)
    #expect(bars[0].width == 79.236)  // 164 × 215/445, to a thousandth
    #expect(bars[2].width == 22.112)
    // Rows are 12 pt (the label's line) apart plus the 4 pt gap.
    #expect(bars.map(\.minY) == [3, 19, 35])
    let values = frame.items.compactMap { item -> TextRun? in
      if case .text(let run) = item, run.text.allSatisfy(\.isNumber) {
        return run
      } else {
        return nil
      }
    }
    // Each value label starts 4 pt past the end of its bar.
    for (bar, value) in zip(bars, values) {
      #expect(abs(value.origin.x - (bar.maxX + 4)) < 0.002)
    }
  }
}
