import CCairoPango
import ReportLayout

/// Breaks and measures text with Pango, set as the PDF will draw it: 72 dpi, no
/// hinting, unrounded glyph positions (so PDF and PNG break lines alike).
public final class PangoMeasurer: TextMeasurer {
  let fonts: FontLibrary
  let context: OpaquePointer
  private var descriptions: [TextStyle: OpaquePointer] = [:]
  private var metricsCache: [TextStyle: FontMetrics] = [:]
  private var linesCache: [LinesKey: [LineBox]] = [:]
  /// Justified paragraphs already broken (`nil`: a word wider than the measure).
  private var justifiedCache: [LinesKey: [LineBox]?] = [:]
  /// The glyphs of texts measured on one line, by text and style: a run with that
  /// text and style (a justified line, a table cell, a footer) is drawn from them,
  /// not shaped again.
  ///
  /// At most ``glyphsCacheLimit``, the first measured: pages are drawn in the order
  /// their texts were measured, so a large document's first texts are drawn from
  /// here and the rest are shaped again (on the second core, ``PageShaper``). Emptied
  /// when full once a document is drawn (``forgetGlyphs()``).
  private var shapedLines: [ShapeKey: ShapedLine] = [:]
  /// Each style's own font and its analysis (``preshape(_:)``); the fonts are kept.
  private var primaries: [TextStyle: PangoAnalysis?] = [:]

  /// A run's text and its style without colour or leading: the key to its glyphs.
  private struct ShapeKey: Hashable {
    var text: String
    var style: TextStyle

    init(_ text: String, _ style: TextStyle) {
      self.text = text
      var neutral = style
      neutral.color = .black
      neutral.leading = 1
      self.style = neutral
    }
  }

  /// The glyph runs of a line of a layout, copied out of it, with the text of the
  /// layout they index (shared by the lines of one layout).
  private final class ShapedLine {
    let text: LayoutText
    let runs: [UnsafeMutablePointer<PangoGlyphItem>]

