import Foundation
import TestSupport
import Testing

/// The pack's text on real pages: a generated year whose first axis has 34 actions
/// once left page 8 of 10 holding one sentence.
@Suite struct PackTextTests {
  @Test func theBudgetReferenceIsNeverAloneOnAPage() throws {
    let data = try dataFolder { yaml in
      // The first axis's first action, 29 more times.
      guard let axis = yaml.range(of: "  - id: animation"),
        let first = yaml.range(of: "      - title:", range: axis.upperBound..<yaml.endIndex),
        let second = yaml.range(of: "      - title:", range: first.upperBound..<yaml.endIndex)
      else { return yaml }
      let action = String(yaml[first.lowerBound..<second.lowerBound])
      let copies = (0..<29).map {
        action.replacingOccurrences(of: "title: \"", with: "title: \"\($0) ")
      }
      return String(yaml[..<second.lowerBound]) + copies.joined() + yaml[second.lowerBound...]
    }
    let output = try temporaryFolder("report-output")
    let result = try report(["generate", "--year", "2019", "--data", data, "--output", output])
    #expect(result.status == 0, "\(result.stderr)")
    let pdf = output + "/2019/dossier-ag-2019.pdf"
    let pages =
      try run("pdfinfo", [pdf]).stdout.split(separator: "\n")
      .first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    #expect(pages == 10)
    for page in 1...pages {
      let lines = try run("pdftotext", ["-layout", "-f", "\(page)", "-l", "\(page)", pdf, "-"])
        .stdout.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
      // Every page holds more than its footer and one line.
      #expect(lines.count > 2, "page \(page): \(lines)")
      if lines.contains(where: { $0.contains("est présenté page") }) {
        #expect(lines.contains { $0.contains("Budget par axe") }, "page \(page): \(lines)")
      }
    }
  }
}
