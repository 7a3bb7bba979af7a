import Foundation

/// Reads the budget lines from the spreadsheet itself: `budget.xlsx` or `budget.ods`.
///
/// The sheet named `budget` (any case), else the first one. Its first non-empty row
/// names the columns, as in `budget.csv` and in English or French (`Section`,
/// `Compte`, `Libellé`, `Montant`, `Régional`). Numbers are read as the file stores
/// them, not as they are displayed: an amount must be a number cell (a text such as
/// `438 400,00 €` typed into it is refused), with at most two decimals once the binary
/// rounding of the program is taken off (`1250.5499999999999` is 1250,55). Problems
/// name the sheet and cell (`budget!B12`).
public struct BudgetSpreadsheetLoader: Sendable {
  /// Creates a loader.
  public init() {}

  /// Loads a spreadsheet from disk; its extension (`.xlsx`, `.ods`) says which kind.
  /// - Throws: ``DataError`` with every problem, each at its cell.
  public func load(path: String) throws(DataError) -> BudgetCSVLoader.Loaded {
    let data = try DataError.contents(of: path)
    let sheet = try SpreadsheetReader.read(
      data: data, path: path, kind: Self.kind(of: path), file: URL(fileURLWithPath: path))
    return try lines(of: sheet, path: path)
  }

  private static func kind(of path: String) -> SpreadsheetReader.Kind {
    path.lowercased().hasSuffix(".ods") ? .ods : .xlsx
  }

  /// Loads a spreadsheet held in memory; `path`'s extension says which kind.
  /// - Throws: ``DataError`` with every problem, each at its cell.
  public func load(data: Data, path: String) throws(DataError) -> BudgetCSVLoader.Loaded {
    let sheet = try SpreadsheetReader.read(data: data, path: path, kind: Self.kind(of: path))
    return try lines(of: sheet, path: path)
  }

