import Hardware
import Testing

@testable import Simulator

/// The closed-form cycles of formulas.md (c), restated here independently of the library:
/// folds × cycles per fold, true count (SCALE-Sim's report + 1).
private func closedFormCycles(
  rows: Int, cols: Int, dataflow: Dataflow, m: Int, k: Int, n: Int
) -> Int {
  func ceilDiv(_ x: Int, _ y: Int) -> Int { (x + y - 1) / y }
  switch dataflow {
  case .outputStationary: return ceilDiv(m, rows) * ceilDiv(n, cols) * (rows + cols + k - 2)
  case .weightStationary: return ceilDiv(k, rows) * ceilDiv(n, cols) * (2 * rows + cols + m - 2)
  case .inputStationary: return ceilDiv(k, rows) * ceilDiv(m, cols) * (2 * rows + cols + n - 2)
  }
}

private func closedFormFolds(
  rows: Int, cols: Int, dataflow: Dataflow, m: Int, k: Int, n: Int
) -> Int {
  func ceilDiv(_ x: Int, _ y: Int) -> Int { (x + y - 1) / y }
  switch dataflow {
  case .outputStationary: return ceilDiv(m, rows) * ceilDiv(n, cols)
  case .weightStationary: return ceilDiv(k, rows) * ceilDiv(n, cols)
  case .inputStationary: return ceilDiv(k, rows) * ceilDiv(m, cols)
  }
}

/// The textbook product in Int32 with checked arithmetic (a trap would be an oracle bug).
private func tripleLoopProduct(_ a: [Int8], _ w: [Int8], m: Int, k: Int, n: Int) -> [Int32] {
  var product = [Int32](repeating: 0, count: m * n)
  for i in 0..<m {
    for j in 0..<n {
      var sum: Int32 = 0
      for r in 0..<k { sum += Int32(a[i * k + r]) * Int32(w[r * n + j]) }
      product[i * n + j] = sum
    }
  }
  return product
}

/// The first index where two products differ (nil when equal), to keep failure reports short.
private func firstMismatch(_ actual: [Int32], _ expected: [Int32]) -> Int? {
  if actual.count != expected.count { return min(actual.count, expected.count) }
  return actual.indices.first { actual[$0] != expected[$0] }
}

struct PEArrayReferenceTests {
  // A = [[1,2,3],[4,5,6],[7,8,9]], W = [[1,0,-1],[2,1,0],[0,3,1]].
  // By hand: row 0: (1+4+0, 0+2+9, −1+0+3) = (5, 11, 2); row 1: (4+10, 5+18, −4+6) =
  // (14, 23, 2); row 2: (7+16, 8+27, −7+9) = (23, 35, 2).
  static let handA: [Int8] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
  static let handW: [Int8] = [1, 0, -1, 2, 1, 0, 0, 3, 1]
  static let handProduct: [Int32] = [5, 11, 2, 14, 23, 2, 23, 35, 2]

  @Test func `os on a 2x2 array, M=K=N=3, by hand`() {
    // Rows ← M = 3 and cols ← N = 3 give 2 × 2 = 4 folds (the edge folds use a pad row/column).
    // In a fold, A row i enters the left edge in cycles i, i+1, i+2 and W column j the top
    // edge in cycles j, j+1, j+2; word k meets PE (i,j) in cycle k+i+j. The last PE (1,1)
    // gets word 2 in cycle 2+1+1 = 4, so a fold is cycles 0…4 = 5 cycles (= R+C+T−2), and
    // the GEMM 4 × 5 = 20. The drained array is seen in one more step per fold: 24 steps.
    let result = PEArrayReference(rows: 2, cols: 2).multiply(
      Self.handA, Self.handW, m: 3, k: 3, n: 3, dataflow: .outputStationary)
    #expect(result.product == Self.handProduct)
    #expect(result.counters.cycles == 20)
    #expect(result.counters.folds == 4)
    #expect(result.counters.preloadCycles == 0)
    #expect(result.counters.steps == 24)
    #expect(result.counters.peUpdates == 24 * 4)
    #expect(result.counters.macs == 27)
  }