    /// The runs of `line` that cover its bytes before `end` (a line's trailing
    /// spaces are no part of what is drawn); `nil` when a run is right to left.
    init?(text: LayoutText, line: UnsafeMutablePointer<PangoLayoutLine>, end: Int) {
      self.text = text
      var runs: [UnsafeMutablePointer<PangoGlyphItem>] = []
      var node = line.pointee.runs
      var rightToLeft = false
      while let current = node {
        node = current.pointee.next
        guard let run = current.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self)
        else { continue }
        let item = run.pointee.item.pointee
        if item.analysis.level % 2 != 0 { rightToLeft = true }
        let start = Int(item.offset)
        guard start < end, let copy = pango_glyph_item_copy(run) else { continue }
        if start + Int(item.length) <= end {
          runs.append(copy)
          continue
        }
        // The run goes on into the trailing spaces: only its head is kept.
        let head = text.bytes.withUnsafeBufferPointer { buffer in
          buffer.baseAddress.flatMap {
            pango_glyph_item_split(
              copy, UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self), Int32(end - start))
          }
        }
        pango_glyph_item_free(copy)
        if let head { runs.append(head) }
      }
      self.runs = runs
      if rightToLeft { return nil }  // drawn through a layout
    }

    /// The runs of a line shaped without a layout (copied: the shape is freed by its
    /// maker).
    init?(text: LayoutText, shape: LineShape) {
      self.text = text
      var runs: [UnsafeMutablePointer<PangoGlyphItem>] = []
      for (item, glyphs) in zip(shape.items, shape.glyphs) {
        var glyphItem = PangoGlyphItem(
          item: item, glyphs: glyphs, y_offset: 0, start_x_offset: 0, end_x_offset: 0)
        guard let copy = pango_glyph_item_copy(&glyphItem) else { return nil }
        runs.append(copy)
      }
      self.runs = runs
    }

    deinit { for run in runs { pango_glyph_item_free(run) } }
  }

  /// The bytes of a layout's text, which its glyph runs index.
  private final class LayoutText {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
  }

  /// Keeps the glyphs of line `index` of a layout for the visible text `start..<end`
  /// of its bytes, when it is drawn as it is: no soft hyphen (the text layer would
  /// hold it), no tab or line break.
  private func keepShape(
    _ text: LayoutText, line index: Int, start: Int, end: Int, style: TextStyle,
    layout: OpaquePointer
  ) {
    guard keepsMoreGlyphs else { return }
    let bytes = text.bytes
    guard end > start, end <= bytes.count,
      let line = pango_layout_get_line_readonly(layout, Int32(index)),
      !bytes[start..<end].contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }),
      !zip(bytes[start..<end], bytes[start..<end].dropFirst()).contains(where: {
        $0 == 0xC2 && $1 == 0xAD
      }),
      let shaped = ShapedLine(text: text, line: line, end: end)
    else { return }
    keep(shaped, text: String(decoding: bytes[start..<end], as: UTF8.self), style: style)
  }

  /// Keeps the glyphs of a line of `text` for drawing (its callers ask
  /// ``keepsMoreGlyphs`` first, before copying them).
  private func keep(_ shaped: ShapedLine, text: String, style: TextStyle) {
    shapedLines[ShapeKey(text, style)] = shaped
  }

  /// Whether measuring still keeps the glyphs it shapes (copying them costs as much
  /// as a tenth of measuring: not done for texts that would not be kept).
  private var keepsMoreGlyphs: Bool {
    keepsGlyphs && shapedLines.count < Self.glyphsCacheLimit
  }

  /// Whether measuring keeps glyphs for drawing at all: not for the fonts of a second
  /// core, which measure cells the drawing fonts draw (from glyphs those fonts shape
  /// again, ``PageShaper``).
  public var keepsGlyphs = true

  /// Forgets the glyphs kept from measuring if they fill the cache (a document is drawn).
  ///
  /// The next documents' texts are kept then. Until it is full, the glyphs of texts
  /// documents share (a letter's paragraphs, written for every member) serve the next
  /// documents too.
  ///
  /// The lines broken go with them: a text found there is not measured again, so its
  /// glyphs would never be kept again, and a letter's shared paragraphs, kept once,
  /// would be shaped anew at every letter drawn after the first forgetting (at 3 000
  /// members, HarfBuzz's time grew tenfold for three times the letters).
  public func forgetGlyphs() {
    guard keepsGlyphs, !keepsMoreGlyphs else { return }
    shapedLines.removeAll(keepingCapacity: true)
    linesCache.removeAll(keepingCapacity: true)
    justifiedCache.removeAll(keepingCapacity: true)
  }

  /// What a line-breaking result depends on.
  private struct LinesKey: Hashable {
    var text: String
    var style: TextStyle
    var width: Double
  }

  /// Results kept at most; layout passes ask the same questions again, so the
  /// second pass of a document shapes nothing new.
  private static let linesCacheLimit = 20_000

  /// The most texts whose glyphs are kept: each costs 1.5 to 2 KB.
  ///
  /// That is its Pango glyph items and their attributes. A large document's texts
  /// beyond these are shaped on the second core while the page before is drawn
  /// (``PageShaper``), which costs the drawing thread less than the memory of keeping
  /// them: at N = 20 000, 20 000 kept texts made the peak 30 MB higher and the run no
  /// faster. The pack and the letters of the convocations (whose texts, shared by
  /// every member, are kept between letters) are as fast as with 20 000; with 1 000,
  /// the convocations were 20 % slower.
  static let glyphsCacheLimit = 4_000

  /// Creates a measurer over a font library.
  public init(fonts: FontLibrary) {
    self.fonts = fonts
    context = pango_font_map_create_context(fonts.fontMap)
    pango_cairo_context_set_resolution(context, 72)
    let options = cairo_font_options_create()
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
    pango_cairo_context_set_font_options(context, options)
    cairo_font_options_destroy(options)
    pango_context_set_round_glyph_positions(context, 0)
  }

  deinit {
    for description in descriptions.values { pango_font_description_free(description) }
    for case let font? in primaries.values.map({ $0?.font }) {
      g_object_unref(UnsafeMutableRawPointer(font))
    }
    g_object_unref(UnsafeMutableRawPointer(context))
  }

  /// The Pango font description of a style (cached).
  func description(for style: TextStyle) -> OpaquePointer {
    var key = style
    key.color = .black
    key.leading = 1
    if let cached = descriptions[key] { return cached }
    // pango_font_description_new aborts rather than return NULL (GLib's g_slice).
    guard let description = pango_font_description_new() else {
      fatalError("pango_font_description_new returned NULL: out of memory")
    }
    pango_font_description_set_family(description, style.family)
    pango_font_description_set_absolute_size(description, style.size * Double(PANGO_SCALE))
    let weight: PangoWeight
    switch style.weight {
    case .regular: weight = PANGO_WEIGHT_NORMAL
    case .semibold: weight = PANGO_WEIGHT_SEMIBOLD
    case .bold: weight = PANGO_WEIGHT_BOLD
    }
    pango_font_description_set_weight(description, weight)
    pango_font_description_set_style(
      description, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
    descriptions[key] = description
    return description
  }

  /// A new layout for one text in one style; the caller unrefs it.
  /// - Parameter letterSpacing: extra space after each character, pt.
  func makeLayout(_ text: String, style: TextStyle, letterSpacing: Double = 0) -> OpaquePointer {
    guard let layout = pango_layout_new(context) else {
      fatalError("pango_layout_new returned NULL: out of memory")
    }
    pango_layout_set_font_description(layout, description(for: style))
    pango_layout_set_text(layout, text, -1)
    if style.tabularFigures || letterSpacing != 0 {
      let attributes = pango_attr_list_new()
      if style.tabularFigures {
        pango_attr_list_insert(attributes, pango_attr_font_features_new("tnum"))
      }
      if letterSpacing != 0 {
        pango_attr_list_insert(
          attributes, pango_attr_letter_spacing_new(Int32(letterSpacing * Double(PANGO_SCALE))))
      }
      pango_layout_set_attributes(layout, attributes)
      pango_attr_list_unref(attributes)
    }
    return layout
  }

  /// Whether a run is drawn from glyphs kept from measuring; if not, drawing shapes
  /// it (or ``PageShaper`` does, beforehand).
  func keepsGlyphs(of run: TextRun) -> Bool {
    run.letterSpacing == 0 && shapedLines[ShapeKey(run.text, run.style)] != nil
  }

  /// Draws a run as layout set it: on one line from its origin, its word spaces
  /// widened by its word spacing.
  ///
  /// The text is shaped item by item without a PangoLayout: a line already broken
  /// needs no paragraph analysis or line breaking, which cost as much as the shaping.
  /// Right-to-left text, tabs and letter-spaced leaders go through a layout of one
  /// line (never wrapped, never justified).
  func draw(_ run: TextRun, on context: CairoContext) {
    guard !run.text.isEmpty else { return }
    let cr = context.pointer
    let color = run.style.color
    cairo_set_source_rgb(cr, color.red, color.green, color.blue)
    if run.letterSpacing == 0, let shaped = shapedLines[ShapeKey(run.text, run.style)] {
      show(shaped, wordSpacing: run.wordSpacing, at: run.origin, on: cr)
      return
    }
    if run.letterSpacing == 0,
      showLine(run.text, style: run.style, wordSpacing: run.wordSpacing, at: run.origin, on: cr)
    {
      return
    }
    let layout = makeLayout(run.text, style: run.style, letterSpacing: run.letterSpacing)
    defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
    guard let line = pango_layout_get_line_readonly(layout, 0) else { return }
    cairo_move_to(cr, run.origin.x, run.origin.y)
    pango_cairo_show_layout_line(cr, line)
  }

  /// Draws glyphs kept from measuring, each run after the other from `origin`; the
  /// word spaces of a justified line widen on a copy.
  private func show(
    _ shaped: ShapedLine, wordSpacing: Double, at origin: Point, on cr: OpaquePointer
  ) {
    shaped.text.bytes.withUnsafeBufferPointer { buffer in
      guard let address = buffer.baseAddress else { return }
      let base = UnsafeRawPointer(address).assumingMemoryBound(to: CChar.self)
      var advance: Int32 = 0
      for run in shaped.runs {
        let item = wordSpacing == 0 ? run : (pango_glyph_item_copy(run) ?? run)
        defer { if item != run { pango_glyph_item_free(item) } }
        if wordSpacing != 0 {
          Self.widenSpaces(
            [item.pointee.glyphs], items: [item.pointee.item], text: buffer, by: wordSpacing)
        }
        Self.show(item, text: base, after: &advance, from: origin, on: cr)
      }
    }
  }

  /// Draws one run of glyphs `advance` (Pango units) right of `origin`, and moves
  /// `advance` past it: the runs of a line, one after the other.
  private static func show(
    _ run: UnsafeMutablePointer<PangoGlyphItem>, text: UnsafePointer<CChar>,
    after advance: inout Int32, from origin: Point, on cr: OpaquePointer
  ) {
    cairo_move_to(cr, origin.x + Double(advance) / Double(PANGO_SCALE), origin.y)
    pango_cairo_show_glyph_item(cr, text, run)
    advance += pango_glyph_string_get_width(run.pointee.glyphs)
  }

  /// A text shaped on one line without a PangoLayout: its items and their glyphs,
  /// as a layout would shape them (the same itemizing, attributes and shaping of
  /// each item in the paragraph's context), for the caller to free.
  private struct LineShape {
    var items: [UnsafeMutablePointer<PangoItem>]
    var glyphs: [UnsafeMutablePointer<PangoGlyphString>]
    let list: UnsafeMutablePointer<GList>?

    func free() {
      for glyphs in glyphs { pango_glyph_string_free(glyphs) }
      g_list_free_full(list) { pango_item_free($0?.assumingMemoryBound(to: PangoItem.self)) }
    }

    /// The x of the leading edge of the cluster at each offset of `offsets`
    /// (ascending byte offsets), pango units: what `pango_layout_line_index_to_x`
    /// gives on a line of these glyphs.
    func xs(at offsets: [Int]) -> [Int32] {
      var result: [Int32] = []
      result.reserveCapacity(offsets.count)
      var next = 0
      var x: Int32 = 0
      for (item, glyphs) in zip(items, glyphs) {
        let base = Int(item.pointee.offset)
        for index in 0..<Int(glyphs.pointee.num_glyphs) {
          let cluster = base + Int(glyphs.pointee.log_clusters[index])
          while next < offsets.count && offsets[next] <= cluster {
            result.append(x)
            next += 1
          }
          x += glyphs.pointee.glyphs[index].geometry.width
        }
      }
      while next < offsets.count {
        result.append(x)
        next += 1
      }
      return result
    }
  }

  /// `bytes` shaped on one line; `nil` (nothing to free) for what a layout must
  /// handle: right-to-left runs, line breaks, tabs, and soft hyphens unless
  /// `softHyphens` (a layout measures them as break points, drawing shapes them).
  private func shapeLine(
    _ bytes: UnsafeBufferPointer<UInt8>, style: TextStyle, softHyphens: Bool = false
  ) -> LineShape? {
    guard let address = bytes.baseAddress, !bytes.isEmpty,
      !bytes.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }),
      softHyphens || !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 0xC2 && $1 == 0xAD })
    else { return nil }
    let attributes = pango_attr_list_new()
    defer { pango_attr_list_unref(attributes) }
    pango_attr_list_insert(attributes, pango_attr_font_desc_new(description(for: style)))
    if style.tabularFigures {
      pango_attr_list_insert(attributes, pango_attr_font_features_new("tnum"))
    }
    let base = UnsafeRawPointer(address).assumingMemoryBound(to: CChar.self)
    let length = Int32(bytes.count)
    guard let list = pango_itemize(context, base, 0, length, attributes, nil) else { return nil }
    var items: [UnsafeMutablePointer<PangoItem>] = []
    var node: UnsafeMutablePointer<GList>? = list
    while let current = node {
      items.append(current.pointee.data.assumingMemoryBound(to: PangoItem.self))
      node = current.pointee.next
    }
    guard items.allSatisfy({ $0.pointee.analysis.level % 2 == 0 }) else {
      LineShape(items: [], glyphs: [], list: list).free()
      return nil
    }
    let glyphs = items.map { item -> UnsafeMutablePointer<PangoGlyphString> in
      guard let glyphs = pango_glyph_string_new() else {
        fatalError("pango_glyph_string_new returned NULL: out of memory")
      }
      pango_shape_with_flags(
        base + Int(item.pointee.offset), item.pointee.length, base, length,
        &item.pointee.analysis, glyphs, PANGO_SHAPE_NONE)
      return glyphs
    }
    return LineShape(items: items, glyphs: glyphs, list: list)
  }

  /// Draws a text on one line from `origin` (its baseline's left end).
  ///
  /// - Parameter wordSpacing: what each word space (U+0020) gains, pt; no-break
  ///   spaces keep their width, and letters are never spaced.
  /// - Returns: `false` (nothing drawn) for text a layout must handle: right-to-left
  ///   runs, line breaks or tabs.
  private func showLine(
    _ text: String, style: TextStyle, wordSpacing: Double, at origin: Point, on cr: OpaquePointer
  ) -> Bool {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer -> Bool in
      guard !buffer.isEmpty else { return true }  // nothing to draw
      guard let shaped = shapeLine(buffer, style: style, softHyphens: true) else { return false }
      defer { shaped.free() }
      draw(shaped, text: buffer, wordSpacing: wordSpacing, at: origin, on: cr)
      return true
    }
  }

  /// Draws shaped items one after the other from `origin`.
  private func draw(
    _ shaped: LineShape, text buffer: UnsafeBufferPointer<UInt8>, wordSpacing: Double,
    at origin: Point, on cr: OpaquePointer
  ) {
    guard let address = buffer.baseAddress else { return }
    let base = UnsafeRawPointer(address).assumingMemoryBound(to: CChar.self)
    if wordSpacing != 0 {
      Self.widenSpaces(shaped.glyphs, items: shaped.items, text: buffer, by: wordSpacing)
    }
    var advance: Int32 = 0
    for (item, glyphs) in zip(shaped.items, shaped.glyphs) {
      var glyphItem = PangoGlyphItem(
        item: item, glyphs: glyphs, y_offset: 0, start_x_offset: 0, end_x_offset: 0)
      Self.show(&glyphItem, text: base, after: &advance, from: origin, on: cr)
    }
  }

  /// Adds `spacing` (pt) to the width of the glyph of each word space (U+0020).
  private static func widenSpaces(
    _ shaped: [UnsafeMutablePointer<PangoGlyphString>], items: [UnsafeMutablePointer<PangoItem>],
    text: UnsafeBufferPointer<UInt8>, by spacing: Double
  ) {
    let extra = Int32((spacing * Double(PANGO_SCALE)).rounded())
    for (item, glyphs) in zip(items, shaped) {
      for index in 0..<Int(glyphs.pointee.num_glyphs) {
        let byte = Int(item.pointee.offset) + Int(glyphs.pointee.log_clusters[index])
        if byte < text.count, text[byte] == 0x20 {
          glyphs.pointee.glyphs[index].geometry.width += extra
        }
      }
    }
  }

  /// Breaks `text` at word boundaries (between characters for a word wider than the
  /// line) and returns each line with its width, trailing spaces removed.
  public func lines(of text: String, style: TextStyle, width: Double) -> [LineBox] {
    var neutral = style
    neutral.color = .black
    let key = LinesKey(text: text, style: neutral, width: width)
    if let cached = linesCache[key] { return cached }
    // A text already measured on one line that fits the width needs no new shaping:
    // table cells are measured for their natural width before they are broken.
    if width.isFinite,
      let natural = linesCache[LinesKey(text: text, style: neutral, width: .infinity)],
      natural.count == 1, natural[0].width <= width
    {
      linesCache[key] = natural
      return natural
    }
    let result = breakLines(text, style: style, width: width)
    if linesCache.count >= Self.linesCacheLimit { linesCache.removeAll(keepingCapacity: true) }
    linesCache[key] = result
    return result
  }

  /// The lines of a justified text, broken once for each text, style and width.
  public func justifiedLines(
    of text: String, style: TextStyle, width: Double, breaking: () -> [LineBox]?
  ) -> [LineBox]? {
    var neutral = style
    neutral.color = .black
    let key = LinesKey(text: text, style: neutral, width: width)
    if let cached = justifiedCache[key] { return cached }
    let lines = breaking()
    if justifiedCache.count >= Self.linesCacheLimit {
      justifiedCache.removeAll(keepingCapacity: true)
    }
    justifiedCache[key] = .some(lines)
    return lines
  }

  /// The natural width and widest word of a text from one shaping: the x of each
  /// word's ends on the shaped line (measuring each word alone shapes it again).
  ///
  /// A text on one line without soft hyphens is shaped without a PangoLayout (whose
  /// paragraph analysis costs as much as the shaping): the same items and glyphs,
  /// the same widths (``layoutExtent(of:style:)`` is the layout's answer, which tests
  /// compare).
  public func extent(of text: String, style: TextStyle) -> TextExtent {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return TextExtent(natural: 0, widestWord: 0) }
    let shaped = bytes.withUnsafeBufferPointer { buffer -> TextExtent? in
      guard let shape = shapeLine(buffer, style: style) else { return nil }
      defer { shape.free() }
      // The ends of each word (runs of bytes between spaces).
      var offsets: [Int] = []
      var inWord = false
      for (offset, byte) in buffer.enumerated() {
        let separator = byte == 0x20
        if separator == inWord {
          offsets.append(offset)
          inWord.toggle()
        }
      }
      if inWord { offsets.append(buffer.count) }
      let xs = shape.xs(at: offsets)
      var widest: Int32 = 0
      for word in stride(from: 0, to: xs.count - 1, by: 2) {
        widest = max(widest, xs[word + 1] - xs[word])
      }
      if bytes.last != 0x20, keepsMoreGlyphs,
        let kept = ShapedLine(text: LayoutText(bytes), shape: shape)
      {
        keep(kept, text: text, style: style)
      }
      let natural = xs.last ?? 0
      return TextExtent(
        natural: Double(natural) / Double(PANGO_SCALE),
        widestWord: Double(widest) / Double(PANGO_SCALE))
    }
    return shaped ?? layoutExtent(of: text, style: style)
  }

  /// ``extent(of:style:)`` as a PangoLayout of the text measures it.
  func layoutExtent(of text: String, style: TextStyle) -> TextExtent {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return TextExtent(natural: 0, widestWord: 0) }
    let layout = makeLayout(text, style: style)
    defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
    if pango_layout_get_line_count(layout) == 1, bytes.last != 0x20 {
      keepShape(
        LayoutText(bytes), line: 0, start: 0, end: bytes.count, style: style, layout: layout)
    }
    var natural = 0.0
    var widest = 0.0
    let count = pango_layout_get_line_count(layout)
    for index in 0..<count {
      guard let line = pango_layout_get_line_readonly(layout, index) else { continue }
      let start = Int(line.pointee.start_index)
      let end = min(bytes.count, start + Int(line.pointee.length))
      func x(_ offset: Int) -> Double {
        var x: Int32 = 0
        pango_layout_line_index_to_x(line, Int32(offset), 0, &x)
        return Double(x) / Double(PANGO_SCALE)
      }
      var wordStart: Int? = nil
      var lineEnd = start
      for offset in start...end {
        let separator = offset == end || bytes[offset] == 0x20 || bytes[offset] == 0x0A
        if separator {
          if let first = wordStart {
            widest = max(widest, x(offset) - x(first))
            lineEnd = offset
            wordStart = nil
          }
        } else if wordStart == nil {
          wordStart = offset
        }
      }
      natural = max(natural, x(lineEnd))
    }
    return TextExtent(natural: natural, widestWord: widest)
  }

  /// A line as Pango broke it: a byte range of the text and its width.
  private struct RawLine {
    var start: Int
    var end: Int
    var width: Double
    var endsParagraph: Bool
    /// Whether the line breaks at a soft hyphen (and so shows a hyphen).
    var hyphenated: Bool
  }

  private func breakLines(_ text: String, style: TextStyle, width: Double) -> [LineBox] {
    var bytes = Array(text.utf8)
    var raw = rawLines(bytes, style: style, width: width)
    // A third hyphenated line in a row: its last word loses its break points and
    // the paragraph is broken again, until no run is too long.
    for _ in 0..<64 {
      guard let line = tooManyHyphens(raw) else { break }
      bytes = Self.removingSoftHyphens(around: raw[line].end, in: bytes)
      raw = rawLines(bytes, style: style, width: width)
    }
    let lines = raw.map { line -> LineBox in
      var visible = Self.removingSoftHyphens(in: bytes[line.start..<line.end])
      guard line.hyphenated else {
        return LineBox(
          text: String(decoding: visible, as: UTF8.self), width: line.width,
          endsParagraph: line.endsParagraph)
      }
      visible.append(0x2D)  // "-": the hyphen Pango draws at a soft-hyphen break
      let text = String(decoding: visible, as: UTF8.self)
      return LineBox(text: text, width: self.width(of: text, style: style), endsParagraph: false)
    }
    return lines.isEmpty ? [LineBox(text: "", width: 0, endsParagraph: true)] : lines
  }

  private func rawLines(_ bytes: [UInt8], style: TextStyle, width: Double) -> [RawLine] {
    let layout = makeLayout(String(decoding: bytes, as: UTF8.self), style: style)
    defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
    let shared = LayoutText(bytes)
    if width.isFinite {
      pango_layout_set_width(layout, Int32(max(1, width * Double(PANGO_SCALE))))
      pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
    }
    let count = Int(pango_layout_get_line_count(layout))
    var result: [RawLine] = []
    result.reserveCapacity(count)
    for index in 0..<count {
      guard let line = pango_layout_get_line_readonly(layout, Int32(index)) else { continue }
      let start = Int(line.pointee.start_index)
      var end = min(bytes.count, start + Int(line.pointee.length))
      while end > start, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[end - 1]) { end -= 1 }
      var x: Int32 = 0
      pango_layout_line_index_to_x(line, Int32(end), 0, &x)
      let nextStartsParagraph: Bool
      if index + 1 < count, let next = pango_layout_get_line_readonly(layout, Int32(index + 1)) {
        nextStartsParagraph = next.pointee.is_paragraph_start != 0
      } else {
        nextStartsParagraph = true
      }
      let hyphenated =
        !nextStartsParagraph && end - start >= 2 && bytes[end - 2] == 0xC2 && bytes[end - 1] == 0xAD
      if !hyphenated {
        keepShape(shared, line: index, start: start, end: end, style: style, layout: layout)
      }
      result.append(
        RawLine(
          start: start, end: end, width: Double(x) / Double(PANGO_SCALE),
          endsParagraph: nextStartsParagraph, hyphenated: hyphenated))
    }
    return result
  }

  /// The first line that ends a run of more than two hyphenated lines.
  private func tooManyHyphens(_ lines: [RawLine]) -> Int? {
    var run = 0
    for (index, line) in lines.enumerated() {
      run = line.hyphenated ? run + 1 : 0
      if run > maximumHyphenatedLines { return index }
    }
    return nil
  }

  /// The text without the soft hyphens of the word that contains byte `offset`.
  static func removingSoftHyphens(around offset: Int, in bytes: [UInt8]) -> [UInt8] {
    var start = min(offset, bytes.count)
    while start > 0, bytes[start - 1] != 0x20, bytes[start - 1] != 0x0A { start -= 1 }
    var end = min(offset, bytes.count)
    while end < bytes.count, bytes[end] != 0x20, bytes[end] != 0x0A { end += 1 }
    return Array(bytes[..<start]) + removingSoftHyphens(in: bytes[start..<end])
      + Array(bytes[end...])
  }

  /// The bytes without U+00AD (UTF-8 `C2 AD`).
  static func removingSoftHyphens(in bytes: ArraySlice<UInt8>) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var index = bytes.startIndex
    while index < bytes.endIndex {
      if bytes[index] == 0xC2, index + 1 < bytes.endIndex, bytes[index + 1] == 0xAD {
        index += 2
        continue
      }
      result.append(bytes[index])
      index += 1
    }
    return result
  }

  /// The ascent and descent of the style's font (cached).
  public func metrics(of style: TextStyle) -> FontMetrics {
    var key = style
    key.color = .black
    key.leading = 1
    if let cached = metricsCache[key] { return cached }
    let metrics = pango_context_get_metrics(context, description(for: style), nil)
    defer { pango_font_metrics_unref(metrics) }
    let result = FontMetrics(
      ascent: Double(pango_font_metrics_get_ascent(metrics)) / Double(PANGO_SCALE),
      descent: Double(pango_font_metrics_get_descent(metrics)) / Double(PANGO_SCALE))
    metricsCache[key] = result
    return result
  }
}

