import ReportCharts
import ReportLayout
import ReportModel

/// What the PDF says about itself.
public struct DocumentMetadata: Hashable, Sendable {
  /// The title.
  public var title: String
  /// The author: the organisation.
  public var author: String
  /// The subject.
  public var subject: String
  /// Keywords.
  public var keywords: String
  /// The program that made it.
  public var creator: String
}

/// A document ready for layout: its blocks, page geometry, footer and metadata.
public struct ComposedDocument: Sendable {
  /// The content, in reading order.
  public var blocks: [Block]
  /// The style of the first page.
  public var firstPageStyle: PageStyle
  /// The footer on pages that show one.
  public var footer: FooterSpec
  /// PDF metadata.
  public var metadata: DocumentMetadata
  /// The PDF's file name: "dossier-ag-2019.pdf".
  public var fileName: String
  /// The font family the theme asks for.
  public var fontFamily: String
  /// The document's language (BCP 47).
  public var language: String
  /// How readers number the pages (none given: 1, 2, 3…).
  public var pageLabels: [PageLabelRange]
}

/// Builds the general-assembly pack of a year from the templates.
///
/// Every word comes from ``Words`` and every size and colour from ``Theme``; this
/// type only decides the order and the structure.
public struct PackComposer: Sendable {
  /// The year's data.
  public let year: Year
  /// The words and theme.
  public let templates: Templates
  /// The name written as the PDF's creator.
  public let creator: String

  /// Creates a composer.
  ///
  /// Every text of the year is set the French way first (``FrenchTypography``).
  public init(year: Year, templates: Templates, creator: String = "report") {
    self.year = FrenchTypography().typeset(year)
    self.templates = templates
    self.creator = creator
  }

  private var words: Words { templates.words }
  private var theme: Theme { templates.theme }
  private var format: NumberStyle { templates.words.numberStyle }

  /// Destination names of the sections, used by links and bookmarks.
  public enum Anchor {
    /// The contents page.
    public static let contents = "sommaire"
    /// The introduction.
    public static let introduction = "introduction"
    /// The priorities.
    public static let priorities = "priorites"
    /// The action plan.
    public static let plan = "plan"
    /// The axis at a 1-based position.
    public static func axis(_ number: Int) -> String { "axe-\(number)" }
    /// The plan's summary.
    public static let summary = "synthese"
    /// The budget.
    public static let budget = "budget"
    /// The charges table.
    public static let charges = "charges"
    /// The products table.
    public static let products = "produits"
    /// The balance.
    public static let balance = "equilibre"
    /// The regional share.
    public static let regional = "part-regionale"
  }

  /// Composes the pack.
  public func compose() -> ComposedDocument {
    let page = theme.page
    let size = Size(width: page.width, height: page.height)
    let coverStyle = PageStyle(size: size, margins: page.margins.edgeInsets, showsFooter: false)
    let bodyStyle = PageStyle(size: size, margins: page.margins.edgeInsets, showsFooter: true)
    let sections = [introduction(), plan(), budget()]
    var blocks = cover()
    blocks.append(.pageBreak(bodyStyle))
    blocks += contents(for: sections.flatMap(\.entries))
    for section in sections {
      blocks.append(.pageBreak(nil))
      blocks += section.blocks
    }
    let title = year.document.title
    let organisation = year.organisation.name
    let footer = FooterSpec(
      left: Words.render(words.footer.left, ["organisation": organisation, "title": title]),
      rightPattern: Words.render(words.footer.right, ["page": "{page}", "pages": "{pages}"]),
      style: theme.style(theme.text.footer, color: theme.colors.muted),
      rule: Stroke(color: theme.colors.rule.color, width: 0.5), offset: page.footerOffset)
    let values = [
      "kind": year.assembly.kind ?? "", "date": year.assembly.date.map(format.longDate) ?? "",
      "year": assemblyYear, "organisation": organisation, "title": title,
    ]
    let metadata = DocumentMetadata(
      title: title, author: organisation, subject: Words.render(words.metadata.subject, values),
      keywords: Words.render(words.metadata.keywords, values), creator: creator)
    return ComposedDocument(
      blocks: blocks, firstPageStyle: coverStyle, footer: footer, metadata: metadata,
      fileName: Words.render(words.fileName, ["year": assemblyYear]), fontFamily: theme.font.family,
      language: words.format.language,
      // The cover is named; the pages after it keep their physical numbers (2, 3…),
      // the ones their footers print.
      pageLabels: [
        PageLabelRange(firstPage: 0, prefix: words.cover.pageLabel, numbered: false),
        PageLabelRange(firstPage: 1, start: 2),
      ])
  }

