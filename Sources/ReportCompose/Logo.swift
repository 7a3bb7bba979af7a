import Foundation
import ReportLayout
import ReportMarkdown
import ReportModel

/// The organisation's logo (`organisation.logo`): checked once, set wherever a
/// document shows it (the pack's cover, a letterhead).
public enum Logo {
  /// The logo of the year's organisation, checked: `nil` when the year names none.
  /// - Parameters:
  ///   - file: `organisation.logo`, relative to the year's folder.
  ///   - yearFolder: the year's folder.
  ///   - location: where the field was read (every problem is reported there).
  /// - Throws: a ``ReportModel/DataError`` at `location` for a missing, unreadable,
  ///   unprintable or too large picture.
  public static func read(_ file: String?, yearFolder: String, location: SourceLocation)
    throws(DataError) -> Picture?
  {
    guard let file, !file.isEmpty else { return nil }
    let path = file.hasPrefix("/") ? file : (yearFolder as NSString).appendingPathComponent(file)
    return try Picture.read(file: path, alt: "", caption: nil, referencedAt: location)
  }

  /// The logo as a figure's content, `width` pt wide and at most `maximumHeight` tall.
  ///
  /// No caption: for a cover or a letterhead (a convocation letter sets it small,
  /// 90 pt wide for instance, in its header).
  public static func figure(_ picture: Picture, width: Double, maximumHeight: Double = 120)
    -> PictureFigure
  {
    let format: ImageItem.Format
    switch picture.format {
    case .png: format = .png
    case .jpeg: format = .jpeg
    case .svg: format = .svg
    }
    var figure = PictureFigure(
      path: picture.path, format: format, pixelWidth: picture.width, pixelHeight: picture.height,
      width: width, maximumHeight: maximumHeight, caption: nil,
      captionStyle: TextStyle(family: "", size: 1))
    figure.mayBeTransparent = picture.hasAlpha
    return figure
  }

  /// The logo as a block of its own (a letterhead's): a figure with `alternative`
  /// for screen readers (the words' "logo of …", the organisation's name).
  public static func block(_ picture: Picture, alternative: String, width: Double) -> Block {
    .figure(Figure(content: figure(picture, width: width), role: .figure, alternative: alternative))
  }
}
