import Foundation
import TestSupport
import Testing

/// An independent reading of a tab-separated FEC: class 6 (debit − credit) and
/// class 7 (credit − debit) totals in cents, and every class 6/7 account, for
/// entries dated up to the end of `month`.
func independentTotals(_ path: String, month: Int) throws -> (
  charges: Int64, products: Int64, accounts: Set<String>
) {
  let text = try String(contentsOfFile: path, encoding: .utf8)
  var charges: Int64 = 0
  var products: Int64 = 0
  var accounts: Set<String> = []
  for line in text.split(separator: "\n").dropFirst() {
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    guard fields.count >= 13, let date = Int(fields[3]), (date / 100) % 100 <= month else {
      continue
    }
    func cents(_ text: String) -> Int64 {
      let parts = text.replacingOccurrences(of: ",", with: ".").split(separator: ".")
      let units = Int64(parts.first ?? "0") ?? 0
      let fraction =
        parts.count > 1 ? Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0 : 0
      return units * 100 + fraction
    }
    let debit = cents(fields[11])
    let credit = cents(fields[12])
    if fields[4].hasPrefix("6") {
      charges += debit - credit
      accounts.insert(fields[4])
    } else if fields[4].hasPrefix("7") {
      products += credit - debit
      accounts.insert(fields[4])
    }
  }
  return (charges, products, accounts)
}

@Suite struct ExportTests {
  let fec = Repository.path("Tests/Fixtures/accounting/fec-2019.txt")

  func export(month: Int, output: String) throws -> (ProcessOutput, [String: Any]) {
    let result = try report([
      "generate", "--year", "2019", "--month", String(month), "--fec", fec, "--output", output,
      "--json",
    ])
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    return (result, json ?? [:])
  }

