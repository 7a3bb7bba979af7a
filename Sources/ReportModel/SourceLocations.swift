import Synchronization
import Yams

/// Where each text of a year file was read, by field path (`axes[0].title`), for the
/// messages of checks made after loading.
///
/// A year of 100 000 budget lines has some 400 000 paths, and a run without a
/// problem asks for none of those of its lists: they are not recorded while the year
/// is read (their table was a fifth of the peak memory of such a year) but found the
/// first time one is asked for, by reading the file's text again, kept for that. The
/// few paths outside lists (`assembly.quorum`, `budget.total_target`), which runs
/// without a problem ask for, are recorded as the year is read
/// (``NodeReader/recordsAlways(_:)``). Locations set by hand (the lines of a budget
/// spreadsheet) come first.
public struct SourceLocations: Sendable, ExpressibleByDictionaryLiteral {
  /// Locations set by hand, which win over the file's.
  private var given: [String: SourceLocation]
  /// The year file's, found when first asked for.
  private let found: Found?

  /// Locations known already (tests, and files read without a year file).
  public init(dictionaryLiteral elements: (String, SourceLocation)...) {
    given = Dictionary(elements, uniquingKeysWith: { _, last in last })
    found = nil
  }

  /// Locations known already.
  public init(_ locations: [String: SourceLocation]) {
    given = locations
    found = nil
  }

  /// The locations of the year file `file`, whose content is `text`: `recorded`
  /// as it was read, the others found when first asked for.
  init(file: String, text: String, recorded: [String: SourceLocation]) {
    given = [:]
    found = Found(file: file, text: text, recorded: recorded)
  }

  /// The file the locations are in (the year file's path), when known.
  public var file: String? { found?.file ?? given.values.first?.file }

  /// Where the value at `path` was read, if it was.
  public subscript(path: String) -> SourceLocation? {
    get { given[path] ?? found?.location(of: path) }
    set { given[path] = newValue }
  }

  /// The year file's locations, read again once, by the first to ask, for all.
  private final class Found: Sendable {
    let file: String
    /// Those recorded as the year was read.
    private let recorded: [String: SourceLocation]
    private let state: Mutex<(text: String, table: [String: SourceLocation]?)>

    init(file: String, text: String, recorded: [String: SourceLocation]) {
      self.file = file
      self.recorded = recorded
      state = Mutex((text, nil))
    }

    func location(of path: String) -> SourceLocation? {
      if NodeReader.recordsAlways(path) { return recorded[path] }
      return state.withLock { state in
        if let table = state.table { return table[path] }
        let table = Self.read(file: file, text: state.text)
        state = ("", table)
        return table[path]
      }
    }

    /// The file read again, every location recorded (its problems were said the
    /// first time).
    private static func read(file: String, text: String) -> [String: SourceLocation] {
      guard let root = try? Yams.compose(yaml: text, YearLoader.resolver) else { return [:] }
      let reader = NodeReader(file: file, recordsLocations: true, values: text.utf8.count / 40)
      _ = YearDecoding(reader: reader).year(from: root)
      return reader.locations
    }
  }
}
