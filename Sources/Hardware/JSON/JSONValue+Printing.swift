extension JSONValue {
  /// The value as indented JSON text: 2 spaces per level, object keys sorted by their UTF-8
  /// bytes, `"key": value`, a trailing newline.
  ///
  /// This is the canonical form of the files in `HardwareConfigs/` and of `vitsim dump-config`.
  public var prettyText: String {
    var text = ""
    write(to: &text, indent: 0, pretty: true)
    text += "\n"
    return text
  }

  /// The value as JSON text on one line, keys sorted.
  public var compactText: String {
    var text = ""
    write(to: &text, indent: 0, pretty: false)
    return text
  }

  private func write(to text: inout String, indent: Int, pretty: Bool) {
    switch self {
    case .null: text += "null"
    case .bool(let value): text += value ? "true" : "false"
    case .integer(let value): text += String(value)
    case .number(let value): text += JSONValue.numberText(value)
    case .string(let value): JSONValue.writeString(value, to: &text)
    case .array(let elements):
      if elements.isEmpty {
        text += "[]"
        return
      }
      text += "["
      for (position, element) in elements.enumerated() {
        if position > 0 { text += "," }
        if pretty { JSONValue.newline(&text, indent: indent + 1) }
        element.write(to: &text, indent: indent + 1, pretty: pretty)
      }
      if pretty { JSONValue.newline(&text, indent: indent) }
      text += "]"
    case .object(let members):
      if members.isEmpty {
        text += "{}"
        return
      }
      text += "{"
      for (position, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        .enumerated()
      {
        if position > 0 { text += "," }
        if pretty { JSONValue.newline(&text, indent: indent + 1) }
        JSONValue.writeString(key, to: &text)
        text += pretty ? ": " : ":"
        members[key, default: .null].write(to: &text, indent: indent + 1, pretty: pretty)
      }
      if pretty { JSONValue.newline(&text, indent: indent) }
      text += "}"
    }
  }

  private static func newline(_ text: inout String, indent: Int) {
    text += "\n"
    text += String(repeating: "  ", count: indent)
  }

  /// Shortest round-trip text of a finite double; integral values keep a `.0` only when they
  /// cannot be exact integers (the parser reads `940` back as an integer).
  static func numberText(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 9.0e15 { return String(Int(value)) }
    return value.description
  }

  private static func writeString(_ value: String, to text: inout String) {
    text += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    text += "\""
  }
}
