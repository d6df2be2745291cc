/// A SCALE-Sim `.cfg` file that vitsim cannot use: the file, the line, the key and value
/// involved, and what was expected.
public struct ScaleSimConfigError: Error, Hashable, Sendable, CustomStringConvertible {
  public var file: String
  /// 1-based line; 0 when the problem is a missing key or section.
  public var line: Int
  /// The key as written in the file, when the problem concerns one.
  public var key: String?
  /// The offending value, when there is one.
  public var value: String?
  public var message: String

  public init(file: String, line: Int, key: String? = nil, value: String? = nil, message: String) {
    self.file = file
    self.line = line
    self.key = key
    self.value = value
    self.message = message
  }

  /// `FILE:LINE: key 'K': 'V' message` (parts omitted when absent).
  public var description: String {
    var text = line > 0 ? "\(file):\(line): " : "\(file): "
    if let key { text += "key '\(key)': " }
    if let value { text += "'\(value)' " }
    return text + message
  }
}
