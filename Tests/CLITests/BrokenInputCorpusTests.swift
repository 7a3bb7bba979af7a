import Foundation
import ReportModel
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
  /// The line of the reference file that holds `text`, so that adding fields to the
  /// year file does not move the expectations.
  func line(of text: String) -> Int? {
    reference.split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.contains(text) }.map { $0 + 1 }
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
      line: nil, message: "a year file is at most 32 MB"),
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
      line: line(of: "title: \"Plan d’actions et budget prévisionnel 2019\""),
      message: "document.title: is 100000 characters long; at most 300 fit"),
    BrokenYear(
      name: "right-to-left text", content: edited("place: \"Paris\"", "place: \"باريس\""),
      line: line(of: "place: \"Paris\""),
      message: "assembly.place: the character ب (U+628) is not in the font Inter"),
    BrokenYear(
      name: "emoji", content: edited("\"Présidence\"", "\"Présidence 🎉\""),
      line: line(of: "\"Présidence\""),
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

/// The corpus writes `axes[0].actions[1].budget: message`; the tool says the field as a
/// person counts it, "axis 1 ("…"), action 2 ("…"), budget: message".
func countedMessage(_ message: String) -> String {
  guard let colon = message.range(of: ": "),
    message[..<colon.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || "_.[]".contains($0) })
  else { return message }
  return FieldPath.human(String(message[..<colon.lowerBound])) + ": "
    + message[colon.upperBound...]
}

