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
    let (composed, helpers) = try composed(kind, templates: templates, typesetter: typesetter)
    return (composed, try layOut(composed, typesetter: typesetter, helpers: helpers))
  }

  /// Composes, checks and measures one document and counts its pages, writing nothing.
  ///
  /// Its pages come from the stream, to be drawn as they are made. The helpers are the
  /// fonts of the second core that measured its large tables, free again to shape its
  /// pages while they are drawn.
  /// - Throws: ``RunError``: a character the fonts lack, a layout error.
  func pages(
    _ kind: any DocumentKind, templates: Templates, typesetter: Typesetter
  ) throws(RunError) -> (composed: ComposedDocument, stream: PageStream, helpers: [Typesetter]) {
    var (composed, helpers) = try composed(kind, templates: templates, typesetter: typesetter)
    let layouter = layouter(composed, typesetter: typesetter, helpers: helpers)
    let stream = try layingOut { () throws(LayoutError) in
      try layouter.pages(of: composed.blocks)
    }
    // The texts are in the stream's measured pieces now: without the blocks and what
    // they were made from, each page's go once it is drawn (a ledger's FEC lines and
    // rows, 48 MB at 100 000 lines, were held to the end).
    composed.blocks = []
    kind.releaseInputs()
    return (composed, stream, helpers)
  }

  /// The document of `kind` composed and its characters checked, with the fonts of
  /// a second core when it has large tables to measure.
  private func composed(
    _ kind: any DocumentKind, templates: Templates, typesetter: Typesetter
  ) throws(RunError) -> (ComposedDocument, [Typesetter]) {
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
      // Its glyphs would never be drawn: the drawing fonts draw what it measures.
      fonts.measurer.keepsGlyphs = false
      helpers.append(fonts)
    }
    return (composed, helpers)
  }

  /// The theme file, named in the messages of layout errors.
  private var theme: String { paths.templates + "/theme.yaml" }

  /// A layouter for `composed` with `typesetter`'s fonts (and the helpers' for its
  /// large tables).
  private func layouter(
    _ composed: ComposedDocument, typesetter: Typesetter, helpers: [Typesetter]
  ) -> DocumentLayouter {
    var layouter = DocumentLayouter(
      measurer: typesetter.measurer, firstPageStyle: composed.firstPageStyle,
      footer: composed.footer, hyphenator: typesetter.hyphenator)
    layouter.helpers = helpers.map(\.measurer)
    return layouter
  }

  /// Lays a composed document out with `typesetter`'s fonts, on this thread (and
  /// the helpers' for its large tables).
  func layOut(
    _ composed: ComposedDocument, typesetter: Typesetter, helpers: [Typesetter] = []
  ) throws(RunError) -> LaidOutDocument {
    let layouter = layouter(composed, typesetter: typesetter, helpers: helpers)
    return try layingOut { () throws(LayoutError) in try layouter.layout(composed.blocks) }
  }

  /// `body`'s layout, timed as the "lay out" step; its error said as the theme's,
  /// the data's or the tool's.
  private func layingOut<Laid>(_ body: () throws(LayoutError) -> Laid) throws(RunError) -> Laid {
    do {
      return try timings.measure("lay out", body)
    } catch {
      throw Self.error(error, theme: theme)
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
    let pages = document.pages.count
    let (path, lock) = try destination(composed, year: year, profile: profile)
    defer { withExtendedLifetime(lock) {} }
    try Rendering.write(
      consume document, composed: composed, date: documentDate(about: kind.day), archival: profile,
      typesetter: typesetter, to: path, timings: timings)
    return Written(path: path, pages: pages, kind: kind.name, details: kind.details)
  }

  /// Draws documents already laid out, one after the other, each as `next` gives it
  /// and each starting on an odd page (``PageJoiner``), and writes them as one
  /// document as ``write(laidOut:composed:kind:year:typesetter:)`` does.
  /// - Parameters:
  ///   - next: the next part, `nil` after the last; its error stops the file.
  ///   - blank: the page put after a part of an odd page count that another follows.
  /// - Throws: ``RunError``, `next`'s included; nothing is written then.
  func write(
    joining next: () throws(RunError) -> LaidOutDocument?, blank: Page,
    composed: ComposedDocument, kind: any DocumentKind, year: Int, typesetter: Typesetter
  ) throws(RunError) -> Written {
    let profile = try archival ? Rendering.archival(profile: colourProfile) : nil
    let (path, lock) = try destination(composed, year: year, profile: profile)
    defer { withExtendedLifetime(lock) {} }
    let pages = try Rendering.write(
      joining: next, blank: blank, composed: composed, date: documentDate(about: kind.day),
      archival: profile, typesetter: typesetter, to: path, timings: timings)
    return Written(path: path, pages: pages, kind: kind.name, details: kind.details)
  }

  /// Draws the pages of `stream` as they are made and writes them as
  /// ``write(laidOut:composed:kind:year:typesetter:)`` does.
  /// - Parameter shaper: fonts that shape each page's text on a thread of their own
  ///   while the page before is drawn.
  func write(
    stream: consuming PageStream, composed: ComposedDocument, kind: any DocumentKind, year: Int,
    typesetter: Typesetter, shaper: Typesetter? = nil, profile: ArchivalProfile?
  ) throws(RunError) -> Written {
    let (path, lock) = try destination(composed, year: year, profile: profile)
    defer { withExtendedLifetime(lock) {} }
    let pages = stream.pageCount
    try Rendering.write(
      stream: consume stream, composed: composed, date: documentDate(about: kind.day),
      archival: profile,
      typesetter: typesetter, shaper: shaper, to: path, timings: timings, theme: theme)
    return Written(path: path, pages: pages, kind: kind.name, details: kind.details)
  }

  /// Where `composed` is written in `<output>/<year>/`, with the output's lock, held
  /// by the caller while it writes.
  private func destination(
    _ composed: ComposedDocument, year: Int, profile: ArchivalProfile?
  ) throws(RunError) -> (path: String, lock: OutputLock) {
    let folder = try outputFolder(year)
    let lock = try OutputLock(folder: folder) { waiting(folder) }
    let name = profile == nil ? composed.fileName : Self.archivalName(composed.fileName)
    return ("\(folder)/\(name)", lock)
  }
}
