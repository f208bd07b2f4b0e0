import ArgumentParser
import WireTM

struct Build: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "build", abstract: "TODO")
  func run() throws {}
}
