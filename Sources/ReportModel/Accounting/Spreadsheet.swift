import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One sheet of an `.xlsx` or `.ods` file: its cells with the values the file stores
/// (not as the program displays them), and its merged ranges.
struct Sheet: Sendable {
  /// What a cell holds.
  enum Value: Hashable, Sendable {
    /// A text.
    case text(String)
    /// A number, as the file writes it: `438400`, `1250.5`, `1.0E-2`.
    case number(String)
    /// A boolean (TRUE/FALSE).
    case boolean(Bool)
    /// A formula error (`#DIV/0!`) or a value the reader does not know.
    case error(String)
  }

  /// A non-empty cell.
  struct Cell: Hashable, Sendable {
    /// The 0-based row.
    var row: Int
    /// The 0-based column.
    var column: Int
    /// The value.
    var value: Value

    /// `B12`.
    var reference: String { Sheet.reference(row: row, column: column) }
  }

  /// The sheet's name.
  var name: String
  /// The non-empty cells, by row then column.
  var cells: [Cell]
  /// Merged ranges, as `A1:B1`, with their first and last rows.
  var merged: [(range: String, rows: ClosedRange<Int>)]

  /// `B12` for row 11, column 1 (0-based).
  static func reference(row: Int, column: Int) -> String {
    var letters = ""
    var rest = column + 1
    while rest > 0 {
      let digit = (rest - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
      rest = (rest - 1) / 26
    }
    return "\(letters)\(row + 1)"
  }

  /// Row and column (0-based) of `B12`, or `nil`.
  static func position(of reference: String) -> (row: Int, column: Int)? {
    var column = 0
    var row = 0
    var seenDigit = false
    for scalar in reference.unicodeScalars {
      switch scalar.value {
      case 65...90 where !seenDigit: column = column * 26 + Int(scalar.value - 64)
      case 97...122 where !seenDigit: column = column * 26 + Int(scalar.value - 96)
      case 48...57:
        seenDigit = true
        row = row * 10 + Int(scalar.value - 48)
        guard row < 10_000_000 else { return nil }
      case 36: continue  // $A$1
      default: return nil
      }
      guard column < 100_000 else { return nil }
    }
    guard column > 0, row > 0 else { return nil }
    return (row - 1, column - 1)
  }
}

/// Reads the first sheet of a spreadsheet, or the one named `budget`.
///
/// `.xlsx` (Office Open XML) and `.ods` (OpenDocument) are zip archives of XML files:
/// ZIPFoundation opens them, Foundation's `XMLParser` reads them. A password-protected
/// `.xlsx` is not a zip but a compound file (CFB), an encrypted `.ods` says so in its
/// manifest: both are refused with a message saying so, as is a file that is no
/// spreadsheet at all.
enum SpreadsheetReader {
  /// The kinds of spreadsheet read.
  enum Kind: String, Sendable {
    case xlsx
    case ods
  }

  /// The largest part of an archive read: a budget is a few kilobytes.
  static let maximumPartSize = 64 * 1_024 * 1_024

