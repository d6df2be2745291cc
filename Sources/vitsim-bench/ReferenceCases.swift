import Simulator

extension BenchmarkCase {
  /// The PE-level reference on its fixed workload (M=197, K=192, N=192 on 32×32, all three
  /// dataflows, one core): the figure to read is PE-updates/s (target ≥ 50 M).
  static func referenceCases() -> [BenchmarkCase] {
    let (updates, _) = PEArrayReference.benchmarkWorkload()
    return [
      BenchmarkCase(
        name: "reference/gemm-197x192x192/array-32x32", macsPerRun: 3 * 197 * 192 * 192,
        opsPerRun: 3, peUpdatesPerRun: updates,
        run: {
          let (_, checksum) = PEArrayReference.benchmarkWorkload()
          return Int(truncatingIfNeeded: checksum)
        })
    ]
  }
}
