import Foundation
import ReportCompose
import ReportModel
import Synchronization

/// The annual accounts of a fiscal year: `comptes-<year>.pdf`, the compte de résultat
/// in the layout of `templates/accounts/` and the balance générale.
public struct AccountsDocument: DocumentKind {
  /// What to read.
  public struct Request: Sendable {
    /// The accounting export; the year folder's when `nil`.
    public var fec: String?

    /// Creates a request.
    public init(fec: String? = nil) { self.fec = fec }
  }

  /// `accounts:`.
  public static var words: WordGroup { .accounts }

  /// The year's accounts, after the auditor's checks.
  public static func documents(
    _ request: Request, year: LoadedYear, inputs: Inputs, warnings: inout [String]
  ) throws(RunError) -> [AccountsDocument] {
    let file = try inputs.fecFile(year: year.number, given: request.fec)
    inputs.progress(tr("reading %1…", file))
    let layout = try inputs.statementLayout()
    let current = try inputs.accountTotals(
      file, year: year.number, fiscalYear: year.year.fiscalYear)
    let previous = try inputs.previousAccountTotals(year.number)
    let budget = year.year.budget
    let accounts = try AnnualAccounts.make(
      layout: layout, current: current, previous: previous,
      budget: budget.charges.isEmpty && budget.products.isEmpty ? nil : budget,
      warnings: &warnings)
    return [
      AccountsDocument(
        loaded: year, layout: layout, read: current, statement: accounts.statement,
        balance: accounts.balance)
    ]
  }

  /// The year file (organisation).
  public let loaded: LoadedYear
  /// The headings.
  public let layout: StatementLayout
  /// The FEC as read.
  public let read: AccountTotalsRead
  /// The compte de résultat.
  public let statement: IncomeStatement
  /// The balance générale.
  public let balance: TrialBalance

  /// `accounts`.
  public var name: String { "accounts" }
  /// The fiscal year's last day.
  public var day: CalendarDate? {
    read.result.fiscalYear?.end ?? CalendarDate(year: loaded.number, month: 12, day: 31)
  }

  /// The year's texts, and the account names it prints from the FEC.
  public var sources: [SourcedText] {
    let location = SourceLocation(file: read.file)
    return loaded.sources
      + read.totals.map {
        SourcedText(
          field: "\(FECColumn.compteLib.name) \($0.account)", text: $0.label,
          location: SourceLocation(file: read.file, line: read.firstLines[$0.account] ?? 0))
      } + [SourcedText(field: "layout", text: layout.name, location: location)]
  }

  /// The document's blocks.
  public func compose(_ templates: Templates) -> ComposedDocument {
    AccountsComposer(
      year: loaded.year, fiscalYear: loaded.number, period: read.result.fiscalYear,
      statement: statement, balance: balance, classNames: layout.classNames,
      source: (read.file, read.result.lineCount, read.result.entryCount), templates: templates
    ).compose()
  }
}

/// A FEC read for its totals per account.
public struct AccountTotalsRead: Sendable {
  /// The file.
  public var file: String
  /// What the read found (fiscal year, counts, encoding).
  public var result: FECReadResult
  /// The totals per account.
  public var totals: [AccountTotal]
  /// The line each account first appears on.
  public var firstLines: [String: Int]
}

/// The auditor's checks over a year's totals, shared by the accounts and the pack.
enum AnnualAccounts {
  /// The statement and balance of `current`, or the run refused with every error.
  static func make(
    layout: StatementLayout, current: AccountTotalsRead, previous: AccountTotalsRead?,
    budget: Budget?, warnings: inout [String]
  ) throws(RunError) -> (statement: IncomeStatement, balance: TrialBalance) {
    let balance = TrialBalance(totals: current.totals)
    var errors = balance.findings.map {
      RunError.said(at: SourceLocation(file: current.file), $0.description)
    }
    let statement: IncomeStatement
    do {
      statement = try IncomeStatement(
        layout: layout, totals: current.totals, budget: budget, previous: previous?.totals)
    } catch {
      errors += error.findings.map {
        RunError.said(
          at: SourceLocation(file: current.file), $0.description,
          hint: tr(
            "check %1 (its `results:` and prefixes)", StatementLayoutLoader.defaultFile))
      }
      throw RunError(.input, errors.joined(separator: "\n"))
    }
    if statement.result != balance.result {
      errors.append(
        RunError.said(
          at: SourceLocation(file: current.file),
          AccountsFinding.resultMismatch(statement: statement.result, accounts: balance.result)
            .description))
    }
    if !errors.isEmpty { throw RunError(.input, errors.joined(separator: "\n")) }
    for finding in statement.warnings {
      if case .unclaimedAccount(let account, _, let inPrevious) = finding {
        let read = inPrevious ? previous ?? current : current
        let line = read.firstLines[account].map { ":\($0)" } ?? ""
        warnings.append("\(read.file)\(line): \(tr("warning")): \(finding)")
      } else {
        warnings.append("\(current.file): \(tr("warning")): \(finding)")
      }
    }
    if let previous {
      for finding in TrialBalance.labelChanges(current: current.totals, previous: previous.totals) {
        guard case .labelChanged(let account, _, _) = finding else { continue }
        let now = current.firstLines[account].map { ":\($0)" } ?? ""
        let before = previous.firstLines[account].map { ":\($0)" } ?? ""
        warnings.append(
          "\(current.file)\(now): \(tr("warning")): \(finding) (\(previous.file)\(before))")
      }
    }
    return (statement, balance)
  }
}

