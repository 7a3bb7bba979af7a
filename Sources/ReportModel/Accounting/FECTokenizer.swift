import Foundation

/// Where the tokenizer gets its bytes.
protocol ByteSource {
  /// Fills the start of `buffer`; returns the number of bytes read (0 at the end) or
  /// `nil` on a read error.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int?
}

/// Bytes from an open file descriptor.
struct FileSource: ByteSource {
  let descriptor: Int32

  mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
    guard let base = buffer.baseAddress else { return 0 }
    while true {
      #if canImport(Glibc)
        let count = Glibc.read(descriptor, base, buffer.count)
      #else
        let count = Darwin.read(descriptor, base, buffer.count)
      #endif
      if count >= 0 { return count }
      if errno != EINTR { return nil }
    }
  }
}

/// Bytes from memory.
struct DataSource: ByteSource {
  let data: Data
  var offset = 0

  mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
    let count = min(buffer.count, data.count - offset)
    guard count > 0, let base = buffer.baseAddress else { return 0 }
    let start = data.startIndex + offset
    data.copyBytes(to: base.assumingMemoryBound(to: UInt8.self), from: start..<start + count)
    offset += count
    return count
  }
}

/// What receives the lines of a FEC, cut into fields, from ``FECTokenizer``.
protocol FECRecordSink {
  /// The first line. Returns `false` to stop reading.
  mutating func header(_ record: borrowing FECRecord, tokenizer: FECTokenizer) -> Bool
  /// Any later non-empty line. Returns `false` to stop reading.
  mutating func line(_ record: borrowing FECRecord) -> Bool
  /// A line with nothing on it (after its line end is taken off).
  mutating func emptyLine(_ number: Int)
}

/// One line of a FEC cut into fields, handed to a ``FECRecordSink`` for the time of one call.
///
/// It points into the tokenizer's buffer, which the next read overwrites: the type is
/// not copyable and is only ever lent (`borrowing`), so it cannot be kept. Every access
/// is checked and returns values; the pointers never leave this file.
struct FECRecord: ~Copyable {
  /// The 1-based line number.
  let number: Int
  /// The number of fields (separators plus one).
  let fieldCount: Int
  private let base: UnsafePointer<UInt8>
  private let length: Int
  /// Where each field starts and ends, spaces around it excluded.
  private let starts: UnsafePointer<Int>
  private let ends: UnsafePointer<Int>
  /// Where each field starts, spaces included (just after its separator).
  private let rawStarts: UnsafePointer<Int>
  private let capacity: Int

  fileprivate init(
    number: Int, fieldCount: Int, base: UnsafePointer<UInt8>, length: Int,
    starts: UnsafePointer<Int>, ends: UnsafePointer<Int>, rawStarts: UnsafePointer<Int>,
    capacity: Int
  ) {
    self.number = number
    self.fieldCount = fieldCount
    self.base = base
    self.length = length
    self.starts = starts
    self.ends = ends
    self.rawStarts = rawStarts
    self.capacity = capacity
  }

  /// The byte range of field `index` without the spaces around it; empty past the last.
  @inline(__always)
  private func range(_ index: Int) -> Range<Int> {
    guard index >= 0, index < min(fieldCount, capacity) else { return length..<length }
    return starts[index]..<ends[index]
  }

  /// Whether field `index` holds nothing but spaces (or is past the last field).
  func isEmpty(_ index: Int) -> Bool { range(index).isEmpty }

  /// The length in bytes of field `index`, spaces around it excluded.
  func count(_ index: Int) -> Int { range(index).count }

  /// The bytes of field `index`, spaces around it excluded.
  func bytes(_ index: Int) -> [UInt8] {
    let range = range(index)
    return Array(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
  }

  /// Lends the bytes of field `index` (spaces around it excluded) to `body`.
  func withBytes<Result>(_ index: Int, _ body: (Span<UInt8>) -> Result) -> Result {
    let range = range(index)
    return body(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count).span)
  }

  /// The bytes of the whole line, without its line end.
  func lineBytes() -> [UInt8] { Array(UnsafeBufferPointer(start: base, count: length)) }

  /// Whether field `index` is `0`, `00`…: an entry number that numbers nothing.
  func isZero(_ index: Int) -> Bool {
    let range = range(index)
    guard !range.isEmpty else { return false }
    for offset in range where base[offset] != 0x30 { return false }
    return true
  }

