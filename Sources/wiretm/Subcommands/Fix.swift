import ArgumentParser
import WireTM

struct Fix: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "fix", abstract: "TODO")
  func run() throws {}
}
