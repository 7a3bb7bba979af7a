/// Debit and credit totals of one account, month by month over a fiscal year.
public struct MonthlyTotals: Hashable, Sendable {
  /// The debits of each month; index 0 is January, 11 is December.
  public var debits: [Money]
  /// The credits of each month; index 0 is January, 11 is December.
  public var credits: [Money]

  /// Creates totals; both arrays must have twelve elements.
  ///
  /// Without arguments, twelve zero months.
  public init(
    debits: [Money] = Array(repeating: .zero, count: 12),
    credits: [Money] = Array(repeating: .zero, count: 12)
  ) {
    precondition(debits.count == 12 && credits.count == 12, "MonthlyTotals needs 12 months")
    self.debits = debits
    self.credits = credits
  }

  /// The sum of the debits of months 1 through `month` (0 gives zero, 12 the whole year).
  public func debits(throughMonth month: Int) -> Money {
    debits.prefix(max(0, min(12, month))).sum()
  }

  /// The sum of the credits of months 1 through `month` (0 gives zero, 12 the whole year).
  public func credits(throughMonth month: Int) -> Money {
    credits.prefix(max(0, min(12, month))).sum()
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
/// figures for any month.
public struct LedgerSummary: Hashable, Sendable {
  /// The file's path as given.
  public var file: String
  /// The file's separator, encoding and amount layout.
  public var format: FECFormat
  /// The fiscal (calendar) year; `nil` for a file without entry lines and no year given.
  public var fiscalYear: Int?
  /// The number of entry lines, header excluded.
  public var lineCount: Int
  /// The number of entries: runs of consecutive lines with one `JournalCode` and
  /// `EcritureNum`.
  public var entryCount: Int
  /// Every general account met, by ascending number.
  public var accounts: [LedgerAccount]
  /// The auxiliary accounts of the lines whose `CompteNum` starts with `657`, by number.
  public var beneficiaries: [BeneficiaryAccount]
  /// The months (1…12) with at least one entry line.
  public var monthsWithEntries: Set<Int>

  /// Creates a summary.
  public init(
    file: String, format: FECFormat, fiscalYear: Int?, lineCount: Int, entryCount: Int,
    accounts: [LedgerAccount], beneficiaries: [BeneficiaryAccount], monthsWithEntries: Set<Int>
  ) {
    self.file = file
    self.format = format
    self.fiscalYear = fiscalYear
    self.lineCount = lineCount
    self.entryCount = entryCount
    self.accounts = accounts
    self.beneficiaries = beneficiaries
    self.monthsWithEntries = monthsWithEntries
  }

  /// The account with exactly this number, if the file has it.
  public func account(_ number: String) -> LedgerAccount? {
    accounts.first { $0.number == number }
  }

  /// The last month with entries, if any.
  public var lastMonthWithEntries: Int? { monthsWithEntries.max() }
}

/// Gathers a FEC's monthly totals line by line, keeping account numbers as bytes.
struct LedgerAccumulator {
  /// Cents per account: 24 slots each, debit then credit for each month.
  private var accountSums: [Int64] = []
  private var accounts = ByteInterner()
  private var accountLabels = LabelStore()
  private var auxiliarySums: [Int64] = []
  private var auxiliaries = ByteInterner()
  private var auxiliaryLabels = LabelStore()
  /// Bit `m` set when month `m` has an entry line.
  private(set) var monthMask: UInt16 = 0

  /// Adds one valid line.
  mutating func add(
    month: Int, account: UnsafeBufferPointer<UInt8>, accountLabel: UnsafeBufferPointer<UInt8>,
    auxiliary: UnsafeBufferPointer<UInt8>, auxiliaryLabel: UnsafeBufferPointer<UInt8>,
    debit: Int64, credit: Int64
  ) {
    monthMask |= 1 << UInt16(month)
    let slot = (month - 1) * 2
    let (id, isNew) = accounts.intern(account)
    if isNew { accountSums.append(contentsOf: repeatElement(0, count: 24)) }
    accountLabels.offer(accountLabel, for: id)
    accountSums[id * 24 + slot] += debit
    accountSums[id * 24 + slot + 1] += credit
    guard account.count >= 3, account[0] == 0x36, account[1] == 0x35, account[2] == 0x37 else {
      return
    }
    let (auxiliaryID, auxiliaryIsNew) = auxiliaries.intern(auxiliary)
    if auxiliaryIsNew { auxiliarySums.append(contentsOf: repeatElement(0, count: 24)) }
    auxiliaryLabels.offer(auxiliaryLabel, for: auxiliaryID)
    auxiliarySums[auxiliaryID * 24 + slot] += debit
    auxiliarySums[auxiliaryID * 24 + slot + 1] += credit
  }

  /// The accounts, decoded and sorted by number.
  func accountList(encoding: SourceEncoding) -> [LedgerAccount] {
    Self.list(accounts, accountLabels, accountSums, encoding: encoding)
  }

  /// The `657…` auxiliary accounts, decoded and sorted by number.
  func beneficiaryList(encoding: SourceEncoding) -> [BeneficiaryAccount] {
    Self.list(auxiliaries, auxiliaryLabels, auxiliarySums, encoding: encoding)
  }

  private static func list(
    _ numbers: ByteInterner, _ labels: LabelStore, _ sums: [Int64], encoding: SourceEncoding
  ) -> [LedgerAccount] {
    (0..<numbers.count).map { id in
      LedgerAccount(
        number: encoding.decode(numbers.bytes(id)), label: encoding.decode(labels.bytes(id)),
        totals: totals(sums, id))
    }.sorted { $0.number < $1.number }
  }

  private static func totals(_ sums: [Int64], _ id: Int) -> MonthlyTotals {
    let base = id * 24
    return MonthlyTotals(
      debits: (0..<12).map { Money(cents: sums[base + $0 * 2]) },
      credits: (0..<12).map { Money(cents: sums[base + $0 * 2 + 1]) })
  }
}

/// The first non-empty label of each numbered key, as bytes.
private struct LabelStore {
  private var arena: [UInt8] = []
  private var ranges: [Range<Int>] = []

  /// Keeps `label` for `id` unless it already has a non-empty one.
  mutating func offer(_ label: UnsafeBufferPointer<UInt8>, for id: Int) {
    if id == ranges.count {
      ranges.append(arena.count..<arena.count)
    }
    guard ranges[id].isEmpty, !label.isEmpty else { return }
    let start = arena.count
    arena.append(contentsOf: label)
    ranges[id] = start..<arena.count
  }

  /// The label of `id`.
  func bytes(_ id: Int) -> ArraySlice<UInt8> { arena[ranges[id]] }
}