  /// The field's amount in cents (0 when empty), or `nil` when it is not an amount.
  ///
  /// Leading zeros are dropped first: some software pads amounts (`0000000069,60`).
  func amount(_ index: Int) -> Int64? {
    var range = range(index)
    guard !range.isEmpty else { return 0 }
    var negative = false
    if base[range.lowerBound] == 0x2D || base[range.lowerBound] == 0x2B {
      negative = base[range.lowerBound] == 0x2D
      range = range.lowerBound + 1..<range.upperBound
    }
    while range.count > 1 && base[range.lowerBound] == 0x30
      && base[range.lowerBound + 1] != 0x2C && base[range.lowerBound + 1] != 0x2E
    {
      range = range.lowerBound + 1..<range.upperBound
    }
    // What is left starts with a digit or the decimal separator: a second sign
    // (`--5,00`) or one after the zeros (`0-5,00`) is no amount.
    guard !range.isEmpty,
      (0x30...0x39).contains(base[range.lowerBound]) || base[range.lowerBound] == 0x2C
        || base[range.lowerBound] == 0x2E,
      let cents = Money.parse(
        utf8: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))?.cents
    else { return nil }
    return negative ? -cents : cents
  }

  /// The field's date (`YYYYMMDD`), or `nil`.
  func date(_ index: Int) -> CalendarDate? {
    guard let value = dateDigits(index) else { return nil }
    return CalendarDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
  }

  /// The field's eight digits as a number (`20190614`), or `nil`: not yet a checked date.
  func dateDigits(_ index: Int) -> Int? {
    let range = range(index)
    guard range.count == 8 else { return nil }
    var value = 0
    for offset in range {
      let digit = base[offset] &- 0x30
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
    }
    return value
  }

  /// The first byte of the field (0 when empty) and its length: enough to read `D`, `C`, `+1`.
  func shortCode(_ index: Int) -> (first: UInt8, last: UInt8, count: Int) {
    let range = range(index)
    guard !range.isEmpty else { return (0, 0, 0) }
    return (base[range.lowerBound], base[range.upperBound - 1], range.count)
  }

  /// Appends the field's bytes, ASCII letters in upper case when `uppercase`.
  func append(_ index: Int, to key: inout [UInt8], uppercase: Bool = false) {
    for offset in range(index) {
      let byte = base[offset]
      key.append(uppercase && byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
    }
  }

  /// Whether the field starts with `prefix`.
  func hasPrefix(_ index: Int, _ prefix: [UInt8]) -> Bool {
    let range = range(index)
    guard range.count >= prefix.count else { return false }
    for (offset, byte) in prefix.enumerated() where base[range.lowerBound + offset] != byte {
      return false
    }
    return true
  }

  /// The column where field `index` starts (its first non-space character, when it has one).
  func column(_ index: Int) -> Column {
    guard index < min(fieldCount, capacity) else { return column(atByte: length) }
    let trimmed = range(index)
    return column(atByte: trimmed.isEmpty ? rawStarts[index] : trimmed.lowerBound)
  }

  /// The column of the untrimmed start of field `index`.
  func rawColumn(_ index: Int) -> Column {
    guard index < min(fieldCount, capacity) else { return column(atByte: length) }
    return column(atByte: rawStarts[index])
  }

  /// Whether `key` is this line's entry key: journal (upper case), 0, number, and, when
  /// the number is `0`, 0, date, 0, piece (see ``FECValidator``).
  func hasKey(_ key: [UInt8], journal: Int, number: Int, date: Int, piece: Int) -> Bool {
    var position = 0
    let count = key.count
    for offset in range(journal) {
      let byte = base[offset]
      let upper = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
      guard position < count, key[position] == upper else { return false }
      position += 1
    }
    guard position < count, key[position] == 0 else { return false }
    position += 1
    for offset in range(number) {
      guard position < count, key[position] == base[offset] else { return false }
      position += 1
    }
    if isZero(number) {
      for field in [date, piece] {
        guard position < count, key[position] == 0 else { return false }
        position += 1
        for offset in range(field) {
          guard position < count, key[position] == base[offset] else { return false }
          position += 1
        }
      }
    }
    return position == count
  }

  /// The column just after the line's last character.
  var endColumn: Column { column(atByte: length) }

  /// The column of byte `offset` of the line.
  func column(atByte offset: Int) -> Column {
    var scalars = 0
    for index in 0..<min(offset, length) where base[index] & 0xC0 != 0x80 { scalars += 1 }
    return Column(scalars: scalars + 1, bytes: min(offset, length) + 1)
  }

  /// The offset of the first `byte` in the line, if any.
  func firstOffset(of byte: UInt8) -> Int? {
    for index in 0..<length where base[index] == byte { return index }
    return nil
  }
}

