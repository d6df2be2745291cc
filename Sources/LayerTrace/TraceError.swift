/// A problem found while reading a trace (or a SCALE-Sim topology) from text: where it is and
/// what was expected, printable as one line.
public struct TraceError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file (or `<stdin>`, or a caller-chosen label) the text came from.
  public var file: String
  /// 1-based line number; 0 when the problem is not tied to a line (e.g. an empty file).
  public var line: Int
  /// The column the problem is in, when there is one.
  public var column: String?
  /// What was wrong and what was expected.
  public var message: String

  public init(file: String, line: Int, column: String? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line: column 'c': message`.
  public var description: String {
    var text = line > 0 ? "\(file):\(line): " : "\(file): "
    if let column { text += "column '\(column)': " }
    return text + message
  }
}
