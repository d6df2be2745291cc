/// Choices the chip does not (yet) make, passed to ``simulate(_:on:options:)``.
public struct SimulationOptions: Hashable, Sendable {
  /// How N:M weights are run; ``SparseWeightHandling/chip`` (the chip's sparse core) by
  /// default.
  public var sparseWeights: SparseWeightHandling

  public init(sparseWeights: SparseWeightHandling = .chip) {
    self.sparseWeights = sparseWeights
  }
}
