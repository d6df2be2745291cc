/// A trace record the simulator cannot cost: which one and why, printable as one line.
public struct SimulationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// 0-based index of the record in the trace.
  public var index: Int
  /// The record's name.
  public var name: String
  public var message: String

  public init(index: Int, name: String, message: String) {
    self.index = index
    self.name = name
    self.message = message
  }

  /// `op INDEX 'NAME': message`.
  public var description: String { "op \(index) '\(name)': \(message)" }
}
