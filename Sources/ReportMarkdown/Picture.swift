import Foundation
import ReportModel

/// A picture file checked before anything is laid out: where it is, what it is, how big.
///
/// The drawing (cairo for PNG and JPEG, librsvg for SVG) is the renderer's; this value
/// only promises that the file exists, is readable, is what its first bytes say, has a
/// sane size, and (for SVG) refers to nothing outside itself.
public struct Picture: Hashable, Sendable {
  /// The file formats the pack can print.
  public enum Format: String, Hashable, Sendable {
    /// PNG (any colour type, alpha or not).
    case png
    /// JPEG (baseline or progressive), embedded as it is.
    case jpeg
    /// SVG, drawn as vectors.
    case svg
  }

  /// The file to read, as resolved (relative to the Markdown file's folder, or as
  /// given to ``read(file:alt:caption:referencedAt:)``).
  public var path: String
  /// What the file's first bytes say it is (not its extension).
  public var format: Format
  /// The width in pixels; for SVG, in CSS pixels (1/96 in), possibly fractional.
  public var width: Double
  /// The height in pixels; for SVG, in CSS pixels (1/96 in), possibly fractional.
  public var height: Double
  /// True when the picture may be transparent.
  ///
  /// That is a PNG with an alpha channel or a `tRNS` chunk, and an SVG that uses
  /// opacity, masks, filters, embedded pictures or colours with alpha (erring towards
  /// yes). PDF/A-1 allows no transparency: such a picture must be flattened onto white
  /// for the archival file.
  public var hasAlpha: Bool
  /// The alternative text, for screen readers (the PDF's `/Alt`).
  public var alt: String
  /// The caption printed under the picture; nil when none.
  public var caption: String?
  /// Where the picture is referenced (the Markdown file and line, or a YAML field).
  public var location: SourceLocation
  /// The font families an SVG's text asks for (the first choice of each
  /// `font-family`), in order; empty for PNG and JPEG.
  public var fontFamilies: [String] = []

  /// Creates a picture.
  public init(
    path: String, format: Format, width: Double, height: Double, hasAlpha: Bool, alt: String,
    caption: String?, location: SourceLocation
  ) {
    self.path = path
    self.format = format
    self.width = width
    self.height = height
    self.hasAlpha = hasAlpha
    self.alt = alt
    self.caption = caption
    self.location = location
  }

  /// The most pixels a PNG or JPEG may have (20 Mpixel): past that, decoding it would
  /// take hundreds of megabytes for no visible gain on paper.
  public static let maximumPixels = 20_000_000
  /// The longest side a PNG or JPEG may have: cairo's limit for an image surface.
  public static let maximumSide = 32_767
  /// How many times longer than wide (or wider than long) a picture may be: one
  /// thinner than that, scaled to the text width, would run for metres or vanish.
  public static let maximumAspectRatio = 50.0
  /// The largest picture file read (64 MiB).
  public static let maximumFileSize = 64 << 20