  /// The year the pack is for, as text: the assembly's year.
  private var assemblyYear: String { year.assembly.date.map { String($0.year) } ?? "" }

  // MARK: - Cover and contents

  private func cover() -> [Block] {
    let detail = theme.text.coverDetail
    var datePlace: String?
    if let date = year.assembly.date {
      let values = ["date": format.longDate(date), "place": year.assembly.place ?? ""]
      datePlace = Words.render(
        year.assembly.place == nil ? words.cover.dateOnly : words.cover.datePlace, values)
    } else {
      datePlace = year.assembly.place
    }
    let page = theme.page
    let cover = CoverPage(
      organisation: year.organisation.name, tagline: year.organisation.tagline,
      title: year.document.title, kind: year.assembly.kind, datePlace: datePlace,
      height: page.height - page.margins.top - page.margins.bottom,
      bandFill: theme.colors.primary.color, accent: theme.colors.accent.color,
      organisationStyle: theme.style(theme.text.coverOrganisation, weight: .bold, color: .white),
      taglineStyle: theme.style(theme.text.coverTagline, color: .white),
      titleStyle: theme.style(theme.text.coverTitle, weight: .bold, color: theme.colors.primary),
      kindStyle: theme.style(detail, weight: .semibold),
      detailStyle: theme.style(detail, color: theme.colors.muted))
    return [.figure(Figure(content: cover, role: .division))]
  }

  private func contents(for entries: [ContentsEntry]) -> [Block] {
    let spec = theme.text.contents
    return [
      templates.h1(words.contents.title, anchor: Anchor.contents, outline: false),
      .contents(
        Contents(
          entries: entries,
          styles: [
            theme.style(spec, weight: .semibold, color: theme.colors.primary),
            theme.style(Theme.TextSpec(size: spec.size - 1, leading: spec.leading)),
          ],
          indent: 18, sectionSpacing: spec.size * 0.8, leaderColor: theme.colors.muted.color)),
    ]
  }

  /// A section: its blocks and its contents entries.
  private struct Section {
    var blocks: [Block] = []
    var entries: [ContentsEntry] = []

    mutating func heading(_ block: Block, title: String, level: Int, anchor: String) {
      blocks.append(block)
      entries.append(ContentsEntry(title: title, level: level, destination: anchor))
    }
  }

  // MARK: - Introduction

  private func introduction() -> Section {
    var section = Section()
    let texts = year.document
    let title = words.introduction.title
    section.heading(
      templates.h1(title, anchor: Anchor.introduction), title: title, level: 1,
      anchor: Anchor.introduction)
    if let summary = texts.summary {
      section.blocks.append(templates.paragraph(summary, style: theme.style(theme.text.lead)))
    }
    if !texts.priorities.isEmpty {
      let title = words.introduction.prioritiesTitle
      section.heading(
        templates.h2(title, anchor: Anchor.priorities), title: title, level: 2,
        anchor: Anchor.priorities)
      section.blocks.append(
        .list(
          BulletList(
            items: texts.priorities, style: templates.body, bullet: words.bullet,
            bulletColor: theme.colors.accent.color, indent: theme.spacing.listIndent,
            itemSpacing: 3, spaceAfter: theme.spacing.paragraph)))
    }
    if !texts.notes.isEmpty {
      let padding = theme.spacing.boxPadding
      section.blocks.append(
        .box(
          ShadedBox(
            title: words.introduction.notesTitle,
            titleStyle: theme.style(theme.text.h3, weight: .bold, color: theme.colors.primary),
            content: texts.notes.map {
              .paragraph(
                Paragraph(text: $0, style: templates.body, alignment: .justify, hyphenate: true))
            },
            fill: theme.colors.shade.color,
            accent: Stroke(color: theme.colors.primary.color, width: 3),
            padding: EdgeInsets(top: padding, right: padding, bottom: padding, left: padding + 3),
            spacing: theme.spacing.paragraph, spaceBefore: theme.spacing.subsectionBefore)))
    }
    return section
  }

  // MARK: - Action plan

