import CSV
import Foundation

/// Reads the budget lines from a spreadsheet export, `data/<year>/budget.csv`.
///
/// Accepts what French spreadsheets write: `;` or `,` separators (told apart on the
/// header row), decimal commas with spaces, no-break spaces or narrow no-break spaces
/// between thousands (`438 400,00`), UTF-8 with or without a byte order mark, or
/// Windows-1252. The header row names the columns `section`, `account`, `label`,
/// `amount` and, optionally, `regional`, in any order. Fully empty rows are skipped;
/// every other bad row is a problem, and all problems are reported together.
public struct BudgetCSVLoader: Sendable {
  /// Creates a loader.
  public init() {}

  /// The budget lines read from the file.
  public struct Loaded: Hashable, Sendable {
    /// The `charges` rows, in file order.
    public var charges: [BudgetLine]
    /// The `products` rows, in file order.
    public var products: [BudgetLine]
    /// Problems that did not prevent loading (an unknown column…).
    public var warnings: [DataProblem]
    /// The encoding the file was read in.
    public var encoding: SourceEncoding
    /// The field separator: `;` or `,`.
    public var separator: Character

    /// Creates a result.
    public init(
      charges: [BudgetLine], products: [BudgetLine], warnings: [DataProblem] = [],
      encoding: SourceEncoding = .utf8, separator: Character = ";"
    ) {
      self.charges = charges
      self.products = products
      self.warnings = warnings
      self.encoding = encoding
      self.separator = separator
    }

    /// A budget with these lines in place of `budget`'s, keeping its currency and target.
    public func applied(to budget: Budget) -> Budget {
      Budget(
        currency: budget.currency, totalTarget: budget.totalTarget, charges: charges,
        products: products)
    }
  }

  /// The columns of the file; `regional` may be left out.
  static let columns = ["section", "account", "label", "amount", "regional"]

  /// The French names of the columns, without accents (`Compte`, `Libellé`, `Montant`).
  static let frenchNames = [
    "section": "section", "compte": "account", "libelle": "label", "intitule": "label",
    "montant": "amount", "regional": "regional",
  ]

