import Foundation

/// Reads a FEC (*Fichier des Écritures Comptables*) in one streaming pass.
///
/// The file is read in chunks of about 1 MB and parsed byte by byte: a file of a
/// million lines is never held in memory, and neither are its entries, only the
/// monthly totals per account of ``LedgerSummary``. The separator (tab or `|`),
/// the encoding (valid UTF-8, else ISO-8859-15), a byte order mark, CR LF line ends
/// and the `Montant`/`Sens` variant are detected. A file with any problem is refused
/// as a whole, with every problem found (see ``DataError/report(limit:)``).
public struct FECReader: Sendable {
  /// The calendar year the file covers; when `nil`, the year of the first entry line.
  ///
  /// Lines dated in another year are problems: a FEC covers one fiscal year.
  public var fiscalYear: Int?
  /// How many bytes to read at a time; tests use tiny chunks to cut lines anywhere.
  var chunkSize = 1 << 20

  /// Creates a reader.
  /// - Parameter fiscalYear: the year the file covers, or `nil` to take it from the data.
  public init(fiscalYear: Int? = nil) { self.fiscalYear = fiscalYear }

  /// Reads and checks a FEC file, and sums it per account and month.
  /// - Parameter path: the file's path, printed as given in messages.
  /// - Throws: ``DataError`` with every problem of the file.
  public func read(path: String) throws(DataError) -> LedgerSummary {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw .unreadable(path) }
    defer { close(descriptor) }
    var source = FileSource(descriptor: descriptor)
    return try scan(&source, path: path)
  }

  /// Reads and checks a FEC held in memory, and sums it per account and month.
  /// - Parameters:
  ///   - data: the file's bytes.
  ///   - path: the name to print in messages.
  /// - Throws: ``DataError`` with every problem of the content.
  public func read(data: Data, path: String) throws(DataError) -> LedgerSummary {
    var source = DataSource(data: data)
    return try scan(&source, path: path)
  }

  private func scan(_ source: inout some ByteSource, path: String) throws(DataError)
    -> LedgerSummary
  {
    let scanner = FECScanner(file: path, fiscalYear: fiscalYear)
    scanner.scan(&source, chunkSize: max(16, chunkSize))
    return try scanner.finish()
  }
}

/// Where the scanner gets its bytes.
protocol ByteSource {
  /// Fills the start of `buffer`; returns the number of bytes read (0 at the end) or
  /// `nil` on a read error.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int?
}

/// Bytes from an open file descriptor.
private struct FileSource: ByteSource {
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
private struct DataSource: ByteSource {
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
