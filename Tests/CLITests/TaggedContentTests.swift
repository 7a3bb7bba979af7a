import Foundation
import TestSupport
import Testing

/// A PDF rewritten by qpdf in QDF form: uncompressed, one content operator a line.
func qdf(_ pdf: String) throws -> String {
  let folder = try temporaryFolder("report-qdf")
  let result = try run("qpdf", ["--qdf", "--object-streams=disable", pdf, folder + "/q.pdf"])
  #expect(result.status == 0, "\(result.stderr)")
  // Latin-1 keeps every byte, so that the text can be written back.
  let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/q.pdf"))
  return String(data: data, encoding: .isoLatin1) ?? ""
}

/// Each page's content lines with the marked-content tags they are inside (outermost
/// first), read from the QDF form.
func markedLines(_ qdfText: String) -> [Int: [(line: String, tags: [String])]] {
  var pages: [Int: [(line: String, tags: [String])]] = [:]
  for part in qdfText.components(separatedBy: "%% Contents for page ").dropFirst() {
    guard let number = Int(part.prefix { $0.isNumber }),
      let start = part.range(of: "\nstream\n"), let end = part.range(of: "\nendstream")
    else { continue }
    var tags: [String] = []
    var lines: [(line: String, tags: [String])] = []
    for line in part[start.upperBound..<end.lowerBound].split(separator: "\n") {
      let text = String(line)
      if text.hasSuffix("BDC") || text.hasSuffix("BMC") {
        tags.append(text)
      } else if text == "EMC" {
        _ = tags.popLast()
      } else {
        lines.append((text, tags))
      }
    }
    pages[number] = lines
  }
  return pages
}

/// What is wrong with how a PDF marks its content; empty when all is well: every text
/// and painting operator is in marked content, the footers are artifacts, the headings
/// are structure content (with an MCID), and without its artifacts the document
/// reads as it prints less its footers.
func artifactProblems(_ pdf: String) throws -> [String] {
  var problems: [String] = []
  let qdfText = try qdf(pdf)
  let pages = markedLines(qdfText)
  if pages.count != packPages { problems.append("\(pages.count) pages of content") }
  let drawing = ["Tj", "TJ", "S", "f", "f*", "B", "b", "Do", "sh"]
  for (number, lines) in pages {
    for entry in lines where entry.tags.isEmpty {
      if drawing.contains(where: { entry.line.hasSuffix(" " + $0) || entry.line == $0 }) {
        problems.append("page \(number): unmarked \(entry.line)")
      }
    }
  }
  // The footer of page 2 is one run of text: "Page 2 / " and the page count (one
  // string, or two when cairo encodes the count's figures with another font subset).
  let footer = pages[2]?.first { $0.line.contains("(Page 2 / ") }
  if footer?.tags != ["/Artifact BMC"] { problems.append("footer: \(String(describing: footer))") }
  let heading = pages[2]?.first { $0.line.contains("(Sommair)") }
  if heading?.tags.count != 1 || heading?.tags.first?.contains("/MCID") != true {
    problems.append("heading: \(String(describing: heading))")
  }
  // What a screen reader reads: the file without its artifacts.
  var stripped = ""
  var skipping = false
  for line in qdfText.split(separator: "\n", omittingEmptySubsequences: false) {
    if line == "/Artifact BMC" {
      skipping = true
    } else if skipping && line == "EMC" {
      skipping = false
    } else if !skipping {
      stripped += line + "\n"
    }
  }
  let folder = try temporaryFolder("report-artifacts")
  try stripped.write(toFile: folder + "/stripped.qdf", atomically: true, encoding: .isoLatin1)
  let fixed = try run("sh", ["-c", "fix-qdf \(folder)/stripped.qdf > \(folder)/stripped.pdf"])
  if fixed.status != 0 { problems.append("fix-qdf: \(fixed.stderr)") }
  for page in 1...packPages {
    let printed = try text(of: pdf, first: page, last: page)
    let read = try text(of: folder + "/stripped.pdf", first: page, last: page)
    let footer =
      " CHANTIER école — Plan d’actions et budget prévisionnel 2019 Page \(page) / \(packPages)"
    var expected = printed.hasSuffix(footer) ? String(printed.dropLast(footer.count)) : printed
    // A table continued from the page before repeats its title and header as artifacts.
    let continued = "Compte de résultat (règlement ANC n° 2018-06) (suite) Intitulé Réalisé 2018 "
    if expected.hasPrefix(continued) { expected = String(expected.dropFirst(continued.count)) }
    if page > 1 && expected == printed { problems.append("page \(page): no footer printed") }
    // A table continued from the page before repeats its title and header row as
    // furniture: read once, on the page where the table starts.
    if let suite = expected.range(of: " (suite) "), !read.isEmpty, expected.hasSuffix(read),
      expected.distance(from: expected.startIndex, to: suite.lowerBound) < 80
    {
      expected = read
    }
    if read != expected { problems.append("page \(page) reads: \(read)\nexpected: \(expected)") }
  }
  return problems
}

