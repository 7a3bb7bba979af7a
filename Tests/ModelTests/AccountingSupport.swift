import Foundation
import TestSupport

@testable import ReportModel

/// Helpers shared by the accounting tests.
enum Accounting {
  /// The path of a fixture under `Tests/Fixtures/accounting/`.
  static func fixture(_ name: String) -> String {
    Repository.path("Tests/Fixtures/accounting/\(name)")
  }

  /// The FEC header, tab-separated, with its line end.
  static let header =
    FECColumn.allCases.map(\.name).joined(separator: "\t") + "\n"

  /// A tab-separated FEC line with only the fields the tests care about.
  static func line(
    _ number: String, _ date: String, _ account: String, _ debit: String, _ credit: String,
    journal: String = "OD", label: String = "Compte", auxiliary: String = "",
    auxiliaryLabel: String = ""
  ) -> String {
    [
      journal, "Journal", number, date, account, label, auxiliary, auxiliaryLabel, "P1",
      "20190105", "Libellé", debit, credit, "", "", "20190105", "", "",
    ].joined(separator: "\t") + "\n"
  }

  /// Reads FEC text held in memory.
  static func read(_ text: String, year: Int? = nil, chunkSize: Int = 1 << 20)
    throws(DataError) -> LedgerSummary
  {
    var reader = FECReader(fiscalYear: year)
    reader.chunkSize = chunkSize
    return try reader.read(data: Data(text.utf8), path: "test.txt")
  }

  /// The problems of reading a FEC file, or none.
  static func problems(file: String, year: Int? = nil) -> [DataProblem] {
    do {
      _ = try FECReader(fiscalYear: year).read(path: fixture(file))
      return []
    } catch {
      return error.problems
    }
  }

  /// The problems of reading FEC text, or none.
  static func problems(_ text: String, year: Int? = nil) -> [DataProblem] {
    do {
      _ = try read(text, year: year)
      return []
    } catch {
      return error.problems
    }
  }

  /// The 1-based character column where field `index` of a FEC line starts.
  static func column(of index: Int, in line: String, separator: Character = "\t") -> Int {
    let fields = line.split(separator: separator, omittingEmptySubsequences: false)
    return fields.prefix(index).map { $0.count + 1 }.reduce(1, +)
  }

  /// The 2019 budget of `data/2019/report.yaml`.
  static func budget2019() throws -> Budget {
    try YearLoader().load(path: Repository.path("data/2019/report.yaml")).year.budget
  }

  static func month(_ year: Int, _ month: Int) -> YearMonth {
    guard let value = YearMonth(year: year, month: month) else {
      preconditionFailure("not a month: \(year)-\(month)")
    }
    return value
  }
}
