import ReportLayout
import ReportModel

/// `{account}`, `{label}`: an account of the general ledger.
public enum AccountNames: PlaceholderNames {
  /// The names.
  public static let names = ["account", "label"]
}

/// The words of the general ledger (`accounts.ledger:` in `words.yaml`).
public struct LedgerWords: Decodable, Sendable {
  /// `grand-livre-{year}.pdf`.
  public var fileName: Template<YearName>
  /// The title.
  public var title: Template<YearName>
  /// The PDF's subject.
  public var subject: Template<YearName>
  /// Under the title.
  public var lead: Template<AccountsLeadNames>
  /// The column heads.
  public var columns: Columns
  /// An account's heading.
  public var accountHeading: Template<AccountNames>
  /// The row at the foot of a page cut inside an account.
  public var carriedFoot: String
  /// The row at the head of the next page.
  public var carriedHead: String
  /// An account's total row.
  public var accountTotal: Template<AccountNames>
  /// The ledger's total row.
  public var grandTotal: String
  /// After a debit balance: "D".
  public var debitMark: String
  /// After a credit balance: "C".
  public var creditMark: String

  /// The column heads.
  public struct Columns: Decodable, Sendable {
    /// "Date".
    public var date: String
    /// "Jnl".
    public var journal: String
    /// "Pièce".
    public var piece: String
    /// "Libellé".
    public var label: String
    /// "Let.".
    public var matching: String
    /// "Débit".
    public var debit: String
    /// "Crédit".
    public var credit: String
    /// "Solde".
    public var balance: String
  }
}

/// Builds the general ledger: every account in order, each with its entries by date,
/// the running balance, « À reporter » / « Report » at each page break inside it, its
/// totals; then the grand totals.
public struct LedgerComposer: Sendable {
  /// The year's data (organisation).
  public let year: Year
  /// The fiscal year's number.
  public let fiscalYear: Int
  /// Its first and last days, when known.
  public let period: FiscalYear?
  /// Every line of the FEC.
  public let lines: [LedgerLine]
  /// The FEC's file name, its lines and entries, for the lead.
  public let source: (file: String, lines: Int, entries: Int)
  /// The words and theme.
  public let templates: Templates
  /// The name written as the PDF's creator.
  public let creator: String

  /// Creates a composer.
  public init(
    year: Year, fiscalYear: Int, period: FiscalYear?, lines: [LedgerLine],
    source: (file: String, lines: Int, entries: Int), templates: Templates,
    creator: String = "report"
  ) {
    self.year = FrenchTypography().typeset(year)
    self.fiscalYear = fiscalYear
    self.period = period
    self.lines = lines
    self.source = source
    self.templates = templates
    self.creator = creator
  }

