import CQPDF
import Foundation

/// The finishing steps beyond the catalog: page furniture marked as artifacts, and
/// what PDF/A-1b (ISO 19005-1, level B) asks of a file that cairo cannot write.
extension PDFFinisher {
  /// Encloses, on every page, the drawing that is outside marked content (footers,
  /// rules, cell backgrounds) in `/Artifact BMC` … `EMC`, so that it is not taken
  /// for untagged content.
  /// - Throws: ``RenderError/cairo(_:)`` when a page's content cannot be read.
  static func markArtifacts(_ qpdf: qpdf_data) throws(RenderError) {
    for number in 0..<max(0, qpdf_get_num_pages(qpdf)) {
      let page = qpdf_get_page_n(qpdf, Int(number))
      var buffer: UnsafeMutablePointer<UInt8>?
      var length = 0
      try check(qpdf, qpdf_oh_get_page_content_data(qpdf, page, &buffer, &length))
      let bytes = buffer.map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
      free(buffer)
      let stream: ContentStream
      do {
        stream = try ContentStream(bytes)
      } catch {
        throw .cairo("page \(number + 1): \(error.reason) at byte \(error.offset) of its content")
      }
      let marked = stream.markingArtifacts()
      guard marked != bytes else { continue }
      // One stream replaces the page's content, however many it had.
      let contents = qpdf_oh_get_key(qpdf, page, "/Contents")
      let single = qpdf_oh_is_stream(qpdf, contents) == QPDF_TRUE
      let target = single ? contents : qpdf_oh_new_stream(qpdf)
      marked.withUnsafeBufferPointer {
        qpdf_oh_replace_stream_data(
          qpdf, target, $0.baseAddress, $0.count, qpdf_oh_new_null(qpdf), qpdf_oh_new_null(qpdf))
      }
      if !single { qpdf_oh_replace_key(qpdf, page, "/Contents", target) }
    }
  }

  /// Makes the document PDF/A-1b: no transparency groups, printable annotations,
  /// `/CharSet` and `/CIDSet` for the font subsets, and an sRGB output intent.
  /// (PDF 1.4, the XMP identification and the writing options are set by the caller.)
  /// - Throws: ``RenderError/cairo(_:)`` when the document uses transparency or a font
  ///   program cannot be read.
  static func makeArchival(_ qpdf: qpdf_data, _ archival: PDFArchival) throws(RenderError) {
    var fonts: [qpdf_oh] = []
    var seen = Set<Int32>()
    for number in 0..<max(0, qpdf_get_num_pages(qpdf)) {
      let page = qpdf_get_page_n(qpdf, Int(number))
      // Cairo gives every page a transparency group, which PDF/A-1 forbids; nothing
      // is drawn with transparency (checked below), so it changes nothing.
      qpdf_oh_remove_key(qpdf, page, "/Group")
      let annotations = qpdf_oh_get_key(qpdf, page, "/Annots")
      for index in 0..<max(0, qpdf_oh_get_array_n_items(qpdf, annotations)) {
        let annotation = qpdf_oh_get_array_item(qpdf, annotations, index)
        // Printed, never hidden or invisible (ISO 19005-1 §6.5.3).
        qpdf_oh_replace_key(qpdf, annotation, "/F", qpdf_oh_new_integer(qpdf, 4))
      }
      let resources = qpdf_oh_get_key(qpdf, page, "/Resources")
      try checkOpaque(qpdf, resources, page: Int(number) + 1)
      let fontDictionary = qpdf_oh_get_key(qpdf, resources, "/Font")
      for key in keys(qpdf, fontDictionary) {
        let font = qpdf_oh_get_key(qpdf, fontDictionary, key)
        let id = qpdf_oh_get_object_id(qpdf, font)
        guard id == 0 || seen.insert(id).inserted else { continue }
        fonts.append(font)
      }
    }
    for font in fonts { try describeSubset(qpdf, font) }
    try addOutputIntent(qpdf, profile: archival.profile)
  }

