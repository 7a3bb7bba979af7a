import Foundation
import ReportModel

/// Why a picture file cannot be used: what follows its path in the message, and a fix.
struct PictureFault: Error, Equatable {
  var message: String
  var hint: String?

  static func truncated(_ format: String) -> PictureFault {
    PictureFault(
      message: tr("is a truncated %1 file (it ends before its data does)", format),
      hint: tr("copy or export it again"))
  }

  static func corrupt(_ format: String, _ what: String) -> PictureFault {
    PictureFault(
      message: tr("is not a valid %1 file (%2)", format, what),
      hint: tr("open it in an image editor and save it again"))
  }
}

/// What the first bytes of a picture file say, read in pure Swift (no decoding).
struct PictureHeader: Equatable {
  var format: Picture.Format
  var width: Double
  var height: Double
  var hasAlpha: Bool
  /// The font families an SVG's text asks for, first choice of each list, in order.
  var fontFamilies: [String] = []

  /// Reads the format from the magic bytes, then the size from the header.
  static func read(_ bytes: [UInt8]) throws(PictureFault) -> PictureHeader {
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
      return try png(bytes)
    }
    if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return try jpeg(bytes) }
    if let other = otherFormat(bytes) {
      throw PictureFault(
        message: tr("is a %1 file, which the pack cannot print", other),
        hint:
          tr(
            "convert it to PNG or JPEG (e.g. convert picture.%1 picture.png), or to SVG",
            other.lowercased())
      )
    }
    if looksLikeXML(bytes) { return try SVGScanner.read(bytes) }
    throw PictureFault(
      message: tr("is not a picture the pack can print"), hint: tr("use a PNG, JPEG or SVG file"))
  }

  /// A few formats named, so that the message says what the file is.
  private static func otherFormat(_ bytes: [UInt8]) -> String? {
    func starts(_ text: String) -> Bool { bytes.starts(with: Array(text.utf8)) }
    if starts("GIF87a") || starts("GIF89a") { return "GIF" }
    if starts("RIFF"), bytes.count >= 12, Array(bytes[8..<12]) == Array("WEBP".utf8) {
      return "WEBP"
    }
    if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A])
    {
      return "TIFF"
    }
    if starts("%PDF") { return "PDF" }
    if starts("BM") { return "BMP" }
    if bytes.starts(with: [0x1F, 0x8B]) { return "SVGZ" }
    return nil
  }

  private static func looksLikeXML(_ bytes: [UInt8]) -> Bool {
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    return index < bytes.count && bytes[index] == UInt8(ascii: "<")
  }

  /// "1 620" (narrow no-break space between thousands is for print; messages use
  /// a plain space).
  static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 {
      var digits = String(Int(value))
      var groups: [String] = []
      while digits.count > 3 {
        groups.insert(String(digits.suffix(3)), at: 0)
        digits.removeLast(3)
      }
      groups.insert(digits, at: 0)
      return groups.joined(separator: " ")
    }
    return String(format: "%.1f", value)
  }

  private static func bigEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
  }

  private static func bigEndian16(_ bytes: [UInt8], _ offset: Int) -> Int {
    Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
  }

  // MARK: - PNG

  /// PNG: the IHDR chunk (size, bit depth, colour type, with its CRC), then every
  /// chunk's length walked to IEND, so that a truncated file is caught here.
  static func png(_ bytes: [UInt8]) throws(PictureFault) -> PictureHeader {
    guard bytes.count >= 33 else { throw .truncated("PNG") }
    guard bigEndian32(bytes, 8) == 13, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
      throw .corrupt("PNG", tr("its first chunk is not IHDR"))
    }
    guard crc32(bytes[12..<29]) == bigEndian32(bytes, 29) else {
      throw .corrupt("PNG", tr("the checksum of its header is wrong"))
    }
    let width = bigEndian32(bytes, 16)
    let height = bigEndian32(bytes, 20)
    guard width > 0, height > 0, width < 1 << 31, height < 1 << 31 else {
      throw .corrupt("PNG", tr("its size is %1 × %2", width, height))
    }
    let depth = bytes[24]
    let colour = bytes[25]
    let allowed: [UInt8: [UInt8]] = [
      0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16],
    ]
    guard allowed[colour]?.contains(depth) == true, bytes[26] == 0, bytes[27] == 0,
      bytes[28] <= 1
    else {
      throw .corrupt("PNG", tr("colour type %1 with %2 bits is not a PNG format", colour, depth))
    }
    var hasAlpha = colour == 4 || colour == 6
    var offset = 33
    var sawData = false
    while true {
      guard offset + 12 <= bytes.count else { throw .truncated("PNG") }
      let length = Int(bigEndian32(bytes, offset))
      guard length < 1 << 31 else {
        throw .corrupt("PNG", tr("a chunk has a length of %1", length))
      }
      guard offset + 12 + length <= bytes.count else { throw .truncated("PNG") }
      let type = Array(bytes[offset + 4..<offset + 8])
      if type == Array("IDAT".utf8) { sawData = true }
      if type == Array("tRNS".utf8) { hasAlpha = true }
      if type == Array("IEND".utf8) { break }
      offset += 12 + length
    }
    guard sawData else { throw .corrupt("PNG", tr("it holds no image data")) }
    return PictureHeader(
      format: .png, width: Double(width), height: Double(height), hasAlpha: hasAlpha)
  }

  private static let crcTable: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    return value
  }

  /// The CRC-32 of PNG chunks (ISO 3309).
  static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return crc ^ 0xFFFF_FFFF
  }

  // MARK: - JPEG

  /// JPEG: the markers walked to the frame header (SOFn: size), then to the scan, and
  /// the end-of-image marker looked for after it, so that a truncated file is caught.
  static func jpeg(_ bytes: [UInt8]) throws(PictureFault) -> PictureHeader {
    var offset = 2
    var size: (width: Int, height: Int)?
    while true {
      // Markers may be preceded by fill bytes 0xFF.
      guard offset < bytes.count else { throw .truncated("JPEG") }
      guard bytes[offset] == 0xFF else {
        throw .corrupt("JPEG", tr("a marker is missing at byte %1", offset))
      }
      while offset < bytes.count, bytes[offset] == 0xFF { offset += 1 }
      guard offset < bytes.count else { throw .truncated("JPEG") }
      let marker = bytes[offset]
      offset += 1
      if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue }  // no length
      if marker == 0xD9 { throw .corrupt("JPEG", tr("it ends before its image")) }
      guard offset + 2 <= bytes.count else { throw .truncated("JPEG") }
      let length = bigEndian16(bytes, offset)
      guard length >= 2 else { throw .corrupt("JPEG", tr("a segment has a length of %1", length)) }
      guard offset + length <= bytes.count else { throw .truncated("JPEG") }
      let isFrame = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
      if isFrame {
        guard size == nil else { throw .corrupt("JPEG", tr("it has two frame headers")) }
        guard length >= 8 else { throw .corrupt("JPEG", tr("its frame header is too short")) }
        let height = bigEndian16(bytes, offset + 3)
        let width = bigEndian16(bytes, offset + 5)
        guard width > 0, height > 0 else {
          throw PictureFault(
            message: tr("is a JPEG file whose height is given after its data (a DNL marker)"),
            hint: tr("open it in an image editor and save it again"))
        }
        size = (width, height)
      }
      if marker == 0xDA {
        guard let size else { throw .corrupt("JPEG", tr("its data comes before its frame header")) }
        // Entropy-coded data escapes 0xFF as FF 00: FF D9 can only be the end marker.
        var index = offset + length
        while index + 1 < bytes.count {
          if bytes[index] == 0xFF, bytes[index + 1] == 0xD9 {
            return PictureHeader(
              format: .jpeg, width: Double(size.width), height: Double(size.height),
              hasAlpha: false)
          }
          index += 1
        }
        throw .truncated("JPEG")
      }
      offset += length
    }
  }
}
