import Foundation
import ReportLayout

/// The building blocks every document shares, in the theme's styles: headings,
/// running text, tables.
extension Templates {

  var body: TextStyle { theme.style(theme.text.body) }

  func h1(_ text: String, anchor: some DocumentAnchor, outline: Bool = true) -> Block {
    .heading(
      Heading(
        text: text, style: theme.style(theme.text.h1, weight: .bold, color: theme.colors.primary),
        outlineLevel: outline ? 1 : nil, anchor: anchor.name, spaceAfter: theme.spacing.section,
        rule: Stroke(color: theme.colors.accent.color, width: 2)))
  }

  func h2(_ text: String, anchor: some DocumentAnchor) -> Block {
    .heading(
      Heading(
        text: text,
        style: theme.style(theme.text.h2, weight: .semibold, color: theme.colors.primary),
        outlineLevel: 2, anchor: anchor.name, spaceBefore: theme.spacing.subsectionBefore,
        spaceAfter: theme.spacing.subsectionAfter))
  }

  func h3(_ text: String) -> Block {
    .paragraph(
      Paragraph(
        text: text, style: theme.style(theme.text.h3, weight: .semibold, color: theme.colors.text),
        spaceBefore: theme.spacing.subsectionBefore / 2, spaceAfter: theme.spacing.paragraph,
        keepWithNext: true))
  }

  /// Running text: justified and hyphenated unless told otherwise.
  func paragraph(
    _ text: String, style: TextStyle? = nil, alignment: TextAlignment = .justify,
    keepWithNext: Bool = false, link: (any DocumentAnchor)? = nil
  ) -> Block {
    .paragraph(
      Paragraph(
        text: text, style: style ?? body, alignment: alignment,
        spaceAfter: theme.spacing.paragraph, keepWithNext: keepWithNext,
        hyphenate: alignment == .justify, link: link?.name))
  }

  var tableStyle: TableStyle {
    tableStyle(cell: theme.text.table, padding: theme.spacing.tableCell)
  }

  /// The general ledger's tables: the theme's `ledger` size and `ledger_cell` padding.
  var ledgerTableStyle: TableStyle {
    tableStyle(
      cell: theme.text.ledger ?? theme.text.table,
      padding: theme.spacing.ledgerCell ?? theme.spacing.tableCell)
  }

  /// A table style with cells of `cell`'s size and `padding`.
  func tableStyle(cell: Theme.TextSpec, padding: Theme.Insets) -> TableStyle {
    TableStyle(
      header: theme.style(cell, weight: .semibold, color: theme.colors.headerText).tabular,
      headerFill: theme.colors.headerFill.color,
      body: theme.style(cell).tabular,
      total: theme.style(cell, weight: .bold).tabular,
      totalFill: theme.colors.totalFill.color,
      stripeFill: theme.colors.stripe.color,
      rule: Stroke(color: theme.colors.rule.color, width: 0.4),
      totalRule: Stroke(color: theme.colors.primary.color, width: 0.8),
      cellPadding: padding.edgeInsets,
      continuationTitle: theme.style(theme.text.h3, weight: .semibold, color: theme.colors.muted))
  }

  func cell(_ text: String?) -> String {
    guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      return words.emptyCell
    }
    return text
  }
}
