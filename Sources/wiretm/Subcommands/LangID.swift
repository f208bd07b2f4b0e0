import ArgumentParser
import WireTM

struct LangID: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "langid", abstract: "TODO")
  func run() throws {}
}
