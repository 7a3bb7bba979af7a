import Foundation

/// Reads the members convened to the assembly from `data/<year>/members.csv`.
///
/// The file is what a secretary exports from a spreadsheet: `;` or `,` separators
/// and UTF-8 (with or without BOM) or Windows-1252, told apart as for the budget
/// spreadsheet (``BudgetCSVLoader``); quoted cells may hold line breaks (the street
/// lines of an address). The header row names the columns in English or French, in
/// any order, case and accents ignored: `id`/`identifiant`, `name`/`nom`, `contact`,
/// `email`/`courriel`, `address`/`adresse`, `postcode`/`code_postal`, `city`/`ville`,
/// `votes`/`voix`, `college`/`collège`.
///
/// Every problem of a row is reported with the file, the line and the column of the
/// cell, and all problems of the file together: duplicate ids, ids with other than
/// letters, digits and `-`, e-mail addresses that are not RFC 5321 mailboxes, a member
/// with neither an e-mail nor a postal address (it cannot be convened), votes that are
/// not a whole number ≥ 1.
public struct MembersCSVLoader: Sendable {
  /// Creates a loader.
  public init() {}

  /// A column of the file.
  enum Column: String, CaseIterable {
    case id, name, contact, email, address, postcode, city, votes, college

    /// The header names accepted for the column, folded (lower case, no accents,
    /// spaces and hyphens as `_`).
    var names: [String] {
      switch self {
      case .id: return ["id", "identifiant", "ident"]
      case .name: return ["name", "nom"]
      case .contact: return ["contact"]
      case .email: return ["email", "e_mail", "courriel", "mail", "adresse_electronique"]
      case .address: return ["address", "adresse", "adresse_postale"]
      case .postcode: return ["postcode", "postal_code", "code_postal", "cp"]
      case .city: return ["city", "ville", "commune"]
      case .votes: return ["votes", "voix"]
      case .college: return ["college"]
      }
    }

    /// The French header, for hints.
    var french: String {
      switch self {
      case .id: return "identifiant"
      case .name: return "nom"
      case .contact: return "contact"
      case .email: return "courriel"
      case .address: return "adresse"
      case .postcode: return "code_postal"
      case .city: return "ville"
      case .votes: return "voix"
      case .college: return "college"
      }
    }
  }

  /// The longest id: it names files and is part of a Message-ID.
  public static let maximumIdLength = 64
  /// The most votes one member may hold.
  public static let maximumVotes = 1_000_000
  /// The most lines of an address block La Poste reads (NF Z 10-011): six.
  public static let maximumPostalLines = 6

  /// Loads a members file from disk.
  /// - Parameter path: the file's path, printed as given in messages.
  /// - Throws: ``DataError`` listing every problem when the file cannot be used.
  public func load(path: String) throws(DataError) -> MemberList {
    try load(data: DataError.contents(of: path), path: path)
  }

