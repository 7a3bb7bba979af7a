import Foundation
import ReportLayout
import ReportModel
import TestSupport
import Testing

@testable import ReportCompose

/// The « Réalisé » column of the pack's budget tables adds up to the compte de résultat.
@Suite struct PackBudgetRealisedTests {
  let templates: Templates
  let year: Year
  let layout: StatementLayout

  init() throws {
    templates = try Shipped.templates()
    year = try Shipped.year(2019)
    layout = try StatementLayoutLoader().load(
      path: Repository.path("templates/" + StatementLayoutLoader.defaultFile))
  }

  /// The budget tables (charges, products) of the pack composed with `totals` as 2018's.
  func budgetTables(_ totals: [AccountTotal]) throws -> (charges: Table, products: Table) {
    var composer = PackComposer(year: year, templates: templates)
    composer.previousAccounts = PreviousAccounts(
      year: 2018, statement: try IncomeStatement(layout: layout, totals: totals), totals: totals)
    let budget = tables(composer.compose().blocks).filter {
      $0.header.count == 4 && $0.header.last == "Réalisé 2018"
    }
    try #require(budget.count == 2)
    return (budget[0], budget[1])
  }

  func total(_ account: String, debit: Int64 = 0, credit: Int64 = 0) -> AccountTotal {
    AccountTotal(
      account: account, label: account, debit: Money(cents: debit), credit: Money(cents: credit))
  }

  /// Every class 6 and 7 account on a budget line of 2019 (`60`, `6571`, `706`, `756`).
  var mapped: [AccountTotal] {
    [
      total("606100", debit: 1_000_00), total("657100", debit: 2_000_00),
      total("706000", credit: 2_500_00), total("756000", credit: 600_00),
      total("512000", debit: 100_00),
    ]
  }

  @Test func aYearWithNothingUnbudgetedHasNoSuchRow() throws {
    let (charges, products) = try budgetTables(mapped)
    for table in [charges, products] {
      #expect(!table.rows.contains { $0.cells[1].contains("non budgét") })
    }
    #expect(charges.rows.count == year.budget.charges.count + 1)
    #expect(products.rows.count == year.budget.products.count + 1)
    #expect(charges.rows.last?.cells.last == "3\u{202F}000,00\u{00A0}€")
    #expect(products.rows.last?.cells.last == "3\u{202F}100,00\u{00A0}€")
  }

  @Test func unbudgetedAccountsGetARowAndTheTotalIsTheStatements() throws {
    let totals =
      mapped + [
        total("671200", debit: 250_00), total("771800", credit: 400_00),
        total("789400", credit: 25_000_00), total("789500", debit: 10_00, credit: 10_00),
      ]
    let (charges, products) = try budgetTables(totals)
    let chargesRow = try #require(charges.rows.dropLast().last)
    #expect(
      chargesRow.cells == ["", "Autres charges non budgétées (671200)", "—", "250,00\u{00A0}€"])
    let productsRow = try #require(products.rows.dropLast().last)
    #expect(
      productsRow.cells == [
        "", "Autres produits non budgétés (771800, 789400)", "—", "25\u{202F}400,00\u{00A0}€",
      ])
    // The statement's « Total des charges » and « Total des produits ».
    let statement = try IncomeStatement(layout: layout, totals: totals)
    func statementTotal(_ prefix: String) throws -> Money {
      try #require(statement.rows.first { $0.label.hasPrefix(prefix) }).realised
    }
    let money = MoneyFormat(style: templates.words.numberStyle, alwaysCents: true)
    #expect(try statementTotal("Total des charges (") == Money(cents: 3_250_00))
    #expect(charges.rows.last?.cells.last == money(try statementTotal("Total des charges (")))
    #expect(products.rows.last?.cells.last == money(try statementTotal("Total des produits (")))
  }
}
