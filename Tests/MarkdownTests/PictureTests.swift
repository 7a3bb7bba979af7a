import Foundation
import ReportModel
import TestSupport
import Testing

@testable import ReportMarkdown

@Suite struct PictureTests {
  /// A Markdown file said to be in the fixtures folder, so that images/… resolve there.
  static let file = Repository.path("Tests/Fixtures/markdown/test.md")

  /// The problems of checking one picture reference at line 3 of the test file.
  func problems(_ source: String) throws -> [DataProblem] {
    let document = try MarkdownDocument(
      parsing: "# Titre\n\n![Une image](\(source) \"Légende\")\n", file: Self.file)
    do {
      _ = try document.pictures()
      return []
    } catch {
      return error.problems
    }
  }

  func picture(_ path: String) throws -> Picture {
    try Picture.read(
      file: Repository.path(path), alt: "a", caption: nil,
      referencedAt: SourceLocation(file: "x.md", line: 1))
  }

  @Test func theShippedPicturesAreReadFromTheirHeaders() throws {
    let jpeg = try picture("data/2019/images/chantier.jpg")
    #expect(jpeg.format == .jpeg)
    #expect(jpeg.width == 800 && jpeg.height == 500)
    #expect(!jpeg.hasAlpha)
    let png = try picture("data/2019/images/sentier.png")
    #expect(png.format == .png)
    #expect(png.width == 600 && png.height == 360)
    let svg = try picture("data/2019/images/formation.svg")
    #expect(svg.format == .svg)
    #expect(svg.width == 480 && svg.height == 260)
    let logo = try picture("data/2019/images/logo.svg")
    #expect(logo.format == .svg && logo.width == 240 && logo.height == 96)
  }

