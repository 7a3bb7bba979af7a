import ReportCharts
import ReportLayout
import ReportModel

/// Builds the monthly budget-execution export ("Suivi budgétaire au 30 juin 2019")
/// from a year's budget and the execution computed from the accounting export.
///
/// Every word comes from the `export:` section of ``Words``, every size and colour
/// from ``Theme``.
public struct ExportComposer: Sendable {
  /// The year's data (its budget is the one executed).
  public let year: Year
  /// The execution to the end of the month.
  public let execution: BudgetExecution
  /// The accounting export it comes from (its name and counts are quoted).
  public let ledger: LedgerSummary
  /// The words and theme.
  public let templates: Templates
  /// The name written as the PDF's creator.
  public let creator: String

  /// Creates a composer; the year's texts are set the French way.
  public init(
    year: Year, execution: BudgetExecution, ledger: LedgerSummary, templates: Templates,
    creator: String = "report"
  ) {
    self.year = FrenchTypography().typeset(year)
    self.execution = execution
    self.ledger = ledger
    self.templates = templates
    self.creator = creator
  }

  private var words: ExportWords { templates.words.export }
  private var theme: Theme { templates.theme }
  private var format: NumberStyle { templates.words.numberStyle }
  private var months: Int { execution.through.month }
  private var dateText: String { format.longDate(execution.through.lastDay) }

  /// The budget prorated to the months elapsed, rounded to the cent (the model's rule).
  func prorated(_ amount: Money) -> Money { execution.prorated(amount) }

  /// Composes the export.
  public func compose() -> ComposedDocument {
    let page = theme.page
    let style = PageStyle(
      size: Size(width: page.width, height: page.height), margins: page.margins.edgeInsets,
      showsFooter: true)
    let title = Words.render(words.title, ["date": dateText])
    var blocks: [Block] = [templates.h1(title, anchor: "suivi")]
    let file = ledger.file.split(separator: "/").last.map(String.init) ?? ledger.file
    blocks.append(
      templates.paragraph(
        Words.render(
          words.lead,
          [
            "year": String(execution.through.year), "date": dateText, "file": file,
            "entries": format.integer(Int64(ledger.entryCount)),
            "lines": format.integer(Int64(ledger.lineCount)),
          ]), style: theme.style(theme.text.lead), alignment: .left))
    blocks += headline()
    blocks += sideTable(
      title: words.chargesTitle, anchor: "charges", lines: execution.charges,
      totalLabel: words.chargesTotal, actualTotal: execution.charges.map(\.actual).sum())
    blocks += sideTable(
      title: words.productsTitle, anchor: "produits", lines: execution.products,
      totalLabel: words.productsTotal, actualTotal: execution.products.map(\.actual).sum())
    blocks += offBudget()
    blocks += charts()
    blocks += regional()
    let organisation = year.organisation.name
    let footer = FooterSpec(
      left: Words.render(
        templates.words.footer.left, ["organisation": organisation, "title": title]),
      rightPattern: Words.render(
        templates.words.footer.right, ["page": "{page}", "pages": "{pages}"]),
      style: theme.style(theme.text.footer, color: theme.colors.muted),
      rule: Stroke(color: theme.colors.rule.color, width: 0.5), offset: page.footerOffset)
    let values = ["year": String(execution.through.year), "date": dateText]
    let metadata = DocumentMetadata(
      title: title, author: organisation, subject: Words.render(words.subject, values),
      keywords: Words.render(templates.words.metadata.keywords, values), creator: creator)
    let month = (months < 10 ? "0" : "") + String(months)
    return ComposedDocument(
      blocks: blocks, firstPageStyle: style, footer: footer, metadata: metadata,
      fileName: Words.render(
        words.fileName, ["year": String(execution.through.year), "month": month]),
      fontFamily: theme.font.family, language: templates.words.format.language, pageLabels: [])
  }

  // MARK: - Sections

  private func percent(_ share: Share) -> String { format.percent(share.roundedPercent) }

