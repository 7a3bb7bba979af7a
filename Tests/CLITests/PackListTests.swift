import Foundation
import TestSupport
import Testing

/// A year folder laid out as a network would write it: the 2019 year file, its
/// pictures and reports, and a `pack.yaml`.
func packFolder(list: String?, extra: [String: String] = [:]) throws -> String {
  // As messages print it: "/tmp/x", not "/tmp//x".
  let data = (try dataFolder() as NSString).standardizingPath
  let year = data + "/2019"
  for name in ["rapport-moral.md", "rapport-activite.md"] {
    try FileManager.default.copyItem(
      atPath: Repository.path("data/2019/" + name), toPath: year + "/" + name)
  }
  if let list { try list.write(toFile: year + "/pack.yaml", atomically: true, encoding: .utf8) }
  for (name, text) in extra {
    try text.write(toFile: year + "/" + name, atomically: true, encoding: .utf8)
  }
  return data
}

/// The top-level bookmarks' titles, in order, as qpdf reads them.
func topBookmarks(_ pdf: String) throws -> [String] {
  let json = try run("qpdf", ["--json", "--json-key=outlines", pdf]).stdout
  let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
  return (root?["outlines"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
}

@Suite(.serialized) struct PackListTests {
  @Test func aYearFolderWithItsYearFileAloneMakesTheBuiltInPack() throws {
    let output = try temporaryFolder("report-output")
    let result = try report([
      "generate", "--year", "2019", "--data", try dataFolder(), "--output", output,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let pdf = output + "/2019/dossier-ag-2019.pdf"
    #expect(
      try topBookmarks(pdf) == ["Introduction", "Plan d’actions", "Budget prévisionnel"])
    #expect(try run("pdfinfo", [pdf]).stdout.contains("Pages:           7"))
  }

  @Test func reorderingAndDroppingSectionsChangesTheTextTheOutlineAndTheLabels() throws {
    let data = try packFolder(
      list: """
        sections:
          - budget
          - markdown: rapport-activite.md
            title: "Activité"
          - plan
        """)
    let output = try temporaryFolder("report-output")
    let result = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(result.status == 0, "\(result.stderr)")
    let pdf = output + "/2019/dossier-ag-2019.pdf"
    #expect(try topBookmarks(pdf) == ["Budget prévisionnel", "Activité", "Plan d’actions"])
    let content = try text(of: pdf)
    let budget = content.range(of: "Budget prévisionnel")?.lowerBound
    let activity = content.range(of: "L’activité du réseau en 2018")?.lowerBound
    let plan = content.range(of: "Axe 1 — L’animation du réseau")?.lowerBound
    #expect(budget != nil && activity != nil && plan != nil)
    if let budget, let activity, let plan { #expect(budget < activity && activity < plan) }
    // Dropped: the cover, the contents, the introduction, the rapport moral.
    for gone in ["Sommaire", "Les priorités de l’année", "Le mot du président", "Couverture"] {
      #expect(!content.contains(gone), "\(gone) is still printed")
    }
    // No cover: the first page is page 1, with its footer.
    #expect(try text(of: pdf, first: 1, last: 1).hasPrefix("Budget prévisionnel"))
    #expect(try text(of: pdf, first: 1, last: 1).contains("Page 1 / "))
    let labels = try run("qpdf", ["--json", "--json-key=pagelabels", pdf]).stdout
    #expect(!labels.contains("Couverture"))
    #expect(try pdfProblems(pdf).isEmpty)
  }

  @Test func aReportLinkingToADroppedSectionIsRefusedWithItsLine() throws {
    let data = try packFolder(
      list: "sections:\n  - cover\n  - markdown: rapport-moral.md\n    title: Rapport moral\n")
    let output = try temporaryFolder("report-output")
    let result = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "\(data)/2019/rapport-moral.md:36: error: the link goes to #plan, which is no section of the pack"
      ), "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty)
  }

  @Test func validateChecksThePackListItsTextsAndPictures() throws {
    let data = try packFolder(
      list: "sections:\n  - markdown: t.md\n    title: T\n",
      extra: ["t.md": "Texte.\n\n![Absente](images/absente.png)\n"])
    let result = try report(["validate", "--year", "2019", "--data", data])
    #expect(result.status == 1)
    #expect(result.stderr.contains("\(data)/2019/t.md:3: error: the picture"), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test func anUnknownSectionKindNamesItsLineAndTheClosestKind() throws {
    let data = try packFolder(list: "sections:\n  - cover\n  - introdution\n")
    let output = try temporaryFolder("report-output")
    let result = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("\(data)/2019/pack.yaml:3:"), "\(result.stderr)")
    #expect(result.stderr.contains("unknown section kind `introdution`"))
    #expect(result.stderr.contains("did you mean `introduction`?"))
  }

  @Test func picturesKeepTheirFormatsJPEGStaysCompressedAndSVGTextIsInTheDocumentsFont()
    throws
  {
    let run0 = try SharedRun.pack.get()
    let pdf = run0.output + "/2019/dossier-ag-2019.pdf"
    let list = try run("pdfimages", ["-list", pdf]).stdout.split(separator: "\n").dropFirst(2)
      .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
    // page num type width height color comp bpc enc …
    #expect(list.count == 2, "\(list)")
    let jpeg = list.first { $0[3] == "800" }
    #expect(
      jpeg?[2] == "image" && jpeg?[8] == "jpeg",
      "the photograph is DCT: \(String(describing: jpeg))")
    let png = list.first { $0[3] == "600" }
    #expect(png?[8] == "image" && png?[5] == "rgb", "\(String(describing: png))")
    #expect(!list.contains { $0[2] == "smask" }, "no soft mask: \(list)")
    // The JPEG's bytes are the file's own.
    let folder = try temporaryFolder("report-images")
    #expect(try run("pdfimages", ["-j", pdf, folder + "/i"]).status == 0)
    let extracted = try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { $0.hasSuffix(".jpg") }
    #expect(extracted.count == 1)
    let original = try Data(
      contentsOf: URL(fileURLWithPath: Repository.path("data/2019/images/chantier.jpg")))
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + extracted[0])) == original)
    // The SVG chart's and the logo's text: drawn with Inter from fonts/, as vectors
    // (the chart's labels can be read back as text).
    let fonts = try run("pdffonts", [pdf]).stdout.split(separator: "\n").dropFirst(2)
    #expect(fonts.allSatisfy { $0.contains("+Inter-") }, "\(fonts)")
    #expect(try text(of: pdf, first: 6, last: 6).contains("1 060 1 180 1 350 1 530 1 750"))
  }
}

