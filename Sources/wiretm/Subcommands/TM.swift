import ArgumentParser
import WireTM

struct TM: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "tm", abstract: "TODO")
  func run() throws {}
}
