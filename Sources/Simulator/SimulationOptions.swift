/// Choices the chip does not (yet) make, passed to ``simulate(_:on:options:)``.
public struct SimulationOptions: Hashable, Sendable {
  /// How N:M weights are run; ``SparseWeightHandling/dense`` by default, since no chip
  /// describes a sparse core yet.
  public var sparseWeights: SparseWeightHandling

  public init(sparseWeights: SparseWeightHandling = .dense) {
    self.sparseWeights = sparseWeights
  }
}
