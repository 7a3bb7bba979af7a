/// One budget line with what the accounts say was spent or received on it to date.
public struct LineExecution: Hashable, Sendable {
  /// The budget line.
  public var line: BudgetLine
  /// The actual amount to date: debit − credit for charges, credit − debit for products.
  public var actual: Money
  /// The FEC accounts attributed to this line (with entries to date), by number.
  public var accounts: [String]
  /// The budgeted amount prorated to date under the line's profile.
  public var prorated: Money

  /// Creates a line's execution.
  public init(line: BudgetLine, actual: Money, accounts: [String], prorated: Money = .zero) {
    self.line = line
    self.actual = actual
    self.accounts = accounts
    self.prorated = prorated
  }

  /// The actual minus the prorated budget: positive when ahead of the budget.
  public var gapToProrated: Money { actual - prorated }

  /// What is left: the budgeted amount minus the actual (negative when overspent).
  public var remaining: Money { line.amount - actual }
  /// The execution rate: the actual over the budgeted amount.
  public var rate: Share { Share(part: actual, of: line.amount) }
}

/// A class 6 or 7 account with entries to date that no budget line covers (hors budget).
public struct OffBudgetAccount: Hashable, Sendable {
  /// Charges (class 6) or products (class 7).
  public var side: BudgetSide
  /// The account number (`CompteNum`): `671`.
  public var account: String
  /// The account's name (`CompteLib`).
  public var label: String
  /// The amount to date, with the sign of its class: debit − credit for charges.
  public var amount: Money

  /// Creates an off-budget account.
  public init(side: BudgetSide, account: String, label: String, amount: Money) {
    self.side = side
    self.account = account
    self.label = label
    self.amount = amount
  }
}

/// The running totals of all charges and products at the end of one month.
public struct CumulativeTotals: Hashable, Sendable {
  /// The month whose end the totals stand at.
  public var month: YearMonth
  /// All class 6 accounts, debit − credit, from January to the end of ``month``.
  public var charges: Money
  /// All class 7 accounts, credit − debit, from January to the end of ``month``.
  public var products: Money

  /// Creates the totals of a month.
  public init(month: YearMonth, charges: Money, products: Money) {
    self.month = month
    self.charges = charges
    self.products = products
  }
}

/// What one beneficiary (an auxiliary account of `657…` lines) received to date.
public struct BeneficiaryActual: Hashable, Sendable {
  /// The auxiliary account number (`CompAuxNum`): `ARA`; empty for lines without one.
  public var account: String
  /// The auxiliary account's name (`CompAuxLib`).
  public var label: String
  /// Debit − credit of the `657…` lines on this account to date.
  public var amount: Money

  /// Creates a beneficiary's amount.
  public init(account: String, label: String, amount: Money) {
    self.account = account
    self.label = label
    self.amount = amount
  }
}

/// How the budgeted lines and the off-budget accounts of one side add up to the FEC's
/// class 6 (or 7) total: what the key figures must show so that no figure contradicts
/// another.
public struct Reconciliation: Hashable, Sendable {
  /// Charges (class 6) or products (class 7).
  public var side: BudgetSide
  /// The actuals of the budget lines.
  public var budgetedLines: Money
  /// The accounts no line covers ("Hors budget").
  public var offBudget: Money
  /// The FEC's total of the class to date, summed over its accounts.
  public var ledgerTotal: Money

  /// Creates a reconciliation.
  public init(side: BudgetSide, budgetedLines: Money, offBudget: Money, ledgerTotal: Money) {
    self.side = side
    self.budgetedLines = budgetedLines
    self.offBudget = offBudget
    self.ledgerTotal = ledgerTotal
  }

  /// Whether budgeted lines plus off-budget equal the FEC's total, to the cent.
  public var balances: Bool { budgetedLines + offBudget == ledgerTotal }
}