@Suite(.serialized) struct TaggedContentTests {
  let pdf: String

  init() throws {
    let run = try SharedRun.pack.get()
    #expect(run.result.status == 0, "\(run.result.stderr)")
    pdf = run.output + "/2019/dossier-ag-2019.pdf"
  }

  @Test func footersAreArtifactsAndEverythingElseIsStructure() throws {
    let problems = try artifactProblems(pdf)
    #expect(problems.isEmpty, "\(problems)")
  }

  /// The destination page of each link annotation, in page and annotation order,
  /// with the named destination it uses, as qpdf reads the file.
  func linkNames() throws -> [String] {
    let json = try run("qpdf", ["--json", "--json-key=pages", "--json-key=qpdf", pdf]).stdout
    let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let objects = ((root?["qpdf"] as? [Any])?.last as? [String: Any]) ?? [:]
    var names: [String] = []
    func value(_ reference: Any?) -> [String: Any] {
      guard let reference = reference as? String else { return [:] }
      return ((objects["obj:" + reference] as? [String: Any])?["value"] as? [String: Any]) ?? [:]
    }
    for page in root?["pages"] as? [[String: Any]] ?? [] {
      for reference in value(page["object"])["/Annots"] as? [String] ?? [] {
        let annotation = value(reference)
        guard annotation["/Subtype"] as? String == "/Link" else { continue }
        // Links out of the document (the reports' web addresses) are checked apart.
        guard let destination = annotation["/Dest"] as? String else { continue }
        names.append(destination.hasPrefix("u:") ? String(destination.dropFirst(2)) : destination)
      }
    }
    return names
  }

  @Test func everyLinkLeadsToAPageInPopplerAndMuPDFAlike() throws {
    // Poppler: the named destinations and their pages.
    let dests = try run("pdfinfo", ["-dests", pdf]).stdout
    var pageOf: [String: Int] = [:]
    for line in dests.split(separator: "\n").dropFirst() {
      guard let quote = line.firstIndex(of: "\""), line.hasSuffix("\""),
        let page = Int(line.prefix { $0 != "[" }.trimmingCharacters(in: .whitespaces))
      else { continue }
      pageOf[String(line[line.index(after: quote)..<line.index(before: line.endIndex)])] = page
    }
    let names = try linkNames()
    #expect(names.count >= 12)  // at least the contents
    for name in names { #expect(pageOf[name] != nil, "link to \(name): no such destination") }
    // MuPDF: each link resolved to a page, the same page poppler gives.
    let folder = try temporaryFolder("report-links")
    let script = """
      var doc = new PDFDocument(scriptArgs[0]);
      for (var i = 0; i < doc.countPages(); i++) {
        var links = doc.loadPage(i).getLinks();
        for (var j = 0; j < links.length; j++) print(links[j].uri);
      }
      """
    try script.write(toFile: folder + "/links.js", atomically: true, encoding: .utf8)
    let mupdf = try run("mutool", ["run", folder + "/links.js", pdf])
    #expect(mupdf.status == 0, "\(mupdf.stderr)")
    let uris = mupdf.stdout.split(separator: "\n")
    let pages = uris.filter { $0.hasPrefix("#") }.map { uri -> Int? in
      guard uri.hasPrefix("#page=") else { return nil }
      return Int(uri.dropFirst("#page=".count).prefix { $0.isNumber })
    }
    // The activity report's web address, an URI link in both readers.
    #expect(uris.filter { !$0.hasPrefix("#") } == ["https://www.chantierecole.org"])
    let popplerURIs = try run("pdfinfo", ["-url", pdf]).stdout
    #expect(popplerURIs.contains("https://www.chantierecole.org"), "\(popplerURIs)")
    // The reports' links to the plan and the budget go to those sections' pages.
    #expect(names.filter { $0 == "plan" }.count >= 3 && names.contains("budget"))
    #expect(pages.count == names.count)
    for (page, name) in zip(pages, names) {
      #expect(
        page != nil && page == pageOf[name], "link to \(name): mupdf \(String(describing: page))")
      #expect((1...packPages).contains(page ?? 0))
    }
  }
}
