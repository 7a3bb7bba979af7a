import CQPDF
import Foundation
import ReportLayout

/// Sets what cairo 1.16 cannot write in a PDF's catalog, with qpdf (a real PDF
/// library, not byte editing): the language, the page labels, opening on the first
/// page with the bookmarks shown, the title shown in the reader's window, and a file
/// identifier derived from the content (so the bytes stay the same run after run).
///
/// It also marks page furniture as artifacts and, when asked, makes the file PDF/A-1b
/// (`PDFFinisher+Archival.swift`).
enum PDFFinisher {
  /// The finished file.
  /// - Throws: ``RenderError/cairo(_:)`` with qpdf's message when qpdf cannot read
  ///   or write the file (a defect, since cairo just wrote it).
  static func finish(
    _ pdf: Data, metadata: PDFMetadata, hasOutline: Bool, figureAlternatives: [String] = []
  ) throws(RenderError) -> Data {
    guard let qpdf = qpdf_init() else { throw .cairo("qpdf: cannot start") }
    defer {
      var handle: qpdf_data? = qpdf
      qpdf_cleanup(&handle)
    }
    qpdf_set_suppress_warnings(qpdf, QPDF_TRUE)
    let read = pdf.withUnsafeBytes { bytes in
      qpdf_read_memory(
        qpdf, "report.pdf", bytes.bindMemory(to: CChar.self).baseAddress, UInt64(bytes.count), nil)
    }
    try check(qpdf, read)
    let root = qpdf_get_root(qpdf)
    if hasOutline {
      qpdf_oh_replace_key(qpdf, root, "/PageMode", qpdf_oh_new_name(qpdf, "/UseOutlines"))
    }
    if qpdf_get_num_pages(qpdf) > 0 {
      let action = qpdf_oh_new_array(qpdf)
      qpdf_oh_append_item(qpdf, action, qpdf_get_page_n(qpdf, 0))
      qpdf_oh_append_item(qpdf, action, qpdf_oh_new_name(qpdf, "/Fit"))
      qpdf_oh_replace_key(qpdf, root, "/OpenAction", action)
    }
    if let language = metadata.language {
      qpdf_oh_replace_key(qpdf, root, "/Lang", qpdf_oh_new_unicode_string(qpdf, language))
    }
    qpdf_oh_replace_key(
      qpdf, root, "/ViewerPreferences", qpdf_oh_parse(qpdf, "<< /DisplayDocTitle true >>"))
    if !metadata.pageLabels.isEmpty {
      let numbers = qpdf_oh_new_array(qpdf)
      for range in metadata.pageLabels {
        qpdf_oh_append_item(qpdf, numbers, qpdf_oh_new_integer(qpdf, Int64(range.firstPage)))
        let label = qpdf_oh_new_dictionary(qpdf)
        if let prefix = range.prefix {
          qpdf_oh_replace_key(qpdf, label, "/P", qpdf_oh_new_unicode_string(qpdf, prefix))
        }
        if range.numbered {
          qpdf_oh_replace_key(qpdf, label, "/S", qpdf_oh_new_name(qpdf, "/D"))
          qpdf_oh_replace_key(qpdf, label, "/St", qpdf_oh_new_integer(qpdf, Int64(range.start)))
        }
        qpdf_oh_append_item(qpdf, numbers, label)
      }
      let labels = qpdf_oh_new_dictionary(qpdf)
      qpdf_oh_replace_key(qpdf, labels, "/Nums", numbers)
      qpdf_oh_replace_key(qpdf, root, "/PageLabels", labels)
    }
    if !figureAlternatives.isEmpty {
      var figures: [qpdf_oh] = []
      collectFigures(qpdf, qpdf_oh_get_key(qpdf, root, "/StructTreeRoot"), into: &figures, depth: 0)
      for (figure, text) in zip(figures, figureAlternatives) {
        qpdf_oh_replace_key(qpdf, figure, "/Alt", qpdf_oh_new_unicode_string(qpdf, text))
      }
    }
    try markArtifacts(qpdf)
    if let archival = metadata.archival { try makeArchival(qpdf, archival) }
    // XMP metadata: the document information again, in the form archives read.
    let information = qpdf_oh_get_key(qpdf, qpdf_get_trailer(qpdf), "/Info")
    let producer =
      qpdf_oh_get_utf8_value(qpdf, qpdf_oh_get_key(qpdf, information, "/Producer"))
      .map { String(cString: $0) } ?? ""
    let packet = Array(xmp(metadata, producer: producer, archival: metadata.archival != nil).utf8)
    let stream = qpdf_oh_new_stream(qpdf)
    qpdf_oh_replace_stream_data(
      qpdf, stream, packet, packet.count, qpdf_oh_new_null(qpdf), qpdf_oh_new_null(qpdf))
    let streamDictionary = qpdf_oh_get_dict(qpdf, stream)
    qpdf_oh_replace_key(qpdf, streamDictionary, "/Type", qpdf_oh_new_name(qpdf, "/Metadata"))
    qpdf_oh_replace_key(qpdf, streamDictionary, "/Subtype", qpdf_oh_new_name(qpdf, "/XML"))
    qpdf_oh_replace_key(qpdf, root, "/Metadata", stream)
    try check(qpdf, qpdf_init_write_memory(qpdf))
    // Cairo's streams are already compressed: copied as they are, not inflated and
    // deflated again.
    qpdf_set_decode_level(qpdf, qpdf_dl_none)
    qpdf_set_deterministic_ID(qpdf, QPDF_TRUE)
    if metadata.archival != nil {
      // PDF/A-1: PDF 1.4 (no object or cross-reference streams), and an end of line
      // before every endstream.
      qpdf_set_object_stream_mode(qpdf, qpdf_o_disable)
      qpdf_set_newline_before_endstream(qpdf, QPDF_TRUE)
      qpdf_force_pdf_version(qpdf, "1.4")
    } else {
      // Cairo writes one object per structure element (a tagged table has one per
      // cell): packed into compressed object streams, the file is 2 to 4 times
      // smaller, which matters for a document sent by email.
      qpdf_set_object_stream_mode(qpdf, qpdf_o_generate)
    }
    try check(qpdf, qpdf_write(qpdf))
    guard let buffer = qpdf_get_buffer(qpdf) else { throw .cairo("qpdf: nothing written") }
    return Data(bytes: buffer, count: qpdf_get_buffer_length(qpdf))
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

  /// Structure types that never hold a figure.
  private static let leafContainers: Set<String> = [
    "/Table", "/THead", "/TBody", "/TFoot", "/TR", "/TH", "/TD", "/L", "/LI", "/Lbl", "/LBody",
    "/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/TOC", "/TOCI", "/Link",
  ]

  /// The structure elements of type Figure, in document order (depth first).
  private static func collectFigures(
    _ qpdf: qpdf_data, _ node: qpdf_oh, into figures: inout [qpdf_oh], depth: Int
  ) {
    guard depth < 64 else { return }
    if qpdf_oh_is_array(qpdf, node) == QPDF_TRUE {
      for index in 0..<qpdf_oh_get_array_n_items(qpdf, node) {
        collectFigures(
          qpdf, qpdf_oh_get_array_item(qpdf, node, index), into: &figures, depth: depth + 1)
      }
      return
    }
    guard qpdf_oh_is_dictionary(qpdf, node) == QPDF_TRUE else { return }
    let type = qpdf_oh_get_key(qpdf, node, "/S")
    if qpdf_oh_is_name_and_equals(qpdf, type, "/Figure") == QPDF_TRUE {
      figures.append(node)
      return
    }
    // Figures are never inside tables, lists, paragraphs or headings: not walking
    // into them keeps this step short on documents with long tables.
    if qpdf_oh_is_name(qpdf, type) == QPDF_TRUE,
      let name = qpdf_oh_get_name(qpdf, type).map({ String(cString: $0) }),
      leafContainers.contains(name)
    {
      return
    }
    if qpdf_oh_has_key(qpdf, node, "/K") == QPDF_TRUE {
      collectFigures(qpdf, qpdf_oh_get_key(qpdf, node, "/K"), into: &figures, depth: depth + 1)
    }
  }

  static func check(_ qpdf: qpdf_data, _ code: QPDF_ERROR_CODE) throws(RenderError) {
    guard code & QPDF_ERRORS != 0 || qpdf_has_error(qpdf) == QPDF_TRUE else { return }
    let message = qpdf_get_error(qpdf).flatMap { qpdf_get_error_full_text(qpdf, $0) }
    throw .cairo("qpdf: " + (message.map { String(cString: $0) } ?? "error \(code)"))
  }
}