  private func headline() -> [Block] {
    let budget = year.budget
    let columns = words.headlineColumns
    let cents = [
      budget.chargesTotal, budget.productsTotal, execution.chargesActual,
      execution.productsActual,
    ].contains(where: \.hasCents)
    func money(_ amount: Money) -> String { format.money(amount, alwaysCents: cents) }
    let budgetResult = budget.productsTotal - budget.chargesTotal
    let rows = [
      TableRow([
        words.headlineCharges, money(budget.chargesTotal), money(prorated(budget.chargesTotal)),
        money(execution.chargesActual),
        percent(Share(part: execution.chargesActual, of: budget.chargesTotal)),
      ]),
      TableRow([
        words.headlineProducts, money(budget.productsTotal), money(prorated(budget.productsTotal)),
        money(execution.productsActual),
        percent(Share(part: execution.productsActual, of: budget.productsTotal)),
      ]),
      TableRow([
        words.headlineResult, format.signedMoney(budgetResult, alwaysCents: cents),
        format.signedMoney(prorated(budgetResult), alwaysCents: cents),
        format.signedMoney(execution.result, alwaysCents: cents), templates.words.emptyCell,
      ]),
      TableRow([
        words.headlineRegional, percent(budget.regionalShare), templates.words.emptyCell,
        percent(execution.regionalShare), templates.words.emptyCell,
      ]),
    ]
    return [
      templates.h2(words.headlineTitle, anchor: "chiffres-cles"),
      .table(
        Table(
          columns: [TableColumn(grow: 1)]
            + Array(repeating: TableColumn(alignment: .right, grow: 0), count: 4),
          header: [columns.item, columns.budget, columns.prorata, columns.actual, columns.rate],
          rows: rows, style: templates.tableStyle, spaceAfter: theme.spacing.paragraph)),
      templates.paragraph(
        Words.render(
          words.prorataNote,
          [
            "months": String(months),
            "percent": format.percent(Int((Double(months) / 12 * 100).rounded())),
          ]),
        style: theme.style(theme.text.footer, color: theme.colors.muted).with(
          size: theme.text.body.size - 1),
        alignment: .left),
    ]
  }

  private func sideTable(
    title: String, anchor: String, lines: [LineExecution], totalLabel: String, actualTotal: Money
  ) -> [Block] {
    let columns = words.columns
    let cents = lines.contains { $0.line.amount.hasCents || $0.actual.hasCents }
    func money(_ amount: Money) -> String { format.money(amount, alwaysCents: cents) }
    var rows = lines.map { line in
      TableRow([
        line.line.account, line.line.label, money(line.line.amount), money(line.actual),
        percent(line.rate),
        format.signedMoney(line.actual - prorated(line.line.amount), alwaysCents: cents),
      ])
    }
    let budgetTotal = lines.map(\.line.amount).sum()
    rows.append(
      TableRow(
        [
          totalLabel, "", money(budgetTotal), money(actualTotal),
          percent(Share(part: actualTotal, of: budgetTotal)),
          format.signedMoney(actualTotal - prorated(budgetTotal), alwaysCents: cents),
        ], kind: .total, leadingSpan: 2))
    return [
      templates.h2(title, anchor: anchor),
      .table(
        Table(
          columns: [TableColumn(grow: 0), TableColumn(grow: 1)]
            + Array(repeating: TableColumn(alignment: .right, grow: 0), count: 4),
          header: [
            columns.account, columns.label, columns.budget, columns.actual, columns.rate,
            columns.gap,
          ], rows: rows, style: templates.tableStyle,
          continuationTitle: Words.render(templates.words.plan.continued, ["heading": title]),
          spaceAfter: theme.spacing.paragraph, widthGroup: "execution")),
    ]
  }

  private func offBudget() -> [Block] {
    var blocks = [templates.h2(words.offBudgetTitle, anchor: "hors-budget")]
    let accounts = execution.offBudgetCharges + execution.offBudgetProducts
    guard !accounts.isEmpty else {
      blocks.append(templates.paragraph(words.offBudgetNone, alignment: .left))
      return blocks
    }
    blocks.append(templates.paragraph(words.offBudgetLead, alignment: .left))
    let cents = accounts.contains { $0.amount.hasCents }
    let columns = words.offBudgetColumns
    var rows = accounts.map { account in
      TableRow([
        account.side == .charges ? words.sideNames.charges : words.sideNames.products,
        account.account, FrenchTypography().apply(account.label),
        format.money(account.amount, alwaysCents: cents),
      ])
    }
    let net = execution.offBudgetChargesTotal - execution.offBudgetProductsTotal
    if execution.offBudgetProducts.isEmpty || execution.offBudgetCharges.isEmpty {
      rows.append(
        TableRow(
          [words.offBudgetTotal, "", "", format.money(net.magnitude, alwaysCents: cents)],
          kind: .total, leadingSpan: 3))
    }
    blocks.append(
      .table(
        Table(
          columns: [
            TableColumn(grow: 0), TableColumn(grow: 0), TableColumn(grow: 1),
            TableColumn(alignment: .right, grow: 0),
          ],
          header: [columns.side, columns.account, columns.label, columns.amount], rows: rows,
          style: templates.tableStyle,
          continuationTitle: Words.render(
            templates.words.plan.continued, ["heading": words.offBudgetTitle]),
          spaceAfter: theme.spacing.paragraph)))
    return blocks
  }