/// The budget against the accounts: execution to the end of a month.
///
/// Every class 6 (charges) and class 7 (products) account of the FEC is counted once:
/// on the budget line of its side whose `account` is its longest prefix (`6571…` goes
/// to a `6571` line rather than to `65`), or else in the off-budget list. So the
/// actuals of the lines plus the off-budget amounts equal ``chargesActual`` (resp.
/// ``productsActual``) to the cent.
public struct BudgetExecution: Hashable, Sendable {
  /// The last month counted: entries dated up to its last day.
  public var through: YearMonth
  /// The charges lines, in budget order.
  public var charges: [LineExecution]
  /// The products lines, in budget order.
  public var products: [LineExecution]
  /// Class 6 accounts that no charges line covers, by number.
  public var offBudgetCharges: [OffBudgetAccount]
  /// Class 7 accounts that no products line covers, by number.
  public var offBudgetProducts: [OffBudgetAccount]
  /// All class 6 accounts to date, debit − credit.
  public var chargesActual: Money
  /// All class 7 accounts to date, credit − debit.
  public var productsActual: Money
  /// Running totals at the end of each month of the fiscal year up to ``through``.
  public var cumulative: [CumulativeTotals]
  /// The sum of the actuals of the charges lines marked `regional`.
  public var regionalActual: Money
  /// The auxiliary accounts of `657…` lines with entries to date, by number.
  public var beneficiaries: [BeneficiaryActual]
  /// The fiscal year executed; `nil` only for a summary without one.
  public var fiscalYear: FiscalYear?
  /// The fiscal year's months ended by the end of ``through``: the prorating unit.
  public var monthsElapsed: Int

  /// Creates an execution.
  public init(
    through: YearMonth, charges: [LineExecution], products: [LineExecution],
    offBudgetCharges: [OffBudgetAccount], offBudgetProducts: [OffBudgetAccount],
    chargesActual: Money, productsActual: Money, cumulative: [CumulativeTotals],
    regionalActual: Money, beneficiaries: [BeneficiaryActual], fiscalYear: FiscalYear? = nil,
    monthsElapsed: Int? = nil
  ) {
    self.fiscalYear = fiscalYear
    self.monthsElapsed =
      monthsElapsed ?? fiscalYear?.monthsElapsed(through: through) ?? through.month
    self.through = through
    self.charges = charges
    self.products = products
    self.offBudgetCharges = offBudgetCharges
    self.offBudgetProducts = offBudgetProducts
    self.chargesActual = chargesActual
    self.productsActual = productsActual
    self.cumulative = cumulative
    self.regionalActual = regionalActual
    self.beneficiaries = beneficiaries
  }

  /// The regional share actually reached: regional actuals over all charges to date.
  public var regionalShare: Share { Share(part: regionalActual, of: chargesActual) }
  /// Products minus charges to date: positive for a surplus.
  public var result: Money { productsActual - chargesActual }
  /// The off-budget charges' total.
  public var offBudgetChargesTotal: Money { offBudgetCharges.map(\.amount).sum() }
  /// The off-budget products' total.
  public var offBudgetProductsTotal: Money { offBudgetProducts.map(\.amount).sum() }

  /// The number of months of the fiscal year (12 without one).
  public var monthsInYear: Int { fiscalYear?.monthCount ?? 12 }

  /// An amount prorated linearly to date: × ``monthsElapsed`` / ``monthsInYear``, rounded
  /// to the cent as the exports always have (the composer's old `prorated`).
  public func prorated(_ amount: Money, profile: BudgetProfile = .linear) -> Money {
    profile.prorate(amount, elapsed: monthsElapsed, of: monthsInYear)
  }

  /// The charges budget prorated to date, line by line under each line's profile.
  public var chargesProrated: Money { charges.map(\.prorated).sum() }
  /// The products budget prorated to date, line by line under each line's profile.
  public var productsProrated: Money { products.map(\.prorated).sum() }

  /// The charges lines plus "Hors budget" against the FEC's class 6 total.
  public var chargesReconciliation: Reconciliation {
    Reconciliation(
      side: .charges, budgetedLines: charges.map(\.actual).sum(),
      offBudget: offBudgetChargesTotal, ledgerTotal: chargesActual)
  }

  /// The products lines plus "Hors budget" against the FEC's class 7 total.
  public var productsReconciliation: Reconciliation {
    Reconciliation(
      side: .products, budgetedLines: products.map(\.actual).sum(),
      offBudget: offBudgetProductsTotal, ledgerTotal: productsActual)
  }
}

