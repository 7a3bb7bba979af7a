import Foundation
import ReportModel
import TestSupport
import Testing

@testable import ReportApp

/// An independent reading of a tab-separated FEC: every debit and credit in cents, and
/// the totals per account.
func fecSums(_ path: String) throws -> (
  debit: Int64, credit: Int64, accounts: [String: (debit: Int64, credit: Int64)]
) {
  let text = try String(contentsOfFile: path, encoding: .utf8)
  var debit: Int64 = 0
  var credit: Int64 = 0
  var accounts: [String: (debit: Int64, credit: Int64)] = [:]
  for line in text.split(separator: "\n").dropFirst() {
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    guard fields.count >= 13 else { continue }
    func cents(_ text: String) -> Int64 {
      let parts = text.split(separator: ",")
      return (Int64(parts[0]) ?? 0) * 100 + (parts.count > 1 ? Int64(parts[1]) ?? 0 : 0)
    }
    let lineDebit = cents(fields[11])
    let lineCredit = cents(fields[12])
    debit += lineDebit
    credit += lineCredit
    let before = accounts[fields[4]] ?? (0, 0)
    accounts[fields[4]] = (before.debit + lineDebit, before.credit + lineCredit)
  }
  return (debit, credit, accounts)
}

/// An amount as the accounts print it: to the cent, without the currency, spaces folded.
func plain(_ cents: Int64) -> String {
  let text = euros(cents.magnitude < 100 ? 0 : Int64(cents.magnitude) / 100 * 100)
  let units = String(text.dropLast(2))
  let rest = Int64(cents.magnitude) % 100
  return (cents < 0 ? "\u{2212}" : "") + units + "," + (rest < 10 ? "0" : "") + String(rest)
}

@Suite(.serialized) struct AccountsDocumentTests {
  static let fec = Repository.path("data/2018/fec/422917534FEC20181231.txt")

  static let run = Result { () throws -> (output: String, result: ProcessOutput) in
    let output = try temporaryFolder("report-accounts")
    return (output, try report(["generate", "--year", "2018", "--accounts", "--output", output]))
  }

  @Test func theResultIsProductsMinusChargesOfTheFEC() throws {
    let (output, result) = try Self.run.get()
    #expect(result.status == 0, "\(result.stderr)")
    let pdf = output + "/2018/comptes-2018.pdf"
    let text = try text(of: pdf)
    let sums = try fecSums(Self.fec)
    var expected: Int64 = 0
    for (account, total) in sums.accounts {
      if account.hasPrefix("6") { expected -= total.debit - total.credit }
      if account.hasPrefix("7") { expected += total.credit - total.debit }
    }
    #expect(expected == 428_617)
    #expect(text.contains("Exercice du 1er janvier 2018 au 31 décembre 2018"))
    #expect(text.contains("Excédent ou déficit \(plain(expected))"))
    #expect(try pdfProblems(pdf).isEmpty)
  }