  @Test func `ws on a 2x2 array, M=K=N=3, by hand`() {
    // Rows ← K = 3 and cols ← N = 3: 4 folds. Per fold, the preload takes cycles 0 and 1
    // (tile row 1, then row 0, shifted down). A row m then enters array row i in cycle
    // 2+m+i; the partial sum of output (m, j) leaves the bottom PE (1, j) in cycle 2+m+1+j.
    // The last one (m = 2, j = 1) leaves in cycle 6: 7 cycles (= 2R+C+T−2), 2 of them
    // preload; the GEMM 4 × 7 = 28 cycles, 8 of them preload.
    let result = PEArrayReference(rows: 2, cols: 2).multiply(
      Self.handA, Self.handW, m: 3, k: 3, n: 3, dataflow: .weightStationary)
    #expect(result.product == Self.handProduct)
    #expect(result.counters.cycles == 28)
    #expect(result.counters.preloadCycles == 8)
    #expect(result.counters.folds == 4)
    #expect(result.counters.steps == 32)
    #expect(result.counters.macs == 27)
  }

  @Test func `is on a 2x2 array, M=K=N=3, by hand`() {
    // Rows ← K = 3 and cols ← M = 3: 4 folds. Per fold the Aᵀ tile is preloaded in cycles 0
    // and 1; W column n enters array row i in cycle 2+n+i; output (m = array column j, n)
    // leaves the bottom in cycle 2+n+1+j, the last (n = 2, j = 1) in cycle 6: 7 cycles per
    // fold, 28 in all.
    let result = PEArrayReference(rows: 2, cols: 2).multiply(
      Self.handA, Self.handW, m: 3, k: 3, n: 3, dataflow: .inputStationary)
    #expect(result.product == Self.handProduct)
    #expect(result.counters.cycles == 28)
    #expect(result.counters.preloadCycles == 8)
    #expect(result.counters.folds == 4)
    #expect(result.counters.macs == 27)
  }

  /// Records the real MACs of every counted cycle of a run.
  struct MACsPerCycle: ReferenceCycleSink {
    var macs: [Int] = []
    var preload: [Bool] = []
    mutating func recordCycle(fold: Int, cycle: Int, preload isPreload: Bool, realMACs: Int) {
      #expect(fold == 0 && cycle == macs.count)
      macs.append(realMACs)
      preload.append(isPreload)
    }
  }

  @Test(arguments: Dataflow.allCases)
  func `the skew wavefront crosses a 2x2 array cycle by cycle`(dataflow: Dataflow) throws {
    // One fold (M = K = N = 2 on 2×2). os: word k meets PE (i,j) in cycle k+i+j, so the MACs
    // per cycle are PE (0,0) | (0,0),(0,1),(1,0) | (0,1),(1,0),(1,1) | (1,1) = 1, 3, 3, 1.
    // ws/is: two preload cycles without MACs, then the same wavefront shifted by 2.
    let a: [Int8] = [1, -2, 3, 4]
    let w: [Int8] = [5, 6, -7, 8]
    var sink = MACsPerCycle()
    let result = try PEArrayReference(rows: 2, cols: 2).run(
      DenseInt8MAC(), a, w, m: 2, k: 2, n: 2, dataflow: dataflow, sink: &sink)
    // [[1·5 + (−2)(−7), 1·6 + (−2)·8], [3·5 + 4(−7), 3·6 + 4·8]] = [[19, −10], [−13, 50]].
    #expect(result.product == [19, -10, -13, 50])
    if dataflow == .outputStationary {
      #expect(sink.macs == [1, 3, 3, 1])
      #expect(sink.preload == [false, false, false, false])
    } else {
      #expect(sink.macs == [0, 0, 1, 3, 3, 1])
      #expect(sink.preload == [true, true, false, false, false, false])
    }
  }

