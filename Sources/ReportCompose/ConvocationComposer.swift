import ReportLayout
import ReportMarkdown
import ReportModel

/// The destinations of the convocations.
public enum ConvocationAnchor: DocumentAnchor {
  /// A member's letter.
  case letter(String)
  /// A member's pouvoir.
  case proxy(String)
  /// The attendance sheet's title.
  case sheet
  /// A college on the attendance sheet, by position.
  case college(Int)

  /// Its name in the PDF.
  public var name: String {
    switch self {
    case .letter(let id): return "convocation-\(id)"
    case .proxy(let id): return "pouvoir-\(id)"
    case .sheet: return "emargement"
    case .college(let number): return "college-\(number)"
    }
  }
}

/// Where the address of a letter is printed, so that it shows through the window of a
/// French DL envelope (110 × 220 mm, window 45 × 100 mm on the right).
///
/// La Poste's recommendation for window letters, as the mailing houses relay it: the
/// address in a frame 85 mm wide and 33 mm high whose top-left corner is 110 mm from
/// the sheet's left edge and 55 mm from its top. An A4 sheet folded in three lies in
/// the envelope with its top third against the window, whose left edge falls 95 to
/// 105 mm from the sheet's left edge and whose top 45 to 50 mm from its top, so the
/// frame stays inside the window with room for the sheet's play.
public enum WindowEnvelope {
  /// Millimetres to points.
  public static let point = 72 / 25.4
  /// The address frame's left edge from the page's left edge, pt (110 mm).
  public static let addressLeft = 110 * point
  /// The address frame's top from the page's top, pt (55 mm).
  public static let addressTop = 55 * point
  /// The address frame's height, pt (33 mm): at most six lines of 10 pt.
  public static let addressHeight = 33 * point
  /// Where the letter's text may start under the address, pt from the page's top
  /// (98 mm): below the lowest window (95 mm) whatever the sheet's play.
  public static let textBelow = 98 * point
  /// The address's size, pt (La Poste asks for 9 to 12).
  public static let addressSize = 10.0
  /// The window of a DL envelope on the sheet, for checks: 100 × 45 mm, its left
  /// edge 100 mm and its top 45 mm from the sheet's.
  public static let window = Rect(
    x: 100 * point, y: 45 * point, width: 100 * point, height: 45 * point)
}

/// Builds a member's convocation: page 1 the letter, page 2 the pouvoir; and the
/// file of every letter to post, each starting on an odd page.
public struct ConvocationComposer: Sendable {
  /// The year's data, set the French way.
  public let year: Year
  /// The year asked for.
  public let yearNumber: Int
  /// The words and theme.
  public let templates: Templates
  /// The name written as the PDF's creator.
  public let creator: String
  /// The organisation's logo, checked (``Logo/read(_:yearFolder:location:)``): small, at
  /// the top right of each letter.
  public var logo: Picture?

  /// Creates a composer.
  public init(year: Year, yearNumber: Int, templates: Templates, creator: String = "report") {
    // Only what the letters print is set the French way (the whole year, axes and
    // budget with it, would be set again for every letter).
    let typography = FrenchTypography()
    var year = year
    year.organisation.name = typography.apply(year.organisation.name)
    year.organisation.tagline = year.organisation.tagline.map(typography.apply)
    year.assembly.kind = year.assembly.kind.map(typography.apply)
    year.assembly.place = year.assembly.place.map(typography.apply)
    year.assembly.agenda = year.assembly.agenda.map(typography.apply)
    year.assembly.address = year.assembly.address.map(typography.apply)
    year.organisation.address = year.organisation.address.map(typography.apply)
    if var signatory = year.organisation.signatory {
      signatory.name = typography.apply(signatory.name)
      signatory.role = signatory.role.map(typography.apply)
      year.organisation.signatory = signatory
    }
    self.year = year
    self.yearNumber = yearNumber
    self.templates = templates
    self.creator = creator
  }

  var words: ConvocationWords { templates.words.convocation }

  /// The member with its texts set the French way.
  func typeset(_ member: Member) -> Member {
    let typography = FrenchTypography()
    var member = member
    member.name = typography.apply(member.name)
    member.contact = member.contact.map(typography.apply)
    member.address = member.address.map(typography.apply)
    member.city = member.city.map(typography.apply)
    member.college = member.college.map(typography.apply)
    return member
  }

