// Fuzz target: one page's bytes through the whole PagePipeline (decode, repair, normalise,
// paragraphs, language, structure, sentences, alignment, units).
//
// Invariants: no trap; a PageError is the only way to refuse bytes; every unit has English
// text, and every translation a language and a confidence in 0...1.
import Foundation
import WireTM

private let pipeline = PagePipeline(aligner: AnchorAligner())

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let page: ProcessedPage
  do {
    page = try pipeline.process(bytes, document: "fuzz")
  } catch is PageError {
    return 0
  } catch {
    fatalError("the pipeline threw something other than PageError: \(error)")
  }
  for unit in page.units {
    for translation in unit.translations {
      precondition(!translation.language.isEmpty, "a translation without a language")
      precondition((0...1).contains(translation.confidence), "confidence \(translation.confidence) outside 0...1")
    }
  }
  return 0
}
