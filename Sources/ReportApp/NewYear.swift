import Foundation
import ReportModel
import Yams

/// The years of a data folder: sub-folders named by a year that hold a `report.yaml`.
public enum YearFolder {
  /// The years that have a year file, in order.
  public static func years(in data: String) -> [Int] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []
    return names.compactMap { name -> Int? in
      guard name.count == 4, let year = Int(name), (1900...2999).contains(year),
        FileManager.default.fileExists(atPath: "\(data)/\(name)/report.yaml")
      else { return nil }
      return year
    }
    .sorted()
  }

  /// The latest year that has a year file, before `year` when given.
  public static func latest(in data: String, before year: Int?) -> Int? {
    years(in: data).last { found in year.map { found < $0 } ?? true }
  }
}

/// `report init --year Y`: a new year's folder made from the latest one, so that the
/// staff edit rather than copy by hand.
///
/// The year file is edited as text where Yams says each value is, so that comments,
/// order and quoting stay as the staff wrote them: every ISO date moved on by the
/// years between the two, the title's year changed, every action kept with status
/// `maintained`, the budget lines kept, the texts to write again (the summary, the
/// notes, the resolutions' texts) marked « à réécrire ». The year's other files
/// (members, budget spreadsheet, sections) are copied; the accounting exports
/// (`fec/`) are not: they belong to the year they closed.
public struct NewYear: Sendable {
  /// The mark put in front of each text to write again; `validate` and `generate`
  /// warn while one is left.
  public static let mark = "« à réécrire »"

  /// What was made.
  public struct Made: Sendable {
    /// The new year's folder.
    public var folder: String
    /// The year it was made from.
    public var source: Int
    /// What to edit next, one line each, `file:line: field: what`.
    public var next: [String]
  }

  /// Makes `<data>/<year>/` from the latest earlier year (or the latest year at all).
  /// - Throws: ``RunError``: the folder exists (nothing is touched), no year to start
  ///   from, or it cannot be written (nothing is left half-made).
  public static func make(year: Int, paths: Paths) throws(RunError) -> Made {
    let target = "\(paths.data)/\(year)"
    // A folder made by hand before the year file (to drop a FEC or the members in) is
    // filled around what it holds; a folder with a year file is never touched.
    let existing = FileManager.default.fileExists(atPath: target)
    if existing && FileManager.default.fileExists(atPath: paths.yearFile(year)) {
      throw RunError(
        .input, at: SourceLocation(file: target),
        tr("the year %1 already exists; nothing was changed", year),
        hint: tr("edit %1, or remove the folder to make it again", paths.yearFile(year)))
    }
    guard
      let source = YearFolder.latest(in: paths.data, before: year)
        ?? YearFolder.latest(in: paths.data, before: nil)
    else {
      throw RunError(
        .input, at: SourceLocation(file: paths.data),
        tr("no year to start from (no <year>/report.yaml here)"),
        hint: tr("pass --data DIR, the folder holding the years, or set data in report.toml"))
    }
    let sourceFile = paths.yearFile(source)
    let text: String
    do {
      text = String(decoding: try DataError.contents(of: sourceFile), as: UTF8.self)
    } catch {
      throw .input(error)
    }
    let edited: Edited
    do {
      edited = try rewrite(text, from: source, to: year)
    } catch {
      throw RunError(
        .input, at: SourceLocation(file: sourceFile),
        tr(
          "cannot read it to make %1: %2", year,
          YAMLSyntax.problem(for: error, file: sourceFile).message),
        hint: tr("run `report validate --year %1` and fix it first", source))
    }
    let newFile = paths.yearFile(year)
    // Made in a hidden folder beside, then renamed: never a half-made year. Into a
    // folder that exists, each file is moved in, the year file last: until it is
    // there, `init` may run again.
    let staging = "\(paths.data)/.\(year)-init-\(getpid())"
    let manager = FileManager.default
    var kept: [String] = []
    do {
      try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
      for name in try manager.contentsOfDirectory(atPath: "\(paths.data)/\(source)").sorted()
      where name != "fec" && name != "report.yaml" && !name.hasPrefix(".") {
        if existing && manager.fileExists(atPath: "\(target)/\(name)") {
          kept.append(name)
          continue
        }
        try manager.copyItem(
          atPath: "\(paths.data)/\(source)/\(name)", toPath: "\(staging)/\(name)")
      }
      try Data(edited.text.utf8).write(
        to: URL(fileURLWithPath: "\(staging)/report.yaml"), options: .atomic)
      if existing {
        let names = try manager.contentsOfDirectory(atPath: staging).sorted()
        for name in names.filter({ $0 != "report.yaml" }) + ["report.yaml"] {
          try manager.moveItem(atPath: "\(staging)/\(name)", toPath: "\(target)/\(name)")
        }
        try manager.removeItem(atPath: staging)
      } else {
        try manager.moveItem(atPath: staging, toPath: target)
      }
    } catch {
      try? manager.removeItem(atPath: staging)
      throw RunError(
        .io, at: SourceLocation(file: target),
        tr("cannot make the new year: %1", Engine.reason(error, creating: target)),
        hint: tr("check that report may write to %1", paths.data))
    }
    var next = edited.edits.map { "\(newFile):\($0.line): \($0.field): \($0.what)" }
    next += kept.map { name in
      "\(target)/\(name): " + tr("already there: kept, not copied from %1", source)
    }
    return Made(folder: target, source: source, next: next)
  }