  private func plan() -> Section {
    var section = Section()
    let plan = words.plan
    section.heading(
      templates.h1(plan.title, anchor: Anchor.plan), title: plan.title, level: 1,
      anchor: Anchor.plan)
    // When any action's budget has cents, every amount of the plan shows them, so
    // that the figures line up in their columns.
    let cents = year.axes.contains { axis in axis.actions.contains { $0.budget.hasCents } }
    let money = { (amount: Money) in self.format.money(amount, alwaysCents: cents) }
    section.blocks.append(
      templates.paragraph(
        Words.render(
          plan.lead,
          [
            "actions": String(year.actionCount), "axes": String(year.axes.count),
            "total": format.money(year.actionsTotal),
          ]), style: theme.style(theme.text.lead)))
    let columns = [
      TableColumn(grow: 3), TableColumn(grow: 4), TableColumn(grow: 2),
      TableColumn(alignment: .left, grow: 0), TableColumn(alignment: .left, grow: 0),
      TableColumn(alignment: .right, grow: 0),
    ]
    let header = [
      plan.columns.action, plan.columns.objective, plan.columns.lead, plan.columns.schedule,
      plan.columns.status, plan.columns.budget,
    ]
    for (index, axis) in year.axes.enumerated() {
      let number = String(index + 1)
      let heading = Words.render(plan.axisHeading, ["number": number, "title": axis.title])
      let anchor = Anchor.axis(index + 1)
      section.heading(
        templates.h2(heading, anchor: anchor), title: heading, level: 2, anchor: anchor)
      var rows = axis.actions.map { action in
        TableRow([
          action.title, templates.cell(action.objective), templates.cell(action.lead),
          templates.cell(action.schedule),
          plan.status.name(action.status), money(action.budget),
        ])
      }
      rows.append(
        TableRow(
          [
            Words.render(plan.axisTotal, ["number": number]), "", "", "", "", money(axis.total),
          ],
          kind: .total, leadingSpan: 5))
      section.blocks.append(
        .table(
          Table(
            columns: columns, header: header, rows: rows, style: templates.tableStyle,
            continuationTitle: Words.render(plan.continued, ["heading": heading]),
            spaceAfter: theme.spacing.paragraph, widthGroup: "actions")))
    }
    section.heading(
      templates.h2(plan.summaryTitle, anchor: Anchor.summary), title: plan.summaryTitle, level: 2,
      anchor: Anchor.summary)
    let totals = year.axes.map(\.total)
    let percents = Share.percentages(of: totals)
    var rows: [TableRow] = []
    var bars: [BarChart.Bar] = []
    for (index, axis) in year.axes.enumerated() {
      let label = Words.render(
        plan.summaryAxis, ["number": String(index + 1), "title": axis.title])
      rows.append(
        TableRow([
          label, String(axis.actions.count), money(axis.total),
          format.percent(percents[index]),
        ]))
      bars.append(
        BarChart.Bar(
          label: label, value: axis.total.approximateUnits, valueLabel: money(axis.total),
          destination: Anchor.axis(index + 1)))
    }
    rows.append(
      TableRow(
        [
          plan.summaryTotal, String(year.actionCount), money(year.actionsTotal),
          format.percent(year.actionsTotal == .zero ? 0 : 100),
        ], kind: .total))
    section.blocks.append(
      .table(
        Table(
          columns: [
            TableColumn(grow: 1), TableColumn(alignment: .right, grow: 0),
            TableColumn(alignment: .right, grow: 0), TableColumn(alignment: .right, grow: 0),
          ],
          header: [
            plan.summaryColumns.axis, plan.summaryColumns.actions, plan.summaryColumns.budget,
            plan.summaryColumns.share,
          ], rows: rows, style: templates.tableStyle,
          continuationTitle: Words.render(plan.continued, ["heading": plan.summaryTitle]),
          spaceAfter: theme.spacing.paragraph)))
    section.blocks.append(templates.h3(plan.chartTitle))
    section.blocks.append(
      .figure(
        Figure(
          content: BarChart(
            bars: bars, labelStyle: theme.style(theme.text.table),
            valueStyle: theme.style(theme.text.table, weight: .semibold).tabular,
            barColor: theme.colors.chartBar.color,
            axis: Stroke(color: theme.colors.muted.color, width: 0.8),
            barThickness: theme.chart.barThickness),
          // A chart is set off from the text below it as a section is.
          spaceAfter: theme.spacing.section,
          alternative: words.figure.describe(
            title: plan.chartTitle, entries: bars.map { ($0.label, $0.valueLabel) }))))
    section.blocks.append(
      templates.paragraph(
        plan.budgetReference, style: theme.style(theme.text.body, color: theme.colors.primary),
        alignment: .left, link: Anchor.budget))
    return section
  }

  // MARK: - Budget

