/// The debit and credit totals of one general account over a fiscal year.
///
/// The input of the annual accounts (``IncomeStatement``, ``TrialBalance``): any
/// reader of a FEC, or a test, makes one per account (`CompteNum`).
public struct AccountTotal: Hashable, Sendable {
  /// The account number as written in the file: `6571`, `401000`.
  public var account: String
  /// The account's name (`CompteLib`).
  public var label: String
  /// The sum of the account's debits.
  public var debit: Money
  /// The sum of the account's credits.
  public var credit: Money

  /// Creates an account's totals.
  public init(account: String, label: String, debit: Money, credit: Money) {
    self.account = account
    self.label = label
    self.debit = debit
    self.credit = credit
  }

  /// The account's class: its first digit (6 for charges, 7 for products), or `nil`.
  public var accountClass: Int? { account.first?.wholeNumberValue }

  /// Debit minus credit: positive for a debit balance.
  public var balance: Money { debit - credit }

  /// The totals with one entry per account number, in ascending order of number.
  ///
  /// Several totals of one number (a consumer that emits one per journal, or per
  /// auxiliary account) are added; the first non-empty label is kept.
  static func merged(_ totals: [AccountTotal]) -> [AccountTotal] {
    var index: [String: Int] = [:]
    var result: [AccountTotal] = []
    for total in totals {
      if let position = index[total.account] {
        result[position].debit += total.debit
        result[position].credit += total.credit
        if result[position].label.isEmpty { result[position].label = total.label }
      } else {
        index[total.account] = result.count
        result.append(total)
      }
    }
    return result.sorted { $0.account < $1.account }
  }
}

/// Something the annual accounts' checks found: an error refuses the run, a warning
/// is printed and the documents are still made.
public enum AccountsFinding: Hashable, Sendable, CustomStringConvertible {
  /// A class 6 or 7 account that no heading of the layout claims: it is shown on the
  /// « Autres » line. `previousYear` is true for the Réalisé Y-1 column.
  case unclaimedAccount(account: String, label: String, previousYear: Bool)
  /// A budget line whose account matches no heading of its side: it is shown on the
  /// « Autres » line.
  case unplacedBudgetLine(side: BudgetSide, account: String, label: String)
  /// An account used in Y-1 under another label (the chart was edited, or a number
  /// reused for something else).
  case labelChanged(account: String, previous: String, current: String)
  /// The balance's debits and credits differ.
  case unbalanced(debit: Money, credit: Money)
  /// The statement's excédent or déficit differs from the products minus the charges of
  /// classes 6 and 7 (a layout whose results miss a block, or a bug).
  case resultMismatch(statement: Money, accounts: Money)
  /// A class 6 or 7 account counted on `times` lines of the statement instead of once.
  case accountCount(account: String, times: Int)
  /// A line, sub-total or total whose amount is not the sum of what it holds.
  case rowMismatch(label: String, expected: Money, found: Money)

  /// Whether the finding refuses the run.
  public var severity: DataProblem.Severity {
    switch self {
    case .unclaimedAccount, .unplacedBudgetLine, .labelChanged: return .warning
    case .unbalanced, .resultMismatch, .accountCount, .rowMismatch: return .error
    }
  }

  /// What was found, in a sentence.
  public var description: String {
    switch self {
    case .unclaimedAccount(let account, let label, let previous):
      return previous
        ? tr(
          "account %1 (%2) matches no heading of the compte de résultat (previous year); it is shown on the « Autres » line",
          account, label)
        : tr(
          "account %1 (%2) matches no heading of the compte de résultat; it is shown on the « Autres » line",
          account, label)
    case .unplacedBudgetLine(let side, let account, let label):
      return side == .charges
        ? tr(
          "budget line %1 (%2) of the charges matches no heading; it is shown on the « Autres » line",
          account, label)
        : tr(
          "budget line %1 (%2) of the products matches no heading; it is shown on the « Autres » line",
          account, label)
    case .labelChanged(let account, let previous, let current):
      return tr(
        "account %1 was « %2 » last year and is « %3 » this year", account, previous, current)
    case .unbalanced(let debit, let credit):
      return tr(
        "the balance's debits (%1) and credits (%2) differ by %3", debit, credit, debit - credit)
    case .resultMismatch(let statement, let accounts):
      return tr(
        "the compte de résultat gives %1 but the products minus the charges of classes 6 and 7 are %2",
        statement, accounts)
    case .accountCount(let account, let times):
      return tr(
        "account %1 is counted %2 times in the compte de résultat instead of once", account, times)
    case .rowMismatch(let label, let expected, let found):
      return tr("« %1 » shows %2 but what it holds adds up to %3", label, found, expected)
    }
  }
}

/// The error of annual accounts that cannot be printed: every error found.
public struct AccountsError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The findings, errors first.
  public var findings: [AccountsFinding]

  /// Creates the error.
  public init(findings: [AccountsFinding]) { self.findings = findings }

  /// One finding per line.
  public var description: String { findings.map(\.description).joined(separator: "\n") }
}