  /// Reads the sheet named `preferred` (any case), else the first one.
  ///
  /// The archive is read from the file at `file` when given (`data` being its bytes),
  /// else from a temporary copy of `data`: ZIPFoundation's in-memory archives trap on
  /// offsets past their end (a truncated file found by the fuzzer), files do not.
  static func read(
    data: Data, path: String, kind: Kind, preferred: String = "budget", file: URL? = nil
  ) throws(DataError) -> Sheet {
    let fail = { (message: String, hint: String) -> DataError in
      DataError(problems: [
        DataProblem(at: SourceLocation(file: path), field: "", message: message, hint: hint)
      ])
    }
    let program = kind == .xlsx ? "Excel" : "LibreOffice"
    let resave =
      tr("open it in %1 and save it again as .%2, or export budget.csv", program, kind.rawValue)
    if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      throw fail(
        tr("the file is password-protected (or an old .xls): it cannot be read"),
        tr("save it again without a password, as .%1", kind.rawValue))
    }
    guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
      throw fail(tr("not a .%1 spreadsheet: the file is not a zip archive", kind.rawValue), resave)
    }
    var temporary: URL?
    defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
    let url: URL
    if let file {
      url = file
    } else {
      let copy = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("report-sheet-\(UUID().uuidString).\(kind.rawValue)")
      do {
        try data.write(to: copy)
      } catch {
        throw fail(tr("cannot read the spreadsheet: no room for a temporary copy"), resave)
      }
      temporary = copy
      url = copy
    }
    let archive: Archive
    do {
      archive = try Archive(url: url, accessMode: .read)
    } catch {
      throw fail(tr("the spreadsheet is damaged: its zip archive cannot be opened"), resave)
    }
    func part(_ name: String) throws(DataError) -> Data? {
      guard let entry = archive[name] else { return nil }
      guard entry.uncompressedSize <= UInt64(maximumPartSize) else {
        throw fail(tr("the spreadsheet's part %1 is too large to be a budget", name), resave)
      }
      // Read from exactly its bytes (ZipPart): ZIPFoundation's extraction waits for
      // ever on a deflate stream cut short (a fuzz finding).
      do {
        guard let bytes = try ZipPart.read(name, in: data, maximumSize: maximumPartSize) else {
          throw ZipPart.Damaged()
        }
        return bytes
      } catch {
        throw fail(tr("the spreadsheet is damaged: its part %1 cannot be read", name), resave)
      }
    }
    switch kind {
    case .xlsx:
      return try xlsx(part: part, path: path, preferred: preferred, fail: fail, resave: resave)
    case .ods:
      if let manifest = try part("META-INF/manifest.xml"),
        String(decoding: manifest, as: UTF8.self).contains("encryption-data")
      {
        throw fail(
          tr("the file is password-protected: it cannot be read"),
          tr("save it again without a password, as .ods"))
      }
      guard let content = try part("content.xml") else {
        throw fail(tr("not an .ods spreadsheet: it has no content.xml"), resave)
      }
      let handler = ODSHandler(preferred: preferred)
      try parse(content, handler, part: "content.xml", fail: fail, resave: resave)
      guard let sheet = handler.chosen else {
        throw fail(tr("the spreadsheet has no sheet"), tr("add a sheet named budget"))
      }
      return sheet
    }
  }

  private static func xlsx(
    part: (String) throws(DataError) -> Data?, path: String, preferred: String,
    fail: (String, String) -> DataError, resave: String
  ) throws(DataError) -> Sheet {
    guard let workbookData = try part("xl/workbook.xml") else {
      throw fail(tr("not an .xlsx spreadsheet: it has no xl/workbook.xml"), resave)
    }
    let workbook = WorkbookHandler()
    try parse(workbookData, workbook, part: "xl/workbook.xml", fail: fail, resave: resave)
    guard
      let chosen = workbook.sheets.first(where: { $0.name.lowercased() == preferred })
        ?? workbook.sheets.first
    else { throw fail(tr("the spreadsheet has no sheet"), tr("add a sheet named budget")) }
    var target = "xl/worksheets/sheet1.xml"
    if let relations = try part("xl/_rels/workbook.xml.rels") {
      let handler = RelationsHandler()
      try parse(relations, handler, part: "xl/_rels/workbook.xml.rels", fail: fail, resave: resave)
      if let found = handler.targets[chosen.relation] {
        target = found.hasPrefix("/") ? String(found.dropFirst()) : "xl/" + found
      }
    }
    var strings: [String] = []
    if let shared = try part("xl/sharedStrings.xml") {
      let handler = SharedStringsHandler()
      try parse(shared, handler, part: "xl/sharedStrings.xml", fail: fail, resave: resave)
      strings = handler.strings
    }
    guard let sheetData = try part(target) else {
      throw fail(tr("the spreadsheet is damaged: its sheet %1 is missing", chosen.name), resave)
    }
    let handler = XLSXSheetHandler(strings: strings)
    try parse(sheetData, handler, part: target, fail: fail, resave: resave)
    return Sheet(name: chosen.name, cells: handler.cells, merged: handler.merged)
  }

  private static func parse(
    _ data: Data, _ delegate: some XMLParserDelegate & XMLHandler, part: String,
    fail: (String, String) -> DataError, resave: String
  ) throws(DataError) {
    // The parts are UTF-8; FoundationXML traps on attribute values that are not
    // (found by the fuzzer), so such a part is damaged before it reaches the parser.
    let isUTF8 = String(validating: data, as: UTF8.self) != nil
    guard isUTF8 else {
      throw fail(tr("the spreadsheet is damaged: its part %1 is not UTF-8 text", part), resave)
    }
    let parser = XMLParser(data: data)
    parser.delegate = delegate
    parser.shouldResolveExternalEntities = false
    guard parser.parse(), delegate.failure == nil else {
      throw fail(
        delegate.failure
          ?? tr("the spreadsheet is damaged: its part %1 is not well-formed XML", part), resave)
    }
  }
}

