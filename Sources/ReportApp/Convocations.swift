import Dispatch
import Foundation
import ReportCompose
import ReportLayout
import ReportMail
import ReportModel
import Synchronization

/// What `report convocations` wrote.
public struct ConvocationRun: Sendable {
  /// A message written to the outbox.
  public struct Message: Sendable {
    /// The member.
    public var memberID: String
    /// The `.eml` file.
    public var path: String
    /// The member's address.
    public var recipient: String
    /// Its size, bytes.
    public var bytes: Int
  }

  /// The PDFs written, in order: the letters, the sheet, the resolutions, the pack when
  /// it was out of date, the letters to post.
  public var written: [Written]
  /// The messages of the outbox, in member order.
  public var messages: [Message]
  /// The files of members no longer in the list, removed.
  public var removed: [String]
  /// Warnings for stderr.
  public var warnings: [String]
  /// Why the letters were written although the notice is too short (`--late`).
  public var late: String?
  /// The members.
  public var members: MemberList
  /// The votes the quorum asks for.
  public var quorumVotes: Int?
  /// Whether the pack was written because it was missing or older than its inputs.
  public var packWritten: Bool
}

extension Application {
  /// Writes the convocations of a year's assembly in `<output>/<year>/convocations/`:
  /// every member's letter and pouvoir, the letters to post in one file (each starting
  /// on an odd page), the attendance sheet, the resolutions, and an e-mail in
  /// `outbox/` for each member with an address, with its letter and the pack attached
  /// (the pack written first when missing or older than its inputs).
  ///
  /// Every check runs before anything is written (``ConvocationCheck``).
  /// - Parameter late: convene even though the notice is shorter than the statutes'
  ///   (the reason goes into ``ConvocationRun/late``).
  /// - Throws: ``RunError``; nothing is written when the inputs have errors.
  public func convocations(
    year: Int, late: Bool = false, progress: @escaping @Sendable (String) -> Void = { _ in }
  ) throws(RunError) -> ConvocationRun {
    let pool = WorkerPool(workers: WorkerPool.workers(for: 40), engine: engine)
    var started = false
    defer { if !started { _ = pool.run(nil) } }
    // A run from the wrong folder is told everything it lacks at once, as `generate` is.
    try checkFolders(year: year)
    let templates = try self.templates(needs: [.convocation, .resolutions, .pack])
    let loaded = try load(year: year)
    var warnings = self.warnings(loaded, templates: templates)
    let inputs = Inputs(
      paths: paths, timings: engine.timings, progress: progress,
      fontFamilies: Inputs.fontFamilies(of: templates))
    let members = try inputs.members(year: year)
    // The pack's sections (Markdown files, pictures) are checked now, before anything is
    // written, whether or not the pack turns out to be out of date.
    let pack = try PackDocument.documents((), year: loaded, inputs: inputs, warnings: &warnings)
    warnings += members.warnings.map(\.description)
    let problems = ConvocationCheck.problems(
      year: loaded.year, yearFile: loaded.file, locations: loaded.locations, members: members,
      membersFile: paths.membersFile(year), late: late)
    // What goes to the members must not say « à réécrire »: the texts `report init`
    // marked are errors here, not the warnings a draft of the pack gets.
    let unwritten = Self.markedTexts(loaded).map { source in
      DataProblem(
        at: source.location, field: source.field,
        message: tr("still marked %1: the convocations would send it to the members", NewYear.mark),
        hint: tr("write this text for %1 and remove the mark", year))
    }
    let errors = unwritten + problems.filter { $0.severity == .error }
    guard errors.isEmpty else { throw .input(DataError(problems: errors)) }
    let overridden = problems.filter { $0.severity == .warning }
    warnings += overridden.map(\.description)
    let lateReason = late ? overridden.first { $0.field == "assembly.convened_on" }?.message : nil

    let packName = templates.words.pack.fileName.render(["year": String(year)])
    let packPath = paths.outputFolder(year) + "/" + packName
    let mail = try mailTemplates(for: members, loaded: loaded, packName: packName)

    // Only now is anything created in the output.
    _ = try engine.outputFolder(year)
    let folder = paths.convocationsFolder(year)
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw RunError(
        .io, at: SourceLocation(file: folder),
        tr("cannot create the folder: %1", Engine.reason(error, creating: folder)))
    }
    // The pack found is attached only if it was made here from these inputs: a pack
    // another --data or --templates wrote into the same output is made again.
    let stamp = Self.packStamp(packPath)
    let source = packSource(year: year)
    let packWritten =
      !isUpToDate(packPath, year: year)
      || (try? String(contentsOfFile: stamp, encoding: .utf8)) != source
    // The long documents first, so that the workers end together. The letters of the
    // members convened by post are laid out once: the file to post is their pages
    // joined, drawn on a thread of its own as they are laid out.
    var others: [any DocumentKind] = []
    if packWritten { others.append(contentsOf: pack) }
    others.append(AttendanceSheetDocument(loaded: loaded, members: members))
    others.append(InConvocationsFolder(ResolutionsDocument(loaded: loaded)))
    // The letters to post first, so that their file is done early, then the letters
    // sent by e-mail.
    let postal = members.byPost
    let mailed = members.byEmail
    let convened = postal + mailed
    let logo = pack.first?.logo
    // Each letter is made when a worker takes it, not all of them beforehand.
    let documents = WorkerPool.Documents(count: others.count + convened.count) {
      [others] index in
      index < others.count
        ? others[index]
        : ConvocationLetterDocument(
          loaded: loaded, member: convened[index - others.count], logo: logo)
    }
    let postalLetters = Array(others.count..<(others.count + postal.count))
    var batch = WorkerPool.Batch(
      templates: templates, documents: documents, year: year, keep: Set(postalLetters))
    if !postal.isEmpty {
      let printed = PrintedConvocationsDocument(
        loaded: loaded, members: postal, pages: [], logo: logo)
      let engine = engine
      batch.finale = {
        (next: () throws(RunError) -> LaidOutDocument?, typesetter: Typesetter) throws(RunError)
          -> Written in
        try printed.write(
          letters: next, engine: engine, templates: templates, year: year, typesetter: typesetter)
      }
    }
    progress(tr("writing %1 convocations…", members.members.count))
    started = true
    var results: [Written] = []
    for outcome in pool.run(batch) {
      results.append(try outcome.get())
    }
    // The letters in the members' order, whatever the order they were written in.
    let byID = Dictionary(
      zip(convened.map(\.id), results[others.count..<documents.count]),
      uniquingKeysWith: { first, _ in first })
    let letters = members.members.compactMap { byID[$0.id] }
    let rest = Array(results.prefix(others.count) + results.dropFirst(documents.count))
    // The letters first, then the sheet, the resolutions, the pack and the letters to post.
    let order = ["emargement", "resolutions", "pack", "convocations"]
    let written =
      letters
      + rest.sorted { (order.firstIndex(of: $0.kind) ?? 9) < (order.firstIndex(of: $1.kind) ?? 9) }
    let letterPaths = Dictionary(
      zip(members.members.map(\.id), letters.map(\.path)),
      uniquingKeysWith: { first, _ in first })
    if packWritten {
      // Written whole or not at all, beside the pack.
      try? Data(source.utf8).write(to: URL(fileURLWithPath: stamp), options: .atomic)
    }
    var messages: [ConvocationRun.Message] = []
    if let mail {
      progress(tr("writing %1 e-mails…", mailed.count))
      messages = try engine.timings.measure("write the outbox") { () throws(RunError) in
        try writeOutbox(
          mailed, letters: letterPaths, mail: mail, loaded: loaded, packPath: packPath,
          packName: packName)
      }
    }
    let removed = try removeStale(
      members: members, year: year, letters: Set(letterPaths.values),
      sample: members.members.first.flatMap { letterPaths[$0.id] },
      printing: written.first { $0.kind == "convocations" }?.path)
    return ConvocationRun(
      written: written, messages: messages, removed: removed, warnings: warnings,
      late: lateReason, members: members,
      quorumVotes: loaded.year.assembly.quorum.map(members.quorumVotes), packWritten: packWritten)
  }

  /// The mail template and words, checked against every member convened by e-mail
  /// before anything is written; `nil` when no member has an address.
  private func mailTemplates(for members: MemberList, loaded: LoadedYear, packName: String)
    throws(RunError) -> (template: MailTemplate, words: MailWords)?
  {
    guard let first = members.byEmail.first else { return nil }
    let folder = paths.templates + "/mail"
    do {
      let template = try MailTemplate(path: folder + "/convocation.txt")
      let words = try MailWords(path: folder + "/words.yaml")
      for member in members.byEmail {
        _ = try template.render(
          ConvocationMail.values(
            year: loaded.year, yearNumber: loaded.number, member: member,
            attachments: [first.id, packName], words: words))
      }
      return (template, words)
    } catch {
      throw RunError(.templates, error.description)
    }
  }

  /// The hidden file beside a pack that says what it was made from.
  static func packStamp(_ packPath: String) -> String {
    let url = URL(fileURLWithPath: packPath)
    return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".source"
  }

  /// What a pack is made from, as its stamp says it: the year's folder, the year
  /// before's and the templates, as absolute paths.
  func packSource(year: Int) -> String {
    [paths.yearFolder(year), paths.yearFolder(year - 1), paths.templates, paths.fonts]
      .map { URL(fileURLWithPath: $0).standardizedFileURL.path }.joined(separator: "\n") + "\n"
  }

  /// Whether a written file is newer than the inputs it is made of: the year file,
  /// the budget spreadsheet, the templates.
  func isUpToDate(_ path: String, year: Int) -> Bool {
    func modified(_ file: String) -> Date? {
      (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date
    }
    guard let made = modified(path) else { return false }
    // Everything the pack may be made of: the year's folder (year file, budget
    // spreadsheet, pack.yaml, Markdown texts, pictures; not the members, which it does
    // not print), the year before's (its accounts), and the templates.
    var inputs: [String] = []
    for folder in [paths.yearFolder(year), paths.yearFolder(year - 1), paths.templates] {
      guard let walk = FileManager.default.enumerator(atPath: folder) else { continue }
      for case let name as String in walk where name != "members.csv" {
        inputs.append(folder + "/" + name)
      }
    }
    return inputs.compactMap(modified).allSatisfy { $0 <= made }
  }

  /// Writes each member's message to the outbox, its letter and the pack attached.
  private func writeOutbox(
    _ members: [Member], letters: [String: String],
    mail: (template: MailTemplate, words: MailWords), loaded: LoadedYear,
    packPath: String, packName: String
  ) throws(RunError) -> [ConvocationRun.Message] {
    let outbox = Outbox(folder: paths.outboxFolder(loaded.number))
    guard let pack = FileManager.default.contents(atPath: packPath) else {
      throw RunError(
        .io, at: SourceLocation(file: packPath), tr("cannot read the pack to attach it"))
    }
    guard
      let date = MailDate.convocation(
        convenedOn: loaded.year.assembly.convenedOn, environment: engine.environment)
    else {
      throw RunError(
        .input, at: SourceLocation(file: loaded.file),
        tr("%1: the e-mails need a date", "assembly.convened_on"),
        hint: tr("set %1, e.g. %2", "assembly.convened_on", "2019-05-20"))
    }
    let packAttachment = MailAttachment(name: packName, bytes: Array(pack))
    // The messages are made and written on every core (each file is written whole,
    // under a name of its own); the same bytes whatever the order.
    let slots = Mutex<[Result<ConvocationRun.Message, RunError>?]>(
      Array(repeating: nil, count: members.count))
    let workers = max(1, min(Engine.cores, members.count))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for index in stride(from: worker, to: members.count, by: workers) {
        let member = members[index]
        let result = Result { () throws(RunError) -> ConvocationRun.Message in
          try Self.writeMessage(
            member, letter: letters[member.id] ?? "", pack: packAttachment, mail: mail,
            loaded: loaded, date: date, outbox: outbox)
        }
        slots.withLock { $0[index] = result }
      }
    }
    var messages: [ConvocationRun.Message] = []
    for slot in slots.withLock({ $0 }) {
      guard let slot else { throw RunError(.internal, at: nil, tr("a message was not written")) }
      messages.append(try slot.get())
    }
    return messages
  }

  /// Makes a member's message and writes it to the outbox.
  private static func writeMessage(
    _ member: Member, letter letterPath: String, pack: MailAttachment,
    mail: (template: MailTemplate, words: MailWords), loaded: LoadedYear, date: MailDate,
    outbox: Outbox
  ) throws(RunError) -> ConvocationRun.Message {
    guard let letter = FileManager.default.contents(atPath: letterPath) else {
      throw RunError(
        .io, at: SourceLocation(file: letterPath), tr("cannot read the letter to attach it"))
    }
    let pieces: [String]
    do {
      pieces = try ConvocationMail.message(
        template: mail.template, words: mail.words, year: loaded.year,
        yearNumber: loaded.number, member: member,
        attachments: [
          MailAttachment(name: (letterPath as NSString).lastPathComponent, bytes: Array(letter)),
          pack,
        ], date: date
      ).pieces()
    } catch {
      throw .input(error)
    }
    do {
      let path = try outbox.write(pieces: pieces, memberID: member.id)
      return ConvocationRun.Message(
        memberID: member.id, path: path, recipient: member.email ?? "",
        bytes: pieces.reduce(0) { $0 + $1.utf8.count })
    } catch {
      throw RunError(.io, at: SourceLocation(file: error.path), error.reason)
    }
  }

  /// Removes what an earlier run wrote for members since taken out of the list: the
  /// letters not written by this run, their messages, and the file to post when no
  /// member is convened by post any more.
  private func removeStale(
    members: MemberList, year: Int, letters: Set<String>, sample: String?, printing: String?
  ) throws(RunError) -> [String] {
    let folder = paths.convocationsFolder(year)
    var removed: [String] = []
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    // A letter's name is the words' file name: what is around the member's id.
    let sample = sample.map { ($0 as NSString).lastPathComponent } ?? ""
    let id = members.members.first?.id ?? ""
    let parts = sample.components(separatedBy: id)
    for name in names.sorted() where parts.count == 2 && !id.isEmpty {
      let path = folder + "/" + name
      guard name.hasPrefix(parts[0]), name.hasSuffix(parts[1]),
        name.count > sample.count - id.count,
        !letters.contains(path), path != printing
      else { continue }
      let rest = name.dropFirst(parts[0].count).dropLast(parts[1].count)
      guard rest.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { continue }
      if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
    }
    let outbox = Outbox(folder: paths.outboxFolder(year))
    do {
      let emailIDs = Set(members.byEmail.map(\.id))
      removed += try outbox.removeMessages(except: emailIDs).map(outbox.path(of:))
    } catch {
      throw RunError(.io, at: SourceLocation(file: error.path), error.reason)
    }
    return removed
  }
}
