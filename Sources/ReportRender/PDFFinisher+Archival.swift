import Foundation

/// What PDF/A-1b (ISO 19005-1, level B) asks of a file that cairo cannot write.
extension PDFFinisher {
  /// Makes the document PDF/A-1b: no transparency groups, printable annotations,
  /// `/CharSet` and `/CIDSet` for the font subsets, and an sRGB output intent.
  /// (PDF 1.4, the XMP identification and the writing options are set by the caller.)
  /// - Throws: ``RenderError/archival(_:)`` when the document uses transparency or a
  ///   font program cannot be read.
  static func makeArchival(_ document: QPDFDocument, _ archival: PDFArchival)
    throws(RenderError)
  {
    var fonts: [QPDFObject] = []
    var seen = Set<Int32>()
    for number in 0..<document.pageCount {
      let page = document.page(number)
      // Cairo gives every page a transparency group, which PDF/A-1 forbids; nothing
      // is drawn with transparency (checked below), so it changes nothing.
      page.remove("/Group")
      for annotation in page["/Annots"].items {
        // Printed, never hidden or invisible (ISO 19005-1 §6.5.3).
        annotation["/F"] = document.integer(4)
      }
      let resources = page["/Resources"]
      try checkOpaque(resources, page: number + 1)
      let fontDictionary = resources["/Font"]
      for key in fontDictionary.keys {
        let font = fontDictionary[key]
        let id = font.objectID
        guard id == 0 || seen.insert(id).inserted else { continue }
        fonts.append(font)
      }
    }
    for font in fonts { try describeSubset(document, font) }
    addOutputIntent(document, profile: archival.profile)
  }

  /// Refuses transparency, which PDF/A-1 forbids: soft masks, constant alpha below 1,
  /// blend modes other than Normal, transparency groups in forms; drops pictures'
  /// `/Interpolate`, which it forbids too.
  private static func checkOpaque(_ resources: QPDFObject, page: Int) throws(RenderError) {
    let states = resources["/ExtGState"]
    for key in states.keys {
      let state = states[key]
      for alpha in ["/CA", "/ca"] where state.has(alpha) {
        let value = state[alpha].number
        if value != 1 { throw transparency("\(key) has \(alpha) \(value)", page: page) }
      }
      let mask = state["/SMask"]
      if !mask.isNull && !mask.isName("/None") {
        throw transparency("\(key) has a soft mask", page: page)
      }
      let blend = state["/BM"]
      if !blend.isNull && !blend.isName("/Normal") && !blend.isName("/Compatible") {
        throw transparency("\(key) has a blend mode", page: page)
      }
    }
    let objects = resources["/XObject"]
    for key in objects.keys {
      let dictionary = objects[key].streamDictionary
      if dictionary.has("/SMask") {
        throw transparency("the image \(key) has a soft mask", page: page)
      }
      if dictionary["/Group"]["/S"].isName("/Transparency") {
        throw transparency("the form \(key) is a transparency group", page: page)
      }
      // PDF/A-1 lets the reader choose how to scale pictures (ISO 19005-1 §6.2.4).
      if dictionary.has("/Interpolate") { dictionary.remove("/Interpolate") }
    }
  }

  private static func transparency(_ what: String, page: Int) -> RenderError {
    .archival("PDF/A-1 forbids transparency, but on page \(page) \(what)")
  }

  /// Adds what PDF/A-1 asks of a font subset's descriptor: `/CharSet` (the glyph
  /// names) for a Type 1 font, `/CIDSet` (the CIDs present) for a CID font.
  private static func describeSubset(_ document: QPDFDocument, _ font: QPDFObject)
    throws(RenderError)
  {
    let subtype = font["/Subtype"]
    if subtype.isName("/Type0") {
      for descendant in font["/DescendantFonts"].items {
        try describeCIDFont(document, descendant)
      }
      return
    }
    guard subtype.isName("/Type1") else { return }
    let descriptor = font["/FontDescriptor"]
    let file = descriptor["/FontFile3"]
    guard !descriptor.has("/CharSet"), file.isStream else { return }
    let cff = try readFont(file, font: font) { data throws(FontProgram.Malformed) in
      try FontProgram.cff(data)
    }
    let names = cff.glyphNames.filter { $0 != ".notdef" }.map { "/" + escapedName($0) }.joined()
    descriptor["/CharSet"] = document.string(names)
  }

  private static func describeCIDFont(_ document: QPDFDocument, _ font: QPDFObject)
    throws(RenderError)
  {
    let descriptor = font["/FontDescriptor"]
    guard !descriptor.has("/CIDSet") else { return }
    var cids: [Int]
    let compact = descriptor["/FontFile3"]
    let trueType = descriptor["/FontFile2"]
    if compact.isStream {
      cids = try readFont(compact, font: font) { data throws(FontProgram.Malformed) in
        try FontProgram.cff(data)
      }.cids
    } else if trueType.isStream {
      let glyphs = try readFont(trueType, font: font) { data throws(FontProgram.Malformed) in
        try FontProgram.trueTypeGlyphCount(data)
      }
      let map = font["/CIDToGIDMap"]
      if map.isStream {
        // Two bytes per CID: its glyph; glyph 0 for a CID not in the font.
        let bytes = try qpdf { () throws(QPDFError) in try map.streamData() }
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
    descriptor["/CIDSet"] = document.stream(FontProgram.cidSet(cids))
  }

  /// Reads a font program with one of ``FontProgram``'s readers.
  private static func readFont<Result>(
    _ stream: QPDFObject, font: QPDFObject,
    _ read: ([UInt8]) throws(FontProgram.Malformed) -> Result
  ) throws(RenderError) -> Result {
    let data = try qpdf { () throws(QPDFError) in try stream.streamData() }
    do {
      return try read(data)
    } catch {
      throw .archival("font \(font["/BaseFont"].name ?? "?"): \(error.reason)")
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
  private static func addOutputIntent(_ document: QPDFDocument, profile: Data) {
    let stream = document.stream([UInt8](profile))
    stream.streamDictionary["/N"] = document.integer(3)
    let intent = document.parse(
      "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "
        + "/Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) >>")
    intent["/DestOutputProfile"] = stream
    let intents = document.array()
    intents.append(intent)
    document.root["/OutputIntents"] = intents
  }
}
