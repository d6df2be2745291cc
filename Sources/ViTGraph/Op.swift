import LayerTrace

/// One node of a graph: a named operation with the tensors it reads and writes, the trainable
/// parameters it owns, and the trace record it lowers to.
///
/// The record is computed (with overflow checks) when the builder adds the op, so lowering a
/// finished graph cannot fail.
public struct Op: Hashable, Sendable {
  /// The unique hierarchical name, following PyTorch module names where there is a module
  /// (`layers.1.blocks.0.attn.qkv`) and naming the step otherwise (`layers.1.blocks.0.attn.qk`).
  public var name: String
  public var operation: Operation
  /// The operands as the op sees them (after any views).
  public var inputs: [Tensor]
  public var output: Tensor
  /// The trainable parameters the op owns (weight and bias, norm affine), PyTorch layout.
  public var parameters: [Parameter]
  /// The op as one trace record.
  public var record: TraceRecord

  /// The number of trainable scalars the op owns.
  public var parameterCount: Int {
    parameters.reduce(0) { $0 + $1.count }
  }
}
