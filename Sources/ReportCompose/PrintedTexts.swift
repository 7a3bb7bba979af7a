import ReportCharts
import ReportLayout

/// A figure's content that prints words (labels, legends), so that they can be
/// checked against the fonts like the rest of the document.
public protocol PrintsTexts {
  /// Every text the figure draws.
  var printedTexts: [String] { get }
}

extension ComposedDocument {
  /// Every text the document prints, found by walking its blocks, footer and
  /// figures: what must be checked against the fonts before anything is laid out.
  ///
  /// A figure whose content is not ``PrintsTexts`` contributes its alternative
  /// text only. Numbers drawn by charts (axis ticks) are digits and the currency,
  /// which the fonts are checked for when they load.
  public var printedTexts: [String] {
    var texts = [footer.left, footer.rightPattern]
    Self.collect(blocks, into: &texts)
    return texts
  }

  private static func collect(_ blocks: [Block], into texts: inout [String]) {
    for block in blocks {
      switch block {
      case .heading(let heading): texts.append(heading.text)
      case .paragraph(let paragraph): texts.append(paragraph.text)
      case .list(let list): texts += list.items + [list.bullet]
      case .box(let box):
        if let title = box.title { texts.append(title) }
        collect(box.content, into: &texts)
      case .table(let table):
        texts += table.header
        if let title = table.continuationTitle { texts.append(title) }
        for row in table.rows { texts += row.cells }
      case .figure(let figure):
        if let alternative = figure.alternative { texts.append(alternative) }
        if let content = figure.content as? any PrintsTexts { texts += content.printedTexts }
      case .contents(let contents): texts += contents.entries.map(\.title)
      case .itemList(let list):
        for item in list.items {
          texts.append(item.label)
          collect(item.content, into: &texts)
        }
      case .group(let group): collect(group.content, into: &texts)
      case .spacer, .pageBreak, .rule: break
      }
    }
  }
}

extension PictureFigure: PrintsTexts {
  /// The caption.
  public var printedTexts: [String] { caption.map { [$0] } ?? [] }
}

extension CoverPage: PrintsTexts {
  var printedTexts: [String] { [organisation, tagline, title, kind, datePlace].compactMap { $0 } }
}

extension BarChart: PrintsTexts {
  /// The bars' labels and values.
  public var printedTexts: [String] { bars.flatMap { [$0.label, $0.valueLabel] } }
}

extension ComparisonBarChart: PrintsTexts {
  /// The rows' labels and values, and the legend.
  public var printedTexts: [String] {
    [plannedTitle, actualTitle] + rows.flatMap { [$0.label, $0.plannedLabel, $0.actualLabel] }
  }
}

extension LineChart: PrintsTexts {
  /// The series' names and the months.
  public var printedTexts: [String] { series.map(\.title) + monthLabels }
}

extension PieChart: PrintsTexts {
  /// The slices' labels and legends.
  public var printedTexts: [String] {
    slices.flatMap { [$0.label, $0.legendTitle, $0.legendDetail] }
  }
}

extension ComposedDocument {
  /// The most table cells layout measures at once.
  ///
  /// The tables of a width group count together (their columns are sized from all
  /// their cells), any other table alone.
  /// Over ``ReportLayout/DocumentLayouter/parallelTableCells`` a second core helps.
  public var largestTableCellCount: Int {
    var groups: [String: Int] = [:]
    var largest = 0
    for block in blocks {
      guard case .table(let table) = block else { continue }
      let cells = (table.rows.count + 1) * table.columns.count
      if let group = table.widthGroup {
        let key = "\(group)#\(table.columns.count)"
        groups[key, default: 0] += cells
        largest = max(largest, groups[key] ?? 0)
      } else {
        largest = max(largest, cells)
      }
    }
    return largest
  }
}
