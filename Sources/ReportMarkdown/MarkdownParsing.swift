import Foundation
import ReportModel

extension MarkdownDocument {
  /// Parses Markdown text: CommonMark, with GitHub's pipe tables, `~~strikethrough~~`
  /// and bare `www.…` / e-mail links.
  ///
  /// Anything CommonMark accepts parses (an unclosed `*` is a literal star); what the
  /// pack cannot print is refused, every case with its line: raw HTML (HTML comments
  /// are skipped), links that go anywhere but a web or e-mail address or a `#anchor`,
  /// pictures with no file, a web address or no alternative text, and nesting deeper
  /// than 32 levels.
  /// - Parameters:
  ///   - text: the Markdown.
  ///   - file: the file's path as the user gave it, for messages and for pictures.
  /// - Throws: a ``ReportModel/DataError`` listing every problem, in file order.
  public init(parsing text: String, file: String) throws(DataError) {
    let (blocks, problems) = CommonMarkSeam.convert(text, file: file)
    guard problems.isEmpty else { throw DataError(problems: problems) }
    self.init(file: file, blocks: blocks)
  }

  /// Parses a Markdown file's bytes, which must be UTF-8 (a byte-order mark is skipped).
  /// - Throws: a ``ReportModel/DataError``: bytes that are not UTF-8 (with their line),
  ///   or the problems of ``init(parsing:file:)``.
  public init(data: Data, file: String) throws(DataError) {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: file, line: Self.firstInvalidUTF8Line(bytes)), field: "",
          message: tr("the file is not UTF-8 text"),
          hint: tr("save it as UTF-8 (e.g. iconv -f latin1 -t utf-8)"))
      ])
    }
    try self.init(parsing: text, file: file)
  }

  /// Reads and parses a Markdown file.
  /// - Throws: a ``ReportModel/DataError``: the file cannot be read, or the problems of
  ///   ``init(data:file:)``.
  public init(contentsOf path: String) throws(DataError) {
    try self.init(data: DataError.contents(of: path), file: path)
  }

  /// The 1-based line of the first byte that breaks UTF-8.
  static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
    var line = 1
    var start = 0
    // The longest valid prefix ends at most 3 bytes before the first bad byte; find
    // it by decoding line by line.
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
      if String(validating: bytes[start..<end], as: UTF8.self) == nil { return line }
      line += 1
      start = end
    }
    return line
  }
}
