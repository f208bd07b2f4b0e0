internal import CICU

/// A failed ICU call, with the function that failed and ICU's status name.
///
/// Prints as `ucnv_open(EUC-KR) failed: U_FILE_ACCESS_ERROR (4)`.
public struct ICUError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The ICU call, with its main argument ("ucnv_open(EUC-KR)").
  public var call: String
  /// ICU's UErrorCode value.
  public var status: Int32

  public init(call: String, status: Int32) {
    self.call = call
    self.status = status
  }

  /// ICU's symbolic name of the status ("U_ILLEGAL_CHAR_FOUND").
  public var statusName: String { String(cString: cicu_status_name(status)) }

  public var description: String { "\(call) failed: \(statusName) (\(status))" }

  /// Throws when status is a failure (positive); warnings (negative) pass.
  static func check(_ status: Int32, _ call: @autoclosure () -> String) throws {
    if status > 0 { throw ICUError(call: call(), status: status) }
  }
}

/// Facts about the loaded ICU library.
public enum ICU {
  /// The version of the system ICU in use ("72.1").
  public static var version: String {
    var buffer = [CChar](repeating: 0, count: 32)
    cicu_version(&buffer, Int32(buffer.count))
    return String(cString: buffer)
  }
}
