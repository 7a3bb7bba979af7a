import Foundation
import ReportMarkdown
import ReportModel
import Yams

/// The pack's list of sections, as `pack.yaml` gives it (the templates' or the year's).
public struct PackList: Sendable {
  /// One entry of the list, with its line.
  public struct Entry: Sendable {
    /// What the entry is.
    public enum Kind: Sendable, Equatable {
      /// A built-in section: `cover`, `contents`, `introduction`, `plan`, `budget`,
      /// `accounts`.
      case builtIn(String)
      /// A Markdown file relative to the year's folder, its title (the file's first
      /// `#` heading when `nil`), bookmark level and anchor (the file's name when `nil`).
      case markdown(file: String, title: String?, level: Int, anchor: String?)
    }

    /// What the entry is.
    public var kind: Kind
    /// The 1-based line of the entry in ``PackList/file``.
    public var line: Int
  }

  /// The file the list was read from.
  public var file: String
  /// The entries, in order.
  public var entries: [Entry]

  /// The list of the year: `<year folder>/pack.yaml` when it exists, else the templates'.
  /// - Throws: a ``ReportModel/DataError`` with every problem of the file read.
  public static func read(templates: String, yearFolder: String) throws(DataError) -> PackList {
    let yearList = (yearFolder as NSString).appendingPathComponent("pack.yaml")
    if FileManager.default.fileExists(atPath: yearList) { return try read(yearList) }
    return try read((templates as NSString).appendingPathComponent("pack.yaml"))
  }

  /// Reads a `pack.yaml`.
  /// - Throws: a ``ReportModel/DataError``: a file that cannot be read or parsed, no
  ///   `sections:` list, an unknown section kind (with "did you mean"), a section
  ///   listed twice, a bad level.
  public static func read(_ path: String) throws(DataError) -> PackList {
    let data = try DataError.contents(of: path)
    let text = String(decoding: data, as: UTF8.self)
    func problem(_ line: Int?, _ message: String, _ hint: String?) -> DataProblem {
      DataProblem(
        at: SourceLocation(file: path, line: line), field: "sections", message: message,
        hint: hint)
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      var line: Int?
      if case .scanner(_, _, let mark, _) = error { line = mark.line }
      if case .parser(_, _, let mark, _) = error { line = mark.line }
      throw DataError(problems: [problem(line, tr("the file is not valid YAML"), "\(error)")])
    } catch {
      throw DataError(problems: [problem(nil, tr("the file is not valid YAML"), "\(error)")])
    }
    guard let root, let mapping = root.mapping, let sections = mapping["sections"]?.sequence else {
      throw DataError(problems: [
        problem(
          root?.mark?.line ?? 1, tr("no `sections:` list"),
          tr("write `sections:` followed by the sections in order, e.g. `- cover`"))
      ])
    }
    var problems: [DataProblem] = []
    var entries: [Entry] = []
    var seen: [String: Int] = [:]
    let known = PackComposer.builtInSectionNames
    for node in sections {
      let line = node.mark?.line ?? 1
      if let name = node.scalar?.string {
        guard known.contains(name) else {
          let close = closest(to: name, among: known + ["markdown"])
          problems.append(
            problem(
              line, tr("unknown section kind `%1`", name),
              close.map { tr("did you mean `%1`?", $0) }
                ?? tr(
                  "the built-in sections are %1; a text is `markdown: file.md`",
                  known.joined(separator: ", "))
            ))
          continue
        }
        if let first = seen[name] {
          problems.append(
            problem(
              line, tr("the section `%1` is listed twice (first at line %2)", name, first),
              tr("remove one of them")))
          continue
        }
        seen[name] = line
        entries.append(Entry(kind: .builtIn(name), line: line))
      } else if let map = node.mapping {
        guard let file = map["markdown"]?.string else {
          let keys = map.keys.compactMap(\.string)
          let key = keys.first ?? ""
          let close = closest(to: key, among: known + ["markdown"])
          problems.append(
            problem(
              line, tr("unknown section kind `%1`", key),
              close.map { tr("did you mean `%1`?", $0) }
                ?? tr("a text section is `markdown: file.md`")))
          continue
        }
        for key in map.keys.compactMap(\.string)
        where !["markdown", "title", "level", "anchor"].contains(key) {
          let close = closest(to: key, among: ["markdown", "title", "level", "anchor"])
          problems.append(
            problem(
              map.keys.first { $0.string == key }?.mark?.line ?? line,
              tr("unknown key `%1` in a markdown section", key),
              close.map { tr("did you mean `%1`?", $0) }
                ?? tr("the keys are markdown, title, level, anchor")
            ))
        }
        var level = 1
        if let node = map["level"] {
          if let value = node.int, (1...3).contains(value) {
            level = value
          } else {
            problems.append(
              problem(
                node.mark?.line ?? line, tr("the level must be 1, 2 or 3"), tr("1 is a chapter")))
          }
        }
        let title = map["title"]?.string
        let anchor = map["anchor"]?.string
        entries.append(
          Entry(kind: .markdown(file: file, title: title, level: level, anchor: anchor), line: line)
        )
      } else {
        problems.append(
          problem(line, tr("a section is a name (`- plan`) or `- markdown: file.md`"), nil))
      }
    }
    if !problems.isEmpty { throw DataError(problems: problems) }
    return PackList(file: path, entries: entries)
  }

