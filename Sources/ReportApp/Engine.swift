import Foundation
import ReportCompose
import ReportLayout
import ReportModel

/// What every kind of document goes through once composed: the fonts check, layout,
/// drawing, finishing and writing to `<output>/<year>/`.
public struct Engine: Sendable {
  /// The folders used.
  public var paths: Paths
  /// The environment (for `SOURCE_DATE_EPOCH`).
  public var environment: [String: String]
  /// How long each step takes.
  public var timings: Timings
  /// Write PDF/A-1b files, named `<name>-pdfa.pdf`, instead of ordinary PDFs.
  public var archival = false
  /// The sRGB ICC profile PDF/A files are made with.
  public var colourProfile = "/usr/share/color/icc/sRGB.icc"
  /// Told when another run holds the output folder and this one waits for it.
  public var waiting: @Sendable (String) -> Void = { _ in }
  /// Write PNG previews of the pages instead of the PDF, when set.
  public var preview: Preview?

  /// What `report preview` asks for: PNG pages beside the PDF, drawn by the PDF's painter.
  public struct Preview: Sendable {
    /// Pixels per inch.
    public var dpi: Double
    /// The one page to draw (1-based); every page when `nil`.
    public var page: Int?

    /// Creates a request.
    public init(dpi: Double = 96, page: Int? = nil) {
      self.dpi = dpi
      self.page = page
    }
  }

  /// Composes, checks, lays out and writes one document of a year.
  /// - Throws: ``RunError``; nothing is written then.
  func write(
    _ kind: any DocumentKind, year: Int, templates: Templates, typesetter: Typesetter
  ) throws(RunError) -> Written {
    // The PDF/A profile is read before anything is laid out: a missing one fails fast.
    let profile = try archival ? Rendering.archival(profile: colourProfile) : nil
    guard let preview else {
      // Drawn as laid out: each page is made, drawn and released in turn.
      let (composed, stream, helpers) = try pages(
        kind, templates: templates, typesetter: typesetter)
      return try write(
        stream: consume stream, composed: composed, kind: kind, year: year, typesetter: typesetter,
        shaper: helpers.first, profile: profile)
    }
    let (composed, document) = try layOut(kind, templates: templates, typesetter: typesetter)
    let pages = document.pages.count
    if let page = preview.page, !(1...pages).contains(page) {
      throw RunError(
        .input, at: nil,
        pages == 1
          ? tr("--page %1: %2 has 1 page", page, composed.fileName)
          : tr("--page %1: %2 has %3 pages", page, composed.fileName, pages),
        hint: tr("give a page from 1 to %1, or leave out --page for all of them", pages))
    }
    // Only now, with the document laid out, is anything created in the output.
    let folder = try outputFolder(year)
    let lock = try OutputLock(folder: folder) { waiting(folder) }
    defer { withExtendedLifetime(lock) {} }
    let images = try timings.measure("draw the previews") { () throws(RunError) -> [String] in
      try Rendering.preview(
        document, pages: preview.page.map { [$0] } ?? Array(1...pages), dpi: preview.dpi,
        typesetter: typesetter, folder: folder, name: composed.fileName)
    }
    var written = Written(
      path: images.first ?? folder, pages: pages, kind: kind.name, details: kind.details)
    written.images = images
    return written
  }

  /// The run error of a layout error: the theme's fault (sizes, margins), the
  /// data's (a block too tall), or a defect of the layout engine.
  static func error(_ error: LayoutError, theme: String = "theme.yaml") -> RunError {
    let said = error.said
    switch error {
    case .tableTooWide, .tooNarrow, .footerDoesNotFit:
      return RunError(.templates, at: SourceLocation(file: theme), said.message, hint: said.hint)
    case .tooTall: return RunError(.input, at: nil, said.message, hint: said.hint)
    case .contentsDidNotSettle, .outsidePrintableBox, .pagesChanged:
      return RunError(.internal, at: nil, said.message, hint: said.hint)
    }
  }

  /// The name of the PDF/A version of a file: `-pdfa` before the extension, so that
  /// it sits beside the ordinary one.
  static func archivalName(_ name: String) -> String {
    name.hasSuffix(".pdf") ? String(name.dropLast(4)) + "-pdfa.pdf" : name + "-pdfa"
  }

