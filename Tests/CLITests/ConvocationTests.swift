import Foundation
import ReportCompose
import ReportModel
import TestSupport
import Testing

/// A copy of the 2019 year file and members in a temporary folder, each edited.
func convocationData(
  year edit: (String) -> String = { $0 }, members editMembers: (String) -> String = { $0 }
) throws -> String {
  let folder = try dataFolder(editing: edit)
  let members = try String(
    contentsOfFile: Repository.path("data/2019/members.csv"), encoding: .utf8)
  try editMembers(members).write(
    toFile: folder + "/2019/members.csv", atomically: true, encoding: .utf8)
  return folder
}

/// `report convocations --year 2019 --json` on a data folder, into a fresh output folder.
func convocations(data: String, extra: [String] = [], prefix: [String] = []) throws -> (
  output: String, result: ProcessOutput, summary: [String: Any]
) {
  let output = try temporaryFolder("report-convocations")
  let arguments =
    ["convocations", "--year", "2019", "--json", "--data", data, "--output", output] + extra
  let result =
    prefix.isEmpty
    ? try report(arguments)
    : try run(
      prefix[0], Array(prefix.dropFirst()) + [Repository.executable] + arguments,
      in: Repository.root)
  let summary =
    (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
  return (output, result, summary)
}

/// One word of `pdftotext -bbox`: its text and box, in points from the page's top left.
struct BoxedWord {
  var text: String
  var xMin: Double
  var yMin: Double
  var xMax: Double
  var yMax: Double
}

/// The words of a page with their boxes.
func boxedWords(_ pdf: String, page: Int) throws -> [BoxedWord] {
  let output = try run("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), pdf, "-"])
  let pattern = try NSRegularExpression(
    pattern:
      #"<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>"#
  )
  let text = output.stdout
  return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
    match in
    func group(_ index: Int) -> String {
      Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
    }
    guard let x0 = Double(group(1)), let y0 = Double(group(2)), let x1 = Double(group(3)),
      let y1 = Double(group(4))
    else { return nil }
    let word = group(5).replacing("&amp;", with: "&").replacing("&apos;", with: "'")
      .replacing("&quot;", with: "\"").replacing("&lt;", with: "<").replacing("&gt;", with: ">")
    return BoxedWord(text: word, xMin: x0, yMin: y0, xMax: x1, yMax: y1)
  }
}

/// The page count of a PDF.
func pageCount(_ pdf: String) throws -> Int {
  let info = try run("pdfinfo", [pdf]).stdout
  let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
  return Int(line.split(separator: " ").last ?? "") ?? 0
}

/// The 2019 convocations, written once for the suites that only read them.
enum SharedConvocations {
  static let run = Result { () throws -> (String, ProcessOutput) in
    let data = try convocationData()
    let (output, result, _) = try convocations(data: data)
    return (output + "/2019/convocations", result)
  }
}

@Suite(.serialized) struct ConvocationLetterTests {
  let folder: String
  let result: ProcessOutput
  let summary: [String: Any]

  init() throws {
    (folder, result) = try SharedConvocations.run.get()
    summary =
      (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
  }

  @Test func runsAndSaysWhatItWrote() throws {
    #expect(result.status == 0, "\(result.stderr)")
    let counts = try #require(summary["counts"] as? [String: Any])
    #expect(counts["members"] as? Int == 40)
    #expect(counts["by_email"] as? Int == 33)
    #expect(counts["by_post"] as? Int == 7)
    #expect(counts["votes"] as? Int == 336)
    #expect(counts["quorum"] as? Int == 84)
    #expect(counts["messages"] as? Int == 33)
    let files = try #require(summary["files"] as? [[String: Any]])
    let kinds = files.compactMap { $0["kind"] as? String }
    #expect(kinds.filter { $0 == "convocation" }.count == 40)
    #expect(Set(kinds) == ["convocation", "emargement", "resolutions", "pack", "convocations"])
    #expect(summary.keys.contains("late") && summary["late"] is NSNull)
    for file in files {
      let path = try #require(file["path"] as? String)
      #expect(FileManager.default.fileExists(atPath: path), "\(path)")
    }
  }

  /// The letter says who is convened, where, when, to do what, until when, and who signs.
  @Test func letterTextReadsBack() throws {
    let pdf = folder + "/convocation-ara.pdf"
    #expect(try pageCount(pdf) == 2)
    let letter = try text(of: pdf, first: 1, last: 1)
    for expected in [
      "CHANTIER école", "Réseau des entreprises sociales apprenantes", "61 rue Victor Hugo",
      "secretariat@chantierecole.org",
      "Mme Sophie Garnier CHANTIER école Auvergne-Rhône-Alpes 12 rue de la Charité 69002 LYON",
      "Pantin, le 24 mai 2019",
      "Objet : convocation à l’assemblée générale ordinaire du vendredi 14 juin 2019",
      "Madame,", "le vendredi 14 juin 2019 à 14 h", "FIAP Jean Monnet, salle Paris",
      "30 rue Cabanis", "75014 Paris", "Ordre du jour",
      "1. Rapport moral et rapport d’activité 2018",
      "2. Rapport financier et approbation des comptes de l’exercice 2018",
      "7. Questions diverses", "28 voix", "Documents joints", "mardi 11 juin 2019",
      "Claire Dumont Présidente",
    ] {
      #expect(letter.contains(expected), "\(expected) in \(letter)")
    }
    // The agenda, numbered in order.
    var position = letter.startIndex
    for number in 1...7 {
      let found = try #require(letter.range(of: "\(number). ", range: position..<letter.endIndex))
      position = found.upperBound
    }
    let proxy = try text(of: pdf, first: 2, last: 2)
    for expected in [
      "Pouvoir", "Assemblée générale ordinaire de CHANTIER école — vendredi 14 juin 2019 à 14 h",
      "Structure : CHANTIER école Auvergne-Rhône-Alpes", "Identifiant : ara", "Voix : 28",
      "Structure mandataire :", "Signature, précédée de la mention manuscrite « Bon pour pouvoir »",
      "Rappel des règles", "mardi 11 juin 2019",
      // Proxies go back to the organisation, not to the assembly's hall.
      "par courrier à CHANTIER école, 61 rue Victor Hugo, 93500 Pantin.",
    ] {
      #expect(proxy.contains(expected), "\(expected) in \(proxy)")
    }
  }

  /// The French way: no-break spaces before colons and inside « », typographic
  /// apostrophes, no straight quote, in every text the letter prints.
  @Test func typographyIsFrench() throws {
    let templates = try Templates.load(
      directory: Repository.path("templates"), requiring: [.convocation])
    let year = try YearLoader().load(path: Repository.path("data/2019/report.yaml")).year
    let members = try MembersCSVLoader().load(path: Repository.path("data/2019/members.csv"))
    let composer = ConvocationComposer(year: year, yearNumber: 2019, templates: templates)
    for member in members.members {
      let texts = composer.compose(member).printedTexts
      let all = texts.joined(separator: "\n")
      #expect(!all.contains("'"), "\(member.id)")
      #expect(!all.contains(" :") && !all.contains(" ;"), "\(member.id)")
      #expect(all.contains("Objet\u{00A0}:"))
      #expect(all.contains("«\u{202F}Bon pour pouvoir\u{202F}»"))
      #expect(all.contains("l’assemblée générale ordinaire"))
    }
    let raw = try run("pdftotext", ["-raw", folder + "/convocation-ara.pdf", "-"]).stdout
    #expect(!raw.contains("'"))
    #expect(raw.contains("l’assemblée"))
  }

  /// The address lies inside the window of a DL envelope: 100 × 45 mm, its left edge
  /// 100 mm and its top 45 mm from the sheet's (and 5 mm inside it on the left and
  /// top, for the sheet's play in the envelope), and nothing else shows there.
  @Test func addressShowsThroughTheWindow() throws {
    let mm = 72 / 25.4
    let window = (x0: 100 * mm, y0: 45 * mm, x1: 200 * mm, y1: 90 * mm)
    for member in ["ara", "bretagne", "aci-001"] {
      let pdf = folder + "/convocation-\(member).pdf"
      let words = try boxedWords(pdf, page: 1)
      let inside = words.filter {
        $0.xMin >= window.x0 && $0.xMax <= window.x1 && $0.yMin >= window.y0
          && $0.yMax <= window.y1
      }
      let overlapping = words.filter {
        $0.xMax > window.x0 && $0.xMin < window.x1 && $0.yMax > window.y0 && $0.yMin < window.y1
      }
      // Nothing is cut by the window's edge.
      #expect(inside.count == overlapping.count, "\(member): \(overlapping.map(\.text))")
      let shown = inside.map(\.text).joined(separator: " ")
      for word in inside {
        #expect(word.xMin >= 105 * mm && word.yMin >= 50 * mm, "\(word.text) near the edge")
      }
      if member == "ara" {
        #expect(
          shown
            == "Mme Sophie Garnier CHANTIER école Auvergne-Rhône-Alpes 12 rue de la Charité 69002 LYON"
        )
      } else if member == "bretagne" {
        #expect(
          shown.hasPrefix("Mme Gwenaëlle Le Goff CHANTIER école Bretagne Maison des associations"))
        #expect(shown.hasSuffix("35000 RENNES"))
      } else {
        #expect(shown.hasSuffix(try #require(shown.split(separator: " ").last).uppercased()))
        #expect(inside.count >= 4)
      }
    }
  }

  /// `organisation.logo` is set small at the top right of the letterhead, above the
  /// window; without it that corner is empty.
  @Test func theLogoIsInTheLetterheadAboveTheWindow() throws {
    let mm = 72 / 25.4
    func corner(_ pdf: String) throws -> [String] {
      try boxedWords(pdf, page: 1).filter { $0.xMin >= 150 * mm && $0.yMax <= 45 * mm }.map(\.text)
    }
    #expect(try corner(folder + "/convocation-ara.pdf").contains("CHANTIER"))
    let data = try convocationData(year: {
      $0.replacing("  logo: \"images/logo.svg\"", with: "")
    })
    let (output, result, _) = try convocations(data: data)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try corner(output + "/2019/convocations/convocation-ara.pdf").isEmpty)
  }

  /// The letter's first page with the window drawn over it, for a person to look at:
  /// `$TMPDIR/report-window-check-*/window.png`.
  @Test func windowCheckImage() throws {
    let check = try temporaryFolder("report-window-check")
    let pdf = folder + "/convocation-bretagne.pdf"
    let dpi = 100
    _ = try run("pdftoppm", ["-r", String(dpi), "-f", "1", "-l", "1", pdf, check + "/page"])
    let ppm = try #require(
      try FileManager.default.contentsOfDirectory(atPath: check).first { $0.hasSuffix(".ppm") })
    let script = Repository.path("scripts/draw-window.py")
    let drawn = try run(
      "/usr/bin/python3",
      [script, check + "/" + ppm, check + "/window.png", String(dpi), "100", "45", "100", "45"])
    #expect(drawn.status == 0, "\(drawn.stderr)")
    // Inside the window's outline, the address's ink; the outline itself is red.
    #expect(FileManager.default.fileExists(atPath: check + "/window.png"))
    #expect(drawn.stdout.contains("ink inside the window: "))
    let ink =
      Int(
        drawn.stdout.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines)
          ?? "") ?? 0
    #expect(ink > 500)
  }

  /// The letters to post: those of the members without an e-mail address, each
  /// starting on an odd page.
  @Test func lettersToPostStartOnOddPages() throws {
    let pdf = folder + "/convocations-2019.pdf"
    #expect(try pageCount(pdf) == 14)
    var page = 1
    let files = try #require(summary["files"] as? [[String: Any]])
    let pages = Dictionary(
      uniqueKeysWithValues: files.compactMap { file -> (String, Int)? in
        guard let member = file["member"] as? String, let count = file["pages"] as? Int else {
          return nil
        }
        return (member, count)
      })
    // The members without an e-mail: those the outbox has no message for, in file order.
    let mailed = Set(
      (summary["outbox"] as? [[String: Any]] ?? []).compactMap { $0["member"] as? String })
    let postal = files.compactMap { $0["member"] as? String }.filter { !mailed.contains($0) }
    #expect(postal.count == 7)
    for member in postal {
      #expect(page % 2 == 1)
      let first = try text(of: pdf, first: page, last: page)
      let own = try text(of: folder + "/convocation-\(member).pdf", first: 1, last: 1)
      #expect(first == own, "\(member) starts on page \(page)")
      page += try #require(pages[member])
    }
  }

  /// The attendance sheet: every member with its votes, by college then name; the
  /// total of votes and the quorum line, and the columns' header, on every page.
  @Test func attendanceSheet() throws {
    let pdf = folder + "/emargement-2019.pdf"
    let count = try pageCount(pdf)
    #expect(count >= 2)
    for page in 1...count {
      let words = try text(of: pdf, first: page, last: page)
      #expect(words.contains("336 voix, quorum : 84 voix sur 336"), "page \(page)")
      #expect(words.contains("Structure adhérente Voix Présente Représentée par Signature"))
    }
    let all = try text(of: pdf)
    #expect(all.contains("Total des voix : 336 — quorum : 84 voix sur 336"))
    #expect(all.contains("Total — Associations régionales 268"))
    #expect(all.contains("Total — Structures adhérentes 68"))
    let regional = try #require(all.range(of: "CHANTIER école Auvergne-Rhône-Alpes 28"))
    let region2 = try #require(all.range(of: "CHANTIER école Provence-Alpes-Côte d’Azur 23"))
    let structure = try #require(all.range(of: "Association Bois & Environnement 2"))
    let last = try #require(all.range(of: "Terres de Lien Maraîchage 2"))
    #expect(regional.lowerBound < region2.lowerBound)
    #expect(region2.lowerBound < structure.lowerBound)
    #expect(structure.lowerBound < last.lowerBound)
  }

  @Test func everyPDFIsSound() throws {
    for name in ["convocation-ara.pdf", "convocations-2019.pdf", "emargement-2019.pdf"] {
      #expect(try pdfProblems(folder + "/" + name).isEmpty, "\(name)")
    }
  }
}

