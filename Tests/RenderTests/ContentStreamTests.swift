import Foundation
import TestSupport
import Testing

@testable import ReportRender

@Suite struct ContentStreamTests {
  func operators(_ text: String) throws -> [String] {
    try ContentStream(Array(text.utf8)).operations.map(\.name)
  }

  @Test func stringsNamesArraysAndDictionariesAreOperandsNotOperators() throws {
    // Parentheses nest, a backslash escapes, and operator-like words inside strings,
    // hex strings, names and comments are not operators.
    let stream = """
      (a (nested) Tj \\) ET) Tj <48 65 6C6c 6F> Tj [(x) -12.5 (y) 3] TJ
      /P << /MCID 3 /Alt (BT \\( q) /Nested << /Q [1 2] >> >> BDC % Q Q Q
      /Name#20BT gs EMC
      """
    #expect(try operators(stream) == ["Tj", "Tj", "TJ", "BDC", "gs", "EMC"])
    let operations = try ContentStream(Array(stream.utf8)).operations
    #expect(operations[0].start == 0)
    #expect(stream.utf8.dropFirst(operations[2].start).starts(with: "[(x)".utf8))
  }

  @Test func anInlineImageIsOneOperationWhateverItsDataHolds() throws {
    // The data holds "EI" inside a word and "Q" and ")" bytes: none of them count.
    let stream = "q BI /W 2 /H 1 /CS /G /BPC 8 /F [/AHx] ID EIQ)( EI Q"
    #expect(try operators(stream) == ["q", "BI", "Q"])
    // With a length, the data may hold " EI " itself.
    let counted = "BI /W 4 /H 1 /L 4 ID  EI EI\nQ"
    #expect(try operators(counted) == ["BI", "Q"])
  }

  @Test func brokenStreamsAreRefused() {
    for broken in ["(unterminated Tj", "<4G> Tj", "[1 2 Tj]", ") Tj", "BI /W 1 ID abc", "[1 2"] {
      #expect(throws: ContentStream.Malformed.self, "\(broken)") {
        try ContentStream(Array(broken.utf8))
      }
    }
  }

  @Test func eachDrawingKnowsTheMarkedContentItIsIn() throws {
    let stream = """
      q /H1 << /MCID 0 >> BDC BT (Title) Tj ET EMC
      /Artifact BMC 0 0 1 1 re f EMC 0 0 9 9 re W n
      /TOCI << /MCID 1 >> BDC /Span << /MCID 2 >> BDC [(x) 3] TJ EMC EMC 2 2 3 3 re S Q
      """
    let drawings = try ContentStream(Array(stream.utf8)).drawings()
    #expect(drawings.map(\.name) == ["Tj", "f", "TJ", "S"])
    #expect(drawings.map(\.tags) == [["H1"], ["Artifact"], ["TOCI", "Span"], []])
  }
}

@Suite struct ArtifactTests {
  /// The page furniture cairo drew as Private elements becomes artifacts: exactly
  /// the MCIDs asked for, at the start of a line as cairo writes them.
  @Test func privateMarkedContentOfTheGivenMCIDsBecomesArtifacts() {
    let stream = """
      /P << /MCID 0 >> BDC
      BT <0012> Tj ET
      EMC
      /Private << /MCID 1 >> BDC
      0 0 1 1 re f
      EMC
      /Private << /MCID 12 >> BDC
      EMC
      /Private << /MCID 2 >> BDC
      EMC
      """
    let (bytes, replaced) = PDFFinisher.markingArtifacts(Array(stream.utf8), mcids: [1, 12])
    #expect(replaced == [1, 12])
    #expect(
      String(decoding: bytes, as: UTF8.self) == """
        /P << /MCID 0 >> BDC
        BT <0012> Tj ET
        EMC
        /Artifact BMC
        0 0 1 1 re f
        EMC
        /Artifact BMC
        EMC
        /Private << /MCID 2 >> BDC
        EMC
        """)
    // Not at a line's start, or another MCID: left alone.
    let (same, none) = PDFFinisher.markingArtifacts(
      Array("q /Private << /MCID 1 >> BDC EMC".utf8), mcids: [1])
    #expect(none.isEmpty)
    #expect(same == Array("q /Private << /MCID 1 >> BDC EMC".utf8))
  }
}

@Suite struct FontProgramTests {
  /// The CFF table of an OpenType font file.
  func cffTable(_ path: String) throws -> [UInt8] {
    let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    func card(_ at: Int, _ size: Int) -> Int {
      (0..<size).reduce(0) { $0 << 8 | Int(data[at + $1]) }
    }
    for table in 0..<card(4, 2) {
      let entry = 12 + 16 * table
      if data[entry..<entry + 4].elementsEqual("CFF ".utf8) {
        let offset = card(entry + 8, 4)
        return Array(data[offset..<offset + card(entry + 12, 4)])
      }
    }
    Issue.record("no CFF table in \(path)")
    return []
  }

  @Test func theGlyphNamesOfACFFFontAreRead() throws {
    let cff = try FontProgram.cff(try cffTable(Repository.path("fonts/Inter-Regular.otf")))
    #expect(!cff.isCIDKeyed)
    let names = cff.glyphNames
    #expect(names.first == ".notdef")
    #expect(names.count > 1000)
    // Inter names its glyphs by code point; cairo's subsets use the standard names.
    for name in ["uni0041", "uni00E9", "uni20AC", "uni2019", "uni0020"] {
      #expect(names.contains(name), "\(name)")
    }
    #expect(Set(names).count == names.count)
    #expect(cff.cids == Array(0..<names.count))
  }

  @Test func aCIDSetHasOneBitPerCIDMostSignificantFirst() {
    #expect(FontProgram.cidSet([0, 1, 2, 3, 4, 5]) == [0xFC])
    #expect(FontProgram.cidSet([0, 9]) == [0x80, 0x40])
    #expect(FontProgram.cidSet([]) == [])
  }

  @Test func glyphNamesAreWrittenAsPDFNames() {
    #expect(PDFFinisher.escapedName("uni00A0") == "uni00A0")
    #expect(PDFFinisher.escapedName("a#b c") == "a#23b#20c")
  }

  @Test func aNonCFFFileIsRefused() {
    #expect(throws: FontProgram.Malformed.self) { try FontProgram.cff(Array("OTTO".utf8)) }
  }
}

@Suite struct FinisherErrorTests {
  /// qpdf's failures are qpdf's, with its message: never reported as cairo's.
  @Test func aFileQPDFCannotReadIsAQPDFError() {
    let metadata = PDFMetadata(
      title: "t", author: "a", subject: "s", keywords: "k", creator: "c", date: 0)
    #expect {
      _ = try PDFFinisher.finish(Data("not a PDF".utf8), metadata: metadata, hasOutline: false)
    } throws: { error in
      guard case .qpdf(let failure) = error as? RenderError else { return false }
      return !failure.message.isEmpty && "\(error)".hasPrefix("error: qpdf: ")
    }
  }
}
