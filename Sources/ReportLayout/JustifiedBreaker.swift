/// Breaks a justified paragraph into lines the way TeX does ("total fit"): of all
/// the ways to break it, the one whose spaces stretch or shrink least overall.
///
/// A greedy breaker fills each line as far as it goes, and the slack of the last
/// word that did not fit is poured into the spaces: lines 40 % looser than the
/// font's space, side by side with tight ones. Here every line may also shrink its
/// spaces a little, breaks at soft hyphens cost a penalty, and more than two
/// hyphenated lines in a row are not allowed.
///
/// Widths are summed from words measured once each (kerning across a space is
/// ignored, which no font of the theme has); the lines chosen are then measured
/// whole.
struct JustifiedBreaker {
  let measurer: any TextMeasurer
  let style: TextStyle
  /// How much a space may grow, as a fraction of its width, before a line counts
  /// as very loose (it may grow more, at a high cost).
  var stretch = 0.5
  /// How much a space may shrink, as a fraction of its width (never more).
  var shrink = 0.2
  /// The cost of breaking at a hyphen, in TeX's demerits (its `\hyphenpenalty`).
  var hyphenPenalty = 50.0
  /// The extra demerits when the line before the last ends with a hyphen (TeX's
  /// `\finalhyphendemerits`); a hyphen inside the paragraph's last word is never
  /// taken at all.
  var finalHyphenDemerits = 5_000.0
  /// The shortest last line, as a fraction of the measure, that costs nothing (what
  /// TeX's `\parfillskip` is set to for): shorter, it costs as a loose line does,
  /// a third of the minimum as much as spaces stretched to twice their width.
  var minimumLastLine = 1.0 / 6

  /// A place where a line may end: after piece `piece` of word `word`.
  struct Candidate {
    var word: Int
    var piece: Int
    /// Whether the line then ends with a hyphen (the break is inside the word).
    var hyphen: Bool
  }

