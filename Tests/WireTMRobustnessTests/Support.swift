import Foundation
import Testing

/// A fixture of this test target (`Tests/WireTMRobustnessTests/Fixtures`).
func fixtureURL(_ name: String) throws -> URL {
  let dot = name.lastIndex(of: ".")!
  let url = Bundle.module.url(
    forResource: String(name[..<dot]), withExtension: String(name[name.index(after: dot)...]),
    subdirectory: "Fixtures")
  return try #require(url, "missing fixture \(name)")
}

/// Scalars XML 1.0 forbids in a document (§2.2 Char): C0 controls but tab, LF, CR; surrogates
/// (never in a Swift String); U+FFFE and U+FFFF.
func isForbiddenInXML(_ scalar: Unicode.Scalar) -> Bool {
  let value = scalar.value
  if value < 0x20 { return value != 0x09 && value != 0x0A && value != 0x0D }
  return value == 0xFFFE || value == 0xFFFF
}

/// Runs xmllint --noout on a file when it is installed; nil when it is not.
func xmllintAccepts(_ url: URL) throws -> Bool? {
  let tool = "/usr/bin/xmllint"
  guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: tool)
  process.arguments = ["--noout", "--nonet", url.path]
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  return process.terminationStatus == 0
}
