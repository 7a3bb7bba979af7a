/// Debit and credit totals of one account, month by month over a fiscal year.
public struct MonthlyTotals: Hashable, Sendable {
  /// The debits of each month of the fiscal year; index 0 is its first month (January
  /// for a calendar year).
  public var debits: [Money]
  /// The credits of each month, in the same order.
  public var credits: [Money]

  /// Creates totals; both arrays must have as many months.
  ///
  /// Without arguments, twelve zero months.
  public init(
    debits: [Money] = Array(repeating: .zero, count: 12),
    credits: [Money] = Array(repeating: .zero, count: 12)
  ) {
    precondition(debits.count == credits.count, "MonthlyTotals needs as many debits as credits")
    self.debits = debits
    self.credits = credits
  }

  /// The number of months.
  public var count: Int { debits.count }

  /// The sum of the debits of months 1 through `month` of the fiscal year (0 gives zero).
  public func debits(throughMonth month: Int) -> Money {
    debits.prefix(max(0, min(count, month))).sum()
  }

  /// The sum of the credits of months 1 through `month` of the fiscal year (0 gives zero).
  public func credits(throughMonth month: Int) -> Money {
    credits.prefix(max(0, min(count, month))).sum()
  }

  /// The debits of the whole year.
  public var totalDebit: Money { debits.sum() }
  /// The credits of the whole year.
  public var totalCredit: Money { credits.sum() }
}

/// A general account (`CompteNum`) of the FEC with its monthly totals.
public struct LedgerAccount: Hashable, Sendable {
  /// The account number as written in the file: `6571`, `401000`.
  public var number: String
  /// The account's name (`CompteLib`): the first non-empty one met in the file.
  public var label: String
  /// The account's debits and credits per month.
  public var totals: MonthlyTotals

  /// Creates an account.
  public init(number: String, label: String, totals: MonthlyTotals) {
    self.number = number
    self.label = label
    self.totals = totals
  }

  /// The account's class: its first digit (6 for charges, 7 for products), or `nil`.
  public var accountClass: Int? { number.first?.wholeNumberValue }
}

/// An auxiliary account of the `657…` lines: one regional beneficiary.
///
/// Its number is `CompAuxNum` (`ARA`; empty for lines without one), its label
/// `CompAuxLib`, its totals the debits and credits per month: the same shape as a
/// general account.
public typealias BeneficiaryAccount = LedgerAccount

/// What one pass over a FEC keeps: monthly totals per account, not the entries.
///
/// Built by ``FECReader``; ``execution(of:through:)`` turns it into budget execution
/// figures for any month. Months are those of the fiscal year (``period``).
public struct LedgerSummary: Hashable, Sendable {
  /// The file's path as given.
  public var file: String
  /// The file's separator, encoding and amount layout.
  public var format: FECFormat
  /// The fiscal year's closing year; `nil` for a file without entry lines and no year given.
  public var fiscalYear: Int? { period?.year }
  /// The fiscal year the file covers, and what said so.
  public var period: FiscalYear?
  /// The number of entry lines, header excluded.
  public var lineCount: Int
  /// The number of entries: runs of consecutive lines with one `JournalCode` and
  /// `EcritureNum` (or journal, date and piece where `EcritureNum` is 0).
  public var entryCount: Int
  /// Every general account met, by ascending number.
  public var accounts: [LedgerAccount]
  /// The auxiliary accounts of the lines whose `CompteNum` starts with `657`, by number.
  public var beneficiaries: [BeneficiaryAccount]
  /// The months of the fiscal year with at least one entry line, in order.
  public var entryMonths: [YearMonth]
  /// The first entry date.
  public var firstEntryDate: CalendarDate?
  /// The last entry date: an export to a later month knows nothing of what came after.
  public var lastEntryDate: CalendarDate?
  /// What was accepted but deserves a word (a file that is not UTF-8).
  public var warnings: [DataProblem]

  /// Creates a summary.
  public init(
    file: String, format: FECFormat, period: FiscalYear?, lineCount: Int, entryCount: Int,
    accounts: [LedgerAccount], beneficiaries: [BeneficiaryAccount], entryMonths: [YearMonth],
    firstEntryDate: CalendarDate? = nil, lastEntryDate: CalendarDate? = nil,
    warnings: [DataProblem] = []
  ) {
    self.file = file
    self.format = format
    self.period = period
    self.lineCount = lineCount
    self.entryCount = entryCount
    self.accounts = accounts
    self.beneficiaries = beneficiaries
    self.entryMonths = entryMonths
    self.firstEntryDate = firstEntryDate
    self.lastEntryDate = lastEntryDate
    self.warnings = warnings
  }

  /// The calendar months (1…12) with at least one entry line.
  public var monthsWithEntries: Set<Int> { Set(entryMonths.map(\.month)) }

