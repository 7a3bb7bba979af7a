// swift-tools-version: 6.2
// The report tool: an association network's action plan and budget, typeset to PDF.
//
// Dependencies run one way: ReportModel → ReportCompose → ReportLayout ← ReportCharts;
// ReportRender → ReportLayout (and the C libraries); ReportApp ties Compose to Render
// (a document kind is one type there); ReportCLI holds the flags and the printing;
// ReportMarkdown → ReportModel (and cmark-gfm) reads Markdown sections and checks pictures,
// which ReportCompose turns into blocks and ReportRender draws (librsvg for SVG).
import PackageDescription

let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
  name: "report",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "report", targets: ["report"]),
    .library(name: "ReportModel", targets: ["ReportModel"]),
    .library(name: "ReportLayout", targets: ["ReportLayout"]),
    .library(name: "ReportMarkdown", targets: ["ReportMarkdown"]),
    .library(name: "ReportCompose", targets: ["ReportCompose"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    .target(
      name: "ReportModel",
      dependencies: [
        "CGettext", "Flate", .product(name: "Yams", package: "Yams"),
        .product(name: "CSV", package: "CSV.swift"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      swiftSettings: strict),
    // GNU gettext from glibc (libintl.h): the messages in the user's language.
    .systemLibrary(name: "CGettext"),
    .target(name: "ReportLayout", swiftSettings: strict),
    .target(name: "ReportCharts", dependencies: ["ReportLayout"], swiftSettings: strict),
    .target(
      name: "ReportCompose",
      dependencies: [
        "ReportModel", "ReportLayout", "ReportCharts", "ReportMarkdown",
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strict),
    .systemLibrary(
      name: "CCairoPango",
      pkgConfig: "pangocairo",
      providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "libfontconfig-dev", "libhyphen-dev"])]),
    .systemLibrary(
      name: "CRsvg", pkgConfig: "librsvg-2.0",
      providers: [.apt(["librsvg2-dev", "libgdk-pixbuf-2.0-dev"])]),
    // libqpdf is loaded when a PDF/A file is finished, not at every start (loader.c).
    .target(name: "CQPDFLoader", linkerSettings: [.linkedLibrary("dl")]),
    .systemLibrary(name: "CFlate", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CNettle", pkgConfig: "nettle", providers: [.apt(["nettle-dev"])]),
    .target(name: "Flate", dependencies: ["CFlate"], swiftSettings: strict),
    .systemLibrary(
      name: "CCmark", pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
    .target(
      name: "ReportMarkdown", dependencies: ["ReportModel", "CCmark"], swiftSettings: strict),
    .target(
      name: "ReportRender",
      dependencies: ["ReportLayout", "CCairoPango", "CQPDFLoader", "CRsvg", "Flate"],
      swiftSettings: strict),
    .target(
      name: "ReportApp",
      dependencies: [
        "ReportModel", "ReportLayout", "ReportCompose", "ReportRender", "ReportMail",
        "ReportMarkdown", .product(name: "Yams", package: "Yams"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ],
      swiftSettings: strict),
    .target(
      name: "ReportCLI",
      dependencies: [
        "ReportApp", "ReportModel", "ReportCompose", "ReportMail",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),
    .target(name: "ReportMail", dependencies: ["ReportModel", "CNettle"], swiftSettings: strict),
    .executableTarget(name: "report", dependencies: ["ReportCLI"], swiftSettings: strict),
    // Not a product: the send loop as a process of its own, for the tests that kill it.
    .executableTarget(
      name: "report-send-harness", dependencies: ["ReportMail"], swiftSettings: strict),
    .executableTarget(name: "fec-bench", dependencies: ["ReportModel"], swiftSettings: strict),
    .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
    .testTarget(
      name: "ModelTests",
      dependencies: [
        "ReportModel", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ], swiftSettings: strict),
    .testTarget(
      name: "LayoutTests", dependencies: ["ReportLayout", "TestSupport"], exclude: ["Snapshots"],
      swiftSettings: strict),
    .testTarget(
      name: "ChartsTests", dependencies: ["ReportCharts", "ReportLayout", "TestSupport"],
      exclude: ["Snapshots"], swiftSettings: strict),
    .testTarget(
      name: "ComposeTests",
      dependencies: [
        "ReportCompose", "ReportModel", "ReportLayout", "ReportMarkdown", "TestSupport",
      ],
      swiftSettings: strict),
    .testTarget(
      name: "RenderTests", dependencies: ["ReportRender", "ReportLayout", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "MarkdownTests", dependencies: ["ReportMarkdown", "ReportModel", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "MailTests", dependencies: ["ReportMail", "ReportModel", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "CLITests",
      dependencies: [
        "ReportCLI", "ReportApp", "ReportCompose", "ReportLayout", "ReportModel", "ReportRender",
        "ReportMail", "TestSupport",
      ],
      swiftSettings: strict),
  ]
)