  /// The city the letters are written from: the organisation's last address line
  /// without its postcode ("93500 Pantin" → "Pantin"), else the assembly's place.
  var city: String {
    if let last = year.organisation.address.last {
      let words = last.split(separator: " ")
      if let first = words.first, first.allSatisfy(\.isNumber), words.count > 1 {
        return words.dropFirst().joined(separator: " ")
      }
      return last
    }
    return year.assembly.place ?? ""
  }

  /// The values of the texts' placeholders for a member (its fields empty without one).
  public func values(for member: Member?) -> [String: String] {
    let style = templates.words.numberStyle
    let assembly = year.assembly
    let kind = assembly.kind ?? ""
    let kindLower: String = kind.first.map { $0.lowercased() + kind.dropFirst() } ?? ""
    let whereHeld: String = assembly.address ?? assembly.place ?? ""
    var values: [String: String] = [:]
    values["organisation"] = year.organisation.name
    values["tagline"] = year.organisation.tagline ?? ""
    values["kind"] = kind
    values["kind_lower"] = kindLower
    values["date"] = assembly.date.map { words.weekdayDate($0, style: style) } ?? ""
    values["time"] = assembly.time.map(words.time) ?? ""
    values["place"] = assembly.place ?? ""
    values["address"] = whereHeld.split(whereSeparator: \.isNewline).joined(separator: ", ")
    values["city"] = city
    values["convened_on"] = assembly.convenedOn.map(style.longDate) ?? ""
    values["deadline"] = assembly.proxyDeadline.map { words.weekdayDate($0, style: style) } ?? ""
    values["email"] = year.organisation.email ?? ""
    values["sender_address"] = year.organisation.address.joined(separator: ", ")
    values["year"] = String(yearNumber)
    for name in ["member", "contact", "id", "votes", "college", "number", "total", "quorum"] {
      values[name] = ""
    }
    values["hour"] = ""
    values["minutes"] = ""
    values["greeting"] = words.greeting(contact: nil)
    if let member {
      values["member"] = member.name
      values["contact"] = member.contact ?? ""
      values["id"] = member.id
      values["votes"] = words.votes.render(["number": String(member.votes)])
      values["college"] = member.college ?? ""
      values["greeting"] = words.greeting(contact: member.contact)
    }
    return values
  }

  /// A member's convocation: the letter, then the pouvoir on a page of its own.
  public func compose(_ member: Member) -> ComposedDocument {
    let member = typeset(member)
    let values = values(for: member)
    let shell = self.shell(title: words.letter.title.render(values))
    return shell.document(
      blocks(member), fileName: words.letter.fileName.render(values),
      subject: words.letter.subject.render(values),
      keywords: words.letter.keywords.render(values), firstPageStyle: letterStyle)
  }

  /// Every letter of `members` in one file for printing recto verso: each letter
  /// starts on an odd page, a page left blank (and saying so, without footer) after
  /// a letter of an odd number of pages.
  ///
  /// The file to post as one document to lay out. `report convocations` makes the same
  /// pages without laying the letters out a second time: it joins the letters' own
  /// pages (``LaidOutDocument/joined(_:blank:)``) with the blank page of
  /// ``blankPage()``, under the metadata of ``printing()``.
  /// - Parameter pages: each member's letter's page count, as laid out on its own.
  public func composePrinting(_ members: [Member], pages: [Int]) -> ComposedDocument {
    var blocks: [Block] = []
    for (index, member) in members.enumerated() {
      if index > 0 { blocks.append(.pageBreak(letterStyle)) }
      blocks += self.blocks(typeset(member))
      let count = index < pages.count ? pages[index] : 2
      if count % 2 == 1 && index < members.count - 1 {
        blocks.append(.pageBreak(letterStyle))
        blocks += blankPageBlocks
      }
    }
    var composed = printing()
    composed.blocks = blocks
    return composed
  }

