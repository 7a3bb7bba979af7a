/// A laid-out frame or document as text, one item a line, numbers to 3 decimals:
/// what layout decided, readable in a test's golden file and in a diff.
///
/// Structure elements indent what they hold; artifacts are `artifact {` … `}`.
public enum FrameDump {
  /// The pages of a document, each headed by its size and printable box.
  public static func text(of document: LaidOutDocument) -> String {
    var lines: [String] = []
    for (index, page) in document.pages.enumerated() {
      lines.append(
        "page \(index + 1) \(number(page.size.width))×\(number(page.size.height)) printable \(rect(page.printableBox))"
      )
      lines += itemLines(page.items, depth: 1)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A frame's size and items.
  public static func text(of frame: Frame) -> String {
    (["frame \(number(frame.size.width))×\(number(frame.size.height))"]
      + itemLines(frame.items, depth: 1)).joined(separator: "\n") + "\n"
  }

  /// One line per item, indented two spaces per open element or artifact.
  public static func itemLines(_ items: [FrameItem], depth: Int = 0) -> [String] {
    var depth = depth
    var lines: [String] = []
    for item in items {
      switch item {
      case .endStructure, .endArtifact, .endLink: depth = max(0, depth - 1)
      default: break
      }
      lines.append(String(repeating: "  ", count: depth) + line(item))
      switch item {
      case .beginStructure, .beginArtifact, .beginLink: depth += 1
      default: break
      }
    }
    return lines
  }

  /// One item on one line.
  public static func line(_ item: FrameItem) -> String {
    switch item {
    case .text(let run):
      var line =
        "text \(point(run.origin)) w \(number(run.width)) \(style(run.style)) \"\(run.text)\""
      if run.wordSpacing != 0 { line += " word+ \(number(run.wordSpacing))" }
      if run.letterSpacing != 0 { line += " letter+ \(number(run.letterSpacing))" }
      return line
    case .rect(let box, let fill, let stroke):
      return "rect \(rect(box))" + (fill.map { " fill \(color($0))" } ?? "")
        + (stroke.map { " stroke \(self.stroke($0))" } ?? "")
    case .line(let from, let to, let stroke):
      return "line \(point(from)) \(point(to)) \(self.stroke(stroke))"
    case .polyline(let points, let stroke, let dash):
      return "polyline \(points.map(point).joined(separator: " ")) \(self.stroke(stroke))"
        + (dash.isEmpty ? "" : " dash \(dash.map(number).joined(separator: " "))")
    case .wedge(let wedge, let fill, let stroke):
      return
        "wedge \(point(wedge.center)) r \(number(wedge.radius)) \(number(wedge.startAngle))°…\(number(wedge.endAngle))° fill \(color(fill))"
        + (stroke.map { " stroke \(self.stroke($0))" } ?? "")
    case .image(let image):
      return "image \(rect(image.rect)) \(image.format.rawValue) \"\(image.path)\""
    case .link(let box, let destination):
      return "link \(rect(box)) → \(destination)"
    case .anchor(let name, let at, let outline):
      return "anchor \(name) \(point(at))"
        + (outline.map { " outline \($0.level) \"\($0.title)\"" } ?? "")
    case .beginStructure(let role, let alternative):
      return role.rawValue + (alternative.map { " alt \"\($0.text)\"" } ?? "") + " {"
    case .endStructure(let role):
      return "} " + role.rawValue
    case .beginLink(.uri(let uri)):
      return "Link → <\(uri)> {"
    case .beginLink(.destination(let destination)):
      return "Link → \(destination) {"
    case .endLink:
      return "} Link"
    case .beginArtifact:
      return "artifact {"
    case .endArtifact:
      return "} artifact"
    }
  }

  /// A number to 3 decimals, without a negative zero.
  public static func number(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    let thousandths = (value * 1000).rounded()
    let sign = thousandths < 0 ? "-" : ""
    let magnitude = Int64(abs(thousandths))
    let fraction = String(magnitude % 1000)
    return sign + String(magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count)
      + fraction
  }

  private static func point(_ point: Point) -> String { "\(number(point.x)),\(number(point.y))" }

  private static func rect(_ rect: Rect) -> String {
    "\(point(rect.origin)) \(number(rect.width))×\(number(rect.height))"
  }

  private static func color(_ color: Color) -> String {
    func byte(_ value: Double) -> String {
      let hex = String(Int((min(1, max(0, value)) * 255).rounded()), radix: 16)
      return hex.count == 1 ? "0" + hex : hex
    }
    return "#" + byte(color.red) + byte(color.green) + byte(color.blue)
  }

  private static func stroke(_ stroke: Stroke) -> String {
    "\(color(stroke.color)) \(number(stroke.width))"
  }

  private static func style(_ style: TextStyle) -> String {
    var parts = [style.family, style.weight.rawValue]
    if style.italic { parts.append("italic") }
    parts.append(number(style.size))
    if style.tabularFigures { parts.append("tnum") }
    if style.color != .black { parts.append(color(style.color)) }
    return parts.joined(separator: " ")
  }
}
