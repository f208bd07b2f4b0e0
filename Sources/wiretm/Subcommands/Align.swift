import ArgumentParser
import WireTM

struct Align: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "align", abstract: "TODO")
  func run() throws {}
}
