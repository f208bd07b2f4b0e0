// swift-tools-version: 6.1
// wiretm: scraped multilingual wire copy -> clean text and a translation memory.
//
// Data flows one way: bytes -> Decode -> Repair -> Normalize -> Paragraphs -> Language
// -> Structure -> Sentences -> Alignment -> Memory. Each stage is its own module and lists
// only what it uses from its left, so a backwards import does not compile.
import PackageDescription

let package = Package(
  name: "wiretm",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "WireTM", targets: ["WireTM"]),
    .executable(name: "wiretm", targets: ["wiretm"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // System ICU: link flags only. CICU is the one includer of <unicode/*.h>.
    .systemLibrary(
      name: "ICUSystem", pkgConfig: "icu-i18n",
      providers: [.apt(["libicu-dev"]), .brew(["icu4c"])]),
    .target(name: "CICU", dependencies: ["ICUSystem"]),
    .target(name: "ICUKit", dependencies: ["CICU"]),

    // Pipeline stages, left to right.
    .target(name: "WireTMDecode", dependencies: ["ICUKit"]),
    .target(name: "WireTMRepair", dependencies: ["ICUKit"]),
    .target(name: "WireTMNormalize", dependencies: ["ICUKit"]),
    .target(name: "WireTMParagraphs"),
    .target(
      name: "WireTMLanguage", dependencies: ["ICUKit"],
      resources: [.copy("Resources/langid.model")]),
    .target(name: "WireTMStructure", dependencies: ["WireTMParagraphs", "WireTMLanguage"]),
    .target(name: "WireTMSentences", dependencies: ["ICUKit"]),
    .target(name: "WireTMAlignment"),
    .target(name: "WireTMMemory", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),

    // The umbrella: re-exports every stage and wires them into a page pipeline.
    .target(
      name: "WireTM",
      dependencies: [
        "WireTMDecode", "WireTMRepair", "WireTMNormalize", "WireTMParagraphs", "WireTMLanguage",
        "WireTMStructure", "WireTMSentences", "WireTMAlignment", "WireTMMemory",
      ]),
    .executableTarget(
      name: "wiretm",
      dependencies: ["WireTM", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      // Release builds link the Swift runtime and Foundation statically: start-up drops from
      // ~15 ms to ~8 ms (no shared objects to load and relocate), which batch scripts that
      // call `wiretm fix --lines` once per file pay on every call. The flag is needed at
      // compile time too, so that Foundation's static libraries are named for the linker.
      // Debug builds (and `swift test`) stay dynamic. The release binary is also linked at a
      // fixed address (-no-pie): a position-independent one spends ~1.5 ms of every start
      // applying 84,000 relocations; the cost is no address randomisation for the binary.
      swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
      linkerSettings: [
        .unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie"], .when(configuration: .release))
      ]),

    .target(name: "_WireTMTestSupport", dependencies: [], path: "Sources/_WireTMTestSupport"),

    .testTarget(name: "ICUKitTests", dependencies: ["ICUKit"]),
    .testTarget(
      name: "WireTMDecodeTests", dependencies: ["WireTMDecode", "_WireTMTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "WireTMRepairTests", dependencies: ["WireTMRepair", "_WireTMTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "WireTMNormalizeTests", dependencies: ["WireTMNormalize"]),
    .testTarget(name: "WireTMParagraphsTests", dependencies: ["WireTMParagraphs"]),
    .testTarget(
      name: "WireTMLanguageTests", dependencies: ["WireTMLanguage", "_WireTMTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "WireTMStructureTests", dependencies: ["WireTM", "_WireTMTestSupport"]),
    .testTarget(
      name: "WireTMSentencesTests", dependencies: ["WireTMSentences", "_WireTMTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "WireTMAlignmentTests", dependencies: ["WireTMAlignment", "_WireTMTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "WireTMMemoryTests", dependencies: ["WireTMMemory", "_WireTMTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "WireTMCLITests", dependencies: ["WireTMRepair", "_WireTMTestSupport"],
      resources: [.copy("Fixtures"), .copy("Snapshots")]),
    .testTarget(
      name: "WireTMRobustnessTests",
      dependencies: ["WireTM", "_WireTMTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
      resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v6]
)