  @Test func theBalanceListsEveryAccountOnceAndTotalsTheFEC() throws {
    let (output, _) = try Self.run.get()
    let text = try text(of: output + "/2018/comptes-2018.pdf")
    let sums = try fecSums(Self.fec)
    #expect(sums.debit == sums.credit)
    #expect(text.contains("Total général \(plain(sums.debit)) \(plain(sums.credit))"))
    let words = text.split(separator: " ").map(String.init)
    for (account, total) in sums.accounts where account.hasPrefix("6") || account.hasPrefix("7") {
      #expect(words.filter { $0 == account }.count == 1, "\(account)")
      let line = "\(account) "
      let start = try #require(text.range(of: line))
      let after = text[start.upperBound...]
      #expect(
        after.contains("\(plain(total.debit)) \(plain(total.credit))"), "\(account) totals")
    }
    #expect(text.contains("est égal au total des crédits"))
  }

  @Test func aLabelChangedSinceLastYearIsAWarningWithBothLines() throws {
    let output = try temporaryFolder("report-accounts-2019")
    let result = try report([
      "generate", "--year", "2019", "--accounts", "--fec", "Tests/Fixtures/accounting/fec-2019.txt",
      "--output", output,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "Tests/Fixtures/accounting/fec-2019.txt:47: warning: account 633300 was « Participation à la formation professionnelle continue » last year and is « Participation à la formation continue » this year (data/2018/fec/422917534FEC20181231.txt:88)"
      ), "\(result.stderr)")
    let text = try text(of: output + "/2019/comptes-2019.pdf")
    #expect(text.contains("Intitulé Réalisé 2019 Budget 2019 Écart Réalisé 2018"))
  }

  @Test func entriesOutsideTheFiscalYearAreRefusedWithTheirLine() throws {
    let data = try temporaryFolder("report-accounts-data")
    try FileManager.default.createDirectory(
      atPath: data + "/2018/fec", withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Repository.path("data/2018/report.yaml"), toPath: data + "/2018/report.yaml")
    var lines = try String(contentsOfFile: Self.fec, encoding: .utf8).components(
      separatedBy: "\n")
    lines[10] = lines[10].replacingOccurrences(of: "\t2018", with: "\t2019")
    try lines.joined(separator: "\n").write(
      toFile: data + "/2018/fec/422917534FEC20181231.txt", atomically: true, encoding: .utf8)
    let output = try temporaryFolder("report-accounts-out")
    let result = try report([
      "generate", "--year", "2018", "--accounts", "--data", data, "--output", output,
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("422917534FEC20181231.txt:11:"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output + "/2018/comptes-2018.pdf"))
  }

  @Test func aStatementWhoseResultMissesABlockIsRefused() throws {
    var yaml = try String(
      contentsOfFile: Repository.path("templates/accounts/anc-2018-06.yaml"), encoding: .utf8)
    let full = "of: [I, V, VII, -II, -VI, -VIII, -IX, -X]"
    #expect(yaml.contains(full))
    yaml = yaml.replacingOccurrences(of: full, with: "of: [I, V, VII, -II, -VI, -IX, -X]")
    let layout = try StatementLayoutLoader().load(data: Data(yaml.utf8), path: "layout.yaml")
    var consumer = AccountTotalsConsumer()
    let result = try FECReader(fiscalYear: 2018).read(path: Self.fec, into: &consumer)
    let read = AccountTotalsRead(
      file: "fec.txt", result: result, totals: consumer.totals(encoding: .utf8),
      firstLines: consumer.firstLines(encoding: .utf8))
    var warnings: [String] = []
    #expect(throws: RunError.self) {
      _ = try AnnualAccounts.make(
        layout: layout, current: read, previous: nil, budget: nil, warnings: &warnings)
    }
    do {
      _ = try AnnualAccounts.make(
        layout: layout, current: read, previous: nil, budget: nil, warnings: &warnings)
    } catch {
      #expect(error.description.contains("fec.txt: error: the compte de résultat gives"))
    }
  }
}

