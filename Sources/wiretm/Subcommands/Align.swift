import ArgumentParser
import Foundation
import WireTM

struct Align: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "align",
    abstract: "Align the sentences of a text with those of its translation.",
    discussion: """
      SRC and TGT hold one sentence per line (- reads standard input for one of them).
      Prints one bead per line, 0-based, in document order, every sentence covered once:

        [0]:[0]          one-to-one
        [1, 2]:[1]       two source sentences <-> one target sentence
        [3]:[]           source sentence 3 has no counterpart (omission)
        []:[4]           target sentence 4 has no counterpart (addition)

      With --scores each bead ends in ":confidence" (0...1).

      Examples:
        wiretm align release.en release.de --src-lang en --tgt-lang de
        wiretm align summary.en summary.ko --src-lang en --tgt-lang ko --scores
      """)

  @Argument(help: "Source sentences, one per line.")
  var source: String

  @Argument(help: "Target sentences, one per line.")
  var target: String

  @Option(help: "Source language (ISO 639-1).")
  var srcLang: String = "en"

  @Option(help: "Target language (ISO 639-1).")
  var tgtLang: String

  @Flag(help: "Append each bead's confidence.")
  var scores = false

  @Option(help: "Nats of cost removed per centred anchor token (default 0.2).")
  var anchorWeight: Double = AnchorAligner().anchorWeight

  @Flag(help: "Skip the second pass with word links learnt from the first.")
  var noLexicon = false

  @Option(help: .hidden)
  var deadPenalty: Double = AnchorAligner().deadSentencePenalty

  @Option(help: .hidden)
  var deletionPrior: Double = AnchorAligner().deletionPrior

  @Option(help: .hidden)
  var oneToOneDead: Double = AnchorAligner().oneToOneDeadShare

  @Option(help: .hidden)
  var deadConfidence: Double = AnchorAligner().deadCountConfidence

  @Option(help: .hidden)
  var strayNumber: Double = AnchorAligner().strayNumberCost

  @Option(help: .hidden)
  var richDeletionPrior: Double = AnchorAligner().richDeletionPrior

  @Option(help: .hidden)
  var deadStrong: Int = AnchorAligner().deadNeedsStrongAnchors

  @Option(help: .hidden)
  var deadStrongCost: Double = AnchorAligner().deadStrongAnchorCost

  @Option(help: .hidden)
  var runExtra: Double = AnchorAligner().deletionRunExtra

  func validate() throws {
    if source == "-" && target == "-" {
      throw ValidationError("only one of SRC and TGT can be - (standard input)")
    }
  }

  func run() throws {
    let sourceLines = try readSentences(source)
    let targetLines = try readSentences(target)
    var aligner = AnchorAligner(
      anchorWeight: anchorWeight, learnsLexicon: !noLexicon, deadSentencePenalty: deadPenalty,
      deletionPrior: deletionPrior)
    aligner.deletionRunExtra = runExtra
    aligner.oneToOneDeadShare = oneToOneDead
    aligner.deadCountConfidence = deadConfidence
    aligner.strayNumberCost = strayNumber
    aligner.richDeletionPrior = richDeletionPrior
    aligner.deadNeedsStrongAnchors = deadStrong
    aligner.deadStrongAnchorCost = deadStrongCost
    let beads = aligner.align(
      source: sourceLines, target: targetLines, sourceLanguage: srcLang, targetLanguage: tgtLang)
    var output = StandardOutput()
    for bead in beads {
      output.write(format(bead))
      output.write("\n")
    }
    output.flush()
  }

  private func readSentences(_ path: String) throws -> [String] {
    let reader = try LineSource(path: path)
    var lines: [String] = []
    while let line = reader.next() { lines.append(line) }
    return lines
  }

  private func format(_ bead: Bead) -> String {
    let source = bead.source.map(String.init).joined(separator: ", ")
    let target = bead.target.map(String.init).joined(separator: ", ")
    var line = "[\(source)]:[\(target)]"
    if scores { line += ":\(bead.confidence)" }
    return line
  }
}
