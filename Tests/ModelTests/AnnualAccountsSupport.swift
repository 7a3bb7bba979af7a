import Foundation
import TestSupport

@testable import ReportModel

/// Helpers of the annual-accounts tests.
enum Accounts {
  /// The shipped layout of the chart of accounts for associations.
  static func shippedLayout() throws -> StatementLayout {
    try StatementLayoutLoader().load(path: Repository.path("templates/accounts/anc-2018-06.yaml"))
  }

  /// The problems of loading a layout written in the test.
  static func problems(_ yaml: String) -> [DataProblem] {
    do {
      _ = try StatementLayoutLoader().load(data: Data(yaml.utf8), path: "layout.yaml")
      return []
    } catch {
      return error.problems
    }
  }

  /// Totals in whole euros: `("6571", debit, credit)`.
  static func totals(_ rows: [(String, Int64, Int64)]) -> [AccountTotal] {
    rows.map {
      AccountTotal(
        account: $0.0, label: "Compte \($0.0)", debit: Money(units: $0.1),
        credit: Money(units: $0.2))
    }
  }

  /// The totals per account of a FEC, read with a parser of the test's own (not the
  /// tool's reader): tab-separated, UTF-8, debit and credit columns with a decimal comma.
  static func fecTotals(path: String) throws -> [AccountTotal] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var byAccount: [String: AccountTotal] = [:]
    for (index, line) in text.split(separator: "\n").enumerated() where index > 0 {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      precondition(fields.count == 18, "line \(index + 1) has \(fields.count) fields")
      func cents(_ text: String) -> Int64 {
        let parts = text.split(separator: ",").map { Int64($0) ?? .min }
        precondition(parts.count == 2 && parts.allSatisfy { $0 >= 0 }, "bad amount \(text)")
        return parts[0] * 100 + parts[1]
      }
      var total =
        byAccount[fields[4]]
        ?? AccountTotal(account: fields[4], label: fields[5], debit: .zero, credit: .zero)
      total.debit += Money(cents: cents(fields[11]))
      total.credit += Money(cents: cents(fields[12]))
      byAccount[fields[4]] = total
    }
    return byAccount.values.sorted { $0.account < $1.account }
  }
}

extension IncomeStatement {
  /// The first row with this label.
  func row(_ label: String) -> Row? { rows.first { $0.label == label } }
}
