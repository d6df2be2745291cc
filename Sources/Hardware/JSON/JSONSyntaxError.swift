/// Text that is not valid JSON: where the parser stopped and why.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
  /// 1-based line of the offending character.
  public var line: Int
  /// 1-based column (in Unicode scalars) of the offending character.
  public var column: Int
  public var message: String

  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// `line L, column C: message`.
  public var description: String { "line \(line), column \(column): \(message)" }
}
