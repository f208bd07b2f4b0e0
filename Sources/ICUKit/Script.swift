internal import CICU

/// A Unicode script (ISO 15924), as ICU's `uscript` reports it.
public struct Script: Hashable, Sendable, CustomStringConvertible {
  /// ICU's UScriptCode value.
  public var code: Int32

  public static let common = Script(code: 0)
  public static let inherited = Script(code: 1)
  public static let hangul = Script(code: 18)
  public static let latin = Script(code: 25)
  public static let han = Script(code: 17)
  public static let hiragana = Script(code: 20)
  public static let katakana = Script(code: 22)
  public static let cyrillic = Script(code: 8)
  public static let greek = Script(code: 14)
  public static let arabic = Script(code: 2)
  public static let hebrew = Script(code: 19)

  public init(code: Int32) { self.code = code }

  /// The script of a scalar (Common for digits and punctuation, Inherited for combining marks).
  public init(of scalar: Unicode.Scalar) {
    code = max(cicu_script_of(scalar.value), 0)
  }

  /// Whether the scalar is used with this script (Script_Extensions).
  public func contains(_ scalar: Unicode.Scalar) -> Bool { cicu_script_has(scalar.value, code) != 0 }

  /// The four-letter ISO 15924 code ("Latn", "Hang").
  public var shortName: String { String(cString: cicu_script_short_name(code)) }

  public var description: String { shortName }

  /// Common and Inherited carry no script information of their own.
  public var isNeutral: Bool { code == 0 || code == 1 }
}