  @Test func `a 1x1 array multiplies two scalars`() {
    // os: both words meet PE (0,0) in cycle 0: 1 cycle. ws/is: preload in cycle 0, the
    // streamed word enters and its sum leaves in cycle 1: 2 cycles.
    let array = PEArrayReference(rows: 1, cols: 1)
    let os = array.multiply([-128], [-128], m: 1, k: 1, n: 1, dataflow: .outputStationary)
    let ws = array.multiply([-128], [-128], m: 1, k: 1, n: 1, dataflow: .weightStationary)
    let inputs = array.multiply([-128], [-128], m: 1, k: 1, n: 1, dataflow: .inputStationary)
    for result in [os, ws, inputs] { #expect(result.product == [16384]) }
    #expect(os.counters.cycles == 1)
    #expect(ws.counters.cycles == 2)
    #expect(inputs.counters.cycles == 2)
  }

  @Test func `an edge fold takes the full-array time`() {
    // One word on a 4×3 array: the padded streams still cross the whole array.
    // os: the word meets PE (3,2) in cycle 0+3+2 = 5: 6 cycles. ws/is: 4 preload cycles, then
    // the last pad sum leaves PE (3,2) in cycle 4+0+3+2 = 9: 10 cycles.
    let array = PEArrayReference(rows: 4, cols: 3)
    let os = array.multiply([3], [5], m: 1, k: 1, n: 1, dataflow: .outputStationary)
    let ws = array.multiply([3], [5], m: 1, k: 1, n: 1, dataflow: .weightStationary)
    let inputs = array.multiply([3], [5], m: 1, k: 1, n: 1, dataflow: .inputStationary)
    #expect(os.product == [15] && ws.product == [15] && inputs.product == [15])
    #expect(os.counters.cycles == 6)
    #expect(ws.counters.cycles == 10)
    #expect(inputs.counters.cycles == 10)
    for result in [os, ws, inputs] {
      #expect(result.counters.macs == 1)
      #expect(result.counters.peUpdates == result.counters.steps * 12)
    }
  }

  @Test(arguments: [
    // (rows, cols, m, k, n): degenerate arrays and dims, long reductions, wide outputs.
    (1, 1, 1, 1, 1), (32, 32, 1, 1, 1), (32, 1, 1, 300, 1), (32, 1, 7, 300, 5),
    (1, 32, 300, 1, 1), (1, 32, 1, 300, 300), (1, 1, 3, 300, 2), (32, 32, 300, 1, 300),
    (32, 32, 33, 65, 31), (2, 31, 17, 64, 1), (31, 2, 1, 64, 17), (5, 32, 1, 300, 32),
  ])
  func extremeShapes(rows: Int, cols: Int, m: Int, k: Int, n: Int) {
    var rng = SplitMix64(seed: UInt64(rows * 1_000_003 + cols * 10_007 + m * 101 + k * 7 + n))
    let a = (0..<(m * k)).map { _ in Int8(truncatingIfNeeded: rng.next()) }
    let w = (0..<(k * n)).map { _ in Int8(truncatingIfNeeded: rng.next()) }
    let expected = tripleLoopProduct(a, w, m: m, k: k, n: n)
    for dataflow in Dataflow.allCases {
      let result = PEArrayReference(rows: rows, cols: cols).multiply(
        a, w, m: m, k: k, n: n, dataflow: dataflow)
      #expect(firstMismatch(result.product, expected) == nil, "\(dataflow)")
      #expect(
        result.counters.cycles
          == closedFormCycles(rows: rows, cols: cols, dataflow: dataflow, m: m, k: k, n: n),
        "\(dataflow)")
      #expect(result.counters.macs == m * k * n, "\(dataflow)")
    }
  }

