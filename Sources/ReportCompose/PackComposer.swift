import ReportCharts
import ReportLayout
import ReportMarkdown
import ReportModel

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
  /// The year the file is named by (`--year`); the assembly's year when `nil`.
  public var fileYear: Int?
  /// The sections, in order (`pack.yaml`).
  public let sections: [PackSection]
  /// The organisation's logo, checked (``Logo/read(_:yearFolder:location:)``).
  public let logo: Picture?
  /// The accounts of the year before, when its FEC is there: the section `accounts`
  /// (before the budget), their result in the introduction, a column of the budget tables.
  public var previousAccounts: PreviousAccounts?

  /// Creates a composer.
  ///
  /// Every text of the year is set the French way first (``FrenchTypography``).
  /// - Parameter sections: the pack's sections, in order; the built-in ones
  ///   (``defaultSections``) when not given.
  public init(
    year: Year, templates: Templates, creator: String = "report",
    sections: [PackSection] = PackComposer.defaultSections, logo: Picture? = nil
  ) {
    self.logo = logo
    self.year = FrenchTypography().typeset(year)
    self.templates = templates
    self.creator = creator
    self.sections = sections
  }

  /// The sections of a pack without a list: what `templates/pack.yaml` ships.
  public static let defaultSections: [PackSection] = [
    .builtIn("cover"), .builtIn("contents"), .builtIn("introduction"), .builtIn("plan"),
    .builtIn("budget"), .builtIn("accounts"),
  ]

  /// A built-in section: the destinations it has, and its blocks.
  struct BuiltIn: Sendable {
    /// The destinations it holds, for `#anchor` links (known before composing).
    var anchors: @Sendable (Year) -> [String]
    /// The section; `nil` when the year has nothing for it.
    var compose: @Sendable (PackContext) -> Section?
  }

  /// The built-in sections besides the cover and the contents, by name.
  ///
  /// The names are those of `pack.yaml`; another section joins the pack with one
  /// line here.
  static let builtIns: [String: BuiltIn] = [
    "introduction": BuiltIn(
      anchors: { year in
        [PackAnchor.introduction.name]
          + (year.document.priorities.isEmpty ? [] : [PackAnchor.priorities.name])
      }, compose: { PackIntroduction(context: $0).compose() }),
    "plan": BuiltIn(
      anchors: { year in
        [PackAnchor.plan.name] + year.axes.indices.map { PackAnchor.axis($0 + 1).name }
          + [PackAnchor.summary.name]
      }, compose: { PackPlan(context: $0).compose() }),
    "budget": BuiltIn(
      anchors: { _ in
        [PackAnchor.budget, .charges, .products, .balance, .regional].map(\.name)
      }, compose: { PackBudget(context: $0).compose() }),
    // Last year's accounts: printed only when the year before has its FEC.
    "accounts": BuiltIn(
      anchors: { _ in [PackAccountsAnchor.section.name] },
      compose: { context in
        // Without its words (another network's templates) the section is left out,
        // not printed as an empty page.
        guard context.templates.words.pack.accounts != nil else { return nil }
        return context.previous.map {
          PackAccounts(accounts: $0, templates: context.templates).compose()
        }
      }),
  ]

  /// Every built-in section's name in `pack.yaml`.
  public static var builtInSectionNames: [String] {
    ["cover", "contents"] + builtIns.keys.sorted()
  }

  /// The destinations of the built-in section `name`.
  static func builtInAnchors(_ name: String, year: Year) -> [String] {
    if name == "contents" { return [PackAnchor.contents.name] }
    return builtIns[name]?.anchors(year) ?? []
  }

  private var words: PackWords { templates.words.pack }
  private var theme: Theme { templates.theme }
  private var format: NumberStyle { templates.words.numberStyle }

  /// The destinations of the pack (``PackAnchor``).
  public typealias Anchor = PackAnchor

  /// Composes the pack.
  public func compose() -> ComposedDocument {
    let shell = DocumentShell(
      templates: templates, title: year.document.title, organisation: year.organisation.name,
      creator: creator)
    var listed = Set<String>()
    for case .builtIn(let name) in sections { listed.insert(name) }
    var context = PackContext(year: year, templates: templates, listed: listed)
    context.previous = previousAccounts
    // Each section as blocks, the cover and the contents as markers to fill once
    // the others' entries are known.
    enum Part {
      case cover, contents
      case section(Section)
    }
    var parts: [Part] = []
    for section in sections {
      switch section {
      case .builtIn("cover"): parts.append(.cover)
      case .builtIn("contents"): parts.append(.contents)
      case .builtIn(let name):
        if let composed = Self.builtIns[name]?.compose(context) { parts.append(.section(composed)) }
      case .markdown(let markdown):
        parts.append(.section(MarkdownComposer(section: markdown, templates: templates).compose()))
      }
    }
    let entries = parts.flatMap { part -> [ContentsEntry] in
      if case .section(let section) = part { return section.entries }
      return []
    }
    var blocks: [Block] = []
    var coverFirst = false
    for (index, part) in parts.enumerated() {
      if index > 0 {
        // The page after the cover switches to the pages with footers.
        blocks.append(.pageBreak(coverFirst && index == 1 ? shell.bodyStyle : nil))
      }
      switch part {
      case .cover:
        if index == 0 { coverFirst = true }
        blocks += cover()
      case .contents: blocks += contents(for: entries)
      case .section(let section): blocks += section.blocks
      }
    }
    let values = [
      "kind": year.assembly.kind ?? "", "date": year.assembly.date.map(format.longDate) ?? "",
      "place": year.assembly.place ?? "", "year": assemblyYear,
      "organisation": year.organisation.name, "title": year.document.title,
    ]
    return shell.document(
      blocks, fileName: words.fileName.render(["year": fileYear.map(String.init) ?? assemblyYear]),
      subject: words.metadata.subject.render(values),
      keywords: words.metadata.keywords.render(values),
      firstPageStyle: coverFirst ? shell.plainStyle : shell.bodyStyle,
      // The cover is named; the pages after it keep their physical numbers (2, 3…),
      // the ones their footers print.
      pageLabels: coverFirst
        ? [
          PageLabelRange(firstPage: 0, prefix: words.cover.pageLabel, numbered: false),
          PageLabelRange(firstPage: 1, start: 2),
        ] : [PageLabelRange(firstPage: 0, start: 1)])
  }

  /// The year the pack is for, as text: the assembly's year.
  private var assemblyYear: String { year.assembly.date.map { String($0.year) } ?? "" }

  // MARK: - Cover and contents

  private func cover() -> [Block] {
    let detail = theme.text.coverDetail
    var datePlace: String?
    if let date = year.assembly.date {
      let values = [
        "date": format.longDate(date), "place": year.assembly.place ?? "",
        "kind": year.assembly.kind ?? "", "year": assemblyYear,
        "organisation": year.organisation.name, "title": year.document.title,
      ]
      datePlace = (year.assembly.place == nil ? words.cover.dateOnly : words.cover.datePlace)
        .render(values)
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
      detailStyle: theme.style(detail, color: theme.colors.muted),
      logo: logo.map { Logo.figure($0, width: 130, maximumHeight: 64) })
    return [.figure(Figure(content: cover, role: .division))]
  }

  private func contents(for entries: [ContentsEntry]) -> [Block] {
    let spec = theme.text.contents
    return [
      templates.h1(words.contents.title, anchor: PackAnchor.contents, outline: false),
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

}

/// What the sections of the pack are made of.
struct PackContext {
  /// The year, set the French way.
  let year: Year
  /// The words and theme.
  let templates: Templates
  /// The pack's amounts.
  let money: MoneyFormat
  /// The built-in sections the pack prints (a link goes only to those).
  let listed: Set<String>
  /// Last year's accounts, when there.
  var previous: PreviousAccounts?

  init(year: Year, templates: Templates, listed: Set<String> = ["plan", "budget"]) {
    self.year = year
    self.templates = templates
    self.listed = listed
    let budget = year.budget
    money = MoneyFormat(
      style: templates.words.numberStyle,
      amounts: year.axes.flatMap { $0.actions.map(\.budget) }
        + (budget.charges + budget.products).map(\.amount) + [budget.totalTarget ?? .zero])
  }

  var words: PackWords { templates.words.pack }
  var theme: Theme { templates.theme }
  var format: NumberStyle { templates.words.numberStyle }
}

/// The introduction: the summary, the priorities, the notes.
struct PackIntroduction: SectionComposer {
  let context: PackContext

  func compose() -> Section {
    let year = context.year
    let templates = context.templates
    let theme = context.theme
    let words = context.words

    var section = Section()
    let texts = year.document
    let title = words.introduction.title
    section.heading(
      templates.h1(title, anchor: PackAnchor.introduction), title: title, level: 1,
      anchor: PackAnchor.introduction)
    if let summary = texts.summary {
      // A blank line in the year file (a line break once YAML has folded the text)
      // starts a new paragraph, with the space between paragraphs.
      for paragraph in summary.split(whereSeparator: \.isNewline)
      where !paragraph.allSatisfy(\.isWhitespace) {
        section.blocks.append(
          templates.paragraph(String(paragraph), style: theme.style(theme.text.lead)))
      }
    }
    // Last year's result in words, linked to its section when the pack prints it.
    if let previous = context.previous, context.listed.contains("accounts"),
      templates.words.pack.accounts != nil
    {
      section.blocks.append(
        templates.paragraph(
          PackAccounts.result(previous, templates: templates), link: PackAccountsAnchor.section))
    }
    if !texts.priorities.isEmpty {
      let title = words.introduction.prioritiesTitle
      section.heading(
        templates.h2(title, anchor: PackAnchor.priorities), title: title, level: 2,
        anchor: PackAnchor.priorities)
      section.blocks.append(
        .list(
          BulletList(
            items: texts.priorities, style: templates.body, bullet: templates.words.bullet,
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
}

/// The action plan: a table per axis, the summary and its chart.
struct PackPlan: SectionComposer {
  let context: PackContext

  func compose() -> Section {
    let year = context.year
    let templates = context.templates
    let theme = context.theme
    let words = context.words
    let format = context.format
    var section = Section()
    let plan = words.plan
    section.heading(
      templates.h1(plan.title, anchor: PackAnchor.plan), title: plan.title, level: 1,
      anchor: PackAnchor.plan)
    let money = context.money
    section.blocks.append(
      templates.paragraph(
        plan.lead.render([
          "actions": String(year.actionCount), "axes": String(year.axes.count),
          "total": money(year.actionsTotal),
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
      let heading = plan.axisHeading.render(["number": number, "title": axis.title])
      let anchor = PackAnchor.axis(index + 1)
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
            plan.axisTotal.render(["number": number]), "", "", "", "", money(axis.total),
          ],
          kind: .total, leadingSpan: 5))
      section.blocks.append(
        .table(
          Table(
            columns: columns, header: header, rows: rows, style: templates.tableStyle,
            continuationTitle: templates.words.tableContinued.render(["heading": heading]),
            spaceAfter: theme.spacing.paragraph, widthGroup: "actions")))
    }
    section.heading(
      templates.h2(plan.summaryTitle, anchor: PackAnchor.summary), title: plan.summaryTitle,
      level: 2,
      anchor: PackAnchor.summary)
    let totals = year.axes.map(\.total)
    let percents = Share.percentages(of: totals)
    var rows: [TableRow] = []
    var bars: [BarChart.Bar] = []
    for (index, axis) in year.axes.enumerated() {
      let label = plan.summaryAxis.render(["number": String(index + 1), "title": axis.title])
      rows.append(
        TableRow([
          label, String(axis.actions.count), money(axis.total),
          format.percent(percents[index]),
        ]))
      bars.append(
        BarChart.Bar(
          label: label, value: axis.total.approximateUnits, valueLabel: money(axis.total),
          destination: PackAnchor.axis(index + 1).name))
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
          continuationTitle: templates.words.tableContinued.render(["heading": plan.summaryTitle]),
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
          alternative: templates.words.figure.describe(
            title: plan.chartTitle, entries: bars.map { ($0.label, $0.valueLabel) }))))
    if context.listed.contains("budget") {
      section.blocks.append(
        templates.paragraph(
          plan.budgetReference.render(PackAnchor.pageReferences),
          style: theme.style(theme.text.body, color: theme.colors.primary),
          alignment: .left, link: PackAnchor.budget))
    }
    return section
  }
}

/// The provisional budget: charges, products, the balance, the regional share.
struct PackBudget: SectionComposer {
  let context: PackContext

  /// The accounts of the unbudgeted row: all of them up to five, else the first four
  /// and an ellipsis.
  static func accountList(_ accounts: [String]) -> String {
    accounts.count <= 5
      ? accounts.joined(separator: ", ") : accounts.prefix(4).joined(separator: ", ") + "\u{2026}"
  }

  func compose() -> Section {
    let year = context.year
    let templates = context.templates
    let theme = context.theme
    let words = context.words
    let format = context.format
    let money = context.money
    var section = Section()
    let texts = words.budget
    let budget = year.budget
    section.heading(
      templates.h1(texts.title, anchor: PackAnchor.budget), title: texts.title, level: 1,
      anchor: PackAnchor.budget)
    section.blocks.append(templates.paragraph(texts.lead, style: theme.style(theme.text.lead)))
    for (title, anchor, lines, totalLabel) in [
      (texts.chargesTitle, PackAnchor.charges, budget.charges, texts.chargesTotal),
      (texts.productsTitle, PackAnchor.products, budget.products, texts.productsTotal),
    ] {
      section.heading(templates.h2(title, anchor: anchor), title: title, level: 2, anchor: anchor)
      var rows = lines.map {
        TableRow([$0.account, $0.label, money($0.amount)])
      }
      let total = money(lines.map(\.amount).sum())
      rows.append(TableRow([totalLabel, "", total], kind: .total, leadingSpan: 2))
      var header = [texts.columns.account, texts.columns.label, texts.columns.amount]
      // Issue 12: what last year realised on each line, to the cent.
      if let previous = context.previous, let accountsWords = words.accounts {
        let exact = MoneyFormat(style: format, alwaysCents: true)
        let side = anchor == PackAnchor.charges ? BudgetSide.charges : .products
        let realised = previous.realised(lines, side: side)
        for index in realised.indices { rows[index].cells.append(exact(realised[index])) }
        // What no budget line claims (exceptional items, fonds dédiés…) gets its own
        // row, so that the column's total is the compte de résultat's, to the cent.
        let unbudgeted = previous.unbudgeted(lines, side: side)
        if unbudgeted.amount != .zero || !unbudgeted.accounts.isEmpty {
          let label =
            (side == .charges
            ? accountsWords.unbudgetedCharges : accountsWords.unbudgetedProducts)
            .render(["accounts": Self.accountList(unbudgeted.accounts)])
          rows.insert(
            TableRow(["", label, "\u{2014}", exact(unbudgeted.amount)]), at: rows.count - 1)
        }
        rows[rows.count - 1].cells.append(exact(realised.sum() + unbudgeted.amount))
        header.append(accountsWords.budgetColumn.render(["year": String(previous.year)]))
      }
      section.blocks.append(
        .table(
          Table(
            columns: [TableColumn(grow: 0), TableColumn(grow: 1)]
              + Array(repeating: TableColumn(alignment: .right, grow: 0), count: header.count - 2),
            header: header, rows: rows,
            style: templates.tableStyle,
            continuationTitle: templates.words.tableContinued.render(["heading": title]),
            spaceAfter: theme.spacing.paragraph)))
    }
    section.heading(
      templates.h2(texts.balanceTitle, anchor: PackAnchor.balance), title: texts.balanceTitle,
      level: 2,
      anchor: PackAnchor.balance)
    section.blocks.append(balanceBox())
    section.heading(
      templates.h2(texts.regionalTitle, anchor: PackAnchor.regional), title: texts.regionalTitle,
      level: 2,
      anchor: PackAnchor.regional)
    let share = budget.regionalShare
    let parts = [budget.regionalTotal, budget.chargesTotal - budget.regionalTotal]
    let percents = Share.percentages(of: parts)
    section.blocks.append(
      templates.paragraph(
        texts.regionalLead.render([
          "percent": format.percent(share.roundedPercent), "amount": money(share.part),
        ]),
        alignment: .left, keepWithNext: true))
    let colors = [theme.colors.pieRegional.color, theme.colors.pieOther.color]
    let titles = [texts.regionalSlice, texts.otherSlice]
    let slices = (0..<2).map { index in
      PieChart.Slice(
        value: parts[index].approximateUnits, label: format.percent(percents[index]),
        legendTitle: titles[index],
        legendDetail: texts.legendDetail.render([
          "amount": money(parts[index]), "percent": format.percent(percents[index]),
        ]),
        color: colors[index], destination: index == 0 ? PackAnchor.charges.name : nil)
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
          alternative: templates.words.figure.describe(
            title: texts.regionalTitle,
            entries: slices.map { ($0.legendTitle, $0.legendDetail) }))))
    return section
  }

  /// The balance statement: calm when balanced, in the warning colour otherwise.
  private func balanceBox() -> Block {
    let year = context.year
    let theme = context.theme
    let words = context.words
    let money = context.money
    let budget = year.budget
    let texts = words.budget
    var sentences: [String] = []
    for finding in budget.findings {
      switch finding {
      case .unbalanced(let charges, let products):
        sentences.append(
          texts.unbalanced.render([
            "charges": money(charges), "products": money(products),
            "difference": money((products - charges).magnitude),
          ]))
      case .offTarget(let side, let total, let target):
        sentences.append(
          texts.offTarget.render([
            "side": side == .charges ? texts.sideNames.charges : texts.sideNames.products,
            "total": money(total), "target": money(target),
            "difference": money((total - target).magnitude),
          ]))
      }
    }
    let calm = sentences.isEmpty
    if calm {
      sentences = [texts.balanced.render(["total": money(budget.chargesTotal)])]
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
