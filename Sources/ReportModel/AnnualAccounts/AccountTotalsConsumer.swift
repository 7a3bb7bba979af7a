/// Sums a FEC per general account over the whole file: the input of the annual
/// accounts (``IncomeStatement``, ``TrialBalance``), in one streaming pass and in
/// memory that grows with the accounts, not the lines.
///
/// Each account also keeps the line it first appears on, so that a warning about it
/// (a label changed since last year) can name a line of the file.
public struct AccountTotalsConsumer: FECConsumer {
  private var accounts = ByteInterner()
  private var debits: [Int64] = []
  private var credits: [Int64] = []
  private var firstLines: [Int] = []
  private var labels: [[UInt8]] = []

  /// An empty sum.
  public init() {}

  /// Nothing to prepare: the months do not matter.
  public mutating func begin(months: FECMonthWindow) {}

  /// Adds one checked line.
  public mutating func consume(_ line: borrowing FECEntryLine) {
    let (id, isNew) = line.withBytes(.compteNum) { accounts.intern($0) }
    if isNew {
      debits.append(0)
      credits.append(0)
      firstLines.append(line.lineNumber)
      labels.append(line.bytes(.compteLib))
    } else if labels[id].isEmpty {
      labels[id] = line.bytes(.compteLib)
    }
    debits[id] += line.debit.cents
    credits[id] += line.credit.cents
  }

  /// The totals per account, by ascending number, texts decoded with `encoding`.
  public func totals(encoding: SourceEncoding) -> [AccountTotal] {
    (0..<accounts.count).map { id in
      AccountTotal(
        account: encoding.decode(accounts.bytes(id)),
        label: String(encoding.decode(labels[id][...]).trimmingWhitespace()),
        debit: Money(cents: debits[id]), credit: Money(cents: credits[id]))
    }.sorted { $0.account < $1.account }
  }

  /// The line each account first appears on, by account number.
  public func firstLines(encoding: SourceEncoding) -> [String: Int] {
    var result: [String: Int] = [:]
    for id in 0..<accounts.count { result[encoding.decode(accounts.bytes(id))] = firstLines[id] }
    return result
  }
}