  /// The file to post without its blocks: its file name, metadata and page style.
  public func printing() -> ComposedDocument {
    let values = values(for: nil)
    return shell(title: words.printing.title.render(values)).document(
      [], fileName: words.printing.fileName.render(values),
      subject: words.printing.subject.render(values),
      keywords: words.printing.keywords.render(values), firstPageStyle: letterStyle)
  }

  /// The page left blank after a letter of an odd page count, as a document of its
  /// own: laid out, it is the one page that says so.
  public func blankPage() -> ComposedDocument {
    var composed = printing()
    composed.blocks = blankPageBlocks
    return composed
  }

  /// What the blank page holds: a line saying it is left blank, half-way down.
  var blankPageBlocks: [Block] {
    [
      .figure(
        Figure(
          content: BlankPageMark(
            text: words.printing.blankPage,
            style: templates.theme.style(
              templates.theme.text.body, color: templates.theme.colors.muted),
            height: letterStyle.contentBox.height * 0.5),
          role: .division))
    ]
  }

  /// The pages of letters: the theme's, without footer (a letter's pages are not
  /// numbered, and in the file to post they belong to different members), the bottom
  /// margin the footer needed given to the text.
  public var letterStyle: PageStyle {
    let page = templates.theme.page
    var margins = page.margins.edgeInsets
    margins.bottom = min(margins.bottom, Self.letterBottomMargin)
    return PageStyle(
      size: Size(width: page.width, height: page.height), margins: margins, showsFooter: false)
  }

  /// The letters' line height, as a multiple of the size (the pack's text has 1.45).
  static let letterLeading = 1.3

  /// The letters' bottom margin, pt (15 mm).
  static let letterBottomMargin = 15 * WindowEnvelope.point

  func shell(title: String) -> DocumentShell {
    DocumentShell(
      templates: templates, title: title, organisation: year.organisation.name, creator: creator)
  }

  /// The letter's and the pouvoir's blocks, the pouvoir on a new page.
  func blocks(_ member: Member) -> [Block] {
    letterBlocks(member) + [.pageBreak(nil)] + proxyBlocks(member)
  }

  // MARK: - The letter

  func letterBlocks(_ member: Member) -> [Block] {
    let theme = templates.theme
    let values = values(for: member)
    let letter = words.letter
    // A letter is set tighter than the pack's running text, so that it holds on its
    // page with a long address and agenda.
    let body = theme.style(
      Theme.TextSpec(size: theme.text.body.size, leading: Self.letterLeading))
    let margins = theme.page.margins
    var blocks: [Block] = [
      .figure(
        Figure(
          content: LetterHead(
            organisation: year.organisation.name, tagline: year.organisation.tagline,
            sender: year.organisation.address + [year.organisation.email].compactMap { $0 },
            recipient: member.postalLines,
            logo: logo.map {
              Logo.figure(
                $0, width: LetterHead.logoWidth,
                maximumHeight: WindowEnvelope.addressTop - margins.top - LetterHead.logoGap)
            },
            origin: Point(x: margins.left, y: margins.top),
            nameStyle: theme.style(
              Theme.TextSpec(size: 15, leading: 1.2), weight: .bold, color: theme.colors.primary),
            taglineStyle: theme.style(theme.text.footer, color: theme.colors.muted),
            senderStyle: theme.style(theme.text.footer, color: theme.colors.text),
            addressStyle: theme.style(
              Theme.TextSpec(size: WindowEnvelope.addressSize, leading: 1.25)),
            accent: theme.colors.accent.color),
          spaceAfter: 6, role: .division)),
      .paragraph(
        Paragraph(
          text: letter.placeDate.render(values), style: body, alignment: .right, spaceAfter: 10)),
      .heading(
        Heading(
          text: letter.object.render(values), style: body.with(weight: .semibold),
          anchor: ConvocationAnchor.letter(member.id).name, spaceAfter: 8)),
      .paragraph(
        Paragraph(text: letter.salutation.render(values), style: body, spaceAfter: 6)),
      templates.paragraph(letter.opening.render(values), style: body, keepWithNext: true),
    ]
    var when = [letter.when.render(values)]
    when += (year.assembly.address ?? year.assembly.place ?? "").split(whereSeparator: \.isNewline)
      .map(String.init)
    blocks.append(
      .box(
        ShadedBox(
          content: [
            .paragraph(
              Paragraph(
                text: when[0],
                style: body.with(weight: .semibold).with(color: theme.colors.primary.color))),
            .paragraph(Paragraph(text: when.dropFirst().joined(separator: "\n"), style: body)),
          ],
          fill: theme.colors.shade.color,
          accent: Stroke(color: theme.colors.accent.color, width: 3),
          padding: EdgeInsets(top: 6, right: 10, bottom: 6, left: 12), spacing: 1,
          spaceBefore: 0, spaceAfter: 10)))
    let heading = body.with(weight: .semibold).with(color: theme.colors.primary.color)
    blocks.append(
      .paragraph(
        Paragraph(text: letter.agendaTitle, style: heading, spaceAfter: 3, keepWithNext: true)))
    blocks.append(
      .figure(
        Figure(
          content: NumberedItems(
            items: year.assembly.agenda.enumerated().map { index, item in
              (
                letter.agendaNumber.render(values.merging(["number": String(index + 1)]) { $1 }),
                item
              )
            }, style: body, numberStyle: body.with(color: theme.colors.primary.color)),
          spaceAfter: 8, role: .division)))
    blocks.append(templates.paragraph(letter.votes.render(values), style: body, alignment: .left))
    blocks.append(
      .paragraph(
        Paragraph(text: letter.documentsTitle, style: heading, spaceAfter: 3, keepWithNext: true)))
    blocks.append(
      .list(
        BulletList(
          items: letter.documents.map { $0.render(values) }, style: body,
          bullet: templates.words.bullet, bulletColor: theme.colors.accent.color,
          indent: theme.spacing.listIndent, spaceAfter: 8)))
    blocks.append(templates.paragraph(letter.proxy.render(values), style: body))
    blocks.append(templates.paragraph(letter.closing.render(values), style: body))
    if let signatory = year.organisation.signatory {
      blocks.append(
        .figure(
          Figure(
            content: SignatureBlock(
              lines: [signatory.name] + [signatory.role].compactMap { $0 },
              nameStyle: body.with(weight: .semibold), roleStyle: body),
            spaceBefore: 4, role: .division)))
    }
    return blocks
  }

