/// A CSV reader that keeps where each cell starts, so that a problem names its line
/// and column as an editor counts them.
///
/// RFC 4180 as spreadsheets write it: fields separated by one character, quoted
/// fields (`"…"`, a quote doubled inside) may hold separators and line breaks; line
/// ends LF, CRLF or CR. Text after a closing quote is kept, as spreadsheets do.
/// Columns count characters from 1; line breaks inside a quoted cell are read as LF.
struct LocatedCSV {
  /// One cell and where its first character is.
  struct Cell: Hashable, Sendable {
    var text: String
    var line: Int
    var column: Int
  }

  /// A quote opened and never closed: where it was opened.
  struct UnclosedQuote: Error {
    var line: Int
    var column: Int
  }

  /// The rows of `text`, each its cells; a file's last line end makes no empty row.
  static func rows(_ text: String, separator: Character) throws(UnclosedQuote) -> [[Cell]] {
    enum State { case fieldStart, plain, quoted, afterQuote }
    var rows: [[Cell]] = []
    var row: [Cell] = []
    var field = ""
    var state = State.fieldStart
    var line = 1
    var column = 1
    var start = (line: 1, column: 1)
    func endField() {
      row.append(Cell(text: field, line: start.line, column: start.column))
      field = ""
      state = .fieldStart
    }
    for character in text {
      let isLineEnd = character == "\n" || character == "\r" || character == "\r\n"
      if state == .fieldStart { start = (line, column) }
      switch state {
      case .fieldStart, .plain, .afterQuote:
        if character == "\"" && state == .fieldStart {
          state = .quoted
        } else if character == "\"" && state == .afterQuote {
          field.append("\"")
          state = .quoted
        } else if character == separator {
          endField()
        } else if isLineEnd {
          endField()
          rows.append(row)
          row = []
        } else {
          field.append(character)
          state = .plain
        }
      case .quoted:
        if character == "\"" {
          state = .afterQuote
        } else {
          field.append(isLineEnd ? "\n" : character)
        }
      }
      if isLineEnd {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    if state == .quoted { throw UnclosedQuote(line: start.line, column: start.column) }
    if state != .fieldStart || !row.isEmpty {
      if state == .fieldStart { start = (line, column) }
      endField()
      rows.append(row)
    }
    return rows
  }
}
