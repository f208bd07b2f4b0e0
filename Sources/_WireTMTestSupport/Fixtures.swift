import Foundation

/// The repository's root folder, found from this source file's path, so tests can read
/// `seeds/` and `Fixtures/` without depending on the working directory.
public let repositoryRoot: URL = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url
}()

/// The path of the built `wiretm` binary next to the test bundle.
public var wiretmBinary: URL {
  let products = Bundle.main.bundleURL.deletingLastPathComponent()
  let beside = products.appendingPathComponent("wiretm")
  if FileManager.default.fileExists(atPath: beside.path) { return beside }
  for bundle in Bundle.allBundles {
    let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("wiretm")
    if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
  }
  return beside
}
