import CFlate
import Foundation

/// The one seam to zlib: the Flate streams of a PDF (ReportRender) and the deflated
/// parts of a spreadsheet's zip archive (ReportModel), compressed and read back.
public enum Zlib {
  /// How hard ``deflate(_:level:)`` compresses by default: zlib's level 6, what cairo
  /// and qpdf use.
  public static let defaultLevel: Int32 = 6

  /// `bytes` compressed as a zlib stream (RFC 1950), what `/FlateDecode` reads.
  public static func deflate(_ bytes: UnsafeRawBufferPointer, level: Int32 = defaultLevel)
    -> [UInt8]
  {
    var bound = compressBound(uLong(bytes.count))
    var output = [UInt8](repeating: 0, count: Int(bound))
    let status = output.withUnsafeMutableBufferPointer { target in
      compress2(
        target.baseAddress, &bound, bytes.baseAddress?.assumingMemoryBound(to: Bytef.self),
        uLong(bytes.count), level)
    }
    // compress2 cannot fail with an output of compressBound's size.
    precondition(status == Z_OK, "zlib compress2 failed: \(status)")
    output.removeSubrange(Int(bound)...)
    return output
  }

  /// `bytes` compressed (see ``deflate(_:level:)``).
  public static func deflate(_ bytes: [UInt8], level: Int32 = defaultLevel) -> [UInt8] {
    bytes.withUnsafeBytes { deflate($0, level: level) }
  }

  /// A zlib stream read back.
  /// - Returns: `nil` when the bytes are not a complete zlib stream.
  public static func inflate(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
    var stream = z_stream()
    guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      return nil
    }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count * 4)
    var chunk = [UInt8](repeating: 0, count: 65_536)
    stream.next_in = UnsafeMutablePointer(
      mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
    stream.avail_in = uInt(bytes.count)
    while true {
      let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer in
        stream.next_out = buffer.baseAddress
        stream.avail_out = uInt(buffer.count)
        let status = CFlate.inflate(&stream, Z_NO_FLUSH)
        return (status, buffer.count - Int(stream.avail_out))
      }
      output += chunk[..<produced]
      if status == Z_STREAM_END { return output }
      guard status == Z_OK, produced > 0 || stream.avail_in > 0 else { return nil }
    }
  }

  /// A raw deflate stream (no zlib header, as zip archives store it) read back from
  /// exactly `bytes`, which must end the stream and give `size` bytes.
  /// - Returns: `nil` otherwise: a stream cut short, longer, or damaged.
  public static func inflateRaw(_ bytes: UnsafeRawBufferPointer, size: Int) -> [UInt8]? {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self) else {
      return size == 0 ? [] : nil
    }
    var stream = z_stream()
    guard
      inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        == Z_OK
    else { return nil }
    defer { inflateEnd(&stream) }
    // One byte more than said: a stream that would give more is found out.
    var output = [UInt8](repeating: 0, count: size + 1)
    let status = output.withUnsafeMutableBufferPointer { target in
      stream.next_in = UnsafeMutablePointer(mutating: base)
      stream.avail_in = uInt(bytes.count)
      stream.next_out = target.baseAddress
      stream.avail_out = uInt(target.count)
      return CFlate.inflate(&stream, Z_FINISH)
    }
    guard status == Z_STREAM_END, Int(stream.total_out) == size else { return nil }
    output.removeLast()
    return output
  }

  /// The CRC-32 of `bytes` (ISO 3309, as zip archives check their parts).
  public static func crc32(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { buffer in
      UInt32(CFlate.crc32(0, buffer.baseAddress, uInt(buffer.count)))
    }
  }
}
