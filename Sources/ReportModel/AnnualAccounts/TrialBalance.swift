/// The balance générale: every account with its total debit, total credit and balance,
/// grouped by class with class totals and grand totals.
///
/// Debits and credits of a FEC are equal (each entry balances); ``findings`` says so
/// when they are not.
public struct TrialBalance: Hashable, Sendable {
  /// One account's line.
  public struct Line: Hashable, Sendable {
    /// The account number.
    public var account: String
    /// The account's name.
    public var label: String
    /// The sum of its debits.
    public var debit: Money
    /// The sum of its credits.
    public var credit: Money

    /// Creates a line.
    public init(account: String, label: String, debit: Money, credit: Money) {
      self.account = account
      self.label = label
      self.debit = debit
      self.credit = credit
    }

    /// Debit minus credit.
    public var balance: Money { debit - credit }
    /// The balance when it is on the debit side, else zero ("solde débiteur").
    public var debitBalance: Money { balance > .zero ? balance : .zero }
    /// The balance when it is on the credit side, else zero ("solde créditeur").
    public var creditBalance: Money { balance < .zero ? .zero - balance : .zero }
  }

  /// The accounts of one class and their totals.
  ///
  /// The class's name is the chart's: ``StatementLayout/classNames``.
  public struct AccountClass: Hashable, Sendable {
    /// The class: 1…9 by the account's first digit; 0 for numbers not starting with one.
    public var number: Int
    /// Its accounts, by ascending number.
    public var lines: [Line]

    /// Creates a class.
    public init(number: Int, lines: [Line]) {
      self.number = number
      self.lines = lines
    }

    /// The sum of the debits.
    public var debit: Money { lines.map(\.debit).sum() }
    /// The sum of the credits.
    public var credit: Money { lines.map(\.credit).sum() }
    /// The sum of the debit balances.
    public var debitBalance: Money { lines.map(\.debitBalance).sum() }
    /// The sum of the credit balances.
    public var creditBalance: Money { lines.map(\.creditBalance).sum() }
  }

  /// The classes that have accounts, in order.
  public var classes: [AccountClass]

  /// Builds the balance from account totals (several totals of one number are added).
  public init(totals: [AccountTotal]) {
    var byClass: [Int: [Line]] = [:]
    for total in AccountTotal.merged(totals) {
      byClass[total.accountClass ?? 0, default: []].append(
        Line(account: total.account, label: total.label, debit: total.debit, credit: total.credit))
    }
    classes = byClass.keys.sorted { ($0 == 0 ? 10 : $0) < ($1 == 0 ? 10 : $1) }.map {
      AccountClass(number: $0, lines: byClass[$0] ?? [])
    }
  }

  /// The sum of all debits.
  public var debit: Money { classes.map(\.debit).sum() }
  /// The sum of all credits.
  public var credit: Money { classes.map(\.credit).sum() }
  /// The sum of all debit balances.
  public var debitBalance: Money { classes.map(\.debitBalance).sum() }
  /// The sum of all credit balances.
  public var creditBalance: Money { classes.map(\.creditBalance).sum() }
  /// Whether total debits equal total credits (then debit and credit balances are equal
  /// too).
  public var isBalanced: Bool { debit == credit }

  /// Products minus charges of classes 6 and 7: the result the compte de résultat
  /// must show.
  public var result: Money {
    classes.filter { $0.number == 6 || $0.number == 7 }.map { $0.credit - $0.debit }.sum()
  }

  /// The balance's own check: an error when debits and credits differ.
  public var findings: [AccountsFinding] {
    isBalanced ? [] : [.unbalanced(debit: debit, credit: credit)]
  }

  /// The accounts used in both years under different labels: a warning each.
  ///
  /// By ascending number; labels are compared without surrounding spaces or case.
  public static func labelChanges(current: [AccountTotal], previous: [AccountTotal])
    -> [AccountsFinding]
  {
    var before: [String: String] = [:]
    for total in AccountTotal.merged(previous) where !total.label.isEmpty {
      before[total.account] = total.label
    }
    return AccountTotal.merged(current).compactMap { total in
      guard let old = before[total.account], !total.label.isEmpty,
        normalised(old) != normalised(total.label)
      else { return nil }
      return .labelChanged(account: total.account, previous: old, current: total.label)
    }
  }

  private static func normalised(_ label: String) -> String {
    String(label.trimmingWhitespace()).lowercased()
  }
}