extension LibraryVersions {
  /// The version of the Pango library loaded: "1.50.12".
  static var pango: String { String(cString: pango_version_string()) }
  /// The version of the HarfBuzz library Pango shapes with: "6.0.0".
  static var harfBuzz: String { String(cString: hb_version_string()) }
}

// MARK: - Glyphs shaped on another thread

extension PangoMeasurer {
  /// A run's glyphs shaped by another measurer (fonts of its own, on a thread of its
  /// own), kept as plain values: what this measurer draws the run from, with its own
  /// font for the style, without shaping it again.
  ///
  /// Only the style's own font is carried over: a run with a character that font
  /// lacks (another font chosen for it) is not preshaped.
  struct Preshaped: @unchecked Sendable {
    /// One item of the shaped line: its bytes in the run's text, and its glyphs as
    /// Pango gave them.
    struct Item {
      var offset: Int32
      var length: Int32
      var characters: Int32
      var glyphs: [PangoGlyphInfo]
      var clusters: [Int32]
    }
    var items: [Item]
  }

  /// The font the style's text is set in (not a fallback for a missing character),
  /// and its analysis as itemizing gives it: the same object for every run of the
  /// style, since Pango keeps one font per pattern.
  private func primary(of style: TextStyle) -> PangoAnalysis? {
    var key = style
    key.color = .black
    key.leading = 1
    if let cached = primaries[key] { return cached }
    let sample: [UInt8] = Array("a".utf8)
    let analysis = sample.withUnsafeBufferPointer { buffer -> PangoAnalysis? in
      guard let shape = shapeLine(buffer, style: style), shape.items.count == 1 else { return nil }
      defer { shape.free() }
      var analysis = shape.items[0].pointee.analysis
      analysis.extra_attrs = nil
      if let font = analysis.font { g_object_ref(UnsafeMutableRawPointer(font)) }  // kept
      return analysis
    }
    primaries[key] = .some(analysis)
    return analysis
  }

