import ReportLayout

/// What can go wrong while turning pages into a PDF.
public enum RenderError: Error, Sendable, CustomStringConvertible {
  /// The fonts folder is missing or holds no font file.
  case noFonts(directory: String)
  /// The theme's family is not among the fonts found; something else would be used.
  case familyNotFound(requested: String, resolved: String, directory: String)
  /// The family lacks a character the documents need (U+202F, €…).
  case missingCharacter(family: String, character: String)
  /// The hyphenation dictionary cannot be loaded.
  case hyphenation(path: String)
  /// Cairo reported an error.
  case cairo(String)
  /// Pango or fontconfig reported an error.
  case fonts(String)
  /// qpdf could not read, change or write the PDF cairo made.
  case qpdf(QPDFError)
  /// The structure tree cairo wrote does not match what was drawn (a defect).
  case structure(String)
  /// The document cannot be made PDF/A-1b (transparency, an unreadable font program).
  case archival(String)
  /// The output could not be written.
  case output(path: String, reason: String)
  /// The colour profile a PDF/A file needs cannot be used.
  case colourProfile(path: String, reason: String)
  /// The pages drawn as layout made them could not be made (``PageStream``).
  case layout(LayoutError)
  /// A part of a file made of documents already laid out could not be had (its own
  /// error is reported apart): the part's own error, said whole (location, severity).
  case missingPart(String)

  /// A sentence for the user, with what to do.
  public var description: String {
    switch self {
    case .noFonts(let directory):
      return
        "\(directory): error: no font files (.otf, .ttf) found\n  hint: pass --fonts DIR, the folder with the theme's fonts"
    case .familyNotFound(let requested, let resolved, let directory):
      return
        "\(directory): error: the theme asks for the font family \"\(requested)\" but \"\(resolved)\" was found instead\n  hint: put the \(requested) font files in \(directory) or change font.family in theme.yaml"
    case .missingCharacter(let family, let character):
      return
        "error: the font family \"\(family)\" has no glyph for \(character), which French typography needs\n  hint: choose a family that has it (Inter and DejaVu do)"
    case .hyphenation(let path):
      return
        "\(path): error: cannot load the hyphenation dictionary\n  hint: install Debian's hyphen-fr package (scripts/setup.sh does) or change hyphenation.dictionary in theme.yaml"
    case .cairo(let message):
      return "error: cairo: \(message)"
    case .fonts(let message):
      return "error: fonts: \(message)"
    case .qpdf(let error):
      return error.description
    case .structure(let message):
      return
        "error: the PDF's structure tree does not match the pages drawn: \(message)\n  hint: this is a defect of the tool; please report it with the data that shows it"
    case .archival(let message):
      return "error: cannot write PDF/A-1b: \(message)"
    case .output(let path, let reason):
      return
        "\(path): error: cannot write the \(path.hasSuffix(".png") ? "image" : "PDF"): \(reason)"
    case .layout(let error):
      return "error: \(error.description)"
    case .missingPart(let said):
      return said
    case .colourProfile(let path, let reason):
      return
        "\(path): error: cannot read the sRGB colour profile that PDF/A needs: \(reason)\n  hint: install Debian's \(PDFArchival.profilePackage) package (apt-get install \(PDFArchival.profilePackage); scripts/setup.sh does)"
    }
  }
}
