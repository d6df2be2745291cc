extension JSONValue {
  /// Parses JSON text (RFC 8259) into a tree.
  ///
  /// Stricter than `JSONSerialization` where it helps config files: a key given twice in one
  /// object is an error (a silent "last one wins" hides typos), and every error carries the
  /// line and column. Nesting deeper than 512 levels is rejected rather than overflowing the
  /// stack. Complexity: O(length of text).
  ///
  /// - Throws: ``JSONSyntaxError`` at the first problem.
  public init(parsing text: String) throws(JSONSyntaxError) {
    var parser = JSONParser(Array(text.unicodeScalars))
    self = try parser.document()
  }
}

/// A recursive-descent JSON parser over Unicode scalars that tracks line and column.
struct JSONParser {
  private let scalars: [Unicode.Scalar]
  private var position = 0
  private var line = 1
  private var lineStart = 0
  private var depth = 0
  static let maxDepth = 512

  init(_ scalars: [Unicode.Scalar]) {
    self.scalars = scalars
  }

  mutating func document() throws(JSONSyntaxError) -> JSONValue {
    skipWhitespace()
    if position == scalars.count { throw error("the document is empty; expected a JSON value") }
    let value = try parseValue()
    skipWhitespace()
    if position < scalars.count {
      throw error("unexpected \(describe(scalars[position])) after the end of the JSON value")
    }
    return value
  }

  // MARK: - Values