  /// The column a header cell names, in English or French, any case and accents.
  static func columnName(_ header: String) -> String? {
    let folded = header.trimmingWhitespace().folding(
      options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    if columns.contains(folded) { return folded }
    return frenchNames[folded]
  }

  /// Loads a budget file from disk.
  /// - Parameter path: the file's path, printed as given in messages.
  /// - Throws: ``DataError`` listing every problem when the file cannot be used.
  public func load(path: String) throws(DataError) -> Loaded {
    try load(data: DataError.contents(of: path), path: path)
  }

  /// Loads a budget file from its bytes.
  /// - Parameters:
  ///   - data: the file's content, UTF-8 (with or without BOM) or Windows-1252.
  ///   - path: the name to print in messages.
  /// - Throws: ``DataError`` listing every problem when the content cannot be used.
  public func load(data: Data, path: String) throws(DataError) -> Loaded {
    let (text, encoding) = Self.decode(data)
    var problems: [DataProblem] = []
    func problem(
      _ line: Int?, _ field: String, _ message: String, hint: String? = nil,
      _ severity: DataProblem.Severity = .error
    ) {
      problems.append(
        DataProblem(
          severity, at: SourceLocation(file: path, line: line), field: field, message: message,
          hint: hint))
    }
    let columnList = Self.columns.joined(separator: ";")
    guard let separator = Self.separator(of: text) else {
      let message =
        text.trimmingWhitespace().isEmpty
        ? tr("the file is empty") : tr("the first line is not a header")
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path, line: 1), field: "", message: message,
          hint: tr("the first line names the columns, separated by ; or ,: %1", columnList))
      ])
    }
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: separator)
    } catch {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path, line: 1), field: "", message: tr("cannot read the header"),
          hint: tr("the first line names the columns, separated by ; or ,: %1", columnList))
      ])
    }
    let header = (reader.headerRow ?? []).map { $0.trimmingWhitespace().lowercased() }
    var index: [String: Int] = [:]
    for (position, written) in header.enumerated() {
      if let name = Self.columnName(written) {
        if index[name] != nil {
          problem(1, name, tr("the column is named twice"), hint: tr("keep one `%1` column", name))
        }
        index[name] = index[name] ?? position
      } else if !written.isEmpty {
        let suggestion = FrenchWords.closest(
          to: written, among: FrenchWords.columnWords(Self.columns))
        problem(
          1, written, tr("unknown column, ignored"),
          hint: suggestion.map { tr("did you mean `%1`?", $0) }
            ?? tr("the columns are %1", columnList),
          .warning)
      }
    }
    for name in Self.columns.dropLast() where index[name] == nil {
      problem(
        1, name, tr("missing column"), hint: tr("the header row names the columns: %1", columnList))
    }
    guard !problems.contains(where: { $0.severity == .error }) else {
      throw DataError(problems: problems)
    }

    var charges: [BudgetLine] = []
    var products: [BudgetLine] = []
    var line = 2 + Self.lineBreaks(in: reader.headerRow ?? [])
    while let row = reader.next() {
      let rowLine = line
      line += 1 + Self.lineBreaks(in: row)
      // Cells keep their line breaks, written LF whatever the file's line ends.
      let values = row.map { String($0.trimmingWhitespace()).replacing("\r\n", with: "\n") }
      guard values.contains(where: { !$0.isEmpty }) else { continue }
      if values.count > header.count, values[header.count...].contains(where: { !$0.isEmpty }) {
        problem(
          rowLine, "",
          tr("the row has %1 fields where the header names %2", values.count, header.count),
          hint: tr("check for a `%1` inside a label, or put the label in double quotes", separator))
      }
      func value(_ name: String) -> String {
        guard let position = index[name], position < values.count else { return "" }
        return values[position]
      }
      let before = problems.count
      let section = Self.section(value("section"))
      if section == nil {
        let found = value("section")
        problem(
          rowLine, "section",
          found.isEmpty ? tr("missing section") : tr("`%1` is not a section", found.prefix(40)),
          hint: tr("write charges or products"))
      }
      let account = value("account")
      if account.isEmpty || !account.allSatisfy({ $0.isASCII && $0.isNumber }) {
        problem(
          rowLine, "account",
          account.isEmpty
            ? tr("missing account number")
            : tr("`%1` is not an account number", account.prefix(40)),
          hint: tr("write the plan comptable number, e.g. 6571"))
      } else if let section, let first = account.first,
        first != (section == .charges ? "6" : "7")
      {
        problem(
          rowLine, "account",
          section == .charges
            ? tr("account %1 is in a charges row but is not of class 6", account)
            : tr("account %1 is in a products row but is not of class 7", account),
          hint: tr("charges are class 6 accounts, products class 7: no FEC entry will count here"),
          .warning)
      }
      let label = value("label")
      if label.isEmpty {
        problem(rowLine, "label", tr("missing label"), hint: tr("say what the line is"))
      } else if let bad = label.unicodeScalars.first(where: NodeReader.isForbiddenControl) {
        problem(
          rowLine, "label",
          tr("contains the control character U+%1", String(bad.value, radix: 16, uppercase: true)),
          hint: tr("remove it from the cell"))
      }
      let amountText = value("amount")
      let reading = WrittenAmount.read(amountText)
      var amount: Money?
      if case .amount(let read) = reading { amount = read }
      if let amount, amount < .zero {
        problem(rowLine, "amount", tr("must not be negative (found %1)", amount))
      } else if amount == nil {
        let (message, hint) = WrittenAmount.complaint(amountText, reading)
        problem(
          rowLine, "amount", amountText.isEmpty ? tr("missing amount") : message, hint: hint)
      }
      let regionalText = value("regional")
      let regional = Self.yesNo(regionalText)
      if regional == nil {
        problem(
          rowLine, "regional", tr("`%1` is not yes or no", regionalText.prefix(40)),
          hint: tr(
            "write yes (or oui) for money that flows back to the regions, else no or nothing"))
      }
      let failed = problems[before...].contains { $0.severity == .error }
      guard !failed, let section, let amount, let regional else { continue }
      let budgetLine = BudgetLine(
        account: account, label: label, amount: amount, regional: regional)
      switch section {
      case .charges: charges.append(budgetLine)
      case .products: products.append(budgetLine)
      }
    }
    if charges.isEmpty && products.isEmpty && problems.allSatisfy({ $0.severity != .error }) {
      problem(
        nil, "", tr("the file has no budget line"),
        hint: tr("add one row per line of the budget under the header row"))
    }
    guard !problems.contains(where: { $0.severity == .error }) else {
      throw DataError(problems: problems)
    }
    return Loaded(
      charges: charges, products: products, warnings: problems, encoding: encoding,
      separator: Character(separator))
  }

  /// The text of the file and its encoding: valid UTF-8 is UTF-8, anything else is
  /// Windows-1252; a byte order mark is dropped.
  static func decode(_ data: Data) -> (String, SourceEncoding) {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    let valid = bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return true }
      return UTF8Validator.validate(base, count: buffer.count)
    }
    let encoding: SourceEncoding = valid ? .utf8 : .windows1252
    return (encoding.decode(bytes), encoding)
  }

  /// The field separator of a spreadsheet export, told apart on its first line: the
  /// more frequent of `;` and `,` (`;` when as many); `nil` when the line has neither.
  static func separator(of text: String) -> Unicode.Scalar? {
    let headerLine = text.prefix { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
    let semicolons = headerLine.filter { $0 == ";" }.count
    let commas = headerLine.filter { $0 == "," }.count
    guard semicolons + commas > 0 else { return nil }
    return semicolons >= commas ? ";" : ","
  }

  /// The number of line breaks inside a row's fields (quoted cells may hold some).
  static func lineBreaks(in row: [String]) -> Int {
    var count = 0
    for field in row {
      var previous: Unicode.Scalar = " "
      for scalar in field.unicodeScalars {
        if scalar == "\n" && previous != "\r" || scalar == "\r" { count += 1 }
        previous = scalar
      }
    }
    return count
  }

  static func section(_ text: String) -> BudgetSide? {
    switch text.lowercased() {
    case "charges", "charge": return .charges
    case "products", "product", "produits", "produit": return .products
    default: return nil
    }
  }

  static func yesNo(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "yes", "oui": return true
    case "", "no", "non": return false
    default: return nil
    }
  }
}
