/// How a run of a paragraph is set beside the paragraph's own style.
public struct Emphasis: OptionSet, Hashable, Sendable {
  /// The bits.
  public let rawValue: Int
  /// Creates emphasis from its bits.
  public init(rawValue: Int) { self.rawValue = rawValue }
  /// Bold.
  public static let bold = Emphasis(rawValue: 1)
  /// Italic (Inter's italic face).
  public static let italic = Emphasis(rawValue: 2)
  /// Code: the monospace family, never hyphenated.
  public static let code = Emphasis(rawValue: 4)
}

/// Where an inline link leads.
public enum LinkTarget: Hashable, Sendable {
  /// An address outside the document (`https://…`, `mailto:…`).
  case uri(String)
  /// A named destination of the document.
  case destination(String)
}

/// A run of a paragraph's text in one style: regular, bold, italic, code, or a link.
public struct InlineRun: Hashable, Sendable {
  /// The characters.
  public var text: String
  /// How it differs from the paragraph's style.
  public var emphasis: Emphasis
  /// Where a click on it leads, when anywhere.
  public var link: LinkTarget?

  /// Creates a run.
  public init(_ text: String, emphasis: Emphasis = [], link: LinkTarget? = nil) {
    self.text = text
    self.emphasis = emphasis
    self.link = link
  }

  /// Whether the run is the paragraph's style and no link.
  public var isPlain: Bool { emphasis.isEmpty && link == nil }
}

extension TextStyle {
  /// The style of a run with `emphasis`, code set in `codeFamily`.
  public func emphasized(_ emphasis: Emphasis, codeFamily: String) -> TextStyle {
    var style = self
    if emphasis.contains(.bold) { style.weight = .bold }
    if emphasis.contains(.italic) { style.italic = true }
    if emphasis.contains(.code) {
      style.family = codeFamily
      style.tabularFigures = false
    }
    return style
  }
}

/// Lines of styled runs: broken over their words (total fit for justified text, as
/// ``JustifiedBreaker`` does; greedy otherwise), each word piece measured in its own
/// style, and set as one text run per stretch of a style, at the x layout computed.
struct RichLineSetter {
  let measurer: any TextMeasurer
  /// The paragraph's style (its spaces, its line height).
  let style: TextStyle
  /// The runs' styles and links, by run index.
  let styles: [TextStyle]
  let links: [LinkTarget?]
  /// The runs set as code, each tagged as a `Code` element.
  var codeRuns: Set<Int> = []

  /// A piece of a word in one run's style; a soft hyphen may follow it.
  struct Fragment {
    var text: String
    var run: Int
    var width: Double
    /// Whether a line may break after it, showing a hyphen.
    var breakAfter: Bool
  }

  /// One word: its pieces between break points, each a list of fragments.
  typealias Word = [[Fragment]]

  /// The paragraphs (split at `\n`) of the runs, as words.
  func words(_ runs: [String]) -> [[Word]] {
    var cache: [String: Double] = [:]
    func measure(_ text: String, _ run: Int) -> Double {
      let key = "\(run)\u{0}\(text)"
      if let known = cache[key] { return known }
      let value = measurer.width(of: text, style: styles[run])
      cache[key] = value
      return value
    }
    var paragraphs: [[Word]] = [[]]
    var fragments: [Fragment] = []  // of the word being read
    func endWord() {
      guard !fragments.isEmpty else { return }
      var word: Word = [[]]
      for fragment in fragments {
        word[word.count - 1].append(fragment)
        if fragment.breakAfter { word.append([]) }
      }
      if word.last?.isEmpty == true { word.removeLast() }
      paragraphs[paragraphs.count - 1].append(word)
      fragments = []
    }
    for (index, text) in runs.enumerated() {
      var current = ""
      func endFragment(breakAfter: Bool) {
        if !current.isEmpty {
          fragments.append(
            Fragment(
              text: current, run: index, width: measure(current, index), breakAfter: breakAfter))
        } else if breakAfter, !fragments.isEmpty {
          fragments[fragments.count - 1].breakAfter = true
        }
        current = ""
      }
      for character in text {
        switch character {
        case " ":
          endFragment(breakAfter: false)
          endWord()
        case "\n":
          endFragment(breakAfter: false)
          endWord()
          paragraphs.append([])
        case softHyphen:
          endFragment(breakAfter: true)
        default:
          current.append(character)
        }
      }
      endFragment(breakAfter: false)
    }
    endWord()
    // A soft hyphen at a word's end is no break point.
    return paragraphs.map { words in
      words.map { word in
        var word = word
        if let last = word.indices.last, let end = word[last].indices.last {
          word[last][end].breakAfter = false
        }
        return word
      }
    }
  }

