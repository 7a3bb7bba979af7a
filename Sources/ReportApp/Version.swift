import ReportRender

/// The version of the tool: one constant, printed by `report --version` and in the
/// man page.
public enum ReportVersion {
  /// The version number: "1.0.0".
  public static let number = "1.0.0"

  /// What `report --version` prints: the tool's version, then the version of each C
  /// library it runs with, as the loaded library reports it.
  public static var full: String {
    (["report \(number)"] + LibraryVersions.all.map { "\($0.name) \($0.version)" })
      .joined(separator: "\n")
  }

  /// What the command line's configuration holds as its version: ``full`` when
  /// `arguments` ask for it, else the number alone, which is never printed (the
  /// configuration is made at every start, and asking qpdf its version loads it).
  public static func shown(for arguments: [String]) -> String {
    arguments.contains("--version") ? full : "report \(number)"
  }
}
