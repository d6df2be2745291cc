import Hardware
import LayerTrace
import Simulator
import Testing

/// The PE-level reference's stepped cycle count equals the fast engine's closed form.
struct ReferenceVsFastEngineTests {
  static func fastCycles(
    _ rows: Int, _ cols: Int, _ dataflow: Dataflow, _ m: Int, _ k: Int, _ n: Int
  ) throws -> Int {
    let array = SystolicArray(rows: rows, cols: cols, dataflow: dataflow, clockMHz: 1000)
    let record = TraceRecord.gemm(name: "x", kind: .matmul, m: m, k: k, n: n)
    return try ArrayEngine.stats(for: record, on: array, sparseWeights: .dense).computeCycles.count
  }

  /// 4 chunks × 300 seeded cases, M, K, N in 1...300, arrays 1×1...32×32 (non-square too).
  @Test(arguments: 0..<4)
  func `reference cycles equal the fast engine on random GEMMs`(_ chunk: Int) throws {
    let limits = ReferenceCheck.Limits(maxPEUpdates: 150_000)
    let outcomes = try ReferenceCheck.run(cases: 300, seed: 0xFA57 + UInt64(chunk), limits: limits)
    {
      try Self.fastCycles($0, $1, $2, $3, $4, $5)
    }
    #expect(outcomes.count == 300)
    for outcome in outcomes where !outcome.passed {
      Issue.record(
        "\(outcome.testCase): reference \(outcome.referenceCycles) vs fast \(outcome.expectedCycles), product ok \(outcome.productMatches)"
      )
    }
  }

  @Test(arguments: Dataflow.allCases)
  func `large edge shapes agree`(_ dataflow: Dataflow) throws {
    for (rows, cols, m, k, n) in [
      (1, 1, 1, 1, 1), (32, 1, 7, 300, 3), (1, 32, 300, 5, 33), (8, 16, 17, 33, 9),
    ] {
      let testCase = ReferenceCheck.Case(
        rows: rows, cols: cols, dataflow: dataflow, m: m, k: k, n: n, dataSeed: 7)
      let outcome = try ReferenceCheck.check(testCase) {
        try Self.fastCycles($0, $1, $2, $3, $4, $5)
      }
      #expect(
        outcome.passed, "\(testCase): \(outcome.referenceCycles) vs \(outcome.expectedCycles)")
    }
  }
}
