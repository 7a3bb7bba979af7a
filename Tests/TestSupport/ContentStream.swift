/// A PDF content stream read as a list of operations, for tests that check what each
/// drawing operation is marked as (tagged content or an artifact).
///
/// The tokenizer follows ISO 32000-1 §7.2–7.3 and §8.9.7: literal strings (nested
/// parentheses, backslash escapes), hexadecimal strings, names, numbers, arrays,
/// dictionaries, comments, operators, and inline images (`BI` … `ID` data `EI`).
public struct ContentStream {
  /// A content stream that cannot be read.
  public struct Malformed: Error, Equatable {
    /// Where reading stopped, a byte offset.
    public var offset: Int
    /// What was wrong.
    public var reason: String
  }

  /// One operation: its operands and its operator.
  public struct Operation: Equatable, Sendable {
    /// The operator (`BT`, `Tj`, `re`…); `BI` for a whole inline image.
    public var name: String
    /// The byte offset of its first operand (or of the operator when it has none).
    public var start: Int
    /// The byte offset just past the operator (past `EI` for an inline image).
    public var end: Int
  }

  /// The stream's bytes.
  public let bytes: [UInt8]
  /// Its operations, in order.
  public let operations: [Operation]

  /// Reads a content stream.
  /// - Throws: ``Malformed`` for an unterminated string, array or inline image, an
  ///   operator inside an array or dictionary, or an unexpected delimiter.
  public init(_ bytes: [UInt8]) throws(Malformed) {
    self.bytes = bytes
    var reader = Reader(bytes: bytes)
    operations = try reader.operations()
  }

  // MARK: - Marked content

  /// What a piece of drawing sits in: the marked-content tags around it, outermost
  /// first (`/P << /MCID 3 >> BDC` is `P`, `/Artifact BMC` is `Artifact`).
  public struct Drawing: Equatable, Sendable {
    /// The drawing operator (`Tj`, `f`, `S`…).
    public var name: String
    /// Where it is, a byte offset.
    public var offset: Int
    /// The tags of the marked content it is in, outermost first.
    public var tags: [String]
  }

  /// Operators that mark the page: text showing, path painting (not `n`), images,
  /// shadings, XObjects.
  public static let drawingOperators: Set<String> = [
    "Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "BI",
  ]

  /// Every drawing operation with the marked content it sits in.
  public func drawings() -> [Drawing] {
    var tags: [String] = []
    var result: [Drawing] = []
    for operation in operations {
      switch operation.name {
      case "BDC", "BMC":
        // The tag is the first operand: the name just after the operation's start.
        let name = bytes[(operation.start + 1)...].prefix { Reader.isRegular($0) }
        tags.append(String(decoding: name, as: UTF8.self))
      case "EMC":
        _ = tags.popLast()
      case let name where Self.drawingOperators.contains(name):
        result.append(Drawing(name: name, offset: operation.start, tags: tags))
      default:
        break
      }
    }
    return result
  }

  // MARK: - Reading

  /// The tokenizer.
  private struct Reader {
    let bytes: [UInt8]
    var position = 0

    static func isWhitespace(_ byte: UInt8) -> Bool {
      byte == 0 || byte == 9 || byte == 10 || byte == 12 || byte == 13 || byte == 32
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
      // ( ) < > [ ] { } / %
      [0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25].contains(byte)
    }

    static func isRegular(_ byte: UInt8) -> Bool { !isWhitespace(byte) && !isDelimiter(byte) }

    /// A token: an operand (or part of one, such as `[`), or an operator keyword.
    enum Token: Equatable {
      case operand
      case open
      case close
      case keyword(String)
    }

    mutating func operations() throws(Malformed) -> [Operation] {
      var operations: [Operation] = []
      var start: Int?
      var nesting = 0
      while let found = try next() {
        let (token, tokenStart) = found
        switch token {
        case .operand:
          if start == nil { start = tokenStart }
        case .open:
          if start == nil { start = tokenStart }
          nesting += 1
        case .close:
          guard nesting > 0 else {
            throw Malformed(offset: tokenStart, reason: "unbalanced ] or >>")
          }
          nesting -= 1
        case .keyword(let word):
          if ["true", "false", "null"].contains(word) {
            if start == nil { start = tokenStart }
            continue
          }
          guard nesting == 0 else {
            throw Malformed(
              offset: tokenStart, reason: "operator \(word) inside an array or dictionary")
          }
          if word == "BI" {
            let end = try inlineImage()
            operations.append(Operation(name: "BI", start: start ?? tokenStart, end: end))
          } else {
            operations.append(Operation(name: word, start: start ?? tokenStart, end: position))
          }
          start = nil
        }
      }
      guard nesting == 0 else {
        throw Malformed(offset: position, reason: "unterminated array or dictionary")
      }
      return operations
    }

