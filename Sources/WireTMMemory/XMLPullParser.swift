/// A syntax or safety error in an XML file, with the place it was found.
public struct XMLSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
  /// 1-based line and column (column counted in bytes).
  public var line: Int
  public var column: Int
  public var message: String

  public var description: String { "line \(line), column \(column): \(message)" }
}

/// A small, strict, non-validating XML 1.0 pull parser for TMX's subset of XML.
///
/// Why our own: a translation memory arrives from anywhere, and the general parsers can be asked
/// to resolve external entities (XXE: reading local files or fetching URLs) or to expand nested
/// entities (the "billion laughs" blow-up). This parser cannot do either, by construction:
///
/// - it never opens a file or a URL: a DOCTYPE's SYSTEM/PUBLIC identifier is skipped unread;
/// - a DOCTYPE whose internal subset declares an entity (`<!ENTITY`) or uses a parameter
///   entity (`%name;`) is refused outright;
/// - the only entity references it knows are XML's five predefined ones and character
///   references; any other `&name;` is an error, never a lookup.
///
/// It checks well-formedness as it goes (matching tags, one root, quoted unique attributes,
/// valid UTF-8, no characters XML 1.0 forbids) and reports the line and column of the first
/// problem. Namespaces are not resolved: names are reported as written (`xml:lang`).
struct XMLPullParser {
  enum Event: Equatable {
    case start(name: String, attributes: [String: String])
    case end(name: String)
    case text(String)
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  private var position: Int
  private var openElements: [String] = []
  private var sawRoot = false
  private var pendingEnd: String?

  /// - Parameter bytes: UTF-8 text; must stay alive while the parser is used.
  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    // A UTF-8 byte order mark is allowed and skipped.
    position = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  /// The element nesting at the current position (outermost first).
  var depth: Int { openElements.count }

  /// The next event, or `nil` at the end of a well-formed document.
  mutating func next() throws -> Event? {
    if let name = pendingEnd {
      pendingEnd = nil
      return .end(name: name)
    }
    while position < bytes.count {
      if bytes[position] != UInt8(ascii: "<") {
        let start = position
        while position < bytes.count && bytes[position] != UInt8(ascii: "<") { position += 1 }
        if openElements.isEmpty {
          guard isBlank(start..<position) else {
            throw error(
              at: start, sawRoot ? "text after the root element" : "text before the root element")
          }
          continue
        }
        return .text(try decodeText(start..<position))
      }
      if let event = try markup() { return event }
    }
    if let open = openElements.last {
      throw error(at: position, "unexpected end of file: <\(open)> is not closed")
    }
    guard sawRoot else { throw error(at: position, "no root element") }
    return nil
  }

  // MARK: - Markup

  private mutating func markup() throws -> Event? {
    let start = position
    if has("<?") {
      try skipProcessingInstruction(start: start)
      return nil
    }
    if has("<!--") {
      guard let end = find("-->", from: position + 4) else {
        throw error(at: start, "comment not closed")
      }
      position = end + 3
      return nil
    }
    if has("<![CDATA[") {
      guard !openElements.isEmpty else {
        throw error(at: start, "CDATA section outside the root element")
      }
      guard let end = find("]]>", from: position + 9) else {
        throw error(at: start, "CDATA section not closed")
      }
      let text = try validatedString(position + 9..<end, at: start)
      position = end + 3
      return .text(text)
    }
    if has("<!DOCTYPE") {
      guard !sawRoot else { throw error(at: start, "DOCTYPE after the root element") }
      try skipDoctype(start: start)
      return nil
    }
    if has("</") {
      position += 2
      let name = try readName()
      skipBlanks()
      try expect(">", start)
      guard let open = openElements.popLast() else {
        throw error(at: start, "closing tag </\(name)> without an opening tag")
      }
      guard open == name else {
        throw error(at: start, "closing tag </\(name)> does not match <\(open)>")
      }
      return .end(name: name)
    }
    return try startTag(start: start)
  }

  private mutating func startTag(start: Int) throws -> Event {
    position += 1
    let name = try readName()
    if openElements.isEmpty {
      guard !sawRoot else { throw error(at: start, "a second root element <\(name)>") }
      sawRoot = true
    }
    var attributes: [String: String] = [:]
    while true {
      let hadBlank = skipBlanks()
      guard position < bytes.count else { throw error(at: start, "tag <\(name)> not closed") }
      if has("/>") {
        position += 2
        pendingEnd = name
        return .start(name: name, attributes: attributes)
      }
      if bytes[position] == UInt8(ascii: ">") {
        position += 1
        openElements.append(name)
        return .start(name: name, attributes: attributes)
      }
      guard hadBlank else {
        throw error(at: position, "expected a space, '>' or '/>' in <\(name)>")
      }
      let attributeStart = position
      let attribute = try readName()
      skipBlanks()
      try expect("=", attributeStart)
      skipBlanks()
      let value = try readAttributeValue()
      guard attributes.updateValue(value, forKey: attribute) == nil else {
        throw error(at: attributeStart, "attribute \(attribute) repeated in <\(name)>")
      }
    }
  }

