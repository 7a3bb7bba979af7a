import Foundation
import TestSupport
import Testing

@testable import ReportModel

@Suite struct TrialBalanceTests {
  @Test func groupsAccountsByClassWithTotals() {
    let balance = TrialBalance(
      totals: Accounts.totals([
        ("512000", 900, 600), ("102000", 0, 500), ("218300", 400, 0), ("401000", 100, 300),
        ("606400", 200, 0), ("756000", 0, 200), ("864000", 50, 0), ("870000", 0, 50),
      ]))
    #expect(balance.classes.map(\.number) == [1, 2, 4, 5, 6, 7, 8])
    let thirdParties = balance.classes[2]
    #expect(thirdParties.debit == Money(units: 100))
    #expect(thirdParties.credit == Money(units: 300))
    #expect(thirdParties.creditBalance == Money(units: 200))
    #expect(thirdParties.debitBalance == .zero)
    let bank = balance.classes[3].lines[0]
    #expect(bank.balance == Money(units: 300))
    #expect(bank.debitBalance == Money(units: 300) && bank.creditBalance == .zero)
    #expect(balance.debit == Money(units: 1_650))
    #expect(balance.credit == Money(units: 1_650))
    #expect(balance.debitBalance == balance.creditBalance)
    #expect(balance.isBalanced)
    #expect(balance.findings.isEmpty)
    #expect(balance.result == .zero)
  }

  @Test func debitsThatDifferFromCreditsAreAnError() {
    let balance = TrialBalance(totals: Accounts.totals([("512000", 100, 0), ("756000", 0, 99)]))
    #expect(!balance.isBalanced)
    #expect(balance.findings == [.unbalanced(debit: Money(units: 100), credit: Money(units: 99))])
    #expect(balance.findings.first?.severity == .error)
  }

  @Test func anAccountWhoseLabelChangedIsAWarningWithBothLabels() {
    let previous = [
      AccountTotal(
        account: "657100", label: "Reversements aux régions", debit: .zero, credit: .zero),
      AccountTotal(account: "606400", label: "Fournitures", debit: .zero, credit: .zero),
    ]
    let current = [
      AccountTotal(
        account: "657100", label: "Reversements aux associations régionales", debit: .zero,
        credit: .zero),
      AccountTotal(account: "606400", label: " fournitures ", debit: .zero, credit: .zero),
      AccountTotal(account: "706000", label: "Prestations", debit: .zero, credit: .zero),
    ]
    let findings = TrialBalance.labelChanges(current: current, previous: previous)
    #expect(
      findings == [
        .labelChanged(
          account: "657100", previous: "Reversements aux régions",
          current: "Reversements aux associations régionales")
      ])
    #expect(findings.first?.severity == .warning)
    #expect(findings.first?.description.contains("« Reversements aux régions »") == true)
  }
}
