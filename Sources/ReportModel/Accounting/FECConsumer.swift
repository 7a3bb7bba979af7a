/// The months an entry line's ``FECEntryLine/monthOffset`` counts from.
public struct FECMonthWindow: Hashable, Sendable {
  /// The month of offset 0.
  public var first: YearMonth
  /// How many months the window has; every line handed over falls in one of them.
  public var count: Int

  /// Creates a window.
  public init(first: YearMonth, count: Int) {
    self.first = first
    self.count = count
  }

  /// The month at `offset`.
  public func month(_ offset: Int) -> YearMonth? {
    FiscalYear.yearMonth(first.year * 12 + first.month - 1 + offset)
  }

  /// The offset of `month` (may be negative or past the window).
  public func offset(of month: YearMonth) -> Int {
    (month.year - first.year) * 12 + month.month - first.month
  }
}

/// What receives the checked lines of a FEC, one at a time, as ``FECReader`` reads it.
///
/// Only lines that passed every check (fields, dates, amounts, within the fiscal year)
/// are handed over; a file with any problem is refused as a whole afterwards, so a
/// consumer's result is used only when the read succeeds. Texts are bytes until the
/// file's encoding is known: decode them with the ``SourceEncoding`` the read returns.
public protocol FECConsumer {
  /// Called once, before the first line, with the months the lines' offsets count from.
  mutating func begin(months: FECMonthWindow)
  /// One checked line.
  mutating func consume(_ line: borrowing FECEntryLine)
}

/// Two consumers fed by one pass: a summary and a ledger, say.
public struct FECConsumerPair<First: FECConsumer, Second: FECConsumer>: FECConsumer {
  /// The first consumer.
  public var first: First
  /// The second consumer.
  public var second: Second

  /// Pairs two consumers.
  public init(_ first: First, _ second: Second) {
    self.first = first
    self.second = second
  }

  /// Starts both.
  public mutating func begin(months: FECMonthWindow) {
    first.begin(months: months)
    second.begin(months: months)
  }

  /// Hands the line to both.
  public mutating func consume(_ line: borrowing FECEntryLine) {
    first.consume(line)
    second.consume(line)
  }
}

/// One entry line of a FEC, kept whole: the unit of a general ledger.
public struct LedgerLine: Hashable, Sendable {
  /// The line's number in the file.
  public var fileLine: Int
  /// `JournalCode`, in upper case.
  public var journal: String
  /// `EcritureNum`.
  public var entryNumber: String
  /// `EcritureDate`.
  public var date: CalendarDate
  /// `CompteNum`.
  public var account: String
  /// `CompteLib`.
  public var accountLabel: String
  /// `CompAuxNum`.
  public var auxiliary: String
  /// `CompAuxLib`.
  public var auxiliaryLabel: String
  /// `PieceRef`.
  public var piece: String
  /// `EcritureLib`.
  public var label: String
  /// The debit.
  public var debit: Money
  /// The credit.
  public var credit: Money
  /// `EcritureLet`: the matching code, empty when unmatched.
  public var matching: String

  /// Creates a line.
  public init(
    fileLine: Int, journal: String, entryNumber: String, date: CalendarDate, account: String,
    accountLabel: String, auxiliary: String, auxiliaryLabel: String, piece: String,
    label: String, debit: Money, credit: Money, matching: String
  ) {
    self.fileLine = fileLine
    self.journal = journal
    self.entryNumber = entryNumber
    self.date = date
    self.account = account
    self.accountLabel = accountLabel
    self.auxiliary = auxiliary
    self.auxiliaryLabel = auxiliaryLabel
    self.piece = piece
    self.label = label
    self.debit = debit
    self.credit = credit
    self.matching = matching
  }
}

/// Keeps every line of chosen accounts, in file order: what a general ledger is built on.
///
/// Accounts are chosen by prefix (`["6", "7"]`, `["512"]`); an empty list keeps every
/// line. Texts are kept as bytes and decoded by ``lines(encoding:)``.
public struct FECLedger: FECConsumer, Sendable {
  /// The account prefixes kept.
  public let prefixes: [String]
  private let prefixBytes: [[UInt8]]
  private var arena: [UInt8] = []
  private var kept: [Kept] = []
  /// Where each kept text ends in the arena: ``texts``'s count per line, in its order.
  private var ends: [Int] = []

  private struct Kept: Sendable {
    var fileLine: Int
    var date: CalendarDate
    var debit: Money
    var credit: Money
  }

  /// The texts kept per line, in this order.
  private static let texts: [FECColumn] = [
    .journalCode, .ecritureNum, .compteNum, .compteLib, .compAuxNum, .compAuxLib, .pieceRef,
    .ecritureLib, .ecritureLet,
  ]

  /// A ledger of the accounts starting with one of `prefixes` (every account when empty).
  public init(accounts prefixes: [String]) {
    self.prefixes = prefixes
    prefixBytes = prefixes.map { Array($0.utf8) }
  }

  /// Nothing to prepare: lines are kept with their dates.
  public mutating func begin(months: FECMonthWindow) {}

  /// Keeps the line if its account is chosen.
  public mutating func consume(_ line: borrowing FECEntryLine) {
    if !prefixBytes.isEmpty {
      var chosen = false
      for prefix in prefixBytes where line.hasPrefix(.compteNum, prefix) {
        chosen = true
        break
      }
      guard chosen else { return }
    }
    for column in Self.texts {
      line.withBytes(column) { bytes in
        for index in bytes.indices {
          let byte = bytes[index]
          let upper = column == .journalCode && byte >= 0x61 && byte <= 0x7A
          arena.append(upper ? byte - 0x20 : byte)
        }
      }
      ends.append(arena.count)
    }
    kept.append(
      Kept(fileLine: line.lineNumber, date: line.date, debit: line.debit, credit: line.credit))
  }

  /// The number of lines kept.
  public var count: Int { kept.count }

  /// The lines kept, in file order, their texts decoded.
  public func lines(encoding: SourceEncoding) -> [LedgerLine] {
    var start = 0
    let count = Self.texts.count
    return kept.enumerated().map { number, line in
      var texts: [String] = []
      for end in ends[number * count..<(number + 1) * count] {
        texts.append(encoding.decode(arena[start..<end]))
        start = end
      }
      return LedgerLine(
        fileLine: line.fileLine, journal: texts[0], entryNumber: texts[1], date: line.date,
        account: texts[2], accountLabel: texts[3], auxiliary: texts[4], auxiliaryLabel: texts[5],
        piece: texts[6], label: texts[7], debit: line.debit, credit: line.credit,
        matching: texts[8])
    }
  }
}
