/// Encodes `Encodable` values into a ``JSONValue`` tree.
///
/// The inverse of ``JSONValueDecoder``: `vitsim dump-config` prints the tree of a decoded chip,
/// and sweeps edit it by path. Doubles with integral values become ``JSONValue/number(_:)``
/// and print without a fraction.
public struct JSONValueEncoder {
  public init() {}

  /// The tree of `value`.
  ///
  /// - Throws: ``JSONDecodingProblem`` (naming the path) for a non-finite floating-point value,
  ///   which JSON cannot represent.
  public func encode<T: Encodable>(_ value: T) throws(JSONDecodingProblem) -> JSONValue {
    let root = EncodingNode()
    do {
      try value.encode(to: TreeEncoder(node: root, codingPath: []))
    } catch let problem as JSONDecodingProblem {
      throw problem
    } catch {
      throw JSONDecodingProblem(path: "", message: "cannot be encoded: \(error)")
    }
    return root.json
  }
}

/// A node of the tree being built; a class so that containers handed out earlier can still
/// write into it.
final class EncodingNode {
  enum Storage {
    case unset
    case scalar(JSONValue)
    case object([String: EncodingNode])
    case array([EncodingNode])
  }

  var storage = Storage.unset

  var json: JSONValue {
    switch storage {
    case .unset: .null
    case .scalar(let value): value
    case .object(let members): .object(members.mapValues(\.json))
    case .array(let elements): .array(elements.map(\.json))
    }
  }

  func member(_ key: String) -> EncodingNode {
    var members: [String: EncodingNode] = [:]
    if case .object(let existing) = storage { members = existing }
    if let node = members[key] { return node }
    let node = EncodingNode()
    members[key] = node
    storage = .object(members)
    return node
  }

  func appendElement() -> EncodingNode {
    var elements: [EncodingNode] = []
    if case .array(let existing) = storage { elements = existing }
    let node = EncodingNode()
    elements.append(node)
    storage = .array(elements)
    return node
  }

  var count: Int {
    if case .array(let elements) = storage { return elements.count }
    return 0
  }
}

struct TreeEncoder: Encoder {
  let node: EncodingNode
  var codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    if case .object = node.storage {} else { node.storage = .object([:]) }
    return KeyedEncodingContainer(
      TreeKeyedEncodingContainer<Key>(node: node, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if case .array = node.storage {} else { node.storage = .array([]) }
    return TreeUnkeyedEncodingContainer(node: node, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    TreeSingleValueEncodingContainer(node: node, codingPath: codingPath)
  }
}

/// Converts a scalar to a tree value; non-finite numbers are errors.
private func scalar<T: Encodable>(_ value: T, at path: [any CodingKey]) throws -> JSONValue? {
  switch value {
  case let value as Bool: return .bool(value)
  case let value as String: return .string(value)
  case let value as Double:
    guard value.isFinite else {
      throw JSONDecodingProblem(
        path: path.dottedPath,
        message: "\(value) is not a finite number and cannot be written as JSON")
    }
    return .number(value)
  case let value as Float: return try scalar(Double(value), at: path)
  case let value as Int: return .integer(value)
  case let value as any FixedWidthInteger:
    if let exact = Int(exactly: value) { return .integer(exact) }
    return .number(Double(value))
  default: return nil
  }
}

/// Writes `value` into `node`: scalars directly, everything else through its `encode(to:)`.
private func write<T: Encodable>(_ value: T, into node: EncodingNode, at path: [any CodingKey])
  throws
{
  if let converted = try scalar(value, at: path) {
    node.storage = .scalar(converted)
  } else {
    try value.encode(to: TreeEncoder(node: node, codingPath: path))
  }
}

struct TreeKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: EncodingNode
  var codingPath: [any CodingKey]

  mutating func encodeNil(forKey key: Key) throws {
    node.member(key.stringValue).storage = .scalar(.null)
  }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    try write(value, into: node.member(key.stringValue), at: codingPath + [key])
  }

  mutating func encode(_ value: Bool, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: String, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: Double, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: Float, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { try encodeValue(value, key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { try encodeValue(value, key) }

  private mutating func encodeValue<T: Encodable>(_ value: T, _ key: Key) throws {
    try write(value, into: node.member(key.stringValue), at: codingPath + [key])
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    TreeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key])
      .container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    TreeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key])
      .unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    TreeEncoder(node: node.member("super"), codingPath: codingPath)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    TreeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key])
  }
}

struct TreeUnkeyedEncodingContainer: UnkeyedEncodingContainer {
  let node: EncodingNode
  var codingPath: [any CodingKey]
  var count: Int { node.count }

  private var nextPath: [any CodingKey] { codingPath + [TreeKey(intValue: node.count)] }

  mutating func encodeNil() throws { node.appendElement().storage = .scalar(.null) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let path = nextPath
    try write(value, into: node.appendElement(), at: path)
  }

  mutating func encode(_ value: Bool) throws { try encodeValue(value) }
  mutating func encode(_ value: String) throws { try encodeValue(value) }
  mutating func encode(_ value: Double) throws { try encodeValue(value) }
  mutating func encode(_ value: Float) throws { try encodeValue(value) }
  mutating func encode(_ value: Int) throws { try encodeValue(value) }
  mutating func encode(_ value: Int8) throws { try encodeValue(value) }
  mutating func encode(_ value: Int16) throws { try encodeValue(value) }
  mutating func encode(_ value: Int32) throws { try encodeValue(value) }
  mutating func encode(_ value: Int64) throws { try encodeValue(value) }
  mutating func encode(_ value: UInt) throws { try encodeValue(value) }
  mutating func encode(_ value: UInt8) throws { try encodeValue(value) }
  mutating func encode(_ value: UInt16) throws { try encodeValue(value) }
  mutating func encode(_ value: UInt32) throws { try encodeValue(value) }
  mutating func encode(_ value: UInt64) throws { try encodeValue(value) }

  private mutating func encodeValue<T: Encodable>(_ value: T) throws {
    let path = nextPath
    try write(value, into: node.appendElement(), at: path)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type
  ) -> KeyedEncodingContainer<NestedKey> {
    let path = nextPath
    return TreeEncoder(node: node.appendElement(), codingPath: path).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let path = nextPath
    return TreeEncoder(node: node.appendElement(), codingPath: path).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    let path = nextPath
    return TreeEncoder(node: node.appendElement(), codingPath: path)
  }
}

struct TreeSingleValueEncodingContainer: SingleValueEncodingContainer {
  let node: EncodingNode
  var codingPath: [any CodingKey]

  mutating func encodeNil() throws { node.storage = .scalar(.null) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    try write(value, into: node, at: codingPath)
  }
  mutating func encode(_ value: Bool) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: String) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: Double) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: Float) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: Int) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: Int8) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: Int16) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: Int32) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: Int64) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: UInt) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: UInt8) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: UInt16) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: UInt32) throws { try write(value, into: node, at: codingPath) }
  mutating func encode(_ value: UInt64) throws { try write(value, into: node, at: codingPath) }
}
