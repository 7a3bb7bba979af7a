import ReportLayout
import ReportModel

/// The words of the pack's section on last year's accounts (`pack.accounts:`).
public struct PackAccountsWords: Decodable, Sendable {
  /// The section's title: "Comptes de l’exercice {year}".
  public var title: Template<YearName>
  /// Under the title.
  public var lead: Template<YearName>
  /// The result in words, for an excédent.
  public var surplus: Template<YearAmountNames>
  /// The result in words, for a déficit.
  public var deficit: Template<YearAmountNames>
  /// The result in words, for a result of zero.
  public var even: Template<YearAmountNames>
  /// The statement's columns.
  public var columns: StatementColumnWords
  /// The budget tables' column of the previous year's accounts: "Réalisé {year}".
  public var budgetColumn: Template<YearName>
  /// The budget table of charges' row for the charges no budget line claims, so that
  /// its « Réalisé » total is the compte de résultat's: "Autres charges non budgétées
  /// ({accounts})".
  public var unbudgetedCharges: Template<AccountsName>
  /// The same row of the products' table.
  public var unbudgetedProducts: Template<AccountsName>
}

/// The accounts of the year before the pack's: the compte de résultat to approve, and
/// the totals per account beside the budget.
public struct PreviousAccounts: Sendable {
  /// The fiscal year: 2018.
  public var year: Int
  /// Its compte de résultat.
  public var statement: IncomeStatement
  /// Its totals per account.
  public var totals: [AccountTotal]

  /// Creates them.
  public init(year: Int, statement: IncomeStatement, totals: [AccountTotal]) {
    self.year = year
    self.statement = statement
    self.totals = totals
  }

  /// What the year realised on each budget line of `lines`: the class 6 (charges) or 7
  /// (products) accounts whose number starts with the line's account, each counted on
  /// the line of its longest such prefix only.
  public func realised(_ lines: [BudgetLine], side: BudgetSide) -> [Money] {
    var amounts = Array(repeating: Money.zero, count: lines.count)
    for total in totals where total.accountClass == side.accountClass {
      if let line = Self.line(of: total.account, in: lines) {
        amounts[line] += side.amount(of: total)
      }
    }
    return amounts
  }

  /// What the year realised on the class 6 (charges) or 7 (products) accounts that no
  /// line of `lines` claims, and those accounts (the ones whose amount is not zero, in
  /// order): added to ``realised(_:side:)``, the budget table's total is the compte de
  /// résultat's total of charges or products, to the cent.
  public func unbudgeted(_ lines: [BudgetLine], side: BudgetSide) -> (
    amount: Money, accounts: [String]
  ) {
    var byAccount: [String: Money] = [:]
    for total in totals
    where total.accountClass == side.accountClass && Self.line(of: total.account, in: lines) == nil
    {
      byAccount[total.account, default: .zero] += side.amount(of: total)
    }
    return (
      byAccount.values.sum(), byAccount.filter { $0.value != .zero }.keys.sorted()
    )
  }

  /// The line of `lines` whose account is the longest prefix of `account`, if any.
  static func line(of account: String, in lines: [BudgetLine]) -> Int? {
    var best: Int?
    for (index, line) in lines.enumerated() where account.hasPrefix(line.account) {
      if best.map({ lines[$0].account.count < line.account.count }) ?? true { best = index }
    }
    return best
  }
}

extension BudgetSide {
  /// The class of the accounts on this side: 6 for charges, 7 for products.
  fileprivate var accountClass: Int { self == .charges ? 6 : 7 }

  /// An account's amount on this side: debit − credit for charges, credit − debit for
  /// products.
  fileprivate func amount(of total: AccountTotal) -> Money {
    self == .charges ? total.debit - total.credit : total.credit - total.debit
  }
}

/// The pack's destination for last year's accounts.
public enum PackAccountsAnchor: DocumentAnchor {
  /// The section.
  case section

  /// Its name in the PDF.
  public var name: String { "comptes" }
}

/// The pack's section « Comptes de l’exercice Y-1 »: the compte de résultat in its
/// short form (headings that hold nothing left out).
struct PackAccounts: SectionComposer {
  let accounts: PreviousAccounts
  let templates: Templates

  func compose() -> Section {
    guard let words = templates.words.pack.accounts else { return Section() }
    var section = Section()
    let year = ["year": String(accounts.year)]
    let title = words.title.render(year)
    section.heading(
      templates.h1(title, anchor: PackAccountsAnchor.section), title: title, level: 1,
      anchor: PackAccountsAnchor.section)
    section.append(
      templates.paragraph(
        words.lead.render(year), style: templates.theme.style(templates.theme.text.lead)))
    section.append(templates.paragraph(Self.result(accounts, templates: templates)))
    section.blocks += StatementTable(
      statement: accounts.statement, templates: templates,
      money: MoneyFormat(style: templates.words.numberStyle, alwaysCents: true),
      columns: words.columns, year: accounts.year, short: true, belowTitle: nil
    ).blocks()
    return section
  }

  /// « L’exercice 2018 s’est clos sur un excédent de 4 286,17 € ».
  static func result(_ accounts: PreviousAccounts, templates: Templates) -> String {
    guard let words = templates.words.pack.accounts else { return "" }
    let result = accounts.statement.result
    let template =
      result > .zero ? words.surplus : result < .zero ? words.deficit : words.even
    return template.render([
      "year": String(accounts.year),
      "amount": MoneyFormat(style: templates.words.numberStyle, alwaysCents: true)(
        result.magnitude),
    ])
  }
}
