/// What a font program embedded in a PDF holds, read for PDF/A: the glyph names of
/// a Type 1 (CFF) subset, for its `/CharSet`, and the character identifiers of a CID
/// font subset, for its `/CIDSet`.
///
/// Reads the Compact Font Format (Adobe Technical Note #5176: header, INDEX, DICT,
/// charset) and, for TrueType, the `maxp` table.
enum FontProgram {
  /// A font program that cannot be read.
  struct Malformed: Error, Equatable {
    /// What was wrong.
    var reason: String
  }

  /// What a CFF font program holds.
  struct CFF: Equatable {
    /// Whether the font is CID-keyed (its Top DICT has a ROS).
    var isCIDKeyed: Bool
    /// For each glyph, in order: its CID (CID-keyed) or its string identifier (SID).
    var charset: [Int]
    /// The font's own strings (string identifiers from 391 on).
    var strings: [String]

    /// The glyph names, `.notdef` first (not for a CID-keyed font).
    var glyphNames: [String] {
      charset.map { sid in
        sid < FontProgram.standardStrings.count
          ? FontProgram.standardStrings[sid]
          : sid - FontProgram.standardStrings.count < strings.count
            ? strings[sid - FontProgram.standardStrings.count] : ".notdef"
      }
    }

    /// The CIDs of the glyphs: the charset's for a CID-keyed font, else the glyph
    /// indexes (the identity a PDF reader applies to a font that is not CID-keyed).
    var cids: [Int] { isCIDKeyed ? charset : Array(0..<charset.count) }
  }

  /// Reads a CFF font program (`/FontFile3` of subtype `Type1C` or `CIDFontType0C`).
  /// - Throws: ``Malformed`` when the data is not a CFF font.
  static func cff(_ data: [UInt8]) throws(Malformed) -> CFF {
    var reader = Reader(data: data)
    guard data.count >= 4, data[0] == 1 else { throw Malformed(reason: "not a CFF font (version)") }
    reader.position = Int(data[2])  // header size
    _ = try reader.index()  // names
    guard let topDict = try reader.index().first else { throw Malformed(reason: "no Top DICT") }
    let strings = try reader.index().map { String(decoding: $0, as: UTF8.self) }
    let top = try dict(topDict)
    guard let charStrings = top[17]?.first else { throw Malformed(reason: "no CharStrings") }
    reader.position = charStrings
    let glyphCount = try reader.index().count
    let isCIDKeyed = top[12_30] != nil
    var charset = [0]
    let charsetOffset = top[15]?.first ?? 0
    if charsetOffset == 0 && !isCIDKeyed {
      charset = Array(0..<glyphCount)  // ISOAdobe: SIDs in order
    } else if charsetOffset <= 2 {
      throw Malformed(reason: "predefined charset \(charsetOffset) not supported")
    } else {
      reader.position = charsetOffset
      let format = try reader.card(1)
      while charset.count < glyphCount {
        switch format {
        case 0:
          charset.append(try reader.card(2))
        case 1, 2:
          let first = try reader.card(2)
          let left = try reader.card(format == 1 ? 1 : 2)
          charset += (first...(first + left)).prefix(glyphCount - charset.count)
        default:
          throw Malformed(reason: "charset format \(format)")
        }
      }
    }
    return CFF(isCIDKeyed: isCIDKeyed, charset: charset, strings: strings)
  }

  /// The number of glyphs of a TrueType font program (`/FontFile2`), from `maxp`.
  /// - Throws: ``Malformed`` when there is no `maxp` table.
  static func trueTypeGlyphCount(_ data: [UInt8]) throws(Malformed) -> Int {
    var reader = Reader(data: data)
    reader.position = 4
    let tables = try reader.card(2)
    for table in 0..<tables {
      reader.position = 12 + 16 * table
      let tag = String(
        decoding: data[reader.position..<min(reader.position + 4, data.count)], as: UTF8.self)
      reader.position += 8
      let offset = try reader.card(4)
      guard tag == "maxp" else { continue }
      reader.position = offset + 4
      return try reader.card(2)
    }
    throw Malformed(reason: "no maxp table")
  }

