import Foundation
import TestSupport
import Testing

@testable import ReportRender

@Suite struct ContentStreamTests {
  func operators(_ text: String) throws -> [String] {
    try ContentStream(Array(text.utf8)).operations.map(\.name)
  }

  func marked(_ text: String) throws -> String {
    String(decoding: try ContentStream(Array(text.utf8)).markingArtifacts(), as: UTF8.self)
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

  @Test func drawingOutsideMarkedContentBecomesAnArtifact() throws {
    let stream = """
      1 0 0 -1 0 842 cm
      q
      /H1 << /MCID 0 >> BDC
      BT /F1 12 Tf (Title) Tj ET
      EMC
      0.5 g 10 10 100 1 re f
      BT /F1 8 Tf (Page 1 / 2) Tj ET
      Q
      """
    let expected = """
      1 0 0 -1 0 842 cm
      q
      /H1 << /MCID 0 >> BDC
      BT /F1 12 Tf (Title) Tj ET
      EMC
      0.5 g /Artifact BMC
      10 10 100 1 re f
      BT /F1 8 Tf (Page 1 / 2) Tj ET
      EMC
      Q
      """
    #expect(try marked(stream) == expected)
  }

  @Test func runsStayBalancedWithSavesTextObjectsAndMarkedContent() throws {
    // A q opened in a run and closed after marked content cannot be in one artifact:
    // the drawings on each side are wrapped separately, inside the q.
    let stream = "0 0 1 1 re f q 1 g 0 0 2 2 re f /P <</MCID 1>> BDC (x) Tj EMC Q"
    let expected =
      "/Artifact BMC\n0 0 1 1 re f\nEMC q 1 g /Artifact BMC\n0 0 2 2 re f\nEMC /P <</MCID 1>> BDC (x) Tj EMC Q"
    #expect(try marked(stream) == expected)
    // Marked content inside a text object: the unmarked text is wrapped inside BT/ET.
    let text = "BT (a) Tj /Span <</MCID 2>> BDC (b) Tj EMC (c) Tj ET"
    let wrapped =
      "BT /Artifact BMC\n(a) Tj\nEMC /Span <</MCID 2>> BDC (b) Tj EMC /Artifact BMC\n(c) Tj\nEMC ET"
    #expect(try marked(text) == wrapped)
    // A clipping path draws nothing; nested marked content is left alone.
    let clip = "0 0 9 9 re W n /Artifact BMC 0 0 1 1 re f EMC /A BMC /B BMC (z) Tj EMC EMC"
    #expect(try marked(clip) == clip)
  }

  @Test func aPathIsNeverSplit() throws {
    let stream = "0 0 m 1 1 l 2 0 l h W* f"
    #expect(try marked(stream) == "/Artifact BMC\n0 0 m 1 1 l 2 0 l h W* f\nEMC")
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
