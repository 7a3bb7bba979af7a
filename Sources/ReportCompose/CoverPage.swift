import ReportLayout

/// The cover: a coloured band with the organisation at the top, the title on a
/// fixed line in the upper third, the assembly at the foot of the page.
///
/// Set as one figure the height of the text area, so that where things stand does
/// not depend on how long the organisation's name or the title is.
struct CoverPage: FigureContent {
  /// The organisation's name and tagline, in the band.
  var organisation: String
  var tagline: String?
  /// The document's title.
  var title: String
  /// The lines at the foot: the assembly's kind, then its date and place.
  var kind: String?
  var datePlace: String?

  var height: Double
  var bandFill: Color
  var accent: Color
  var organisationStyle: TextStyle
  var taglineStyle: TextStyle
  var titleStyle: TextStyle
  var kindStyle: TextStyle
  var detailStyle: TextStyle
  /// The organisation's logo, at the foot on the right, if any.
  var logo: PictureFigure? = nil

  /// Where the title's first line starts, as a fraction of the height.
  static let titleLine = 0.36
  /// Inside the band, pt.
  static let bandPadding = EdgeInsets(top: 28, right: 28, bottom: 28, left: 34)
  /// The accent bar on the band's left edge, pt.
  static let accentWidth = 6.0

  func frame(width: Double, measurer: any TextMeasurer) -> Frame {
    var frame = Frame(size: Size(width: width, height: height))
    let padding = Self.bandPadding
    let inner = width - padding.left - padding.right
    var band = Frame.paragraph(
      organisation, style: organisationStyle, width: inner, measurer: measurer)
    if let tagline {
      let gap = taglineStyle.size * 0.5
      let lines = Frame.paragraph(tagline, style: taglineStyle, width: inner, measurer: measurer)
      band.place(lines, at: Point(x: 0, y: band.size.height + gap))
      band.size.height += gap + lines.size.height
    }
    let bandHeight = band.size.height + padding.top + padding.bottom
    frame.items.append(
      .rect(Rect(x: 0, y: 0, width: width, height: bandHeight), fill: bandFill, stroke: nil))
    frame.items.append(
      .rect(
        Rect(x: 0, y: 0, width: Self.accentWidth, height: bandHeight), fill: accent, stroke: nil))
    frame.place(band, at: Point(x: padding.left, y: padding.top))

    let titleTop = max(bandHeight + titleStyle.size * 2, height * Self.titleLine)
    let titleLines = Frame.paragraph(
      title, style: titleStyle, width: width * 0.85, measurer: measurer)
    frame.place(titleLines, at: Point(x: 0, y: titleTop))
    let ruleY = titleTop + titleLines.size.height + titleStyle.size * 0.6
    frame.items.append(.rect(Rect(x: 0, y: ruleY, width: 64, height: 3), fill: accent, stroke: nil))

    var foot = Frame(size: Size(width: width, height: 0))
    for (text, style) in [(kind, kindStyle), (datePlace, detailStyle)] {
      guard let text else { continue }
      let lines = Frame.paragraph(text, style: style, width: width, measurer: measurer)
      foot.place(lines, at: Point(x: 0, y: foot.size.height))
      foot.size.height += lines.size.height
    }
    let footTop = max(ruleY + 3 + titleStyle.size, height - foot.size.height)
    frame.place(foot, at: Point(x: 0, y: footTop))
    if var logo {
      // Its bottom on the foot's last baseline's line, flush right.
      logo.maximumHeight = min(logo.maximumHeight, max(0, footTop - ruleY - 3 - titleStyle.size))
      let picture = logo.frame(width: logo.width ?? width, measurer: measurer)
      frame.place(
        picture,
        at: Point(
          x: width - picture.size.width, y: footTop + foot.size.height - picture.size.height)
      )
    }
    return frame
  }
}
