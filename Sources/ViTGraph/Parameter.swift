/// One trainable parameter tensor, named as PyTorch's `named_parameters()` would name it
/// (e.g. `blocks.3.attn.qkv.weight`, `cls_token`).
///
/// Only trainable parameters count: BatchNorm running statistics, Swin's attention mask and
/// relative-position index are buffers, not parameters.
public struct Parameter: Hashable, Sendable {
  /// The full hierarchical name.
  public var name: String
  /// The parameter's shape in PyTorch's layout (a linear weight is `[out, in]`).
  public var shape: [Int]
  /// The number of scalars, the product of ``shape``.
  public var count: Int
}