  @Test func theExportsTotalsEqualAnIndependentReadingToTheCent() throws {
    let output = try temporaryFolder("report-export")
    let (result, json) = try export(month: 6, output: output)
    #expect(result.status == 0, "\(result.stderr)")
    let file = (json["files"] as? [[String: Any]])?.first
    #expect(file?["path"] as? String == output + "/2019/suivi-2019-06.pdf")
    #expect(file?["month"] as? String == "2019-06")
    let expected = try independentTotals(fec, month: 6)
    func cents(_ value: Any?) -> Int64? {
      (value as? String).flatMap { Int64($0.replacingOccurrences(of: ".", with: "")) }
    }
    let charges = file?["charges"] as? [String: Any]
    let products = file?["products"] as? [String: Any]
    #expect(cents(charges?["actual"]) == expected.charges)
    #expect(cents(products?["actual"]) == expected.products)
    // The same figures are printed: lines + off budget = everything in classes 6 and 7.
    let content = try text(of: output + "/2019/suivi-2019-06.pdf")
    #expect(try pdfProblems(output + "/2019/suivi-2019-06.pdf").isEmpty)
    #expect(content.contains("Suivi budgétaire au 30 juin 2019"))
    let offBudget = cents((file?["off_budget_charges"])) ?? 0
    #expect(
      content.contains("Total des charges 1 620 000,00 € " + euros(expected.charges - offBudget)))
    #expect(content.contains("Hors budget"))
  }

  /// The 2019 export rewritten as another accounting program writes it.
  func variant(separator: String, lineEnd: String, encoding: String.Encoding, bom: Bool) throws
    -> String
  {
    let original = try String(contentsOfFile: fec, encoding: .utf8)
    let rewritten = original.replacingOccurrences(of: "\t", with: separator)
      .replacingOccurrences(of: "\n", with: lineEnd)
    var data = (bom ? Data([0xEF, 0xBB, 0xBF]) : Data())
    if encoding == .utf8 {
      data += Data(rewritten.utf8)
    } else {
      // ISO-8859-15 by hand: € is 0xA4; what it lacks (’, —) becomes "?".
      data += Data(
        rewritten.unicodeScalars.map { scalar in
          scalar == "€" ? 0xA4 : scalar.value < 256 ? UInt8(scalar.value) : 0x3F
        })
    }
    let path = try temporaryFolder("report-fec") + "/FEC2019.txt"
    try data.write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test(arguments: [
    ("|", "\r\n", String.Encoding.isoLatin1, false), ("|", "\n", String.Encoding.utf8, true),
    ("\t", "\r\n", String.Encoding.utf8, true), ("\t", "\n", String.Encoding.isoLatin1, false),
  ])
  func everyRealFormatGivesTheSameTotals(
    separator: String, lineEnd: String, encoding: String.Encoding, bom: Bool
  ) throws {
    let file = try variant(separator: separator, lineEnd: lineEnd, encoding: encoding, bom: bom)
    let output = try temporaryFolder("report-export")
    let result = try report([
      "generate", "--year", "2019", "--month", "9", "--fec", file, "--output", output, "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let exported = (json?["files"] as? [[String: Any]])?.first
    // The variant holds the same entries as the original: its independent totals.
    let expected = try independentTotals(fec, month: 9)
    let charges = (exported?["charges"] as? [String: Any])?["actual"] as? String
    let products = (exported?["products"] as? [String: Any])?["actual"] as? String
    #expect(
      charges.flatMap { Int64($0.replacingOccurrences(of: ".", with: "")) } == expected.charges)
    #expect(
      products.flatMap { Int64($0.replacingOccurrences(of: ".", with: "")) } == expected.products)
  }

  @Test func aBudgetSpreadsheetReplacesTheYearFilesLines() throws {
    let data = try dataFolder()
    // The spreadsheet moves 1 000 € from Achats to Services extérieurs.
    let csv = """
      section;account;label;amount;regional
      charges;60;Achats (tableur);47 000,00;non
      charges;61;Services extérieurs;97 000,00;
      charges;62;Autres services extérieurs;214 600,00;
      charges;63;Impôts et taxes;32 000,00;
      charges;64;Charges de personnel;653 000,00;
      charges;65;Autres charges de gestion courante;38 000,00;
      charges;6571;Reversements aux associations régionales;438 400,00;oui
      charges;6572;Actions des acteurs de chantiers et de la formation;80 000,00;oui
      charges;66;Charges financières;2 000,00;
      charges;68;Dotations aux amortissements;18 000,00;
      products;706;Prestations de formation;1 620 000,00;

      """
    try Data(csv.utf8).write(to: URL(fileURLWithPath: data + "/2019/budget.csv"))
    let output = try temporaryFolder("report-output")
    let pack = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(pack.status == 0, "\(pack.stderr)")
    let content = try text(of: output + "/2019/dossier-ag-2019.pdf")
    #expect(try pdfProblems(output + "/2019/dossier-ag-2019.pdf").isEmpty)
    #expect(content.contains("Achats (tableur) 47 000 €"))
    #expect(content.contains("Total des produits 1 620 000 €"))
    #expect(!content.contains("Fonds social européen"))
    let export = try report([
      "generate", "--year", "2019", "--data", data, "--month", "6", "--fec", fec, "--output",
      output,
    ])
    #expect(export.status == 0, "\(export.stderr)")
    #expect(
      try text(of: output + "/2019/suivi-2019-06.pdf").contains("Achats (tableur) 47 000,00 €"))
  }

  @Test func everyAccountAppearsUnderALineOrOffBudget() throws {
    let output = try temporaryFolder("report-export")
    let (result, _) = try export(month: 12, output: output)
    #expect(result.status == 0, "\(result.stderr)")
    let content = try text(of: output + "/2019/suivi-2019-12.pdf")
    #expect(try pdfProblems(output + "/2019/suivi-2019-12.pdf").isEmpty)
    let budgetAccounts = [
      "60", "61", "62", "63", "64", "65", "6571", "6572", "66", "68", "706", "741", "742", "743",
      "746", "756", "758", "76", "79",
    ]
    for account in try independentTotals(fec, month: 12).accounts {
      let covered = budgetAccounts.contains { account.hasPrefix($0) }
      if !covered {
        // Off budget: printed with its own number.
        #expect(content.contains(" " + account + " "), "account \(account) is missing")
      }
    }
  }

  @Test func allMonthsWritesOneExportPerMonthWithEntries() throws {
    let output = try temporaryFolder("report-export")
    let result = try report([
      "generate", "--year", "2019", "--all-months", "--fec", fec, "--output", output,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)  // quiet when stdout is not a terminal
    let files = try FileManager.default.contentsOfDirectory(atPath: output + "/2019").filter {
      $0.hasSuffix(".pdf")
    }.sorted()
    #expect(files == (1...12).map { String(format: "suivi-2019-%02d.pdf", $0) })
    for file in files {
      #expect(try pdfProblems(output + "/2019/" + file).isEmpty, "\(file)")
    }
    // Made in parallel, each export is the same, byte for byte, as when made alone.
    let alone = try temporaryFolder("report-export")
    let single = try report([
      "generate", "--year", "2019", "--month", "3", "--fec", fec, "--output", alone,
    ])
    #expect(single.status == 0)
    let parallel = try Data(contentsOf: URL(fileURLWithPath: output + "/2019/suivi-2019-03.pdf"))
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: alone + "/2019/suivi-2019-03.pdf")) == parallel)
  }

  @Test func aBrokenExportIsRefusedWithItsProblemsAndNoPDF() throws {
    let output = try temporaryFolder("report-export")
    for name in [
      "fec-bad-amount.txt", "fec-short-line.txt", "fec-unbalanced.txt", "fec-wrong-header.txt",
    ] {
      let broken = Repository.path("Tests/Fixtures/accounting/" + name)
      let result = try report([
        "generate", "--year", "2019", "--month", "6", "--fec", broken, "--output", output,
      ])
      #expect(result.status == 1, "\(name): \(result.stderr)")
      #expect(result.stderr.hasPrefix(broken + ":"), "\(name): \(result.stderr)")
      // Nothing is created in the output, not even the year's folder.
      #expect(!FileManager.default.fileExists(atPath: output + "/2019"))
    }
  }

  @Test func twoExportsOfTheSameInputAreByteIdentical() throws {
    let output = try temporaryFolder("report-export")
    _ = try export(month: 3, output: output)
    let first = try Data(contentsOf: URL(fileURLWithPath: output + "/2019/suivi-2019-03.pdf"))
    _ = try export(month: 3, output: output)
    #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/2019/suivi-2019-03.pdf")) == first)
  }

  @Test func aNameTheFontCannotDrawInTheAccountingFileIsRefused() throws {
    let original = try String(contentsOfFile: fec, encoding: .utf8)
    let file = try temporaryFolder("report-fec") + "/FEC.txt"
    try original.replacingOccurrences(
      of: "Chantier école Bretagne", with: "Chantier école Bretagne 🎉"
    )
    .write(toFile: file, atomically: true, encoding: .utf8)
    let output = try temporaryFolder("report-export")
    let result = try report([
      "generate", "--year", "2019", "--month", "12", "--fec", file, "--output", output,
    ])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("\(file): error: CompAuxLib BRE: the character 🎉"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output + "/2019"))
  }

  @Test func usageMistakesExitWithTwo() throws {
    #expect(try report(["generate", "--year", "2019", "--month", "13"]).status == 2)
    #expect(try report(["generate", "--year", "2019", "--month", "6", "--all-months"]).status == 2)
    #expect(try report(["generate", "--year", "2019", "--fec", fec]).status == 2)
  }

  @Test func aSecondRunWaitsForTheFirst() throws {
    let output = try temporaryFolder("report-lock")
    try FileManager.default.createDirectory(
      atPath: output + "/2019", withIntermediateDirectories: true)
    // Hold the folder's lock as another run would, then release it after a moment.
    let lock = open(output + "/2019", O_RDONLY | O_DIRECTORY)
    #expect(flock(lock, LOCK_EX) == 0)
    let started = Date()
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.6) {
      flock(lock, LOCK_UN)
      close(lock)
    }
    let result = try report(["generate", "--year", "2019", "--output", output])
    #expect(result.status == 0)
    #expect(Date().timeIntervalSince(started) >= 0.6)
  }
}