/// Cuts a FEC into lines and fields: the only place where its bytes are read through pointers.
///
/// Reads the source in chunks (a line may be cut anywhere between them), drops a UTF-8
/// byte order mark, accepts LF, CR LF, CR CR LF (the CRs before a LF are dropped, so a
/// lone CR is no line) and, when the first line ends with a CR alone, CR line ends.
/// The separator is the first line's: a tab, else `|`. The bytes are checked as UTF-8
/// on the way; when they are not, the first line that is not is remembered.
final class FECTokenizer {
  /// The longest line accepted: a FEC line is a few hundred bytes at most.
  static let maximumLineLength = 1 << 20
  static let tab: UInt8 = 0x09
  static let pipe: UInt8 = 0x7C
  /// Fields kept per line; more fold into the last.
  static let fieldCapacity = 64

  /// The field separator, known once the first line is read.
  private(set) var separator: UInt8 = FECTokenizer.tab
  /// Whether the file starts with a UTF-8 byte order mark.
  private(set) var hasByteOrderMark = false
  /// Whether the first line ends with CR LF (or CR CR LF).
  private(set) var usesCRLF = false
  /// Whether lines end with a lone CR (old Mac files).
  private(set) var usesCR = false
  /// The number of lines read so far.
  private(set) var lineNumber = 0
  /// Whether the source could not be read to its end.
  private(set) var readFailed = false
  /// The line found longer than ``maximumLineLength``, if any.
  private(set) var overlongLine: Int?
  /// The first line holding bytes that are not UTF-8, if any.
  private(set) var firstNonUTF8Line: Int?
  /// Whether bytes 0x80…0x9F (printable in Windows-1252 only) were met in a file
  /// that is not UTF-8.
  private(set) var hasC1Bytes = false

  private var validator = UTF8Validator()
  private var stopped = false
  private let starts: UnsafeMutablePointer<Int>
  private let ends: UnsafeMutablePointer<Int>
  private let rawStarts: UnsafeMutablePointer<Int>

  init() {
    starts = .allocate(capacity: Self.fieldCapacity)
    ends = .allocate(capacity: Self.fieldCapacity)
    rawStarts = .allocate(capacity: Self.fieldCapacity)
    for buffer in [starts, ends, rawStarts] {
      buffer.initialize(repeating: 0, count: Self.fieldCapacity)
    }
  }

  deinit {
    starts.deallocate()
    ends.deallocate()
    rawStarts.deallocate()
  }

  /// Whether every byte read was UTF-8.
  var isUTF8: Bool { validator.isValid }

