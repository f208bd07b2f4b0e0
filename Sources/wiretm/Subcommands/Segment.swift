import ArgumentParser
import WireTM

struct Segment: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "segment", abstract: "TODO")
  func run() throws {}
}
