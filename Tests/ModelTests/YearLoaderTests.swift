import Foundation
import TestSupport
import Testing

@testable import ReportModel

@Suite struct YearLoaderTests {
  let loader = YearLoader()

  func load(_ yaml: String) throws(DataError) -> YearLoader.Loaded {
    try loader.load(data: Data(yaml.utf8), path: "test.yaml")
  }

  func problems(_ yaml: String) -> [DataProblem] {
    do {
      _ = try load(yaml)
      return []
    } catch {
      return error.problems
    }
  }

  /// A valid year file; tests break one thing in it.
  static let valid = """
    organisation:
      name: "Réseau"
    document:
      title: "Plan"
    axes:
      - id: a
        title: "Axe A"
        actions:
          - title: "Action 1"
            status: new
            budget: 100
          - title: "Action 2"
            status: maintained
            budget: 50.25
    budget:
      charges:
        - { account: "60", label: "Achats", amount: 100 }
      products:
        - { account: "70", label: "Ventes", amount: 100 }
    """

  @Test func loadsThe2019YearFile() throws {
    let year = try loader.load(path: Repository.path("data/2019/report.yaml")).year
    #expect(year.organisation.name == "CHANTIER école")
    #expect(year.assembly.date == CalendarDate(year: 2019, month: 6, day: 14))
    #expect(
      year.axes.map(\.title) == [
        "L’animation du réseau", "La professionnalisation des acteurs", "Les moyens",
      ])
    #expect(year.actionCount == 12)
    #expect(
      year.axes.map(\.total) == [
        Money(units: 215_000), Money(units: 445_000), Money(units: 60_000),
      ])
    #expect(year.budget.chargesTotal == Money(units: 1_620_000))
    #expect(year.budget.productsTotal == Money(units: 1_620_000))
    #expect(year.budget.isBalanced)
    #expect(year.budget.findings.isEmpty)
    #expect(year.budget.regionalTotal == Money(units: 518_400))
    #expect(year.budget.regionalShare.roundedPercent == 32)
    let veille = year.axes[2].actions[2]
    #expect(veille.status == .unfunded && veille.budget == .zero)
  }

  @Test func loadsAValidFileWithCents() throws {
    let year = try load(Self.valid).year
    #expect(year.axes[0].total == Money(cents: 15_025))
    #expect(year.assembly.date == nil)
  }

  @Test func aBadAmountNamesLineColumnAndFieldPath() {
    let found = problems(
      Self.valid.replacingOccurrences(of: "budget: 50.25", with: "budget: 50.255"))
    #expect(found.count == 1)
    let problem = found[0]
    #expect(problem.field == "axes[0].actions[1].budget")
    #expect(problem.location.line == 14)
    #expect(problem.location.column == 17)
    #expect(
      problem.description.hasPrefix(
        "test.yaml:14:17: error: axis 1 (\"Axe A\"), action 2 (\"Action 2\"), budget:"))
    #expect(problem.message == "`50.255` is ambiguous: 50 255 € or 50,255 €?")
  }

  @Test(arguments: [
    ("yes", true), ("Yes", true), ("true", true), ("ON", true), ("no", false), ("False", false),
    ("off", false),
  ])
  func regionalTakesTheBooleansOfYAML(_ written: String, _ value: Bool) throws {
    let yaml = Self.valid.replacingOccurrences(
      of: "label: \"Achats\", amount: 100 }",
      with: "label: \"Achats\", amount: 100, regional: \(written) }")
    #expect(try load(yaml).year.budget.charges[0].regional == value)
  }

  @Test(arguments: ["\"yes\"", "'true'", "maybe", "1", "yEs"])
  func regionalRefusesTextThatIsNotABoolean(_ written: String) {
    let found = problems(
      Self.valid.replacingOccurrences(
        of: "label: \"Achats\", amount: 100 }",
        with: "label: \"Achats\", amount: 100, regional: \(written) }"))
    #expect(found.map(\.field) == ["budget.charges[0].regional"])
    #expect(found.first?.message == "expected true or false")
  }

  @Test func negativeAmountsAreRefused() {
    let found = problems(
      Self.valid.replacingOccurrences(
        of: "amount: 100 }\n  products", with: "amount: -100 }\n  products"))
    #expect(found.map(\.field) == ["budget.charges[0].amount"])
    #expect(found.first?.message.contains("negative") == true)
  }

  @Test func anUnknownStatusSuggestsTheClosestOne() {
    let found = problems(
      Self.valid.replacingOccurrences(of: "status: new", with: "status: mantained"))
    #expect(found.map(\.field) == ["axes[0].actions[0].status"])
    #expect(found.first?.hint?.contains("did you mean `maintained`?") == true)
  }

  @Test func everyProblemOfAFileIsReportedTogether() {
    let broken = Self.valid
      .replacingOccurrences(of: "status: new", with: "status: old")
      .replacingOccurrences(of: "budget: 50.25", with: "budget: lots")
      .replacingOccurrences(of: "title: \"Plan\"", with: "title: \"\"")
    let found = problems(broken)
    #expect(
      Set(found.map(\.field)) == [
        "document.title", "axes[0].actions[0].status", "axes[0].actions[1].budget",
      ])
    #expect(found.allSatisfy { $0.location.line != nil })
  }

  @Test func missingRequiredFieldsAreNamed() {
    let found = problems(
      Self.valid.replacingOccurrences(of: "  name: \"Réseau\"\n", with: "  tagline: x\n"))
    #expect(
      found.contains { $0.field == "organisation.name" && $0.message == "missing required field" })
  }

  @Test func duplicateAxisIdsAreRefused() {
    let twice = Self.valid.replacingOccurrences(
      of: "budget:\n  charges", with: "  - id: a\n    title: \"Again\"\nbudget:\n  charges")
    let found = problems(twice)
    #expect(found.map(\.field) == ["axes[1].id"])
    #expect(found.first?.message == "duplicate axis id `a`")
  }

  @Test func anEmptyPlanIsRefused() {
    let start = Self.valid.range(of: "axes:")!.lowerBound
    let end = Self.valid.range(of: "budget:\n")!.lowerBound
    let found = problems(Self.valid.replacingCharacters(in: start..<end, with: "axes: []\n"))
    #expect(found.map(\.message) == ["the action plan needs at least one axis"])
  }

  @Test func unknownKeysAreWarningsWithASuggestion() throws {
    let loaded = try load(
      Self.valid.replacingOccurrences(of: "status: new", with: "status: new\n        objectif: x"))
    #expect(loaded.warnings.count == 1)
    #expect(loaded.warnings[0].severity == .warning)
    #expect(loaded.warnings[0].field == "axes[0].actions[0].objectif")
    #expect(loaded.warnings[0].hint == "did you mean `objective`?")
  }

  @Test func yamlSyntaxErrorsGiveALine() {
    let found = problems("organisation:\n  name: \"unclosed\ndocument: {}\n")
    #expect(found.count == 1)
    #expect(found[0].location.line != nil)
    #expect(found[0].message == "a quote opened on this line is not closed")
    #expect(found[0].location.line == 2)
  }

  @Test func emptyAndNonUTF8FilesAreExplained() {
    #expect(problems("").map(\.message) == ["the file is empty"])
    do {
      _ = try loader.load(data: Data([0x6F, 0x3A, 0x20, 0xFF, 0xFE]), path: "bin.yaml")
      Issue.record("invalid UTF-8 was accepted")
    } catch {
      #expect(error.problems.map(\.message) == ["the file is not valid UTF-8 text"])
    }
  }

  @Test func controlCharactersInTextAreRefused() {
    let found = problems(Self.valid.replacingOccurrences(of: "\"Axe A\"", with: "\"Axe\\u0007A\""))
    #expect(found.map(\.field) == ["axes[0].title"])
    #expect(found.first?.message.contains("U+7") == true)
  }

  @Test func anUnbalancedBudgetIsAFindingNotALoadError() throws {
    let year = try load(
      Self.valid.replacingOccurrences(
        of: "label: \"Ventes\", amount: 100", with: "label: \"Ventes\", amount: 90")
    ).year
    #expect(
      year.budget.findings == [.unbalanced(charges: Money(units: 100), products: Money(units: 90))])
    #expect(year.budget.balance == Money(units: -10))
  }

  @Test func aTotalTargetThatDisagreesIsAFinding() throws {
    let year = try load(
      Self.valid.replacingOccurrences(
        of: "budget:\n  charges", with: "budget:\n  total_target: 120\n  charges")
    ).year
    #expect(
      year.budget.findings == [
        .offTarget(side: .charges, total: Money(units: 100), target: Money(units: 120)),
        .offTarget(side: .products, total: Money(units: 100), target: Money(units: 120)),
      ])
  }

  @Test func accountNumbersMustBeDigits() {
    let found = problems(
      Self.valid.replacingOccurrences(of: "account: \"60\"", with: "account: \"6O\""))
    #expect(found.map(\.field) == ["budget.charges[0].account"])
  }
}
