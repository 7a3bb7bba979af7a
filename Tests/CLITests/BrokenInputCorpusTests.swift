import Foundation
import TestSupport
import Testing

/// A broken year file of the corpus, with the line and message it must give.
struct BrokenYear: CustomTestStringConvertible, Sendable {
  var name: String
  var content: Data
  /// The line the problem must be reported at (`nil`: the file as a whole).
  var line: Int?
  /// A part of the message.
  var message: String
  var testDescription: String { name }
}

/// The files of `Tests/Fixtures/broken/year/` (made by make-year-corpus.py) and cases
/// too large or too strange to keep as files.
func brokenYears() throws -> [BrokenYear] {
  let folder = Repository.path("Tests/Fixtures/broken/year")
  var cases: [BrokenYear] = []
  for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
    let content = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
    let text = String(decoding: content, as: UTF8.self)
    let header = text.split(separator: "\n").prefix(2)
    let line = header.first.flatMap {
      Int($0.replacingOccurrences(of: "# expect-line: ", with: ""))
    }
    let message = String(header.last?.dropFirst("# expect: ".count) ?? "")
    cases.append(BrokenYear(name: file, content: content, line: line, message: message))
  }
  let reference = try String(
    contentsOfFile: Repository.path("data/2019/report.yaml"), encoding: .utf8)
  func edited(_ old: String, _ new: String) -> Data {
    Data(reference.replacingOccurrences(of: old, with: new).utf8)
  }
  var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
  var previous = "a"
  for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
    bomb +=
      "\(name): &\(name) [" + Array(repeating: "*" + previous, count: 9).joined(separator: ",")
      + "]\n"
    previous = name
  }
  bomb += "organisation:\n  name: *i\ndocument: *i\naxes: *i\nbudget: *i\n"
  var invalid = Data(reference.utf8)
  invalid.insert(contentsOf: [0xC3, 0x28], at: 200)
  cases += [
    BrokenYear(name: "empty file", content: Data(), line: 1, message: "the file is empty"),
    BrokenYear(
      name: "only a comment", content: Data("# rien\n".utf8), line: 1, message: "the file is empty"),
    BrokenYear(
      name: "invalid UTF-8", content: invalid, line: 1, message: "the file is not valid UTF-8 text"),
    BrokenYear(
      name: "binary file", content: Data((0..<4096).map { UInt8(($0 * 7919) % 256) }), line: 1,
      message: "the file is binary"),
    BrokenYear(
      name: "50 MB file",
      content: Data(reference.utf8) + Data(repeating: 0x23, count: 50 * 1_048_576),
      line: nil, message: "a year file is at most 8 MB"),
    BrokenYear(
      name: "alias bomb", content: Data(bomb.utf8), line: 9,
      message: "organisation.name: expected text, found a list"),
    BrokenYear(
      name: "deep nesting",
      content: Data(("organisation: " + String(repeating: "[", count: 100_000)).utf8),
      line: 1, message: "YAML syntax"),
    BrokenYear(
      name: "100 000-character title",
      content: edited(
        "title: \"Plan d’actions et budget prévisionnel 2019\"",
        "title: \"" + String(repeating: "x", count: 100_000) + "\""),
      line: 14, message: "document.title: is 100000 characters long; at most 300 fit"),
    BrokenYear(
      name: "right-to-left text", content: edited("place: \"Paris\"", "place: \"باريس\""), line: 12,
      message: "assembly.place: the character ب (U+628) is not in the font Inter"),
    BrokenYear(
      name: "emoji", content: edited("\"Présidence\"", "\"Présidence 🎉\""), line: 58,
      message: "axes[0].actions[3].lead: the character 🎉 (U+1F389) is not in the font Inter"),
    BrokenYear(
      name: "NUL byte", content: edited("Paris", "Pa\u{0}ris"), line: 1,
      message: "the file is binary"),
    BrokenYear(
      name: "a list instead of a file", content: Data("- 1\n- 2\n".utf8), line: 1,
      message: "expected a mapping of keys to values, found a list"),
  ]
  return cases
}

@Suite struct BrokenInputCorpusTests {
  @Test func theCorpusHasAtLeastSixtyCases() throws {
    #expect(try brokenYears().count >= 60)
  }

  @Test(arguments: try brokenYears())
  func aBrokenYearFileGivesItsMessageExitOneAndNoOutput(_ broken: BrokenYear) throws {
    let data = try temporaryFolder("report-corpus")
    try FileManager.default.createDirectory(
      atPath: data + "/2019", withIntermediateDirectories: true)
    let file = data + "/2019/report.yaml"
    try broken.content.write(to: URL(fileURLWithPath: file))
    let output = try temporaryFolder("report-output")
    let result = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(result.status == 1, "\(result.stderr.prefix(600))")
    let location = broken.line.map { "\(file):\($0):" } ?? "\(file):"
    let reported = result.stderr.split(separator: "\n").contains { line in
      line.hasPrefix(location) && line.contains(broken.message)
    }
    #expect(reported, "expected \(location) … \(broken.message) in:\n\(result.stderr.prefix(800))")
    #expect(result.stdout.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty)
    try? FileManager.default.removeItem(atPath: data)
  }

  @Test func combiningCharactersAreFine() throws {
    let data = try dataFolder {
      $0.replacingOccurrences(of: "place: \"Paris\"", with: "place: \"Pe\u{0301}rigueux\"")
    }
    let output = try temporaryFolder("report-output")
    let result = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try pdfProblems(output + "/2019/dossier-ag-2019.pdf").isEmpty)
    let content = try text(of: output + "/2019/dossier-ag-2019.pdf", first: 1, last: 1)
    #expect(content.precomposedStringWithCanonicalMapping.contains("Périgueux"))
  }
}
