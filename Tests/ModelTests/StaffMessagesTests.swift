import Foundation
import Testing

@testable import ReportModel

/// The messages the staff read: fields counted from 1, French words, plain YAML words.
///
/// In-process tests run with no catalogue: English.
@Suite struct StaffMessagesTests {
  func problems(_ yaml: String) -> [DataProblem] {
    do {
      return try YearLoader().load(data: Data(yaml.utf8), path: "test.yaml").warnings
    } catch {
      return error.problems
    }
  }

  static let valid = YearLoaderTests.valid

  @Test func fieldPathsCountFromOneAndNameTheirItems() {
    #expect(
      FieldPath.human(
        "axes[3].actions[0].status",
        titles: ["axes[3]": "Les moyens", "axes[3].actions[0]": "Structuration"])
        == "axis 4 (\"Les moyens\"), action 1 (\"Structuration\"), status")
    #expect(FieldPath.human("budget.charges[6].amount") == "budget, charge line 7, amount")
    #expect(FieldPath.human("budget.total_target") == "budget, total_target")
    let long = String(repeating: "Structuration ", count: 5)
    #expect(
      FieldPath.human("axes[0]", titles: ["axes[0]": long])
        == "axis 1 (\"Structuration Structuration Structurati…\")")
  }

  @Test func aProblemOfTheYearFileSaysItsFieldAsAPersonCounts() {
    let found = problems(
      Self.valid.replacingOccurrences(of: "status: maintained", with: "status: abandonné"))
    #expect(found.count == 1)
    #expect(found[0].field == "axes[0].actions[1].status")  // the machine path is kept
    #expect(
      found[0].description.hasPrefix(
        "test.yaml:13:17: error: axis 1 (\"Axe A\"), action 2 (\"Action 2\"), status: unknown status `abandonné`"
      ))
  }

  @Test(arguments: [
    ("nouveau", ActionStatus.new), ("Maintenu", .maintained), ("renforcé", .reinforced),
    ("RENFORCE", .reinforced), ("reportée", .postponed), ("non financé", .unfunded),
    ("Non-Financé", .unfunded), ("non finance", .unfunded), ("New", .new),
  ])
  func statusesAsPrintedAreAccepted(_ written: String, _ status: ActionStatus) throws {
    let yaml = Self.valid.replacingOccurrences(of: "status: new", with: "status: \(written)")
    let year = try YearLoader().load(data: Data(yaml.utf8), path: "test.yaml").year
    #expect(year.axes[0].actions[0].status == status)
  }

  @Test func anUnknownStatusGetsDidYouMeanOverBothLanguages() {
    func hint(_ written: String) -> String? {
      problems(Self.valid.replacingOccurrences(of: "status: new", with: "status: \(written)"))
        .first?.hint
    }
    #expect(hint("renforcés")?.hasPrefix("did you mean `renforcé`?") == true)
    #expect(hint("maintaned")?.hasPrefix("did you mean `maintained`?") == true)
    #expect(hint("nouveu")?.hasPrefix("did you mean `nouveau`?") == true)
    #expect(hint("abandonné")?.hasPrefix("one of: new, maintained") == true)
  }

  @Test(arguments: [("oui", true), ("Oui", true), ("non", false), ("NON", false)])
  func regionalTakesOuiAndNon(_ written: String, _ value: Bool) throws {
    let yaml = Self.valid.replacingOccurrences(
      of: "amount: 100 }", with: "amount: 100, regional: \(written) }")
    let year = try YearLoader().load(data: Data(yaml.utf8), path: "test.yaml").year
    #expect(year.budget.charges[0].regional == value)
  }

  @Test func frenchSpreadsheetHeadersAreAccepted() throws {
    let csv = "Section;Compte;Libellé;Montant;Régional\ncharges;6571;Reversements;12 000,50 €;oui\n"
    let loaded = try BudgetCSVLoader().load(data: Data(csv.utf8), path: "budget.csv")
    #expect(loaded.warnings.isEmpty)
    #expect(
      loaded.charges == [
        BudgetLine(
          account: "6571", label: "Reversements", amount: Money(cents: 1_200_050), regional: true)
      ])
    do {
      _ = try BudgetCSVLoader().load(
        data: Data("section;compte;libellé;montnt\ncharges;60;A;1\n".utf8), path: "budget.csv")
      Issue.record("a missing label column was accepted")
    } catch {
      #expect(error.problems.first { $0.field == "montnt" }?.hint == "did you mean `montant`?")
    }
  }

  @Test func frenchAmountsAreReadInTheYearFile() throws {
    let yaml = Self.valid.replacingOccurrences(of: "budget: 100", with: "budget: 12 000,50 €")
      .replacingOccurrences(of: "amount: 100 }", with: "amount: \"12 000,50\" }")
    let year = try YearLoader().load(data: Data(yaml.utf8), path: "test.yaml").year
    #expect(year.axes[0].actions[0].budget == Money(cents: 1_200_050))
    #expect(year.budget.charges[0].amount == Money(cents: 1_200_050))
  }

  @Test func aTabIsSaidInPlainWords() {
    let found = problems(
      Self.valid.replacingOccurrences(of: "  name: \"Réseau\"", with: "\tname: \"Réseau\""))
    #expect(found.map(\.message) == ["a tab is used here; YAML indents with spaces only"])
    #expect(found.first?.location.line == 2)
  }

  @Test func anUnquotedColonSaysHowToWriteIt() {
    let found = problems(
      Self.valid.replacingOccurrences(of: "title: \"Axe A\"", with: "title: Plaidoyer : Pacte"))
    #expect(found.first?.location.line == 7)
    #expect(
      found.first?.hint
        == "a text that contains ' : ' must be in quotes: title: \"Plaidoyer : Pacte\"")
  }

  @Test func aStrayQuoteIsAWarningWithItsLine() throws {
    let yaml = Self.valid.replacingOccurrences(of: "title: \"Axe A\"", with: "title: Axe A\"")
    let loaded = try YearLoader().load(data: Data(yaml.utf8), path: "test.yaml")
    #expect(loaded.warnings.count == 1)
    #expect(loaded.warnings.first?.location.line == 7)
    #expect(loaded.warnings.first?.message.hasPrefix("the text has a stray \"") == true)
  }

  @Test func theVotedTotalIsLocated() throws {
    let yaml = Self.valid.replacingOccurrences(
      of: "budget:\n  charges:", with: "budget:\n  total_target: 200\n  charges:")
    let loaded = try YearLoader().load(data: Data(yaml.utf8), path: "test.yaml")
    #expect(loaded.locations["budget.total_target"]?.line == 16)
  }

  /// The locations inside lists are not recorded as the year is read but found
  /// again from its text when asked for, and what a spreadsheet sets wins.
  @Test func listFieldsAreLocatedWhenAskedFor() throws {
    let yaml = Self.valid.replacingOccurrences(
      of: "        budget: 50.25\n", with: "        budget: 50.25\n        objective: \"Former\"\n")
    var loaded = try YearLoader().load(data: Data(yaml.utf8), path: "test.yaml")
    #expect(loaded.locations["document.title"]?.line == 4)
    #expect(loaded.locations["axes[0].actions[1].objective"]?.line == 15)
    #expect(loaded.locations["axes[0].actions[1].objective"]?.column == 20)
    #expect(loaded.locations["budget.products[0].label"]?.line == 20)
    #expect(loaded.locations["axes[0].actions[7].title"] == nil)
    #expect(loaded.locations.file == "test.yaml")
    loaded.locations["budget.products[0].label"] = SourceLocation(file: "budget.csv")
    #expect(loaded.locations["budget.products[0].label"] == SourceLocation(file: "budget.csv"))
  }

  /// A key written with no value is where its problem is said.
  @Test func aKeyWithNoValueIsReportedAtTheKey() throws {
    let yaml = Self.valid.replacingOccurrences(
      of: "status: maintained\n", with: "status:\n")
    do {
      _ = try YearLoader().load(data: Data(yaml.utf8), path: "test.yaml")
      Issue.record("a status with no value was accepted")
    } catch {
      // Not at its action's mapping, line 12.
      let problem = try #require(error.problems.first { $0.field == "axes[0].actions[1].status" })
      #expect(problem.location.line == 13)
      #expect(problem.location.column == 9)
      #expect(problem.hint == "add `status: …`")
    }
  }

  @Test func aSpreadsheetThatReplacesTheBudgetSaysSo() throws {
    var loaded = try YearLoader().load(data: Data(Self.valid.utf8), path: "report.yaml")
    let csv = "section;account;label;amount\ncharges;60;A;1\ncharges;61;B;2\nproducts;70;C;3\n"
    let spreadsheet = try BudgetCSVLoader().load(data: Data(csv.utf8), path: "budget.csv")
    loaded.replaceBudgetLines(with: spreadsheet, from: "budget.csv")
    let said = loaded.warnings.map(\.description)
    #expect(
      said.contains {
        $0.hasPrefix("report.yaml:17:")
          && $0.contains(
            "budget lines from budget.csv, 3 lines: the year file's 2 budget lines are not used")
      }, "\(said)")
    #expect(said.count == 1)
  }
}
