import Foundation
import ReportModel
import TestSupport
import Testing

@testable import ReportMarkdown

/// The Markdown texts of the 2019 pack: they parse, use what the issue asks for, and
/// their pictures check out.
@Suite struct ShippedReportsTests {
  /// What a document uses, by name.
  static func constructs(_ document: MarkdownDocument) -> Set<String> {
    var found: Set<String> = []
    func visit(_ inlines: [MarkdownInline]) {
      for inline in inlines {
        switch inline.kind {
        case .emphasis(let inner): found.insert("emphasis"); visit(inner)
        case .strong(let inner): found.insert("strong"); visit(inner)
        case .link(.external, let inner): found.insert("external link"); visit(inner)
        case .link(.anchor, let inner): found.insert("anchor link"); visit(inner)
        default: break
        }
      }
    }
    func visit(_ blocks: [MarkdownBlock]) {
      for block in blocks {
        switch block.kind {
        case .heading(_, let content), .paragraph(let content): visit(content)
        case .list(let list):
          found.insert(list.marker == .bullet ? "bullet list" : "numbered list")
          list.items.forEach { visit($0.blocks) }
        case .blockQuote(let inner): found.insert("quote"); visit(inner)
        case .table(let table):
          found.insert("table")
          ([table.header] + table.rows).forEach { $0.cells.forEach(visit) }
        case .image(let image):
          if image.caption != nil { found.insert("figure with caption") }
        default: break
        }
      }
    }
    visit(document.blocks)
    return found
  }

  @Test(arguments: ["rapport-moral.md", "rapport-activite.md"])
  func aShippedReportParsesAndItsPicturesCheckOut(name: String) throws {
    let document = try MarkdownDocument(contentsOf: Repository.path("data/2019/\(name)"))
    let used = Self.constructs(document)
    for required in [
      "emphasis", "strong", "bullet list", "numbered list", "figure with caption",
    ] {
      #expect(used.contains(required), "\(name) has no \(required)")
    }
    #expect(used.contains("external link") || used.contains("anchor link"))
    // Links go to the pack's plan and budget (ReportCompose's Anchor.plan and .budget).
    try document.checkAnchors(["plan", "budget"])
    let pictures = try document.pictures()
    #expect(!pictures.isEmpty)
    for picture in pictures {
      #expect(picture.alt.count > 20, "\(picture.path): say what it shows")
      #expect(picture.caption != nil)
      let size =
        (try FileManager.default.attributesOfItem(atPath: picture.path)[.size] as? NSNumber)?
        .intValue ?? 0
      #expect(size < 100_000, "\(picture.path) is \(size) bytes")
    }
  }

  @Test func theActivityReportHasItsRegionalTableAndExternalLink() throws {
    let document = try MarkdownDocument(
      contentsOf: Repository.path("data/2019/rapport-activite.md"))
    let used = Self.constructs(document)
    #expect(used.isSuperset(of: ["table", "external link", "anchor link"]))
    let tables = document.blocks.compactMap { block -> MarkdownTable? in
      if case .table(let table) = block.kind { return table }
      return nil
    }
    #expect(tables.count == 1)
    guard let table = tables.first else { return }
    #expect(table.alignments == [.left, .right, .right, .right])
    // The total row adds up the regions, and the trainees match the chart's 2018 bar.
    let numbers = table.rows.map { row in
      row.cells.dropFirst().map { Int($0.plainText.replacingOccurrences(of: " ", with: "")) ?? -1 }
    }
    let regions = numbers.dropLast()
    let total = try #require(numbers.last)
    for column in 0..<3 {
      #expect(regions.map { $0[column] }.reduce(0, +) == total[column])
    }
    #expect(total[2] == 1750)
  }

  @Test func theLogoChecksOut() throws {
    let logo = try Picture.read(
      file: Repository.path("data/2019/images/logo.svg"), alt: "CHANTIER école", caption: nil,
      referencedAt: SourceLocation(file: "data/2019/report.yaml"))
    #expect(logo.format == .svg)
  }
}
