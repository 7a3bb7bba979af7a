import ReportModel
import TestSupport

@testable import ReportCompose

/// What the compose tests start from: the shipped templates and a shipped year.
enum Shipped {
  /// `templates/`, as `report` reads it.
  static func templates() throws -> Templates {
    try Templates.load(directory: Repository.path("templates"))
  }

  /// `data/<number>/report.yaml`, loaded.
  static func year(_ number: Int) throws -> Year {
    try YearLoader().load(path: Repository.path("data/\(number)/report.yaml")).year
  }
}
