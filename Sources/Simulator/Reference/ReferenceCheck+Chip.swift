import Hardware
import LayerTrace

extension PEArrayReference.Operation {
  /// A chip whose PE runs this operation: an `rows`×`cols` array with exactly this precision
  /// pair in its lanes table and, for a sparse operation, exactly its pattern in the sparse
  /// core; everything else is the default chip's.
  public func chip(rows: Int, cols: Int, dataflow: Dataflow) -> Chip {
    var chip = Chip.default
    chip.name = "verify"
    chip.array = SystolicArray(rows: rows, cols: cols, dataflow: dataflow, clockMHz: 1000)
    chip.lanes = IntegerLanes(
      macsPerCycle: [PrecisionPair(weightBits: weightBits, actBits: activationBits): lanes],
      unsupported: .reject)
    if case .structured(let n, let m) = sparsity {
      chip.sparseCore = SparseCore(
        patterns: [SparseCore.Pattern(n: n, m: m)], selectCyclesPerFold: 0)
    } else {
      chip.sparseCore = SparseCore(patterns: [], selectCyclesPerFold: 0)
    }
    return chip
  }

  /// The trace record of an `[m×k]·[k×n]` product with this operation's widths and sparsity.
  public func record(m: Int, k: Int, n: Int) -> TraceRecord {
    .gemm(
      name: "verify", kind: .linear, m: m, k: k, n: n, weightBits: weightBits,
      actBits: activationBits, outBits: 8, sparsity: sparsity)
  }
}
