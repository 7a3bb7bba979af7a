import Foundation
import TestSupport
import Testing

@testable import ReportModel

@Suite struct IncomeStatementTests {
  /// A year of a few accounts of every kind, in euros.
  static let year = Accounts.totals([
    ("512000", 300_000, 250_000),  // class 5: not in the statement
    ("606400", 12_000, 0), ("613200", 66_000, 0), ("622600", 70_000, 1_000),
    ("631100", 30_000, 0), ("641100", 450_000, 0), ("645100", 170_000, 0),
    ("657100", 430_000, 2_000), ("657200", 75_000, 0), ("658100", 20_000, 0),
    ("661100", 1_900, 0), ("671200", 300, 0), ("681100", 17_000, 0), ("689400", 18_000, 0),
    ("706000", 0, 400_000), ("741000", 0, 520_000), ("742000", 0, 230_000),
    ("756000", 500, 185_000), ("758000", 0, 20_000), ("768000", 0, 2_500),
    ("771800", 0, 400), ("789400", 0, 25_000), ("791000", 0, 24_000),
    ("864000", 40_000, 0), ("870000", 0, 40_000),
  ])

  /// Products minus charges of classes 6 and 7 of ``year``.
  static let expected = Money(
    units: (400_000 + 520_000 + 230_000 + 184_500 + 20_000 + 2_500 + 400 + 25_000 + 24_000)
      - (12_000 + 66_000 + 69_000 + 30_000 + 450_000 + 170_000 + 428_000 + 75_000 + 20_000 + 1_900
        + 300 + 17_000 + 18_000))