  /// The account with exactly this number, if the file has it.
  public func account(_ number: String) -> LedgerAccount? {
    accounts.first { $0.number == number }
  }

  /// The last calendar month with entries, if any.
  public var lastMonthWithEntries: Int? { entryMonths.last?.month }
}

/// Gathers a FEC's monthly totals line by line, keeping account numbers as bytes:
/// the consumer behind ``FECReader/read(path:)``.
struct LedgerAccumulator: FECConsumer {
  /// Cents per account: two slots per month of the window, debit then credit.
  private var accountSums: [Int64] = []
  private var accounts = ByteInterner()
  private var accountLabels = LabelStore()
  private var auxiliarySums: [Int64] = []
  private var auxiliaries = ByteInterner()
  private var auxiliaryLabels = LabelStore()
  private var window: FECMonthWindow?
  private var stride = 24

  mutating func begin(months: FECMonthWindow) {
    window = months
    stride = months.count * 2
  }

  /// Adds one checked line.
  mutating func consume(_ line: borrowing FECEntryLine) {
    let slot = line.monthOffset * 2
    let debit = line.debit.cents
    let credit = line.credit.cents
    let (id, isNew) = line.withBytes(.compteNum) { accounts.intern($0) }
    if isNew { accountSums.append(contentsOf: repeatElement(0, count: stride)) }
    line.withBytes(.compteLib) { accountLabels.offer($0, for: id) }
    accountSums[id * stride + slot] += debit
    accountSums[id * stride + slot + 1] += credit
    guard line.hasPrefix(.compteNum, beneficiaryPrefix) else { return }
    let (auxiliaryID, auxiliaryIsNew) = line.withBytes(.compAuxNum) { auxiliaries.intern($0) }
    if auxiliaryIsNew { auxiliarySums.append(contentsOf: repeatElement(0, count: stride)) }
    line.withBytes(.compAuxLib) { auxiliaryLabels.offer($0, for: auxiliaryID) }
    auxiliarySums[auxiliaryID * stride + slot] += debit
    auxiliarySums[auxiliaryID * stride + slot + 1] += credit
  }

  /// `657`: the lines whose auxiliary accounts are beneficiaries.
  private let beneficiaryPrefix: [UInt8] = [0x36, 0x35, 0x37]

  /// The summary of a read, the totals cut to its fiscal year's months.
  func summary(of result: FECReadResult) -> LedgerSummary {
    let encoding = result.format.encoding
    var shift = 0
    var months = 12
    if let year = result.fiscalYear {
      months = year.monthCount
      if let window, let first = year.months.first { shift = window.offset(of: first) }
    }
    return LedgerSummary(
      file: result.file, format: result.format, period: result.fiscalYear,
      lineCount: result.lineCount, entryCount: result.entryCount,
      accounts: list(accounts, accountLabels, accountSums, encoding, shift, months),
      beneficiaries: list(auxiliaries, auxiliaryLabels, auxiliarySums, encoding, shift, months),
      entryMonths: result.monthsWithEntries, firstEntryDate: result.firstEntryDate,
      lastEntryDate: result.lastEntryDate, warnings: result.warnings)
  }

  private func list(
    _ numbers: ByteInterner, _ labels: LabelStore, _ sums: [Int64], _ encoding: SourceEncoding,
    _ shift: Int, _ months: Int
  ) -> [LedgerAccount] {
    (0..<numbers.count).map { id in
      let base = id * stride
      let slots = stride / 2
      func cents(_ month: Int, _ side: Int) -> Money {
        let offset = month + shift
        guard offset >= 0 && offset < slots else { return .zero }
        return Money(cents: sums[base + offset * 2 + side])
      }
      return LedgerAccount(
        number: encoding.decode(numbers.bytes(id)), label: encoding.decode(labels.bytes(id)),
        totals: MonthlyTotals(
          debits: (0..<months).map { cents($0, 0) }, credits: (0..<months).map { cents($0, 1) }))
    }.sorted { $0.number < $1.number }
  }
}

/// The first non-empty label of each numbered key, as bytes.
private struct LabelStore {
  private var arena: [UInt8] = []
  private var ranges: [Range<Int>] = []

  /// Keeps `label` for `id` unless it already has a non-empty one.
  mutating func offer(_ label: Span<UInt8>, for id: Int) {
    if id == ranges.count {
      ranges.append(arena.count..<arena.count)
    }
    guard ranges[id].isEmpty, !label.isEmpty else { return }
    let start = arena.count
    for index in label.indices { arena.append(label[index]) }
    ranges[id] = start..<arena.count
  }

  /// The label of `id`.
  func bytes(_ id: Int) -> ArraySlice<UInt8> { arena[ranges[id]] }
}