extension LedgerSummary {
  /// The budget's execution to the end of a month: actuals per line, off-budget
  /// accounts, running totals, regional actual and beneficiaries.
  ///
  /// Months after `through` are not counted. When `through` is after the file's fiscal
  /// year, the whole year counts; before it, nothing does.
  /// - Parameters:
  ///   - budget: the budget whose `charges` and `products` lines are executed.
  ///   - through: the last month counted.
  public func execution(of budget: Budget, through: YearMonth) -> BudgetExecution {
    let year = period ?? FiscalYear.calendar(through.year)
    let months = year?.monthsElapsed(through: through) ?? 0

    var chargeActuals = Array(repeating: Money.zero, count: budget.charges.count)
    var chargeAccounts = Array(repeating: [String](), count: budget.charges.count)
    var productActuals = Array(repeating: Money.zero, count: budget.products.count)
    var productAccounts = Array(repeating: [String](), count: budget.products.count)
    var offCharges: [OffBudgetAccount] = []
    var offProducts: [OffBudgetAccount] = []
    var chargesActual = Money.zero
    var productsActual = Money.zero

    for account in accounts {
      let debit = account.totals.debits(throughMonth: months)
      let credit = account.totals.credits(throughMonth: months)
      guard debit != .zero || credit != .zero else { continue }
      switch account.accountClass {
      case 6:
        let amount = debit - credit
        chargesActual += amount
        if let index = Self.longestPrefixLine(of: account.number, in: budget.charges) {
          chargeActuals[index] += amount
          chargeAccounts[index].append(account.number)
        } else {
          offCharges.append(
            OffBudgetAccount(
              side: .charges, account: account.number, label: account.label, amount: amount))
        }
      case 7:
        let amount = credit - debit
        productsActual += amount
        if let index = Self.longestPrefixLine(of: account.number, in: budget.products) {
          productActuals[index] += amount
          productAccounts[index].append(account.number)
        } else {
          offProducts.append(
            OffBudgetAccount(
              side: .products, account: account.number, label: account.label, amount: amount))
        }
      default:
        continue
      }
    }

    let monthCount = year?.monthCount ?? 12
    let charges = budget.charges.indices.map {
      LineExecution(
        line: budget.charges[$0], actual: chargeActuals[$0], accounts: chargeAccounts[$0],
        prorated: budget.charges[$0].profile.prorate(
          budget.charges[$0].amount, elapsed: months, of: monthCount))
    }
    let products = budget.products.indices.map {
      LineExecution(
        line: budget.products[$0], actual: productActuals[$0], accounts: productAccounts[$0],
        prorated: budget.products[$0].profile.prorate(
          budget.products[$0].amount, elapsed: months, of: monthCount))
    }
    let beneficiaries = self.beneficiaries.compactMap { account -> BeneficiaryActual? in
      let debit = account.totals.debits(throughMonth: months)
      let credit = account.totals.credits(throughMonth: months)
      guard debit != .zero || credit != .zero else { return nil }
      return BeneficiaryActual(
        account: account.number, label: account.label, amount: debit - credit)
    }
    return BudgetExecution(
      through: through, charges: charges, products: products, offBudgetCharges: offCharges,
      offBudgetProducts: offProducts, chargesActual: chargesActual,
      productsActual: productsActual, cumulative: cumulative(year: year, months: months),
      regionalActual: charges.filter(\.line.regional).map(\.actual).sum(),
      beneficiaries: beneficiaries, fiscalYear: year, monthsElapsed: months)
  }

  /// The running totals of classes 6 and 7 at the end of the fiscal year's months
  /// 1…`months`.
  private func cumulative(year: FiscalYear?, months: Int) -> [CumulativeTotals] {
    guard let year else { return [] }
    let calendar = year.months
    var charges = Money.zero
    var products = Money.zero
    var result: [CumulativeTotals] = []
    for month in 0..<min(months, calendar.count) {
      for account in accounts where month < account.totals.count {
        let debit = account.totals.debits[month]
        let credit = account.totals.credits[month]
        switch account.accountClass {
        case 6: charges += debit - credit
        case 7: products += credit - debit
        default: break
        }
      }
      result.append(CumulativeTotals(month: calendar[month], charges: charges, products: products))
    }
    return result
  }

  /// The index of the line whose account is the longest prefix of `number` (the
  /// first such line when several have the same account), or `nil`.
  static func longestPrefixLine(of number: String, in lines: [BudgetLine]) -> Int? {
    var best: Int?
    var bestLength = 0
    for (index, line) in lines.enumerated()
    where !line.account.isEmpty && number.hasPrefix(line.account) {
      let length = line.account.count
      if length > bestLength {
        best = index
        bestLength = length
      }
    }
    return best
  }
}