  /// Loads a members file from its bytes.
  /// - Parameters:
  ///   - data: the file's content, UTF-8 (with or without BOM) or Windows-1252.
  ///   - path: the name to print in messages.
  /// - Throws: ``DataError`` listing every problem when the content cannot be used.
  public func load(data: Data, path: String) throws(DataError) -> MemberList {
    let columnList = Column.allCases.map(\.rawValue).joined(separator: ";")
    func fail(_ line: Int, _ column: Int?, _ message: String, hint: String) -> DataError {
      DataError(problems: [
        DataProblem(
          at: SourceLocation(file: path, line: line, column: column), field: "",
          message: message, hint: hint)
      ])
    }
    if data.contains(0) {
      throw fail(
        1, nil, tr("the file is binary, not text (it contains NUL bytes)"),
        hint: tr("export the members sheet as CSV (text), separated by ; or ,"))
    }
    let (text, encoding) = BudgetCSVLoader.decode(data)
    guard let separator = BudgetCSVLoader.separator(of: text).map(Character.init) else {
      throw fail(
        1, nil,
        text.trimmingWhitespace().isEmpty
          ? tr("the file is empty") : tr("the first line is not a header"),
        hint: tr("the first line names the columns, separated by ; or ,: %1", columnList))
    }
    let rows: [[LocatedCSV.Cell]]
    do {
      rows = try LocatedCSV.rows(text, separator: separator)
    } catch {
      throw fail(
        error.line, error.column, tr("a quote opens a cell here and is never closed"),
        hint: tr("close the cell with a double quote, or double a quote that belongs to the text"))
    }
    var problems: [DataProblem] = []
    func problem(
      _ cell: LocatedCSV.Cell, _ field: String, _ message: String, hint: String? = nil,
      _ severity: DataProblem.Severity = .error
    ) {
      problems.append(
        DataProblem(
          severity, at: SourceLocation(file: path, line: cell.line, column: cell.column),
          field: field, message: message, hint: hint))
    }

    let header = rows.first ?? []
    var index: [Column: Int] = [:]
    for (position, cell) in header.enumerated() {
      let name = Self.headerName(cell.text)
      if let column = Column.allCases.first(where: { $0.names.contains(name) }) {
        if let first = index[column] {
          problem(
            cell, column.rawValue, tr("the column is named twice"),
            hint: tr("column %1 is already `%2`: keep one", first + 1, column.rawValue))
        } else {
          index[column] = position
        }
      } else if !name.isEmpty {
        let known = Column.allCases.flatMap(\.names)
        let guess = Suggestion.closest(to: name, among: known)
        problem(
          cell, cell.text.trimmingWhitespace().description, tr("unknown column, ignored"),
          hint: guess.map { tr("did you mean `%1`?", $0) } ?? tr("the columns are %1", columnList),
          .warning)
      }
    }
    let headerCell = header.first ?? LocatedCSV.Cell(text: "", line: 1, column: 1)
    for column in [Column.id, .name] where index[column] == nil {
      problem(
        headerCell, column.rawValue,
        tr("missing column `%1` (`%2`)", column.rawValue, column.french),
        hint: tr("the header row names the columns: %1", columnList))
    }
    if index[.email] == nil && index[.address] == nil {
      problem(
        headerCell, "email", tr("no `email` (`courriel`) nor `address` (`adresse`) column"),
        hint: tr("members are convened by e-mail or by post: give at least one of the two"))
    }
    guard !problems.contains(where: { $0.severity == .error }) else {
      throw DataError(problems: problems)
    }

    var members: [Member] = []
    var seen: [String: Int] = [:]
    for row in rows.dropFirst() {
      guard row.contains(where: { !$0.text.trimmingWhitespace().isEmpty }) else { continue }
      let rowStart = row[0]
      let before = problems.count
      if row.count > header.count,
        let extra = row[header.count...].first(where: { !$0.text.trimmingWhitespace().isEmpty })
      {
        problem(
          extra, "", tr("the row has %1 cells where the header names %2", row.count, header.count),
          hint: tr("check for a `%1` inside a cell, or put the cell in double quotes", separator))
      }
      /// The cell of a column, or a stand-in at the end of a short row.
      func cell(_ column: Column) -> LocatedCSV.Cell? {
        guard let position = index[column] else { return nil }
        if position < row.count { return row[position] }
        let last = row[row.count - 1]
        return LocatedCSV.Cell(text: "", line: last.line, column: last.column + last.text.count)
      }
      func value(_ column: Column, limit: Int = 300) -> String? {
        guard let cell = cell(column) else { return nil }
        let text = String(cell.text.trimmingWhitespace())
        if text.isEmpty { return nil }
        if let bad = text.unicodeScalars.first(where: NodeReader.isForbiddenControl) {
          problem(
            cell, column.rawValue,
            tr(
              "contains the control character U+%1", String(bad.value, radix: 16, uppercase: true)),
            hint: tr("remove it from the cell"))
          return nil
        }
        if text.count > limit {
          problem(
            cell, column.rawValue, tr("is %1 characters long; at most %2 fit", text.count, limit),
            hint: tr("shorten it"))
          return nil
        }
        return text
      }

      let id = value(.id, limit: Self.maximumIdLength + 1)
      let idCell = cell(.id) ?? rowStart
      if let id {
        if id.count > Self.maximumIdLength {
          problem(
            idCell, "id", tr("the id is longer than %1 characters", Self.maximumIdLength),
            hint: tr("use a short key such as `ara` or `acteur-042`"))
        } else if let bad = id.first(where: {
          !($0.isASCII && ($0.isLetter || $0.isNumber)) && $0 != "-"
        }) {
          problem(
            idCell, "id",
            tr("the id `%1` contains `%2`: only letters, digits and - are allowed", id, bad),
            hint: tr("it names the member's files; write it like `%1`", Self.slug(id)))
        } else if let first = seen[id.lowercased()] {
          problem(
            idCell, "id", tr("duplicate member id `%1`", id),
            hint:
              tr(
                "line %1 already uses it (ids are compared ignoring case); ids must be unique",
                first))
        } else {
          seen[id.lowercased()] = idCell.line
        }
      } else if Self.isBlank(cell(.id)) {
        problem(
          idCell, "id", tr("missing id"), hint: tr("give the member a short key such as `ara`"))
      }
      let name = value(.name, limit: 200)
      if name == nil && Self.isBlank(cell(.name)) {
        problem(
          cell(.name) ?? rowStart, "name", tr("missing name"),
          hint: tr("write the member organisation"))
      }
      let contact = value(.contact, limit: 200)
      var email = value(.email, limit: 300)
      if let address = email, let emailCell = cell(.email) {
        if let wrong = EmailAddress.problem(in: address) {
          problem(emailCell, "email", wrong.message, hint: wrong.hint)
          email = nil
        } else if let domain = address.split(separator: "@").last, !domain.contains(".") {
          problem(
            emailCell, "email", tr("`%1`: the domain `%2` has no dot", address, domain),
            hint: tr("check the end of the address (…@example.org)"), .warning)
        }
      }
      let emailFailed = email == nil && !Self.isBlank(cell(.email))
      let addressLines = (value(.address, limit: 500) ?? "").split(separator: "\n")
        .map { String(String($0).trimmingWhitespace()) }.filter { !$0.isEmpty }
      let postcode = value(.postcode, limit: 20)
      let city = value(.city, limit: 100)
      if email == nil && !emailFailed {
        if addressLines.isEmpty {
          problem(
            cell(.address) ?? cell(.email) ?? rowStart, "address",
            "\(name.map { "`\($0)`" } ?? "the member") has neither an e-mail nor a postal address:"
              + " it cannot be convened",
            hint: tr("fill in the e-mail (courriel) or the address (adresse, code_postal, ville)"))
        } else if city == nil {
          problem(
            cell(.city) ?? cell(.address) ?? rowStart, "city",
            tr("the member is convened by post but its address has no city"),
            hint: tr("fill in the city (ville) and the postcode (code_postal)"))
        }
      }
      var votes = 1
      if let cell = cell(.votes), let text = value(.votes, limit: 20) {
        if let number = Int(text), (1...Self.maximumVotes).contains(number),
          text.allSatisfy({ $0.isASCII && $0.isNumber })
        {
          votes = number
        } else {
          problem(
            cell, "votes",
            Int(text) == 0
              ? tr("a member holds at least 1 vote, found 0")
              : tr(
                "`%1` is not a whole number of votes from 1 to %2", text.prefix(20),
                Self.maximumVotes),
            hint: tr("write the member's votes as a whole number, e.g. 3; leave it empty for 1"))
        }
      }
      let college = value(.college, limit: 200)
      let failed = problems[before...].contains { $0.severity == .error }
      guard !failed, let id, let name else { continue }
      let member = Member(
        id: id, name: name, contact: contact, email: email, address: addressLines,
        postcode: postcode, city: city, votes: votes, college: college,
        location: SourceLocation(file: path, line: rowStart.line, column: rowStart.column))
      if email == nil && member.postalLines.count > Self.maximumPostalLines {
        problem(
          cell(.address) ?? rowStart, "address",
          "the address block has \(member.postalLines.count) lines; an envelope's window shows"
            + " \(Self.maximumPostalLines)",
          hint: tr("join or shorten the street lines"), .warning)
      }
      members.append(member)
    }
    if members.isEmpty && !problems.contains(where: { $0.severity == .error }) {
      problems.append(
        DataProblem(
          at: SourceLocation(file: path, line: 2, column: 1), field: "",
          message: tr("the file lists no member"),
          hint: tr("add one row per member under the header row")))
    }
    guard !problems.contains(where: { $0.severity == .error }) else {
      throw DataError(problems: problems)
    }
    return MemberList(
      members: members, warnings: problems, encoding: encoding, separator: separator)
  }

  /// Whether a cell is missing or holds only spaces.
  static func isBlank(_ cell: LocatedCSV.Cell?) -> Bool {
    cell?.text.trimmingWhitespace().isEmpty ?? true
  }

  /// A header cell folded for matching: lower case, no accents, spaces and hyphens
  /// as `_`.
  static func headerName(_ text: String) -> String {
    fold(String(text.trimmingWhitespace())).map { $0 == " " || $0 == "-" ? "_" : String($0) }
      .joined()
  }

  /// Text without accents and in lower case: `Collège` is `college`.
  static func fold(_ text: String) -> String {
    text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
  }

  /// A suggestion for an id: letters and digits kept (accents dropped), the rest as `-`.
  static func slug(_ text: String) -> String {
    var result = ""
    for character in fold(text) {
      if character.isASCII && (character.isLetter || character.isNumber) {
        result.append(character)
      } else if result.last != "-" {
        result.append("-")
      }
    }
    let trimmed = result.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    return trimmed.isEmpty ? "membre-1" : trimmed
  }
}
