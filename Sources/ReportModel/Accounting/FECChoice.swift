import Foundation

/// Which FEC of a folder a run reads, and why: documents and the JSON summary say so.
public struct FECChoice: Hashable, Sendable, CustomStringConvertible {
  /// Why the file was chosen.
  public enum Reason: Hashable, Sendable {
    /// The only file of the folder.
    case onlyFile
    /// The latest closing date among the legal names (`<SIREN>FEC<YYYYMMDD>`).
    case closingDate(CalendarDate)
    /// No legal name: the file whose entries go furthest.
    case lastEntryDate(CalendarDate)
  }

  /// The chosen file's path.
  public var file: String
  /// Why it was chosen.
  public var reason: Reason
  /// The other files of the folder, not read, by name.
  public var others: [String]

  /// Creates a choice.
  public init(file: String, reason: Reason, others: [String]) {
    self.file = file
    self.reason = reason
    self.others = others
  }

  /// `fec/123456789FEC20190831.txt (the latest closing date, 2019-08-31, of 2 files)`.
  public var description: String {
    let of = others.isEmpty ? "" : ", of \(others.count + 1) files"
    switch reason {
    case .onlyFile: return "\(file) (the only file)"
    case .closingDate(let date): return "\(file) (the latest closing date, \(date)\(of))"
    case .lastEntryDate(let date): return "\(file) (the latest entries, \(date)\(of))"
    }
  }

  /// The FEC of a folder: by the closing date of the legal names when any file has one,
  /// else by the last entry date of each file (names break ties, the last wins).
  ///
  /// "The last file by name" read `FEC_mars.txt` rather than `FEC_juin.txt`: names say
  /// nothing about dates unless they are the legal ones.
  /// - Parameter folder: the folder, `data/<year>/fec`.
  /// - Throws: ``DataError`` when the folder has no file.
  public static func choose(in folder: String) throws(DataError) -> FECChoice {
    let manager = FileManager.default
    let names = ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).filter { name in
      var isFolder: ObjCBool = false
      return !name.hasPrefix(".")
        && manager.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder)
        && !isFolder.boolValue
    }.sorted()
    guard !names.isEmpty else {
      throw DataError(problems: [
        DataProblem(
          at: SourceLocation(file: folder), field: "",
          message: tr("no accounting export (FEC) in this folder"),
          hint: tr("put the export in this folder or give one with --fec FILE"))
      ])
    }
    if names.count == 1 {
      return FECChoice(file: folder + "/" + names[0], reason: .onlyFile, others: [])
    }
    let legal = names.compactMap { name in FECFileName.closingDate(of: name).map { (name, $0) } }
    if let best = legal.max(by: { ($0.1, $0.0) < ($1.1, $1.0) }) {
      return FECChoice(
        file: folder + "/" + best.0, reason: .closingDate(best.1),
        others: names.filter { $0 != best.0 })
    }
    var best: (name: String, date: CalendarDate)?
    for name in names {
      guard let date = FECReader.lastEntryDate(path: folder + "/" + name) else { continue }
      if best.map({ (date, name) >= ($0.date, $0.name) }) ?? true { best = (name, date) }
    }
    // Files without a single dated entry: the last by name, as before.
    let chosen = best?.name ?? names[names.count - 1]
    return FECChoice(
      file: folder + "/" + chosen,
      reason: best.map { .lastEntryDate($0.date) } ?? .onlyFile,
      others: names.filter { $0 != chosen })
  }
}

extension FECReader {
  /// The last entry date of a file, its problems ignored; `nil` when it has none.
  static func lastEntryDate(path: String) -> CalendarDate? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var source = FileSource(descriptor: descriptor)
    let tokenizer = FECTokenizer()
    var validator = FECValidator(file: path, rule: .firstEntry, consumer: NoConsumer())
    tokenizer.run(&source, chunkSize: 1 << 20, into: &validator)
    return validator.lastDate
  }
}

/// A consumer that keeps nothing: for passes that only look at dates.
struct NoConsumer: FECConsumer {
  mutating func begin(months: FECMonthWindow) {}
  mutating func consume(_ line: borrowing FECEntryLine) {}
}

extension LedgerSummary {
  /// A warning when an export to the end of `month` comes after the file's last entry's
  /// month: what it shows stops there, and prorating does not.
  public func staleness(through month: YearMonth) -> DataProblem? {
    let location = SourceLocation(file: file)
    guard let last = lastEntryDate else {
      return DataProblem(
        .warning, at: location, field: "",
        message: tr("the accounting export has no entry: the export to %1 shows nothing", month),
        hint: tr("export the FEC again from the accounting software"))
    }
    guard let lastMonth = YearMonth(year: last.year, month: last.month), month > lastMonth
    else { return nil }
    return DataProblem(
      .warning, at: location, field: "",
      message: tr(
        "the accounting export's last entry is dated %1: the export to %2 shows nothing after it",
        last, month.lastDay),
      hint: tr(
        "export a newer FEC from the accounting software, or ask for month %1", last.month))
  }
}
