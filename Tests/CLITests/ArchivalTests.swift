import Foundation
import ReportApp
import TestSupport
import Testing

/// Apache PDFBox's Preflight (Debian's libpdfbox2-java), the PDF/A-1b validator.
enum Preflight {
  static let jars = [
    "preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation",
    "jaxb-api",
  ]

  /// Validates a file; the validator's report.
  static func validate(_ pdf: String) throws -> ProcessOutput {
    let classPath = jars.map { "/usr/share/java/\($0).jar" }.joined(separator: ":")
    return try run(
      "java", ["-cp", classPath, "org.apache.pdfbox.preflight.Validator_A1b", pdf])
  }
}

@Suite(.serialized) struct ArchivalTests {
  let output: String
  let pdf: String
  let result: ProcessOutput

  init() throws {
    let run = try SharedRun.archivalPack.get()
    output = run.output
    result = run.result
    pdf = output + "/2019/dossier-ag-2019-pdfa.pdf"
  }

  @Test func pdfaIsWrittenBesideTheOrdinaryNameAndPassesPreflight() throws {
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: output + "/2019") == [
        "dossier-ag-2019-pdfa.pdf"
      ])
    let preflight = try Preflight.validate(pdf)
    #expect(preflight.status == 0, "\(preflight.stdout)\(preflight.stderr)")
    #expect(
      preflight.stdout.contains("The file dossier-ag-2019-pdfa.pdf is a valid PDF/A-1b file"),
      "\(preflight.stdout)\(preflight.stderr)")
    #expect(!preflight.stdout.contains("error"), "\(preflight.stdout)")
  }

  @Test func itIsPDF14TaggedInFrenchWithThePDFAIdentification() throws {
    let info = try run("pdfinfo", [pdf]).stdout
    #expect(info.contains("PDF version:     1.4"), "\(info)")
    #expect(info.contains("Tagged:          yes"))
    #expect(info.contains("Pages:           \(packPages)"))
    let xmp = try run("pdfinfo", ["-meta", pdf]).stdout
    #expect(xmp.contains("<pdfaid:part>1</pdfaid:part>"))
    #expect(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
    #expect(xmp.contains("<xmp:CreateDate>2019-06-14T00:00:00Z</xmp:CreateDate>"))
    let catalog = try qdf(pdf)
    #expect(catalog.contains("/Lang (fr-FR)"))
    #expect(catalog.contains("/S /GTS_PDFA1"))
    #expect(!catalog.contains("/S /Transparency"))
    #expect(catalog.components(separatedBy: "/CIDSet ").count - 1 == 3)
    #expect(catalog.components(separatedBy: "/CharSet (").count - 1 == 3)
  }

  @Test func itReadsAndPrintsAsTheOrdinaryPDF() throws {
    let ordinary = try SharedRun.pack.get()
    #expect(ordinary.result.status == 0)
    let plain = ordinary.output + "/2019/dossier-ag-2019.pdf"
    #expect(try text(of: pdf) == text(of: plain))
    // The ordinary file reports what it did before: PDF 1.5, tagged, French, no PDF/A.
    let info = try run("pdfinfo", [plain]).stdout
    #expect(info.contains("PDF version:     1.5"))
    #expect(info.contains("Tagged:          yes"))
    #expect(try qdf(plain).contains("/Lang (fr-FR)"))
    #expect(!(try run("pdfinfo", ["-meta", plain]).stdout.contains("pdfaid")))
    // Poppler draws the same pixels for both.
    let folder = try temporaryFolder("report-pixels")
    for (name, file) in [("a", pdf), ("o", plain)] {
      #expect(try run("pdftoppm", ["-r", "40", "-png", file, folder + "/" + name]).status == 0)
    }
    for page in 1...packPages {
      let archival = try Data(contentsOf: URL(fileURLWithPath: folder + "/a-\(page).png"))
      let usual = try Data(contentsOf: URL(fileURLWithPath: folder + "/o-\(page).png"))
      #expect(archival == usual, "page \(page) differs")
    }
    let problems = try pdfProblems(pdf) + artifactProblems(pdf)
    #expect(problems.isEmpty, "\(problems)")
  }

  @Test func aMissingColourProfileNamesThePackageAndWritesNothing() throws {
    let folder = try temporaryFolder("report-output")
    var application = Application(
      paths: Paths(
        data: Repository.path("data"), templates: Repository.path("templates"),
        fonts: Repository.path("fonts"), output: folder))
    application.engine.archival = true
    application.engine.colourProfile = folder + "/missing/sRGB.icc"
    #expect {
      _ = try application.pack(year: 2019)
    } throws: { error in
      guard let error = error as? RunError, error.kind == .fonts, error.exitCode == 1 else {
        return false
      }
      return error.description.contains(folder + "/missing/sRGB.icc")
        && error.description.contains("icc-profiles-free")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }

  @Test func aMonthlyExportInPDFAPassesPreflightToo() throws {
    // Another kind of document: a line chart, comparison bars, a table over two
    // pages, names from the accounting file.
    let folder = try temporaryFolder("report-output")
    let export = try report([
      "generate", "--year", "2019", "--month", "6", "--pdfa", "--fec",
      Repository.path("Tests/Fixtures/accounting/fec-2019.txt"), "--output", folder,
    ])
    #expect(export.status == 0, "\(export.stderr)")
    let file = folder + "/2019/suivi-2019-06-pdfa.pdf"
    let preflight = try Preflight.validate(file)
    #expect(
      preflight.stdout.contains("is a valid PDF/A-1b file"),
      "\(preflight.stdout)\(preflight.stderr)")
    #expect(try run("pdfinfo", [file]).stdout.contains("PDF version:     1.4"))
  }

  @Test func helpTellsAboutPDFA() throws {
    let help = try report(["generate", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("--pdfa"))
    #expect(help.stdout.contains("dossier-ag-<year>-pdfa.pdf"))
  }
}