  /// Refuses transparency, which PDF/A-1 forbids: soft masks, constant alpha below 1,
  /// blend modes other than Normal, transparency groups in forms.
  private static func checkOpaque(_ qpdf: qpdf_data, _ resources: qpdf_oh, page: Int)
    throws(RenderError)
  {
    let states = qpdf_oh_get_key(qpdf, resources, "/ExtGState")
    for key in keys(qpdf, states) {
      let state = qpdf_oh_get_key(qpdf, states, key)
      for alpha in ["/CA", "/ca"] where qpdf_oh_has_key(qpdf, state, alpha) == QPDF_TRUE {
        let value = qpdf_oh_get_numeric_value(qpdf, qpdf_oh_get_key(qpdf, state, alpha))
        if value != 1 { throw transparency("\(key) has \(alpha) \(value)", page: page) }
      }
      let mask = qpdf_oh_get_key(qpdf, state, "/SMask")
      if qpdf_oh_is_null(qpdf, mask) != QPDF_TRUE
        && qpdf_oh_is_name_and_equals(qpdf, mask, "/None") != QPDF_TRUE
      {
        throw transparency("\(key) has a soft mask", page: page)
      }
      let blend = qpdf_oh_get_key(qpdf, state, "/BM")
      if qpdf_oh_is_null(qpdf, blend) != QPDF_TRUE
        && qpdf_oh_is_name_and_equals(qpdf, blend, "/Normal") != QPDF_TRUE
        && qpdf_oh_is_name_and_equals(qpdf, blend, "/Compatible") != QPDF_TRUE
      {
        throw transparency("\(key) has a blend mode", page: page)
      }
    }
    let objects = qpdf_oh_get_key(qpdf, resources, "/XObject")
    for key in keys(qpdf, objects) {
      let dictionary = qpdf_oh_get_dict(qpdf, qpdf_oh_get_key(qpdf, objects, key))
      if qpdf_oh_has_key(qpdf, dictionary, "/SMask") == QPDF_TRUE {
        throw transparency("the image \(key) has a soft mask", page: page)
      }
      let group = qpdf_oh_get_key(qpdf, dictionary, "/Group")
      if qpdf_oh_is_name_and_equals(qpdf, qpdf_oh_get_key(qpdf, group, "/S"), "/Transparency")
        == QPDF_TRUE
      {
        throw transparency("the form \(key) is a transparency group", page: page)
      }
    }
  }

  private static func transparency(_ what: String, page: Int) -> RenderError {
    .cairo("PDF/A-1 forbids transparency, but on page \(page) \(what)")
  }

  /// Adds what PDF/A-1 asks of a font subset's descriptor: `/CharSet` (the glyph
  /// names) for a Type 1 font, `/CIDSet` (the CIDs present) for a CID font.
  private static func describeSubset(_ qpdf: qpdf_data, _ font: qpdf_oh) throws(RenderError) {
    let subtype = qpdf_oh_get_key(qpdf, font, "/Subtype")
    if qpdf_oh_is_name_and_equals(qpdf, subtype, "/Type0") == QPDF_TRUE {
      let descendants = qpdf_oh_get_key(qpdf, font, "/DescendantFonts")
      for index in 0..<max(0, qpdf_oh_get_array_n_items(qpdf, descendants)) {
        try describeCIDFont(qpdf, qpdf_oh_get_array_item(qpdf, descendants, index))
      }
      return
    }
    guard qpdf_oh_is_name_and_equals(qpdf, subtype, "/Type1") == QPDF_TRUE else { return }
    let descriptor = qpdf_oh_get_key(qpdf, font, "/FontDescriptor")
    let file = qpdf_oh_get_key(qpdf, descriptor, "/FontFile3")
    guard qpdf_oh_has_key(qpdf, descriptor, "/CharSet") != QPDF_TRUE,
      qpdf_oh_is_stream(qpdf, file) == QPDF_TRUE
    else { return }
    let cff = try readFont(qpdf, file, font: font) { data throws(FontProgram.Malformed) in
      try FontProgram.cff(data)
    }
    let names = cff.glyphNames.filter { $0 != ".notdef" }.map { "/" + escapedName($0) }.joined()
    qpdf_oh_replace_key(qpdf, descriptor, "/CharSet", qpdf_oh_new_string(qpdf, names))
  }

