import ICUKit

/// Normalises text for a translation memory: NFC, line ends, invisible characters.
public struct TextNormalizer: Sendable {
  public init() {}
  public func normalize(_ text: String) -> String { (try? NormalizationForm.nfc.apply(text)) ?? text }
}
