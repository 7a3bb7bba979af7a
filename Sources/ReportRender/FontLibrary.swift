import CCairoPango
import Foundation

/// The fonts of a document: a private fontconfig configuration holding only the
/// files of one folder, and a Pango font map over it.
///
/// Output never depends on the fonts installed on the machine. One library serves
/// one thread: Pango font maps must not be shared across threads.
public final class FontLibrary {
  let config: OpaquePointer
  let fontMap: UnsafeMutablePointer<PangoFontMap>
  /// The family's regular face at 10 pt, for coverage checks.
  private var regular: UnsafeMutablePointer<PangoFont>?
  /// What the regular face has of the scalars above U+FFFF, as asked.
  private var coverage: [Unicode.Scalar: Bool] = [:]
  /// The same for the scalars up to U+FFFF, one byte each (a dictionary's hashing
  /// cost more than the rest of the check on a large year): 0 not asked yet, 1 in
  /// the face (or never printed as a glyph: white space, soft hyphen), 2 not.
  private var basic = FontLibrary.unasked
  private static let unasked: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 0x1_0000)
    for value in [0x09, 0x0A, 0x0D, 0x20, 0xAD] { table[value] = 1 }
    return table
  }()

  /// The family every style is checked against (empty until ``require(family:)``).
  public private(set) var family = ""
  private let directory: String

  /// Registers the fonts of `directory` and checks that `family` resolves to them.
  /// - Throws: ``RenderError`` when the folder has no fonts, the family is not among
  ///   them, or the family lacks U+202F or €.
  public convenience init(directory: String, family: String) throws(RenderError) {
    try self.init(directory: directory)
    try require(family: family)
  }

  /// Registers the fonts of `directory`, before the family is known (the templates
  /// that name it may still be loading); ``require(family:)`` must follow.
  /// - Throws: ``RenderError`` when the folder has no fonts.
  public init(directory: String) throws(RenderError) {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    guard files.contains(where: { $0.hasSuffix(".otf") || $0.hasSuffix(".ttf") }) else {
      throw .noFonts(directory: directory)
    }
    guard let config = FcConfigCreate() else {
      throw .fonts("fontconfig: cannot create a configuration")
    }
    // A cache folder of its own, so that fontconfig does not complain on stderr.
    _ = FcConfigParseAndLoadFromMemory(
      config, "<fontconfig><cachedir prefix=\"xdg\">report-fontconfig</cachedir></fontconfig>", 0)
    guard FcConfigAppFontAddDir(config, directory) != 0 else {
      FcConfigDestroy(config)
      throw .noFonts(directory: directory)
    }
    guard let map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT) else {
      FcConfigDestroy(config)
      throw .fonts("pango: cannot create a font map")
    }
    pango_fc_font_map_set_config(OpaquePointer(map), config)
    self.config = config
    self.fontMap = map
    self.directory = directory
  }

  /// Checks that `family` resolves to a font of the folder and has the characters
  /// French needs; the library then serves that family.
  /// - Throws: ``RenderError`` when the family is not among the fonts or lacks U+202F,
  ///   U+00A0 or €.
  public func require(family: String) throws(RenderError) {
    self.family = family
    coverage = [:]
    basic = Self.unasked
    if let regular { g_object_unref(UnsafeMutableRawPointer(regular)) }
    regular = nil
    try check(directory: directory)
  }

  /// The first character of `text` that the family's regular face cannot draw
  /// (white space and soft hyphens aside), or `nil` when it can draw them all.
  public func missingCharacter(in text: String) -> Unicode.Scalar? {
    for scalar in text.unicodeScalars {
      let value = Int(scalar.value)
      if value < 0x1_0000 {
        switch basic[value] {
        case 1: continue
        case 2: return scalar
        default:
          let has = pango_font_has_char(regular, gunichar(scalar.value)) != 0
          basic[value] = has ? 1 : 2
          if !has { return scalar }
        }
        continue
      }
      if let known = coverage[scalar] {
        if known { continue } else { return scalar }
      }
      let has = pango_font_has_char(regular, gunichar(scalar.value)) != 0
      coverage[scalar] = has
      if !has { return scalar }
    }
    return nil
  }

  deinit {
    if let regular { g_object_unref(UnsafeMutableRawPointer(regular)) }
    g_object_unref(UnsafeMutableRawPointer(fontMap))
    FcConfigDestroy(config)
  }

  /// Checks that the family resolves to itself and has the characters French needs.
  private func check(directory: String) throws(RenderError) {
    let context = pango_font_map_create_context(fontMap)
    defer { g_object_unref(UnsafeMutableRawPointer(context)) }
    let description = pango_font_description_new()
    defer { pango_font_description_free(description) }
    pango_font_description_set_family(description, family)
    pango_font_description_set_absolute_size(description, 10 * Double(PANGO_SCALE))
    guard let font = pango_font_map_load_font(fontMap, context, description) else {
      throw .familyNotFound(requested: family, resolved: "nothing", directory: directory)
    }
    regular = font
    let resolved = pango_font_describe(font)
    defer { pango_font_description_free(resolved) }
    let name = pango_font_description_get_family(resolved).map { String(cString: $0) } ?? "?"
    guard name.caseInsensitiveCompare(family) == .orderedSame else {
      throw .familyNotFound(requested: family, resolved: name, directory: directory)
    }
    for (scalar, label) in [
      (0x202F, "U+202F (narrow no-break space)"), (0x00A0, "U+00A0 (no-break space)"),
      (0x20AC, "€"),
    ]
    where pango_font_has_char(font, gunichar(scalar)) == 0 {
      throw .missingCharacter(family: family, character: label)
    }
  }
}
