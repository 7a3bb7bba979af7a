import Foundation
import ReportLayout

/// Sets what cairo 1.16 cannot write in a PDF's catalog, with qpdf (a real PDF
/// library, not byte editing): the language, the page labels, opening on the first
/// page with the bookmarks shown, the title shown in the reader's window, and a file
/// identifier derived from the content (so the bytes stay the same run after run).
///
/// It also turns the page furniture layout marked into artifacts and gives figures
/// their text alternatives (`PDFFinisher+Structure.swift`) and, when asked, makes the
/// file PDF/A-1b (`PDFFinisher+Archival.swift`).
enum PDFFinisher {
  /// The tag cairo draws page furniture under (see ``FrameItem/beginArtifact``).
  static let artifactTag = "Private"

  /// A figure as drawn: its page (0-based), the marked content cairo gives its first
  /// leaf (the figure itself, or a span or link inside it), and its text alternative.
  struct FigureAlternative: Hashable {
    var page: Int
    var mcid: Int
    var alternative: String?
  }

  /// The finished file.
  /// - Throws: ``RenderError/qpdf(_:)`` when qpdf cannot read or write the file (a
  ///   defect, since cairo just wrote it), ``RenderError/structure(_:)`` when the
  ///   structure cairo wrote does not match what was drawn.
  static func finish(
    _ pdf: Data, metadata: PDFMetadata, hasOutline: Bool, figures: [FigureAlternative] = []
  ) throws(RenderError) -> Data {
    do {
      let document = try qpdf { () throws(QPDFError) in try QPDFDocument(reading: pdf) }
      let root = document.root
      if hasOutline { root["/PageMode"] = document.name("/UseOutlines") }
      if document.pageCount > 0 {
        let action = document.array()
        action.append(document.page(0))
        action.append(document.name("/Fit"))
        root["/OpenAction"] = action
      }
      if let language = metadata.language { root["/Lang"] = document.text(language) }
      root["/ViewerPreferences"] = document.parse("<< /DisplayDocTitle true >>")
      if !metadata.pageLabels.isEmpty {
        let numbers = document.array()
        for range in metadata.pageLabels {
          numbers.append(document.integer(Int64(range.firstPage)))
          let label = document.dictionary()
          if let prefix = range.prefix { label["/P"] = document.text(prefix) }
          if range.numbered {
            label["/S"] = document.name("/D")
            label["/St"] = document.integer(Int64(range.start))
          }
          numbers.append(label)
        }
        let labels = document.dictionary()
        labels["/Nums"] = numbers
        root["/PageLabels"] = labels
      }
      try finishStructure(document, figures: figures)
      if let archival = metadata.archival { try makeArchival(document, archival) }
      // XMP metadata: the document information again, in the form archives read.
      let producer = document.trailer["/Info"]["/Producer"].utf8 ?? ""
      let packet = Array(xmp(metadata, producer: producer, archival: metadata.archival != nil).utf8)
      let stream = document.stream(packet)
      stream.streamDictionary["/Type"] = document.name("/Metadata")
      stream.streamDictionary["/Subtype"] = document.name("/XML")
      root["/Metadata"] = stream
      // Cairo's streams are already compressed: copied as they are, not inflated and
      // deflated again. An ordinary file packs its objects (cairo writes one per
      // structure element, a tagged table one per cell) into compressed object
      // streams: 2 to 4 times smaller, which matters for a document sent by email.
      return try qpdf { () throws(QPDFError) in
        try document.write(.init(archival: metadata.archival != nil))
      }
    }
  }

  /// Runs qpdf work, its errors as ``RenderError/qpdf(_:)``.
  static func qpdf<Result>(_ body: () throws(QPDFError) -> Result) throws(RenderError) -> Result {
    do {
      return try body()
    } catch {
      throw .qpdf(error)
    }
  }

  /// An XMP packet (Dublin Core, XMP basic, Adobe PDF) matching the information
  /// dictionary, so that readers and archives see the same title, author and dates;
  /// for an archival file, also the PDF/A-1b identification.
  static func xmp(_ metadata: PDFMetadata, producer: String, archival: Bool = false) -> String {
    func escaped(_ text: String) -> String {
      text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
    let language = escaped(metadata.language ?? "x-default")
    let identification =
      archival
      ? """

        xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
      <pdfaid:part>1</pdfaid:part>
      <pdfaid:conformance>B</pdfaid:conformance>
      """ : ">"
    return """
      <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
      <x:xmpmeta xmlns:x="adobe:ns:meta/">
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about=""
        xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:xmp="http://ns.adobe.com/xap/1.0/"
        xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\(identification)
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(escaped(metadata.title))</rdf:li></rdf:Alt></dc:title>
      <dc:creator><rdf:Seq><rdf:li>\(escaped(metadata.author))</rdf:li></rdf:Seq></dc:creator>
      <dc:description><rdf:Alt><rdf:li xml:lang="x-default">\(escaped(metadata.subject))</rdf:li></rdf:Alt></dc:description>
      <dc:language><rdf:Bag><rdf:li>\(language)</rdf:li></rdf:Bag></dc:language>
      <xmp:CreatorTool>\(escaped(metadata.creator))</xmp:CreatorTool>
      <xmp:CreateDate>\(metadata.isoDate)</xmp:CreateDate>
      <xmp:ModifyDate>\(metadata.isoDate)</xmp:ModifyDate>
      <xmp:MetadataDate>\(metadata.isoDate)</xmp:MetadataDate>
      <pdf:Keywords>\(escaped(metadata.keywords))</pdf:Keywords>
      <pdf:Producer>\(escaped(producer))</pdf:Producer>
      </rdf:Description>
      </rdf:RDF>
      </x:xmpmeta>
      <?xpacket end="w"?>
      """
  }
}