  /// The budget lines of a sheet.
  func lines(of sheet: Sheet, path: String) throws(DataError) -> BudgetCSVLoader.Loaded {
    var problems: [DataProblem] = []
    func at(_ row: Int, _ column: Int) -> SourceLocation {
      SourceLocation(file: path, cell: "\(sheet.name)!\(Sheet.reference(row: row, column: column))")
    }
    func problem(
      _ location: SourceLocation, _ field: String, _ message: String, hint: String? = nil,
      _ severity: DataProblem.Severity = .error
    ) {
      problems.append(
        DataProblem(severity, at: location, field: field, message: message, hint: hint))
    }
    let columnList =
      "section, account, label, amount, regional (or Section, Compte, Libellé,"
      + " Montant, Régional)"
    var rows: [Int: [Int: Sheet.Value]] = [:]
    for cell in sheet.cells {
      if case .text(let text) = cell.value, text.trimmingWhitespace().isEmpty { continue }
      rows[cell.row, default: [:]][cell.column] = cell.value
    }
    guard let headerRow = rows.keys.min() else {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path, cell: "\(sheet.name)!A1"), field: "",
          message: tr("the sheet `%1` is empty", sheet.name),
          hint: tr(
            "its first row names the columns: %1; one row per budget line under it", columnList))
      ])
    }
    for merged in sheet.merged where merged.rows.upperBound >= headerRow {
      let first = merged.range.split(separator: ":").first.map(String.init) ?? merged.range
      let isHeader = merged.rows.contains(headerRow)
      problem(
        SourceLocation(file: path, cell: "\(sheet.name)!\(first)"), "",
        isHeader
          ? tr("the header cells %1 are merged", merged.range)
          : tr("the cells %1 are merged", merged.range),
        hint: isHeader
          ? tr("unmerge them: each column needs its own header cell (%1)", columnList)
          : tr("unmerge them: each budget line needs its own cells"))
    }
    if sheet.merged.contains(where: { $0.rows.contains(headerRow) }) {
      // The columns cannot be told apart: the rest would only repeat it.
      throw DataError(problems: problems)
    }
    var index: [String: Int] = [:]
    for (column, value) in (rows[headerRow] ?? [:]).sorted(by: { $0.key < $1.key }) {
      let text = Self.text(value)
      guard let name = BudgetCSVLoader.columnName(text) else {
        let suggestion = Suggestion.closest(
          to: text.lowercased(), among: BudgetCSVLoader.columns)
        problem(
          at(headerRow, column), text, tr("unknown column, ignored"),
          hint: suggestion.map { tr("did you mean `%1`?", $0) }
            ?? tr("the columns are %1", columnList),
          .warning)
        continue
      }
      if index[name] != nil {
        problem(
          at(headerRow, column), name, tr("the column is named twice"),
          hint: tr("keep one `%1` column", name))
      }
      index[name] = index[name] ?? column
    }
    for name in BudgetCSVLoader.columns.dropLast() where index[name] == nil {
      problem(
        at(headerRow, 0), name, tr("missing column"),
        hint: tr("the first row names the columns: %1", columnList))
    }
    guard !problems.contains(where: { $0.severity == .error }) else {
      throw DataError(problems: problems)
    }

    var charges: [BudgetLine] = []
    var products: [BudgetLine] = []
    for row in rows.keys.sorted() where row > headerRow {
      let cells = rows[row] ?? [:]
      func value(_ name: String) -> Sheet.Value? { index[name].flatMap { cells[$0] } }
      func location(_ name: String) -> SourceLocation { at(row, index[name] ?? 0) }
      let before = problems.count

      let sectionText = value("section").map(Self.text) ?? ""
      let section = BudgetCSVLoader.section(String(sectionText.trimmingWhitespace()))
      if section == nil {
        problem(
          location("section"), "section",
          sectionText.isEmpty
            ? tr("missing section") : tr("`%1` is not a section", sectionText.prefix(40)),
          hint: tr("write charges or products"))
      }
      let account = Self.account(value("account"))
      if account.isEmpty || !account.allSatisfy({ $0.isASCII && $0.isNumber }) {
        problem(
          location("account"), "account",
          account.isEmpty
            ? tr("missing account number")
            : tr("`%1` is not an account number", account.prefix(40)),
          hint: tr("write the plan comptable number, e.g. 6571"))
      } else if let section, let first = account.first,
        first != (section == .charges ? "6" : "7")
      {
        problem(
          location("account"), "account",
          section == .charges
            ? tr("account %1 is in a charges row but is not of class 6", account)
            : tr("account %1 is in a products row but is not of class 7", account),
          hint: tr("charges are class 6 accounts, products class 7: no FEC entry will count here"),
          .warning)
      }
      let label = value("label").map { String(Self.text($0).trimmingWhitespace()) } ?? ""
      if label.isEmpty {
        problem(location("label"), "label", tr("missing label"), hint: tr("say what the line is"))
      } else if let bad = label.unicodeScalars.first(where: NodeReader.isForbiddenControl) {
        problem(
          location("label"), "label",
          tr("contains the control character U+%1", String(bad.value, radix: 16, uppercase: true)),
          hint: tr("remove it from the cell"))
      }
      var amount: Money?
      let amountHint = tr("type the amount as a number, in euros with at most 2 decimals")
      switch value("amount") {
      case .number(let stored):
        amount = Self.amount(stored)
        if amount == nil {
          problem(
            location("amount"), "amount", tr("%1 has more than 2 decimals", stored),
            hint: tr("round it to the cent"))
        } else if let value = amount, value < .zero {
          problem(location("amount"), "amount", tr("must not be negative (found %1)", value))
          amount = nil
        }
      case .text(let text):
        // A text cell ("12 000,50 €" typed by a French user, a number Excel saved as
        // text) is read as the CSV and the year file read amounts: one rule.
        let reading = WrittenAmount.read(text)
        if case .amount(let read) = reading {
          amount = read
          if read < .zero {
            problem(location("amount"), "amount", tr("must not be negative (found %1)", read))
            amount = nil
          }
        } else if text.trimmingWhitespace().isEmpty {
          problem(location("amount"), "amount", tr("missing amount"), hint: amountHint)
        } else {
          let (message, hint) = WrittenAmount.complaint(text, reading)
          problem(location("amount"), "amount", message, hint: hint)
        }
      case .boolean, .error:
        problem(location("amount"), "amount", tr("the cell holds no number"), hint: amountHint)
      case nil:
        problem(location("amount"), "amount", tr("missing amount"), hint: amountHint)
      }
      var regional: Bool? = false
      switch value("regional") {
      case .boolean(let flag): regional = flag
      case .text(let text): regional = BudgetCSVLoader.yesNo(String(text.trimmingWhitespace()))
      case nil: regional = false
      default: regional = nil
      }
      if regional == nil {
        problem(
          location("regional"), "regional",
          tr("`%1` is not yes or no", value("regional").map(Self.text)?.prefix(40) ?? ""),
          hint: tr(
            "write yes (or oui) for money that flows back to the regions, else no or nothing"))
      }
      let failed = problems[before...].contains { $0.severity == .error }
      guard !failed, let section, let amount, let regional else { continue }
      let line = BudgetLine(account: account, label: label, amount: amount, regional: regional)
      switch section {
      case .charges: charges.append(line)
      case .products: products.append(line)
      }
    }
    if charges.isEmpty && products.isEmpty && problems.allSatisfy({ $0.severity != .error }) {
      problem(
        at(headerRow + 1, 0), "", tr("the sheet `%1` has no budget line", sheet.name),
        hint: tr("add one row per line of the budget under the header row"))
    }
    guard !problems.contains(where: { $0.severity == .error }) else {
      throw DataError(problems: problems)
    }
    return BudgetCSVLoader.Loaded(
      charges: charges, products: products, warnings: problems, encoding: .utf8, separator: ";")
  }

  /// A cell's value as text: a number as stored, a boolean as TRUE/FALSE.
  static func text(_ value: Sheet.Value) -> String {
    switch value {
    case .text(let text), .number(let text), .error(let text): return text
    case .boolean(let flag): return flag ? "TRUE" : "FALSE"
    }
  }

  /// An account cell: text as written, a whole number without its `.0`.
  static func account(_ value: Sheet.Value?) -> String {
    switch value {
    case .number(let stored):
      guard let money = amount(stored), money.cents % 100 == 0, money >= .zero else {
        return stored
      }
      return String(money.cents / 100)
    case .some(let value): return String(text(value).trimmingWhitespace())
    case nil: return ""
    }
  }

  /// A stored number (`438400`, `1250.5`, `1.25E3`, `1250.5499999999999`) in cents, or
  /// `nil` when it has more than two decimals beyond binary rounding (or is not a number).
  static func amount(_ stored: String) -> Money? {
    var text = Substring(String(stored.trimmingWhitespace()))
    var negative = false
    if text.first == "-" || text.first == "+" {
      negative = text.first == "-"
      text = text.dropFirst()
    }
    var exponent = 0
    if let mark = text.firstIndex(where: { $0 == "E" || $0 == "e" }) {
      guard let value = Int(text[text.index(after: mark)...]), abs(value) < 40 else { return nil }
      exponent = value
      text = text[..<mark]
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, !text.isEmpty,
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
    else { return nil }
    var digits = Array(parts[0] + (parts.count == 2 ? parts[1] : ""))
    var point = parts[0].count + exponent  // digits before the decimal point
    if point < 0 {
      digits = Array(repeating: "0", count: -point) + digits
      point = 0
    }
    while digits.count < point + 2 { digits.append("0") }
    let whole = String(digits[..<(point + 2)]).drop { $0 == "0" }
    let rest = digits[(point + 2)...]
    guard whole.count <= 17, var cents = Int64(whole.isEmpty ? "0" : String(whole)) else {
      return nil
    }
    // What is left past the cents must be binary noise: 0000… or 9999…
    if !rest.allSatisfy({ $0 == "0" }) {
      let head = rest.prefix(4)
      if head.count == 4 && head.allSatisfy({ $0 == "9" }) {
        cents += 1
      } else if !(head.count == 4 && head.allSatisfy({ $0 == "0" })) {
        return nil
      }
    }
    guard cents <= Money.maximum.cents else { return nil }
    return Money(cents: negative ? -cents : cents)
  }
}