/// A printed line without the titles it names items by: ` ("Les moyens")`.
func withoutTitles(_ line: Substring) -> String {
  String(line.replacing(#/ \("[^"]*"\)/#, with: ""))
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
    try copyPictures(to: data + "/2019")
    let output = try temporaryFolder("report-output")
    let result = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(result.status == 1, "\(result.stderr.prefix(600))")
    let location = broken.line.map { "\(file):\($0):" } ?? "\(file):"
    let expected = countedMessage(broken.message)
    let reported = result.stderr.split(separator: "\n").contains { line in
      line.hasPrefix(location) && withoutTitles(line).contains(expected)
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

/// A broken spreadsheet or accounting export, with where and what it must report.
struct BrokenFile: CustomTestStringConvertible, Sendable {
  var name: String
  var content: Data
  /// `line` or `line:column` after the file's path; empty for the whole file.
  var position: String
  var message: String
  var testDescription: String { name }
}

func brokenBudgets() -> [BrokenFile] {
  let header = "section;account;label;amount;regional\n"
  func csv(_ name: String, _ rows: String, _ position: String, _ message: String) -> BrokenFile {
    BrokenFile(
      name: name, content: Data((header + rows).utf8), position: position, message: message)
  }
  return [
    BrokenFile(name: "empty", content: Data(), position: "1", message: "the file is empty"),
    csv("header only", "", "", "the file has no budget line"),
    csv(
      "amount in words", "charges;60;Achats;quarante;non\n", "2",
      "amount: `quarante` is not an amount"),
    csv("negative amount", "charges;60;Achats;-40;non\n", "2", "amount: must not be negative"),
    csv(
      "three decimals", "charges;60;Achats;40,123;non\n", "2", "amount: `40,123` is ambiguous"),
    csv(
      "unknown section", "depenses;60;Achats;40;non\n", "2", "section: `depenses` is not a section"),
    csv(
      "regional in words", "charges;60;Achats;40;peut-être\n", "2",
      "regional: `peut-être` is not yes or no"),
    csv("short row", "charges;60\n", "2", "label: missing label"),
    BrokenFile(
      name: "missing column", content: Data("section;account;amount\ncharges;60;40\n".utf8),
      position: "1", message: "label: missing column"),
    csv(
      "overflowing amount", "charges;60;Achats;99999999999999999999;non\n", "2",
      "amount: `99999999999999999999` is not an amount"),
    BrokenFile(
      name: "binary", content: Data((0..<2000).map { UInt8(($0 * 131) % 256) }), position: "",
      message: "error:"),
  ]
}

func brokenLedgers() throws -> [BrokenFile] {
  let lines = try String(
    contentsOfFile: Repository.path("Tests/Fixtures/accounting/fec-2019.txt"), encoding: .utf8
  )
  .split(separator: "\n").map(String.init)
  let header = lines[0]
  let first = lines[1]
  let second = lines[2]
  func fec(_ name: String, _ body: [String], _ position: String, _ message: String) -> BrokenFile {
    BrokenFile(
      name: name, content: Data((body.joined(separator: "\n") + "\n").utf8), position: position,
      message: message)
  }
  return [
    BrokenFile(name: "empty", content: Data(), position: "", message: "the file is empty"),
    fec("not a FEC", ["Bonjour, voici le fichier", "merci"], "1:1", "it is not a FEC header"),
    fec(
      "bad amount", [header, first.replacingOccurrences(of: "1749,22", with: "17x9,22"), second],
      "2:105", "Debit: `17x9,22` is not an amount"),
    fec(
      "bad date", [header, first.replacingOccurrences(of: "20190105", with: "20191305"), second],
      "2:19", "EcritureDate: `20191305` is not a date"),
    fec(
      "short line", [header, "AC\tAchats\tAC00001"], "2:18",
      "the line has 3 fields where a FEC has 18"),
    fec(
      "unbalanced entry", [header, first], "2:11",
      "entry `AC00001` of journal `AC` does not balance"),
    fec(
      "wrong header",
      [header.replacingOccurrences(of: "CompteNum", with: "Compte"), first, second],
      "1:49", "column 5 of the header is `Compte` where a FEC has `CompteNum`"),
    fec(
      "empty account", [header, first.replacingOccurrences(of: "606400", with: ""), second], "2:28",
      "CompteNum: must not be empty"),
    fec(
      "another year",
      [
        header, first.replacingOccurrences(of: "2019", with: "2018"),
        second.replacingOccurrences(of: "2019", with: "2018"),
      ],
      "2:19", "is outside the fiscal year 2019"),
    fec(
      "three decimals",
      [header, first.replacingOccurrences(of: "1749,22", with: "1749,225"), second],
      "2:105", "Debit: `1749,225` is not an amount"),
    BrokenFile(
      name: "binary", content: Data((0..<3000).map { UInt8(($0 * 97) % 256) }), position: "",
      message: "error:"),
  ]
}

@Suite struct BrokenAccountingCorpusTests {
  func check(_ broken: BrokenFile, arguments: [String], file: String) throws {
    let output = try temporaryFolder("report-output")
    let result = try report(arguments + ["--output", output])
    #expect(result.status == 1, "\(result.stderr.prefix(400))")
    let location = broken.position.isEmpty ? "\(file):" : "\(file):\(broken.position):"
    let reported = result.stderr.split(separator: "\n").contains {
      $0.hasPrefix(location) && $0.contains(broken.message)
    }
    #expect(reported, "expected \(location) … \(broken.message) in:\n\(result.stderr.prefix(600))")
    #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty)
  }

  @Test(arguments: brokenBudgets())
  func aBrokenBudgetSpreadsheetStopsEverything(_ broken: BrokenFile) throws {
    let data = try dataFolder()
    let file = data + "/2019/budget.csv"
    try broken.content.write(to: URL(fileURLWithPath: file))
    try check(broken, arguments: ["generate", "--year", "2019", "--data", data], file: file)
  }

  @Test(arguments: try brokenLedgers())
  func aBrokenAccountingExportStopsTheExport(_ broken: BrokenFile) throws {
    let folder = try temporaryFolder("report-fec")
    let file = folder + "/FEC.txt"
    try broken.content.write(to: URL(fileURLWithPath: file))
    try check(
      broken, arguments: ["generate", "--year", "2019", "--month", "6", "--fec", file], file: file)
  }
}
