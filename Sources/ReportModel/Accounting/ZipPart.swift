import Flate
import Foundation

/// Reads one part of a zip archive (a spreadsheet) from the archive's bytes, never
/// past what its directory says (inflated through the Flate seam).
///
/// ZIPFoundation's own extraction reads a deflate stream until the stream says it has
/// ended, past the end of the file if it must, and waits there for ever on a stream
/// cut short (a fuzz finding). Here the directory is read (PKWARE APPNOTE §4.3: end
/// of central directory, central directory headers, local file header) and the part
/// inflated from exactly its bytes, its size and CRC-32 checked.
enum ZipPart {
  /// The archive's directory or the part's data is not sound.
  struct Damaged: Error {}

  /// The bytes of the part named `name`; `nil` when the archive has none.
  ///
  /// A part said to be larger than `maximumSize` is refused before anything is read.
  /// - Throws: ``Damaged`` when the directory, the part's header or its data is
  ///   broken, or the part is stored in a way a spreadsheet never uses.
  static func read(_ name: String, in data: Data, maximumSize: Int) throws(Damaged) -> Data? {
    let bytes = [UInt8](data)
    func u16(_ at: Int) throws(Damaged) -> Int {
      guard at >= 0, at + 2 <= bytes.count else { throw Damaged() }
      return Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }
    func u32(_ at: Int) throws(Damaged) -> Int {
      guard at >= 0, at + 4 <= bytes.count else { throw Damaged() }
      return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16
        | Int(bytes[at + 3]) << 24
    }
    // The end of central directory record: the last signature in the final 64 KiB.
    var end = bytes.count - 22
    let lowest = max(0, bytes.count - 22 - 65_535)
    while end >= lowest, try u32(end) != 0x0605_4B50 { end -= 1 }
    guard end >= lowest else { throw Damaged() }
    let count = try u16(end + 10)
    let directory = try u32(end + 16)
    guard directory < end else { throw Damaged() }  // 0xFFFFFFFF: ZIP64, not a spreadsheet
    let wanted = Array(name.utf8)
    var at = directory
    for _ in 0..<count {
      guard try u32(at) == 0x0201_4B50 else { throw Damaged() }
      let flags = try u16(at + 8)
      let method = try u16(at + 10)
      let crc = try u32(at + 16)
      let compressed = try u32(at + 20)
      let size = try u32(at + 24)
      let nameLength = try u16(at + 28)
      guard size <= maximumSize else { throw Damaged() }
      let next = at + 46 + nameLength + (try u16(at + 30)) + (try u16(at + 32))
      guard at + 46 + nameLength <= bytes.count else { throw Damaged() }
      if bytes[(at + 46)..<(at + 46 + nameLength)].elementsEqual(wanted) {
        guard flags & 1 == 0 else { throw Damaged() }  // encrypted
        let local = try u32(at + 42)
        guard try u32(local) == 0x0403_4B50 else { throw Damaged() }
        let start = local + 30 + (try u16(local + 26)) + (try u16(local + 28))
        guard start + compressed <= bytes.count else { throw Damaged() }
        let part: [UInt8]
        switch method {
        case 0:
          guard compressed == size else { throw Damaged() }
          part = Array(bytes[start..<(start + compressed)])
        case 8:
          guard
            let inflated = bytes.withUnsafeBytes({
              Zlib.inflateRaw(
                UnsafeRawBufferPointer(rebasing: $0[start..<(start + compressed)]), size: size)
            })
          else { throw Damaged() }
          part = inflated
        default:
          throw Damaged()
        }
        guard Int(Zlib.crc32(part)) == crc else { throw Damaged() }
        return Data(part)
      }
      at = next
    }
    return nil
  }
}