  /// The lines, or `nil` when a word is wider than the measure even with its
  /// spaces shrunk (the caller then breaks between characters).
  func lines(of text: String, width: Double) -> [LineBox]? {
    var result: [LineBox] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      guard let lines = breakParagraph(String(paragraph), width: width) else { return nil }
      result += lines
    }
    return result
  }

  private func breakParagraph(_ paragraph: String, width: Double) -> [LineBox]? {
    // A soft hyphen at either end of a word, or two in a row, is no break point.
    let words = paragraph.split(separator: " ").map {
      $0.split(separator: softHyphen).map(String.init)
    }.filter { !$0.isEmpty }
    guard !words.isEmpty else { return [LineBox(text: "", width: 0, endsParagraph: true)] }
    var candidates: [Candidate] = []
    for (word, pieces) in words.enumerated() {
      for piece in 0..<(pieces.count - 1) {
        candidates.append(Candidate(word: word, piece: piece, hyphen: true))
      }
      candidates.append(Candidate(word: word, piece: pieces.count - 1, hyphen: false))
    }
    var widths: [String: Double] = [:]
    func measure(_ text: String) -> Double {
      if let known = widths[text] { return known }
      let value = measurer.width(of: text, style: style)
      widths[text] = value
      return value
    }
    let space = max(0, measure("a a") - measure("aa"))
    // Each word measured whole, and at each of its break points the part before
    // (with its hyphen) and the part after: any line's width is then a sum.
    let whole = words.map { measure($0.joined()) }
    var sums = [0.0]  // sums[i]: the widths of words 0..<i
    for width in whole { sums.append(sums[sums.count - 1] + width) }
    let heads = words.map { pieces in
      (0..<max(0, pieces.count - 1)).map { measure(pieces[0...$0].joined() + "-") }
    }
    let tails = words.map { pieces in
      (0..<max(0, pieces.count - 1)).map { measure(pieces[($0 + 1)...].joined()) }
    }
    /// Where the line after candidate `start` begins: its first word and piece.
    func beginning(after start: Int) -> (word: Int, piece: Int) {
      guard start >= 0 else { return (0, 0) }
      let previous = candidates[start]
      return previous.hyphen ? (previous.word, previous.piece + 1) : (previous.word + 1, 0)
    }
    /// The natural width and spaces of the line after `start` through `end`.
    func measureLine(after start: Int, through end: Int) -> (width: Double, spaces: Int) {
      let first = beginning(after: start)
      let last = candidates[end]
      let spaces = last.word - first.word
      if spaces == 0 {
        // One word, or a piece of one.
        let pieces = words[first.word]
        guard first.piece > 0 || last.hyphen else { return (whole[first.word], 0) }
        if first.piece == 0 { return (heads[first.word][last.piece], 0) }
        var part = pieces[first.piece...last.piece].joined()
        if last.hyphen { part += "-" }
        return (measure(part), 0)
      }
      let head = first.piece == 0 ? whole[first.word] : tails[first.word][first.piece - 1]
      let tail = last.hyphen ? heads[last.word][last.piece] : whole[last.word]
      let middle = sums[last.word] - sums[first.word + 1]
      return (head + middle + tail + Double(spaces) * space, spaces)
    }
    /// The text of the line after `start` through `end`.
    func lineText(after start: Int, through end: Int) -> String {
      let first = beginning(after: start)
      let last = candidates[end]
      return (first.word...last.word).map { word in
        let from = word == first.word ? first.piece : 0
        let through = word == last.word ? last.piece : words[word].count - 1
        let part = words[word][from...through].joined()
        return word == last.word && last.hyphen ? part + "-" : part
      }.joined(separator: " ")
    }
    guard
      let ends = optimalEnds(
        candidates: candidates, width: width, space: space,
        measureLine: { measureLine(after: $0, through: $1) })
    else { return nil }
    var result: [LineBox] = []
    var start = -1
    for end in ends {
      let text = lineText(after: start, through: end)
      let line = LineBox(
        text: text, width: measurer.width(of: text, style: style),
        endsParagraph: end == candidates.count - 1)
      // Widths were summed word by word; measured whole, a line set at its natural
      // width (the last) must still fit, else the measurer breaks the paragraph.
      if line.endsParagraph && line.width > width + 0.01 { return nil }
      result.append(line)
      start = end
    }
    return result
  }

  /// The candidates where the lines end, first line first, for the least demerits
  /// overall; `nil` when some word cannot fit even with its spaces shrunk.
  ///
  /// `measureLine(start, end)` gives the natural width and the word spaces of the
  /// line after candidate `start` (-1: the paragraph's start) through `end`: the
  /// same search serves plain text and styled runs.
  func optimalEnds(
    candidates: [Candidate], width: Double, space: Double,
    measureLine: (Int, Int) -> (width: Double, spaces: Int)
  ) -> [Int]? {
    // best[k][h]: the least demerits of lines ending at candidate k - 1, the last h
    // of them hyphenated; index 0 stands for the paragraph's start.
    let runs = maximumHyphenatedLines + 1
    var best = [[Double]](
      repeating: [Double](repeating: .infinity, count: runs), count: candidates.count + 1)
    var previous = [[(start: Int, run: Int)?]](
      repeating: [(start: Int, run: Int)?](repeating: nil, count: runs),
      count: candidates.count + 1)
    best[0][0] = 0
    let lastWord = candidates[candidates.count - 1].word
    let firstOfLast = candidates.firstIndex { $0.word == lastWord } ?? 0
    let lastWordFits =
      measureLine(firstOfLast - 1, candidates.count - 1).width <= width + 0.001
    for start in 0..<candidates.count where best[start].contains(where: \.isFinite) {
      var end = start  // the candidate (0-based) where the line ends
      while end < candidates.count {
        let set = measureLine(start - 1, end)
        let room = width - set.width
        let isLast = end == candidates.count - 1
        // Too wide even shrunk (the last line, set at its natural width, cannot
        // shrink). A break at a hyphen may be wider than the whole word ("abc-"
        // against "abci"): the lines after it are tried; after a whole word, every
        // longer line is wider still.
        let shrinkable = isLast ? 0 : Double(set.spaces) * space * shrink
        if room < -shrinkable - 0.001 {
          if candidates[end].hyphen {
            end += 1
            continue
          }
          break
        }
        // The last word of the paragraph is never hyphenated ("redéploie-" / "ment."),
        // unless it is wider than the measure.
        if candidates[end].hyphen && candidates[end].word == lastWord, lastWordFits {
          end += 1
          continue
        }
        let badness: Double
        if room >= 0 {
          if isLast {
            // Set at its natural width; too short (and not the only line), it costs.
            let minimum = width * minimumLastLine
            let short = start > 0 && minimum > 0 ? max(0, minimum - set.width) / minimum : 0
            badness = min(10_000, 100 * pow3(3 * short))
          } else if set.spaces == 0 {
            badness = 10_000  // one word alone on a justified line
          } else {
            let ratio = room / (Double(set.spaces) * space * stretch)
            badness = min(10_000, 100 * ratio * ratio * ratio)
          }
        } else {
          let ratio = -room / (Double(set.spaces) * space * shrink)
          badness = min(10_000, 100 * ratio * ratio * ratio)
        }
        let hyphen = candidates[end].hyphen
        var demerits = (10 + badness) * (10 + badness)
        if hyphen { demerits += hyphenPenalty * hyphenPenalty }
        if isLast && start > 0 && candidates[start - 1].hyphen { demerits += finalHyphenDemerits }
        for run in 0..<runs where best[start][run].isFinite {
          let newRun = hyphen ? run + 1 : 0
          guard newRun < runs else { continue }
          let total = best[start][run] + demerits
          if total < best[end + 1][newRun] {
            best[end + 1][newRun] = total
            previous[end + 1][newRun] = (start, run)
          }
        }
        end += 1
      }
    }
    let finish = candidates.count
    guard let run = (0..<runs).min(by: { best[finish][$0] < best[finish][$1] }),
      best[finish][run].isFinite
    else { return nil }
    var ends: [Int] = []
    var state: (index: Int, run: Int) = (finish, run)
    while state.index > 0, let back = previous[state.index][state.run] {
      ends.append(state.index - 1)
      state = (back.start, back.run)
    }
    return ends.reversed()
  }

  private func pow3(_ value: Double) -> Double { value * value * value }
}
