import ReportLayout
import ReportModel

/// Builds the attendance sheet of an assembly: every member with its votes, sorted by
/// college then name, with columns to tick "present", write who represents it and
/// sign; each college's total, the total of votes, and the quorum line, which the
/// footer repeats on every page.
public struct AttendanceSheetComposer: Sendable {
  /// The letters' composer, for the year and the placeholders' values.
  let convocation: ConvocationComposer
  /// The members.
  public let members: MemberList

  /// Creates a composer.
  public init(
    year: Year, yearNumber: Int, members: MemberList, templates: Templates,
    creator: String = "report"
  ) {
    convocation = ConvocationComposer(
      year: year, yearNumber: yearNumber, templates: templates, creator: creator)
    self.members = members
  }

  /// The votes the quorum asks for, when the year sets one.
  public var quorumVotes: Int? { convocation.year.assembly.quorum.map(members.quorumVotes) }

  /// Composes the sheet.
  public func compose() -> ComposedDocument {
    let templates = convocation.templates
    let words = templates.words.convocation.sheet
    let theme = templates.theme
    var values = convocation.values(for: nil)
    values["total"] = String(members.totalVotes)
    values["quorum"] = quorumVotes.map(String.init) ?? ""
    let shell = convocation.shell(title: words.title)
    var blocks: [Block] = [
      templates.h1(words.title, anchor: ConvocationAnchor.sheet),
      templates.paragraph(
        words.assembly.render(values),
        style: theme.style(theme.text.lead, weight: .semibold, color: theme.colors.primary),
        alignment: .left),
      templates.paragraph(words.lead, alignment: .left),
      templates.paragraph(
        ([words.total.render(values)] + (quorumVotes == nil ? [] : [words.quorum.render(values)]))
          .joined(separator: " — "),
        style: theme.style(theme.text.body, weight: .semibold), alignment: .left),
    ]
    var style = templates.tableStyle
    // Room to sign by hand.
    style.cellPadding.top = 9
    style.cellPadding.bottom = 9
    var colleges: [(name: String, members: [Member])] = []
    for member in members.byCollegeThenName.map(convocation.typeset) {
      let name = member.college ?? words.noCollege
      if colleges.last?.name == name {
        colleges[colleges.count - 1].members.append(member)
      } else {
        colleges.append((name, [member]))
      }
    }
    let columns = words.columns
    for (index, college) in colleges.enumerated() {
      blocks.append(templates.h2(college.name, anchor: ConvocationAnchor.college(index + 1)))
      var rows = college.members.map { member in
        TableRow([member.name, String(member.votes), "", "", ""])
      }
      var collegeValues = values
      collegeValues["college"] = college.name
      rows.append(
        TableRow(
          [
            words.collegeTotal.render(collegeValues),
            String(college.members.map(\.votes).reduce(0, +)), "", "", "",
          ], kind: .total))
      blocks.append(
        .table(
          Table(
            columns: [
              TableColumn(alignment: .left, grow: 0), TableColumn(alignment: .right, grow: 0),
              TableColumn(alignment: .center, grow: 0.2), TableColumn(alignment: .left, grow: 1),
              TableColumn(alignment: .left, grow: 1.2),
            ],
            header: [
              columns.member, columns.votes, columns.present, columns.represented,
              columns.signature,
            ], rows: rows, style: style,
            continuationTitle: templates.words.tableContinued.render(["heading": college.name]),
            spaceAfter: theme.spacing.paragraph, widthGroup: "emargement")))
    }
    // What the bureau counts at the opening, against the quorum.
    blocks.append(
      .figure(
        Figure(
          content: FormFields(
            rows: [[.init(label: words.count, value: nil)]],
            labelStyle: theme.style(
              theme.text.body, weight: .semibold, color: theme.colors.primary),
            valueStyle: theme.style(theme.text.body),
            rule: Stroke(color: theme.colors.muted.color, width: 0.5)),
          spaceBefore: theme.spacing.paragraph, role: .division)))
    // Landscape: room for the longest names and for a signature.
    let page = theme.page
    let landscape = PageStyle(
      size: Size(width: page.height, height: page.width), margins: page.margins.edgeInsets,
      showsFooter: true)
    var document = shell.document(
      blocks, fileName: words.fileName.render(values), subject: words.subject.render(values),
      keywords: words.keywords.render(values), firstPageStyle: landscape)
    document.footer.left = (quorumVotes == nil ? words.footerNoQuorum : words.footer).render(values)
    return document
  }
}
