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
  /// How its amounts are written.
  let money: MoneyFormat

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
    money = Self.money(execution, budget: year.budget, style: templates.words.numberStyle)
  }

  private var words: ExportWords { templates.words.export }
  private var theme: Theme { templates.theme }
  private var format: NumberStyle { templates.words.numberStyle }
  private var months: Int { execution.through.month }
  private var dateText: String { format.longDate(execution.through.lastDay) }

  /// The budget prorated to the months elapsed, rounded to the cent (the model's rule).
  func prorated(_ amount: Money) -> Money { execution.prorated(amount) }

  /// The export's amounts: with cents when the budget or the accounts have any.
  static func money(_ execution: BudgetExecution, budget: Budget, style: NumberStyle)
    -> MoneyFormat
  {
    let lines = execution.charges + execution.products
    return MoneyFormat(
      style: style,
      amounts: lines.flatMap { [$0.line.amount, $0.actual] }
        + (execution.offBudgetCharges + execution.offBudgetProducts).map(\.amount)
        + execution.beneficiaries.map(\.amount) + [budget.chargesTotal, budget.productsTotal])
  }

  /// Composes the export.
  public func compose() -> ComposedDocument {
    let title = words.title.render(["date": dateText])
    var blocks: [Block] = [templates.h1(title, anchor: ExportAnchor.title)]
    let file = ledger.file.split(separator: "/").last.map(String.init) ?? ledger.file
    blocks.append(
      templates.paragraph(
        words.lead.render([
          "year": String(execution.through.year), "date": dateText, "file": file,
          "entries": format.integer(Int64(ledger.entryCount)),
          "lines": format.integer(Int64(ledger.lineCount)),
        ]), style: theme.style(theme.text.lead), alignment: .left))
    blocks += headline()
    blocks += sideTable(
      title: words.chargesTitle, anchor: .charges, lines: execution.charges,
      totalLabel: words.chargesTotal, actualTotal: execution.charges.map(\.actual).sum())
    blocks += sideTable(
      title: words.productsTitle, anchor: .products, lines: execution.products,
      totalLabel: words.productsTotal, actualTotal: execution.products.map(\.actual).sum())
    blocks += offBudget()
    blocks += charts()
    blocks += regional()
    let shell = DocumentShell(
      templates: templates, title: title, organisation: year.organisation.name, creator: creator)
    let values = ["year": String(execution.through.year), "date": dateText]
    let month = (months < 10 ? "0" : "") + String(months)
    return shell.document(
      blocks,
      fileName: words.fileName.render(["year": String(execution.through.year), "month": month]),
      subject: words.subject.render(values), keywords: words.keywords.render(values))
  }

  // MARK: - Sections

  private func percent(_ share: Share) -> String { format.percent(share.roundedPercent) }

  private func headline() -> [Block] {
    let budget = year.budget
    let columns = words.headlineColumns
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
        words.headlineResult, money.signed(budgetResult),
        money.signed(prorated(budgetResult)),
        money.signed(execution.result), templates.words.emptyCell,
      ]),
      TableRow([
        words.headlineRegional, percent(budget.regionalShare), templates.words.emptyCell,
        percent(execution.regionalShare), templates.words.emptyCell,
      ]),
    ]
    return [
      templates.h2(words.headlineTitle, anchor: ExportAnchor.headline),
      .table(
        Table(
          columns: [TableColumn(grow: 1)]
            + Array(repeating: TableColumn(alignment: .right, grow: 0), count: 4),
          header: [columns.item, columns.budget, columns.prorata, columns.actual, columns.rate],
          rows: rows, style: templates.tableStyle, spaceAfter: theme.spacing.paragraph)),
      templates.paragraph(
        words.prorataNote.render([
          "months": String(months),
          "percent": format.percent(Int((Double(months) / 12 * 100).rounded())),
        ]),
        style: theme.style(theme.text.footer, color: theme.colors.muted).with(
          size: theme.text.body.size - 1),
        alignment: .left),
    ]
  }

  private func sideTable(
    title: String, anchor: ExportAnchor, lines: [LineExecution], totalLabel: String,
    actualTotal: Money
  ) -> [Block] {
    let columns = words.columns
    var rows = lines.map { line in
      TableRow([
        line.line.account, line.line.label, money(line.line.amount), money(line.actual),
        percent(line.rate),
        money.signed(line.actual - prorated(line.line.amount)),
      ])
    }
    let budgetTotal = lines.map(\.line.amount).sum()
    rows.append(
      TableRow(
        [
          totalLabel, "", money(budgetTotal), money(actualTotal),
          percent(Share(part: actualTotal, of: budgetTotal)),
          money.signed(actualTotal - prorated(budgetTotal)),
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
          continuationTitle: templates.words.tableContinued.render(["heading": title]),
          spaceAfter: theme.spacing.paragraph, widthGroup: "execution")),
    ]
  }

  private func offBudget() -> [Block] {
    var blocks = [templates.h2(words.offBudgetTitle, anchor: ExportAnchor.offBudget)]
    let accounts = execution.offBudgetCharges + execution.offBudgetProducts
    guard !accounts.isEmpty else {
      blocks.append(templates.paragraph(words.offBudgetNone, alignment: .left))
      return blocks
    }
    blocks.append(templates.paragraph(words.offBudgetLead, alignment: .left))
    let columns = words.offBudgetColumns
    var rows = accounts.map { account in
      TableRow([
        account.side == .charges ? words.sideNames.charges : words.sideNames.products,
        account.account, FrenchTypography().apply(account.label),
        money(account.amount),
      ])
    }
    let net = execution.offBudgetChargesTotal - execution.offBudgetProductsTotal
    if execution.offBudgetProducts.isEmpty || execution.offBudgetCharges.isEmpty {
      rows.append(
        TableRow(
          [words.offBudgetTotal, "", "", money(net.magnitude)],
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
          continuationTitle: templates.words.tableContinued.render(["heading": words.offBudgetTitle]
          ),
          spaceAfter: theme.spacing.paragraph)))
    return blocks
  }

  private func charts() -> [Block] {
    var blocks: [Block] = []
    for (title, anchor, lines, color) in [
      (
        words.linesChartTitle, ExportAnchor.chargesChart, execution.charges,
        theme.colors.chartActual
      ),
      (
        words.productsChartTitle, ExportAnchor.productsChart, execution.products,
        theme.colors.chartProducts
      ),
    ] {
      blocks.append(templates.h2(title, anchor: anchor))
      blocks.append(
        .figure(
          Figure(
            content: ComparisonBarChart(
              rows: lines.map { line in
                ComparisonBarChart.Row(
                  label: line.line.account + " " + line.line.label,
                  planned: line.line.amount.approximateUnits, actual: line.actual.approximateUnits,
                  plannedLabel: money(line.line.amount),
                  actualLabel: money(line.actual))
              }, plannedTitle: words.planned, actualTitle: words.actual,
              labelStyle: theme.style(theme.text.table),
              valueStyle: theme.style(theme.text.table).tabular,
              plannedColor: theme.colors.chartPlanned.color, actualColor: color.color,
              axis: Stroke(color: theme.colors.muted.color, width: 0.8)),
            spaceAfter: theme.spacing.paragraph,
            // The chart's data in words, for readers who cannot see it.
            alternative: templates.words.figure.describe(
              title: title,
              entries: lines.map { line in
                (
                  line.line.account + " " + line.line.label,
                  words.planned + " " + money(line.line.amount) + ", " + words.actual + " "
                    + money(line.actual)
                )
              }))))
    }
    let budget = year.budget
    let style = format
    let linear = (1...12).map { budget.chargesTotal.approximateUnits * Double($0) / 12 }
    blocks.append(templates.h2(words.pathChartTitle, anchor: ExportAnchor.cumulative))
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
          spaceAfter: theme.spacing.paragraph,
          alternative: templates.words.figure.describe(
            title: words.pathChartTitle,
            entries: [
              (words.pathBudget, linear),
              (words.pathCharges, execution.cumulative.map(\.charges.approximateUnits)),
              (words.pathProducts, execution.cumulative.map(\.products.approximateUnits)),
            ].map { title, values in
              (title, pathValues(values))
            }))))
    return blocks
  }

  /// A series of the cumulative chart in words: each month with its value.
  /// (Rounded to the cent as the chart's labels are.)
  private func pathValues(_ values: [Double]) -> String {
    zip(words.monthsShort, values).map { month, value in
      month + " " + money(Money(cents: Int64((value * 100).rounded())))
    }.joined(separator: ", ")
  }

  private func regional() -> [Block] {
    var blocks = [templates.h2(words.regionalTitle, anchor: ExportAnchor.regional)]
    blocks.append(
      templates.paragraph(
        words.regionalLead.render([
          "paid": money(execution.regionalActual),
          "share": percent(execution.regionalShare),
          "planned": percent(year.budget.regionalShare),
        ]), alignment: .left))
    guard !execution.beneficiaries.isEmpty else {
      blocks.append(templates.paragraph(words.regionalNone, alignment: .left))
      return blocks
    }
    var rows = execution.beneficiaries.map {
      TableRow([
        $0.account.isEmpty ? templates.words.emptyCell : $0.account,
        $0.label.isEmpty ? templates.words.emptyCell : FrenchTypography().apply($0.label),
        money($0.amount),
      ])
    }
    rows.append(
      TableRow(
        [
          words.regionalTotal, "",
          money(execution.beneficiaries.map(\.amount).sum()),
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
          continuationTitle: templates.words.tableContinued.render(["heading": words.regionalTitle]
          ),
          spaceAfter: theme.spacing.paragraph)))
    return blocks
  }
}