@Suite(.serialized) struct ConvocationRunTests {
  /// A letter of an odd page count is followed, in the file to post, by a page left
  /// blank that says so and has no footer.
  @Test func blankPagesAfterOddLetters() throws {
    let items = (1...12).map { "    - \"Point supplémentaire numéro \($0) de l’ordre du jour\"" }
    let data = try convocationData(year: {
      $0.replacing("    - \"Questions diverses\"", with: items.joined(separator: "\n"))
    })
    let (output, result, summary) = try convocations(data: data)
    #expect(result.status == 0, "\(result.stderr)")
    let files = try #require(summary["files"] as? [[String: Any]])
    let letterPages = files.first { $0["member"] as? String == "aci-002" }?["pages"] as? Int
    #expect(letterPages == 3)
    let pdf = output + "/2019/convocations/convocations-2019.pdf"
    // Seven letters of three pages, each but the last followed by a blank page.
    #expect(try pageCount(pdf) == 7 * 3 + 6)
    for letter in 0..<7 {
      let start = letter * 4 + 1  // pages 1, 5, 9…: odd
      #expect(try text(of: pdf, first: start, last: start).contains("CHANTIER école"))
      if letter < 6 {
        let blank = try text(of: pdf, first: start + 3, last: start + 3)
        #expect(blank == "Page laissée blanche pour l’impression recto verso", "\(blank)")
      }
    }
  }