  /// The words, a word wider than `width` cut between characters into words that
  /// fit (at least one character each), as a plain paragraph's measurer does.
  func fitting(_ words: [Word], width: Double) -> [Word] {
    var result: [Word] = []
    for word in words {
      let fragments = word.flatMap { $0 }
      guard fragments.reduce(0, { $0 + $1.width }) > width + 0.001 else {
        result.append(word)
        continue
      }
      var current: [Fragment] = []
      var used = 0.0
      for fragment in fragments {
        var text = ""
        for character in fragment.text {
          let candidate = text + String(character)
          let candidateWidth = measurer.width(of: candidate, style: styles[fragment.run])
          if used + candidateWidth > width + 0.001, !(current.isEmpty && text.isEmpty) {
            if !text.isEmpty {
              current.append(
                Fragment(
                  text: text, run: fragment.run,
                  width: measurer.width(of: text, style: styles[fragment.run]), breakAfter: false))
            }
            result.append([current])
            current = []
            used = 0
            text = String(character)
          } else {
            text = candidate
          }
        }
        if !text.isEmpty {
          let piece = Fragment(
            text: text, run: fragment.run,
            width: measurer.width(of: text, style: styles[fragment.run]), breakAfter: false)
          current.append(piece)
          used += piece.width
        }
      }
      if !current.isEmpty { result.append([current]) }
    }
    return result
  }

  /// A line: from piece `first` of word `firstWord` to piece `last` of `lastWord`.
  struct Line {
    var firstWord: Int
    var firstPiece: Int
    var lastWord: Int
    var lastPiece: Int
    var hyphen: Bool
    var endsParagraph: Bool
  }

  /// The width of a hyphen in the style of run `run`.
  func hyphenWidth(_ run: Int) -> Double { measurer.width(of: "-", style: styles[run]) }

  /// The width of a word space in the style of run `run`.
  func runSpace(_ run: Int) -> Double {
    let style = styles[run]
    return max(0, measurer.width(of: "a a", style: style) - measurer.width(of: "aa", style: style))
  }

  /// The width of the space between words.
  var space: Double {
    max(0, measurer.width(of: "a a", style: style) - measurer.width(of: "aa", style: style))
  }

  /// The lines of one paragraph's words, `width` wide.
  func lines(_ words: [Word], width: Double, justify: Bool) -> [Line] {
    guard !words.isEmpty else { return [] }
    var candidates: [JustifiedBreaker.Candidate] = []
    for (word, pieces) in words.enumerated() {
      for piece in 0..<(pieces.count - 1) {
        candidates.append(.init(word: word, piece: piece, hyphen: true))
      }
      candidates.append(.init(word: word, piece: pieces.count - 1, hyphen: false))
    }
    let space = self.space
    func pieceWidth(_ word: Int, _ piece: Int) -> Double {
      words[word][piece].reduce(0) { $0 + $1.width }
    }
    func beginning(after start: Int) -> (word: Int, piece: Int) {
      guard start >= 0 else { return (0, 0) }
      let previous = candidates[start]
      return previous.hyphen ? (previous.word, previous.piece + 1) : (previous.word + 1, 0)
    }
    func measureLine(_ start: Int, _ end: Int) -> (width: Double, spaces: Int) {
      let first = beginning(after: start)
      let last = candidates[end]
      var total = 0.0
      for word in first.word...last.word {
        let from = word == first.word ? first.piece : 0
        let through = word == last.word ? last.piece : words[word].count - 1
        for piece in from...through { total += pieceWidth(word, piece) }
      }
      if last.hyphen, let fragment = words[last.word][last.piece].last {
        total += hyphenWidth(fragment.run)
      }
      let spaces = last.word - first.word
      return (total + Double(spaces) * space, spaces)
    }
    func line(_ start: Int, _ end: Int) -> Line {
      let first = beginning(after: start)
      let last = candidates[end]
      return Line(
        firstWord: first.word, firstPiece: first.piece, lastWord: last.word,
        lastPiece: last.piece, hyphen: last.hyphen, endsParagraph: end == candidates.count - 1)
    }
    var ends: [Int]
    if justify,
      let found = JustifiedBreaker(measurer: measurer, style: style).optimalEnds(
        candidates: candidates, width: width, space: space, measureLine: measureLine)
    {
      ends = found
    } else {
      // Greedy: each line takes what fits; a piece wider than the line is alone on
      // its own (layout then reports it too narrow, as it does for plain text).
      ends = []
      var start = -1
      while start < candidates.count - 1 {
        var end = start + 1
        var best = end
        while end < candidates.count, measureLine(start, end).width <= width + 0.001 {
          best = end
          end += 1
        }
        ends.append(best)
        start = best
      }
    }
    var result: [Line] = []
    var start = -1
    for end in ends {
      result.append(line(start, end))
      start = end
    }
    return result
  }

