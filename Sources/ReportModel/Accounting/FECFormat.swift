/// One of the 18 columns of a FEC, in the order article A47 A-1 prescribes.
public enum FECColumn: Int, CaseIterable, Hashable, Sendable {
  /// The journal's code: `AC`, `BQ`, `OD`.
  case journalCode
  /// The journal's name.
  case journalLib
  /// The entry's number, unique within its journal.
  case ecritureNum
  /// The entry's accounting date, `YYYYMMDD`.
  case ecritureDate
  /// The general account number: `6571`, `401000`.
  case compteNum
  /// The general account's name.
  case compteLib
  /// The auxiliary (third-party) account number, often empty.
  case compAuxNum
  /// The auxiliary account's name.
  case compAuxLib
  /// The voucher's reference.
  case pieceRef
  /// The voucher's date, `YYYYMMDD`.
  case pieceDate
  /// The entry line's wording.
  case ecritureLib
  /// The debit amount, or the amount (`Montant`) in the signed variant.
  case debit
  /// The credit amount, or the direction (`Sens`) in the signed variant.
  case credit
  /// The matching (lettrage) code.
  case ecritureLet
  /// The matching date, `YYYYMMDD`.
  case dateLet
  /// The validation date, `YYYYMMDD`.
  case validDate
  /// The amount in foreign currency.
  case montantdevise
  /// The foreign currency's code.
  case idevise

  /// The column's name in a header row, as DATA.md and the tax rules spell it.
  public var name: String { Self.names[rawValue] }

  /// The column's name in a file with the given amount layout (`Montant`, `Sens`).
  public func name(in layout: FECAmountLayout) -> String {
    switch (self, layout) {
    case (.debit, .amountAndDirection): return "Montant"
    case (.credit, .amountAndDirection): return "Sens"
    default: return name
    }
  }

  private static let names = [
    "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
    "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
    "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
  ]
}

/// How a FEC writes a line's amount.
public enum FECAmountLayout: String, Hashable, Sendable {
  /// Two columns, `Debit` and `Credit`.
  case debitCredit
  /// The official variant: `Montant` and `Sens` (`D`/`C`, or `+1`/`-1`).
  case amountAndDirection
}

/// How the lines of a FEC end.
public enum FECLineEnd: String, Hashable, Sendable {
  /// LF, CR LF or CR CR LF: the CRs before a LF are dropped.
  case lf
  /// A lone CR (old Mac files).
  case cr
}

/// What the reader found out about a FEC's physical form.
public struct FECFormat: Hashable, Sendable {
  /// The field separator: a tab or `|`.
  public var separator: Character
  /// The text encoding.
  public var encoding: SourceEncoding
  /// Whether the file starts with a UTF-8 byte order mark.
  public var hasByteOrderMark: Bool
  /// Whether lines end with CR LF (the first line decides).
  public var usesCRLF: Bool
  /// Debit and credit columns, or amount and direction.
  public var amountLayout: FECAmountLayout
  /// LF (with or without CRs before it) or CR.
  public var lineEnd: FECLineEnd
  /// The header's columns that are not FEC columns, ignored: `DateRglt`, `IdClient`.
  public var ignoredColumns: [String]

  /// Creates a format description.
  public init(
    separator: Character, encoding: SourceEncoding, hasByteOrderMark: Bool, usesCRLF: Bool,
    amountLayout: FECAmountLayout, lineEnd: FECLineEnd = .lf, ignoredColumns: [String] = []
  ) {
    self.lineEnd = lineEnd
    self.ignoredColumns = ignoredColumns
    self.separator = separator
    self.encoding = encoding
    self.hasByteOrderMark = hasByteOrderMark
    self.usesCRLF = usesCRLF
    self.amountLayout = amountLayout
  }
}

/// A month of a year: the unit of the actuals' time series.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The year: 2019.
  public let year: Int
  /// The month, 1…12.
  public let month: Int
  /// The month's last day: where "to date" stops.
  public let lastDay: CalendarDate

  /// Creates a month; returns `nil` unless `year` is in 1…9999 and `month` in 1…12.
  public init?(year: Int, month: Int) {
    guard (1...12).contains(month),
      let last = CalendarDate(
        year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))
    else { return nil }
    self.year = year
    self.month = month
    self.lastDay = last
  }

  /// `2019-06`.
  public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

  /// Orders months chronologically.
  public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
    (lhs.year, lhs.month) < (rhs.year, rhs.month)
  }
}
