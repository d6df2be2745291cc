/// Decodes `Decodable` values from a ``JSONValue`` tree and reports the object keys that no
/// `init(from:)` asked for.
///
/// `JSONDecoder` ignores unknown keys (so a typo silently becomes the default) and its errors
/// for numbers lose the coding path; this decoder does neither. Errors are
/// ``JSONDecodingProblem``s naming the dotted path, the value found and what was expected.
/// Integers are read from any JSON number with an exact integral value in the type's range, so
/// `1e3` is a valid `Int`.
public struct JSONValueDecoder {
  public init() {}

  /// The decoded value and every key of the input that the decoded types did not read.
  ///
  /// - Throws: ``JSONDecodingProblem`` for the first value of the wrong type, or any error an
  ///   `init(from:)` throws (a `DecodingError` is converted to a ``JSONDecodingProblem``).
  public func decode<T: Decodable>(
    _ type: T.Type, from value: JSONValue
  ) throws(JSONDecodingProblem) -> (value: T, unknownKeys: [UnknownKey]) {
    let log = DecodingLog()
    let decoded: T
    do {
      decoded = try T(from: TreeDecoder(value: value, codingPath: [], log: log))
    } catch let problem as JSONDecodingProblem {
      throw problem
    } catch let error as DecodingError {
      throw JSONDecodingProblem(error, in: value)
    } catch {
      throw JSONDecodingProblem(path: "", message: "\(error)")
    }
    return (decoded, log.unknownKeys(in: value))
  }

  /// An object key that no decoded type reads, with the nearest known key as a suggestion.
  public struct UnknownKey: Hashable, Sendable {
    /// Dotted path of the key, e.g. `array.rwos`.
    public var path: String
    /// The known key of the same object closest to the unknown one, if any is close.
    public var suggestion: String?
    /// The keys the object may have.
    public var knownKeys: [String]
  }
}

/// A value of the wrong type or out of range for the Swift type it is decoded into.
public struct JSONDecodingProblem: Error, Hashable, Sendable, CustomStringConvertible {
  /// Dotted path of the value (empty for the document itself).
  public var path: String
  /// What is wrong, starting with the value: `"16" is not an integer`.
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  /// A problem for the value at `codingPath`, whose message starts with the value's summary.
  public init(codingPath: [any CodingKey], found value: JSONValue?, _ expectation: String) {
    self.path = codingPath.dottedPath
    self.message = "\(value?.summary ?? "a missing value") \(expectation)"
  }

  init(_ error: DecodingError, in root: JSONValue) {
    switch error {
    case .typeMismatch(let type, let context):
      let path = context.codingPath.dottedPath
      self.init(
        codingPath: context.codingPath, found: root.value(at: path), "is not \(describeType(type))")
    case .valueNotFound(let type, let context):
      self.init(path: context.codingPath.dottedPath, message: "null is not \(describeType(type))")
    case .keyNotFound(let key, let context):
      let path = (context.codingPath + [key]).dottedPath
      self.init(path: path, message: "is missing")
    case .dataCorrupted(let context):
      let path = context.codingPath.dottedPath
      let found = root.value(at: path)?.summary ?? "the value"
      self.init(path: path, message: "\(found) is not valid: \(context.debugDescription)")
    @unknown default:
      self.init(path: "", message: "\(error)")
    }
  }

  public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// `an integer`, `a number`, `a string`, ... for a Swift type being decoded.
func describeType(_ type: Any.Type) -> String {
  switch type {
  case is Bool.Type: "a boolean"
  case is String.Type: "a string"
  case is Double.Type, is Float.Type: "a number"
  case is any FixedWidthInteger.Type: "an integer"
  default:
    if "\(type)".hasPrefix("Array") { "an array" } else { "an object" }
  }
}

extension Array where Element == any CodingKey {
  /// The keys joined with dots; array positions appear as their index.
  var dottedPath: String {
    map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
  }
}

/// Which keys of which objects the decoded types asked for.
final class DecodingLog {
  /// For each dotted object path opened as a keyed container, the keys asked for.
  private var askedKeys: [String: Set<String>] = [:]

  func opened(_ path: String) {
    if askedKeys[path] == nil { askedKeys[path] = [] }
  }

  func asked(_ key: String, in path: String) {
    askedKeys[path, default: []].insert(key)
  }

