/// Just enough PDF syntax (ISO 32000-1 §7.2, §7.3) to read the objects cairo writes,
/// one at a time, and write them back changed: values are skipped over or split
/// into their parts as byte ranges, never built into an object graph.
///
/// Every reader takes the bytes and a position and returns `nil` when the bytes end
/// before the value does (more may come) or do not hold one.
enum PDFSyntax {
  static func isWhite(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0
  }

  static func isDelimiter(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25: return true
    default: return false
    }
  }

  static func isRegular(_ byte: UInt8) -> Bool { !isWhite(byte) && !isDelimiter(byte) }

  /// The position after white space and comments from `index`.
  static func skipWhite(_ bytes: [UInt8], _ index: Int, end: Int) -> Int {
    var index = index
    while index < end {
      let byte = bytes[index]
      if isWhite(byte) {
        index += 1
      } else if byte == 0x25 {  // % comment, to the end of the line
        while index < end && bytes[index] != 0x0A && bytes[index] != 0x0D { index += 1 }
      } else {
        break
      }
    }
    return index
  }

  /// The position after the value starting at `index` (white space before it
  /// skipped); a reference `12 0 R` is one value.
  static func skipValue(_ bytes: [UInt8], _ start: Int, end: Int) -> Int? {
    var index = skipWhite(bytes, start, end: end)
    guard index < end else { return nil }
    switch bytes[index] {
    case 0x3C:  // < : dictionary or hexadecimal string
      if index + 1 < end && bytes[index + 1] == 0x3C {
        index += 2
        while true {
          index = skipWhite(bytes, index, end: end)
          guard index + 1 < end else { return nil }
          if bytes[index] == 0x3E && bytes[index + 1] == 0x3E { return index + 2 }
          guard let next = skipValue(bytes, index, end: end) else { return nil }
          index = next
        }
      }
      while index < end && bytes[index] != 0x3E { index += 1 }
      return index < end ? index + 1 : nil
    case 0x5B:  // [ array
      index += 1
      while true {
        index = skipWhite(bytes, index, end: end)
        guard index < end else { return nil }
        if bytes[index] == 0x5D { return index + 1 }
        guard let next = skipValue(bytes, index, end: end) else { return nil }
        index = next
      }
    case 0x28:  // ( literal string: balanced parentheses, backslash escapes
      var depth = 0
      while index < end {
        let byte = bytes[index]
        if byte == 0x5C {
          index += 2
          continue
        }
        if byte == 0x28 { depth += 1 }
        if byte == 0x29 {
          depth -= 1
          if depth == 0 { return index + 1 }
        }
        index += 1
      }
      return nil
    case 0x2F:  // / name
      index += 1
      while index < end && isRegular(bytes[index]) { index += 1 }
      return index < end ? index : nil
    case 0x3E, 0x5D, 0x29, 0x7B, 0x7D:
      return nil
    default:
      // A number or a keyword (true, false, null); two integers and R are a reference.
      let token = index
      while index < end && isRegular(bytes[index]) { index += 1 }
      guard index < end, index > token else { return nil }
      if isInteger(bytes, token..<index), let after = referenceEnd(bytes, from: index, end: end) {
        return after
      }
      return index
    }
  }

  /// After an integer ending at `index`: the end of ` 0 R` when a reference follows.
  private static func referenceEnd(_ bytes: [UInt8], from index: Int, end: Int) -> Int? {
    var position = skipWhite(bytes, index, end: end)
    let generation = position
    while position < end && bytes[position] >= 0x30 && bytes[position] <= 0x39 {
      position += 1
    }
    guard position > generation, position < end, isWhite(bytes[position]) else { return nil }
    position = skipWhite(bytes, position, end: end)
    guard position + 1 <= end, bytes[position] == 0x52 else { return nil }  // R
    guard position + 1 == end || !isRegular(bytes[position + 1]) else { return nil }
    return position + 1
  }

  static func isInteger(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    guard !range.isEmpty else { return false }
    var start = range.lowerBound
    if bytes[start] == 0x2D || bytes[start] == 0x2B { start += 1 }
    guard start < range.upperBound else { return false }
    return bytes[start..<range.upperBound].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }

  /// The integer a value's bytes hold.
  static func integer(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
    let start = skipWhite(bytes, range.lowerBound, end: range.upperBound)
    var stop = range.upperBound
    while stop > start && isWhite(bytes[stop - 1]) { stop -= 1 }
    guard isInteger(bytes, start..<stop) else { return nil }
    var value = 0
    var negative = false
    for byte in bytes[start..<stop] {
      if byte == 0x2D {
        negative = true
      } else if byte != 0x2B {
        value = value &* 10 &+ Int(byte - 0x30)
      }
    }
    return negative ? -value : value
  }

  /// The object number of a reference `12 0 R`.
  static func reference(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
    let start = skipWhite(bytes, range.lowerBound, end: range.upperBound)
    var index = start
    while index < range.upperBound && bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
    guard index > start, referenceEnd(bytes, from: index, end: range.upperBound) != nil else {
      return nil
    }
    return integer(bytes, start..<index)
  }

  /// The name a value's bytes hold, without its slash.
  static func name(_ bytes: [UInt8], _ range: Range<Int>) -> String? {
    let start = skipWhite(bytes, range.lowerBound, end: range.upperBound)
    guard start < range.upperBound, bytes[start] == 0x2F else { return nil }
    var stop = start + 1
    while stop < range.upperBound && isRegular(bytes[stop]) { stop += 1 }
    return String(decoding: bytes[(start + 1)..<stop], as: UTF8.self)
  }

  /// A dictionary's entries, in order: each key (without its slash) and its value's bytes.
  static func dictionary(_ bytes: [UInt8], _ range: Range<Int>) -> [(
    key: String, value: Range<Int>
  )]? {
    var index = skipWhite(bytes, range.lowerBound, end: range.upperBound)
    guard index + 1 < range.upperBound, bytes[index] == 0x3C, bytes[index + 1] == 0x3C else {
      return nil
    }
    index += 2
    var entries: [(key: String, value: Range<Int>)] = []
    while true {
      index = skipWhite(bytes, index, end: range.upperBound)
      guard index + 1 < range.upperBound else { return nil }
      if bytes[index] == 0x3E && bytes[index + 1] == 0x3E { return entries }
      guard bytes[index] == 0x2F, let keyEnd = skipValue(bytes, index, end: range.upperBound),
        let valueEnd = skipValue(bytes, keyEnd, end: range.upperBound)
      else { return nil }
      let key = String(decoding: bytes[(index + 1)..<keyEnd], as: UTF8.self)
      entries.append((key, keyEnd..<valueEnd))
      index = valueEnd
    }
  }

  /// An array's items' bytes, in order.
  static func array(_ bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>]? {
    var index = skipWhite(bytes, range.lowerBound, end: range.upperBound)
    guard index < range.upperBound, bytes[index] == 0x5B else { return nil }
    index += 1
    var items: [Range<Int>] = []
    while true {
      index = skipWhite(bytes, index, end: range.upperBound)
      guard index < range.upperBound else { return nil }
      if bytes[index] == 0x5D { return items }
      guard let next = skipValue(bytes, index, end: range.upperBound) else { return nil }
      items.append(skipWhite(bytes, index, end: next)..<next)
      index = next
    }
  }

  /// The first byte of a value (white space skipped).
  static func first(_ bytes: [UInt8], _ range: Range<Int>) -> UInt8? {
    let start = skipWhite(bytes, range.lowerBound, end: range.upperBound)
    return start < range.upperBound ? bytes[start] : nil
  }

  /// A text string (ISO 32000-1 §7.9.2.2): literal when it is printable ASCII,
  /// else UTF-16BE with its byte order mark, in hexadecimal.
  static func textString(_ text: String) -> String {
    if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
      var escaped = "("
      for character in text.unicodeScalars {
        if character == "\\" || character == "(" || character == ")" { escaped += "\\" }
        escaped.unicodeScalars.append(character)
      }
      return escaped + ")"
    }
    var hex = "<FEFF"
    for unit in text.utf16 {
      let digits = String(unit, radix: 16, uppercase: true)
      hex += String(repeating: "0", count: 4 - digits.count) + digits
    }
    return hex + ">"
  }

  /// Where `pattern` first occurs in `bytes[from..<end]`.
  static func find(_ pattern: [UInt8], in bytes: [UInt8], from: Int, end: Int) -> Int? {
    guard let first = pattern.first, end - from >= pattern.count else { return nil }
    var index = from
    let last = end - pattern.count
    while index <= last {
      if bytes[index] == first {
        var matched = 1
        while matched < pattern.count && bytes[index + matched] == pattern[matched] {
          matched += 1
        }
        if matched == pattern.count { return index }
      }
      index += 1
    }
    return nil
  }
}