  /// `run` shaped as ``draw(_:on:)`` would shape it, for another measurer to draw
  /// (``draw(_:preshaped:on:)``); `nil` for what it must shape itself: letter
  /// spacing, text a layout must handle, a character the style's font lacks.
  func preshape(_ run: TextRun) -> Preshaped? {
    guard run.letterSpacing == 0, !run.text.isEmpty, let font = primary(of: run.style)?.font
    else { return nil }
    let bytes = Array(run.text.utf8)
    return bytes.withUnsafeBufferPointer { buffer -> Preshaped? in
      guard let shape = shapeLine(buffer, style: run.style, softHyphens: true) else { return nil }
      defer { shape.free() }
      var items: [Preshaped.Item] = []
      items.reserveCapacity(shape.items.count)
      for (item, glyphs) in zip(shape.items, shape.glyphs) {
        guard item.pointee.analysis.font == font else { return nil }
        let count = Int(glyphs.pointee.num_glyphs)
        items.append(
          Preshaped.Item(
            offset: item.pointee.offset, length: item.pointee.length,
            characters: item.pointee.num_chars,
            glyphs: Array(UnsafeBufferPointer(start: glyphs.pointee.glyphs, count: count)),
            clusters: Array(UnsafeBufferPointer(start: glyphs.pointee.log_clusters, count: count))))
      }
      return Preshaped(items: items)
    }
  }

