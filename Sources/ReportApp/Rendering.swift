import Foundation
import ReportCompose
import ReportLayout
import ReportRender

// The one place of the application that calls ReportRender: fonts, measuring,
// hyphenation, drawing and writing. Its errors become ``RunError``s here.

/// What sets a document's text: fonts, the measurer over them, hyphenation.
///
/// Not shareable between threads (a Pango font map is not): each worker of a
/// ``WorkerPool`` makes its own on its own thread and keeps it from one document to
/// the next (its caches carry over).
final class Typesetter {
  let fonts: FontLibrary
  let measurer: PangoMeasurer
  let hyphenator: LibHyphenator

  /// Registers the font files of a folder (the family is checked by ``init(fonts:templates:)``).
  static func fonts(directory: String) throws(RunError) -> FontLibrary {
    do {
      return try FontLibrary(directory: directory)
    } catch {
      throw Rendering.error(error)
    }
  }

  /// A typesetter over fonts already registered, for the templates' family and
  /// hyphenation patterns.
  init(fonts: FontLibrary, templates: Templates) throws(RunError) {
    do {
      try fonts.require(family: templates.theme.font.family)
      self.fonts = fonts
      measurer = PangoMeasurer(fonts: fonts)
      let rules = templates.theme.hyphenation
      hyphenator = try LibHyphenator(
        dictionary: rules.dictionary, leftMinimum: rules.leftMin, rightMinimum: rules.rightMin)
    } catch {
      throw Rendering.error(error)
    }
  }

  /// The first character of `text` the fonts cannot draw, if any.
  func missingCharacter(in text: String) -> Unicode.Scalar? { fonts.missingCharacter(in: text) }
}

extension Inputs {
  /// The problem of the theme's font family among the fonts folder's, if it has one,
  /// as a worker loading the fonts says it; asked only once the data has failed.
  func familyProblem() -> RunError? {
    guard let family = fontFamilies.first else { return nil }
    do throws(RenderError) {
      try FontLibrary(directory: paths.fonts).require(family: family)
      return nil
    } catch {
      return Rendering.error(error)
    }
  }
}

/// What a PDF/A file is made with (its colour profile), for the rest of the application.
typealias ArchivalProfile = PDFArchival

/// Drawing and writing a laid-out document.
enum Rendering {
  /// The PDF/A colour profile, read before anything is laid out.
  static func archival(profile: String) throws(RunError) -> PDFArchival {
    do {
      return try PDFArchival.load(profile: profile)
    } catch {
      throw Self.error(error)
    }
  }

  /// Draws `document` and writes it to `path` (atomically: see ``PDFRenderer``).
  static func write(
    _ document: consuming LaidOutDocument, composed: ComposedDocument, date: Int64,
    archival: PDFArchival?, typesetter: Typesetter, to path: String, timings: Timings
  ) throws(RunError) {
    let renderer = renderer(typesetter: typesetter, timings: timings)
    do {
      try renderer.write(
        document, metadata: metadata(composed, date: date, archival: archival), to: path)
    } catch {
      throw Self.error(error)
    }
  }

  /// Draws the pages of `stream` as layout makes them and writes them to `path`
  /// (atomically); a layout error is the theme's (`theme`) or the data's.
  static func write(
    stream: consuming PageStream, composed: ComposedDocument, date: Int64, archival: PDFArchival?,
    typesetter: Typesetter, shaper: Typesetter? = nil, to path: String, timings: Timings,
    theme: String
  ) throws(RunError) {
    let renderer = renderer(typesetter: typesetter, timings: timings)
    renderer.shaper = shaper?.measurer
    do {
      try renderer.write(
        consume stream, metadata: metadata(composed, date: date, archival: archival), to: path)
    } catch {
      if case .layout(let error) = error { throw Engine.error(error, theme: theme) }
      throw Self.error(error)
    }
  }

  /// Draws documents already laid out, one after the other, as one file at `path`
  /// (atomically), each drawn as `next` gives it (``PDFRenderer/write(joining:blank:metadata:to:)``).
  /// - Returns: the file's page count.
  static func write(
    joining next: () throws(RunError) -> LaidOutDocument?, blank: Page, composed: ComposedDocument,
    date: Int64, archival: PDFArchival?, typesetter: Typesetter, to path: String,
    timings: Timings
  ) throws(RunError) -> Int {
    let renderer = renderer(typesetter: typesetter, timings: timings)
    // The part's own error, kept to be thrown as it was.
    var missing: RunError?
    do throws(RenderError) {
      return try renderer.write(
        joining: { () throws(RenderError) -> LaidOutDocument? in
          do throws(RunError) {
            return try next()
          } catch {
            missing = error
            throw .missingPart(error.description)
          }
        }, blank: blank, metadata: metadata(composed, date: date, archival: archival), to: path)
    } catch {
      if let missing { throw missing }
      throw Self.error(error)
    }
  }

  private static func renderer(typesetter: Typesetter, timings: Timings) -> PDFRenderer {
    let renderer = PDFRenderer(measurer: typesetter.measurer)
    renderer.onStep = { step, duration in timings.add(step, duration) }
    return renderer
  }

  private static func metadata(_ composed: ComposedDocument, date: Int64, archival: PDFArchival?)
    -> PDFMetadata
  {
    PDFMetadata(
      title: composed.metadata.title, author: composed.metadata.author,
      subject: composed.metadata.subject, keywords: composed.metadata.keywords,
      creator: composed.metadata.creator, date: date, language: composed.language,
      pageLabels: composed.pageLabels, archival: archival)
  }

  /// Draws pages of `document` as PNG images in `folder`, named after the PDF and the
  /// page as pdftoppm names them (`dossier-ag-2019-01.png`), with the PDF's painter.
  /// - Returns: the paths written, in page order.
  static func preview(
    _ document: borrowing LaidOutDocument, pages: [Int], dpi: Double, typesetter: Typesetter,
    folder: String, name: String
  ) throws(RunError) -> [String] {
    let base = name.hasSuffix(".pdf") ? String(name.dropLast(4)) : name
    let digits = String(document.pages.count).count
    var written: [String] = []
    for page in pages {
      let number = String(page)
      let padded = String(repeating: "0", count: max(0, digits - number.count)) + number
      let path = "\(folder)/\(base)-\(padded).png"
      do {
        try PNGRenderer.write(
          page: document.pages[page - 1], dpi: dpi, measurer: typesetter.measurer, to: path)
      } catch {
        throw Self.error(error)
      }
      written.append(path)
    }
    return written
  }

  /// The run error of a render error, keeping its kind.
  ///
  /// A write that failed for lack of room (`ENOSPC`, `EDQUOT`) is a full disk.
  static func error(_ error: RenderError) -> RunError {
    switch error {
    case .noFonts, .familyNotFound, .missingCharacter, .hyphenation, .colourProfile, .fonts:
      return RunError(.fonts, error.said)
    case .output(_, let reason):
      let full = [ENOSPC, EDQUOT].map { String(cString: strerror($0)) }
      return RunError(full.contains(reason) ? .diskFull : .io, error.said)
    case .cairo, .qpdf, .structure, .archival, .missingPart:
      return RunError(.internal, error.said)
    case .layout(let error):
      return Engine.error(error)
    }
  }
}
