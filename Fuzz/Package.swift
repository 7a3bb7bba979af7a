// swift-tools-version: 6.2
// libFuzzer targets for the report tool, kept out of the main package because they are
// built with -sanitize=fuzzer (libFuzzer brings its own main). Run them with
// scripts/fuzz.sh.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder: the repository's clone folder,
/// whatever it is called ("main" here, something else in CI).
let report = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent()
  .lastPathComponent.lowercased()

let package = Package(
  name: "report-fuzz",
  dependencies: [.package(path: "..")],
  targets: [
    .target(name: "FuzzSupport"),
    .executableTarget(
      name: "FuzzYear",
      dependencies: ["FuzzSupport", .product(name: "ReportModel", package: report)]),
    .executableTarget(
      name: "FuzzBudgetCSV",
      dependencies: ["FuzzSupport", .product(name: "ReportModel", package: report)]),
    .executableTarget(
      name: "FuzzBudgetSheet",
      dependencies: ["FuzzSupport", .product(name: "ReportModel", package: report)]),
    .executableTarget(
      name: "FuzzFEC",
      dependencies: ["FuzzSupport", .product(name: "ReportModel", package: report)]),
    .executableTarget(
      name: "FuzzLayout",
      dependencies: ["FuzzSupport", .product(name: "ReportLayout", package: report)]),
    .executableTarget(
      name: "FuzzMarkdown",
      dependencies: [
        "FuzzSupport", .product(name: "ReportMarkdown", package: report),
        .product(name: "ReportModel", package: report),
      ]),
  ]
)
