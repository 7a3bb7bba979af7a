import Foundation
import TestSupport
import Testing

/// An independent reading of any FEC of the fixtures, to the cent.
///
/// The header's columns are found by name in any case, tab or bar separators, any line
/// end, fields trimmed, bytes read as Latin-1 (the columns summed are ASCII). Class 6 (debit − credit) and class 7 (credit − debit) in
/// cents, for entries dated from `from` to `through` (`yyyymmdd`).
func independentClassTotals(_ path: String, from: Int = 0, through: Int) throws -> (
  charges: Int64, products: Int64
) {
  let data = try Data(contentsOf: URL(fileURLWithPath: path))
  let text = String(decoding: data.map { UInt16($0) }, as: UTF16.self)
  let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
    .map(String.init).filter { !$0.isEmpty }
  let separator: Character = lines[0].contains("\t") ? "\t" : "|"
  func fields(_ line: String) -> [String] {
    line.split(separator: separator, omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
  }
  let header = fields(lines[0]).map { $0.lowercased() }
  func column(_ name: String) -> Int { header.firstIndex(of: name.lowercased()) ?? -1 }
  let (date, account, debit, credit) = (
    column("EcritureDate"), column("CompteNum"), column("Debit"), column("Credit")
  )
  func cents(_ text: String) -> Int64 {
    let parts = text.split(separator: ",")
    let units = Int64(parts.first ?? "0") ?? 0
    let fraction = parts.count > 1 ? Int64(parts[1].prefix(2)) ?? 0 : 0
    return units * 100 + fraction
  }
  var charges: Int64 = 0
  var products: Int64 = 0
  for line in lines.dropFirst() {
    let cells = fields(line)
    guard cells.count > max(date, account, debit, credit), let day = Int(cells[date]),
      day >= from, day <= through
    else { continue }
    let amount = cents(cells[debit]) - cents(cells[credit])
    if cells[account].hasPrefix("6") { charges += amount }
    if cells[account].hasPrefix("7") { products -= amount }
  }
  return (charges, products)
}

/// "1 579 808,56 €" as the exports write it (with cents), spaces folded.
func eurosWithCents(_ cents: Int64) -> String {
  let magnitude = cents < 0 ? -cents : cents
  let whole = euros(magnitude / 100 * 100)  // "1 579 808 €"
  let rest = magnitude % 100
  return (cents < 0 ? "−" : "") + whole.dropLast(2) + "," + (rest < 10 ? "0" : "")
    + String(rest) + " €"
}

/// The JSON printed on stdout, as a dictionary.
func jsonObject(_ output: ProcessOutput) throws -> [String: Any] {
  let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
  return try #require(object as? [String: Any], "not a JSON object: \(output.stdout)")
}

/// A copy of the 2019 data whose `fec/` holds the given fixtures (name in the folder →
/// fixture path), and optionally a budget spreadsheet.
func dataFolder(fec files: [String: String], budget: String? = nil, as name: String? = nil)
  throws -> String
{
  let data = try dataFolder()
  try FileManager.default.createDirectory(
    atPath: data + "/2019/fec", withIntermediateDirectories: true)
  for (name, fixture) in files {
    try FileManager.default.copyItem(atPath: fixture, toPath: data + "/2019/fec/" + name)
  }
  if let budget {
    let target = name ?? (budget.split(separator: "/").last.map(String.init) ?? budget)
    try FileManager.default.copyItem(atPath: budget, toPath: data + "/2019/" + target)
  }
  return data
}

@Suite struct FiscalExportTests {
  let accounting = Repository.path("Tests/Fixtures/accounting")
  var real: String { accounting + "/123456789FEC20190831.txt" }
  var calendar: String { accounting + "/fec-2019.txt" }

  /// Cuts fec-2019.txt after a day: a FEC exported earlier in the year.
  func calendarFEC(through day: Int, name: String) throws -> String {
    let text = try String(contentsOfFile: calendar, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let kept =
      [lines[0]]
      + lines.dropFirst().filter { line in
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        return fields.count > 3 && (Int(fields[3]) ?? 0) <= day
      }
    let path = try temporaryFolder("report-fec") + "/" + name
    try (kept.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  // MARK: - Fiscal years

  @Test func aSeptemberToAugustYearIsExportedByItsMonthsToTheCent() throws {
    // Every quirk at once: legal name closing on 31 August, 22 columns in mixed case,
    // `|` with padding and a trailing separator, CR CR LF, Windows-1252 bytes,
    // EcritureNum 0, lower-case journals, zero-padded amounts. Found in fec/ by itself.
    let data = try dataFolder(fec: ["123456789FEC20190831.txt": real])
    let output = try temporaryFolder("report-export")
    let result = try report([
      "generate", "--year", "2019", "--month", "3", "--data", data, "--output", output, "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try jsonObject(result)
    #expect(json["ok"] as? Bool == true)
    let file = try #require((json["files"] as? [[String: Any]])?.first)
    #expect(file["month"] as? String == "2019-03")
    let period = file["fiscal_year"] as? [String: Any]
    #expect(period?["name"] as? String == "2018-2019")
    #expect(period?["start"] as? String == "2018-09-01")
    #expect(period?["elapsed"] as? Int == 7)
    #expect((file["fec"] as? String)?.hasSuffix("/2019/fec/123456789FEC20190831.txt") == true)
    #expect(file["last_entry_date"] as? String == "2019-08-31")
    // September 2018 to March 2019, summed by another reading of the bytes.
    let expected = try independentClassTotals(real, from: 20_180_901, through: 20_190_331)
    let charges = file["charges"] as? [String: Any]
    let products = file["products"] as? [String: Any]
    #expect(charges?["actual"] as? String == Self.decimal(expected.charges))
    #expect(products?["actual"] as? String == Self.decimal(expected.products))
    let pdf = output + "/2019/suivi-2019-03.pdf"
    #expect(try pdfProblems(pdf).isEmpty)
    let content = try text(of: pdf)
    #expect(content.contains("Suivi budgétaire au 31 mars 2019, exercice 2018-2019"))
    #expect(content.contains("7 mois sur 12 de l’exercice"))
    #expect(content.contains("Dernière écriture de l’export comptable : 31 août 2019."))
    #expect(
      content.contains(
        "Total des charges de l’export (classe 6) — — " + eurosWithCents(expected.charges)),
      "\(content.prefix(1500))")
    #expect(
      content.contains(
        "Total des produits de l’export (classe 7) — — " + eurosWithCents(expected.products)))
  }

  @Test func allMonthsWalksTheFiscalYearInOrder() throws {
    let output = try temporaryFolder("report-export")
    let result = try report([
      "generate", "--year", "2019", "--all-months", "--fec", real, "--output", output, "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let months = (try jsonObject(result)["files"] as? [[String: Any]])?.compactMap {
      $0["month"] as? String
    }
    #expect(
      months == ["2018-09", "2018-10", "2018-11", "2018-12"]
        + (1...8).map { String(format: "2019-%02d", $0) })
    // August, the closing month: the whole year, equal to the independent sum.
    let expected = try independentClassTotals(real, through: 20_190_831)
    let august = try text(of: output + "/2019/suivi-2019-08.pdf")
    #expect(august.contains("Suivi budgétaire au 31 août 2019, exercice 2018-2019"))
    #expect(august.contains("12 mois sur 12"))
    #expect(august.contains(eurosWithCents(expected.charges)))
  }

  @Test func aLongerFirstYearSaysSoAndProratesOverItsMonths() throws {
    // Closing on 31 December 2019 with entries from 1 September 2018: sixteen months.
    let fec = try temporaryFolder("report-fec") + "/123456789FEC20191231.txt"
    try FileManager.default.copyItem(atPath: real, toPath: fec)
    let output = try temporaryFolder("report-export")
    let result = try report([
      "generate", "--year", "2019", "--month", "3", "--fec", fec, "--output", output, "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let file = (try jsonObject(result)["files"] as? [[String: Any]])?.first
    let period = file?["fiscal_year"] as? [String: Any]
    #expect(period?["months"] as? Int == 16)
    #expect(period?["elapsed"] as? Int == 7)
    let content = try text(of: output + "/2019/suivi-2019-03.pdf")
    #expect(
      content.contains("Exercice de 16 mois et non de 12, du 1 septembre 2018 au 31 décembre 2019"))
    #expect(content.contains("7 mois sur 16 de l’exercice"))
    // 7/16 of the 1 620 000 € of charges, line by line.
    #expect(
      (file?["charges"] as? [String: Any])?["prorated"] as? String == "708750.00",
      "\(file ?? [:])")
  }

  @Test func aCalendarYearKeepsItsTitle() throws {
    let output = try temporaryFolder("report-export")
    let result = try report([
      "generate", "--year", "2019", "--month", "6", "--fec", calendar, "--output", output,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let content = try text(of: output + "/2019/suivi-2019-06.pdf")
    #expect(content.contains("Suivi budgétaire au 30 juin 2019 Exécution"))
    #expect(!content.contains("exercice 2019"))
    #expect(content.contains("6 mois sur 12 de l’exercice"))
  }

  @Test func aLineBookedAtClosingIsNotBehindItsBudgetInJune() throws {
    let data = try dataFolder {
      $0.replacingOccurrences(
        of: #"{ account: "68", label: "Dotations aux amortissements", amount: 18000 }"#,
        with:
          #"{ account: "68", label: "Dotations aux amortissements", amount: 18000, profile: closing }"#
      )
    }
    let output = try temporaryFolder("report-export")
    let result = try report([
      "generate", "--year", "2019", "--month", "6", "--fec", calendar, "--data", data,
      "--output", output, "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let content = try text(of: output + "/2019/suivi-2019-06.pdf")
    // Linear prorating said −9 000,00 € for an account booked only at closing.
    #expect(content.contains("68 Dotations aux amortissements 18 000,00 € 0,00 € 0 % 0,00 €"))
    #expect(!content.contains("−9 000,00 €"))
    let charges = (try jsonObject(result)["files"] as? [[String: Any]])?.first?["charges"]
    #expect((charges as? [String: Any])?["prorated"] as? String == "801000.00")
  }

  // MARK: - Key figures

  @Test func theKeyFiguresAreTheTablesFiguresAndAddUpToTheFEC() throws {
    let output = try temporaryFolder("report-export")
    let result = try report([
      "generate", "--year", "2019", "--month", "8", "--fec", real, "--output", output, "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let file = try #require((try jsonObject(result)["files"] as? [[String: Any]])?.first)
    let charges = try #require(file["charges"] as? [String: String])
    func cents(_ text: String?) -> Int64 {
      Int64((text ?? "").replacingOccurrences(of: ".", with: "")) ?? -1
    }
    let lines = cents(charges["lines"])
    let off = cents(charges["off_budget"])
    let total = cents(charges["actual"])
    #expect(off > 0)  // the fixture books 671 and 678 outside the budget
    #expect(lines + off == total)
    let content = try text(of: output + "/2019/suivi-2019-08.pdf")
    // The charges lines: the same figure in the key figures and the table's total.
    #expect(content.contains("Charges des lignes du budget 1 620 000,00 € "))
    #expect(
      content.components(separatedBy: eurosWithCents(lines)).count - 1 >= 2,
      "the lines' actual appears in the key figures and as the table's total")
    #expect(content.contains("Total des charges 1 620 000,00 € " + eurosWithCents(lines)))
    // Hors budget: with cents like every amount, the same in both places.
    #expect(content.contains("Charges hors budget — — " + eurosWithCents(off)))
    #expect(content.contains("Total des charges hors budget " + eurosWithCents(off)))
    #expect(
      content.contains("Total des charges de l’export (classe 6) — — " + eurosWithCents(total)))
  }

  // MARK: - Which file, and how old

  @Test func theFECIsChosenByItsEntriesAndAStaleOneIsSaid() throws {
    let march = try calendarFEC(through: 20_190_331, name: "FEC_mars.txt")
    let june = try calendarFEC(through: 20_190_630, name: "FEC_juin.txt")
    // By name, FEC_mars.txt comes last; its entries stop earlier.
    let data = try dataFolder(fec: ["FEC_mars.txt": march, "FEC_juin.txt": june])
    let output = try temporaryFolder("report-export")
    let result = try report([
      "generate", "--year", "2019", "--month", "9", "--data", data, "--output", output, "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try jsonObject(result)
    let file = try #require((json["files"] as? [[String: Any]])?.first)
    #expect((file["fec"] as? String)?.hasSuffix("FEC_juin.txt") == true)
    #expect((file["fec_choice"] as? String)?.contains("the latest entries") == true)
    let last = try #require(file["last_entry_date"] as? String)
    #expect(last.hasPrefix("2019-06"))
    #expect((file["stale"] as? String)?.contains("last entry is dated \(last)") == true)
    #expect((json["warnings"] as? [String])?.contains { $0.contains("last entry") } == true)
    #expect(result.stderr.contains("warning: the accounting export's last entry is dated \(last)"))
    let content = try text(of: output + "/2019/suivi-2019-09.pdf")
    #expect(content.contains("FEC_juin.txt"))
    #expect(content.contains("Retenu parmi les 2 fichiers du dossier pour ses écritures"))
    #expect(content.contains("Attention : la dernière écriture de l’export comptable est du"))
    #expect(content.contains("Ce suivi au 30 septembre 2019 ne montre rien après cette date"))

    // For cron, --strict makes it an error: exit 1, nothing written, the JSON says why.
    let strictOutput = try temporaryFolder("report-export")
    let strict = try report([
      "generate", "--year", "2019", "--month", "9", "--data", data, "--output", strictOutput,
      "--json", "--strict",
    ])
    #expect(strict.status == 1)
    let failure = try jsonObject(strict)
    #expect(failure["ok"] as? Bool == false)
    let problem = (failure["problems"] as? [[String: Any]])?.first
    #expect((problem?["message"] as? String)?.contains("last entry is dated") == true)
    #expect((problem?["file"] as? String)?.hasSuffix("FEC_juin.txt") == true)
    #expect(!FileManager.default.fileExists(atPath: strictOutput + "/2019"))
    // A month the file covers is not stale.
    let fresh = try report([
      "generate", "--year", "2019", "--month", "6", "--data", data, "--output", strictOutput,
      "--strict",
    ])
    #expect(fresh.status == 0, "\(fresh.stderr)")
  }

  @Test(arguments: [["--month", "6"], ["--all-months"]])
  func aFECWithoutEntriesGivesNoExportWhateverIsAsked(_ asked: [String]) throws {
    let empty = accounting + "/fec-header-only.txt"
    let output = try temporaryFolder("report-export")
    let result = try report(
      ["generate", "--year", "2019", "--fec", empty, "--output", output, "--json"] + asked)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("\(empty): warning: the accounting export has no entries"))
    let json = try jsonObject(result)
    #expect((json["files"] as? [Any])?.isEmpty == true)
    #expect(!FileManager.default.fileExists(atPath: output + "/2019"))
    let strict = try report(
      ["generate", "--year", "2019", "--fec", empty, "--output", output, "--strict"] + asked)
    #expect(strict.status == 1)
  }

  @Test func aFECOfAnotherYearSaysOnceWhichYearItCoversAndTheCommandThatWorks() throws {
    let data = try dataFolder()
    try FileManager.default.copyItem(atPath: data + "/2019", toPath: data + "/2020")
    let output = try temporaryFolder("report-export")
    let result = try report([
      "generate", "--year", "2020", "--month", "6", "--fec", calendar, "--data", data,
      "--output", output, "--json",
    ])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "error: EcritureDate: every line is outside the fiscal year 2020 (2020-01-01 – 2020-12-31): its entries are dated 2019-01-01 to 2019-12-31"
      ), "\(result.stderr)")
    #expect(
      result.stderr.contains("hint: this FEC is of another year: run the command with --year 2019"))
    #expect(!result.stderr.contains("more problem"))
    #expect(result.stderr.components(separatedBy: "error:").count == 2)
    let problems = try jsonObject(result)["problems"] as? [[String: Any]]
    #expect(problems?.count == 1)
    // A legal name says its fiscal year: the same one message, naming it.
    let legal = try report([
      "generate", "--year", "2020", "--month", "6", "--fec", real, "--data", data,
      "--output", output,
    ])
    #expect(legal.status == 1)
    #expect(
      legal.stderr.contains(
        "error: the file covers the fiscal year 2018-2019 (2018-09-01 – 2019-08-31), not 2020"),
      "\(legal.stderr)")
    #expect(legal.stderr.contains("hint: run the command with --year 2019"))
    #expect(legal.stderr.components(separatedBy: "error:").count == 2)
    #expect(!FileManager.default.fileExists(atPath: output + "/2020"))
    // And the command it names works.
    let fixed = try report([
      "generate", "--year", "2019", "--month", "6", "--fec", calendar, "--data", data,
      "--output", output,
    ])
    #expect(fixed.status == 0, "\(fixed.stderr)")
  }

  // MARK: - JSON for cron

  @Test func aFailedRunStillPrintsJSONWithEveryProblem() throws {
    let output = try temporaryFolder("report-export")
    let broken = accounting + "/fec-bad-amount.txt"
    let result = try report([
      "generate", "--year", "2019", "--month", "6", "--fec", broken, "--output", output, "--json",
    ])
    #expect(result.status == 1)
    let json = try jsonObject(result)
    #expect(json["ok"] as? Bool == false)
    let problems = try #require(json["problems"] as? [[String: Any]])
    #expect(!problems.isEmpty)
    for problem in problems {
      #expect(problem["file"] as? String == broken)
      #expect(problem["line"] as? Int != nil)
      #expect(problem["message"] as? String != nil)
      #expect(problem["severity"] as? String == "error")
    }
    #expect(problems.contains { $0["column"] as? Int != nil && $0["hint"] as? String != nil })
    #expect(problems.contains { $0["field"] as? String != nil })

    // A spreadsheet's problem names its cell.
    let data = try dataFolder(
      fec: [:], budget: accounting + "/budget-merged-header.xlsx", as: "budget.xlsx")
    let sheet = try report([
      "generate", "--year", "2019", "--month", "6", "--fec", calendar, "--data", data,
      "--output", output, "--json",
    ])
    #expect(sheet.status == 1)
    let cell = (try jsonObject(sheet)["problems"] as? [[String: Any]])?.first
    #expect((cell?["file"] as? String)?.hasSuffix("budget.xlsx") == true)
    #expect((cell?["cell"] as? String)?.isEmpty == false, "\(sheet.stdout)")

    // Even a usage error gives an object to read.
    let usage = try report(["generate", "--year", "2019", "--month", "13", "--json"])
    #expect(usage.status == 2)
    #expect(try jsonObject(usage)["ok"] as? Bool == false)
    // And a success says so.
    let success = try report([
      "generate", "--year", "2019", "--month", "6", "--fec", calendar, "--output", output,
      "--json",
    ])
    #expect(try jsonObject(success)["ok"] as? Bool == true)
  }

  @Test func latestMakesDecemberOnTheSecondOfJanuaryWhateverTheDate() throws {
    // The newest FEC ends on 31 December 2019; a 2020 folder exists with no FEC yet.
    let data = try dataFolder(fec: ["123456789FEC20191231.txt": calendar])
    try FileManager.default.createDirectory(
      atPath: data + "/2020", withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: data + "/2019/report.yaml", toPath: data + "/2020/report.yaml")
    let output = try temporaryFolder("report-export")
    let result = try report([
      "generate", "--latest", "--json", "--data", data, "--output", output,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let file = (try jsonObject(result)["files"] as? [[String: Any]])?.first
    #expect(file?["month"] as? String == "2019-12")
    // Why the file was chosen, as for any export (no --fec was given).
    let choice = file?["fec_choice"] as? String
    #expect(choice != nil && choice?.contains("--fec") == false, "\(String(describing: choice))")
    #expect(FileManager.default.fileExists(atPath: output + "/2019/suivi-2019-12.pdf"))
    // --latest finds the year and month itself.
    #expect(try report(["generate", "--latest", "--year", "2019", "--data", data]).status == 2)
    #expect(try report(["generate", "--data", data]).status == 2)
  }

  // MARK: - Budget spreadsheets

  @Test func budgetXLSXAndODSGiveTheSamePackAsTheCSVByteForByte() throws {
    var packs: [String: Data] = [:]
    var exports: [String: Data] = [:]
    for name in ["budget-semicolon.csv", "budget.xlsx", "budget.ods"] {
      let target = "budget." + (name.split(separator: ".").last.map(String.init) ?? "")
      let data = try dataFolder(fec: [:], budget: accounting + "/" + name, as: target)
      let output = try temporaryFolder("report-output")
      let pack = try report(["generate", "--year", "2019", "--data", data, "--output", output])
      #expect(pack.status == 0, "\(name): \(pack.stderr)")
      packs[name] = try Data(contentsOf: URL(fileURLWithPath: output + "/2019/dossier-ag-2019.pdf"))
      let export = try report([
        "generate", "--year", "2019", "--month", "6", "--fec", calendar, "--data", data,
        "--output", output, "--json",
      ])
      #expect(export.status == 0, "\(name): \(export.stderr)")
      #expect(
        try jsonObject(export)["budget_source"] as? String
          == "budget lines from \(target), 19 lines")
      exports[name] = try Data(
        contentsOf: URL(fileURLWithPath: output + "/2019/suivi-2019-06.pdf"))
      let validate = try report(["validate", "--year", "2019", "--data", data])
      #expect(validate.status == 0, "\(name): \(validate.stderr)")
      #expect(validate.stdout.contains("budget lines from \(target), 19 lines"))
    }
    #expect(packs["budget.xlsx"] == packs["budget-semicolon.csv"])
    #expect(packs["budget.ods"] == packs["budget-semicolon.csv"])
    #expect(exports["budget.xlsx"] == exports["budget-semicolon.csv"])
    #expect(exports["budget.ods"] == exports["budget-semicolon.csv"])
  }

  @Test(arguments: [
    // budget-text-amount.xlsx is read now: its text "32000.0 €" is an amount (one rule).
    ("budget-merged-header.xlsx", "budget.xlsx"),
    ("budget-merged-header.ods", "budget.ods"), ("budget-empty.xlsx", "budget.xlsx"),
    ("budget-empty.ods", "budget.ods"), ("budget-encrypted.xlsx", "budget.xlsx"),
    ("budget-corrupt.xlsx", "budget.xlsx"),
  ])
  func aBadSpreadsheetIsRefusedWithNothingWritten(_ fixture: String, _ name: String) throws {
    let data = try dataFolder(fec: [:], budget: accounting + "/" + fixture, as: name)
    let output = try temporaryFolder("report-output")
    for arguments in [
      ["generate", "--year", "2019"],
      ["generate", "--year", "2019", "--month", "6", "--fec", calendar],
    ] {
      let result = try report(arguments + ["--data", data, "--output", output])
      #expect(result.status == 1, "\(fixture): \(result.stderr)")
      #expect(result.stderr.hasPrefix(data + "/2019/" + name + ":"), "\(fixture): \(result.stderr)")
      #expect(result.stderr.contains("error:"))
      #expect(!FileManager.default.fileExists(atPath: output + "/2019"))
    }
    #expect(try report(["validate", "--year", "2019", "--data", data]).status == 1)
  }

  /// "1234.56" for 123456 cents.
  static func decimal(_ cents: Int64) -> String {
    let magnitude = cents.magnitude
    return (cents < 0 ? "-" : "") + "\(magnitude / 100)." + (magnitude % 100 < 10 ? "0" : "")
      + "\(magnitude % 100)"
  }
}
