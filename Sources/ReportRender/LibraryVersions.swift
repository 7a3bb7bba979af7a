/// The versions of the C libraries this process runs with, as they report them at
/// run time (not the headers it was built with): for `report --version` and bug reports.
public enum LibraryVersions {
  /// Each library's name and version, in the order `--version` prints them.
  public static var all: [(name: String, version: String)] {
    [("cairo", cairo), ("Pango", pango), ("HarfBuzz", harfBuzz), ("qpdf", qpdf)]
  }
}