  private mutating func readAttributeValue() throws -> String {
    let start = position
    guard position < bytes.count, bytes[position] == 0x22 || bytes[position] == 0x27 else {
      throw error(at: start, "attribute value not quoted")
    }
    let quote = bytes[position]
    position += 1
    let valueStart = position
    while position < bytes.count && bytes[position] != quote {
      if bytes[position] == UInt8(ascii: "<") {
        throw error(at: position, "'<' inside an attribute value")
      }
      position += 1
    }
    guard position < bytes.count else { throw error(at: start, "attribute value not closed") }
    let range = valueStart..<position
    position += 1
    return try decodeText(range, attribute: true)
  }

  private mutating func skipProcessingInstruction(start: Int) throws {
    guard let end = find("?>", from: position + 2) else {
      throw error(at: start, "processing instruction not closed")
    }
    let target = String(decoding: bytes[(position + 2)..<min(end, position + 5)], as: UTF8.self)
    if target.lowercased() == "xml" && (end == position + 5 || isBlankByte(bytes[position + 5])) {
      guard start == 0 || (start == 3 && bytes[0] == 0xEF) else {
        throw error(at: start, "XML declaration not at the start of the file")
      }
      let declaration = String(decoding: bytes[position..<end], as: UTF8.self).lowercased()
      if let encoding = Self.declaredEncoding(declaration),
        !["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding)
      {
        throw error(
          at: start, "encoding \"\(encoding)\" is not supported here (convert the file to UTF-8)")
      }
    }
    position = end + 2
  }

  /// The `encoding="…"` of an XML declaration, lowercased.
  static func declaredEncoding(_ declaration: String) -> String? {
    guard let range = declaration.range(of: "encoding") else { return nil }
    let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
    guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
    return String(rest.dropFirst().prefix { $0 != quote })
  }

  /// Skips `<!DOCTYPE name [SYSTEM "…" | PUBLIC "…" "…"] [internal subset]>` without reading
  /// anything it names, refusing internal subsets that declare or use entities.
  private mutating func skipDoctype(start: Int) throws {
    position += 9
    var inSubset = false
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case 0x22, 0x27:
        guard let close = find(byte, from: position + 1) else {
          throw error(at: position, "DOCTYPE literal not closed")
        }
        position = close + 1
      case UInt8(ascii: "["):
        inSubset = true
        position += 1
      case UInt8(ascii: "]"):
        inSubset = false
        position += 1
      case UInt8(ascii: "%") where inSubset:
        throw error(at: position, Self.entityRefusal("a parameter entity reference"))
      case UInt8(ascii: "<") where inSubset:
        if has("<!--") {
          guard let end = find("-->", from: position + 4) else {
            throw error(at: position, "comment not closed")
          }
          position = end + 3
        } else if has("<!ENTITY") {
          throw error(at: position, Self.entityRefusal("an <!ENTITY> declaration"))
        } else {
          position += 1
        }
      case UInt8(ascii: ">") where !inSubset:
        position += 1
        return
      default:
        position += 1
      }
    }
    throw error(at: start, "DOCTYPE not closed")
  }

  static func entityRefusal(_ what: String) -> String {
    "refused: the DOCTYPE holds \(what); entity declarations are how XXE and 'billion laughs' attacks work, TMX needs none, and wiretm never resolves or expands them"
  }

  // MARK: - Text