  /// Keys present in `root` under an opened object but never asked for, in path order.
  func unknownKeys(in root: JSONValue) -> [JSONValueDecoder.UnknownKey] {
    var found: [JSONValueDecoder.UnknownKey] = []
    func visit(_ value: JSONValue, path: String) {
      switch value {
      case .object(let members):
        let asked = askedKeys[path]
        for key in members.keys.sorted() {
          let childPath = path.isEmpty ? key : "\(path).\(key)"
          if let asked, !asked.contains(key) {
            let known = asked.sorted()
            found.append(
              .init(
                path: childPath, suggestion: nearestKey(to: key, in: known), knownKeys: known))
          } else if let child = members[key] {
            visit(child, path: childPath)
          }
        }
      case .array(let elements):
        for (index, element) in elements.enumerated() {
          visit(element, path: path.isEmpty ? String(index) : "\(path).\(index)")
        }
      default:
        break
      }
    }
    visit(root, path: "")
    return found
  }
}

/// The candidate closest to `word` by edit distance, when it is a plausible typo (at most a
/// third of the word's length, between 1 and 3 edits), or a case/underscore variant.
func nearestKey(to word: String, in candidates: [String]) -> String? {
  func normalized(_ text: String) -> String {
    String(text.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
  }
  if let variant = candidates.first(where: { normalized($0) == normalized(word) }) {
    return variant
  }
  let limit = max(1, min(3, word.count / 3 + 1))
  var best: (key: String, distance: Int)?
  for candidate in candidates {
    let distance = editDistance(word.lowercased(), candidate.lowercased())
    if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
  }
  return best?.key
}

/// Levenshtein distance between two strings, by Unicode scalars. O(|a|·|b|).
func editDistance(_ a: String, _ b: String) -> Int {
  let x = Array(a.unicodeScalars)
  let y = Array(b.unicodeScalars)
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  var previous = Array(0...y.count)
  var current = [Int](repeating: 0, count: y.count + 1)
  for i in 1...x.count {
    current[0] = i
    for j in 1...y.count {
      let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
      current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    swap(&previous, &current)
  }
  return previous[y.count]
}

/// A coding key for array positions and for keys of dictionaries.
struct TreeKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(stringValue: String) { self.stringValue = stringValue }
  init(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
}

/// The `Decoder` over one node of the tree.
struct TreeDecoder: Decoder {
  var value: JSONValue
  var codingPath: [any CodingKey]
  let log: DecodingLog
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let members) = value else {
      throw JSONDecodingProblem(codingPath: codingPath, found: value, "is not an object")
    }
    log.opened(codingPath.dottedPath)
    return KeyedDecodingContainer(
      TreeKeyedContainer<Key>(members: members, codingPath: codingPath, log: log))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let elements) = value else {
      throw JSONDecodingProblem(codingPath: codingPath, found: value, "is not an array")
    }
    return TreeUnkeyedContainer(elements: elements, codingPath: codingPath, log: log)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    TreeSingleValueContainer(value: value, codingPath: codingPath, log: log)
  }
}

struct TreeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let members: [String: JSONValue]
  let codingPath: [any CodingKey]
  let log: DecodingLog

  var allKeys: [Key] {
    members.keys.sorted().compactMap { key in
      log.asked(key, in: codingPath.dottedPath)
      return Key(stringValue: key)
    }
  }

  func contains(_ key: Key) -> Bool {
    log.asked(key.stringValue, in: codingPath.dottedPath)
    return members[key.stringValue] != nil
  }

  private func member(_ key: Key) throws -> JSONValue {
    log.asked(key.stringValue, in: codingPath.dottedPath)
    guard let value = members[key.stringValue] else {
      throw JSONDecodingProblem(path: (codingPath + [key]).dottedPath, message: "is missing")
    }
    return value
  }

  func decodeNil(forKey key: Key) throws -> Bool {
    try member(key) == .null
  }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try T(from: TreeDecoder(value: member(key), codingPath: codingPath + [key], log: log))
  }

  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeValue(type, key) }
  func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeValue(type, key) }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeValue(type, key) }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeValue(type, key) }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeValue(type, key) }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeValue(type, key) }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeValue(type, key) }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeValue(type, key) }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeValue(type, key) }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeValue(type, key) }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeValue(type, key) }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeValue(type, key) }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeValue(type, key) }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeValue(type, key) }

  private func decodeValue<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
    try T(from: TreeDecoder(value: member(key), codingPath: codingPath + [key], log: log))
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type, forKey key: Key
  ) throws -> KeyedDecodingContainer<NestedKey> {
    try TreeDecoder(value: member(key), codingPath: codingPath + [key], log: log)
      .container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try TreeDecoder(value: member(key), codingPath: codingPath + [key], log: log)
      .unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    TreeDecoder(value: .object(members), codingPath: codingPath, log: log)
  }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    TreeDecoder(value: try member(key), codingPath: codingPath + [key], log: log)
  }
}