/// Broken Markdown and pictures, through the binary: each gives its message at the
/// Markdown file and line, exit 1 and no file, or a sane pack.
@Suite(.serialized) struct BrokenMarkdownTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var markdown: String
    /// Files beside it: name → Python expression of the bytes.
    var files: [String: String] = [:]
    var line: Int
    var message: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "raw HTML", markdown: "Un texte.\n\n<div>caché</div>\n", line: 3,
      message: "raw HTML is not printed"),
    Case(
      name: "inline HTML", markdown: "Un <b>gras</b> mot.\n", line: 1,
      message: "raw HTML is not printed"),
    Case(
      name: "missing picture", markdown: "Texte.\n\n![Une photo](images/absente.jpg)\n", line: 3,
      message: "does not exist"),
    Case(
      name: "1 × 100 000 picture", markdown: "![Un fil](fil.png)\n",
      files: ["fil.png": "png(1, 100000)"], line: 1, message: "is too large"),
    Case(
      name: "truncated PNG", markdown: "Avant.\n\n![Coupé](coupe.png)\n",
      files: ["coupe.png": "open('IMAGES/sentier.png','rb').read()[:4000]"], line: 3,
      message: "truncated"),
    Case(
      name: "SVG with an external reference",
      markdown: "![Dehors](dehors.svg)\n",
      files: [
        "dehors.svg":
          "b'<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\"><image xlink:href=\"http://example.org/a.png\" width=\"10\" height=\"10\"/></svg>'"
      ], line: 1, message: "outside itself, which is refused"),
    Case(
      name: "SVG entity bomb", markdown: "Texte.\n![Bombe](bombe.svg)\n",
      files: [
        "bombe.svg":
          "b'<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><text>&b;</text></svg>'"
      ], line: 2, message: "declares entities"),
    Case(
      name: "SVG text in a font the pack lacks", markdown: "![Arial](arial.svg)\n",
      files: [
        "arial.svg":
          "b'<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"10\"><text font-family=\"Arial\" y=\"8\">Texte</text></svg>'"
      ], line: 1, message: "which is not among the document's fonts"),
    Case(
      name: "a character the font lacks", markdown: "Texte.\n\n- un 🎉 point\n", line: 3,
      message: "the character 🎉 (U+1F389) is not in the font Inter"),
    Case(
      name: "a link to nowhere", markdown: "Voir [ici](#nulle-part).\n", line: 1,
      message: "the link goes to #nulle-part"),
  ]

  /// A year whose pack holds `t.md` after the introduction, with `files` beside it.
  func year(_ markdown: String, files: [String: String]) throws -> String {
    let data = try packFolder(
      list: "sections:\n  - introduction\n  - markdown: t.md\n    title: Texte\n",
      extra: ["t.md": markdown])
    let year = data + "/2019"
    for (name, expression) in files {
      let script = """
        import struct, zlib
        def chunk(kind, body):
            return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff)
        def png(width, height):
            raw = b''.join(b'\\x00' + b'\\xff' * width for _ in range(height))
            return (b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 0, 0, 0, 0))
                + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
        open('\(year)/\(name)', 'wb').write(\(expression.replacingOccurrences(of: "IMAGES", with: Repository.path("data/2019/images"))))
        """
      let made = try run("python3", ["-c", script])
      #expect(made.status == 0, "\(made.stderr)")
    }
    return data
  }

  @Test(arguments: cases)
  func aBrokenTextOrPictureGivesItsLineExitOneAndNoFile(_ broken: Case) throws {
    let data = try year(broken.markdown, files: broken.files)
    let output = try temporaryFolder("report-output")
    let result = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(result.status == 1, "\(result.stderr)")
    let location = "\(data)/2019/t.md:\(broken.line):"
    #expect(
      result.stderr.split(separator: "\n").contains {
        $0.hasPrefix(location) && $0.contains(broken.message)
      }, "expected \(location) … \(broken.message) in:\n\(result.stderr)")
    #expect(result.stderr.contains("hint: "))
    #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty)
  }

  @Test func unclosedEmphasisAndOddMarkdownGiveASanePack() throws {
    let data = try year(
      "Un *texte sans fin et un **gras\n\n* * *\n\n- \n\n1.\n\n>\n\n| a |\n|---|\n\n``` \ncode\n```\n",
      files: [:])
    let output = try temporaryFolder("report-output")
    let result = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(result.status == 0, "\(result.stderr)")
    let pdf = output + "/2019/dossier-ag-2019.pdf"
    #expect(try text(of: pdf).contains("Un *texte sans fin et un **gras"))
    #expect(try pdfProblems(pdf).isEmpty)
  }

  @Test func aTransparentSVGIsFlattenedForTheArchivesAndPassesPreflight() throws {
    let data = try year(
      "![Voile](voile.svg)\n",
      files: [
        "voile.svg":
          "b'<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\"><rect width=\"200\" height=\"100\" fill=\"#2D7D9A\"/><circle cx=\"100\" cy=\"50\" r=\"40\" fill=\"#E07A1F\" fill-opacity=\"0.5\"/><text x=\"10\" y=\"90\" font-family=\"Inter\">Voile</text></svg>'"
      ])
    let output = try temporaryFolder("report-output")
    let ordinary = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(ordinary.status == 0, "\(ordinary.stderr)")
    let archival = try report(
      ["generate", "--year", "2019", "--data", data, "--output", output, "--pdfa"])
    #expect(archival.status == 0, "\(archival.stderr)")
    let pdfa = output + "/2019/dossier-ag-2019-pdfa.pdf"
    let preflight = try Preflight.validate(pdfa)
    #expect(
      preflight.stdout.contains("is a valid PDF/A-1b file"),
      "\(preflight.stdout)\(preflight.stderr)")
    // The ordinary file keeps the vectors (with their transparency); the archival
    // one has the picture flattened, an opaque image.
    let images = try run("pdfimages", ["-list", pdfa]).stdout
    #expect(images.split(separator: "\n").count == 3, "\(images)")
    let plain = try run("pdfimages", ["-list", output + "/2019/dossier-ag-2019.pdf"]).stdout
    #expect(plain.split(separator: "\n").count == 2, "\(plain)")
  }
}
