import ReportModel

/// Reads an SVG file's size and refuses what librsvg would fetch or expand, in pure Swift.
///
/// Not an XML parser: a scanner of tags, comments, CDATA, processing instructions and
/// the DOCTYPE, enough to see every attribute and every style sheet. It refuses:
/// - a DOCTYPE with an internal subset (`<!DOCTYPE svg [ … ]>`) and any `<!ENTITY`:
///   entities can expand without bound ("billion laughs"); a plain DOCTYPE naming the
///   SVG 1.1 DTD is harmless (librsvg never loads it) and accepted;
/// - any `href` (`xlink:href`, `href`, XInclude's, `<?xml-stylesheet?>`'s) and any CSS
///   `url(…)` or `@import` that points anywhere but `#fragment` or a `data:` URI:
///   the picture must be whole in its file.
enum SVGScanner {
  private static let fault = "SVG"

  static func read(_ bytes: [UInt8]) throws(PictureFault) -> PictureHeader {
    var body = bytes
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
    guard let text = String(validating: body, as: UTF8.self) else {
      throw PictureFault(
        message: tr("is not UTF-8 text (an SVG file must be)"), hint: tr("save it again as UTF-8"))
    }
    var scanner = Scanner(Array(text.unicodeScalars))
    var root: [String: String]?
    var inStyle = false
    var transparent = false
    var families: [String] = []
    func note(_ family: String?) {
      guard let family, !family.isEmpty, !families.contains(family) else { return }
      families.append(family)
    }
    while let start = scanner.find("<") {
      if inStyle {
        let css = scanner.text(scanner.index, start)
        try checkCSS(css)
        transparent = transparent || mayBeTransparent(css)
        cssFamilies(css).forEach(note)
      }
      scanner.index = start
      if scanner.consume("<!--") {
        guard let end = scanner.find("-->") else {
          throw .corrupt(fault, tr("a comment is not closed"))
        }
        scanner.index = end + 3
      } else if scanner.consume("<![CDATA[") {
        guard let end = scanner.find("]]>") else {
          throw .corrupt(fault, tr("a CDATA section is not closed"))
        }
        if inStyle {
          let css = scanner.text(scanner.index, end)
          try checkCSS(css)
          transparent = transparent || mayBeTransparent(css)
          cssFamilies(css).forEach(note)
        }
        scanner.index = end + 3
      } else if scanner.consume("<!DOCTYPE") {
        try doctype(&scanner)
      } else if scanner.consume("<!") {
        let word = scanner.word()
        if word == "ENTITY" { throw entities }
        throw .corrupt(fault, tr("it holds a <!%1 declaration outside a DOCTYPE", word))
      } else if scanner.consume("<?") {
        guard let end = scanner.find("?>") else {
          throw .corrupt(fault, tr("a processing instruction is not closed"))
        }
        let content = scanner.text(scanner.index, end)
        scanner.index = end + 2
        if content.hasPrefix("xml-stylesheet") {
          var inner = Scanner(Array(content.dropFirst("xml-stylesheet".count).unicodeScalars))
          let attributes = try inner.attributes(until: nil)
          try check(attributes)
        }
      } else if scanner.consume("</") {
        let name = scanner.name()
        guard let end = scanner.find(">") else { throw .truncated(fault) }
        scanner.index = end + 1
        if localName(name) == "style" { inStyle = false }
      } else {
        scanner.index += 1
        let name = scanner.name()
        guard !name.isEmpty else { throw .corrupt(fault, tr("a “<” does not open a tag")) }
        let attributes = try scanner.attributes(until: ">")
        let selfClosing = scanner.consume("/>")
        if !selfClosing {
          guard scanner.consume(">") else { throw .truncated(fault) }
        }
        try check(attributes)
        for attribute in attributes {
          if localName(attribute.name) == "font-family" { note(firstFamily(attribute.value)) }
          if localName(attribute.name) == "style" { cssFamilies(attribute.value).forEach(note) }
        }
        transparent =
          transparent || ["mask", "filter", "image", "pattern"].contains(localName(name))
          || attributes.contains {
            mayBeTransparent(localName($0.name)) || mayBeTransparent($0.value)
          }
        if root == nil {
          guard localName(name) == "svg" else {
            throw PictureFault(
              message: tr("is an XML file whose root is <%1>, not an SVG picture", name),
              hint: tr("use a PNG, JPEG or SVG file"))
          }
          root = Dictionary(
            attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        if localName(name) == "style", !selfClosing { inStyle = true }
      }
    }
    guard let root else { throw .truncated(fault) }
    let (width, height) = try size(root)
    var header = PictureHeader(format: .svg, width: width, height: height, hasAlpha: transparent)
    header.fontFamilies = families
    return header
  }

  /// The first family of a `font-family` list, unquoted.
  static func firstFamily(_ list: String) -> String? {
    let first = list.split(separator: ",").first.map(String.init) ?? ""
    let unwanted: Set<Character> = [" ", "\t", "\n", "\r", "\"", "'"]
    let trimmed = first.drop { unwanted.contains($0) }.reversed().drop { unwanted.contains($0) }
    let family = String(trimmed.reversed())
    return family.isEmpty ? nil : family
  }

  /// The first family of each `font-family:` declaration of style text.
  static func cssFamilies(_ css: String) -> [String] {
    var found: [String] = []
    var rest = css[...]
    while let range = rest.range(of: "font-family", options: .caseInsensitive) {
      rest = rest[range.upperBound...]
      guard let colon = rest.firstIndex(of: ":") else { break }
      let value = rest[rest.index(after: colon)...].prefix { $0 != ";" && $0 != "}" }
      if let family = firstFamily(String(value)) { found.append(family) }
      rest = rest[rest.index(after: colon)...]
    }
    return found
  }

  /// Whether an attribute's name or value, or style text, may make something
  /// transparent: opacity, masks, filters, colours with alpha (erring towards yes).
  private static func mayBeTransparent(_ text: String) -> Bool {
    let lowered = text.lowercased()
    if ["opacity", "mask", "filter", "rgba(", "hsla(", "transparent"].contains(where: {
      lowered.contains($0)
    }) {
      return true
    }
    // #RGBA and #RRGGBBAA colours.
    var rest = lowered[...]
    while let hash = rest.firstIndex(of: "#") {
      let digits = rest[rest.index(after: hash)...].prefix { $0.isHexDigit }
      if digits.count == 4 || digits.count == 8 { return true }
      rest = rest[rest.index(after: hash)...]
    }
    return false
  }

  private static let entities = PictureFault(
    message: tr("declares entities (<!ENTITY …>), which are refused"),
    hint:
      tr(
        "entities can expand without bound (a “billion laughs” bomb): remove the DOCTYPE and write the text out"
      )
  )

  private static func external(_ what: String) -> PictureFault {
    PictureFault(
      message: tr("refers to %1 outside itself, which is refused", what),
      hint:
        tr(
          "an SVG must be whole in its file: embed the resource (a data: URI) or draw it in, and refer to parts of the picture only as #id"
        )
    )
  }

  /// A DOCTYPE: accepted when it only names a DTD; refused when it has an internal subset.
  private static func doctype(_ scanner: inout Scanner) throws(PictureFault) {
    var quote: Unicode.Scalar?
    while scanner.index < scanner.characters.count {
      let character = scanner.characters[scanner.index]
      scanner.index += 1
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "[" {
        throw entities
      } else if character == ">" {
        return
      }
    }
    throw .truncated(fault)
  }

  private static func localName(_ name: String) -> String {
    name.split(separator: ":").last.map(String.init) ?? name
  }

  private static func allowed(_ reference: String) -> Bool {
    let trimmed = reference.trimmingWhitespace
    return trimmed.hasPrefix("#") || trimmed.lowercased().hasPrefix("data:")
  }

  private static func check(_ attributes: [Scanner.Attribute]) throws(PictureFault) {
    for attribute in attributes {
      if localName(attribute.name) == "href", !allowed(attribute.value) {
        throw external("“\(attribute.value)” (\(attribute.name))")
      }
      try checkCSS(attribute.value)
    }
  }

  /// Style text, or an attribute that may hold `url(…)`: only `#id` and `data:` inside.
  private static func checkCSS(_ text: String) throws(PictureFault) {
    // Only A–Z lowered, so that positions in `lowered` are positions in `text`.
    var lowered = ""
    lowered.unicodeScalars.append(
      contentsOf: text.unicodeScalars.map {
        ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32) ?? $0 : $0
      })
    if lowered.contains("@import") { throw external(tr("a style sheet (@import)")) }
    var rest = lowered[...]
    var original = text[...]
    while let range = rest.range(of: "url(") {
      let offset = rest.distance(from: rest.startIndex, to: range.upperBound)
      original = original.dropFirst(offset)
      rest = rest[range.upperBound...]
      let argument = original.prefix { $0 != ")" }
      var reference = String(argument).trimmingWhitespace
      if let first = reference.first, first == "\"" || first == "'" {
        reference = String(reference.dropFirst().prefix { $0 != first })
      }
      if !allowed(reference) { throw external("“\(reference)” (url)") }
    }
  }

  /// The picture's size in CSS pixels: `width` and `height` (with their units), or the
  /// `viewBox`, or one of them with the viewBox's proportions.
  private static func size(_ root: [String: String]) throws(PictureFault) -> (Double, Double) {
    let width = root["width"].flatMap(length)
    let height = root["height"].flatMap(length)
    var box: (Double, Double)?
    if let viewBox = root["viewBox"] {
      let numbers = viewBox.split(whereSeparator: { " ,\t\n\r".contains($0) }).compactMap {
        Double($0)
      }
      guard numbers.count == 4, numbers[2] > 0, numbers[3] > 0,
        numbers.allSatisfy({ $0.isFinite })
      else {
        throw .corrupt(
          fault, tr("its viewBox “%1” is not four numbers with a positive size", viewBox))
      }
      box = (numbers[2], numbers[3])
    }
    let result: (Double, Double)
    switch (width, height, box) {
    case (let width?, let height?, _): result = (width, height)
    case (let width?, nil, let box?): result = (width, width * box.1 / box.0)
    case (nil, let height?, let box?): result = (height * box.0 / box.1, height)
    case (nil, nil, let box?): result = box
    default:
      throw PictureFault(
        message: tr("gives no size"),
        hint: tr("give its <svg> element width and height, or a viewBox"))
    }
    guard result.0 > 0, result.1 > 0, result.0.isFinite, result.1.isFinite else {
      throw .corrupt(fault, tr("its size is %1 × %2", result.0, result.1))
    }
    return result
  }

  /// A length in CSS pixels; nil for a percentage or what is not a length (the viewBox
  /// decides then).
  private static func length(_ text: String) -> Double? {
    let trimmed = text.trimmingWhitespace
    let numberPart = trimmed.prefix { "0123456789.+-eE".contains($0) }
    guard let value = Double(numberPart) else { return nil }
    let units: [String: Double] = [
      "": 1, "px": 1, "pt": 96.0 / 72, "pc": 16, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96,
      "em": 16, "ex": 8,
    ]
    guard let factor = units[String(trimmed.dropFirst(numberPart.count)).lowercased()] else {
      return nil
    }
    return value * factor
  }

  /// A cursor over the file's characters.
  struct Scanner {
    struct Attribute {
      var name: String
      var value: String
    }

    let characters: [Unicode.Scalar]
    var index = 0

    init(_ characters: [Unicode.Scalar]) { self.characters = characters }

    func text(_ start: Int, _ end: Int) -> String {
      var string = ""
      string.unicodeScalars.append(contentsOf: characters[start..<max(start, end)])
      return string
    }

    /// The index where `pattern` next starts, from the cursor on.
    func find(_ pattern: String) -> Int? {
      let needle = Array(pattern.unicodeScalars)
      guard let first = needle.first, characters.count >= needle.count else { return nil }
      var position = index
      while position <= characters.count - needle.count {
        if characters[position] == first,
          characters[position..<position + needle.count].elementsEqual(needle)
        {
          return position
        }
        position += 1
      }
      return nil
    }

    mutating func consume(_ pattern: String) -> Bool {
      let needle = Array(pattern.unicodeScalars)
      guard index + needle.count <= characters.count,
        characters[index..<index + needle.count].elementsEqual(needle)
      else { return false }
      index += needle.count
      return true
    }

    private static func isSpace(_ character: Unicode.Scalar) -> Bool {
      character == " " || character == "\t" || character == "\n" || character == "\r"
    }

    private static func isNameCharacter(_ character: Unicode.Scalar) -> Bool {
      !isSpace(character) && !"<>/=\"'?!".unicodeScalars.contains(character)
    }

    mutating func skipSpaces() {
      while index < characters.count, Self.isSpace(characters[index]) { index += 1 }
    }

    mutating func name() -> String {
      let start = index
      while index < characters.count, Self.isNameCharacter(characters[index]) { index += 1 }
      return text(start, index)
    }

    mutating func word() -> String {
      let start = index
      while index < characters.count, characters[index].properties.isAlphabetic { index += 1 }
      return text(start, index)
    }

    /// Attributes up to `>` or `/>` (left unconsumed), or to the end when `end` is nil,
    /// their values with character references decoded.
    mutating func attributes(until end: Unicode.Scalar?) throws(PictureFault) -> [Attribute] {
      var result: [Attribute] = []
      while true {
        skipSpaces()
        guard index < characters.count else {
          if end == nil { return result }
          throw .truncated("SVG")
        }
        let character = characters[index]
        if character == ">"
          || (character == "/" && index + 1 < characters.count
            && characters[index + 1] == ">")
        {
          return result
        }
        let name = self.name()
        guard !name.isEmpty else {
          throw .corrupt("SVG", tr("a tag holds a stray “%1”", character))
        }
        skipSpaces()
        guard consume("=") else { throw .corrupt("SVG", tr("the attribute %1 has no value", name)) }
        skipSpaces()
        guard index < characters.count, characters[index] == "\"" || characters[index] == "'"
        else { throw .corrupt("SVG", tr("the value of %1 is not quoted", name)) }
        let quote = characters[index]
        index += 1
        let start = index
        while index < characters.count, characters[index] != quote { index += 1 }
        guard index < characters.count else { throw .truncated("SVG") }
        result.append(Attribute(name: name, value: Self.decoded(text(start, index))))
        index += 1
      }
    }

    /// Character and predefined entity references resolved (`&#104;ttp:` is `http:`).
    static func decoded(_ value: String) -> String {
      guard value.contains("&") else { return value }
      var result = ""
      var rest = value[...]
      while let ampersand = rest.firstIndex(of: "&") {
        result += rest[..<ampersand]
        rest = rest[rest.index(after: ampersand)...]
        guard let semicolon = rest.firstIndex(of: ";"),
          rest.distance(from: rest.startIndex, to: semicolon) <= 10
        else {
          result += "&"
          continue
        }
        let entity = rest[..<semicolon]
        rest = rest[rest.index(after: semicolon)...]
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        if let character = named[String(entity)] {
          result += character
        } else if entity.hasPrefix("#x") || entity.hasPrefix("#X"),
          let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code)
        {
          result.unicodeScalars.append(scalar)
        } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()),
          let scalar = Unicode.Scalar(code)
        {
          result.unicodeScalars.append(scalar)
        } else {
          result += "&\(entity);"
        }
      }
      return result + rest
    }
  }
}
