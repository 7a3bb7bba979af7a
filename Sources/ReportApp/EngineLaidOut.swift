import ReportCompose
import ReportLayout
import ReportModel

// Documents written from pages already laid out: the file to post of
// `report convocations` is the letters' own pages, joined, not a second layout of
// every letter. ``Engine/write(_:year:templates:typesetter:)`` in two halves, for the
// documents whose pages are kept: ``Engine/layOut(_:templates:typesetter:)`` then
// ``Engine/write(laidOut:composed:kind:year:typesetter:)``.

extension Engine {
  /// Composes, checks and lays out one document, writing nothing.
  /// - Throws: ``RunError``: a character the fonts lack, a layout error.
  func layOut(
    _ kind: any DocumentKind, templates: Templates, typesetter: Typesetter
  ) throws(RunError) -> (composed: ComposedDocument, document: LaidOutDocument) {
    let composed = timings.measure("compose") { kind.compose(templates) }
    try timings.measure("check the characters") { () throws(RunError) in
      try checkCoverage(composed, sources: kind.sources, typesetter: typesetter)
    }
    // A document with large tables has them measured on a second core, with fonts
    // of its own.
    var helpers: [Typesetter] = []
    if Self.cores > 1 && composed.largestTableCellCount >= DocumentLayouter.parallelTableCells {
      let fonts = try timings.measure("load the second core's fonts") {
        () throws(RunError) -> Typesetter in
        try Typesetter(fonts: Typesetter.fonts(directory: paths.fonts), templates: templates)
      }
      helpers.append(fonts)
    }
    return (composed, try layOut(composed, typesetter: typesetter, helpers: helpers))
  }

  /// Lays a composed document out with `typesetter`'s fonts, on this thread (and
  /// the helpers' for its large tables).
  func layOut(
    _ composed: ComposedDocument, typesetter: Typesetter, helpers: [Typesetter] = []
  ) throws(RunError) -> LaidOutDocument {
    do {
      return try timings.measure("lay out") { () throws(LayoutError) -> LaidOutDocument in
        var layouter = DocumentLayouter(
          measurer: typesetter.measurer, firstPageStyle: composed.firstPageStyle,
          footer: composed.footer, hyphenator: typesetter.hyphenator)
        layouter.helpers = helpers.map(\.measurer)
        return try layouter.layout(composed.blocks)
      }
    } catch {
      throw Self.error(error, theme: paths.templates + "/theme.yaml")
    }
  }

  /// Draws pages already laid out and writes them to `<output>/<year>/` under
  /// `composed`'s file name and metadata (`composed`'s blocks are not looked at), as
  /// ``write(_:year:templates:typesetter:)`` writes a document it lays out.
  /// - Parameter kind: the document's kind, for its day, name and details.
  /// - Throws: ``RunError``; nothing is written then.
  func write(
    laidOut document: consuming LaidOutDocument, composed: ComposedDocument,
    kind: any DocumentKind, year: Int, typesetter: Typesetter
  ) throws(RunError) -> Written {
    let profile = try archival ? Rendering.archival(profile: colourProfile) : nil
    return try write(
      laidOut: document, composed: composed, kind: kind, year: year, typesetter: typesetter,
      profile: profile)
  }

  /// ``write(laidOut:composed:kind:year:typesetter:)`` with the PDF/A profile read.
  func write(
    laidOut document: consuming LaidOutDocument, composed: ComposedDocument,
    kind: any DocumentKind, year: Int, typesetter: Typesetter, profile: ArchivalProfile?
  ) throws(RunError) -> Written {
    let pages = document.pages.count
    let folder = try outputFolder(year)
    let lock = try OutputLock(folder: folder) { waiting(folder) }
    defer { withExtendedLifetime(lock) {} }
    let name = profile == nil ? composed.fileName : Self.archivalName(composed.fileName)
    let path = "\(folder)/\(name)"
    try Rendering.write(
      consume document, composed: composed, date: documentDate(about: kind.day), archival: profile,
      typesetter: typesetter, to: path, timings: timings)
    return Written(path: path, pages: pages, kind: kind.name, details: kind.details)
  }
}
