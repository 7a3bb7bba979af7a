import ReportCharts
import ReportLayout
import TestSupport
import Testing

/// Each chart's geometry as text, compared with a golden in `Snapshots/`.
///
/// A change of any bar, wedge, tick or label shows as a line of the diff. Record on purpose with
/// `RECORD_SNAPSHOTS=1`.
@Suite struct ChartSnapshotTests {
  func check(_ content: any FigureContent, width: Double, _ name: String) {
    let text = FrameDump.text(of: content.frame(width: width, measurer: measurer))
    let problem = Snapshot.mismatch(text, golden: "Tests/ChartsTests/Snapshots/\(name).txt")
    #expect(problem == nil, "\(problem ?? "")")
  }

  let red = Color(red: 0.8, green: 0.1, blue: 0.1)
  let blue = Color(red: 0.1, green: 0.2, blue: 0.8)

  @Test func barChart() {
    let chart = BarChart(
      bars: [
        BarChart.Bar(label: "Axe un", value: 215_000, valueLabel: "215", destination: "axe-1"),
        BarChart.Bar(label: "Axe deux plus long", value: 445_000, valueLabel: "445"),
        BarChart.Bar(label: "C", value: 0, valueLabel: "0"),
      ], labelStyle: style, valueStyle: style.tabular, barColor: red,
      axis: Stroke(color: .black, width: 1), barThickness: 10, rowGap: 4)
    check(chart, width: 200, "bar-chart")
  }

  @Test func pieChart() {
    let chart = PieChart(
      slices: [
        PieChart.Slice(
          value: 518_400, label: "32 %", legendTitle: "Régions", legendDetail: "518 400",
          color: red),
        PieChart.Slice(
          value: 1_101_600, label: "68 %", legendTitle: "Réseau", legendDetail: "1 101 600",
          color: blue),
      ], radius: 40, sliceLabelStyle: style, legendStyle: style, legendDetailStyle: style,
      separator: Stroke(color: .white, width: 1))
    check(chart, width: 260, "pie-chart")
  }

  @Test func comparisonBarChart() {
    let chart = ComparisonBarChart(
      rows: [
        ComparisonBarChart.Row(
          label: "606 Achats", planned: 12_000, actual: 5_000, plannedLabel: "12 000",
          actualLabel: "5 000"),
        ComparisonBarChart.Row(
          label: "641 Salaires", planned: 80_000, actual: 41_000, plannedLabel: "80 000",
          actualLabel: "41 000"),
      ], plannedTitle: "Budget", actualTitle: "Réalisé", labelStyle: style, valueStyle: style,
      plannedColor: blue, actualColor: red, axis: Stroke(color: .black, width: 0.5))
    check(chart, width: 300, "comparison-bar-chart")
  }

  @Test func lineChart() {
    let chart = LineChart(
      series: [
        .init(
          title: "Budget", values: (1...12).map { Double($0) * 100 }, color: blue, dashed: true),
        .init(title: "Charges", values: [80, 190, 260, 420, 500, 610], color: red),
      ], monthLabels: ["j", "f", "m", "a", "m", "j", "j", "a", "s", "o", "n", "d"],
      formatValue: { "\(Int($0))" }, labelStyle: style, grid: Stroke(color: .black, width: 0.25),
      plotHeight: 80)
    check(chart, width: 300, "line-chart")
  }
}
