import ReportLayout
import ReportModel

/// What the PDF says about itself.
public struct DocumentMetadata: Hashable, Sendable {
  /// The title.
  public var title: String
  /// The author: the organisation.
  public var author: String
  /// The subject.
  public var subject: String
  /// Keywords.
  public var keywords: String
  /// The program that made it.
  public var creator: String
}

/// A document ready for layout: its blocks, page geometry, footer and metadata.
public struct ComposedDocument: Sendable {
  /// The content, in reading order.
  public var blocks: [Block]
  /// The style of the first page.
  public var firstPageStyle: PageStyle
  /// The footer on pages that show one.
  public var footer: FooterSpec
  /// PDF metadata.
  public var metadata: DocumentMetadata
  /// The PDF's file name: "dossier-ag-2019.pdf".
  public var fileName: String
  /// The font family the theme asks for.
  public var fontFamily: String
  /// The document's language (BCP 47).
  public var language: String
  /// How readers number the pages (none given: 1, 2, 3…).
  public var pageLabels: [PageLabelRange]
}

/// What every kind of document shares around its content: the page styles, the
/// footer ("organisation — title", "Page N / M"), the metadata, the file name, the
/// language and the page labels, all from the templates.
public struct DocumentShell: Sendable {
  /// The words and theme.
  public let templates: Templates
  /// The document's title (footer, metadata).
  public let title: String
  /// Who publishes it (footer, author).
  public let organisation: String
  /// The name written as the PDF's creator.
  public let creator: String

  /// Creates a shell.
  public init(templates: Templates, title: String, organisation: String, creator: String = "report")
  {
    self.templates = templates
    self.title = title
    self.organisation = organisation
    self.creator = creator
  }

  /// Pages with the footer.
  public var bodyStyle: PageStyle { style(showsFooter: true) }
  /// Pages without it (a cover).
  public var plainStyle: PageStyle { style(showsFooter: false) }

  private func style(showsFooter: Bool) -> PageStyle {
    let page = templates.theme.page
    return PageStyle(
      size: Size(width: page.width, height: page.height), margins: page.margins.edgeInsets,
      showsFooter: showsFooter)
  }

  /// The footer: the organisation and title on the left, the page numbers on the right.
  public var footer: FooterSpec {
    let words = templates.words.footer
    let theme = templates.theme
    return FooterSpec(
      left: words.left.render(["organisation": organisation, "title": title]),
      rightPattern: words.right.render(["page": "{page}", "pages": "{pages}"]),
      style: theme.style(theme.text.footer, color: theme.colors.muted),
      rule: Stroke(color: theme.colors.rule.color, width: 0.5), offset: theme.page.footerOffset)
  }

  /// The document around `blocks`.
  /// - Parameters:
  ///   - firstPageStyle: the first page's style; the body's when `nil`.
  ///   - pageLabels: how readers number the pages; 1, 2, 3… when empty.
  public func document(
    _ blocks: [Block], fileName: String, subject: String, keywords: String,
    firstPageStyle: PageStyle? = nil, pageLabels: [PageLabelRange] = []
  ) -> ComposedDocument {
    ComposedDocument(
      blocks: blocks, firstPageStyle: firstPageStyle ?? bodyStyle, footer: footer,
      metadata: DocumentMetadata(
        title: title, author: organisation, subject: subject, keywords: keywords,
        creator: creator),
      fileName: fileName, fontFamily: templates.theme.font.family,
      language: templates.words.format.language, pageLabels: pageLabels)
  }
}

/// A part of a document: its blocks, and the entries it adds to a table of contents.
public struct Section: Sendable {
  /// The blocks, in reading order.
  public var blocks: [Block] = []
  /// Its headings as contents entries.
  public var entries: [ContentsEntry] = []

  /// An empty section.
  public init() {}

  /// Adds a block.
  public mutating func append(_ block: Block) { blocks.append(block) }

  /// Adds a heading and its contents entry.
  public mutating func heading(
    _ block: Block, title: String, level: Int, anchor: some DocumentAnchor
  ) {
    blocks.append(block)
    entries.append(ContentsEntry(title: title, level: level, destination: anchor.name))
  }
}

/// Makes one section of a document from what the document is made of.
public protocol SectionComposer {
  /// The section.
  func compose() -> Section
}

/// How a document writes its amounts, decided once for the whole document: with
/// cents when any amount it prints has cents, so that figures line up and read alike
/// from one table to the next; "1 620 000 €" otherwise.
public struct MoneyFormat: Sendable {
  /// The number style.
  public let style: NumberStyle
  /// Whether every amount shows its cents.
  public let cents: Bool

  /// The format of a document printing `amounts` (sums need not be given: a sum of
  /// whole amounts is whole).
  public init(style: NumberStyle, amounts: some Sequence<Money>) {
    self.style = style
    cents = amounts.contains(where: \.hasCents)
  }

  /// The format of a document that writes every amount to the cent, or never.
  public init(style: NumberStyle, alwaysCents: Bool) {
    self.style = style
    cents = alwaysCents
  }

  /// "1 620 000 €", or "1 620 000,00 €".
  public func callAsFunction(_ amount: Money) -> String {
    style.money(amount, alwaysCents: cents)
  }

  /// With its sign: "+99 066,75 €", "−997,34 €".
  public func signed(_ amount: Money) -> String { style.signedMoney(amount, alwaysCents: cents) }
}