  // MARK: - The pouvoir

  func proxyBlocks(_ member: Member) -> [Block] {
    let theme = templates.theme
    let values = values(for: member)
    let proxy = words.proxy
    let body = theme.style(theme.text.body)
    let label = theme.style(theme.text.body, weight: .semibold, color: theme.colors.primary)
    let rule = Stroke(color: theme.colors.muted.color, width: 0.5)
    func fields(_ rows: [[FormFields.Field]], spaceAfter: Double = 8) -> Block {
      .figure(
        Figure(
          content: FormFields(rows: rows, labelStyle: label, valueStyle: body, rule: rule),
          spaceAfter: spaceAfter, role: .division))
    }
    return [
      templates.h1(proxy.title, anchor: ConvocationAnchor.proxy(member.id), outline: false),
      .paragraph(
        Paragraph(
          text: proxy.assembly.render(values), style: body.with(weight: .semibold),
          spaceAfter: 12)),
      .paragraph(Paragraph(text: proxy.principal, style: body, spaceAfter: 4)),
      fields([
        [.init(label: proxy.member, value: member.name)],
        [
          .init(label: proxy.id, value: member.id),
          .init(label: proxy.votes, value: String(member.votes)),
        ],
        [.init(label: proxy.signatory, value: nil)],
      ]),
      .paragraph(Paragraph(text: proxy.gives, style: body, spaceAfter: 4)),
      fields([
        [.init(label: proxy.holder, value: nil)],
        [.init(label: proxy.holderPerson, value: nil)],
      ]),
      templates.paragraph(proxy.mandate.render(values), alignment: .left),
      fields(
        [[.init(label: proxy.madeAt, value: nil), .init(label: proxy.madeOn, value: nil)]],
        spaceAfter: 4),
      .figure(
        Figure(
          content: SignatureBox(
            caption: proxy.signature,
            style: theme.style(theme.text.footer, color: theme.colors.muted),
            stroke: Stroke(color: theme.colors.primary.color, width: 0.8), height: 70),
          spaceAfter: 14, role: .division)),
      .box(
        ShadedBox(
          title: proxy.rulesTitle,
          titleStyle: theme.style(theme.text.body, weight: .semibold, color: theme.colors.primary),
          content: [
            .list(
              BulletList(
                items: proxy.rules.map { $0.render(values) },
                style: theme.style(theme.text.table), bullet: templates.words.bullet,
                bulletColor: theme.colors.accent.color, indent: theme.spacing.listIndent,
                itemSpacing: 2))
          ], fill: theme.colors.shade.color,
          padding: EdgeInsets(top: 8, right: 10, bottom: 8, left: 10),
          spacing: 4)),
    ]
  }
}