  /// Reads the whole source, handing each line to `sink`.
  func run<Sink: FECRecordSink>(
    _ source: inout some ByteSource, chunkSize: Int, into sink: inout Sink
  ) {
    var capacity = min(max(16, chunkSize), Self.maximumLineLength)
    var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    defer { buffer.deallocate() }
    var filled = 0
    var bomChecked = false
    var lineEndsKnown = false
    var skip = 0
    while !stopped {
      guard
        let count = source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
      else {
        readFailed = true
        break
      }
      let atEnd = count == 0
      filled += count
      guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { break }
      if !lineEndsKnown {
        if !bomChecked {
          // Wait for three bytes to tell whether the file starts with a byte order mark.
          if filled < 3 && !atEnd { continue }
          bomChecked = true
          if filled >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
            hasByteOrderMark = true
            skip = 3
          }
        }
        // Wait for the first line end to know how lines end.
        lineEndsKnown = decideLineEnds(base + skip, filled - skip, atEnd: atEnd)
        if !lineEndsKnown {
          guard filled == capacity else { continue }
          guard capacity < Self.maximumLineLength else {
            overlongLine = 1
            break
          }
          buffer = Self.grow(buffer, to: min(capacity * 2, Self.maximumLineLength))
          capacity = buffer.count
          continue
        }
      }
      var position = skip
      skip = 0
      let linesStart = position
      let firstLine = lineNumber + 1
      let terminator: UInt8 = usesCR ? 0x0D : 0x0A
      while position < filled, !stopped,
        let found = memchr(base + position, Int32(terminator), filled - position)
      {
        let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        line(base + position, end - position, into: &sink)
        position = end + 1
      }
      if atEnd && position < filled && !stopped {
        line(base + position, filled - position, into: &sink)
        position = filled
      }
      check(base + linesStart, position - linesStart, firstLine: firstLine)
      if atEnd { break }
      let remainder = filled - position
      if remainder == capacity {
        // No line end in a full buffer: grow it, up to the longest line accepted.
        guard capacity < Self.maximumLineLength else {
          overlongLine = lineNumber + 1
          break
        }
        buffer = Self.grow(buffer, to: min(capacity * 2, Self.maximumLineLength))
        capacity = buffer.count
      } else if remainder > 0 {
        memmove(base, base + position, remainder)
      }
      filled = remainder
    }
  }

  /// A larger buffer holding the bytes of `buffer`, which is freed.
  private static func grow(_ buffer: UnsafeMutableRawBufferPointer, to size: Int)
    -> UnsafeMutableRawBufferPointer
  {
    let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
    buffer.deallocate()
    return larger
  }

  /// Looks for the first line end; returns `false` when more bytes are needed.
  private func decideLineEnds(_ start: UnsafePointer<UInt8>, _ count: Int, atEnd: Bool) -> Bool {
    for index in 0..<count {
      switch start[index] {
      case 0x0A:
        usesCRLF = index > 0 && start[index - 1] == 0x0D
        return true
      case 0x0D:
        // CR LF and CR CR LF end lines with a LF; a CR followed by anything else is a
        // line end on its own.
        var next = index + 1
        while next < count && start[next] == 0x0D { next += 1 }
        guard next < count else { return atEnd }
        usesCR = start[next] != 0x0A
        usesCRLF = !usesCR
        return true
      default: continue
      }
    }
    return atEnd
  }

  /// Checks the bytes of whole lines as UTF-8; finds the first line that is not.
  private func check(_ start: UnsafePointer<UInt8>, _ count: Int, firstLine: Int) {
    guard count > 0 else { return }
    let wasValid = validator.isValid
    validator.feed(UnsafeRawBufferPointer(start: start, count: count))
    if !validator.isValid {
      if wasValid {
        // Find the line: the first whose bytes are not UTF-8.
        let terminator: UInt8 = usesCR ? 0x0D : 0x0A
        var lineStart = 0
        var line = firstLine
        for index in 0...count where index == count || start[index] == terminator {
          if !UTF8Validator.validate(start + lineStart, count: index - lineStart) {
            firstNonUTF8Line = line
            break
          }
          lineStart = index + 1
          line += 1
        }
      }
      if !hasC1Bytes {
        for index in 0..<count where start[index] & 0xE0 == 0x80 {
          hasC1Bytes = true
          break
        }
      }
    }
  }

  /// Handles one line, without its line end.
  private func line<Sink: FECRecordSink>(
    _ lineStart: UnsafePointer<UInt8>, _ lineLength: Int, into sink: inout Sink
  ) {
    lineNumber += 1
    var start = lineStart
    var length = lineLength
    if !usesCR {
      while length > 0 && start[length - 1] == 0x0D { length -= 1 }
    } else if length > 0 && start[0] == 0x0A {
      // A LF after a CR in a CR file: part of the line end.
      start += 1
      length -= 1
    }
    if lineNumber == 1 {
      if memchr(start, Int32(Self.tab), length) != nil {
        separator = Self.tab
      } else if memchr(start, Int32(Self.pipe), length) != nil {
        separator = Self.pipe
      }
      if !sink.header(split(start, length), tokenizer: self) { stopped = true }
      return
    }
    if length == 0 {
      sink.emptyLine(lineNumber)
      return
    }
    if !sink.line(split(start, length)) { stopped = true }
  }

  /// Cuts a line into fields, each without the spaces around it.
  private func split(_ start: UnsafePointer<UInt8>, _ length: Int) -> FECRecord {
    var count = 0
    var fieldStart = 0
    var foldStart = 0
    let separator = self.separator
    let last = Self.fieldCapacity - 1
    for index in 0..<length where start[index] == separator {
      if count < last { store(count, start, fieldStart, index) }
      count += 1
      fieldStart = index + 1
      if count == last { foldStart = fieldStart }
    }
    // Fields past the capacity fold into the last one, from its start to the line's end
    // (found by the fuzzer twice: an end, then a start, left from an earlier line).
    store(min(count, last), start, count >= last ? foldStart : fieldStart, length)
    return FECRecord(
      number: lineNumber, fieldCount: count + 1, base: start, length: length, starts: starts,
      ends: ends, rawStarts: rawStarts, capacity: Self.fieldCapacity)
  }

  @inline(__always)
  private func store(_ field: Int, _ start: UnsafePointer<UInt8>, _ from: Int, _ to: Int) {
    rawStarts[field] = from
    var from = from
    var to = to
    while from < to && start[from] == 0x20 { from += 1 }
    while to > from && start[to - 1] == 0x20 { to -= 1 }
    starts[field] = from
    ends[field] = to
  }
}

/// A column in a line, counted both ways until the encoding is known.
struct Column: Hashable {
  /// The 1-based column counting UTF-8 characters (scalars).
  var scalars: Int
  /// The 1-based column counting bytes: characters in a single-byte encoding.
  var bytes: Int

