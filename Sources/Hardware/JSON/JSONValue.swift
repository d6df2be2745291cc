/// A parsed JSON document as a tree: the layer under the `Codable` chip sections.
///
/// Chip configs go text → ``JSONValue`` (``init(parsing:)``, with line and column in errors) →
/// `Chip` (through ``JSONValueDecoder``, which also finds unknown keys). Keeping the tree lets a
/// sweep read or replace one value by its dotted path (``value(at:)``, ``setting(_:at:)``) and
/// re-decode, so every change is validated like a file would be.
///
/// Integer literals (no fraction, no exponent) that fit `Int` stay exact as ``integer(_:)``;
/// other numbers are ``number(_:)``.
public enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// The members of an object, or nil for any other value.
  public var objectValue: [String: JSONValue]? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// A short description of the value for error messages: scalars as JSON text, containers by
  /// kind (`an object`, `an array`).
  public var summary: String {
    switch self {
    case .array: "an array"
    case .object: "an object"
    default: compactText
    }
  }

  /// The kind of value, with its article: `an integer`, `a string`, ...
  public var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .integer: "an integer"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

extension JSONValue {
  /// Splits a dotted path (`memory.weight.bytes`) into its keys.
  ///
  /// Array elements are addressed by decimal index (`lanes.0.macs`).
  static func keys(of path: String) -> [String] {
    path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
  }

  /// The value at a dotted path, or nil when some key along it is absent.
  ///
  /// The empty path is the value itself. Complexity: O(depth).
  public func value(at path: String) -> JSONValue? {
    if path.isEmpty { return self }
    var current = self
    for key in JSONValue.keys(of: path) {
      switch current {
      case .object(let members):
        guard let next = members[key] else { return nil }
        current = next
      case .array(let elements):
        guard let index = Int(key), elements.indices.contains(index) else { return nil }
        current = elements[index]
      default:
        return nil
      }
    }
    return current
  }

  /// A copy with the value at a dotted path replaced (or added), creating missing objects along
  /// the way.
  ///
  /// - Returns: nil when the path goes through a scalar, or through an array with an index out
  ///   of range.
  public func setting(_ newValue: JSONValue, at path: String) -> JSONValue? {
    if path.isEmpty { return newValue }
    return setting(newValue, keys: JSONValue.keys(of: path)[...])
  }

  private func setting(_ newValue: JSONValue, keys: ArraySlice<String>) -> JSONValue? {
    guard let key = keys.first else { return newValue }
    let rest = keys.dropFirst()
    switch self {
    case .object(var members):
      let child = members[key] ?? .object([:])
      guard let updated = child.setting(newValue, keys: rest) else { return nil }
      members[key] = updated
      return .object(members)
    case .array(var elements):
      guard let index = Int(key), elements.indices.contains(index),
        let updated = elements[index].setting(newValue, keys: rest)
      else { return nil }
      elements[index] = updated
      return .array(elements)
    case .null:
      return JSONValue.object([:]).setting(newValue, keys: keys)
    default:
      return nil
    }
  }
}