  @Test(arguments: Dataflow.allCases)
  func `the longest reduction of extreme values fits the accumulator`(dataflow: Dataflow) {
    // K = 2^17 − 1 products of (−128)·(−128) = 2^14 sum to 2^31 − 2^14, just below Int32.max.
    let k = PEArrayReference.maxReduction
    let a = [Int8](repeating: -128, count: k)
    let w = [Int8](repeating: -128, count: k)
    // os streams K through one fold; ws/is fold K over 64 rows to stay quick in debug.
    let array = PEArrayReference(
      rows: dataflow == .outputStationary ? 1 : 64, cols: 1)
    let result = array.multiply(a, w, m: 1, k: k, n: 1, dataflow: dataflow)
    #expect(result.product == [Int32(k) * 16384])
    #expect(
      result.counters.cycles
        == closedFormCycles(
          rows: array.rows, cols: 1, dataflow: dataflow, m: 1, k: k, n: 1))
  }

  /// Property test: random shapes, arrays and data against the triple loop and closed form.
  ///
  /// Sizes: M, K, N log-uniform (by octave) in 1…300; array rows and columns independently
  /// log-uniform in 1…32 (so non-square arrays dominate); the dataflow uniform. A draw whose
  /// estimated PE updates exceed 150 000 is redrawn, which keeps the debug run short; the
  /// extreme shapes above cover the large cases. 8 chunks × 1 000 = 8 000 cases, run in
  /// parallel by Swift Testing.
  @Test(arguments: 0..<8)
  func `random GEMMs match the triple loop and the closed form`(chunk: Int) {
    var rng = SplitMix64(seed: 0x5EED_0000 + UInt64(chunk))
    let limits = ReferenceCheck.Limits(maxDimension: 300, maxArraySide: 32, maxPEUpdates: 150_000)
    for _ in 0..<1000 {
      let c = ReferenceCheck.randomCase(using: &rng, limits: limits)
      let (a, w) = ReferenceCheck.operands(for: c)
      let result = PEArrayReference(rows: c.rows, cols: c.cols).multiply(
        a, w, m: c.m, k: c.k, n: c.n, dataflow: c.dataflow)
      let expectedCycles = closedFormCycles(
        rows: c.rows, cols: c.cols, dataflow: c.dataflow, m: c.m, k: c.k, n: c.n)
      let expectedFolds = closedFormFolds(
        rows: c.rows, cols: c.cols, dataflow: c.dataflow, m: c.m, k: c.k, n: c.n)
      let mismatch = firstMismatch(
        result.product, tripleLoopProduct(a, w, m: c.m, k: c.k, n: c.n))
      #expect(mismatch == nil, "\(c)")
      #expect(result.counters.cycles == expectedCycles, "\(c)")
      #expect(result.counters.folds == expectedFolds, "\(c)")
      #expect(result.counters.macs == c.m * c.k * c.n, "\(c)")
      #expect(result.counters.steps == result.counters.cycles + result.counters.folds, "\(c)")
      #expect(
        result.counters.preloadCycles
          == (c.dataflow == .outputStationary ? 0 : c.rows * expectedFolds),
        "\(c)")
      // Stop a failing chunk at its first bad case, so the report stays readable.
      if mismatch != nil || result.counters.cycles != expectedCycles { return }
    }
  }

  @Test func `ReferenceCheck runs seeded cases against a supplied cycle model`() {
    let limits = ReferenceCheck.Limits(maxPEUpdates: 50_000)
    let outcomes = ReferenceCheck.run(cases: 40, seed: 42, limits: limits) {
      closedFormCycles(rows: $0, cols: $1, dataflow: $2, m: $3, k: $4, n: $5)
    }
    #expect(outcomes.count == 40)
    #expect(outcomes.allSatisfy { $0.passed })
    // The same seed gives the same cases; a wrong model is reported, not hidden.
    let again = ReferenceCheck.run(cases: 40, seed: 42, limits: limits) { _, _, _, _, _, _ in 0 }
    #expect(again.map(\.testCase) == outcomes.map(\.testCase))
    #expect(again.allSatisfy { !$0.cyclesMatch && $0.productMatches })
  }

  @Test func `SplitMix64 matches its published sequence and draws in range`() {
    // First outputs for seed 1234567 (reference implementation by Vigna).
    var rng = SplitMix64(seed: 1_234_567)
    #expect(rng.next() == 6_457_827_717_110_365_317)
    #expect(rng.next() == 3_203_168_211_198_807_973)
    var seen = Set<Int>()
    for _ in 0..<5000 {
      let value = rng.logUniform(in: 1...300)
      #expect((1...300).contains(value))
      seen.insert(value)
    }
    #expect(seen.contains(1) && seen.contains(300))
  }
}