extension Inputs {
  /// The layout of the compte de résultat: `templates/accounts/anc-2018-06.yaml`.
  func statementLayout() throws(RunError) -> StatementLayout {
    do {
      return try StatementLayoutLoader().load(
        path: paths.templates + "/" + StatementLayoutLoader.defaultFile)
    } catch {
      throw RunError(.templates, error.description)
    }
  }

  /// Reads a FEC for its totals per account, its dates checked against the fiscal year.
  func accountTotals(_ file: String, year: Int, fiscalYear: FiscalYear?) throws(RunError)
    -> AccountTotalsRead
  {
    do {
      return try timings.measure("read the FEC") { () throws(DataError) in
        var consumer = AccountTotalsConsumer()
        let reader = FECReader(
          rule: .rule(fiscalYear: fiscalYear, file: file, year: year), requestedYear: year)
        let result = try reader.read(path: file, into: &consumer)
        let encoding = result.format.encoding
        return AccountTotalsRead(
          file: file, result: result, totals: consumer.totals(encoding: encoding),
          firstLines: consumer.firstLines(encoding: encoding))
      }
    } catch {
      throw .input(error)
    }
  }

  /// The accounts of the year before `year`, when `<data>/<year − 1>/fec/` holds a FEC.
  func previousAccountTotals(_ year: Int) throws(RunError) -> AccountTotalsRead? {
    let folder = paths.fecFolder(year - 1)
    guard FileManager.default.fileExists(atPath: folder) else { return nil }
    let choice: FECChoice
    do { choice = try FECChoice.choose(in: folder) } catch { return nil }
    return try accountTotals(choice.file, year: year - 1, fiscalYear: nil)
  }

  /// Last year's accounts for the pack of `year`, when its FEC is there.
  func previousAccounts(_ year: Int, warnings: inout [String]) throws(RunError)
    -> PreviousAccounts?
  {
    guard let read = try previousAccountTotals(year) else { return nil }
    let layoutPath = paths.templates + "/" + StatementLayoutLoader.defaultFile
    guard FileManager.default.fileExists(atPath: layoutPath) else {
      warnings.append(
        RunError.said(
          .warning, at: SourceLocation(file: layoutPath),
          tr(
            "no layout of the compte de résultat: the pack leaves out the accounts of %1",
            year - 1),
          hint: tr("copy it from the shipped templates/accounts/")))
      return nil
    }
    let accounts = try AnnualAccounts.make(
      layout: try statementLayout(), current: read, previous: nil, budget: nil,
      warnings: &warnings)
    return PreviousAccounts(year: year - 1, statement: accounts.statement, totals: read.totals)
  }
}

/// The general ledger of a fiscal year: `grand-livre-<year>.pdf`.
public struct LedgerDocument: DocumentKind {
  /// `accounts:`.
  public static var words: WordGroup { .accounts }

  /// The year's ledger, from every line of its FEC.
  public static func documents(
    _ request: AccountsDocument.Request, year: LoadedYear, inputs: Inputs,
    warnings: inout [String]
  ) throws(RunError) -> [LedgerDocument] {
    let file = try inputs.fecFile(year: year.number, given: request.fec)
    inputs.progress(tr("reading %1…", file))
    do {
      return try inputs.timings.measure("read the FEC") { () throws(DataError) in
        var ledger = FECLedger(accounts: [])
        let reader = FECReader(
          rule: .rule(fiscalYear: year.year.fiscalYear, file: file, year: year.number),
          requestedYear: year.number)
        let result = try reader.read(path: file, into: &ledger)
        return [
          LedgerDocument(
            loaded: year, file: file, result: result,
            held: Held(ledger.lines(encoding: result.format.encoding)))
        ]
      }
    } catch {
      throw .input(error)
    }
  }

  /// The year file (organisation).
  public let loaded: LoadedYear
  /// The FEC read.
  public let file: String
  /// What the read found.
  public let result: FECReadResult
  /// Every line of the FEC, until the ledger is measured (``releaseInputs()``).
  public var lines: [LedgerLine] { held.value }
  private let held: Held

  /// The lines, shared by the copies of the document, let go of once measured.
  private final class Held: Sendable {
    private let lines: Mutex<[LedgerLine]>
    init(_ lines: [LedgerLine]) { self.lines = Mutex(lines) }
    var value: [LedgerLine] { lines.withLock { $0 } }
    func release() { lines.withLock { $0 = [] } }
  }

  /// Lets go of the FEC's lines: the measured rows hold what is drawn.
  public func releaseInputs() { held.release() }

  /// `ledger`.
  public var name: String { "ledger" }
  /// The fiscal year's last day.
  public var day: CalendarDate? {
    result.fiscalYear?.end ?? CalendarDate(year: loaded.number, month: 12, day: 31)
  }

  /// The year's texts and those of the FEC it prints, with their lines.
  public var sources: [SourcedText] {
    var texts = loaded.sources
    var seen: Set<String> = []
    for line in lines {
      let location = SourceLocation(file: file, line: line.fileLine)
      for (field, text) in [
        (FECColumn.compteLib, line.accountLabel), (.ecritureLib, line.label),
        (.pieceRef, line.piece), (.journalCode, line.journal), (.ecritureLet, line.matching),
      ] where !text.isEmpty && seen.insert(text).inserted {
        texts.append(SourcedText(field: field.name, text: text, location: location))
      }
    }
    return texts
  }

  /// The ledger's blocks.
  public func compose(_ templates: Templates) -> ComposedDocument {
    LedgerComposer(
      year: loaded.year, fiscalYear: loaded.number, period: result.fiscalYear, lines: lines,
      source: (file, result.lineCount, result.entryCount), templates: templates
    ).compose()
  }
}
