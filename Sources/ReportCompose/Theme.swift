import ReportLayout
import ReportModel

/// The look of the documents, read from `templates/theme.yaml`.
public struct Theme: Decodable, Sendable {
  /// Page geometry.
  public struct PageSpec: Decodable, Sendable {
    /// Page width, pt.
    public var width: Double
    /// Page height, pt.
    public var height: Double
    /// Margins around the text area, pt.
    public var margins: Insets
    /// From the text area's bottom to the footer's baseline, pt.
    public var footerOffset: Double
  }

  /// Distances from the four edges, pt.
  public struct Insets: Decodable, Sendable {
    /// Top.
    public var top: Double
    /// Right.
    public var right: Double
    /// Bottom.
    public var bottom: Double
    /// Left.
    public var left: Double
    /// As layout insets.
    public var edgeInsets: EdgeInsets {
      EdgeInsets(top: top, right: right, bottom: bottom, left: left)
    }
  }

  /// The font family.
  public struct FontSpec: Decodable, Sendable {
    /// The family name, which must resolve to a font in `fonts/`.
    public var family: String
    /// The monospace family of code runs (`code:`), DejaVu Sans Mono when not named.
    public var code: String?

    /// The family code runs are set in.
    public var codeFamily: String { code ?? Paragraph.defaultCodeFamily }
  }

  /// A text size and line spacing.
  public struct TextSpec: Decodable, Sendable {
    /// Font size, pt.
    public var size: Double
    /// Line height as a multiple of the size.
    public var leading: Double
  }

  /// Named colours, `#RRGGBB`.
  public struct Colors: Decodable, Sendable {
    /// Headings, cover band, links.
    public var primary: HexColor
    /// Highlights.
    public var accent: HexColor
    /// Running text.
    public var text: HexColor
    /// Secondary text.
    public var muted: HexColor
    /// Table rules.
    public var rule: HexColor
    /// Shaded boxes.
    public var shade: HexColor
    /// Alternate table rows.
    public var stripe: HexColor
    /// Table header background.
    public var headerFill: HexColor
    /// Table header text.
    public var headerText: HexColor
    /// Total rows' background.
    public var totalFill: HexColor
    /// Warnings (an unbalanced budget).
    public var warning: HexColor
    /// Bars of the bar chart.
    public var chartBar: HexColor
    /// The regional slice of the pie.
    public var pieRegional: HexColor
    /// The other slice of the pie.
    public var pieOther: HexColor
    /// Planned values in comparison charts.
    public var chartPlanned: HexColor
    /// Actual values (and the charges line) in execution charts.
    public var chartActual: HexColor
    /// The products line in execution charts.
    public var chartProducts: HexColor
  }

  /// The sizes of each kind of text.
  public struct Texts: Decodable, Sendable {
    /// Running text.
    public var body: TextSpec
    /// A section's opening paragraph.
    public var lead: TextSpec
    /// Section titles.
    public var h1: TextSpec
    /// Sub-section titles.
    public var h2: TextSpec
    /// Minor titles (inside boxes, over figures).
    public var h3: TextSpec
    /// Table cells.
    public var table: TextSpec
    /// The general ledger's cells, smaller than other tables' so that an entry's
    /// label has room beside seven columns; `table` when not given.
    public var ledger: TextSpec?
    /// The page footer.
    public var footer: TextSpec
    /// Contents entries.
    public var contents: TextSpec
    /// The organisation's name on the cover.
    public var coverOrganisation: TextSpec
    /// The tagline on the cover.
    public var coverTagline: TextSpec
    /// The title on the cover.
    public var coverTitle: TextSpec
    /// The assembly's kind, date and place on the cover.
    public var coverDetail: TextSpec
  }

  /// Vertical and inner spacing, pt.
  public struct Spacing: Decodable, Sendable {
    /// Between paragraphs.
    public var paragraph: Double
    /// Below a section title.
    public var section: Double
    /// Above a sub-section title.
    public var subsectionBefore: Double
    /// Below a sub-section title.
    public var subsectionAfter: Double
    /// Inside table cells.
    public var tableCell: Insets
    /// Inside the general ledger's cells; `table_cell` when not given.
    public var ledgerCell: Insets?
    /// Inside shaded boxes.
    public var boxPadding: Double
    /// From a bullet to its text.
    public var listIndent: Double
  }

  /// Where words of running text may break.
  public struct HyphenationSpec: Decodable, Sendable {
    /// The libhyphen dictionary's path.
    public var dictionary: String
    /// Letters kept before a break.
    public var leftMin: Int
    /// Letters carried to the next line.
    public var rightMin: Int
  }

  /// Chart sizes, pt.
  public struct ChartSpec: Decodable, Sendable {
    /// The thickness of a bar.
    public var barThickness: Double
    /// The pie's radius.
    public var pieRadius: Double
  }

  /// Page geometry.
  public var page: PageSpec
  /// The font family.
  public var font: FontSpec
  /// Hyphenation of running text.
  public var hyphenation: HyphenationSpec
  /// Colours.
  public var colors: Colors
  /// Text sizes.
  public var text: Texts
  /// Spacing.
  public var spacing: Spacing
  /// Chart sizes.
  public var chart: ChartSpec

  /// A text style of the theme's family.
  public func style(
    _ spec: TextSpec, weight: FontWeight = .regular, color: HexColor? = nil, italic: Bool = false
  ) -> TextStyle {
    TextStyle(
      family: font.family, weight: weight, italic: italic, size: spec.size,
      color: (color ?? colors.text).color, leading: spec.leading)
  }
}

/// A colour written `#RRGGBB` in a template.
public struct HexColor: Decodable, Sendable {
  /// The colour.
  public var color: Color

  /// Wraps a colour.
  public init(color: Color) { self.color = color }

  /// Decodes and checks the `#RRGGBB` form.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let color = Color(hex: text) else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription: tr("`%1` is not a colour; write #RRGGBB", text)))
    }
    self.color = color
  }
}
