/// A constant operand of the graph: a trainable tensor used directly (a class token, a position
/// embedding), a table derived from parameters when the model is built (Swin's relative-position
/// bias, gathered from its bias table), or a fixed buffer (Swin's attention mask).
///
/// Constants add no record; the vector ops that read one report its size as `weightElements`.
public struct Constant: Hashable, Sendable {
  /// How a constant relates to the model's trainable parameters.
  public enum Source: Hashable, Sendable {
    /// The constant is itself a trainable parameter of the same name and shape.
    case trainable
    /// The constant is computed once from one trainable parameter, named relative to the
    /// builder's current scope (e.g. a bias gathered from `relative_position_bias_table`).
    case derived(from: String, shape: [Int])
    /// The constant is a fixed, non-trainable buffer (no parameters).
    case buffer
  }

  /// The full hierarchical name.
  public var name: String
  /// The constant's shape, in elements.
  public var shape: [Int]
  /// The number of elements stored.
  public var elementCount: Int
  /// The trainable parameters behind the constant (none for a buffer).
  public var parameters: [Parameter]
}