  /// Composes the ledger.
  public func compose() -> ComposedDocument {
    let accounts = templates.words.accounts
    let words = accounts.ledger
    let style = templates.words.numberStyle
    let yearText = String(fiscalYear)
    let title = words.title.render(["year": yearText])
    let file = source.file.split(separator: "/").last.map(String.init) ?? source.file
    var blocks: [Block] = [
      templates.h1(title, anchor: AccountsAnchor.title),
      templates.paragraph(
        words.lead.render([
          "year": yearText,
          "start": period.map { accounts.longDate($0.start, style: style) } ?? "",
          "end": period.map { accounts.longDate($0.end, style: style) } ?? "", "file": file,
          "lines": style.integer(Int64(source.lines)),
          "entries": style.integer(Int64(source.entries)),
        ]), style: templates.theme.style(templates.theme.text.lead), alignment: .left),
    ]
    let columns = words.columns
    let header = [
      columns.date, columns.journal, columns.piece, columns.label, columns.matching,
      columns.debit, columns.credit, columns.balance,
    ]
    let tableColumns =
      [TableColumn(grow: 0), TableColumn(grow: 0), TableColumn(grow: 0), TableColumn(grow: 1)]
      + [TableColumn(grow: 0)]
      + Array(repeating: TableColumn(alignment: .right, grow: 0), count: 3)
    func amount(_ value: Money) -> String { value == .zero ? "" : plainAmount(value, style: style) }
    @Sendable func balance(_ cents: Int64) -> String {
      let value = Money(cents: cents)
      if cents == 0 { return plainAmount(value, style: style) }
      return plainAmount(value.magnitude, style: style) + "\u{00A0}"
        + (cents > 0 ? words.debitMark : words.creditMark)
    }
    func date(_ day: CalendarDate) -> String {
      func two(_ value: Int) -> String { (value < 10 ? "0" : "") + String(value) }
      return "\(two(day.day))/\(two(day.month))/\(day.year)"
    }
    let order = lines.indices.sorted {
      let one = lines[$0]
      let other = lines[$1]
      return (one.account, one.date, one.fileLine) < (other.account, other.date, other.fileLine)
    }
    var grandDebit: Int64 = 0
    var grandCredit: Int64 = 0
    var start = 0
    while start < order.count {
      let account = lines[order[start]].account
      var end = start
      while end < order.count, lines[order[end]].account == account { end += 1 }
      let label =
        order[start..<end].lazy.map { lines[$0].accountLabel }.first { !$0.isEmpty } ?? ""
      var rows: [TableRow] = []
      rows.reserveCapacity(end - start + 1)
      var debits: [Int64] = []
      var credits: [Int64] = []
      var debit: Int64 = 0
      var credit: Int64 = 0
      for index in order[start..<end] {
        let line = lines[index]
        debit += line.debit.cents
        credit += line.credit.cents
        debits.append(debit)
        credits.append(credit)
        rows.append(
          TableRow([
            date(line.date), line.journal, line.piece, line.label, line.matching,
            amount(line.debit), amount(line.credit), balance(debit - credit),
          ]))
      }
      let names = ["account": account, "label": label]
      rows.append(
        TableRow(
          [
            words.accountTotal.render(names), "", "", "", "",
            plainAmount(Money(cents: debit), style: style),
            plainAmount(Money(cents: credit), style: style), balance(debit - credit),
          ], kind: .total, leadingSpan: 5))
      grandDebit += debit
      grandCredit += credit
      let heading = words.accountHeading.render(names)
      var table = Table(
        columns: tableColumns, header: header, rows: rows, style: templates.ledgerTableStyle,
        continuationTitle: templates.words.tableContinued.render(["heading": heading]),
        spaceAfter: templates.theme.spacing.paragraph, widthGroup: "ledger")
      let (foot, head) = (words.carriedFoot, words.carriedHead)
      table.carried = CarriedRows { [debits, credits] last in
        let index = min(last, debits.count - 1)
        let cells = [
          plainAmount(Money(cents: debits[index]), style: style),
          plainAmount(Money(cents: credits[index]), style: style),
          balance(debits[index] - credits[index]),
        ]
        return (
          TableRow([foot, "", "", "", ""] + cells, kind: .subtotal, leadingSpan: 5),
          TableRow([head, "", "", "", ""] + cells, kind: .subtotal, leadingSpan: 5)
        )
      }
      blocks.append(templates.h3(heading))
      blocks.append(.table(table))
      start = end
    }
    blocks.append(
      .table(
        Table(
          columns: tableColumns, header: header,
          rows: [
            TableRow(
              [
                words.grandTotal, "", "", "", "",
                plainAmount(Money(cents: grandDebit), style: style),
                plainAmount(Money(cents: grandCredit), style: style),
                balance(grandDebit - grandCredit),
              ], kind: .total, leadingSpan: 5)
          ], style: templates.ledgerTableStyle, widthGroup: "ledger")))
    let shell = DocumentShell(
      templates: templates, title: title, organisation: year.organisation.name, creator: creator)
    let values = ["year": yearText]
    return shell.document(
      blocks, fileName: words.fileName.render(values), subject: words.subject.render(values),
      keywords: templates.words.accounts.keywords.render(values))
  }
}
