/// BCP 47 language tags as TMX writes them and the store keeps them.
///
/// The store and ``Variant/language`` keep tags lowercase ("pt-br"), because comparing tags is
/// case-insensitive; TMX output uses the canonical casing of RFC 5646 section 2.1.1 ("pt-BR",
/// "zh-Hant-TW"), which is what CAT tools display and what validators expect.
public enum LanguageTag {
  /// The tag in canonical casing: language lowercase, script title case, region uppercase.
  ///
  /// Underscores ("pt_BR", as POSIX locales write them) become hyphens.
  public static func canonical(_ tag: String) -> String {
    let subtags = tag.replacingUnderscores().split(separator: "-", omittingEmptySubsequences: false)
    var result: [String] = []
    result.reserveCapacity(subtags.count)
    var afterSingleton = false
    for (index, subtag) in subtags.enumerated() {
      let lower = subtag.lowercased()
      if index == 0 || afterSingleton {
        result.append(lower)
      } else if subtag.count == 1 {
        afterSingleton = true
        result.append(lower)
      } else if subtag.count == 4, subtag.allSatisfy(\.isLetter) {
        result.append(lower.prefix(1).uppercased() + lower.dropFirst())
      } else if subtag.count == 2, subtag.allSatisfy(\.isLetter) {
        result.append(lower.uppercased())
      } else {
        result.append(lower)
      }
    }
    return result.joined(separator: "-")
  }

  /// The lowercase form the store keys languages by.
  public static func storageKey(_ tag: String) -> String {
    tag.replacingUnderscores().lowercased()
  }

  /// Whether the tag is a well-formed BCP 47 tag of the shapes TMX files use:
  /// `language[-script][-region][-variant]*`, language of 2 or 3 ASCII letters.
  public static func isWellFormed(_ tag: String) -> Bool {
    let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
    guard let language = subtags.first, (2...3).contains(language.count),
      language.allSatisfy(\.isASCIILetter)
    else { return false }
    for subtag in subtags.dropFirst() {
      guard (1...8).contains(subtag.count),
        subtag.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit })
      else { return false }
    }
    return true
  }

  /// Whether `tag` names English ("en", "en-US", "EN_gb").
  public static func isEnglish(_ tag: String) -> Bool {
    let key = storageKey(tag)
    return key == "en" || key.hasPrefix("en-")
  }
}

extension String {
  fileprivate func replacingUnderscores() -> String {
    contains("_") ? String(map { $0 == "_" ? "-" : $0 }) : self
  }
}

extension Character {
  fileprivate var isASCIILetter: Bool { isASCII && isLetter }
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