  init(scalars: Int, bytes: Int) {
    self.scalars = scalars
    self.bytes = bytes
  }

  func value(in encoding: SourceEncoding) -> Int { encoding == .utf8 ? scalars : bytes }
}

extension FECRecord {
  /// Lends `body` the checked entry line this record is, with the values read from it.
  func withEntryLine<Result>(
    columns: FECHeaderMap, date: CalendarDate, monthOffset: Int, debit: Int64, credit: Int64,
    _ body: (borrowing FECEntryLine) -> Result
  ) -> Result {
    let line = FECEntryLine(
      record: FECRecord(
        number: number, fieldCount: fieldCount, base: base, length: length, starts: starts,
        ends: ends, rawStarts: rawStarts, capacity: capacity),
      columns: columns, date: date, monthOffset: monthOffset, debit: Money(cents: debit),
      credit: Money(cents: credit))
    return body(line)
  }
}

/// Where each column of a FEC is in its lines, found by the header's names.
final class FECHeaderMap: @unchecked Sendable {
  /// The field index of each ``FECColumn`` (by raw value); -1 when absent.
  ///
  /// Read per field of every line: a pointer, so that reading it counts no reference.
  private let index: UnsafeMutablePointer<Int>
  /// The number of named columns (a separator at the end of the header not counted).
  let count: Int

  /// Creates a map from one index per ``FECColumn``; it is never changed afterwards.
  init(index: [Int], count: Int) {
    let columns = FECColumn.allCases.count
    self.index = .allocate(capacity: columns)
    for column in 0..<columns {
      self.index[column] = column < index.count ? index[column] : -1
    }
    self.count = count
  }

  deinit { index.deallocate() }

  /// The field index of a column.
  subscript(column: FECColumn) -> Int { index[column.rawValue] }
}

/// One checked entry line of a FEC, lent to a ``FECConsumer`` for the time of one call.
///
/// Its fields are read from the file's buffer, which the next line overwrites: the
/// type cannot be copied or kept. Texts are given as bytes, in the file's encoding,
/// which is known once the whole file is read (see ``FECConsumer``).
public struct FECEntryLine: ~Copyable {
  let record: FECRecord
  /// Not counted: the validator that lends the line holds the map for longer (a
  /// reference count per line was a tenth of the reading time).
  unowned(unsafe) let columns: FECHeaderMap
  /// The entry's date (`EcritureDate`).
  public let date: CalendarDate
  /// The month of ``date`` counted from the first month of ``FECMonthWindow``.
  public let monthOffset: Int
  /// The line's debit (with `Montant`/`Sens`, the amount of a `D` line).
  public let debit: Money
  /// The line's credit.
  public let credit: Money

  fileprivate init(
    record: consuming FECRecord, columns: FECHeaderMap, date: CalendarDate, monthOffset: Int,
    debit: Money, credit: Money
  ) {
    self.record = record
    self.columns = columns
    self.date = date
    self.monthOffset = monthOffset
    self.debit = debit
    self.credit = credit
  }

  /// The 1-based line number in the file.
  public var lineNumber: Int { record.number }

  /// The bytes of a column, spaces around them dropped.
  public func bytes(_ column: FECColumn) -> [UInt8] { record.bytes(columns[column]) }

  /// Lends the bytes of a column (spaces around them dropped) to `body`.
  public func withBytes<Result>(_ column: FECColumn, _ body: (Span<UInt8>) -> Result) -> Result {
    record.withBytes(columns[column], body)
  }

  /// Whether a column's value starts with these bytes (an account number's prefix).
  public func hasPrefix(_ column: FECColumn, _ prefix: [UInt8]) -> Bool {
    record.hasPrefix(columns[column], prefix)
  }
}

extension FECTokenizer {
  /// Reads `text` as one field of a line: what the validator reads an amount with.
  static func amount(of text: String) -> Int64? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer -> Int64? in
      guard let base = buffer.baseAddress else { return 0 }
      var from = 0
      var to = buffer.count
      while from < to && base[from] == 0x20 { from += 1 }
      while to > from && base[to - 1] == 0x20 { to -= 1 }
      var raw = 0
      return withUnsafePointer(to: &from) { starts in
        withUnsafePointer(to: &to) { ends in
          withUnsafePointer(to: &raw) { rawStarts in
            let record = FECRecord(
              number: 1, fieldCount: 1, base: base, length: buffer.count, starts: starts,
              ends: ends, rawStarts: rawStarts, capacity: 1)
            return record.amount(0)
          }
        }
      }
    }
  }
}
