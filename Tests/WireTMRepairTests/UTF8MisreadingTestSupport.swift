@testable import WireTMRepair

/// The UTF-8 pass's scans and scoring over arrays and `CodePage`s, as the tests ask them:
/// the library itself reads buffers and the pages' plain tables (`CodePage.tables`).
extension UTF8Misreading {
  /// Every reading of `page` in `text`, in order (one scan of the whole line).
  static func findCandidates(in text: [UInt32], page: CodePage) -> [Reading] {
    var result: [Reading] = []
    forEachCandidate(in: text, page: page) { reading in
      result.append(reading)
      return true
    }
    return result
  }

  /// The candidates of one code page that pass the evidence rules (empty when none do).
  static func acceptedCandidates(in text: [UInt32], page: CodePage, found: ArraySlice<Reading>)
    -> CandidateSet
  {
    var spare = CandidateSet()
    return text.withUnsafeBufferPointer { text in
      found.withUnsafeBufferPointer { found in
        acceptedCandidates(in: text, page: page.tables, found: found, spare: &spare)
      }
    }
  }

  /// `gainCeiling(of:in:page:)` over arrays.
  static func gainCeiling(of readings: ArraySlice<Reading>, in text: [UInt32], page: CodePage)
    -> Float
  {
    text.withUnsafeBufferPointer { text in
      readings.withUnsafeBufferPointer { readings in
        gainCeiling(of: readings, in: text, page: page.tables)
      }
    }
  }

  static func sequence(
    at start: Int, lead: UInt8, in text: UnsafeBufferPointer<UInt32>, page: CodePage
  ) -> Reading? {
    sequence(at: start, lead: lead, in: text, page: page.tables)
  }

  static func sequenceOfOtherShape(
    at start: Int, lead: UInt8, in text: UnsafeBufferPointer<UInt32>, page: CodePage
  ) -> Reading? {
    sequenceOfOtherShape(at: start, lead: lead, in: text, page: page.tables)
  }
}