  private func charts() -> [Block] {
    var blocks: [Block] = []
    for (title, anchor, lines, color) in [
      (words.linesChartTitle, "graphique-charges", execution.charges, theme.colors.chartActual),
      (
        words.productsChartTitle, "graphique-produits", execution.products,
        theme.colors.chartProducts
      ),
    ] {
      let cents = lines.contains { $0.line.amount.hasCents || $0.actual.hasCents }
      blocks.append(templates.h2(title, anchor: anchor))
      blocks.append(
        .figure(
          Figure(
            content: ComparisonBarChart(
              rows: lines.map { line in
                ComparisonBarChart.Row(
                  label: line.line.account + " " + line.line.label,
                  planned: line.line.amount.approximateUnits, actual: line.actual.approximateUnits,
                  plannedLabel: format.money(line.line.amount, alwaysCents: cents),
                  actualLabel: format.money(line.actual, alwaysCents: cents))
              }, plannedTitle: words.planned, actualTitle: words.actual,
              labelStyle: theme.style(theme.text.table),
              valueStyle: theme.style(theme.text.table).tabular,
              plannedColor: theme.colors.chartPlanned.color, actualColor: color.color,
              axis: Stroke(color: theme.colors.muted.color, width: 0.8)),
            spaceAfter: theme.spacing.paragraph)))
    }
    let budget = year.budget
    let style = format
    let linear = (1...12).map { budget.chargesTotal.approximateUnits * Double($0) / 12 }
    blocks.append(templates.h2(words.pathChartTitle, anchor: "cumul"))
    blocks.append(
      .figure(
        Figure(
          content: LineChart(
            series: [
              .init(
                title: words.pathBudget, values: linear, color: theme.colors.muted.color,
                dashed: true),
              .init(
                title: words.pathCharges,
                values: execution.cumulative.map(\.charges.approximateUnits),
                color: theme.colors.chartActual.color),
              .init(
                title: words.pathProducts,
                values: execution.cumulative.map(\.products.approximateUnits),
                color: theme.colors.chartProducts.color),
            ], monthLabels: words.monthsShort,
            formatValue: { style.money(Money(cents: Int64(($0 * 100).rounded()))) },
            labelStyle: theme.style(theme.text.table).tabular,
            grid: Stroke(color: theme.colors.rule.color, width: 0.4)),
          spaceAfter: theme.spacing.paragraph)))
    return blocks
  }

  private func regional() -> [Block] {
    var blocks = [templates.h2(words.regionalTitle, anchor: "redistribution")]
    blocks.append(
      templates.paragraph(
        Words.render(
          words.regionalLead,
          [
            "paid": format.money(execution.regionalActual),
            "share": percent(execution.regionalShare),
            "planned": percent(year.budget.regionalShare),
          ]), alignment: .left))
    guard !execution.beneficiaries.isEmpty else {
      blocks.append(templates.paragraph(words.regionalNone, alignment: .left))
      return blocks
    }
    let cents = execution.beneficiaries.contains { $0.amount.hasCents }
    var rows = execution.beneficiaries.map {
      TableRow([
        $0.account.isEmpty ? templates.words.emptyCell : $0.account,
        $0.label.isEmpty ? templates.words.emptyCell : FrenchTypography().apply($0.label),
        format.money($0.amount, alwaysCents: cents),
      ])
    }
    rows.append(
      TableRow(
        [
          words.regionalTotal, "",
          format.money(execution.beneficiaries.map(\.amount).sum(), alwaysCents: cents),
        ],
        kind: .total, leadingSpan: 2))
    let columns = words.regionalColumns
    blocks.append(
      .table(
        Table(
          columns: [
            TableColumn(grow: 0), TableColumn(grow: 1), TableColumn(alignment: .right, grow: 0),
          ],
          header: [columns.account, columns.beneficiary, columns.amount], rows: rows,
          style: templates.tableStyle,
          continuationTitle: Words.render(
            templates.words.plan.continued, ["heading": words.regionalTitle]),
          spaceAfter: theme.spacing.paragraph)))
    return blocks
  }
}