/// What every parser delegate here reports besides its result.
protocol XMLHandler: AnyObject {
  /// Why the part cannot be used, when the XML is well-formed but wrong.
  var failure: String? { get }
}

/// The local part of an element name: `x:row` and `row` are the same.
private func local(_ name: String) -> Substring {
  name.split(separator: ":").last ?? Substring(name)
}

/// The sheets of `xl/workbook.xml`, in order, with their relation ids.
private final class WorkbookHandler: NSObject, XMLParserDelegate, XMLHandler {
  var sheets: [(name: String, relation: String)] = []
  var failure: String?

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    guard local(elementName) == "sheet" else { return }
    let relation = attributes.first { local($0.key) == "id" }?.value ?? ""
    sheets.append((attributes["name"] ?? "", relation))
  }
}

/// The targets of `xl/_rels/workbook.xml.rels`, by relation id.
private final class RelationsHandler: NSObject, XMLParserDelegate, XMLHandler {
  var targets: [String: String] = [:]
  var failure: String?

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    guard local(elementName) == "Relationship", let id = attributes["Id"],
      let target = attributes["Target"]
    else { return }
    targets[id] = target
  }
}

/// The shared strings of `xl/sharedStrings.xml`: each `si`'s `t` texts, phonetic runs left out.
private final class SharedStringsHandler: NSObject, XMLParserDelegate, XMLHandler {
  var strings: [String] = []
  var failure: String?
  private var current = ""
  private var inText = false
  private var inPhonetic = false

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    switch local(elementName) {
    case "si": current = ""
    case "t": inText = true
    case "rPh": inPhonetic = true
    default: break
    }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    switch local(elementName) {
    case "si": strings.append(current)
    case "t": inText = false
    case "rPh": inPhonetic = false
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inText && !inPhonetic { current += string }
  }
}

/// The cells and merged ranges of one worksheet of an `.xlsx`.
private final class XLSXSheetHandler: NSObject, XMLParserDelegate, XMLHandler {
  let strings: [String]
  var cells: [Sheet.Cell] = []
  var merged: [(range: String, rows: ClosedRange<Int>)] = []
  var failure: String?
  private var position: (row: Int, column: Int)?
  private var type = ""
  private var value = ""
  private var inline = ""
  private var collecting = false
  private var inInline = false
  private var nextRow = 0
  private var nextColumn = 0

  init(strings: [String]) { self.strings = strings }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    switch local(elementName) {
    case "row":
      if let text = attributes["r"], let row = Int(text), row > 0 { nextRow = row - 1 }
      nextColumn = 0
    case "c":
      position =
        attributes["r"].flatMap(Sheet.position(of:)) ?? (row: nextRow, column: nextColumn)
      type = attributes["t"] ?? "n"
      value = ""
      inline = ""
    case "v":
      collecting = true
    case "is":
      inInline = true
    case "t" where inInline:
      collecting = true
    case "mergeCell":
      if let range = attributes["ref"] {
        let ends = range.split(separator: ":").compactMap { Sheet.position(of: String($0)) }
        if let first = ends.first, let last = ends.last {
          merged.append((range, min(first.row, last.row)...max(first.row, last.row)))
        }
      }
    default: break
    }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    switch local(elementName) {
    case "v", "t": collecting = false
    case "is": inInline = false
    case "row": nextRow += 1
    case "c":
      defer { position = nil }
      guard let position else { return }
      nextColumn = position.column + 1
      let cell: Sheet.Value?
      switch type {
      case "s":
        if let index = Int(value.trimmingWhitespace()), strings.indices.contains(index) {
          cell = .text(strings[index])
        } else {
          cell = .error("shared string \(value)")
        }
      case "str": cell = .text(value)
      case "inlineStr": cell = .text(inline)
      case "b": cell = .boolean(value.trimmingWhitespace() == "1")
      case "e": cell = .error(value)
      case "d": cell = .text(value)
      default: cell = value.isEmpty ? nil : .number(String(value.trimmingWhitespace()))
      }
      if let cell, cell != .text("") {
        cells.append(Sheet.Cell(row: position.row, column: position.column, value: cell))
      }
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    guard collecting else { return }
    if inInline { inline += string } else { value += string }
  }
}

