// swift-tools-version: 6.2
// libFuzzer targets for the report tool, kept out of the main package because they are
// built with -sanitize=fuzzer (libFuzzer brings its own main). Run them with
// scripts/fuzz.sh.
import PackageDescription

let package = Package(
  name: "report-fuzz",
  dependencies: [.package(path: "..")],
  targets: [
    .target(name: "FuzzSupport"),
    .executableTarget(
      name: "FuzzYear",
      dependencies: ["FuzzSupport", .product(name: "ReportModel", package: "main")]),
    .executableTarget(
      name: "FuzzBudgetCSV",
      dependencies: ["FuzzSupport", .product(name: "ReportModel", package: "main")]),
    .executableTarget(
      name: "FuzzFEC",
      dependencies: ["FuzzSupport", .product(name: "ReportModel", package: "main")]),
    .executableTarget(
      name: "FuzzLayout",
      dependencies: ["FuzzSupport", .product(name: "ReportLayout", package: "main")]),
  ]
)
