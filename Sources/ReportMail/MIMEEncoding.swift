import Foundation

/// The encodings of Internet mail.
///
/// Quoted-printable and base64 bodies (RFC 2045), encoded words in headers (RFC 2047),
/// parameter values (RFC 2231), and header folding (RFC 5322). Every line produced ends with CRLF and holds at most 78
/// characters, except an ASCII word longer than that (never more than 998).
enum MIMEEncoding {
  /// The longest line a header is folded to.
  static let headerLineLength = 78

  /// A text as quoted-printable UTF-8: lines of at most 76 characters with soft breaks,
  /// hard line breaks as CRLF; `=`, bytes outside printable ASCII, trailing spaces and
  /// the `F` of a line starting "From " encoded.
  static func quotedPrintable(_ text: String) -> String {
    let crlf: [UInt8] = [0x0D, 0x0A]
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count * 3 / 2)
    let lines = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      let bytes = Array(line.utf8)
      let fromLine = line.hasPrefix("From ")
      // The current output line's length: a token never straddles a soft break.
      var length = 0
      for (position, byte) in bytes.enumerated() {
        let isLast = position == bytes.count - 1
        let literal =
          (byte >= 33 && byte <= 126 && byte != 0x3D) || ((byte == 0x20 || byte == 0x09) && !isLast)
        let encoded = !literal || (position == 0 && byte == 0x46 && fromLine)
        let width = encoded ? 3 : 1
        if length + width > 75 {
          output += [0x3D] + crlf
          length = 0
        }
        if encoded {
          output += [0x3D, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
        } else {
          output.append(byte)
        }
        length += width
      }
      if index < lines.count - 1 { output += crlf }
    }
    if !output.isEmpty && output.suffix(2) != crlf[...] { output += crlf }
    return String(decoding: output, as: UTF8.self)
  }

  /// Bytes as base64, in lines of 76 characters ending with CRLF.
  static func base64(_ bytes: [UInt8]) -> String {
    let text = Data(bytes).base64EncodedString(
      options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    return text.isEmpty ? "" : text + "\r\n"
  }

  /// The uppercase hex digits, as UTF-8.
  static let hexDigits = Array("0123456789ABCDEF".utf8)

  /// Two uppercase hex digits.
  static func hex(_ byte: UInt8) -> String {
    String(decoding: [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]], as: UTF8.self)
  }

  /// Characters that stand for themselves in a Q-encoded word anywhere in a header
  /// (the `phrase` rule of RFC 2047 section 5, the strictest).
  static func isQLiteral(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    case UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"),
      UInt8(ascii: "/"):
      return true
    default: return false
    }
  }

  /// A text as RFC 2047 encoded words (`=?UTF-8?Q?…?=`), each at most 68 characters
  /// (so that the first fits after `Subject: ` on a 78-character line) and each
  /// holding whole characters, to be separated by folding white space.
  static func encodedWords(_ text: String) -> [String] {
    let prefix = "=?UTF-8?Q?"
    let room = 68 - prefix.count - 2
    var words: [String] = []
    var current = ""
    for character in text {
      var piece = ""
      for byte in String(character).utf8 {
        piece +=
          byte == 0x20 ? "_" : isQLiteral(byte) ? String(UnicodeScalar(byte)) : "=" + hex(byte)
      }
      if current.count + piece.count > room && !current.isEmpty {
        words.append(prefix + current + "?=")
        current = ""
      }
      current += piece
    }
    if !current.isEmpty || words.isEmpty { words.append(prefix + current + "?=") }
    return words
  }

  /// Whether a header text can be written as it is: printable ASCII and spaces only,
  /// and nothing that looks like an encoded word.
  static func isPlain(_ text: String) -> Bool {
    text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !text.contains("=?")
  }

  /// A display name as an RFC 5322 phrase: atoms as they are, a quoted string when it
  /// holds specials, encoded words when it is not plain ASCII.
  static func phrase(_ name: String) -> [String] {
    guard isPlain(name) else { return encodedWords(name) }
    let specials = Set("()<>[]:;@\\,.\"")
    if name.contains(where: { specials.contains($0) }) {
      let escaped = name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
      return ["\"" + escaped + "\""]
    }
    return name.split(separator: " ").map(String.init)
  }

  /// An unstructured header text (a subject): its words when plain, else encoded words.
  static func unstructured(_ text: String) -> [String] {
    let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
      .trimmingCharacters(in: .whitespaces)
    return isPlain(oneLine) ? oneLine.split(separator: " ").map(String.init) : encodedWords(oneLine)
  }

  /// A header field, folded: `Name: token token…` with a line break and a space
  /// before a token that would pass ``headerLineLength``.
  static func header(_ name: String, _ tokens: [String]) -> String {
    var output = name + ":"
    var lineLength = output.count
    for token in tokens {
      if lineLength + 1 + token.count > headerLineLength && lineLength > name.count + 1 {
        output += "\r\n "
        lineLength = 1
      } else {
        output += " "
        lineLength += 1
      }
      output += token
      lineLength += token.count
    }
    return output + "\r\n"
  }

  /// The characters of an RFC 2231 value that need no percent-encoding
  /// (`attribute-char`).
  static func isAttributeCharacter(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default: return "!#$&+-.^_`|~".utf8.contains(byte)
    }
  }

  /// A parameter holding any text, as RFC 2231 writes it: `name*=UTF-8''…` percent
  /// encoded, cut into `name*0*=`, `name*1*=`… sections of at most 60 characters when
  /// long, each section holding whole characters.
  static func extendedParameter(_ name: String, _ value: String) -> [String] {
    var sections: [String] = []
    var current = "UTF-8''"
    for character in value {
      var piece = ""
      for byte in String(character).utf8 {
        piece += isAttributeCharacter(byte) ? String(UnicodeScalar(byte)) : "%" + hex(byte)
      }
      if current.count + piece.count > 60 {
        sections.append(current)
        current = ""
      }
      current += piece
    }
    sections.append(current)
    if sections.count == 1 { return ["\(name)*=\(sections[0])"] }
    return sections.enumerated().map { "\(name)*\($0.offset)*=\($0.element)" }
  }

  /// A plain ASCII stand-in for a file name, for mail readers that ignore RFC 2231:
  /// accents dropped, other characters outside printable ASCII and quotes as `_`,
  /// cut to 60 characters (keeping the extension) so that it fits on a header line.
  static func asciiFallback(_ name: String) -> String {
    let folded = name.folding(options: [.diacriticInsensitive], locale: nil)
    let mapped = folded.unicodeScalars.map { scalar -> String in
      scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\"
        ? String(scalar) : "_"
    }
    let plain = mapped.joined()
    guard plain.count > 60 else { return plain }
    // Short enough for one header line: the start of the name, then its extension.
    let dot = plain.lastIndex(of: ".").map { plain[$0...] } ?? ""
    let suffix = dot.count <= 8 ? String(dot) : ""
    return plain.prefix(60 - suffix.count - 1) + "_" + suffix
  }
}
