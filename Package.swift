// swift-tools-version: 6.2
// The report tool: an association network's action plan and budget, typeset to PDF.
//
// Dependencies run one way: ReportModel → ReportCompose → ReportLayout ← ReportCharts;
// ReportRender → ReportLayout (and the C libraries); ReportCLI ties Compose to Render.
import PackageDescription

let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
  name: "report",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "report", targets: ["report"]),
    .library(name: "ReportModel", targets: ["ReportModel"]),
    .library(name: "ReportLayout", targets: ["ReportLayout"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    .target(
      name: "ReportModel",
      dependencies: [
        .product(name: "Yams", package: "Yams"), .product(name: "CSV", package: "CSV.swift"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      swiftSettings: strict),
    .target(name: "ReportLayout", swiftSettings: strict),
    .target(name: "ReportCharts", dependencies: ["ReportLayout"], swiftSettings: strict),
    .target(
      name: "ReportCompose",
      dependencies: [
        "ReportModel", "ReportLayout", "ReportCharts",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      swiftSettings: strict),
    .systemLibrary(
      name: "CCairoPango",
      pkgConfig: "pangocairo",
      providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "libfontconfig-dev", "libhyphen-dev"])]),
    .systemLibrary(name: "CQPDF", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),
    .target(
      name: "ReportRender", dependencies: ["ReportLayout", "CCairoPango", "CQPDF"],
      swiftSettings: strict),
    .target(
      name: "ReportCLI",
      dependencies: [
        "ReportModel", "ReportCompose", "ReportRender",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),
    .executableTarget(name: "report", dependencies: ["ReportCLI"], swiftSettings: strict),
    .executableTarget(name: "fec-bench", dependencies: ["ReportModel"], swiftSettings: strict),
    .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
    .testTarget(
      name: "ModelTests",
      dependencies: [
        "ReportModel", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ], swiftSettings: strict),
    .testTarget(name: "LayoutTests", dependencies: ["ReportLayout"], swiftSettings: strict),
    .testTarget(
      name: "ChartsTests", dependencies: ["ReportCharts", "ReportLayout"], swiftSettings: strict),
    .testTarget(
      name: "ComposeTests",
      dependencies: ["ReportCompose", "ReportModel", "ReportLayout", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "RenderTests", dependencies: ["ReportRender", "ReportLayout", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "CLITests", dependencies: ["ReportCLI", "ReportModel", "TestSupport"],
      swiftSettings: strict),
  ]
)