  /// A CIDSet stream's bytes: one bit per CID, most significant bit first, set for the
  /// CIDs present (ISO 19005-1 §6.3.5).
  static func cidSet(_ cids: [Int]) -> [UInt8] {
    guard let highest = cids.max() else { return [] }
    var bits = [UInt8](repeating: 0, count: highest / 8 + 1)
    for cid in cids where cid >= 0 { bits[cid / 8] |= 0x80 >> UInt8(cid % 8) }
    return bits
  }

  /// The operands of each operator of a DICT (integers; reals rounded down).
  ///
  /// Escaped operators `12 n` are keyed `12_000 + n`, so ROS (12 30) is 12_030.
  static func dict(_ data: ArraySlice<UInt8>) throws(Malformed) -> [Int: [Int]] {
    var entries: [Int: [Int]] = [:]
    var operands: [Int] = []
    var index = data.startIndex
    func byte(_ at: Int) throws(Malformed) -> Int {
      guard at < data.endIndex else { throw Malformed(reason: "DICT cut short") }
      return Int(data[at])
    }
    while index < data.endIndex {
      let b0 = Int(data[index])
      switch b0 {
      case 0...21:
        var key = b0
        if b0 == 12 {
          key = 12_000 + (try byte(index + 1))
          index += 1
        }
        entries[key] = operands
        operands = []
        index += 1
      case 28:
        operands.append(
          Int(Int16(truncatingIfNeeded: (try byte(index + 1)) << 8 | (try byte(index + 2)))))
        index += 3
      case 29:
        var value = 0
        for offset in 1...4 { value = value << 8 | (try byte(index + offset)) }
        operands.append(Int(Int32(truncatingIfNeeded: value)))
        index += 5
      case 30:
        // A real: nibbles to the end marker 0xf; only its integer part is kept.
        var text = ""
        index += 1
        scan: while index < data.endIndex {
          for nibble in [Int(data[index]) >> 4, Int(data[index]) & 0xF] {
            switch nibble {
            case 0...9: text += String(nibble)
            case 0xA: text += "."
            case 0xB: text += "E"
            case 0xC: text += "E-"
            case 0xE: text += "-"
            case 0xF: break scan
            default: break
            }
          }
          index += 1
        }
        index += 1
        // A real far out of range (1E999) would trap as an Int: it counts as 0.
        let real = Double(text) ?? 0
        operands.append(abs(real) < 1e15 ? Int(real) : 0)
      case 32...246:
        operands.append(b0 - 139)
        index += 1
      case 247...250:
        operands.append((b0 - 247) * 256 + (try byte(index + 1)) + 108)
        index += 2
      case 251...254:
        operands.append(-(b0 - 251) * 256 - (try byte(index + 1)) - 108)
        index += 2
      default:
        throw Malformed(reason: "DICT byte \(b0)")
      }
    }
    return entries
  }

  /// Big-endian reading over the font's bytes.
  private struct Reader {
    let data: [UInt8]
    var position = 0

    mutating func card(_ size: Int) throws(Malformed) -> Int {
      guard position >= 0, position + size <= data.count else {
        throw Malformed(reason: "offset \(position) beyond the font's \(data.count) bytes")
      }
      var value = 0
      for offset in 0..<size { value = value << 8 | Int(data[position + offset]) }
      position += size
      return value
    }

    /// An INDEX: its entries' bytes; the reader is left just past it.
    mutating func index() throws(Malformed) -> [ArraySlice<UInt8>] {
      let count = try card(2)
      guard count > 0 else { return [] }
      let offsetSize = try card(1)
      guard (1...4).contains(offsetSize) else { throw Malformed(reason: "INDEX offset size") }
      var offsets: [Int] = []
      for _ in 0...count { offsets.append(try card(offsetSize)) }
      let base = position - 1
      guard let last = offsets.last, base + last <= data.count else {
        throw Malformed(reason: "INDEX beyond the font")
      }
      var entries: [ArraySlice<UInt8>] = []
      for entry in 0..<count {
        let start = base + offsets[entry]
        let end = base + offsets[entry + 1]
        guard start <= end, start > base else { throw Malformed(reason: "INDEX offsets") }
        entries.append(data[start..<end])
      }
      position = base + last
      return entries
    }
  }

