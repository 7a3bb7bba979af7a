/// The character encoding a data file was read in.
///
/// Accounting exports and spreadsheets are not always UTF-8: the loaders detect the
/// encoding (valid UTF-8 is UTF-8, anything else is the legacy single-byte encoding
/// of that kind of file) and report it, so that a summary can say what was read.
public enum SourceEncoding: String, Hashable, Sendable {
  /// UTF-8, with or without a byte order mark.
  case utf8 = "UTF-8"
  /// ISO-8859-15 (Latin-9): Latin-1 with the euro sign at 0xA4 and seven other changes.
  case iso8859_15 = "ISO-8859-15"
  /// Windows-1252: Latin-1 with printable characters (€, ’, œ…) in 0x80…0x9F.
  case windows1252 = "Windows-1252"

  /// Decodes bytes known to be in this encoding (invalid UTF-8 becomes U+FFFD).
  func decode(_ bytes: some Collection<UInt8>) -> String {
    switch self {
    case .utf8:
      return String(decoding: bytes, as: UTF8.self)
    case .iso8859_15, .windows1252:
      var scalars = String.UnicodeScalarView()
      for byte in bytes { scalars.append(scalar(for: byte)) }
      return String(scalars)
    }
  }

  /// The character a byte stands for in a single-byte encoding.
  private func scalar(for byte: UInt8) -> Unicode.Scalar {
    let value: UInt32
    switch self {
    case .utf8:
      value = UInt32(byte)
    case .iso8859_15:
      value = Self.iso8859_15Differences[byte] ?? UInt32(byte)
    case .windows1252:
      if (0x80...0x9F).contains(byte) {
        value = Self.windows1252High[Int(byte) - 0x80]
      } else {
        value = UInt32(byte)
      }
    }
    return Unicode.Scalar(value) ?? "\u{FFFD}"
  }

  /// The eight bytes where ISO-8859-15 differs from ISO-8859-1.
  private static let iso8859_15Differences: [UInt8: UInt32] = [
    0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E, 0xBC: 0x0152,
    0xBD: 0x0153, 0xBE: 0x0178,
  ]

  /// Windows-1252's characters for 0x80…0x9F; the five unassigned bytes keep their
  /// C1 control code point, as the WHATWG encoding standard does.
  private static let windows1252High: [UInt32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  ]
}

/// Checks UTF-8 a piece at a time, so that a file can be validated while it streams.
///
/// Pieces must be cut between characters; the FEC reader cuts at line ends, which
/// never fall inside a multi-byte sequence.
struct UTF8Validator {
  /// Whether every byte seen so far was valid UTF-8.
  private(set) var isValid = true

  /// Validates the next piece of the input.
  mutating func feed(_ bytes: UnsafeRawBufferPointer) {
    guard isValid, let base = bytes.baseAddress else { return }
    isValid = Self.validate(base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
  }

  /// Whether `count` bytes at `start` are complete, well-formed UTF-8.
  static func validate(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
    var index = 0
    while index < count {
      // Fast path: eight ASCII bytes at a time.
      if index + 8 <= count {
        let word = UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)
        if word & 0x8080_8080_8080_8080 == 0 {
          index += 8
          continue
        }
      }
      let lead = start[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return false
      }
      guard index + length <= count else { return false }
      let second = start[index + 1]
      guard second >= low && second <= high else { return false }
      for offset in 2..<length where start[index + offset] & 0xC0 != 0x80 { return false }
      index += length
    }
    return true
  }
}
