import ReportLayout
import ReportModel

extension LayoutError {
  /// What went wrong and how to fix it, in the user's language (``description`` is
  /// the layout engine's English).
  var said: (message: String, hint: String) {
    switch self {
    case .contentsDidNotSettle(let passes):
      return (
        tr(
          "the table of contents' page numbers did not settle after %1 layout passes", passes),
        tr("this is a defect of the tool; please report it with the data that shows it")
      )
    case .pagesChanged(let counted, let made):
      return (
        tr("layout counted %1 pages, then made %2", counted, made),
        tr("this is a defect of the tool; please report it with the data that shows it")
      )
    case .outsidePrintableBox(let page, let items):
      return (
        tr(
          "page %1: %2 items would be drawn outside the printable box, first %3", page,
          items.count, items.first ?? ""),
        tr("this is a defect of the tool; please report it with the data that shows it")
      )
    case .tableTooWide(let columns, let needed, let available):
      return (
        tr(
          "a table of %1 columns needs %2 pt and the page has %3 pt", columns,
          Int(needed.rounded()), Int(available.rounded())),
        tr("use fewer columns, a smaller table text size or narrower margins in theme.yaml")
      )
    case .tooNarrow(let width, let text):
      return (
        tr(
          "\"%1\" does not fit a measure of %2 pt, not even one character a line",
          String(text.prefix(30)), Int(width.rounded())),
        tr("check the page size, margins and paddings in theme.yaml")
      )
    case .footerDoesNotFit(let reason):
      return (
        tr("the page footer does not fit: %1", Self.footerReason(reason)),
        tr("check the page size, margins and footer_offset in theme.yaml")
      )
    case .tooTall(let page, let height, let available):
      return (
        tr(
          "page %1: a block %2 pt tall cannot be cut and the page has room for %3 pt", page,
          Int(height.rounded()), Int(available.rounded())),
        tr("shorten the text or the list it comes from")
      )
    }
  }

  /// The layout engine's reason for a footer that does not fit, in the user's language.
  static func footerReason(_ reason: String) -> String {
    if let match = reason.wholeMatch(
      of: #/its baseline is (-?\d+) pt below the text area, past the page's edge/#)
    {
      return tr(
        "its baseline is %1 pt below the text area, past the page's edge", String(match.1))
    }
    if reason.hasPrefix("\""), reason.hasSuffix("\" is wider than the text area") {
      let text = reason.dropFirst().dropLast("\" is wider than the text area".count)
      return tr("\"%1\" is wider than the text area", String(text))
    }
    return reason
  }
}