  /// The output folder of a year, created when missing.
  func outputFolder(_ year: Int) throws(RunError) -> String {
    let folder = paths.outputFolder(year)
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw RunError(
        .io, at: SourceLocation(file: folder),
        tr("cannot create the output folder: %1", Self.reason(error, creating: folder)),
        hint: tr(
          "pass --output DIR, a folder report may write to, or set output in report.toml"))
    }
    return folder
  }

  /// Why a folder could not be created, in words (not Foundation's domain and code):
  /// a file in the way, or the system's reason.
  static func reason(_ error: any Error, creating folder: String) -> String {
    var path = folder
    while !path.isEmpty && path != "/" && path != "." {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
        if !isFolder.boolValue { return tr("%1 is a file, not a folder", path) }
        break
      }
      // Up one folder, the path kept as the user wrote it (no `//` folded).
      guard let slash = path.lastIndex(of: "/") else { break }
      path = String(path[..<slash])
    }
    let error = error as NSError
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
    switch error.code {
    case NSFileWriteNoPermissionError: return String(cString: strerror(EACCES))
    case NSFileWriteOutOfSpaceError: return String(cString: strerror(ENOSPC))
    case NSFileWriteVolumeReadOnlyError: return String(cString: strerror(EROFS))
    case NSFileWriteFileExistsError: return tr("a file of that name is in the way")
    default: return tr("the system refused it")
    }
  }

  /// Refuses a document that prints characters the fonts cannot draw (emoji,
  /// scripts they lack): printed, they would be empty boxes.
  ///
  /// What is printed is found by walking the document (``ComposedDocument/printedTexts``);
  /// each missing character is then traced to the inputs that hold it, so that the
  /// message names their file, line and field, or to the templates' words.
  func checkCoverage(
    _ composed: ComposedDocument, sources: @autoclosure () -> [SourcedText],
    typesetter: Typesetter
  ) throws(RunError) {
    var missing: [Unicode.Scalar] = []
    for text in composed.printedTexts where typesetter.missingCharacter(in: text) != nil {
      var rest = Substring(text)
      while let scalar = typesetter.missingCharacter(in: String(rest)) {
        if !missing.contains(scalar) { missing.append(scalar) }
        guard let index = rest.unicodeScalars.firstIndex(of: scalar) else { break }
        rest = rest[rest.unicodeScalars.index(after: index)...]
      }
    }
    guard !missing.isEmpty else { return }
    // Where each text comes from is worked out only for a character that is missing.
    let sources = sources()
    func problem(_ scalar: Unicode.Scalar, at location: SourceLocation, field: String)
      -> DataProblem
    {
      let code = String(scalar.value, radix: 16, uppercase: true)
      return DataProblem(
        at: location, field: field,
        message: tr(
          "the character %1 (U+%2) is not in the font %3", String(scalar), code,
          composed.fontFamily),
        hint: tr("replace or remove it; the document can only print what its font has"))
    }
    // The year's items by their titles and labels, to say its fields as a person counts.
    var titles: [String: String] = [:]
    for source in sources {
      for suffix in [".title", ".label"] where source.field.hasSuffix(suffix) {
        titles[String(source.field.dropLast(suffix.count))] = source.text
      }
    }
    var problems: [DataProblem] = []
    var traced: Set<Unicode.Scalar> = []
    for source in sources {
      guard let scalar = source.text.unicodeScalars.first(where: missing.contains) else {
        continue
      }
      traced.insert(scalar)
      problems.append(
        problem(scalar, at: source.location, field: source.field).counted(titles: titles))
    }
    for scalar in missing where !traced.contains(scalar) {
      let (location, field) = wordsLocation(of: scalar)
      problems.append(problem(scalar, at: location, field: field))
    }
    throw RunError(.input, DataError(problems: problems).description)
  }

  /// Where the templates' words hold a character: the first line of `words.yaml`
  /// that has it, and the key on that line (the file alone when it is not found, a
  /// character written as an escape such as `\u1F389`).
  func wordsLocation(of scalar: Unicode.Scalar) -> (SourceLocation, String) {
    let file = paths.templates + "/words.yaml"
    let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      guard let found = line.unicodeScalars.firstIndex(of: scalar) else { continue }
      let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: found)
      let key = line.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces)
      return (SourceLocation(file: file, line: index + 1, column: column + 1), key)
    }
    return (SourceLocation(file: file), "")
  }

  /// The PDF's dates: `SOURCE_DATE_EPOCH` when set, else the day the document is
  /// about (the assembly, the end of the month reported), so that two runs give the
  /// same bytes.
  func documentDate(about day: CalendarDate?) -> Int64 {
    if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text) { return seconds }
    return day?.secondsSinceEpoch ?? 0
  }

  /// The cores this process may run on: its CPU affinity (`taskset`, a cgroup's
  /// cpuset), which `ProcessInfo.activeProcessorCount` does not look at.
  static let cores: Int = {
    let all = ProcessInfo.processInfo.activeProcessorCount
    // "Cpus_allowed:\tff,ffffffff": the affinity mask in hexadecimal.
    guard let mask = ProcessStatus.field("Cpus_allowed") else { return all }
    let allowed = mask.reduce(0) { count, digit in
      count + (digit.hexDigitValue?.nonzeroBitCount ?? 0)
    }
    return max(1, min(allowed, all))
  }()
}