  private func budget() -> Section {
    var section = Section()
    let texts = words.budget
    let budget = year.budget
    section.heading(
      templates.h1(texts.title, anchor: Anchor.budget), title: texts.title, level: 1,
      anchor: Anchor.budget)
    section.blocks.append(templates.paragraph(texts.lead, style: theme.style(theme.text.lead)))
    for (title, anchor, lines, totalLabel) in [
      (texts.chargesTitle, Anchor.charges, budget.charges, texts.chargesTotal),
      (texts.productsTitle, Anchor.products, budget.products, texts.productsTotal),
    ] {
      section.heading(templates.h2(title, anchor: anchor), title: title, level: 2, anchor: anchor)
      let cents = lines.contains { $0.amount.hasCents }
      var rows = lines.map {
        TableRow([$0.account, $0.label, format.money($0.amount, alwaysCents: cents)])
      }
      let total = format.money(lines.map(\.amount).sum(), alwaysCents: cents)
      rows.append(TableRow([totalLabel, "", total], kind: .total, leadingSpan: 2))
      section.blocks.append(
        .table(
          Table(
            columns: [
              TableColumn(grow: 0), TableColumn(grow: 1), TableColumn(alignment: .right, grow: 0),
            ],
            header: [texts.columns.account, texts.columns.label, texts.columns.amount], rows: rows,
            style: templates.tableStyle,
            continuationTitle: Words.render(words.plan.continued, ["heading": title]),
            spaceAfter: theme.spacing.paragraph)))
    }
    section.heading(
      templates.h2(texts.balanceTitle, anchor: Anchor.balance), title: texts.balanceTitle, level: 2,
      anchor: Anchor.balance)
    section.blocks.append(balanceBox())
    section.heading(
      templates.h2(texts.regionalTitle, anchor: Anchor.regional), title: texts.regionalTitle,
      level: 2,
      anchor: Anchor.regional)
    let share = budget.regionalShare
    let parts = [budget.regionalTotal, budget.chargesTotal - budget.regionalTotal]
    let percents = Share.percentages(of: parts)
    section.blocks.append(
      templates.paragraph(
        Words.render(
          texts.regionalLead,
          ["percent": format.percent(share.roundedPercent), "amount": format.money(share.part)]),
        alignment: .left, keepWithNext: true))
    let colors = [theme.colors.pieRegional.color, theme.colors.pieOther.color]
    let titles = [texts.regionalSlice, texts.otherSlice]
    let slices = (0..<2).map { index in
      PieChart.Slice(
        value: parts[index].approximateUnits, label: format.percent(percents[index]),
        legendTitle: titles[index],
        legendDetail: Words.render(
          texts.legendDetail,
          ["amount": format.money(parts[index]), "percent": format.percent(percents[index])]),
        color: colors[index], destination: index == 0 ? Anchor.charges : nil)
    }
    section.blocks.append(
      .figure(
        Figure(
          content: PieChart(
            slices: slices, radius: theme.chart.pieRadius,
            sliceLabelStyle: theme.style(theme.text.h3, weight: .bold, color: .white),
            legendStyle: theme.style(theme.text.body, weight: .semibold),
            legendDetailStyle: theme.style(theme.text.body, color: theme.colors.muted),
            separator: Stroke(color: .white, width: 1.5)),
          spaceBefore: theme.spacing.paragraph, spaceAfter: theme.spacing.paragraph,
          alternative: words.figure.describe(
            title: texts.regionalTitle,
            entries: slices.map { ($0.legendTitle, $0.legendDetail) }))))
    return section
  }

  /// The balance statement: calm when balanced, in the warning colour otherwise.
  private func balanceBox() -> Block {
    let budget = year.budget
    let texts = words.budget
    var sentences: [String] = []
    for finding in budget.findings {
      switch finding {
      case .unbalanced(let charges, let products):
        sentences.append(
          Words.render(
            texts.unbalanced,
            [
              "charges": format.money(charges), "products": format.money(products),
              "difference": format.money((products - charges).magnitude),
            ]))
      case .offTarget(let side, let total, let target):
        sentences.append(
          Words.render(
            texts.offTarget,
            [
              "side": side == .charges ? texts.sideNames.charges : texts.sideNames.products,
              "total": format.money(total), "target": format.money(target),
              "difference": format.money((total - target).magnitude),
            ]))
      }
    }
    let calm = sentences.isEmpty
    if calm {
      sentences = [Words.render(texts.balanced, ["total": format.money(budget.chargesTotal)])]
    }
    let color = calm ? theme.colors.primary : theme.colors.warning
    let padding = theme.spacing.boxPadding
    return .box(
      ShadedBox(
        content: sentences.map {
          .paragraph(
            Paragraph(
              text: $0,
              style: theme.style(theme.text.body, weight: calm ? .regular : .bold, color: color)))
        },
        fill: theme.colors.shade.color, accent: Stroke(color: color.color, width: 3),
        padding: EdgeInsets(top: padding, right: padding, bottom: padding, left: padding + 3),
        spacing: theme.spacing.paragraph, spaceAfter: theme.spacing.paragraph))
  }
}

extension HexColor {
  /// White, for text on the cover band.
  static var white: HexColor { HexColor(color: .white) }
}
