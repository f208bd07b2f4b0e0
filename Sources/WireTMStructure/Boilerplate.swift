/// Site furniture that scrapers keep: cookie notices, navigation, share and newsletter lines.
///
/// Only short paragraphs are tested, and only against phrases that do not occur in press
/// releases themselves, so a release that talks about "privacy" is not dropped.
enum Boilerplate {
  static let phrases: [String] = [
    "cookie", "privacy policy", "terms of use", "all rights reserved", "last news about",
    "related news", "related articles", "read more", "share this", "follow us", "sign up for",
    "subscribe to our newsletter", "click here", "advertisement", "view source version",
    "view original content", "more information:", "skip to content", "back to top",
    "informativa sulla privacy", "política de privacidad", "politique de confidentialité",
    "datenschutz", "개인정보", "무단 전재",
  ]

  static func matches(_ text: String) -> Bool {
    guard text.unicodeScalars.count < 400 else { return false }
    let lower = text.lowercased()
    return phrases.contains { lower.contains($0) }
  }
}