  @Test func aPictureCarriesItsAltCaptionPathAndLine() throws {
    let document = try MarkdownDocument(
      parsing: "Texte.\n\n![Un dégradé *rouge*](images/alpha.png \"Rouge\")\n", file: Self.file)
    let pictures = try document.pictures()
    #expect(
      pictures == [
        Picture(
          path: Repository.path("Tests/Fixtures/markdown/images/alpha.png"), format: .png,
          width: 3, height: 2, hasAlpha: true, alt: "Un dégradé rouge", caption: "Rouge",
          location: SourceLocation(file: Self.file, line: 3))
      ])
  }

  @Test func svgSizesFollowUnitsAndTheViewBox() throws {
    // width="10cm" and viewBox 200 × 50: 10 cm is 377.95 px, the height a quarter of it.
    let svg = try picture("Tests/Fixtures/markdown/images/sized.svg")
    #expect(abs(svg.width - 377.952) < 0.001)
    #expect(abs(svg.height - 94.488) < 0.001)
  }

  @Test func aMissingPictureNamesTheMarkdownLineAndTheClosestName() throws {
    let found = try problems("images/alpah.png")
    #expect(found.count == 1)
    #expect(found[0].location == SourceLocation(file: Self.file, line: 3))
    #expect(found[0].message.hasSuffix("images/alpah.png does not exist"))
    #expect(found[0].hint == "did you mean alpha.png?")
  }

  @Test func aNameWithSpacesResolvesWrittenEitherWay() throws {
    let folder = try temporaryFolder("markdown-tests")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(
      atPath: folder + "/photos", withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Repository.path("Tests/Fixtures/markdown/images/alpha.png"),
      toPath: folder + "/photos/ma photo.png")
    let document = try MarkdownDocument(
      parsing: "![Une](photos/ma%20photo.png)\n\n![Deux](<photos/ma photo.png>)\n",
      file: folder + "/texte.md")
    let paths = try document.pictures().map(\.path)
    #expect(paths.count == 2)
    #expect(
      paths.allSatisfy {
        $0.hasSuffix("/photos/ma photo.png") && FileManager.default.fileExists(atPath: $0)
      })
  }

  @Test func aFolderOrADeviceIsNotAPicture() throws {
    let found = try problems("images")
    #expect(found.first?.message.contains("is a folder") == true)
    let device = try problems("/dev/zero")
    #expect(device.first?.message == "the picture /dev/zero is not a regular file")
  }

  @Test func aLinkToAPictureIsFollowed() throws {
    let folder = try temporaryFolder("markdown-tests")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/lien.png",
      withDestinationPath: Repository.path("Tests/Fixtures/markdown/images/alpha.png"))
    let picture = try Picture.read(
      file: folder + "/lien.png", alt: "a", caption: nil,
      referencedAt: SourceLocation(file: "x.md", line: 1))
    #expect(picture.width == 3 && picture.format == .png)
  }

  @Test func aVeryThinPictureIsTooLarge() throws {
    let found = try problems("images/tall.png")
    #expect(found.count == 1)
    #expect(found[0].location.line == 3)
    #expect(found[0].message.contains("is too large: 1 × 100 000 pixels"))
  }

  @Test func moreThanTwentyMegapixelsIsTooLarge() throws {
    let found = try problems("images/huge.png")
    #expect(found.first?.message.contains("5 000 × 5 000 pixels (25 Mpixel, at most 20)") == true)
    #expect(found.first?.location.line == 3)
  }

  @Test func truncatedFilesAreCaughtBeforeDrawing() throws {
    let png = try problems("images/truncated.png")
    #expect(png.first?.message.contains("is a truncated PNG file") == true)
    #expect(png.first?.location.line == 3)
    let jpeg = try problems("images/truncated.jpg")
    #expect(jpeg.first?.message.contains("is a truncated JPEG file") == true)
  }

  @Test func everyPrefixOfAPictureIsRefusedOrReadNeverACrash() throws {
    for path in ["data/2019/images/sentier.png", "data/2019/images/chantier.jpg"] {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Repository.path(path))))
      for length in stride(from: 0, to: bytes.count - 1, by: 97) {
        #expect(throws: PictureFault.self) { try PictureHeader.read(Array(bytes[..<length])) }
      }
      #expect(try PictureHeader.read(bytes).width > 0)
    }
  }

  @Test func aCorruptPNGHeaderIsRefused() throws {
    var bytes = try [UInt8](
      Data(contentsOf: URL(fileURLWithPath: Repository.path("data/2019/images/sentier.png"))))
    bytes[17] ^= 0x40  // the width, under the header's checksum
    #expect(throws: PictureFault.corrupt("PNG", "the checksum of its header is wrong")) {
      try PictureHeader.read(bytes)
    }
  }

  @Test func otherFormatsAreNamed() throws {
    #expect(try problems("images/anim.gif").first?.message.contains("is a GIF file") == true)
    #expect(
      try problems("images/not-a-picture.png").first?.message.contains(
        "is not a picture the pack can print") == true)
  }

  @Test func anSVGThatRefersOutsideItselfIsRefused() throws {
    let found = try problems("images/external.svg")
    #expect(found.count == 1)
    #expect(found[0].location.line == 3)
    #expect(
      found[0].message.contains(
        "refers to “https://example.org/tracker.png” (xlink:href) outside itself"))
    let css = try problems("images/external-css.svg")
    #expect(css.first?.message.contains("“file:///etc/passwd#x” (url)") == true)
  }

  @Test func anSVGEntityBombIsRefused() throws {
    let found = try problems("images/bomb.svg")
    #expect(found.count == 1)
    #expect(found[0].location.line == 3)
    #expect(found[0].message.contains("declares entities"))
    #expect(found[0].hint?.contains("billion laughs") == true)
  }

  @Test func svgTricksAreSeenThrough() {
    func fault(_ svg: String) -> String? {
      do {
        _ = try SVGScanner.read(Array(svg.utf8))
        return nil
      } catch {
        return error.message
      }
    }
    let open = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
    #expect(fault(open + "<use href='&#104;ttp://x/y.svg#a'/></svg>")?.contains("http://x") == true)
    #expect(fault(open + "<style>@IMPORT url(#x);</style></svg>")?.contains("@import") == true)
    #expect(
      fault(open + "<rect style='fill: İİİ URL(ftp://x/y)'/></svg>")?.contains("“ftp://x/y”")
        == true)
    #expect(fault(open + "<style><![CDATA[a{fill:url(b.svg#c)}]]></style></svg>") != nil)
    #expect(fault("<?xml-stylesheet href='s.css'?>" + open + "</svg>")?.contains("s.css") == true)
    #expect(
      fault(open + "<rect style='fill: url( \"#ok\" )'/><!-- <image href='x'/> --></svg>") == nil)
    #expect(fault(open + "<!ENTITY a 'b'></svg>")?.contains("entities") == true)
    #expect(fault("<html><svg/></html>")?.contains("root is <html>") == true)
    #expect(
      fault("<svg xmlns='http://www.w3.org/2000/svg'></svg>")?.contains("gives no size") == true)
    #expect(fault("<svg width='10' height='10'") != nil)
    #expect(fault("<svg viewBox='0 0 0 10'/>")?.contains("viewBox") == true)
  }

  @Test func aThinSVGIsRefusedToo() throws {
    let folder = try temporaryFolder("markdown-tests")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/thin.svg"
    try Data("<svg width='1000' height='10'/>".utf8).write(to: URL(fileURLWithPath: path))
    do {
      _ = try Picture.read(
        file: path, alt: "a", caption: nil, referencedAt: SourceLocation(file: "x.md", line: 9))
      Issue.record("a 1000 × 10 SVG was accepted")
    } catch {
      #expect(
        error.problems.first?.message.hasSuffix("is too thin to print: 1 000 × 10 pixels") == true)
      #expect(error.problems.first?.location.line == 9)
    }
  }
}