  private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
    guard position < scalars.count else { throw error("unexpected end of text; expected a value") }
    switch scalars[position] {
    case "{": return try parseObject()
    case "[": return try parseArray()
    case "\"": return .string(try parseString())
    case "t": try literal("true"); return .bool(true)
    case "f": try literal("false"); return .bool(false)
    case "n": try literal("null"); return .null
    case "-", "0"..."9": return try parseNumber()
    default:
      throw error("unexpected \(describe(scalars[position])); expected a value")
    }
  }

  private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    position += 1  // {
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if peek() == "}" {
      position += 1
      depth -= 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard peek() == "\"" else {
        throw error(
          peek() == "}"
            ? "trailing comma before '}'" : "expected a string key, found \(describeCurrent())")
      }
      let keyLine = line
      let keyColumn = position - lineStart + 1
      let key = try parseString()
      skipWhitespace()
      guard peek() == ":" else {
        throw error("expected ':' after key \"\(key)\", found \(describeCurrent())")
      }
      position += 1
      skipWhitespace()
      let value = try parseValue()
      if members[key] != nil {
        throw JSONSyntaxError(
          line: keyLine, column: keyColumn, message: "key \"\(key)\" appears twice in one object")
      }
      members[key] = value
      skipWhitespace()
      switch peek() {
      case ",": position += 1
      case "}":
        position += 1
        depth -= 1
        return .object(members)
      default: throw error("expected ',' or '}' in an object, found \(describeCurrent())")
      }
    }
  }

  private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    position += 1  // [
    var elements: [JSONValue] = []
    skipWhitespace()
    if peek() == "]" {
      position += 1
      depth -= 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      if peek() == "]" { throw error("trailing comma before ']'") }
      elements.append(try parseValue())
      skipWhitespace()
      switch peek() {
      case ",": position += 1
      case "]":
        position += 1
        depth -= 1
        return .array(elements)
      default: throw error("expected ',' or ']' in an array, found \(describeCurrent())")
      }
    }
  }

  private mutating func parseString() throws(JSONSyntaxError) -> String {
    position += 1  // opening quote
    var text = String.UnicodeScalarView()
    while true {
      guard position < scalars.count else { throw error("unterminated string") }
      let scalar = scalars[position]
      switch scalar {
      case "\"":
        position += 1
        return String(text)
      case "\\":
        position += 1
        guard position < scalars.count else { throw error("unterminated string") }
        let escape = scalars[position]
        position += 1
        switch escape {
        case "\"": text.append("\"")
        case "\\": text.append("\\")
        case "/": text.append("/")
        case "b": text.append("\u{08}")
        case "f": text.append("\u{0C}")
        case "n": text.append("\n")
        case "r": text.append("\r")
        case "t": text.append("\t")
        case "u": text.append(try parseUnicodeEscape())
        default:
          position -= 2
          throw error("invalid escape '\\\(escape)' in a string")
        }
      default:
        if scalar.value < 0x20 {
          throw error("control character \(describe(scalar)) in a string; escape it")
        }
        text.append(scalar)
        position += 1
      }
    }
  }

  /// The scalar of `XXXX` (after `\u`), joining a UTF-16 surrogate pair when one follows.
  private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
    let high = try hexQuad()
    if (0xD800...0xDBFF).contains(high) {
      guard position + 1 < scalars.count, scalars[position] == "\\", scalars[position + 1] == "u"
      else { throw error("unpaired UTF-16 surrogate \\u\(String(high, radix: 16))") }
      position += 2
      let low = try hexQuad()
      guard (0xDC00...0xDFFF).contains(low) else {
        throw error("invalid UTF-16 low surrogate \\u\(String(low, radix: 16))")
      }
      let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
      guard let scalar = Unicode.Scalar(value) else { throw error("invalid \\u escape") }
      return scalar
    }
    guard let scalar = Unicode.Scalar(high) else {
      throw error("unpaired UTF-16 surrogate \\u\(String(high, radix: 16))")
    }
    return scalar
  }

  private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard position < scalars.count, let digit = UInt32(String(scalars[position]), radix: 16)
      else { throw error("expected 4 hexadecimal digits after \\u") }
      value = value * 16 + digit
      position += 1
    }
    return value
  }

  private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
    let start = position
    var isInteger = true
    if peek() == "-" { position += 1 }
    guard let first = peek(), ("0"..."9").contains(first) else {
      throw error("expected a digit after '-'")
    }
    if first == "0" {
      position += 1
      if let next = peek(), ("0"..."9").contains(next) {
        throw error("a number must not have a leading zero")
      }
    } else {
      skipDigits()
    }
    if peek() == "." {
      isInteger = false
      position += 1
      guard let digit = peek(), ("0"..."9").contains(digit) else {
        throw error("expected a digit after the decimal point")
      }
      skipDigits()
    }
    if peek() == "e" || peek() == "E" {
      isInteger = false
      position += 1
      if peek() == "+" || peek() == "-" { position += 1 }
      guard let digit = peek(), ("0"..."9").contains(digit) else {
        throw error("expected a digit in the exponent")
      }
      skipDigits()
    }
    var text = String.UnicodeScalarView()
    text.append(contentsOf: scalars[start..<position])
    let literal = String(text)
    if isInteger, let integer = Int(literal) { return .integer(integer) }
    guard let number = Double(literal), number.isFinite else {
      position = start
      throw error("number \(literal) is out of range")
    }
    return .number(number)
  }

  // MARK: - Helpers

  private mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > JSONParser.maxDepth {
      throw error("nesting is deeper than \(JSONParser.maxDepth) levels")
    }
  }

  private mutating func literal(_ word: String) throws(JSONSyntaxError) {
    let start = position
    for expected in word.unicodeScalars {
      guard position < scalars.count, scalars[position] == expected else {
        position = start
        throw error("invalid literal; expected '\(word)'")
      }
      position += 1
    }
  }

  private mutating func skipDigits() {
    while let scalar = peek(), ("0"..."9").contains(scalar) { position += 1 }
  }

  private mutating func skipWhitespace() {
    while position < scalars.count {
      switch scalars[position] {
      case " ", "\t", "\r":
        position += 1
      case "\n":
        position += 1
        line += 1
        lineStart = position
      default:
        return
      }
    }
  }

  private func peek() -> Unicode.Scalar? {
    position < scalars.count ? scalars[position] : nil
  }

  private func describeCurrent() -> String {
    guard let scalar = peek() else { return "the end of the text" }
    return describe(scalar)
  }

  private func describe(_ scalar: Unicode.Scalar) -> String {
    if scalar.value < 0x20 || scalar.value == 0x7F {
      return "U+" + String(scalar.value, radix: 16, uppercase: true)
    }
    return "'\(scalar)'"
  }

  private func error(_ message: String) -> JSONSyntaxError {
    JSONSyntaxError(line: line, column: position - lineStart + 1, message: message)
  }
}
