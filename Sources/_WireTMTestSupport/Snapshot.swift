import Foundation
import Testing

/// Compares text with a snapshot file in the test target's `Snapshots/` folder.
///
/// Set `RECORD_SNAPSHOTS=1` to write the current text as the new snapshot. A missing
/// snapshot fails the test (and is written, so the next run shows the diff in git).
public func assertSnapshot(
  _ text: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  let url = folder.appendingPathComponent(name)
  let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  guard !recording, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    if !recording {
      Issue.record("no snapshot \(name) yet: recorded it, run the test again", sourceLocation: sourceLocation)
    }
    return
  }
  if expected != text {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(expectedLines.count, actualLines.count)
    let expectedLine = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
    let actualLine = first < actualLines.count ? String(actualLines[first]) : "<end>"
    Issue.record(
      """
      snapshot \(name) differs at line \(first + 1) (RECORD_SNAPSHOTS=1 to re-record):
        expected: \(expectedLine)
        actual:   \(actualLine)
      """, sourceLocation: sourceLocation)
  }
}