@Suite struct PackAccountsTests {
  @Test func the2019PackShowsThe2018AccountsAndTheirColumn() throws {
    let run = try SharedRun.pack.get()
    #expect(run.result.status == 0, "\(run.result.stderr)")
    let text = try text(of: run.output + "/2019/dossier-ag-2019.pdf")
    #expect(text.contains("L’exercice 2018 s’est clos sur un excédent de 4 286,17 €."))
    #expect(
      text.contains(
        "Comptes de l’exercice 2018 Les comptes de l’exercice 2018 sont soumis à l’approbation"))
    #expect(text.contains("Excédent ou déficit 4 286,17"))
    // The budget tables: what 2018 realised on each line, beside the 2019 budget.
    #expect(text.contains("Compte Libellé Montant Réalisé 2018"))
    let sums = try fecSums(AccountsDocumentTests.fec)
    let regional = sums.accounts.filter { $0.key.hasPrefix("6571") }.map {
      $0.value.debit - $0.value.credit
    }.reduce(0, +)
    #expect(
      text.contains("6571 Reversements aux associations régionales 438 400 € \(plain(regional)) €"))
  }

  /// The first amount after `prefix` in `text`: "1 597 754,08" (spaces folded, as
  /// `text(of:)` gives).
  func amount(after prefix: String, in text: String) throws -> String {
    let start = try #require(text.range(of: prefix), "no « \(prefix) »").upperBound
    let match = try #require(text[start...].prefixMatch(of: /−?\d{1,3}( \d{3})*,\d\d/))
    return String(match.output.0)
  }

  @Test func theRealisedColumnTotalsAreTheStatementsOf2018() throws {
    let pack = try text(of: try SharedRun.pack.get().output + "/2019/dossier-ag-2019.pdf")
    let (output, result) = try AccountsDocumentTests.run.get()
    #expect(result.status == 0, "\(result.stderr)")
    let statement = try text(of: output + "/2018/comptes-2018.pdf")
    let charges = try amount(after: "Total des charges (II + VI + VIII + IX + X) ", in: statement)
    let products = try amount(after: "Total des produits (I + V + VII) ", in: statement)
    // Independently of both documents: the FEC's class 6 and 7 sums.
    let sums = try fecSums(AccountsDocumentTests.fec)
    let classSum = { (digit: String, sign: Int64) in
      sums.accounts.filter { $0.key.hasPrefix(digit) }.map {
        sign * ($0.value.debit - $0.value.credit)
      }
      .reduce(0, +)
    }
    #expect(charges == plain(classSum("6", 1)))
    #expect(products == plain(classSum("7", -1)))
    let chargesTotal = pack.contains("Total des charges 1 620 000 € \(charges) €")
    #expect(chargesTotal, "\(charges)")
    let productsTotal = pack.contains("Total des produits 1 620 000 € \(products) €")
    #expect(productsTotal, "\(products)")
    // What no 2019 budget line claims: 6712 (a penalty), 7718 and 7894 (fonds dédiés).
    let unbudgetedCharges = pack.contains("Autres charges non budgétées (671200) — 250,00 €")
    #expect(unbudgetedCharges)
    let unbudgetedProducts = pack.contains(
      "Autres produits non budgétés (771800, 789400) — 25 400,00 €")
    #expect(unbudgetedProducts)
  }
}

@Suite struct LedgerDocumentTests {
  static let ledger = Result { () throws -> (output: String, result: ProcessOutput) in
    let output = try temporaryFolder("report-ledger")
    return (output, try report(["generate", "--year", "2018", "--ledger", "--output", output]))
  }

  @Test func everyAccountsTotalsAreTheFECs() throws {
    let (output, result) = try Self.ledger.get()
    #expect(result.status == 0, "\(result.stderr)")
    let pdf = output + "/2018/grand-livre-2018.pdf"
    let text = try text(of: pdf)
    let sums = try fecSums(AccountsDocumentTests.fec)
    for (account, total) in sums.accounts {
      #expect(
        text.contains(
          "Total du compte \(account) \(plain(total.debit)) \(plain(total.credit))"), "\(account)")
    }
    #expect(text.contains("Total général \(plain(sums.debit)) \(plain(sums.credit)) 0,00"))
    #expect(try pdfProblems(pdf).isEmpty)
  }

  @Test func anAccountSplitOverPagesCarriesItsTotalsForward() throws {
    let (output, _) = try Self.ledger.get()
    let pdf = output + "/2018/grand-livre-2018.pdf"
    let pages =
      Int(
        try run("pdfinfo", [pdf]).stdout.split(separator: "\n")
          .first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
    #expect(pages > 10)
    var carried = 0
    var previous = try text(of: pdf, first: 1, last: 1)
    for page in 2...pages {
      let current = try text(of: pdf, first: page, last: page)
      defer { previous = current }
      guard let head = current.range(of: "Libellé Let. Débit Crédit Solde Report ") else {
        continue
      }
      // « Report » then the debit, credit and balance carried: the three figures the
      // page before ends its account's rows with, after « À reporter ».
      let foot = try #require(previous.range(of: "À reporter "), "page \(page - 1)")
      let end = try #require(previous.range(of: " CHANTIER école — Grand livre"))
      let footFigures = String(previous[foot.upperBound..<end.lowerBound])
      #expect(footFigures.split(separator: " ").count >= 3)
      #expect(current[head.upperBound...].hasPrefix(footFigures + " "), "page \(page)")
      carried += 1
    }
    #expect(carried > 5)
  }
}