  /// The CFF standard strings (string identifiers 0 to 390), Technical Note #5176 Appendix A.
  static let standardStrings: [String] = """
    .notdef space exclam quotedbl numbersign dollar percent ampersand quoteright parenleft
    parenright asterisk plus comma hyphen period slash zero one two three four five six seven
    eight nine colon semicolon less equal greater question at A B C D E F G H I J K L M N O P
    Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore quoteleft a
    b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright asciitilde
    exclamdown cent sterling fraction yen florin section currency quotesingle quotedblleft
    guillemotleft guilsinglleft guilsinglright fi fl endash dagger daggerdbl periodcentered
    paragraph bullet quotesinglbase quotedblbase quotedblright guillemotright ellipsis
    perthousand questiondown grave acute circumflex tilde macron breve dotaccent dieresis ring
    cedilla hungarumlaut ogonek caron emdash AE ordfeminine Lslash Oslash OE ordmasculine ae
    dotlessi lslash oslash oe germandbls onesuperior logicalnot mu trademark Eth onehalf
    plusminus Thorn onequarter divide brokenbar degree thorn threequarters twosuperior
    registered minus eth multiply threesuperior copyright Aacute Acircumflex Adieresis Agrave
    Aring Atilde Ccedilla Eacute Ecircumflex Edieresis Egrave Iacute Icircumflex Idieresis
    Igrave Ntilde Oacute Ocircumflex Odieresis Ograve Otilde Scaron Uacute Ucircumflex
    Udieresis Ugrave Yacute Ydieresis Zcaron aacute acircumflex adieresis agrave aring atilde
    ccedilla eacute ecircumflex edieresis egrave iacute icircumflex idieresis igrave ntilde
    oacute ocircumflex odieresis ograve otilde scaron uacute ucircumflex udieresis ugrave
    yacute ydieresis zcaron exclamsmall Hungarumlautsmall dollaroldstyle dollarsuperior
    ampersandsmall Acutesmall parenleftsuperior parenrightsuperior twodotenleader
    onedotenleader zerooldstyle oneoldstyle twooldstyle threeoldstyle fouroldstyle
    fiveoldstyle sixoldstyle sevenoldstyle eightoldstyle nineoldstyle commasuperior
    threequartersemdash periodsuperior questionsmall asuperior bsuperior centsuperior
    dsuperior esuperior isuperior lsuperior msuperior nsuperior osuperior rsuperior ssuperior
    tsuperior ff ffi ffl parenleftinferior parenrightinferior Circumflexsmall hyphensuperior
    Gravesmall Asmall Bsmall Csmall Dsmall Esmall Fsmall Gsmall Hsmall Ismall Jsmall Ksmall
    Lsmall Msmall Nsmall Osmall Psmall Qsmall Rsmall Ssmall Tsmall Usmall Vsmall Wsmall Xsmall
    Ysmall Zsmall colonmonetary onefitted rupiah Tildesmall exclamdownsmall centoldstyle
    Lslashsmall Scaronsmall Zcaronsmall Dieresissmall Brevesmall Caronsmall Dotaccentsmall
    Macronsmall figuredash hypheninferior Ogoneksmall Ringsmall Cedillasmall questiondownsmall
    oneeighth threeeighths fiveeighths seveneighths onethird twothirds zerosuperior
    foursuperior fivesuperior sixsuperior sevensuperior eightsuperior ninesuperior
    zeroinferior oneinferior twoinferior threeinferior fourinferior fiveinferior sixinferior
    seveninferior eightinferior nineinferior centinferior dollarinferior periodinferior
    commainferior Agravesmall Aacutesmall Acircumflexsmall Atildesmall Adieresissmall
    Aringsmall AEsmall Ccedillasmall Egravesmall Eacutesmall Ecircumflexsmall Edieresissmall
    Igravesmall Iacutesmall Icircumflexsmall Idieresissmall Ethsmall Ntildesmall Ogravesmall
    Oacutesmall Ocircumflexsmall Otildesmall Odieresissmall OEsmall Oslashsmall Ugravesmall
    Uacutesmall Ucircumflexsmall Udieresissmall Yacutesmall Thornsmall Ydieresissmall 001.000
    001.001 001.002 001.003 Black Bold Book Light Medium Regular Roman Semibold
    """.split(whereSeparator: \.isWhitespace).map(String.init)
}
