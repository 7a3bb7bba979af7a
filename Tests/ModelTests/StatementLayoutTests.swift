import Foundation
import TestSupport
import Testing

@testable import ReportModel

@Suite struct StatementLayoutTests {
  /// A small layout the tests break one thing at a time.
  static let small = """
    name: "Compte de résultat"
    unclaimed: {products: P, charges: C, label: "Autres"}
    blocks:
      - id: P
        title: "Produits"
        side: products
        total: "Total des produits"
        lines:
          - label: "Cotisations"
            accounts: ["756"]
          - label: "Autres produits"
            accounts: ["75", "70"]
      - id: C
        title: "Charges"
        side: charges
        total: "Total des charges"
        lines:
          - label: "Aides financières"
            accounts: ["657"]
          - label: "Autres charges"
            accounts: ["6"]
    results:
      - label: "Excédent ou déficit"
        after: C
        net: true
        of: [P, -C]
    """

  @Test func theShippedLayoutLoads() throws {
    let layout = try Accounts.shippedLayout()
    #expect(layout.name == "Compte de résultat (règlement ANC n° 2018-06)")
    #expect(
      layout.blocks.map(\.id) == ["I", "II", "V", "VI", "VII", "VIII", "IX", "X", "CVN-P", "CVN-C"])
    #expect(layout.blocks.filter(\.below).map(\.id) == ["CVN-P", "CVN-C"])
    #expect(layout.netResult?.label == "Excédent ou déficit")
    #expect(layout.netResult?.terms.count == 8)
    #expect(layout.unclaimedLabel == "Autres (comptes non classés)")
    #expect(layout.classNames[1] == "Comptes de capitaux")
    #expect(layout.classNames.keys.sorted() == Array(0...9))
    let products = layout.blocks[0].lines.map(\.label)
    #expect(
      products == [
        "Cotisations", "Ventes de biens et services", "Produits de tiers financeurs",
        "Reprises sur amortissements, dépréciations, provisions et transferts de charges",
        "Utilisations des fonds dédiés", "Autres produits",
      ])
    let financeurs = try #require(
      layout.blocks[0].lines.first { $0.label.hasPrefix("Produits de tiers") })
    #expect(
      financeurs.lines.map(\.label) == [
        "Concours publics et subventions d’exploitation",
        "Versements des fondateurs ou consommations de la dotation consomptible",
        "Ressources liées à la générosité du public", "Contributions financières",
      ])
  }

  @Test func theSmallLayoutLoads() throws {
    #expect(Accounts.problems(Self.small).isEmpty)
  }

  @Test func anUnknownKeyIsAnErrorWithTheClosestKnownOne() throws {
    let yaml = Self.small.replacingOccurrences(
      of: "accounts: [\"657\"]", with: "acounts: [\"657\"]")
    let problems = Accounts.problems(yaml)
    let unknown = try #require(problems.first { $0.message == "unknown key" })
    #expect(unknown.severity == .error)
    #expect(unknown.location.description == "layout.yaml:19:9")
    #expect(unknown.field == "blocks[1].lines[0].acounts")
    #expect(unknown.hint == "did you mean `accounts`?")
    // The heading lost its accounts: that is said too.
    #expect(problems.contains { $0.message.contains("« Aides financières » claims no account") })
  }

  @Test func aPrefixClaimedTwiceIsAnErrorAtTheSecondPlace() throws {
    let yaml = Self.small.replacingOccurrences(
      of: "accounts: [\"657\"]", with: "accounts: [\"657\", \"756\"]")
    let problems = Accounts.problems(yaml)
    #expect(problems.count == 1)
    let problem = try #require(problems.first)
    #expect(problem.location.description == "layout.yaml:19:27")
    #expect(problem.field == "blocks[1].lines[0].accounts[1]")
    #expect(
      problem.message == "prefix 756 is already claimed by « Cotisations » (layout.yaml:10:20)")
  }

  @Test func aHeadingWithoutPrefixIsAnError() throws {
    let yaml = Self.small.replacingOccurrences(
      of: "accounts: [\"657\"]", with: "accounts: []")
    let problems = Accounts.problems(yaml)
    #expect(problems.map(\.location.description) == ["layout.yaml:19:19"])
    #expect(problems.first?.message == "the heading « Aides financières » claims no account")
  }

  @Test func aResultNamingNoBlockIsAnError() throws {
    let yaml = Self.small.replacingOccurrences(of: "of: [P, -C]", with: "of: [P, -D]")
    let problems = Accounts.problems(yaml)
    #expect(problems.map(\.field) == ["results[0].of[1]"])
    #expect(problems.first?.message == "no block has the id `D`")
    #expect(problems.first?.location.line == 26)
  }

  @Test func aBlockWithoutTotalAndAClassThatIsNotADigitAreErrors() throws {
    let yaml =
      Self.small.replacingOccurrences(of: "    total: \"Total des charges\"\n", with: "")
      + "\nclasses: {1: \"Capitaux\", 10: \"Dix\"}\n"
    let problems = Accounts.problems(yaml)
    #expect(problems.map(\.field) == ["blocks[1].total", "classes.10"])
    #expect(problems.first?.message == "missing required field")
  }

  @Test func aLayoutNeedsExactlyOneNetResult() throws {
    let yaml = Self.small.replacingOccurrences(of: "    net: true\n", with: "")
    #expect(Accounts.problems(yaml).map(\.message) == ["no result is marked `net: true`"])
  }

  @Test func theUnclaimedBlocksMustBeOfTheirSide() throws {
    let yaml = Self.small.replacingOccurrences(
      of: "unclaimed: {products: P", with: "unclaimed: {products: C")
    let problems = Accounts.problems(yaml)
    #expect(problems.map(\.field) == ["unclaimed.products"])
    #expect(problems.first?.location.line == 2)
  }
}