struct TreeUnkeyedContainer: UnkeyedDecodingContainer {
  let elements: [JSONValue]
  let codingPath: [any CodingKey]
  let log: DecodingLog
  var currentIndex = 0

  init(elements: [JSONValue], codingPath: [any CodingKey], log: DecodingLog) {
    self.elements = elements
    self.codingPath = codingPath
    self.log = log
  }

  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  private mutating func next() throws -> (JSONValue, [any CodingKey]) {
    let path = codingPath + [TreeKey(intValue: currentIndex)]
    guard !isAtEnd else {
      throw JSONDecodingProblem(
        path: codingPath.dottedPath, message: "has too few elements (\(elements.count))")
    }
    defer { currentIndex += 1 }
    return (elements[currentIndex], path)
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd else { return false }
    if elements[currentIndex] == .null {
      currentIndex += 1
      return true
    }
    return false
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let (value, path) = try next()
    return try T(from: TreeDecoder(value: value, codingPath: path, log: log))
  }

  mutating func decode(_ type: Bool.Type) throws -> Bool { try decodeValue(type) }
  mutating func decode(_ type: String.Type) throws -> String { try decodeValue(type) }
  mutating func decode(_ type: Double.Type) throws -> Double { try decodeValue(type) }
  mutating func decode(_ type: Float.Type) throws -> Float { try decodeValue(type) }
  mutating func decode(_ type: Int.Type) throws -> Int { try decodeValue(type) }
  mutating func decode(_ type: Int8.Type) throws -> Int8 { try decodeValue(type) }
  mutating func decode(_ type: Int16.Type) throws -> Int16 { try decodeValue(type) }
  mutating func decode(_ type: Int32.Type) throws -> Int32 { try decodeValue(type) }
  mutating func decode(_ type: Int64.Type) throws -> Int64 { try decodeValue(type) }
  mutating func decode(_ type: UInt.Type) throws -> UInt { try decodeValue(type) }
  mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeValue(type) }
  mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeValue(type) }
  mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeValue(type) }
  mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeValue(type) }

  private mutating func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
    let (value, path) = try next()
    return try T(from: TreeDecoder(value: value, codingPath: path, log: log))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type
  ) throws -> KeyedDecodingContainer<NestedKey> {
    let (value, path) = try next()
    return try TreeDecoder(value: value, codingPath: path, log: log).container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let (value, path) = try next()
    return try TreeDecoder(value: value, codingPath: path, log: log).unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder {
    let (value, path) = try next()
    return TreeDecoder(value: value, codingPath: path, log: log)
  }
}

/// Where scalars are finally read and type-checked.
struct TreeSingleValueContainer: SingleValueDecodingContainer {
  let value: JSONValue
  let codingPath: [any CodingKey]
  let log: DecodingLog

  func decodeNil() -> Bool { value == .null }

  private func problem(_ expectation: String) -> JSONDecodingProblem {
    JSONDecodingProblem(codingPath: codingPath, found: value, expectation)
  }

  func decode(_ type: Bool.Type) throws -> Bool {
    guard case .bool(let bool) = value else { throw problem("is not a boolean (true or false)") }
    return bool
  }

  func decode(_ type: String.Type) throws -> String {
    guard case .string(let string) = value else { throw problem("is not a string") }
    return string
  }

  func decode(_ type: Double.Type) throws -> Double {
    switch value {
    case .integer(let integer): return Double(integer)
    case .number(let number): return number
    default: throw problem("is not a number")
    }
  }

  func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

  private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
    switch value {
    case .integer(let integer):
      guard let exact = T(exactly: integer) else {
        throw problem("is not an integer in \(T.min)...\(T.max)")
      }
      return exact
    case .number(let number):
      guard number == number.rounded() else { throw problem("is not an integer") }
      guard let exact = T(exactly: number) else {
        throw problem("is not an integer in \(T.min)...\(T.max)")
      }
      return exact
    default:
      throw problem("is not an integer")
    }
  }

  func decode(_ type: Int.Type) throws -> Int { try integer(type) }
  func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
  func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
  func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
  func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
  func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

  func decode<T: Decodable>(_ type: T.Type) throws -> T {
    try T(from: TreeDecoder(value: value, codingPath: codingPath, log: log))
  }
}
