import ReportLayout
import ReportModel

/// `{year}`, `{start}`, `{end}`, `{file}`, `{lines}`, `{entries}`: the accounts' lead.
public enum AccountsLeadNames: PlaceholderNames {
  /// The names.
  public static let names = ["year", "start", "end", "file", "lines", "entries"]
}

/// `{number}`, `{name}`: a class of the chart of accounts.
public enum AccountClassNames: PlaceholderNames {
  /// The names.
  public static let names = ["number", "name"]
}

/// `{debit}`, `{credit}`: the balance's totals.
public enum DebitCreditNames: PlaceholderNames {
  /// The names.
  public static let names = ["debit", "credit"]
}

/// `{year}`, `{amount}`: a year's result in words.
public enum YearAmountNames: PlaceholderNames {
  /// The names.
  public static let names = ["year", "amount"]
}

/// The column heads of a compte de résultat.
public struct StatementColumnWords: Decodable, Sendable {
  /// The headings' column.
  public var label: String
  /// "Réalisé {year}".
  public var realised: Template<YearName>
  /// "Budget {year}".
  public var budget: Template<YearName>
  /// "Écart".
  public var gap: String
  /// "Réalisé {year}" of the year before.
  public var previous: Template<YearName>
}

/// The words of the annual accounts (`accounts:` in `words.yaml`).
public struct AccountsWords: Decodable, Sendable {
  /// The compte de résultat and balance générale: `comptes-{year}.pdf`.
  public var fileName: Template<YearName>
  /// The title.
  public var title: Template<YearName>
  /// The PDF's subject.
  public var subject: Template<YearName>
  /// The PDF's keywords.
  public var keywords: Template<YearName>
  /// Under the title: the period and the file the accounts come from.
  public var lead: Template<AccountsLeadNames>
  /// "Compte de résultat".
  public var statementTitle: String
  /// What the columns are.
  public var statementLead: String
  /// The statement's columns.
  public var columns: StatementColumnWords
  /// Over the contributions volontaires en nature.
  public var belowTitle: String
  /// "Balance générale".
  public var balanceTitle: String
  /// What the balance is.
  public var balanceLead: String
  /// The balance's columns.
  public var balanceColumns: BalanceColumns
  /// A class's heading.
  public var classHeading: Template<AccountClassNames>
  /// A class's total.
  public var classTotal: Template<AccountClassNames>
  /// "Total général".
  public var grandTotal: String
  /// The sentence saying the debits equal the credits.
  public var balanced: Template<DebitCreditNames>
  /// The general ledger's words.
  public var ledger: LedgerWords
  /// The first day of a month in a date, "1er" (« 1er janvier 2018 »); the number when absent.
  public var firstOfMonth: String?

  /// A long date, the first of a month written as `firstOfMonth`.
  func longDate(_ date: CalendarDate, style: NumberStyle) -> String {
    let text = style.longDate(date)
    guard date.day == 1, let firstOfMonth, text.hasPrefix("1"),
      text.dropFirst().first?.isNumber == false
    else { return text }
    return firstOfMonth + text.dropFirst()
  }

  /// The balance's column heads.
  public struct BalanceColumns: Decodable, Sendable {
    /// "Compte".
    public var account: String
    /// "Intitulé".
    public var label: String
    /// "Total débit".
    public var debit: String
    /// "Total crédit".
    public var credit: String
    /// "Solde débiteur".
    public var debitBalance: String
    /// "Solde créditeur".
    public var creditBalance: String
  }
}

/// The destinations of the annual accounts.
public enum AccountsAnchor: DocumentAnchor {
  /// The title.
  case title
  /// The compte de résultat.
  case statement
  /// The contributions volontaires en nature.
  case inKind
  /// The balance générale.
  case balance

  /// Its name in the PDF.
  public var name: String {
    switch self {
    case .title: return "comptes"
    case .statement: return "compte-de-resultat"
    case .inKind: return "contributions-en-nature"
    case .balance: return "balance-generale"
    }
  }
}

/// Builds the annual accounts of a fiscal year: the compte de résultat in the layout
/// of the templates, then the balance générale.
public struct AccountsComposer: Sendable {
  /// The year's data (organisation).
  public let year: Year
  /// The fiscal year's number: 2018.
  public let fiscalYear: Int
  /// Its first and last days, when known.
  public let period: FiscalYear?
  /// The compte de résultat.
  public let statement: IncomeStatement
  /// The balance générale.
  public let balance: TrialBalance
  /// The names of the classes of the chart (``StatementLayout/classNames``).
  public let classNames: [Int: String]
  /// The FEC's file name, its lines and entries, for the lead.
  public let source: (file: String, lines: Int, entries: Int)
  /// The words and theme.
  public let templates: Templates
  /// The name written as the PDF's creator.
  public let creator: String