    /// The next token and where it starts; nil at the end.
    mutating func next() throws(Malformed) -> (Token, Int)? {
      skipWhitespaceAndComments()
      guard position < bytes.count else { return nil }
      let start = position
      let byte = bytes[position]
      switch byte {
      case 0x28:  // (
        try literalString()
        return (.operand, start)
      case 0x3C:  // <
        if position + 1 < bytes.count && bytes[position + 1] == 0x3C {
          position += 2
          return (.open, start)
        }
        try hexString()
        return (.operand, start)
      case 0x3E:  // >
        guard position + 1 < bytes.count && bytes[position + 1] == 0x3E else {
          throw Malformed(offset: start, reason: "a single >")
        }
        position += 2
        return (.close, start)
      case 0x5B, 0x7B:  // [ {
        position += 1
        return (.open, start)
      case 0x5D, 0x7D:  // ] }
        position += 1
        return (.close, start)
      case 0x29:  // )
        throw Malformed(offset: start, reason: "a ) outside a string")
      case 0x2F:  // /
        position += 1
        while position < bytes.count && Self.isRegular(bytes[position]) { position += 1 }
        return (.operand, start)
      default:
        while position < bytes.count && Self.isRegular(bytes[position]) { position += 1 }
        let word = bytes[start..<position]
        if let first = word.first,
          first == 0x2B || first == 0x2D || first == 0x2E || (0x30...0x39).contains(first)
        {
          return (.operand, start)  // a number
        }
        return (.keyword(String(decoding: word, as: UTF8.self)), start)
      }
    }

    mutating func skipWhitespaceAndComments() {
      while position < bytes.count {
        if Self.isWhitespace(bytes[position]) {
          position += 1
        } else if bytes[position] == 0x25 {  // % to the end of the line
          while position < bytes.count && bytes[position] != 10 && bytes[position] != 13 {
            position += 1
          }
        } else {
          return
        }
      }
    }

    /// Past a literal string: balanced parentheses, a backslash escapes the next byte.
    mutating func literalString() throws(Malformed) {
      let start = position
      var depth = 0
      while position < bytes.count {
        let byte = bytes[position]
        position += 1
        if byte == 0x5C {  // backslash
          position += 1
        } else if byte == 0x28 {
          depth += 1
        } else if byte == 0x29 {
          depth -= 1
          if depth == 0 { return }
        }
      }
      throw Malformed(offset: start, reason: "unterminated string")
    }

    /// Past a hexadecimal string: hex digits and whitespace up to `>`.
    mutating func hexString() throws(Malformed) {
      let start = position
      position += 1
      while position < bytes.count {
        let byte = bytes[position]
        position += 1
        if byte == 0x3E { return }
        let hex =
          (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte)
          || (0x61...0x66).contains(byte)
        guard hex || Self.isWhitespace(byte) else {
          throw Malformed(offset: position - 1, reason: "not a hexadecimal digit in a string")
        }
      }
      throw Malformed(offset: start, reason: "unterminated hexadecimal string")
    }

    /// Past an inline image, from just after `BI` to just after its `EI`.
    ///
    /// Returns that offset. The data's length is taken from `/L` or `/Length` when given, else the
    /// data ends at the first `EI` between whitespace (ISO 32000-1 §8.9.7).
    mutating func inlineImage() throws(Malformed) -> Int {
      let start = position
      var length: Int?
      var nesting = 0
      var previous = ""
      while true {
        guard let found = try next() else {
          throw Malformed(offset: start, reason: "inline image without ID")
        }
        let (token, tokenStart) = found
        if token == .keyword("ID") && nesting == 0 { break }
        if token == .open { nesting += 1 }
        if token == .close { nesting -= 1 }
        let text = String(decoding: bytes[tokenStart..<position], as: UTF8.self)
        if nesting == 0 && (previous == "/L" || previous == "/Length") { length = Int(text) }
        previous = nesting == 0 ? text : ""
      }
      // One whitespace byte separates ID from the data.
      if position < bytes.count && Self.isWhitespace(bytes[position]) { position += 1 }
      if let length, length >= 0, position + length <= bytes.count {
        position += length
        skipWhitespaceAndComments()
        guard position + 2 <= bytes.count, bytes[position] == 0x45, bytes[position + 1] == 0x49
        else {
          throw Malformed(offset: position, reason: "inline image data not followed by EI")
        }
        position += 2
        return position
      }
      var index = position
      while index + 1 < bytes.count {
        if bytes[index] == 0x45 && bytes[index + 1] == 0x49
          && (index == position || Self.isWhitespace(bytes[index - 1]))
          && (index + 2 == bytes.count || !Self.isRegular(bytes[index + 2]))
        {
          position = index + 2
          return position
        }
        index += 1
      }
      throw Malformed(offset: start, reason: "inline image without EI")
    }
  }
}
