import ReportLayout
import ReportModel

/// The words of the resolutions sheet (`resolutions:` in `words.yaml`).
public struct ResolutionsWords: Decodable, Sendable {
  /// The PDF's file name.
  public var fileName: Template<YearName>
  /// The title.
  public var title: String
  /// The PDF's subject.
  public var subject: Template<AssemblyNames>
  /// The PDF's keywords.
  public var keywords: Template<AssemblyNames>
  /// The line naming the assembly, when it has no place.
  public var assembly: Template<AssemblyNames>
  /// The line naming the assembly and its place.
  public var assemblyPlace: Template<AssemblyNames>
  /// What the sheet is for.
  public var lead: String
  /// A resolution's heading.
  public var heading: Template<NumberTitleNames>
  /// The three boxes' labels.
  public var `for`: String
  /// "Contre".
  public var against: String
  /// "Abstention".
  public var abstention: String
  /// The line under the boxes.
  public var result: String
  /// What the sheet says when there is nothing to vote.
  public var none: String
}

/// Builds the sheet of the resolutions an assembly votes: each numbered, with its
/// text and three boxes for the votes for, against and abstaining.
public struct ResolutionsComposer: Sendable {
  /// The year's data.
  public let year: Year
  /// The words and theme.
  public let templates: Templates
  /// The name written as the PDF's creator.
  public let creator: String
  /// The year the file is named by (`--year`); the assembly's year when `nil`.
  public var fileYear: Int?

  /// Creates a composer; the year's texts are set the French way.
  public init(year: Year, templates: Templates, creator: String = "report") {
    self.year = FrenchTypography().typeset(year)
    self.templates = templates
    self.creator = creator
  }

  /// Composes the sheet.
  public func compose() -> ComposedDocument {
    let words = templates.words.resolutions
    let assembly = year.assembly
    let format = templates.words.numberStyle
    let theYear = assembly.date.map { String($0.year) } ?? ""
    let values = [
      "kind": assembly.kind ?? "", "date": assembly.date.map(format.longDate) ?? "",
      "place": assembly.place ?? "", "year": theYear, "organisation": year.organisation.name,
      "title": words.title,
    ]
    let shell = DocumentShell(
      templates: templates, title: words.title, organisation: year.organisation.name,
      creator: creator)
    let theme = templates.theme
    var blocks: [Block] = [
      templates.h1(words.title, anchor: ResolutionsAnchor.title),
      templates.paragraph(
        (assembly.place == nil ? words.assembly : words.assemblyPlace).render(values),
        style: theme.style(theme.text.lead, weight: .semibold, color: theme.colors.primary),
        alignment: .left),
      templates.paragraph(words.lead, alignment: .left),
    ]
    if assembly.resolutions.isEmpty { blocks.append(templates.paragraph(words.none)) }
    for (index, resolution) in assembly.resolutions.enumerated() {
      blocks +=
        ResolutionSection(
          number: index + 1, resolution: resolution, templates: templates
        ).compose().blocks
    }
    return shell.document(
      blocks, fileName: words.fileName.render(["year": fileYear.map(String.init) ?? theYear]),
      subject: words.subject.render(values), keywords: words.keywords.render(values))
  }
}

/// One resolution: its numbered heading, its text, the vote boxes.
struct ResolutionSection: SectionComposer {
  let number: Int
  let resolution: Resolution
  let templates: Templates

  func compose() -> Section {
    let words = templates.words.resolutions
    let theme = templates.theme
    var section = Section()
    let title = words.heading.render(["number": String(number), "title": resolution.title])
    let anchor = ResolutionsAnchor.resolution(number)
    section.heading(templates.h2(title, anchor: anchor), title: title, level: 1, anchor: anchor)
    section.append(templates.paragraph(resolution.text, keepWithNext: true))
    section.append(
      .figure(
        Figure(
          content: VoteBoxes(
            labels: [words.for, words.against, words.abstention], result: words.result,
            labelStyle: theme.style(theme.text.table, weight: .semibold),
            resultStyle: theme.style(theme.text.table, color: theme.colors.muted),
            stroke: Stroke(color: theme.colors.primary.color, width: 0.8)),
          spaceAfter: theme.spacing.paragraph, role: .division)))
    return section
  }
}

/// Three boxes side by side, each with its label, where the count of votes is
/// written by hand, and the line for the result under them.
struct VoteBoxes: FigureContent, PrintsTexts {
  var labels: [String]
  var result: String
  var labelStyle: TextStyle
  var resultStyle: TextStyle
  var stroke: Stroke

  /// The boxes' height under their label, pt: room for a number written by hand.
  static let boxHeight = 30.0
  /// Between two boxes, pt.
  static let gap = 12.0

  var printedTexts: [String] { labels + [result] }

  func frame(width: Double, measurer: any TextMeasurer) -> Frame {
    var frame = Frame(size: Size(width: width, height: 0))
    let count = Double(max(1, labels.count))
    let boxWidth = (width - Self.gap * (count - 1)) / count
    var bottom = 0.0
    for (index, label) in labels.enumerated() {
      let x = Double(index) * (boxWidth + Self.gap)
      let text = Frame.paragraph(label, style: labelStyle, width: boxWidth, measurer: measurer)
      frame.place(text, at: Point(x: x, y: 0))
      let top = text.size.height + 3
      frame.items.append(
        .rect(
          Rect(x: x, y: top, width: boxWidth, height: Self.boxHeight), fill: nil, stroke: stroke))
      bottom = max(bottom, top + Self.boxHeight)
    }
    let line = Frame.paragraph(result, style: resultStyle, width: width, measurer: measurer)
    frame.place(line, at: Point(x: 0, y: bottom + 6))
    frame.size.height = bottom + 6 + line.size.height
    return frame
  }
}
