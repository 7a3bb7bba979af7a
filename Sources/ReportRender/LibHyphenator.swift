import CCairoPango
import Foundation
import ReportLayout

/// Hyphenation points from a libhyphen dictionary (the LibreOffice patterns Debian
/// ships in `hyphen-fr`: `/usr/share/hyphen/hyph_fr.dic`).
///
/// Words in capitals (acronyms, proper nouns written in capitals), words with
/// figures and words shorter than `leftMinimum + rightMinimum` are never broken.
public final class LibHyphenator: Hyphenator {
  private let dictionary: UnsafeMutablePointer<HyphenDict>
  /// Letters kept before a break (2 in French typography).
  public let leftMinimum: Int
  /// Letters kept after a break (3 in French typography).
  public let rightMinimum: Int
  private var cache: [String: String] = [:]

  /// Loads a dictionary.
  /// - Throws: ``RenderError/hyphenation(path:)`` when the file cannot be loaded.
  public init(dictionary path: String, leftMinimum: Int = 2, rightMinimum: Int = 3)
    throws(RenderError)
  {
    guard FileManager.default.isReadableFile(atPath: path), let dictionary = hnj_hyphen_load(path)
    else { throw .hyphenation(path: path) }
    self.dictionary = dictionary
    self.leftMinimum = max(1, leftMinimum)
    self.rightMinimum = max(1, rightMinimum)
  }

  deinit { hnj_hyphen_free(dictionary) }

  /// The text with soft hyphens at every allowed break inside its words.
  public func hyphenate(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
    var word = ""
    for character in text {
      if character.isLetter {
        word.append(character)
      } else {
        output += hyphenated(word)
        word = ""
        output.append(character)
      }
    }
    return output + hyphenated(word)
  }

  /// One word with its soft hyphens (cached: running text repeats its words).
  func hyphenated(_ word: String) -> String {
    let letters = Array(word)
    guard letters.count >= leftMinimum + rightMinimum,
      !letters.allSatisfy({ $0.isUppercase })
    else { return word }
    if let cached = cache[word] { return cached }
    let lowered = word.lowercased()
    let bytes = Array(lowered.utf8)
    // libhyphen's result is indexed by character, not by byte (checked on this
    // Debian): one flag per character, odd when a break is allowed after it.
    var hyphens = [CChar](repeating: 0, count: bytes.count + 5)
    var replacements: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    var positions: UnsafeMutablePointer<Int32>?
    var cuts: UnsafeMutablePointer<Int32>?
    let status = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        hnj_hyphen_hyphenate2(
          dictionary, chars.baseAddress, Int32(bytes.count), &hyphens, nil, &replacements,
          &positions, &cuts)
      }
    }
    Self.free(replacements, count: bytes.count)
    Foundation.free(positions)
    Foundation.free(cuts)
    guard status == 0, lowered.count == letters.count else { return word }
    var result = ""
    for (index, letter) in letters.enumerated() {
      result.append(letter)
      let before = index + 1
      if hyphens[index] & 1 == 1, before >= leftMinimum, letters.count - before >= rightMinimum {
        result.append(softHyphen)
      }
    }
    cache[word] = result
    return result
  }

  private static func free(
    _ replacements: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, count: Int
  ) {
    guard let replacements else { return }
    for index in 0..<count { Foundation.free(replacements[index]) }
    Foundation.free(replacements)
  }
}
