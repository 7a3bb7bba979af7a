/// A PDF content stream read as a list of operations, and rewritten so that every
/// drawing outside marked content is marked as an artifact (page furniture:
/// footers, rules, backgrounds), which screen readers and PDF/UA checkers skip.
///
/// The tokenizer follows ISO 32000-1 §7.2–7.3 and §8.9.7: literal strings (nested
/// parentheses, backslash escapes), hexadecimal strings, names, numbers, arrays,
/// dictionaries, comments, operators, and inline images (`BI` … `ID` data `EI`).
/// The rewrite only inserts `/Artifact BMC` and `EMC` between operations; every
/// other byte is kept as it was.
struct ContentStream {
  /// A content stream that cannot be read.
  struct Malformed: Error, Equatable {
    /// Where reading stopped, a byte offset.
    var offset: Int
    /// What was wrong.
    var reason: String
  }

  /// One operation: its operands and its operator.
  struct Operation: Equatable {
    /// The operator (`BT`, `Tj`, `re`…); `BI` for a whole inline image.
    var name: String
    /// The byte offset of its first operand (or of the operator when it has none).
    var start: Int
    /// The byte offset just past the operator (past `EI` for an inline image).
    var end: Int
  }

  /// The stream's bytes.
  let bytes: [UInt8]
  /// Its operations, in order.
  let operations: [Operation]

  /// Reads a content stream.
  /// - Throws: ``Malformed`` for an unterminated string, array or inline image, an
  ///   operator inside an array or dictionary, or an unexpected delimiter.
  init(_ bytes: [UInt8]) throws(Malformed) {
    self.bytes = bytes
    var reader = Reader(bytes: bytes)
    operations = try reader.operations()
  }

  // MARK: - Artifacts

  /// The stream with every run of drawing outside marked content made an artifact.
  ///
  /// Each run is enclosed in `/Artifact BMC` … `EMC`. Runs never split a text object, a path
  /// object or a `q` … `Q` pair, and never hold marked content.
  func markingArtifacts() -> [UInt8] {
    var insertions: [(offset: Int, closing: Bool)] = []
    var depth = 0
    wrap(units(), markedDepth: &depth, into: &insertions)
    guard !insertions.isEmpty else { return bytes }
    insertions.sort { ($0.offset, $0.closing ? 0 : 1) < ($1.offset, $1.closing ? 0 : 1) }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + insertions.count * 10)
    var copied = 0
    for insertion in insertions {
      output += bytes[copied..<insertion.offset]
      output += Array((insertion.closing ? "\nEMC" : "/Artifact BMC\n").utf8)
      copied = insertion.offset
    }
    output += bytes[copied...]
    return output
  }

  /// What a unit of the stream does, for the artifact rewrite.
  enum Kind: Equatable {
    /// Marks the page: a painted path, shown text, an image, a shading, an XObject.
    case drawing
    /// Changes the state only (colours, line width, clipping, text position…).
    case state
    /// `q`.
    case save
    /// `Q`.
    case restore
    /// `BDC` or `BMC`.
    case beginMarked
    /// `EMC`.
    case endMarked
    /// A text object with marked content inside: its operations, each a unit.
    case markedText([Unit])
  }

  /// Operations that go together: a path object, a text object, or one operation.
  struct Unit: Equatable {
    var kind: Kind
    var start: Int
    var end: Int
  }

  static let pathConstruction: Set<String> = ["m", "l", "c", "v", "y", "h", "re"]
  static let pathPainting: Set<String> = ["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"]
  static let textShowing: Set<String> = ["Tj", "TJ", "'", "\""]
  static let drawingOperators: Set<String> = ["Do", "sh", "BI"]

  /// The stream's units at the level of graphics objects.
  func units() -> [Unit] {
    var units: [Unit] = []
    var index = 0
    while index < operations.count {
      let operation = operations[index]
      switch operation.name {
      case "BT":
        // A text object: everything to the matching ET (or to the end).
        var last = index
        while last + 1 < operations.count {
          last += 1
          if operations[last].name == "ET" { break }
        }
        let inside = operations[(index + 1)..<(last + 1)].filter { $0.name != "ET" }
        let kind: Kind
        if inside.contains(where: { ["BDC", "BMC", "EMC"].contains($0.name) }) {
          kind = .markedText(inside.map(Self.unit))
        } else {
          kind = inside.contains { Self.textShowing.contains($0.name) } ? .drawing : .state
        }
        units.append(Unit(kind: kind, start: operation.start, end: operations[last].end))
        index = last + 1
      case let name where Self.pathConstruction.contains(name):
        // A path object: construction, optional clipping, one painting operator.
        var last = index
        while last + 1 < operations.count {
          let next = operations[last + 1].name
          if Self.pathConstruction.contains(next) || next == "W" || next == "W*" {
            last += 1
          } else {
            if Self.pathPainting.contains(next) { last += 1 }
            break
          }
        }
        // Painted, it marks the page; ended by n (a clip) or by nothing, it does not.
        let ending = operations[last].name
        let painted = Self.pathPainting.contains(ending) && ending != "n"
        units.append(
          Unit(kind: painted ? .drawing : .state, start: operation.start, end: operations[last].end)
        )
        index = last + 1
      default:
        units.append(Self.unit(operation))
        index += 1
      }
    }
    return units
  }

  /// A single operation as a unit.
  static func unit(_ operation: Operation) -> Unit {
    let kind: Kind
    switch operation.name {
    case "q": kind = .save
    case "Q": kind = .restore
    case "BDC", "BMC": kind = .beginMarked
    case "EMC": kind = .endMarked
    case let name
    where textShowing.contains(name) || drawingOperators.contains(name)
      || pathPainting.contains(name) && name != "n":
      kind = .drawing
    default: kind = .state
    }
    return Unit(kind: kind, start: operation.start, end: operation.end)
  }

  /// Finds the runs to enclose among units, tracking the marked-content depth.
  private func wrap(
    _ units: [Unit], markedDepth depth: inout Int,
    into insertions: inout [(offset: Int, closing: Bool)]
  ) {
    var index = 0
    while index < units.count {
      let unit = units[index]
      if depth == 0 && unit.kind == .drawing {
        // The longest run from here that keeps q/Q balanced and holds no marked content.
        var saved = 0
        var last = index
        var next = index
        scan: while next < units.count {
          switch units[next].kind {
          case .beginMarked, .endMarked, .markedText:
            break scan
          case .save:
            saved += 1
          case .restore:
            if saved == 0 { break scan }
            saved -= 1
            if saved == 0 { last = next }
          case .drawing:
            if saved == 0 { last = next }
          case .state:
            break
          }
          next += 1
        }
        insertions.append((unit.start, false))
        insertions.append((units[last].end, true))
        index = last + 1
        continue
      }
      switch unit.kind {
      case .beginMarked: depth += 1
      case .endMarked: depth = max(0, depth - 1)
      case .markedText(let inside): wrap(inside, markedDepth: &depth, into: &insertions)
      default: break
      }
      index += 1
    }
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
