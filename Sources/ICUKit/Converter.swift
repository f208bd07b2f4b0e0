internal import CICU

/// A charset converter (`UConverter`) for one legacy encoding.
///
/// Not thread-safe: ICU converters keep state, so use one per thread.
public final class Converter {
  private let handle: OpaquePointer
  /// The name the converter was opened with.
  public let name: String

  /// Opens a converter for a charset name or alias ("windows-1252", "EUC-KR", "KOI8-R").
  ///
  /// - Parameter strict: when true, illegal or unmappable input makes `decode` and `encode`
  ///   throw instead of substituting U+FFFD or a substitution byte.
  public init(_ name: String, strict: Bool = false) throws {
    var status: Int32 = 0
    guard let handle = cicu_converter_open(name, strict ? 1 : 0, &status) else {
      throw ICUError(call: "ucnv_open(\(name))", status: status == 0 ? 1 : status)
    }
    self.handle = handle
    self.name = name
  }

  deinit { cicu_converter_close(handle) }

  /// ICU's canonical name of this converter.
  public var canonicalName: String {
    var status: Int32 = 0
    guard let name = cicu_converter_name(handle, &status) else { return self.name }
    return String(cString: name)
  }

  /// Bytes in this charset to a String.
  ///
  /// - Throws: `ConversionError` with the byte offset of the first illegal sequence
  ///   (strict converters only), or `ICUError`.
  public func decode(_ bytes: some Collection<UInt8>) throws -> String {
    let input = Array(bytes)
    if input.isEmpty { return "" }
    return String(decoding: try utf16Units(of: input), as: UTF16.self)
  }

  /// Bytes in this charset to Unicode scalar values: what `decode(bytes).unicodeScalars`
  /// holds (an unpaired surrogate, which ICU does not produce, reads as U+FFFD), without
  /// building a `String` (its generic UTF-16 path costs far more than the conversion).
  ///
  /// - Throws: as `decode`.
  public func decodeScalars(_ bytes: [UInt8]) throws -> [UInt32] {
    if bytes.isEmpty { return [] }
    return Self.scalars(ofUTF16: try utf16Units(of: bytes))
  }

  /// The converter's UTF-16 output for `bytes` (not empty), the buffer grown until it fits.
  private func utf16Units(of bytes: [UInt8]) throws -> ArraySlice<UInt16> {
    var capacity = bytes.count * 2 + 16
    while true {
      var units = [UInt16](repeating: 0, count: capacity)
      var status: Int32 = 0
      var errorOffset: Int32 = -1
      let length = bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
          cicu_converter_to_utf16(
            handle, chars.baseAddress, Int32(chars.count), &units, Int32(capacity), &errorOffset,
            &status)
        }
      }
      if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ {
        capacity = Int(length) + 16
        continue
      }
      if status > 0 {
        if errorOffset >= 0 {
          throw ConversionError(charset: name, byteOffset: Int(errorOffset), status: status)
        }
        throw ICUError(call: "ucnv_toUnicode(\(name))", status: status)
      }
      return units[..<Int(length)]
    }
  }

  /// UTF-16 code units as scalar values, an unpaired surrogate as U+FFFD.
  static func scalars(ofUTF16 units: ArraySlice<UInt16>) -> [UInt32] {
    var scalars: [UInt32] = []
    scalars.reserveCapacity(units.count)
    var index = units.startIndex
    while index < units.endIndex {
      let unit = UInt32(units[index])
      index += 1
      if unit & 0xF800 != 0xD800 {
        scalars.append(unit)
      } else if unit < 0xDC00, index < units.endIndex, units[index] & 0xFC00 == 0xDC00 {
        scalars.append(0x10000 + (unit - 0xD800) << 10 + (UInt32(units[index]) - 0xDC00))
        index += 1
      } else {
        scalars.append(0xFFFD)
      }
    }
    return scalars
  }

  /// A String to bytes in this charset.
  public func encode(_ text: String) throws -> [UInt8] {
    let units = Array(text.utf16)
    if units.isEmpty { return [] }
    var capacity = units.count * 4 + 16
    while true {
      var bytes = [CChar](repeating: 0, count: capacity)
      var status: Int32 = 0
      let length = cicu_converter_from_utf16(
        handle, units, Int32(units.count), &bytes, Int32(capacity), &status)
      if status == 15 {
        capacity = Int(length) + 16
        continue
      }
      try ICUError.check(status, "ucnv_fromUChars(\(name))")
      return bytes.prefix(Int(length)).map { UInt8(bitPattern: $0) }
    }
  }
}

/// Bytes that are not valid in the charset they were read as.
public struct ConversionError: Error, Hashable, Sendable, CustomStringConvertible {
  public var charset: String
  public var byteOffset: Int
  public var status: Int32
  public var description: String {
    "bytes are not valid \(charset) at byte offset \(byteOffset): "
      + ICUError(call: "", status: status).statusName
  }
}
