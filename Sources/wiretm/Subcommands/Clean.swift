import ArgumentParser
import WireTM

struct Clean: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "clean", abstract: "TODO")
  func run() throws {}
}