  /// A year file rewritten for a new year, and what was changed where.
  struct Edited {
    var text: String
    var edits: [(line: Int, field: String, what: String)]
  }

  /// The year file `text` of year `from`, rewritten for year `to`.
  /// - Throws: Yams' error when the text is not YAML.
  static func rewrite(_ text: String, from: Int, to: Int) throws -> Edited {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      Array($0.unicodeScalars)
    }
    guard let root = try Yams.compose(yaml: text) else { return Edited(text: text, edits: []) }
    // (line, column) 0-based, what to remove, what to insert.
    var changes: [(line: Int, column: Int, remove: Int, insert: String)] = []
    var edits: [(line: Int, field: String, what: String)] = []
    let shift = to - from

    func start(_ node: Node) -> (line: Int, column: Int)? {
      guard let mark = node.mark else { return nil }
      return (mark.line - 1, mark.column - 1)
    }
    /// Replaces a plain or quoted scalar's text.
    func replace(_ node: Node, with value: String) {
      guard let scalar = node.scalar, let (line, column) = start(node),
        [.plain, .singleQuoted, .doubleQuoted].contains(scalar.style)
      else { return }
      let quote = scalar.style == .plain ? 0 : 1
      changes.append((line, column + quote, scalar.string.unicodeScalars.count, value))
    }
    /// Puts the mark in front of a text.
    func markText(_ node: Node, field: String) {
      guard let scalar = node.scalar, let (line, column) = start(node) else { return }
      // A text still marked (the year made from was never written) keeps its one mark.
      guard !scalar.string.hasPrefix(mark) else {
        // Said at the text's first line, as a text marked now is.
        let block = scalar.style == .literal || scalar.style == .folded
        let shown =
          block ? (line + 1..<lines.count).first { lines[$0].contains { $0 != " " } } : line
        edits.append(
          (
            (shown ?? line) + 1, field,
            tr("still marked %1 from %2: write it for the new year", mark, from)
          ))
        return
      }
      switch scalar.style {
      case .literal, .folded:
        guard
          let content = (line + 1..<lines.count).first(where: {
            lines[$0].contains { $0 != " " }
          })
        else { return }
        let indent = lines[content].prefix { $0 == " " }.count
        changes.append((content, indent, 0, mark + " "))
        edits.append((content + 1, field, tr("marked %1: write it for the new year", mark)))
      case .singleQuoted, .doubleQuoted:
        changes.append((line, column + 1, 0, mark + " "))
        edits.append((line + 1, field, tr("marked %1: write it for the new year", mark)))
      default:
        changes.append((line, column, 0, mark + " "))
        edits.append((line + 1, field, tr("marked %1: write it for the new year", mark)))
      }
    }

    // Every ISO date, moved on.
    func walk(_ node: Node) {
      switch node {
      case .scalar(let scalar):
        if let date = CalendarDate(iso: scalar.string), scalar.string.count == 10 {
          let year = date.year + shift
          let day = date.month == 2 && date.day == 29 && !isLeap(year) ? 28 : date.day
          replace(node, with: String(format: "%04d-%02d-%02d", year, date.month, day))
        }
      case .mapping(let mapping): for (_, value) in mapping { walk(value) }
      case .sequence(let sequence): for item in sequence { walk(item) }
      case .alias: break
      }
    }
    walk(root)
    if let date = root["assembly"]?["date"], let line = start(date)?.line {
      edits.append((line + 1, "assembly.date", tr("moved a year on: check the day")))
    }

    if let document = root["document"] {
      if let title = document["title"], let string = title.string, let line = start(title)?.line {
        let changed = string.replacingOccurrences(of: String(from), with: String(to))
        replace(title, with: changed)
        edits.append((line + 1, "document.title", tr("now \"%1\": check it", changed)))
      }
      if let summary = document["summary"] { markText(summary, field: "document.summary") }
      for (index, note) in (document["notes"]?.sequence ?? []).enumerated() {
        markText(note, field: "document.notes[\(index)]")
      }
    }
    for (index, resolution) in (root["assembly"]?["resolutions"]?.sequence ?? []).enumerated() {
      if let text = resolution["text"] {
        markText(text, field: "assembly.resolutions[\(index)].text")
      }
    }
    var kept = 0
    for axis in root["axes"]?.sequence ?? [] {
      for action in axis["actions"]?.sequence ?? [] {
        kept += 1
        if let status = action["status"], status.string != "maintained" {
          replace(status, with: "maintained")
        }
      }
    }
    if let axes = root["axes"], let line = start(axes)?.line {
      edits.append(
        (line + 1, "axes", tr("%1 actions kept with status `maintained`: update each one", kept)))
    }
    if let budget = root["budget"], let line = start(budget)?.line {
      edits.append((line + 1, "budget", tr("the lines of %1, kept: set this year's amounts", from)))
    }

    // From the end, so that each position is still where Yams saw it.
    for change in changes.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
      guard change.line < lines.count, change.column + change.remove <= lines[change.line].count
      else { continue }
      lines[change.line].replaceSubrange(
        change.column..<change.column + change.remove, with: Array(change.insert.unicodeScalars))
    }
    let rewritten = lines.map { line in
      var text = String.UnicodeScalarView()
      text.append(contentsOf: line)
      return String(text)
    }
    .joined(separator: "\n")
    return Edited(text: rewritten, edits: edits.sorted { $0.line < $1.line })
  }

  static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }
}