  private static func describeCIDFont(_ qpdf: qpdf_data, _ font: qpdf_oh) throws(RenderError) {
    let descriptor = qpdf_oh_get_key(qpdf, font, "/FontDescriptor")
    guard qpdf_oh_has_key(qpdf, descriptor, "/CIDSet") != QPDF_TRUE else { return }
    var cids: [Int]
    let compact = qpdf_oh_get_key(qpdf, descriptor, "/FontFile3")
    let trueType = qpdf_oh_get_key(qpdf, descriptor, "/FontFile2")
    if qpdf_oh_is_stream(qpdf, compact) == QPDF_TRUE {
      cids = try readFont(qpdf, compact, font: font) { data throws(FontProgram.Malformed) in
        try FontProgram.cff(data)
      }.cids
    } else if qpdf_oh_is_stream(qpdf, trueType) == QPDF_TRUE {
      let glyphs = try readFont(qpdf, trueType, font: font) { data throws(FontProgram.Malformed) in
        try FontProgram.trueTypeGlyphCount(data)
      }
      let map = qpdf_oh_get_key(qpdf, font, "/CIDToGIDMap")
      if qpdf_oh_is_stream(qpdf, map) == QPDF_TRUE {
        // Two bytes per CID: its glyph; glyph 0 for a CID not in the font.
        let bytes = try streamData(qpdf, map)
        cids = stride(from: 0, to: bytes.count - 1, by: 2).compactMap { offset in
          let glyph = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
          return (glyph != 0 || offset == 0) && glyph < glyphs ? offset / 2 : nil
        }
      } else {
        cids = Array(0..<glyphs)  // Identity
      }
    } else {
      return  // not embedded: PDF/A refuses it, and the check will say so
    }
    let set = FontProgram.cidSet(cids)
    let stream = qpdf_oh_new_stream(qpdf)
    set.withUnsafeBufferPointer {
      qpdf_oh_replace_stream_data(
        qpdf, stream, $0.baseAddress, $0.count, qpdf_oh_new_null(qpdf), qpdf_oh_new_null(qpdf))
    }
    qpdf_oh_replace_key(qpdf, descriptor, "/CIDSet", stream)
  }

  /// Reads a font program with one of ``FontProgram``'s readers.
  private static func readFont<Result>(
    _ qpdf: qpdf_data, _ stream: qpdf_oh, font: qpdf_oh,
    _ read: ([UInt8]) throws(FontProgram.Malformed) -> Result
  ) throws(RenderError) -> Result {
    let data = try streamData(qpdf, stream)
    do {
      return try read(data)
    } catch {
      let name = qpdf_oh_get_name(qpdf, qpdf_oh_get_key(qpdf, font, "/BaseFont"))
      throw .cairo("font \(name.map { String(cString: $0) } ?? "?"): \(error.reason)")
    }
  }

  /// A glyph name written as a PDF name: bytes outside `!`…`~`, delimiters and `#`
  /// as `#xx`.
  static func escapedName(_ name: String) -> String {
    var escaped = ""
    for byte in name.utf8 {
      if byte > 0x20 && byte < 0x7F && !"()<>[]{}/%#".utf8.contains(byte) {
        escaped.append(Character(UnicodeScalar(byte)))
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        escaped += "#" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return escaped
  }

  /// The sRGB output intent: the colours of the file are sRGB (ISO 19005-1 §6.2.2).
  private static func addOutputIntent(_ qpdf: qpdf_data, profile: Data) throws(RenderError) {
    let stream = qpdf_oh_new_stream(qpdf)
    profile.withUnsafeBytes { bytes in
      qpdf_oh_replace_stream_data(
        qpdf, stream, bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count,
        qpdf_oh_new_null(qpdf), qpdf_oh_new_null(qpdf))
    }
    qpdf_oh_replace_key(qpdf, qpdf_oh_get_dict(qpdf, stream), "/N", qpdf_oh_new_integer(qpdf, 3))
    let intent = qpdf_oh_parse(
      qpdf,
      "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "
        + "/Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) >>")
    qpdf_oh_replace_key(qpdf, intent, "/DestOutputProfile", stream)
    let intents = qpdf_oh_new_array(qpdf)
    qpdf_oh_append_item(qpdf, intents, intent)
    qpdf_oh_replace_key(qpdf, qpdf_get_root(qpdf), "/OutputIntents", intents)
  }

  /// A stream's data, decoded.
  static func streamData(_ qpdf: qpdf_data, _ stream: qpdf_oh) throws(RenderError) -> [UInt8] {
    var buffer: UnsafeMutablePointer<UInt8>?
    var length = 0
    var filtered = QPDF_FALSE
    try check(
      qpdf, qpdf_oh_get_stream_data(qpdf, stream, qpdf_dl_generalized, &filtered, &buffer, &length))
    defer { free(buffer) }
    guard filtered == QPDF_TRUE else { throw .cairo("qpdf: a stream it cannot decode") }
    return buffer.map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
  }

  /// A dictionary's keys (none for anything else).
  static func keys(_ qpdf: qpdf_data, _ dictionary: qpdf_oh) -> [String] {
    guard qpdf_oh_is_dictionary(qpdf, dictionary) == QPDF_TRUE else { return [] }
    var keys: [String] = []
    qpdf_oh_begin_dict_key_iter(qpdf, dictionary)
    while qpdf_oh_dict_more_keys(qpdf) == QPDF_TRUE {
      if let key = qpdf_oh_dict_next_key(qpdf) { keys.append(String(cString: key)) }
    }
    return keys
  }
}