  /// Decodes character data: validates UTF-8 and XML characters, resolves the predefined and
  /// character references, normalises line ends (and, in attributes, white space).
  private func decodeText(_ range: Range<Int>, attribute: Bool = false) throws -> String {
    var simple = true
    for index in range {
      let byte = bytes[index]
      if byte == UInt8(ascii: "&") || byte == 0x0D || (attribute && (byte == 0x09 || byte == 0x0A))
      {
        simple = false
      } else if byte < 0x20 && byte != 0x09 && byte != 0x0A {
        throw error(at: index, "character U+\(hex4(UInt32(byte))) is not allowed in XML 1.0")
      } else if byte == 0xEF, index + 2 < range.upperBound, bytes[index + 1] == 0xBF,
        bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF
      {
        throw error(
          at: index,
          "character U+FFF\(bytes[index + 2] == 0xBE ? "E" : "F") is not allowed in XML 1.0")
      }
    }
    if simple { return try validatedString(range, at: range.lowerBound) }
    var scalars = String.UnicodeScalarView()
    var index = range.lowerBound
    var runStart = index
    func flush(_ end: Int) throws {
      if end > runStart {
        scalars.append(contentsOf: try validatedString(runStart..<end, at: runStart).unicodeScalars)
      }
    }
    while index < range.upperBound {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "&"):
        try flush(index)
        let (scalar, length) = try reference(at: index, limit: range.upperBound)
        scalars.append(scalar)
        index += length
        runStart = index
      case 0x0D:
        try flush(index)
        scalars.append(attribute ? " " : "\n")
        index += index + 1 < range.upperBound && bytes[index + 1] == 0x0A ? 2 : 1
        runStart = index
      case 0x09 where attribute, 0x0A where attribute:
        try flush(index)
        scalars.append(" ")
        index += 1
        runStart = index
      default:
        index += 1
      }
    }
    try flush(range.upperBound)
    return String(scalars)
  }

  /// Resolves `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#N;` `&#xN;`; anything else is refused.
  private func reference(at start: Int, limit: Int) throws -> (Unicode.Scalar, Int) {
    var end = start + 1
    while end < limit && end - start <= 32 && bytes[end] != UInt8(ascii: ";") { end += 1 }
    guard end < limit, bytes[end] == UInt8(ascii: ";") else {
      throw error(at: start, "'&' not followed by a reference ending in ';' (write &amp;)")
    }
    let name = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
    let length = end - start + 1
    switch name {
    case "lt": return ("<", length)
    case "gt": return (">", length)
    case "amp": return ("&", length)
    case "quot": return ("\"", length)
    case "apos": return ("'", length)
    default: break
    }
    if name.hasPrefix("#") {
      let digits = name.dropFirst()
      let value =
        digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
      guard let value, let scalar = Unicode.Scalar(value), XMLEscaping.isAllowed(scalar) else {
        throw error(at: start, "character reference &\(name); is not a character XML 1.0 allows")
      }
      return (scalar, length)
    }
    throw error(
      at: start,
      "undefined entity &\(name); (only XML's predefined entities are accepted; wiretm never resolves declared entities)"
    )
  }

  private func validatedString(_ range: Range<Int>, at offset: Int) throws -> String {
    guard
      let string = String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    else {
      throw error(at: offset, "invalid UTF-8")
    }
    return string
  }

  // MARK: - Scanning

  private mutating func readName() throws -> String {
    let start = position
    while position < bytes.count {
      let byte = bytes[position]
      if isBlankByte(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
        || byte == UInt8(ascii: "=")
        || byte == UInt8(ascii: "<") || byte == 0x22 || byte == 0x27
      {
        break
      }
      position += 1
    }
    guard position > start else { throw error(at: start, "expected a name") }
    let first = bytes[start]
    guard
      first >= 0x80 || first == UInt8(ascii: "_") || first == UInt8(ascii: ":")
        || (first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z"))
    else {
      throw error(at: start, "a name cannot start with '\(Character(Unicode.Scalar(first)))'")
    }
    return try validatedString(start..<position, at: start)
  }

  @discardableResult
  private mutating func skipBlanks() -> Bool {
    let start = position
    while position < bytes.count && isBlankByte(bytes[position]) { position += 1 }
    return position > start
  }

  private mutating func expect(_ character: Unicode.Scalar, _ context: Int) throws {
    guard position < bytes.count, bytes[position] == UInt8(character.value) else {
      throw error(at: position, "expected '\(character)'")
    }
    position += 1
  }

  private func has(_ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard position + count <= bytes.count else { return false }
    let pointer = literal.utf8Start
    for offset in 0..<count where bytes[position + offset] != pointer[offset] { return false }
    return true
  }

  private func find(_ literal: StaticString, from start: Int) -> Int? {
    let count = literal.utf8CodeUnitCount
    let pointer = literal.utf8Start
    var index = start
    while index + count <= bytes.count {
      if bytes[index] == pointer[0] {
        var matched = true
        for offset in 1..<count where bytes[index + offset] != pointer[offset] {
          matched = false
          break
        }
        if matched { return index }
      }
      index += 1
    }
    return nil
  }

  private func find(_ byte: UInt8, from start: Int) -> Int? {
    var index = start
    while index < bytes.count {
      if bytes[index] == byte { return index }
      index += 1
    }
    return nil
  }

  private func isBlank(_ range: Range<Int>) -> Bool { range.allSatisfy { isBlankByte(bytes[$0]) } }

  @inline(__always)
  private func isBlankByte(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  private func hex4(_ value: UInt32) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// An error at a byte offset, with its line and column.
  func error(at offset: Int, _ message: String) -> XMLSyntaxError {
    var line = 1
    var lineStart = 0
    for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    return XMLSyntaxError(line: line, column: offset - lineStart + 1, message: message)
  }
}
