import CFlate
import Foundation

/// The seam to zlib: the Flate streams of a PDF, compressed and read back.
enum Zlib {
  /// How hard ``deflate(_:level:)`` compresses by default: zlib's level 6, what cairo
  /// and qpdf use.
  static let defaultLevel: Int32 = 6

  /// `bytes` compressed as a zlib stream (RFC 1950), what `/FlateDecode` reads.
  static func deflate(_ bytes: UnsafeRawBufferPointer, level: Int32 = defaultLevel) -> [UInt8] {
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
  static func deflate(_ bytes: [UInt8], level: Int32 = defaultLevel) -> [UInt8] {
    bytes.withUnsafeBytes { deflate($0, level: level) }
  }

  /// A zlib stream read back.
  /// - Returns: `nil` when the bytes are not a complete zlib stream.
  static func inflate(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
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
}