  /// A letter to post that cannot be laid out (a character its font lacks) fails the
  /// run with its own error, naming the member's row: the file to post, which waits
  /// for the letters to post, is not written and does not wait for ever.
  @Test(.timeLimit(.minutes(2))) func aLetterToPostThatFailsFailsTheRun() throws {
    let data = try convocationData(members: {
      $0.replacing("M. Thomas Lefèvre;;", with: "M. Thomas Lefèvre \u{1F389};;")
    })
    // On every core, and on one (one worker lays the letters out while the file to
    // post, on a thread of its own, waits for each in turn).
    for prefix in [[], ["taskset", "-c", "0"]] {
      let (output, result, _) = try convocations(data: data, prefix: prefix)
      #expect(result.status == 1, "\(result.stderr)")
      #expect(result.stderr.contains("U+1F389"), "\(result.stderr)")
      #expect(
        result.stderr.contains("members.csv:6:1: error: cvl, contact:"), "\(result.stderr)")
      #expect(
        !FileManager.default.fileExists(
          atPath: output + "/2019/convocations/convocations-2019.pdf"))
    }
  }

  /// A notice shorter than the statutes' stops the run before anything is written,
  /// naming the line; `--late` convenes anyway and records why.
  @Test func noticePeriod() throws {
    let data = try convocationData(year: {
      $0.replacing("convened_on: 2019-05-24", with: "convened_on: 2019-06-05")
    })
    let (output, refused, _) = try convocations(data: data)
    #expect(refused.status == 1)
    let line = try lineNumber(of: "convened_on:", inFile: data + "/2019/report.yaml")
    #expect(refused.stderr.contains("/2019/report.yaml:\(line):"), "\(refused.stderr)")
    #expect(refused.stderr.contains("error: assembly.convened_on"))
    #expect(refused.stderr.contains("--late"))
    #expect(!FileManager.default.fileExists(atPath: output + "/2019"))
    let (lateOutput, late, summary) = try convocations(data: data, extra: ["--late"])
    #expect(late.status == 0, "\(late.stderr)")
    #expect(late.stderr.contains("warning: assembly.convened_on"))
    let reason = try #require(summary["late"] as? String)
    #expect(reason.contains("9 days before the assembly of 2019-06-14"))
    #expect(reason.contains("--late"))
    #expect(
      FileManager.default.fileExists(
        atPath: lateOutput + "/2019/convocations/convocation-ara.pdf"))
  }

  /// A broken members file: every problem with its file, line and column, nothing written.
  @Test func membersProblemsStopEverything() throws {
    let data = try convocationData(members: { text in
      text.replacing("\r\nbfc;", with: "\r\nara;").replacing(
        "contact@chantierecole-bfc.example", with: "contact chantierecole")
    })
    let (output, result, _) = try convocations(data: data)
    #expect(result.status == 1)
    #expect(result.stderr.contains("/2019/members.csv:3:1: error:"), "\(result.stderr)")
    #expect(result.stderr.contains("/2019/members.csv:3:"), "\(result.stderr)")
    #expect(result.stderr.contains("contains a space"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output + "/2019"))
  }

  /// A quorum that the members' votes cannot reach is refused.
  @Test func quorumOutOfReach() throws {
    let data = try convocationData(members: { text in
      // Only the header and the first member: 28 votes (rows end with CRLF; the
      // line breaks inside quoted addresses are LF).
      text.components(separatedBy: "\r\n").prefix(2).joined(separator: "\r\n") + "\r\n"
    })
    let (_, ok, summary) = try convocations(data: data)
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect((summary["counts"] as? [String: Any])?["quorum"] as? Int == 7)
    let empty = try convocationData(members: { text in
      text.components(separatedBy: "\r\n")[0] + "\r\n"
    })
    let (output, refused, _) = try convocations(data: empty)
    // No member, no vote: the file is refused before the quorum is counted.
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("members.csv:2:1: error: the file lists no member"))
    #expect(!FileManager.default.fileExists(atPath: output + "/2019/convocations"))
  }

  /// The letters laid out on every core are those of a one-core run, byte for byte,
  /// and so are the messages.
  @Test func oneCoreGivesTheSameBytes() throws {
    let data = try convocationData()
    let (many, first, _) = try convocations(data: data)
    let (one, second, _) = try convocations(data: data, prefix: ["/usr/bin/taskset", "-c", "0"])
    #expect(first.status == 0 && second.status == 0, "\(first.stderr) \(second.stderr)")
    let folder = "/2019/convocations"
    let names = try FileManager.default.contentsOfDirectory(atPath: many + folder).sorted()
    #expect(names.count > 40)
    var compared = 0
    for name in names where name.hasSuffix(".pdf") {
      let a = try Data(contentsOf: URL(fileURLWithPath: many + folder + "/" + name))
      let b = try Data(contentsOf: URL(fileURLWithPath: one + folder + "/" + name))
      #expect(a == b, "\(name)")
      compared += 1
    }
    for name in try FileManager.default.contentsOfDirectory(atPath: many + folder + "/outbox") {
      let a = try Data(contentsOf: URL(fileURLWithPath: many + folder + "/outbox/" + name))
      let b = try Data(contentsOf: URL(fileURLWithPath: one + folder + "/outbox/" + name))
      #expect(a == b, "\(name)")
      compared += 1
    }
    #expect(compared == 43 + 33)
  }

  /// A member taken out of the list loses its letter and message at the next run;
  /// the pack is written again only when its inputs changed.
  @Test func staleFilesAndThePack() throws {
    let data = try convocationData()
    let output = try temporaryFolder("report-convocations")
    func runIt() throws -> [String: Any] {
      let result = try report([
        "convocations", "--year", "2019", "--json", "--data", data, "--output", output,
      ])
      #expect(result.status == 0, "\(result.stderr)")
      return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
        ?? [:]
    }
    #expect(try runIt()["pack_written"] as? Bool == true)
    #expect(try runIt()["pack_written"] as? Bool == false)
    let members = data + "/2019/members.csv"
    let text = try String(contentsOfFile: members, encoding: .utf8)
    try text.components(separatedBy: "\r\n").filter { !$0.hasPrefix("ara;") }
      .joined(separator: "\r\n").write(toFile: members, atomically: true, encoding: .utf8)
    let summary = try runIt()
    let removed = try #require(summary["removed"] as? [String])
    #expect(removed.contains { $0.hasSuffix("/convocation-ara.pdf") })
    #expect(removed.contains { $0.hasSuffix("/outbox/ara.eml") })
    #expect(!FileManager.default.fileExists(atPath: output + "/2019/convocations/outbox/ara.eml"))
    // The year file changed: the pack is written again before it is attached.
    Thread.sleep(forTimeInterval: 1.1)
    let year = data + "/2019/report.yaml"
    try (try String(contentsOfFile: year, encoding: .utf8)).write(
      toFile: year, atomically: true, encoding: .utf8)
    #expect(try runIt()["pack_written"] as? Bool == true)
  }

  /// A pack another data folder wrote into the same output, newer than this data's
  /// files, is not attached: it is made again from this data.
  @Test func aPackMadeFromOtherDataIsMadeAgain() throws {
    let data = try convocationData()
    let other = try convocationData()
    let output = try temporaryFolder("report-convocations")
    func runIt(_ folder: String) throws -> Bool? {
      let result = try report([
        "convocations", "--year", "2019", "--json", "--data", folder, "--output", output,
      ])
      #expect(result.status == 0, "\(result.stderr)")
      let json =
        (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
      return json?["pack_written"] as? Bool
    }
    #expect(try runIt(data) == true)
    #expect(try runIt(data) == false)
    // Every file of `other` is older than the pack just written.
    #expect(try runIt(other) == true)
    #expect(try runIt(other) == false)
  }
}