/// The top of a letter: the letterhead on the left, the member's address placed for
/// the window of a DL envelope (``WindowEnvelope``), whatever the page's margins.
struct LetterHead: FigureContent, PrintsTexts {
  /// The logo's width, pt (about 28 mm).
  static let logoWidth = 80.0
  /// The room kept between the logo and the window's address, pt.
  static let logoGap = 12.0
  var organisation: String
  var tagline: String?
  var sender: [String]
  var recipient: [String]
  /// The logo, set at the top right, above the window.
  var logo: PictureFigure?
  /// The text area's top-left corner on the page, pt.
  var origin: Point
  var nameStyle: TextStyle
  var taglineStyle: TextStyle
  var senderStyle: TextStyle
  var addressStyle: TextStyle
  var accent: Color

  var printedTexts: [String] { [organisation] + [tagline].compactMap { $0 } + sender + recipient }

  func frame(width: Double, measurer: any TextMeasurer) -> Frame {
    var frame = Frame(size: Size(width: width, height: 0))
    let left = WindowEnvelope.addressLeft - origin.x
    let headWidth = max(80, left - 16)
    var y = 0.0
    let name = Frame.paragraph(organisation, style: nameStyle, width: headWidth, measurer: measurer)
    frame.place(name, at: Point(x: 0, y: y))
    y += name.size.height + 2
    if let tagline {
      let lines = Frame.paragraph(
        tagline, style: taglineStyle, width: headWidth, measurer: measurer)
      frame.place(lines, at: Point(x: 0, y: y))
      y += lines.size.height
    }
    y += 4
    frame.items.append(.rect(Rect(x: 0, y: y, width: 40, height: 2), fill: accent, stroke: nil))
    y += 7
    for line in sender {
      let lines = Frame.paragraph(line, style: senderStyle, width: headWidth, measurer: measurer)
      frame.place(lines, at: Point(x: 0, y: y))
      y += lines.size.height
    }
    if let logo {
      let picture = logo.frame(width: Self.logoWidth, measurer: measurer)
      frame.place(picture, at: Point(x: width - picture.size.width, y: 0))
      y = max(y, picture.size.height)
    }
    var top = WindowEnvelope.addressTop - origin.y
    let addressWidth = width - left
    for line in recipient {
      let lines = Frame.paragraph(
        line, style: addressStyle, width: addressWidth, measurer: measurer)
      frame.place(lines, at: Point(x: left, y: top))
      top += lines.size.height
    }
    frame.size.height = max(y, WindowEnvelope.textBelow - origin.y, top)
    return frame
  }
}

/// Numbered items, the numbers in a column of their own and the texts wrapped beside.
struct NumberedItems: FigureContent, PrintsTexts {
  var items: [(number: String, text: String)]
  var style: TextStyle
  var numberStyle: TextStyle

  var printedTexts: [String] { items.flatMap { [$0.number, $0.text] } }

  func frame(width: Double, measurer: any TextMeasurer) -> Frame {
    var frame = Frame(size: Size(width: width, height: 0))
    let column = (items.map { measurer.width(of: $0.number, style: numberStyle) }.max() ?? 0) + 6
    for item in items {
      let number = Frame.paragraph(
        item.number, style: numberStyle, alignment: .right, width: column - 6, measurer: measurer)
      let text = Frame.paragraph(
        item.text, style: style, width: width - column - 8, measurer: measurer)
      frame.place(number, at: Point(x: 8, y: frame.size.height))
      frame.place(text, at: Point(x: 8 + column, y: frame.size.height))
      frame.size.height += max(number.size.height, text.size.height) + 1
    }
    return frame
  }
}