/// The chosen table of an `.ods` `content.xml`: cells with their stored values.
private final class ODSHandler: NSObject, XMLParserDelegate, XMLHandler {
  let preferred: String
  var chosen: Sheet?
  var failure: String?
  private var first: Sheet?
  private var current: Sheet?
  private var row = 0
  private var column = 0
  private var rowRepeat = 1
  private var rowCells: [Sheet.Cell] = []
  private var cell: (value: Sheet.Value?, repeats: Int, span: Int)?
  private var text = ""
  private var paragraphs = 0
  private var inParagraph = 0

  /// Repeated empty rows and columns fill sheets to their last possible cell: counted,
  /// never stored.
  private static let maximumRepeat = 10_000

  init(preferred: String) { self.preferred = preferred }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    switch elementName {
    case "table:table":
      current = Sheet(name: attributes["table:name"] ?? "", cells: [], merged: [])
      row = 0
    case "table:table-row":
      column = 0
      rowCells = []
      rowRepeat = max(1, Int(attributes["table:number-rows-repeated"] ?? "") ?? 1)
    case "table:table-cell", "table:covered-table-cell":
      let repeats = max(1, Int(attributes["table:number-columns-repeated"] ?? "") ?? 1)
      let span = max(1, Int(attributes["table:number-columns-spanned"] ?? "") ?? 1)
      let rows = max(1, Int(attributes["table:number-rows-spanned"] ?? "") ?? 1)
      if span > 1 || rows > 1 {
        let last = Sheet.reference(row: row + rows - 1, column: column + span - 1)
        current?.merged.append(
          ("\(Sheet.reference(row: row, column: column)):\(last)", row...(row + rows - 1)))
      }
      var value: Sheet.Value?
      switch attributes["office:value-type"] {
      case "float", "percentage", "currency":
        value = attributes["office:value"].map { .number($0) }
      case "boolean":
        value = .boolean(attributes["office:boolean-value"] == "true")
      case "date": value = attributes["office:date-value"].map { .text($0) }
      case "time": value = attributes["office:time-value"].map { .text($0) }
      case "string": value = attributes["office:string-value"].map { .text($0) }
      default: value = nil
      }
      cell = (value, repeats, span)
      text = ""
      paragraphs = 0
    case "text:p", "text:h":
      if cell != nil {
        if paragraphs > 0 { text += "\n" }
        paragraphs += 1
        inParagraph += 1
      }
    case "text:s":
      text += String(repeating: " ", count: max(1, Int(attributes["text:c"] ?? "") ?? 1))
    case "text:tab": text += "\t"
    case "text:line-break": text += "\n"
    default: break
    }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    switch elementName {
    case "text:p", "text:h":
      inParagraph = max(0, inParagraph - 1)
    case "table:table-cell", "table:covered-table-cell":
      guard let current = cell else { return }
      cell = nil
      let value = current.value ?? (text.isEmpty ? nil : .text(text))
      if let value {
        for offset in 0..<min(current.repeats, Self.maximumRepeat) {
          rowCells.append(Sheet.Cell(row: row, column: column + offset, value: value))
        }
      }
      column += current.repeats
    case "table:table-row":
      let repeats = rowCells.isEmpty ? 1 : min(rowRepeat, Self.maximumRepeat)
      for offset in 0..<repeats {
        for each in rowCells {
          current?.cells.append(
            Sheet.Cell(row: row + offset, column: each.column, value: each.value))
        }
      }
      row += rowRepeat
    case "table:table":
      if let sheet = current {
        if first == nil { first = sheet }
        if chosen == nil && sheet.name.lowercased() == preferred { chosen = sheet }
      }
      current = nil
    case "office:spreadsheet":
      if chosen == nil { chosen = first }
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if cell != nil && inParagraph > 0 { text += string }
  }
}