  /// One set line: its text runs and links, in a frame `lineHeight` tall.
  ///
  /// Each stretch of one run is one text run, placed at the x the words' widths
  /// give; a justified line's spaces all gain the same, inside and between stretches.
  func frame(
    _ line: Line, words: [Word], alignment: TextAlignment, width: Double, x: Double
  ) -> Frame {
    struct Stretch {
      var run: Int
      var text: String
      var width: Double
      /// Whether a word space separates it from the stretch before.
      var spaceBefore: Bool
      /// The word spaces inside it.
      var innerSpaces = 0
      var x = 0.0
      var spacesBefore = 0
    }
    let space = self.space
    var stretches: [Stretch] = []
    for word in line.firstWord...line.lastWord {
      let from = word == line.firstWord ? line.firstPiece : 0
      let through = word == line.lastWord ? line.lastPiece : words[word].count - 1
      var fragments = words[word][from...through].flatMap { $0 }
      if word == line.lastWord, line.hyphen, let last = fragments.indices.last {
        fragments[last].text += "-"
        fragments[last].width += hyphenWidth(fragments[last].run)
      }
      for (index, fragment) in fragments.enumerated() {
        let leadingSpace = index == 0 && word > line.firstWord
        if let last = stretches.indices.last, stretches[last].run == fragment.run {
          stretches[last].text += (leadingSpace ? " " : "") + fragment.text
          // Inside a stretch the space is drawn in the stretch's own face (a bold
          // space is not a regular one's width).
          stretches[last].width += (leadingSpace ? runSpace(fragment.run) : 0) + fragment.width
          if leadingSpace { stretches[last].innerSpaces += 1 }
        } else {
          stretches.append(
            Stretch(
              run: fragment.run, text: fragment.text, width: fragment.width,
              spaceBefore: leadingSpace))
        }
      }
    }
    var natural = 0.0
    var spaces = 0
    for index in stretches.indices {
      if stretches[index].spaceBefore {
        natural += space
        spaces += 1
      }
      stretches[index].x = natural
      stretches[index].spacesBefore = spaces
      natural += stretches[index].width
      spaces += stretches[index].innerSpaces
    }
    var offset = x
    var wordSpacing = 0.0
    switch alignment {
    case .left: break
    case .right: offset += width - natural
    case .center: offset += (width - natural) / 2
    case .justify:
      if !line.endsParagraph && spaces > 0 { wordSpacing = (width - natural) / Double(spaces) }
    }
    let lineHeight = style.lineHeight
    let baseline = measurer.metrics(of: style).baseline(inLineOf: lineHeight)
    var frame = Frame(size: Size(width: x + width, height: lineHeight))
    for stretch in stretches {
      let start = offset + stretch.x + Double(stretch.spacesBefore) * wordSpacing
      let run = TextRun(
        text: stretch.text, style: styles[stretch.run], origin: Point(x: start, y: baseline),
        width: stretch.width + Double(stretch.innerSpaces) * wordSpacing,
        wordSpacing: stretch.innerSpaces > 0 ? wordSpacing : 0)
      var items: [FrameItem] = [.text(run)]
      if codeRuns.contains(stretch.run) {
        items = [.beginStructure(.code)] + items + [.endStructure(.code)]
      }
      if let link = links[stretch.run] { items = [.beginLink(link)] + items + [.endLink] }
      frame.items += items
    }
    return frame
  }
}