/// The signatory's name and role, in the right half of the measure.
struct SignatureBlock: FigureContent, PrintsTexts {
  var lines: [String]
  var nameStyle: TextStyle
  var roleStyle: TextStyle

  var printedTexts: [String] { lines }

  func frame(width: Double, measurer: any TextMeasurer) -> Frame {
    var frame = Frame(size: Size(width: width, height: 0))
    let x = width * 0.55
    for (index, line) in lines.enumerated() {
      let text = Frame.paragraph(
        line, style: index == 0 ? nameStyle : roleStyle, width: width - x, measurer: measurer)
      frame.place(text, at: Point(x: x, y: frame.size.height))
      frame.size.height += text.size.height
    }
    return frame
  }
}

/// Lines of a form: each row one or more fields side by side, a field its label then
/// its value, or a rule to write on when it has none.
struct FormFields: FigureContent, PrintsTexts {
  struct Field: Sendable {
    var label: String
    var value: String?
  }

  var rows: [[Field]]
  var labelStyle: TextStyle
  var valueStyle: TextStyle
  var rule: Stroke

  /// A row's height, pt: room to write by hand.
  static let rowHeight = 24.0

  var printedTexts: [String] {
    rows.flatMap { $0.flatMap { [$0.label] + [$0.value].compactMap { $0 } } }
  }

  func frame(width: Double, measurer: any TextMeasurer) -> Frame {
    var frame = Frame(size: Size(width: width, height: 0))
    for row in rows {
      let count = Double(max(1, row.count))
      let gap = 14.0
      let fieldWidth = (width - gap * (count - 1)) / count
      var height = Self.rowHeight
      for (index, field) in row.enumerated() {
        let x = Double(index) * (fieldWidth + gap)
        let label = field.label + "\u{00A0}:"
        let labelWidth = min(fieldWidth * 0.6, measurer.width(of: label, style: labelStyle))
        let top = frame.size.height + Self.rowHeight - labelStyle.lineHeight
        let labelFrame = Frame.paragraph(
          label, style: labelStyle, width: labelWidth + 1, measurer: measurer)
        frame.place(labelFrame, at: Point(x: x, y: top))
        let start = x + labelWidth + 6
        if let value = field.value {
          let valueFrame = Frame.paragraph(
            value, style: valueStyle, width: fieldWidth - labelWidth - 6, measurer: measurer)
          frame.place(valueFrame, at: Point(x: start, y: top))
          height = max(height, Self.rowHeight - labelStyle.lineHeight + valueFrame.size.height)
        } else {
          let y = frame.size.height + Self.rowHeight - 3
          frame.items.append(
            .line(from: Point(x: start, y: y), to: Point(x: x + fieldWidth, y: y), stroke: rule))
        }
      }
      frame.size.height += height
    }
    return frame
  }
}

/// The box where the pouvoir is signed, its caption above.
struct SignatureBox: FigureContent, PrintsTexts {
  var caption: String
  var style: TextStyle
  var stroke: Stroke
  var height: Double

  var printedTexts: [String] { [caption] }

  func frame(width: Double, measurer: any TextMeasurer) -> Frame {
    let boxWidth = width * 0.5
    let x = width - boxWidth
    var frame = Frame(size: Size(width: width, height: 0))
    let text = Frame.paragraph(caption, style: style, width: boxWidth, measurer: measurer)
    frame.place(text, at: Point(x: x, y: 0))
    let top = text.size.height + 3
    frame.items.append(
      .rect(Rect(x: x, y: top, width: boxWidth, height: height), fill: nil, stroke: stroke))
    frame.size.height = top + height
    return frame
  }
}

/// What a page left blank for recto-verso printing says, half-way down.
struct BlankPageMark: FigureContent, PrintsTexts {
  var text: String
  var style: TextStyle
  var height: Double

  var printedTexts: [String] { [text] }

  func frame(width: Double, measurer: any TextMeasurer) -> Frame {
    var frame = Frame(size: Size(width: width, height: height))
    let line = Frame.paragraph(
      text, style: style, alignment: .center, width: width, measurer: measurer)
    frame.place(line, at: Point(x: 0, y: height - line.size.height))
    return frame
  }
}