  /// Draws `run` from glyphs another measurer shaped (``preshape(_:)``), set in this
  /// measurer's font for the style: the same glyphs, positions and text as
  /// ``draw(_:on:)`` would draw after shaping it.
  func draw(_ run: TextRun, preshaped: Preshaped, on context: CairoContext) {
    guard var analysis = primary(of: run.style), let font = analysis.font else {
      return draw(run, on: context)
    }
    let cr = context.pointer
    let color = run.style.color
    cairo_set_source_rgb(cr, color.red, color.green, color.blue)
    var items: [UnsafeMutablePointer<PangoItem>] = []
    var glyphs: [UnsafeMutablePointer<PangoGlyphString>] = []
    items.reserveCapacity(preshaped.items.count)
    glyphs.reserveCapacity(preshaped.items.count)
    for shaped in preshaped.items {
      guard let item = pango_item_new(), let string = pango_glyph_string_new() else {
        fatalError("pango_item_new returned NULL: out of memory")
      }
      g_object_ref(UnsafeMutableRawPointer(font))  // released by pango_item_free
      analysis.font = font
      item.pointee.analysis = analysis
      item.pointee.offset = shaped.offset
      item.pointee.length = shaped.length
      item.pointee.num_chars = shaped.characters
      let count = shaped.glyphs.count
      pango_glyph_string_set_size(string, Int32(count))
      shaped.glyphs.withUnsafeBufferPointer { source in
        if let from = source.baseAddress { string.pointee.glyphs.update(from: from, count: count) }
      }
      shaped.clusters.withUnsafeBufferPointer { source in
        if let from = source.baseAddress {
          string.pointee.log_clusters.update(from: from, count: count)
        }
      }
      items.append(item)
      glyphs.append(string)
    }
    let shape = LineShape(items: items, glyphs: glyphs, list: nil)
    defer {
      shape.free()
      for item in items { pango_item_free(item) }
    }
    let bytes = Array(run.text.utf8)
    bytes.withUnsafeBufferPointer { buffer in
      draw(shape, text: buffer, wordSpacing: run.wordSpacing, at: run.origin, on: cr)
    }
  }
}
