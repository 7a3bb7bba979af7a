import ReportLayout

/// Draws the items of a page on a cairo context, in order: a walk over the
/// ``FrameItem``s that decides nothing (layout placed, broke, justified and tagged
/// everything).
///
/// The same painter draws PDF pages (``PDFRenderer``) and PNG images (``PNGRenderer``);
/// on an image, tags, links and destinations are ignored by cairo.
struct Painter {
  /// Draws the text runs with the fonts layout measured them with.
  let measurer: PangoMeasurer
  /// Whether the file allows no transparency (PDF/A-1): a picture that may be
  /// transparent is flattened onto white.
  var opaque = false

  /// Draws one item.
  func draw(_ item: FrameItem, on context: CairoContext) {
    switch item {
    case .text(let run):
      measurer.draw(run, on: context)
    case .rect(let rect, let fill, let stroke):
      context.rectangle(rect)
      paint(fill: fill, stroke: stroke, on: context)
    case .line(let from, let to, let stroke):
      context.move(to: from)
      context.line(to: to)
      paint(fill: nil, stroke: stroke, on: context)
    case .polyline(let points, let stroke, let dash):
      guard let first = points.first else { return }
      context.move(to: first)
      for point in points.dropFirst() { context.line(to: point) }
      context.setRoundJoins()
      if !dash.isEmpty { context.setDash(dash) }
      paint(fill: nil, stroke: stroke, on: context)
      context.setDash([])
    case .wedge(let wedge, let fill, let stroke):
      let radians = Double.pi / 180
      context.move(to: wedge.center)
      context.arc(
        center: wedge.center, radius: wedge.radius, from: (wedge.startAngle - 90) * radians,
        to: (wedge.endAngle - 90) * radians)
      context.closePath()
      paint(fill: fill, stroke: stroke, on: context)
    case .image(let image):
      Pictures.draw(
        image, on: context.pointer, fontMap: UnsafeMutableRawPointer(measurer.fonts.fontMap),
        flatten: opaque && image.mayBeTransparent)
    case .link(let rect, let destination):
      context.beginTag(
        "Link",
        attributes:
          "dest='\(escaped(destination))' rect=[\(rect.minX) \(rect.minY) \(rect.width) \(rect.height)]"
      )
      context.endTag("Link")
    case .beginLink(let target):
      // No rect: cairo makes the clickable area the extent of what is drawn inside.
      switch target {
      case .uri(let uri): context.beginTag("Link", attributes: "uri='\(escaped(uri))'")
      case .destination(let name): context.beginTag("Link", attributes: "dest='\(escaped(name))'")
      }
    case .endLink:
      context.endTag("Link")
    case .beginStructure(let role, _):
      context.beginTag(role.rawValue)
    case .endStructure(let role):
      context.endTag(role.rawValue)
    case .beginArtifact:
      // Cairo 1.16 has no artifacts and refuses a tag it does not know: page
      // furniture is drawn as a Private element, which no other item makes, and the
      // finisher turns exactly those into /Artifact marked content.
      context.beginTag(PDFFinisher.artifactTag)
    case .endArtifact:
      context.endTag(PDFFinisher.artifactTag)
    case .anchor(let name, let point, _):
      context.beginTag(
        "cairo.dest", attributes: "name='\(escaped(name))' x=\(point.x) y=\(point.y)")
      context.endTag("cairo.dest")
    }
  }

  private func paint(fill: Color?, stroke: Stroke?, on context: CairoContext) {
    if let fill {
      context.setColor(fill)
      context.fill(preserve: stroke != nil)
    }
    if let stroke {
      context.setColor(stroke.color)
      context.stroke(width: stroke.width)
    }
    context.newPath()
  }
}