  /// The list's sections read: every Markdown file parsed, its pictures and its
  /// `#anchor` links checked, every destination of the pack unique.
  /// - Parameters:
  ///   - yearFolder: the folder Markdown files are relative to.
  ///   - year: the year, for the built-in sections' destinations.
  ///   - fontFamilies: the document's font families, which an SVG's text may ask for
  ///     (no check when empty).
  /// - Throws: a ``ReportModel/DataError`` with every problem of every file.
  public func sections(yearFolder: String, year: Year, fontFamilies: [String] = [])
    throws(DataError) -> [PackSection]
  {
    var problems: [DataProblem] = []
    var result: [PackSection] = []
    // The destinations, with where each comes from, for duplicates.
    var anchors: [String: String] = [:]
    for entry in entries {
      if case .builtIn(let name) = entry.kind {
        for anchor in PackComposer.builtInAnchors(name, year: year) {
          anchors[anchor] = "the \(name) section"
        }
      }
    }
    var documents: [(Int, MarkdownSection)] = []
    for entry in entries {
      switch entry.kind {
      case .builtIn(let name):
        result.append(.builtIn(name))
      case .markdown(let file, let title, let level, let anchor):
        let path = (yearFolder as NSString).appendingPathComponent(file)
        let here = SourceLocation(file: self.file, line: entry.line)
        guard FileManager.default.fileExists(atPath: path) else {
          let names =
            ((try? FileManager.default.contentsOfDirectory(atPath: yearFolder)) ?? [])
            .filter { $0.hasSuffix(".md") }
          problems.append(
            DataProblem(
              at: here, field: "markdown", message: tr("the file %1 does not exist", path),
              hint: closest(to: file, among: names).map { tr("did you mean %1?", $0) }
                ?? tr("the path is relative to %1", yearFolder)))
          continue
        }
        do throws(DataError) {
          var document = try MarkdownDocument(contentsOf: path)
          var sectionTitle = title
          if sectionTitle == nil, let first = document.blocks.first,
            case .heading(1, let content) = first.kind
          {
            sectionTitle = content.plainText
            document.blocks.removeFirst()
          }
          let name =
            anchor
            ?? Self.slug(((file as NSString).lastPathComponent as NSString).deletingPathExtension)
          if let owner = anchors[name] {
            problems.append(
              DataProblem(
                at: here, field: "anchor",
                message: tr("the anchor #%1 is already %2's", name, owner),
                hint: tr("give this section another one: `anchor: %1-2`", name)))
            continue
          }
          anchors[name] = file
          var headingAnchors: [String] = []
          for block in document.blocks {
            guard case .heading(_, let content) = block.kind else { continue }
            var candidate = Self.slug(content.plainText)
            if candidate.isEmpty { candidate = "\(name)-titre" }
            var unique = candidate
            var number = 2
            while anchors[unique] != nil {
              unique = "\(candidate)-\(number)"
              number += 1
            }
            anchors[unique] = "\(file):\(block.line)"
            headingAnchors.append(unique)
          }
          let pictures = try document.pictures()
          if !fontFamilies.isEmpty {
            for picture in pictures { try picture.checkFontFamilies(fontFamilies) }
          }
          let section = MarkdownSection(
            document: document,
            title: FrenchTypography().apply(sectionTitle ?? name), level: level, anchor: name,
            pictures: Dictionary(
              zip(document.images.map(\.source), pictures), uniquingKeysWith: { first, _ in first }),
            headingAnchors: headingAnchors)
          documents.append((result.count, section))
          result.append(.markdown(section))
        } catch {
          problems += error.problems
        }
      }
    }
    let known = Set(anchors.keys)
    for (_, section) in documents {
      do throws(DataError) {
        try section.document.checkAnchors(known)
      } catch {
        problems += error.problems
      }
    }
    if !problems.isEmpty { throw DataError(problems: problems) }
    return result
  }

  /// A heading's destination name: lower case, accents dropped, words joined by `-`
  /// (GitHub's way: `## L’animation du réseau` → `lanimation-du-reseau`).
  public static func slug(_ text: String) -> String {
    let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
      .lowercased()
    var result = ""
    var dash = false
    for character in folded {
      if character.isLetter || character.isNumber {
        if dash && !result.isEmpty { result.append("-") }
        dash = false
        result.append(character)
      } else if character == " " || character == "-" || character == "_" || character == "\u{00A0}"
        || character == "\u{202F}"
      {
        dash = true
      }
    }
    return result
  }
}

/// A section of the pack, ready to compose.
public enum PackSection: Sendable {
  /// A built-in section, by name.
  case builtIn(String)
  /// A Markdown section, read and checked.
  case markdown(MarkdownSection)
}