  /// Creates a composer.
  public init(
    year: Year, fiscalYear: Int, period: FiscalYear?, statement: IncomeStatement,
    balance: TrialBalance, classNames: [Int: String],
    source: (file: String, lines: Int, entries: Int),
    templates: Templates, creator: String = "report"
  ) {
    self.year = FrenchTypography().typeset(year)
    self.fiscalYear = fiscalYear
    self.period = period
    self.statement = statement
    self.balance = balance
    self.classNames = classNames
    self.source = source
    self.templates = templates
    self.creator = creator
  }

  /// Composes the document.
  public func compose() -> ComposedDocument {
    let words = templates.words.accounts
    let format = templates.words.numberStyle
    let money = MoneyFormat(style: format, alwaysCents: true)
    let yearText = String(fiscalYear)
    let title = words.title.render(["year": yearText])
    let file = source.file.split(separator: "/").last.map(String.init) ?? source.file
    var blocks: [Block] = [
      templates.h1(title, anchor: AccountsAnchor.title),
      templates.paragraph(
        words.lead.render([
          "year": yearText, "start": period.map { words.longDate($0.start, style: format) } ?? "",
          "end": period.map { words.longDate($0.end, style: format) } ?? "", "file": file,
          "lines": format.integer(Int64(source.lines)),
          "entries": format.integer(Int64(source.entries)),
        ]), style: templates.theme.style(templates.theme.text.lead), alignment: .left),
      templates.h2(words.statementTitle, anchor: AccountsAnchor.statement),
      templates.paragraph(words.statementLead, alignment: .left),
    ]
    blocks += StatementTable(
      statement: statement, templates: templates, money: money, columns: words.columns,
      year: fiscalYear, short: false, belowTitle: words.belowTitle
    ).blocks()
    blocks.append(.pageBreak(nil))
    blocks += balanceBlocks(words: words, money: money)
    let shell = DocumentShell(
      templates: templates, title: title, organisation: year.organisation.name, creator: creator)
    let values = ["year": yearText]
    return shell.document(
      blocks, fileName: words.fileName.render(values), subject: words.subject.render(values),
      keywords: words.keywords.render(values))
  }

  private func balanceBlocks(words: AccountsWords, money format: MoneyFormat) -> [Block] {
    let columns = words.balanceColumns
    var blocks: [Block] = [
      templates.h2(words.balanceTitle, anchor: AccountsAnchor.balance),
      templates.paragraph(words.balanceLead, alignment: .left),
    ]
    let header = [
      columns.account, columns.label, columns.debit, columns.credit, columns.debitBalance,
      columns.creditBalance,
    ]
    let tableColumns =
      [TableColumn(grow: 0), TableColumn(grow: 1)]
      + Array(repeating: TableColumn(alignment: .right, grow: 0), count: 4)
    func money(_ value: Money) -> String { plainAmount(value, style: format.style) }
    func amount(_ value: Money) -> String { value == .zero ? "" : money(value) }
    let typography = FrenchTypography()
    for accountClass in balance.classes {
      let names = [
        "number": String(accountClass.number), "name": classNames[accountClass.number] ?? "",
      ]
      let heading = words.classHeading.render(names)
      var rows = accountClass.lines.map { line in
        TableRow([
          // The FEC's labels, set the French way as the export sets them.
          line.account, templates.cell(typography.apply(line.label)), money(line.debit),
          money(line.credit),
          amount(line.debitBalance), amount(line.creditBalance),
        ])
      }
      rows.append(
        TableRow(
          [
            words.classTotal.render(names), "", money(accountClass.debit),
            money(accountClass.credit), money(accountClass.debitBalance),
            money(accountClass.creditBalance),
          ], kind: .total, leadingSpan: 2))
      blocks.append(templates.h3(heading))
      blocks.append(
        .table(
          Table(
            columns: tableColumns, header: header, rows: rows, style: templates.tableStyle,
            continuationTitle: templates.words.tableContinued.render(["heading": heading]),
            spaceAfter: templates.theme.spacing.paragraph, widthGroup: "balance")))
    }
    blocks.append(
      .table(
        Table(
          columns: tableColumns, header: header,
          rows: [
            TableRow(
              [
                words.grandTotal, "", money(balance.debit), money(balance.credit),
                money(balance.debitBalance), money(balance.creditBalance),
              ], kind: .total, leadingSpan: 2)
          ], style: templates.tableStyle, spaceAfter: templates.theme.spacing.paragraph,
          widthGroup: "balance")))
    blocks.append(
      templates.paragraph(
        words.balanced.render(["debit": money(balance.debit), "credit": money(balance.credit)]),
        style: templates.theme.style(templates.theme.text.body, weight: .semibold),
        alignment: .left))
    return blocks
  }
}

/// A compte de résultat as tables: one per block of the layout under its title, the
/// results between them, the contributions volontaires en nature after the result.
///
/// Lines are indented by their level, sub-totals and totals bold; every table of one
/// statement shares its column widths.
public struct StatementTable: Sendable {
  /// The statement.
  public let statement: IncomeStatement
  /// The words and theme.
  public let templates: Templates
  /// How amounts are written.
  public let money: MoneyFormat
  /// The column heads.
  public let columns: StatementColumnWords
  /// The statement's fiscal year (the previous column is the year before).
  public let year: Int
  /// The short form: blocks holding nothing in any column are left out.
  public let short: Bool
  /// The heading over the blocks below the result; `nil` for none.
  public let belowTitle: String?

