// The placeholders each text of `words.yaml` takes (see ``Template``).

/// `{day}`, `{month}`, `{year}`: a long date.
public enum DateParts: PlaceholderNames {
  /// The names.
  public static let names = ["day", "month", "year"]
}

/// `{year}`.
public enum YearName: PlaceholderNames {
  /// The names.
  public static let names = ["year"]
}

/// `{year}`, `{month}` (two digits).
public enum YearMonthNames: PlaceholderNames {
  /// The names.
  public static let names = ["year", "month"]
}

/// `{date}`.
public enum DateName: PlaceholderNames {
  /// The names.
  public static let names = ["date"]
}

/// `{year}`, `{date}`.
public enum YearDateNames: PlaceholderNames {
  /// The names.
  public static let names = ["year", "date"]
}

/// `{organisation}`, `{title}`: the footer's left part.
public enum FooterNames: PlaceholderNames {
  /// The names.
  public static let names = ["organisation", "title"]
}

/// `{page}`, `{pages}`: the footer's page numbers.
public enum PageNumberNames: PlaceholderNames {
  /// The names.
  public static let names = ["page", "pages"]
}

/// `{title}`, `{entries}`: a chart put in words.
public enum FigureNames: PlaceholderNames {
  /// The names.
  public static let names = ["title", "entries"]
}

/// `{label}`, `{value}`: one entry of a chart.
public enum FigureEntryNames: PlaceholderNames {
  /// The names.
  public static let names = ["label", "value"]
}

/// `{heading}`: the heading a continued table repeats.
public enum HeadingName: PlaceholderNames {
  /// The names.
  public static let names = ["heading"]
}

/// The assembly: `{kind}`, `{date}`, `{place}`, `{year}`, `{organisation}`, `{title}`.
public enum AssemblyNames: PlaceholderNames {
  /// The names.
  public static let names = ["kind", "date", "place", "year", "organisation", "title"]
}

/// `{actions}`, `{axes}`, `{total}`: the plan's opening sentence.
public enum PlanLeadNames: PlaceholderNames {
  /// The names.
  public static let names = ["actions", "axes", "total"]
}

/// `{number}`, `{title}`: an axis, a resolution.
public enum NumberTitleNames: PlaceholderNames {
  /// The names.
  public static let names = ["number", "title"]
}

/// `{number}`.
public enum NumberName: PlaceholderNames {
  /// The names.
  public static let names = ["number"]
}

/// `{page:NAME}`: the page of a section of the pack.
public enum PackPageNames: PlaceholderNames {
  /// The names.
  public static let names = ["page"]
  /// The sections a text may point to.
  public static let arguments = ["page": PackAnchor.sections.map(\.name)]
}

/// `{accounts}`: account numbers, separated by commas.
public enum AccountsName: PlaceholderNames {
  /// The names.
  public static let names = ["accounts"]
}

/// `{total}`.
public enum TotalName: PlaceholderNames {
  /// The names.
  public static let names = ["total"]
}

/// `{charges}`, `{products}`, `{difference}`: an unbalanced budget.
public enum UnbalancedNames: PlaceholderNames {
  /// The names.
  public static let names = ["charges", "products", "difference"]
}

/// `{side}`, `{total}`, `{target}`, `{difference}`: a side off the voted total.
public enum OffTargetNames: PlaceholderNames {
  /// The names.
  public static let names = ["side", "total", "target", "difference"]
}

/// `{amount}`, `{percent}`.
public enum AmountPercentNames: PlaceholderNames {
  /// The names.
  public static let names = ["amount", "percent"]
}

/// `{year}`, `{date}`, `{file}`, `{entries}`, `{lines}`: the export's opening sentence.
public enum ExportLeadNames: PlaceholderNames {
  /// The names.
  public static let names = ["year", "date", "file", "entries", "lines"]
}

/// `{months}`, `{year_months}`, `{percent}`: the prorata note.
public enum ProrataNames: PlaceholderNames {
  /// The names.
  public static let names = ["months", "year_months", "percent"]
}

/// `{date}`, `{fiscal_year}`: the title of an export of a fiscal year across two years.
public enum DateFiscalYearNames: PlaceholderNames {
  /// The names.
  public static let names = ["date", "fiscal_year"]
}

/// `{count}`, `{date}`: why a FEC was chosen among the folder's files.
public enum CountDateNames: PlaceholderNames {
  /// The names.
  public static let names = ["count", "date"]
}

/// `{months}`, `{start}`, `{end}`: a fiscal year that is not twelve months long.
public enum FiscalYearSpanNames: PlaceholderNames {
  /// The names.
  public static let names = ["months", "start", "end"]
}

/// `{last}`, `{date}`: an export after the FEC's last entry.
public enum StaleNames: PlaceholderNames {
  /// The names.
  public static let names = ["last", "date"]
}

/// `{paid}`, `{share}`, `{planned}`: what the regions received.
public enum RegionalPaidNames: PlaceholderNames {
  /// The names.
  public static let names = ["paid", "share", "planned"]
}
