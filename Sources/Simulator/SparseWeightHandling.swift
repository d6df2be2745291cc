import LayerTrace

/// How the array engine treats a record's N:M-sparse static weight.
public enum SparseWeightHandling: Hashable, Sendable {
  /// As the chip's sparse core says (``Reduction``): compressed and skipped when the chip
  /// supports the pattern, dense (zeros stored and multiplied) when it has no sparse core, an
  /// error when its sparse core lacks the pattern. The default.
  case chip
  /// The weight is stored and multiplied densely, zeros included: sparsity changes nothing.
  case dense
  /// SCALE-Sim 3.0.0's layer-wise rule: the reduction dimension shrinks to
  /// `K' = (K div m)·n + min(K mod m, n)` and the op runs as a dense GEMM of that depth, reading
  /// only the kept activations. For 2:4 and K divisible by 4, K' = K/2.
  case condensed

  /// The reduction depth SCALE-Sim runs for a record: K, or K' for a condensed N:M weight.
  ///
  /// Only `linear` and `conv` records carry weight sparsity. O(1).
  @inlinable
  public func effectiveK(k: Int, sparsity: Sparsity) -> Int {
    switch (self, sparsity) {
    case (.dense, _), (.chip, _), (_, .dense):
      return k
    case (.condensed, .structured(let n, let m)):
      return (k / m) * n + Swift.min(k % m, n)
    }
  }
}
