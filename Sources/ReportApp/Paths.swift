/// Where the inputs and outputs of a run are.
public struct Paths: Sendable {
  /// The data folder, holding `<year>/report.yaml`.
  public var data: String
  /// The templates folder (`words.yaml`, `theme.yaml`).
  public var templates: String
  /// The fonts folder.
  public var fonts: String
  /// The output folder; the PDF goes to `<output>/<year>/`.
  public var output: String

  /// Creates paths.
  public init(data: String, templates: String, fonts: String, output: String) {
    self.data = data
    self.templates = templates
    self.fonts = fonts
    self.output = output
  }

  /// The year file of a year.
  public func yearFile(_ year: Int) -> String { "\(data)/\(year)/report.yaml" }
  /// The folder of a year: `report.yaml`, the budget spreadsheet, `fec/`.
  public func yearFolder(_ year: Int) -> String { "\(data)/\(year)" }
  /// The folder of a year's accounting exports.
  public func fecFolder(_ year: Int) -> String { "\(data)/\(year)/fec" }
  /// The members convened to a year's assembly.
  public func membersFile(_ year: Int) -> String { "\(data)/\(year)/members.csv" }
  /// The folder of a year's convocations (`<output>/<year>/convocations`).
  public func convocationsFolder(_ year: Int) -> String { "\(output)/\(year)/convocations" }
  /// The outbox of a year's convocation e-mails.
  public func outboxFolder(_ year: Int) -> String { convocationsFolder(year) + "/outbox" }
  /// The folder a year's documents go to.
  public func outputFolder(_ year: Int) -> String { "\(output)/\(year)" }
}
