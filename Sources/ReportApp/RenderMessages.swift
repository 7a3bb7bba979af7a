import ReportModel
import ReportRender

extension RenderError {
  /// The error as printed, in the user's language (``description`` is the renderer's
  /// English).
  var said: String {
    switch self {
    case .layout(let error):
      let said = error.said
      return RunError.said(at: nil, said.message, hint: said.hint)
    case .noFonts(let directory):
      return RunError.said(
        at: SourceLocation(file: directory), tr("no font files (.otf, .ttf) found"),
        hint: tr("pass --fonts DIR, the folder with the theme's fonts"))
    case .familyNotFound(let requested, let resolved, let directory):
      return RunError.said(
        at: SourceLocation(file: directory),
        tr(
          "the theme asks for the font family \"%1\" but \"%2\" was found instead", requested,
          resolved),
        hint: tr(
          "put the %1 font files in %2 or change font.family in theme.yaml", requested, directory))
    case .missingCharacter(let family, let character):
      return RunError.said(
        at: nil,
        tr(
          "the font family \"%1\" has no glyph for %2, which French typography needs", family,
          character),
        hint: tr("choose a family that has it (Inter and DejaVu do)"))
    case .hyphenation(let path):
      return RunError.said(
        at: SourceLocation(file: path), tr("cannot load the hyphenation dictionary"),
        hint: tr(
          "install Debian's hyphen-fr package (scripts/setup.sh does) or change hyphenation.dictionary in theme.yaml"
        ))
    case .fonts(let message):
      return RunError.said(at: nil, tr("fonts: %1", message))
    case .structure(let message):
      return RunError.said(
        at: nil, tr("the PDF's structure tree does not match the pages drawn: %1", message),
        hint: tr("this is a defect of the tool; please report it with the data that shows it"))
    case .archival(let message):
      return RunError.said(at: nil, tr("cannot write PDF/A-1b: %1", message))
    case .output(let path, let reason):
      return RunError.said(
        at: SourceLocation(file: path),
        path.hasSuffix(".png")
          ? tr("cannot write the image: %1", reason) : tr("cannot write the PDF: %1", reason))
    case .colourProfile(let path, let reason):
      let package = PDFArchival.profilePackage
      return RunError.said(
        at: SourceLocation(file: path),
        tr("cannot read the sRGB colour profile that PDF/A needs: %1", reason),
        hint: tr(
          "install Debian's %1 package (apt-get install %1; scripts/setup.sh does)", package))
    case .missingPart(let said):
      return said
    case .cairo, .qpdf:
      return description
    }
  }
}
