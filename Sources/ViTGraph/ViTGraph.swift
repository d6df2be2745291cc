import LayerTrace

/// A model as a graph of named ops in execution order, with its parameters; it knows nothing
/// about hardware.
///
/// Build one with ``GraphBuilder`` (or take a built-in model from ``ModelCatalog``) and lower it
/// to a ``LayerTrace`` with ``lowered()``.
public struct ViTGraph: Sendable {
  /// The model name, e.g. `swin-tiny`.
  public var name: String
  /// The graph inputs (an image batch for the built-in models).
  public var inputs: [Tensor]
  /// The ops in execution order; each lowers to exactly one trace record.
  public var ops: [Op]
  /// The constant operands (class tokens, position embeddings, bias tables, masks).
  public var constants: [Constant]
  /// The result (the logits for the built-in models).
  public var output: Tensor
  /// Every trainable parameter, in the order the builder added them.
  public var parameters: [Parameter]
  /// The number of trainable parameters (scalars), exact; independent of the batch.
  public var parameterCount: Int

  /// The graph as a layer trace: one record per op, in execution order, with 8-bit weights,
  /// activations and outputs and dense weights.
  ///
  /// Each record's `inputs` lists the ops whose outputs it reads (through any views), in
  /// operand order; constants and graph inputs are not listed. Every record passes
  /// `TraceRecord.problems()`, and every name is unique.
  public func lowered() -> LayerTrace {
    LayerTrace(
      records: ops.map { op in
        var record = op.record
        record.inputs = op.inputs.compactMap { tensor in
          if case .op(let producer) = tensor.source { return producer }
          return nil
        }
        return record
      })
  }
}
