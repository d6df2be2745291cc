/// A model that cannot be built as asked: an image size the architecture cannot take, a batch
/// below 1, sizes whose products overflow `Int`, or a malformed custom graph.
///
/// The message is one line that names the offending value and says what is accepted, e.g.
/// `image size 230 does not keep Swin's 7×7 windows whole; use a multiple of 224 such as 224, 448`.
public struct ModelError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was wrong and what is accepted, as one line.
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