  /// Checks a picture file and describes it.
  ///
  /// - Parameters:
  ///   - path: the file to read.
  ///   - alt: the alternative text.
  ///   - caption: the caption, if any.
  ///   - location: where the picture is asked for: every problem is reported there, with
  ///     the picture's path in the message.
  /// - Throws: a ``ReportModel/DataError``: the file is missing, unreadable, of a format
  ///   the pack cannot print, truncated or corrupt, too large (more than
  ///   ``maximumPixels`` or ``maximumSide``), too thin (``maximumAspectRatio``), or an
  ///   SVG that refers to other files or declares entities.
  public static func read(
    file path: String, alt: String, caption: String?, referencedAt location: SourceLocation
  ) throws(DataError) -> Picture {
    func failure(_ message: String, _ hint: String?) -> DataError {
      DataError(problems: [DataProblem(at: location, field: "", message: message, hint: hint)])
    }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw failure(tr("the picture %1 does not exist", path), missingHint(path))
    }
    guard !isFolder.boolValue else {
      throw failure(
        tr("the picture %1 is a folder, not a file", path), tr("name the picture file itself"))
    }
    // The file a link points to, which must be a regular file: a device or a pipe
    // (/dev/zero) would be read for ever.
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    let attributes = (try? FileManager.default.attributesOfItem(atPath: target)) ?? [:]
    guard attributes[.type] as? FileAttributeType == .typeRegular else {
      throw failure(
        tr("the picture %1 is not a regular file", path), tr("name a PNG, JPEG or SVG file"))
    }
    let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
    guard size <= maximumFileSize else {
      throw failure(
        tr(
          "the picture %1 is too large a file (%2 MiB, at most %3)", path, size >> 20,
          maximumFileSize >> 20),
        tr("scale it down, e.g. convert %1 -resize 3000x3000 smaller.jpg", path))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw failure(
        tr("the picture %1 cannot be read", path), tr("check its permissions (chmod a+r)"))
    }
    return try read(
      bytes: [UInt8](data), path: path, alt: alt, caption: caption, referencedAt: location)
  }

  /// Checks a picture file's bytes already read, and describes it.
  ///
  /// The checks of ``read(file:alt:caption:referencedAt:)`` that look at the bytes:
  /// format, truncation, size limits, SVG references and entities. `path` is only
  /// named in the messages and kept in the result.
  /// - Throws: a ``ReportModel/DataError`` at `location`.
  public static func read(
    bytes: [UInt8], path: String, alt: String, caption: String?,
    referencedAt location: SourceLocation
  ) throws(DataError) -> Picture {
    func failure(_ message: String, _ hint: String?) -> DataError {
      DataError(problems: [DataProblem(at: location, field: "", message: message, hint: hint)])
    }
    let header: PictureHeader
    do {
      header = try PictureHeader.read(bytes)
    } catch {
      throw failure(tr("the picture %1 %2", path, error.message), error.hint)
    }
    let width = header.width
    let height = header.height
    let shown = "\(PictureHeader.number(width)) × \(PictureHeader.number(height)) pixels"
    if header.format != .svg {
      if max(width, height) > Double(maximumSide) {
        throw failure(
          tr(
            "the picture %1 is too large: %2, more than %3 on a side", path, shown,
            PictureHeader.number(Double(maximumSide))),
          tr(
            "scale it down, e.g. convert %1 -resize 4000x4000 smaller.%2", path,
            header.format.rawValue))
      }
      if width * height > Double(maximumPixels) {
        let megapixels = (width * height / 100_000).rounded() / 10
        throw failure(
          tr(
            "the picture %1 is too large: %2 (%3 Mpixel, at most %4)", path, shown,
            PictureHeader.number(megapixels), maximumPixels / 1_000_000),
          tr(
            "scale it down, e.g. convert %1 -resize 4000x4000 smaller.%2", path,
            header.format.rawValue))
      }
    }
    if max(width / height, height / width) > maximumAspectRatio {
      throw failure(
        tr("the picture %1 is too thin to print: %2", path, shown),
        tr("a picture may be at most %1 times longer than wide: crop it", Int(maximumAspectRatio)))
    }
    var picture = Picture(
      path: path, format: header.format, width: width, height: height,
      hasAlpha: header.hasAlpha, alt: alt, caption: caption, location: location)
    picture.fontFamilies = header.fontFamilies
    return picture
  }

  /// "Did you mean" for a missing file: the closest names in its folder.
  private static func missingHint(_ path: String) -> String {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    let name = url.lastPathComponent
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
      return tr("the folder %1 does not exist either: check the path", folder)
    }
    if let best = closest(to: name, among: names) { return tr("did you mean %1?", best) }
    return tr("check the name; the path is relative to the Markdown file's folder")
  }

}

extension Picture {
  /// Checks a picture a Markdown document refers to, its file taken relative to the
  /// Markdown file's folder.
  /// - Throws: a ``ReportModel/DataError`` at the Markdown file and line, as
  ///   ``read(file:alt:caption:referencedAt:)``.
  public init(_ image: MarkdownImage, in document: MarkdownDocument) throws(DataError) {
    self = try Picture.read(
      file: Self.resolve(image.source, relativeTo: document.file), alt: image.alt,
      caption: image.caption, referencedAt: SourceLocation(file: document.file, line: image.line))
  }

  /// The path of `source` seen from the folder of `file`; a `%20`-style escaped name is
  /// decoded when only the decoded name exists.
  static func resolve(_ source: String, relativeTo file: String) -> String {
    func join(_ name: String) -> String {
      if name.hasPrefix("/") { return name }
      let folder = (file as NSString).deletingLastPathComponent
      return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }
    let path = join(source)
    if !FileManager.default.fileExists(atPath: path), let decoded = source.removingPercentEncoding,
      decoded != source, FileManager.default.fileExists(atPath: join(decoded))
    {
      return join(decoded)
    }
    return path
  }
}

extension Picture {
  /// The generic CSS families, which resolve to one of the document's own fonts.
  public static let genericFamilies: Set<String> = [
    "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui",
  ]

  /// Checks that an SVG's text asks only for `families` (the document's fonts) or
  /// generic ones: another family would be drawn, without a word, in another face.
  /// - Throws: a ``ReportModel/DataError`` at the picture's location.
  public func checkFontFamilies(_ families: [String]) throws(DataError) {
    let known = Set(families.map { $0.lowercased() })
    for family in fontFamilies {
      let name = family.lowercased()
      guard !known.contains(name), !Self.genericFamilies.contains(name) else { continue }
      throw DataError(problems: [
        DataProblem(
          at: location, field: "",
          message:
            tr(
              "the picture %1 sets text in “%2”, which is not among the document's fonts (%3): it would be drawn in another face",
              path, family, families.joined(separator: ", ")),
          hint:
            tr(
              "write font-family=\"%1\" in the SVG, or convert its text to paths",
              families.first ?? "sans-serif")
        )
      ])
    }
  }
}

extension MarkdownDocument {
  /// Checks every picture the document refers to, in reading order, before anything is
  /// laid out.
  /// - Throws: a ``ReportModel/DataError`` listing every picture's problem, each at its
  ///   Markdown line.
  public func pictures() throws(DataError) -> [Picture] {
    var pictures: [Picture] = []
    var problems: [DataProblem] = []
    for image in images {
      do {
        pictures.append(try Picture(image, in: self))
      } catch {
        problems += error.problems
      }
    }
    guard problems.isEmpty else { throw DataError(problems: problems) }
    return pictures
  }
}