  /// Creates the tables' builder.
  public init(
    statement: IncomeStatement, templates: Templates, money: MoneyFormat,
    columns: StatementColumnWords, year: Int, short: Bool, belowTitle: String?
  ) {
    self.statement = statement
    self.templates = templates
    self.money = money
    self.columns = columns
    self.year = year
    self.short = short
    self.belowTitle = belowTitle
  }

  /// The tables: the blocks above the result in one, the contributions volontaires
  /// en nature in another under ``belowTitle``.
  public func blocks() -> [Block] {
    let source = short ? statement.droppingEmptyLines() : statement
    let yearText = String(year)
    var header = [columns.label, columns.realised.render(["year": yearText])]
    if source.hasBudget { header += [columns.budget.render(["year": yearText]), columns.gap] }
    if source.hasPrevious { header.append(columns.previous.render(["year": String(year - 1)])) }
    let tableColumns =
      [TableColumn(grow: 1)]
      + Array(repeating: TableColumn(alignment: .right, grow: 0), count: header.count - 1)
    let theme = templates.theme
    let style = money.style
    let empty = templates.words.emptyCell
    func amount(_ value: Money) -> String { plainAmount(value, style: style) }
    func gap(_ value: Money) -> String {
      value > .zero ? "+" + amount(value) : amount(value)
    }
    func cells(_ row: IncomeStatement.Row, label: String, blankZero: Bool) -> [String] {
      func shown(_ value: Money?) -> String {
        guard let value else { return empty }
        return blankZero && value == .zero ? empty : amount(value)
      }
      var cells = [label, shown(row.realised)]
      if source.hasBudget {
        let gapText = row.gap.map { blankZero && $0 == .zero ? empty : gap($0) } ?? empty
        cells += [shown(row.budget), gapText]
      }
      if source.hasPrevious { cells.append(shown(row.previous)) }
      return cells
    }
    var blocks: [Block] = []
    var rows: [TableRow] = []
    var heading: String?
    func flush() {
      guard !rows.isEmpty else { return }
      if let heading { blocks.append(templates.h3(heading)) }
      blocks.append(
        .table(
          Table(
            columns: tableColumns, header: header, rows: rows, style: templates.tableStyle,
            continuationTitle: templates.words.tableContinued.render([
              "heading": heading ?? statement.title
            ]), spaceAfter: theme.spacing.paragraph, widthGroup: "statement-\(year)")))
      rows = []
    }
    var skipping = false
    var belowStarted = false
    for (index, row) in source.rows.enumerated() {
      let indent = String(repeating: "\u{2003}", count: max(0, row.level - 1))
      switch row.kind {
      case .title:
        skipping = short && isEmptyBlock(source, from: index)
        if skipping { continue }
        if row.below && !belowStarted {
          belowStarted = true
          flush()
          heading = belowTitle
        }
        rows.append(
          TableRow([row.label] + Array(repeating: "", count: header.count - 1), kind: .subtotal))
      case .line, .others:
        if !skipping {
          rows.append(TableRow(cells(row, label: indent + row.label, blankZero: true)))
        }
      case .group:
        let holdsNothing =
          row.realised == .zero && (row.budget ?? .zero) == .zero
          && (row.previous ?? .zero) == .zero
        if !skipping && !(short && holdsNothing) {
          rows.append(
            TableRow(cells(row, label: indent + row.label, blankZero: true), kind: .subtotal))
        }
      case .total:
        if !skipping {
          rows.append(TableRow(cells(row, label: row.label, blankZero: false), kind: .total))
        }
        skipping = false
      case .result:
        rows.append(TableRow(cells(row, label: row.label, blankZero: false), kind: .subtotal))
      case .net:
        rows.append(TableRow(cells(row, label: row.label, blankZero: false), kind: .total))
      }
    }
    flush()
    return blocks
  }

  /// Whether the block starting at `index` holds nothing: no line, and zero in its
  /// total's every column.
  private func isEmptyBlock(_ statement: IncomeStatement, from index: Int) -> Bool {
    var next = index + 1
    while next < statement.rows.count, statement.rows[next].kind != .total {
      if statement.rows[next].kind != .group { return false }
      next += 1
    }
    guard next < statement.rows.count else { return false }
    let total = statement.rows[next]
    return total.realised == .zero && (total.budget ?? .zero) == .zero
      && (total.previous ?? .zero) == .zero
  }
}

/// "1 234,56", "−1 000,00": an amount to the cent without its currency, which the
/// accounts name once ("en euros"); the minus is U+2212.
func plainAmount(_ value: Money, style: NumberStyle) -> String {
  value < .zero
    ? "\u{2212}" + style.number(value.magnitude, alwaysCents: true)
    : style.number(value, alwaysCents: true)
}
