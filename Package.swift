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
      // Release builds on Linux are fully static executables: the Swift runtime, Foundation,
      // ICU, SQLite, libstdc++ and glibc are linked in, so no shared object is loaded or
      // relocated at start. Start-up CPU time drops from ~3.8 ms (runtime and Foundation
      // static, ICU, SQLite and libstdc++ shared) to ~1 ms, which batch scripts that call
      // `wiretm fix --lines` once per file pay on every call (~15 ms when everything was
      // shared). The flag is needed at compile time too, so that the static libraries are
      // named for the linker; the linker warns that glibc's user-database and dlopen calls
      // (Foundation's home-directory look-up, ICU's plug-in loader; not used by wiretm) need
      // glibc's shared modules at run time. Elsewhere (macOS) release builds link the runtime statically
      // only. Debug builds (and `swift test`) stay dynamic.
      swiftSettings: [
        .unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release)),
        .unsafeFlags(["-static-stdlib"], .when(platforms: [.macOS], configuration: .release)),
      ],
      linkerSettings: [
        .unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release)),
        .unsafeFlags(["-static-stdlib"], .when(platforms: [.macOS], configuration: .release)),
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