  @Test func groupsAccountsByLongestPrefixAndGivesTheResult() throws {
    let statement = try IncomeStatement(layout: Accounts.shippedLayout(), totals: Self.year)
    #expect(statement.result == Self.expected)
    #expect(statement.result == TrialBalance(totals: Self.year).result)
    #expect(statement.warnings.isEmpty)
    // 657… is « Aides financières », not « Autres charges » (65).
    let aids = try #require(statement.row("Aides financières"))
    #expect(aids.accounts == ["657100", "657200"])
    #expect(aids.realised == Money(units: 503_000))
    #expect(statement.row("Autres charges")?.accounts == ["658100"])
    #expect(statement.row("Cotisations")?.realised == Money(units: 184_500))
    // A sub-total adds up its lines, which come after it one level deeper.
    let staff = try #require(statement.rows.firstIndex { $0.label == "Charges de personnel" })
    #expect(statement.rows[staff].kind == .group)
    #expect(statement.rows[staff].realised == Money(units: 620_000))
    #expect(
      statement.children(of: staff).map { statement.rows[$0].label } == [
        "Salaires et traitements", "Charges sociales",
      ])
    #expect(statement.row("Reports en fonds dédiés")?.realised == Money(units: 18_000))
    #expect(statement.row("Utilisations des fonds dédiés")?.realised == Money(units: 25_000))
    #expect(statement.row("1. Résultat d’exploitation (I − II)")?.kind == .result)
    #expect(
      statement.row("Total des produits (I + V + VII)")?.realised
        == Money(units: 1_406_400))
    // The contributions volontaires en nature come below the result, outside it.
    let net = try #require(statement.rows.firstIndex { $0.kind == .net })
    let volunteers = try #require(statement.rows.firstIndex { $0.label == "Bénévolat" })
    #expect(volunteers > net)
    #expect(statement.rows[volunteers].below)
    #expect(statement.rows[volunteers].realised == Money(units: 40_000))
    #expect(statement.row("Personnel bénévole")?.realised == Money(units: 40_000))
    #expect(!statement.hasBudget && !statement.hasPrevious)
    #expect(statement.rows.allSatisfy { $0.budget == nil && $0.previous == nil })
    #expect(statement.verify(against: Self.year).isEmpty)
  }

  @Test func aSubTotalCanHoldSubTotals() throws {
    let totals = Accounts.totals([
      ("754100", 0, 3_000), ("754200", 0, 2_000), ("754300", 500, 1_500), ("741000", 0, 10_000),
    ])
    let statement = try IncomeStatement(layout: Accounts.shippedLayout(), totals: totals)
    let funders = try #require(
      statement.rows.firstIndex { $0.label == "Produits de tiers financeurs" })
    let generosity = try #require(
      statement.rows.firstIndex { $0.label == "Ressources liées à la générosité du public" })
    #expect(statement.rows[funders].realised == Money(units: 16_000))
    #expect(statement.rows[generosity].kind == .group)
    #expect(statement.rows[generosity].level == 2)
    #expect(statement.rows[generosity].realised == Money(units: 6_000))
    #expect(
      statement.children(of: generosity).map { statement.rows[$0].realised } == [
        Money(units: 3_000), Money(units: 2_000), Money(units: 1_000),
      ])
    #expect(statement.children(of: generosity).allSatisfy { statement.rows[$0].level == 3 })
    #expect(statement.result == Money(units: 16_000))
  }

  @Test func anUnclaimedAccountGoesToAutresWithAWarning() throws {
    let totals = Self.year + Accounts.totals([("640500", 1_234, 0), ("7XX", 0, 10)])
    let statement = try IncomeStatement(layout: Accounts.shippedLayout(), totals: totals)
    #expect(statement.result == Self.expected - Money(units: 1_224))
    let others = statement.rows.filter { $0.kind == .others }
    #expect(others.map(\.block) == ["I", "II"])
    #expect(others.map(\.accounts) == [["7XX"], ["640500"]])
    #expect(others.map(\.realised) == [Money(units: 10), Money(units: 1_234)])
    #expect(
      statement.warnings == [
        .unclaimedAccount(account: "640500", label: "Compte 640500", previousYear: false),
        .unclaimedAccount(account: "7XX", label: "Compte 7XX", previousYear: false),
      ])
    #expect(statement.warnings.allSatisfy { $0.severity == .warning })
  }

  @Test func theBudgetAndPreviousYearColumns() throws {
    let budget = try YearLoader().load(path: Repository.path("data/2019/report.yaml")).year.budget
    let previous = Accounts.totals([("641100", 400_000, 0), ("756000", 0, 170_000)])
    let statement = try IncomeStatement(
      layout: Accounts.shippedLayout(), totals: Self.year, budget: budget, previous: previous)
    #expect(statement.hasBudget && statement.hasPrevious)
    // "64" covers both lines of « Charges de personnel »: the budget is on the sub-total,
    // and unknown on each line.
    #expect(statement.row("Charges de personnel")?.budget == Money(units: 653_000))
    #expect(statement.row("Salaires et traitements")?.budget == nil)
    #expect(statement.row("Salaires et traitements")?.previous == Money(units: 400_000))
    #expect(statement.row("Charges sociales")?.previous == .zero)
    let aids = try #require(statement.row("Aides financières"))
    #expect(aids.budget == Money(units: 518_400))
    #expect(aids.gap == Money(units: 503_000 - 518_400))
    #expect(
      statement.row("Concours publics et subventions d’exploitation")?.budget
        == Money(units: 966_000))
    #expect(statement.row("Autres produits")?.budget == Money(units: 28_000))
    #expect(
      statement.rows.first { $0.label == "Autres intérêts et produits assimilés" }?.budget
        == Money(units: 3_000))
    // "79" goes to the operating reprises and transferts de charges.
    #expect(
      statement.row(
        "Reprises sur amortissements, dépréciations, provisions et transferts de charges")?.budget
        == Money(units: 25_000))
    // Balanced budget: the net result's budget is zero; every budget line is placed once.
    #expect(statement.rows.first { $0.kind == .net }?.budget == .zero)
    #expect(
      statement.row("Total des charges (II + VI + VIII + IX + X)")?.budget == budget.chargesTotal)
    #expect(statement.row("Total des produits (I + V + VII)")?.budget == budget.productsTotal)
    #expect(statement.rows.first { $0.kind == .net }?.previous == Money(units: -230_000))
    #expect(statement.warnings.isEmpty)
  }

  @Test func aBudgetLineThatMatchesNoHeadingGoesToAutres() throws {
    let budget = Budget(
      charges: [BudgetLine(account: "59", label: "Erreur de compte", amount: Money(units: 10))],
      products: [])
    let statement = try IncomeStatement(
      layout: Accounts.shippedLayout(), totals: Self.year, budget: budget)
    let others = try #require(statement.rows.first { $0.kind == .others })
    #expect(others.block == "II")
    #expect(others.budget == Money(units: 10))
    #expect(
      statement.warnings == [
        .unplacedBudgetLine(side: .charges, account: "59", label: "Erreur de compte")
      ])
  }

  // The invariants, each made to fail.

  @Test func aNetResultThatMissesABlockIsRefused() throws {
    var layout = try Accounts.shippedLayout()
    let net = try #require(layout.results.firstIndex { $0.net })
    layout.results[net].terms.removeAll { $0.block == "VI" }
    #expect {
      try IncomeStatement(layout: layout, totals: Self.year)
    } throws: { error in
      (error as? AccountsError)?.findings == [
        .resultMismatch(statement: Self.expected + Money(units: 1_900), accounts: Self.expected)
      ]
    }
  }

  @Test func aClassSixAccountClaimedBelowTheResultIsRefused() throws {
    var layout = try Accounts.shippedLayout()
    // Someone maps 6581 to the volunteers' block: it would vanish from the result.
    let block = try #require(layout.blocks.firstIndex { $0.id == "CVN-C" })
    layout.blocks[block].lines[0].accounts.append("6581")
    #expect {
      try IncomeStatement(layout: layout, totals: Self.year)
    } throws: { error in
      let findings = (error as? AccountsError)?.findings ?? []
      return findings.contains(.accountCount(account: "658100", times: 0))
        && findings.contains(
          .resultMismatch(statement: Self.expected + Money(units: 20_000), accounts: Self.expected))
    }
  }

  @Test func verifyFindsAnAccountCountedTwiceAndARowThatDoesNotAddUp() throws {
    var statement = try IncomeStatement(layout: Accounts.shippedLayout(), totals: Self.year)
    let other = try #require(statement.rows.firstIndex { $0.label == "Autres charges" })
    statement.rows[other].accounts.append("657100")
    let findings = statement.verify(against: Self.year)
    #expect(findings.contains(.accountCount(account: "657100", times: 2)))
    #expect(
      findings.contains(
        .rowMismatch(
          label: "Autres charges", expected: Money(units: 448_000), found: Money(units: 20_000))))
    var shifted = try IncomeStatement(layout: Accounts.shippedLayout(), totals: Self.year)
    let dues = try #require(shifted.rows.firstIndex { $0.label == "Cotisations" })
    shifted.rows[dues].realised += Money(cents: 1)
    #expect(
      shifted.verify(against: Self.year) == [
        .rowMismatch(
          label: "Cotisations", expected: Money(units: 184_500), found: Money(cents: 18_450_001)),
        .rowMismatch(
          label: "Total des produits d’exploitation (I)", expected: Money(cents: 140_350_001),
          found: Money(units: 1_403_500)),
      ])
  }

  @Test func emptyHeadingsCanBeDropped() throws {
    let full = try IncomeStatement(layout: Accounts.shippedLayout(), totals: Self.year)
    let short = full.droppingEmptyLines()
    #expect(full.row("Ventes de biens") != nil)
    #expect(short.row("Ventes de biens") == nil)
    #expect(short.row("Dotations aux provisions") == nil)
    #expect(short.row("Ventes de prestations de services")?.realised == Money(units: 400_000))
    #expect(short.rows.filter { $0.kind != .line } == full.rows.filter { $0.kind != .line })
    #expect(short.verify(against: Self.year).isEmpty)
    #expect(short.result == full.result)
  }

  @Test func theContributionsInKindHaveNoBudget() throws {
    let budget = try YearLoader().load(path: Repository.path("data/2019/report.yaml")).year
      .budget
    let statement = try IncomeStatement(
      layout: Accounts.shippedLayout(), totals: Self.year, budget: budget)
    #expect(statement.rows.filter(\.below).allSatisfy { $0.budget == nil })
    #expect(
      statement.rows.filter { !$0.below && $0.kind != .title }.allSatisfy {
        $0.budget != nil || $0.level == 2
      })
  }

  @Test func totalsOfOneAccountAreAdded() throws {
    let split = Self.year + Accounts.totals([("657100", 1_000, 0)])
    let statement = try IncomeStatement(layout: Accounts.shippedLayout(), totals: split)
    #expect(statement.row("Aides financières")?.realised == Money(units: 504_000))
    #expect(statement.row("Aides financières")?.accounts == ["657100", "657200"])
  }
}
