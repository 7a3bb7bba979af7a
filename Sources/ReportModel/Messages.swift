import CGettext
import Foundation

/// The messages a person reads, in their language, through GNU gettext.
///
/// Every message is written in English in the sources, inside a call to ``tr(_:_:)``;
/// `scripts/extract-messages.py` finds those calls and writes `po/report.pot`;
/// translators keep `po/fr.po`; `scripts/build-locales.sh` compiles it with `msgfmt` to
/// `.build/locale/fr/LC_MESSAGES/report.mo` (and `scripts/install.sh` to
/// `PREFIX/share/locale`). At run time ``start(environment:executable:)`` picks the
/// language from `LC_ALL`, `LC_MESSAGES` and `LANG`, as every Unix tool does.
public enum Messages {
  /// The gettext domain: the name of the catalogue files, `report.mo`.
  public static let domain = "report"

  /// Sets the process's locale from the environment and binds the catalogue folder.
  ///
  /// Numbers keep the C locale (`LC_NUMERIC`): the C libraries that write PDF operators
  /// must never write a decimal comma.
  /// - Returns: a notice (in English) when French is asked for but cannot be given,
  ///   for stderr; `nil` otherwise.
  public static func start(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    executable: String = CommandLine.arguments.first ?? ""
  ) -> String? {
    setlocale(LC_ALL, "")
    let set = setlocale(LC_MESSAGES, "") != nil
    setlocale(LC_NUMERIC, "C")
    let folder = catalogueFolder(environment: environment, executable: executable)
    if let folder {
      bindtextdomain(domain, folder)
      bind_textdomain_codeset(domain, "UTF-8")
    }
    let asked = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }
      .first { !$0.isEmpty }
    guard let asked, asked.lowercased().hasPrefix("fr") else { return nil }
    if !set {
      return
        "note: French messages are not available: the locale \(asked) is not installed"
        + " (on Debian: `localedef -i fr_FR -f UTF-8 fr_FR.UTF-8`, or scripts/setup.sh);"
        + " messages are in English"
    }
    if folder == nil {
      return
        "note: French messages are not available: no catalogue \(domain).mo was found"
        + " (run scripts/build-locales.sh); messages are in English"
    }
    return nil
  }

  /// The folder holding `fr/LC_MESSAGES/report.mo`: `REPORT_LOCALEDIR`, else
  /// `PREFIX/share/locale` beside an installed `PREFIX/bin/report`, else the
  /// `locale` folder of the build tree the binary was built in (`.build/locale`).
  static func catalogueFolder(environment: [String: String], executable: String) -> String? {
    if let given = environment["REPORT_LOCALEDIR"], !given.isEmpty { return given }
    var binary = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
    if let own = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      binary = URL(fileURLWithPath: own)
    }
    let folder = binary.deletingLastPathComponent()
    var candidates = [folder.deletingLastPathComponent().appendingPathComponent("share/locale")]
    var ancestor = folder
    for _ in 0..<3 {
      candidates.append(ancestor.appendingPathComponent("locale"))
      ancestor.deleteLastPathComponent()
    }
    return candidates.map(\.path).first {
      FileManager.default.fileExists(atPath: "\($0)/fr/LC_MESSAGES/\(domain).mo")
    }
  }

  /// The message in the user's language: the catalogue's translation of `english`,
  /// or `english` itself.
  public static func text(_ english: String) -> String {
    guard !english.isEmpty else { return english }
    return english.withCString { key in
      // gettext gives back its argument when the catalogue has no translation.
      guard let found = dgettext(domain, key), found != UnsafeMutablePointer(mutating: key) else {
        return english
      }
      return String(cString: found)
    }
  }

  /// Puts `arguments` in place of `%1`, `%2`… (any order, as a translation needs);
  /// any other `%` is left as it is.
  public static func fill(_ format: String, _ arguments: [String]) -> String {
    var result = ""
    var characters = format.makeIterator()
    var pending: Character?
    while let character = pending ?? characters.next() {
      pending = nil
      guard character == "%" else {
        result.append(character)
        continue
      }
      guard let next = characters.next() else {
        result.append(character)
        break
      }
      if let digit = next.wholeNumberValue, next.isASCII, digit >= 1, digit <= arguments.count {
        result += arguments[digit - 1]
      } else {
        result.append(character)
        pending = next
      }
    }
    return result
  }
}

/// A message for a person, in their language: `english` is the catalogue's key (the
/// `msgid`), `%1`, `%2`… stand for the arguments.
///
/// Write the English text as one string literal in the call, so that
/// `scripts/extract-messages.py` finds it: `tr("unknown status `%1`", text)`.
public func tr(_ english: String, _ arguments: any CustomStringConvertible...) -> String {
  Messages.fill(Messages.text(english), arguments.map(\.description))
}
