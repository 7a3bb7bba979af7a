import Foundation

/// What a PDF/A-1b file needs beyond an ordinary PDF: the colour profile its colours
/// are given in (its output intent).
public struct PDFArchival: Hashable, Sendable {
  /// Debian's sRGB profile (package `icc-profiles-free`): ICC version 2, which
  /// PDF/A-1 requires (colord's sRGB profile is version 4, refused by PDF/A-1).
  public static let debianSRGBProfile = "/usr/share/color/icc/sRGB.icc"
  /// The Debian package that installs ``debianSRGBProfile``.
  public static let profilePackage = "icc-profiles-free"

  /// The ICC profile's bytes: an RGB profile, since the documents are drawn in RGB.
  public var profile: Data

  /// Creates the archival settings from a profile already read.
  public init(profile: Data) { self.profile = profile }

  /// Reads the sRGB profile.
  /// - Throws: ``RenderError/colourProfile(path:reason:)`` when the file is missing or
  ///   is not an ICC version 2 RGB profile.
  public static func load(profile path: String = debianSRGBProfile) throws(RenderError)
    -> PDFArchival
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .colourProfile(path: path, reason: "no such file")
    }
    // ICC header: size (4 bytes), …, major version at byte 8, colour space at 16.
    guard data.count >= 128, String(decoding: data[16..<20], as: UTF8.self) == "RGB ",
      String(decoding: data[36..<40], as: UTF8.self) == "acsp"
    else {
      throw .colourProfile(path: path, reason: "not an RGB ICC profile")
    }
    guard data[data.startIndex + 8] == 2 else {
      throw .colourProfile(
        path: path, reason: "ICC version \(data[data.startIndex + 8]); PDF/A-1 needs version 2")
    }
    return PDFArchival(profile: data)
  }
}
