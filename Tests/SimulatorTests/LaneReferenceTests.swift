import Hardware
import Testing

@testable import Simulator

/// `K′ = ceil(K / L)`, restated here independently of the library.
private func laneWords(k: Int, lanes: Int) -> Int { (k + lanes - 1) / lanes }

/// Folds × cycles per fold of a dense GEMM with reduction `k` words (formulas.md (c)), restated
/// independently of the library; true count.
func denseCycles(rows: Int, cols: Int, dataflow: Dataflow, m: Int, k: Int, n: Int) -> Int {
  func ceilDiv(_ x: Int, _ y: Int) -> Int { (x + y - 1) / y }
  switch dataflow {
  case .outputStationary: return ceilDiv(m, rows) * ceilDiv(n, cols) * (rows + cols + k - 2)
  case .weightStationary: return ceilDiv(k, rows) * ceilDiv(n, cols) * (2 * rows + cols + m - 2)
  case .inputStationary: return ceilDiv(k, rows) * ceilDiv(m, cols) * (2 * rows + cols + n - 2)
  }
}

/// The first index where two products differ (nil when equal), to keep failure reports short.
func firstDifference(_ actual: [Int32], _ expected: [Int32]) -> Int? {
  if actual.count != expected.count { return min(actual.count, expected.count) }
  return actual.indices.first { actual[$0] != expected[$0] }
}

struct LaneReferenceTests {
  @Test func `INT4 with 2 lanes on a 2x2 array, M=K=N=3, by hand`() throws {
    // A = [[1,2,3],[4,5,6],[7,-8,-1]], W = [[1,0,-1],[2,1,0],[0,3,1]] (all in −8...7).
    // Row 2 by hand: (7+(−16)+0, 0+(−8)+(−3), −7+0+(−1)) = (−9, −11, −8).
    let a: [Int8] = [1, 2, 3, 4, 5, 6, 7, -8, -1]
    let w: [Int8] = [1, 0, -1, 2, 1, 0, 0, 3, 1]
    let expected: [Int32] = [5, 11, 2, 14, 23, 2, -9, -11, -8]
    // K = 3 in 2 lanes: K′ = 2 words (the second zero-filled in lane 1). os: 4 folds of
    // R+C+K′−2 = 4 cycles = 16 (dense INT8 would take 4 × 5 = 20). ws: rows ← K′ = 2, one row
    // fold, 2 column folds of 2R+C+M−2 = 7 cycles = 14 (dense: 4 × 7 = 28, two row folds).
    let array = PEArrayReference(rows: 2, cols: 2)
    let os = try array.multiply(
      a, w, m: 3, k: 3, n: 3, dataflow: .outputStationary, operation: .int4(lanes: 2))
    #expect(os.product == expected)
    #expect(os.reductionWords == 2)
    #expect(os.counters.cycles == 16)
    #expect(os.counters.macs == 3 * 2 * 3)
    let ws = try array.multiply(
      a, w, m: 3, k: 3, n: 3, dataflow: .weightStationary, operation: .int4(lanes: 2))
    #expect(ws.product == expected)
    #expect(ws.counters.cycles == 14)
    #expect(ws.counters.folds == 2)
  }

  /// The lane operations exercised at random, with their `L`.
  static let operations: [PEArrayReference.Operation] = [
    .int4(lanes: 2), .int4(lanes: 1), .int4(lanes: 3), .int4(lanes: 16),
    .dense(weightBits: 8, activationBits: 4, lanes: 2),
    .dense(weightBits: 4, activationBits: 8, lanes: 2),
    .dense(weightBits: 8, activationBits: 8, lanes: 2),
    .dense(weightBits: 2, activationBits: 2, lanes: 8),
  ]

  /// Random INT4 L = 2 GEMMs (and the other lane operations) on random arrays against the
  /// Int64 product, with the cycles of a dense GEMM of `K′ = ceil(K/L)` words.
  ///
  /// 4 chunks × 150 cases; the first two chunks are INT4 L = 2 only, the others draw from
  /// `operations`. Sizes as in `PEArrayReferenceTests`, at most 60 000 estimated PE updates.
  @Test(arguments: 0..<4)
  func `random lane GEMMs match the oracle in ceil(K over L) words`(chunk: Int) {
    let limits = ReferenceCheck.Limits(maxDimension: 300, maxArraySide: 32, maxPEUpdates: 60_000)
    let operations = chunk < 2 ? [.int4(lanes: 2)] : Self.operations
    let outcomes = ReferenceCheck.run(
      cases: 150, seed: 0x1A4E_0000 + UInt64(chunk), limits: limits, operations: operations
    ) { c in
      denseCycles(
        rows: c.rows, cols: c.cols, dataflow: c.dataflow, m: c.m,
        k: laneWords(k: c.k, lanes: c.operation.lanes), n: c.n)
    }
    for outcome in outcomes {
      let c = outcome.testCase
      #expect(outcome.productMatches, "\(c)")
      #expect(outcome.reductionWords == laneWords(k: c.k, lanes: c.operation.lanes), "\(c)")
      #expect(outcome.cyclesMatch, "\(c): \(outcome.referenceCycles) ≠ \(outcome.expectedCycles)")
      #expect(outcome.macsMatch, "\(c)")
      if !outcome.passed { return }
    }
    #expect(Set(outcomes.map(\.testCase.dataflow)).count == 3)
  }

  @Test func `lane operations the reference cannot run are rejected`() {
    for (operation, message) in [
      (PEArrayReference.Operation.int4(lanes: 17), "lanes = 17 is not in 1...16"),
      (.dense(weightBits: 1, activationBits: 8, lanes: 1), "weightBits = 1 is not in 2...8"),
      (.dense(weightBits: 8, activationBits: 16, lanes: 1), "activationBits = 16 is not in 2...8"),
      (.dense(weightBits: 8, activationBits: 8, lanes: 0), "lanes = 0 is not in 1...8"),
    ] {
      #expect(operation.problem?.hasPrefix(message) == true, "\(operation)")
      #expect(throws: PEArrayReference.InputError.self) {
        _ = try PEArrayReference(rows: 1, cols: 1).multiply(
          [1], [1], m: 1, k: 1, n: 1, dataflow: .outputStationary, operation: operation)
      }
    }
    #expect(PEArrayReference.Operation.int8.problem == nil)
    #expect(PEArrayReference.Operation.int8 == .dense(lanes: 1))
  }
}
