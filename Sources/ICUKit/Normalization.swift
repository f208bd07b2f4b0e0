internal import CICU

/// Unicode normalisation forms, through ICU's `unorm2`.
///
/// Related ICU documentation: <https://unicode-org.github.io/icu/userguide/transforms/normalization/>
public enum NormalizationForm: Sendable, Hashable, CaseIterable {
  case nfc, nfd, nfkc, nfkd, nfkcCasefold

  var raw: CICUNormalizationForm {
    switch self {
    case .nfc: CICU_NFC
    case .nfd: CICU_NFD
    case .nfkc: CICU_NFKC
    case .nfkd: CICU_NFKD
    case .nfkcCasefold: CICU_NFKC_CASEFOLD
    }
  }

  /// Text normalised to this form. Already-normalised text (the usual case) is returned
  /// without a copy after ICU's quick check.
  public func apply(_ text: String) throws -> String {
    let units = Array(text.utf16)
    if units.isEmpty { return text }
    var status: Int32 = 0
    let prefix = cicu_normalized_prefix_length(raw, units, Int32(units.count), &status)
    try ICUError.check(status, "unorm2_spanQuickCheckYes")
    if Int(prefix) == units.count { return text }
    var capacity = units.count + units.count / 2 + 16
    while true {
      var output = [UInt16](repeating: 0, count: capacity)
      status = 0
      let length = cicu_normalize(raw, units, Int32(units.count), &output, Int32(capacity), &status)
      if status == 15 {
        capacity = Int(length) + 16
        continue
      }
      try ICUError.check(status, "unorm2_normalize")
      return String(decoding: output.prefix(Int(length)), as: UTF16.self)
    }
  }
}
