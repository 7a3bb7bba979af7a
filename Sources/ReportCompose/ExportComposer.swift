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
  /// Whether the month comes after the file's last entry: the document warns.
  public var isStale = false
  /// Which FEC of the folder was read and why; `nil` for a file given with `--fec`.
  public var choice: FECChoice?

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
  private var months: Int { execution.monthsElapsed }
  private var dateText: String { format.longDate(execution.through.lastDay) }
  /// The fiscal year's months in order (January to December without one).
  private var fiscalMonths: [YearMonth] {
    execution.fiscalYear?.months
      ?? (1...12).compactMap { YearMonth(year: execution.through.year, month: $0) }
  }
  /// The year named in texts: `2019`, or `2018-2019` for a fiscal year across two.
  private var yearName: String {
    execution.fiscalYear?.name ?? String(execution.through.year)
  }

  /// The export's amounts: with cents when the budget or the accounts have any.
  static func money(_ execution: BudgetExecution, budget: Budget, style: NumberStyle)
    -> MoneyFormat
  {
    let lines = execution.charges + execution.products
    return MoneyFormat(
      style: style,
      amounts: lines.flatMap { [$0.line.amount, $0.actual] }
        + (execution.offBudgetCharges + execution.offBudgetProducts).map(\.amount)
        + execution.beneficiaries.map(\.amount) + [budget.chargesTotal, budget.productsTotal]
        + lines.map(\.prorated))
  }

  /// Composes the export.
  public func compose() -> ComposedDocument {
    let title =
      yearName.contains("-")
      ? words.titleFiscal.render(["date": dateText, "fiscal_year": yearName])
      : words.title.render(["date": dateText])
    var blocks: [Block] = [templates.h1(title, anchor: ExportAnchor.title)]
    let file = ledger.file.split(separator: "/").last.map(String.init) ?? ledger.file
    blocks.append(
      templates.paragraph(
        words.lead.render([
          "year": yearName, "date": dateText, "file": file,
          "entries": format.integer(Int64(ledger.entryCount)),
          "lines": format.integer(Int64(ledger.lineCount)),
        ]), style: theme.style(theme.text.lead), alignment: .left))
    blocks += fileNotes()
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
    let values = ["year": yearName, "date": dateText]
    let number = execution.through.month
    let month = (number < 10 ? "0" : "") + String(number)
    return shell.document(
      blocks,
      fileName: words.fileName.render(["year": String(execution.through.year), "month": month]),
      subject: words.subject.render(values), keywords: words.keywords.render(values))
  }

  // MARK: - Sections

  private func percent(_ share: Share) -> String { format.percent(share.roundedPercent) }

  /// Which file was read, its last entry, a year that is not twelve months long, and
  /// the warning of a month after the last entry.
  private func fileNotes() -> [Block] {
    var sentences: [String] = []
    if let last = ledger.lastEntryDate {
      sentences.append(words.lastEntry.render(["date": format.longDate(last)]))
    }
    if let choice, !choice.others.isEmpty {
      switch choice.reason {
      case .closingDate(let date):
        sentences.append(
          words.chosenByClosing.render([
            "count": String(choice.others.count + 1), "date": format.longDate(date),
          ]))
      case .lastEntryDate(let date):
        sentences.append(
          words.chosenByEntries.render([
            "count": String(choice.others.count + 1), "date": format.longDate(date),
          ]))
      case .onlyFile:
        break
      }
    }
    if let year = execution.fiscalYear, year.isIrregular {
      sentences.append(
        words.irregularYear.render([
          "months": String(year.monthCount), "start": format.longDate(year.start),
          "end": format.longDate(year.end),
        ]))
    }
    var blocks: [Block] = []
    if !sentences.isEmpty {
      blocks.append(
        templates.paragraph(
          sentences.joined(separator: " "),
          style: theme.style(theme.text.footer, color: theme.colors.muted).with(
            size: theme.text.body.size - 1), alignment: .left))
    }
    if isStale, let last = ledger.lastEntryDate {
      blocks.append(
        templates.paragraph(
          words.staleWarning.render(["last": format.longDate(last), "date": dateText]),
          style: theme.style(theme.text.body).with(weight: .bold), alignment: .left))
    }
    return blocks
  }

  private func headline() -> [Block] {
    let budget = year.budget
    let columns = words.headlineColumns
    let empty = templates.words.emptyCell
    let chargesBudget = execution.charges.map(\.line.amount).sum()
    let productsBudget = execution.products.map(\.line.amount).sum()
    let charges = execution.chargesReconciliation
    let products = execution.productsReconciliation
    let budgetResult = productsBudget - chargesBudget
    // The budgeted lines' rows are the tables' totals; with "Hors budget" they make the
    // FEC's class 6 and 7 totals, from which the result is.
    func sideRows(
      _ side: Reconciliation, budget total: Money, prorated: Money, lines: String,
      off: String, ledgerTotal: String
    ) -> [TableRow] {
      [
        TableRow([
          lines, money(total), money(prorated), money(side.budgetedLines),
          percent(Share(part: side.budgetedLines, of: total)),
        ]),
        TableRow([off, empty, empty, money(side.offBudget), empty]),
        TableRow([ledgerTotal, empty, empty, money(side.ledgerTotal), empty], kind: .total),
      ]
    }
    let rows =
      sideRows(
        charges, budget: chargesBudget, prorated: execution.chargesProrated,
        lines: words.headlineCharges, off: words.headlineChargesOffBudget,
        ledgerTotal: words.headlineChargesLedger)
      + sideRows(
        products, budget: productsBudget, prorated: execution.productsProrated,
        lines: words.headlineProducts, off: words.headlineProductsOffBudget,
        ledgerTotal: words.headlineProductsLedger)
      + [
        TableRow(
          [
            words.headlineResult, money.signed(budgetResult),
            money.signed(execution.productsProrated - execution.chargesProrated),
            money.signed(execution.result), empty,
          ], kind: .total),
        TableRow([
          words.headlineRegional, percent(budget.regionalShare), empty,
          percent(execution.regionalShare), empty,
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
          "months": String(months), "year_months": String(execution.monthsInYear),
          "percent": percent(Share(part: execution.chargesProrated, of: chargesBudget)),
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
        money.signed(line.gapToProrated),
      ])
    }
    let budgetTotal = lines.map(\.line.amount).sum()
    rows.append(
      TableRow(
        [
          totalLabel, "", money(budgetTotal), money(actualTotal),
          percent(Share(part: actualTotal, of: budgetTotal)),
          money.signed(actualTotal - lines.map(\.prorated).sum()),
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
    // One total per side: the figures the key figures' "hors budget" rows repeat.
    for (present, label, total) in [
      (
        !execution.offBudgetCharges.isEmpty, words.offBudgetChargesTotal,
        execution.offBudgetChargesTotal
      ),
      (
        !execution.offBudgetProducts.isEmpty, words.offBudgetProductsTotal,
        execution.offBudgetProductsTotal
      ),
    ] where present {
      rows.append(TableRow([label, "", "", money(total)], kind: .total, leadingSpan: 3))
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
    let style = format
    // The charges budget to the end of each month of the fiscal year, each line under
    // its profile: the pace the gaps are measured against.
    let count = execution.monthsInYear
    let linear = (1...count).map { elapsed in
      execution.charges.map { $0.line.profile.prorate($0.line.amount, elapsed: elapsed, of: count) }
        .sum().approximateUnits
    }
    let monthLabels = fiscalMonths.map { words.monthsShort[$0.month - 1] }
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
            ], monthLabels: monthLabels,
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
    zip(fiscalMonths.map { words.monthsShort[$0.month - 1] }, values).map { month, value in
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
