import Hardware
import LayerTrace
import Testing

@testable import Simulator

/// `K′ = ceil(ceil(K / M)·N / L)`: the tail group is zero-filled to `N` slots, and `L` slots
/// go in each word. Restated here independently of the library.
private func sparseWords(k: Int, n: Int, m: Int, lanes: Int) -> Int {
  let groups = (k + m - 1) / m
  return (groups * n + lanes - 1) / lanes
}

struct SparseReferenceTests {
  @Test func `2:4 weights compress to kept values and 2-bit indices by hand`() throws {
    // One column, K = 6: group 0 = rows 0…3 = [0, 5, 0, −7] keeps positions 1, 3; group 1 =
    // rows 4, 5 (+2 zero-filled) = [0, 0 | 0, 0] keeps nothing: zero fill at positions 0, 1.
    let w: [Int8] = [0, 5, 0, -7, 0, 0]
    let l1 = SparseInt8MAC(n: 2, m: 4, lanes: 1)
    let words = try l1.packWeights(w, k: 6, n: 1)
    #expect(words.count == 4)  // 2 groups × 2 slots, one per word
    #expect(words.map { $0.values[0] } == [5, -7, 0, 0])
    #expect(words.map(\.indices) == [1, 3, 0, 1])
    // With 2 lanes both kept values share a word: indices 1 | 3 << 2.
    let l2 = SparseInt8MAC(n: 2, m: 4, lanes: 2)
    let pairs = try l2.packWeights(w, k: 6, n: 1)
    #expect(pairs.count == 2)
    #expect(pairs[0].values[0] == 5 && pairs[0].values[1] == -7 && pairs[0].indices == 1 | 3 << 2)
    // Activations: with L = 1 each group is presented in two consecutive words; with L = 2
    // once. The tail group's missing rows are 0.
    let a: [Int8] = [10, 11, 12, 13, 14, 15]
    let aWords = l1.packActivations(a, m: 1, k: 6)
    #expect(aWords.count == 4)
    #expect(aWords[0] == aWords[1] && aWords[2] == aWords[3])
    #expect((0..<4).map { aWords[2][$0] } == [14, 15, 0, 0])
    #expect(l2.packActivations(a, m: 1, k: 6).count == 2)
    // The PE selects a[1] and a[3]: 11·5 + 13·(−7) = −36.
    #expect(l2.multiplyAccumulate(0, aWords[0], pairs[0]) == -36)
    #expect(
      l1.multiplyAccumulate(l1.multiplyAccumulate(0, aWords[0], words[0]), aWords[1], words[1])
        == -36)
  }

  @Test func `1:4 with 2 lanes puts two groups in one word`() throws {
    // K = 8, one column: group 0 keeps row 2 (= 3), group 1 keeps row 5 (= −4).
    let w: [Int8] = [0, 0, 3, 0, 0, -4, 0, 0]
    let op = SparseInt8MAC(n: 1, m: 4, lanes: 2)
    let words = try op.packWeights(w, k: 8, n: 1)
    #expect(words.count == 1)
    #expect(words[0].values[0] == 3 && words[0].values[1] == -4)
    #expect(words[0].indices == 2 | 1 << 2)
    let a = op.packActivations([1, 2, 3, 4, 5, 6, 7, 8], m: 1, k: 8)
    #expect(a.count == 1)
    #expect((0..<8).map { a[0][$0] } == [1, 2, 3, 4, 5, 6, 7, 8])
    // Lane 1's mux is wired to the second group: 3·3 + (−4)·6 = −15.
    #expect(op.multiplyAccumulate(0, a[0], words[0]) == -15)
  }

  @Test func `2:4 on a 2x2 array, M=3, K=8, N=2, by hand`() throws {
    // W (8×2), 2:4 down each column; A (3×8). K′ = 2·ceil(8/4) = 4 with L = 1, 2 with L = 2.
    let w: [Int8] = [
      1, 0, 0, 2, -3, 0, 0, 0,
      0, 4, 5, 0, 0, -6, 7, 0,
    ].chunked()
    let a: [Int8] = (0..<24).map { Int8($0 % 7 - 3) }
    let expected = ReferenceCheck.plainProduct(a, w, m: 3, k: 8, n: 2)
    let array = PEArrayReference(rows: 2, cols: 2)
    for (lanes, words) in [(1, 4), (2, 2)] {
      let os = try array.multiply(
        a, w, m: 3, k: 8, n: 2, dataflow: .outputStationary,
        operation: .sparse(n: 2, m: 4, lanes: lanes))
      #expect(os.product == expected)
      #expect(os.reductionWords == words)
      // os: ceil(3/2)·ceil(2/2) = 2 folds of R+C+K′−2 = K′+2 cycles.
      #expect(os.counters.cycles == 2 * (words + 2))
      #expect(os.counters.macs == 3 * words * 2)
    }
  }

  @Test func `a group with more non-zeros than N is rejected with its rows and column`() {
    // Column 1, rows 4..<8 holds 3 non-zeros.
    var w = [Int8](repeating: 0, count: 8 * 2)
    for row in [4, 5, 7] { w[row * 2 + 1] = 1 }
    #expect {
      _ = try PEArrayReference(rows: 2, cols: 2).multiply(
        [Int8](repeating: 1, count: 8), w, m: 1, k: 8, n: 2, dataflow: .weightStationary,
        operation: .sparse(n: 2, m: 4))
    } throws: { error in
      String(describing: error)
        == "w[rows 4..<8, column 1] has 3 non-zeros; 2:4 keeps at most 2 in every group of 4"
    }
    // A short tail group is checked over its real rows: K = 6, rows 4..<6.
    #expect(throws: PEArrayReference.InputError.self) {
      _ = try PEArrayReference(rows: 1, cols: 1).multiply(
        [1, 1, 1, 1, 1, 1], [1, 0, 0, 0, 2, 3], m: 1, k: 6, n: 1, dataflow: .outputStationary,
        operation: .sparse(n: 1, m: 4))
    }
  }

  @Test func `sparse operations the reference cannot run are rejected`() {
    for (operation, message) in [
      (PEArrayReference.Operation.sparse(n: 4, m: 4), "N:M needs 1 ≤ N < M, got 4:4"),
      (.sparse(n: 0, m: 4), "N:M needs 1 ≤ N < M, got 0:4"),
      (.sparse(n: 2, m: 32), "the group size M = 32 exceeds 16"),
      (.sparse(n: 2, m: 4, lanes: 3), "lanes = 3 and N = 2: one must divide the other"),
      (.sparse(n: 1, m: 16, lanes: 2), "a word would carry 32 activations; at most 16 fit"),
      (.sparse(n: 2, m: 4, lanes: 16), "lanes = 16 is not in 1...8"),
    ] {
      #expect(operation.problem == message, "\(operation)")
    }
    #expect(PEArrayReference.Operation.sparse(n: 2, m: 4).sparsity == .twoFour)
    #expect(PEArrayReference.Operation.sparse(n: 2, m: 4, lanes: 2).lanes == 2)
  }

  @Test func `the packed word count is K′ for every K up to three groups`() throws {
    // Independent of the data: the packers' word count against the formula, K = 1…3M.
    for (n, m, lanes) in [
      (2, 4, 1), (2, 4, 2), (1, 4, 1), (1, 4, 2), (2, 8, 1), (4, 8, 1), (4, 8, 2), (2, 4, 4),
    ] {
      let op = SparseInt8MAC(n: n, m: m, lanes: lanes)
      for k in 1...(3 * m) {
        let words = try op.packWeights([Int8](repeating: 0, count: k), k: k, n: 1).count
        #expect(words == sparseWords(k: k, n: n, m: m, lanes: lanes), "\(n):\(m) L=\(lanes) K=\(k)")
        #expect(op.packActivations([Int8](repeating: 0, count: k), m: 1, k: k).count == words)
      }
    }
    // The examples of the spec: 2:4 with L = 1 is 2·ceil(K/4); with L = 2, ceil(K/4).
    #expect(sparseWords(k: 10, n: 2, m: 4, lanes: 1) == 6)
    #expect(sparseWords(k: 10, n: 2, m: 4, lanes: 2) == 3)
  }

  /// The sparse operations exercised at random.
  static let operations: [PEArrayReference.Operation] = [
    .sparse(n: 2, m: 4, lanes: 1), .sparse(n: 2, m: 4, lanes: 2), .sparse(n: 1, m: 4, lanes: 1),
    .sparse(n: 2, m: 8, lanes: 1), .sparse(n: 4, m: 8, lanes: 1), .sparse(n: 1, m: 4, lanes: 2),
    .sparse(n: 4, m: 8, lanes: 2), .sparse(n: 2, m: 4, lanes: 4),
  ]

  /// Random pruned weights on random arrays: the sparse reference computes exactly the dense
  /// product of the pruned matrix, in the cycles of a dense GEMM of `K′` words, across the
  /// three dataflows.
  ///
  /// 4 chunks × 150 cases, operations drawn from `operations` (2:4 L = 1 and L = 2 twice as
  /// often), sizes as in `PEArrayReferenceTests` with at most 60 000 estimated PE updates.
  @Test(arguments: 0..<4)
  func `random pruned GEMMs equal the dense product in K′ words`(chunk: Int) {
    let limits = ReferenceCheck.Limits(maxDimension: 300, maxArraySide: 32, maxPEUpdates: 60_000)
    let operations = Self.operations + Self.operations.prefix(2)
    let outcomes = ReferenceCheck.run(
      cases: 150, seed: 0x2_4000 + UInt64(chunk), limits: limits, operations: operations
    ) { c in
      guard case .sparse(let n, let m, let lanes) = c.operation else { return -1 }
      return denseCycles(
        rows: c.rows, cols: c.cols, dataflow: c.dataflow, m: c.m,
        k: sparseWords(k: c.k, n: n, m: m, lanes: lanes), n: c.n)
    }
    var fullGroups = 0
    var shortGroups = 0
    for outcome in outcomes {
      let c = outcome.testCase
      guard case .sparse(let n, let m, let lanes) = c.operation else { continue }
      #expect(outcome.productMatches, "\(c)")
      #expect(outcome.reductionWords == sparseWords(k: c.k, n: n, m: m, lanes: lanes), "\(c)")
      #expect(outcome.cyclesMatch, "\(c): \(outcome.referenceCycles) ≠ \(outcome.expectedCycles)")
      #expect(outcome.macsMatch, "\(c)")
      if !outcome.passed { return }
      // The drawn weights obey the pattern; count full and short groups.
      let (_, w) = ReferenceCheck.operands(for: c)
      for column in 0..<c.n {
        for first in stride(from: 0, to: c.k, by: m) {
          let rows = first..<min(first + m, c.k)
          let nonZeros = rows.filter { w[$0 * c.n + column] != 0 }.count
          #expect(nonZeros <= n)
          if nonZeros == min(n, rows.count) { fullGroups += 1 } else { shortGroups += 1 }
        }
      }
    }
    #expect(Set(outcomes.map(\.testCase.dataflow)).count == 3)
    #expect(fullGroups > 2 * shortGroups && shortGroups > 0)
  }

  @Test func `ReferenceCheck gives the cycle model the operation`() {
    let limits = ReferenceCheck.Limits(maxDimension: 64, maxArraySide: 8, maxPEUpdates: 20_000)
    let outcomes = ReferenceCheck.run(
      cases: 20, seed: 7, limits: limits, operations: [.sparse(n: 2, m: 4, lanes: 2)]
    ) { c in
      #expect(c.operation.sparsity == .twoFour && c.operation.lanes == 2)
      return denseCycles(
        rows: c.rows, cols: c.cols, dataflow: c.dataflow, m: c.m,
        k: sparseWords(k: c.k, n: 2, m: 4, lanes: 2), n: c.n)
    }
    #expect(outcomes.allSatisfy { $0.passed })
    // A model that ignores sparsity (K in place of K′) is caught whenever K′ ≠ K.
    let dense = ReferenceCheck.run(
      cases: 20, seed: 7, limits: limits, operations: [.sparse(n: 2, m: 4, lanes: 2)]
    ) { c in
      denseCycles(rows: c.rows, cols: c.cols, dataflow: c.dataflow, m: c.m, k: c.k, n: c.n)
    }
    #expect(dense.contains { !$0.cyclesMatch && $0.productMatches })
  }
}

extension Array where Element == Int8 {
  /// The two rows of 8 written above, as the row-major `[8 × 2]` matrix whose columns they are.
  fileprivate func chunked() -> [Int8] {
    precondition(count == 16)
    return (0..<8).flatMap { row in [self[row], self[8 + row]] }
  }
}
