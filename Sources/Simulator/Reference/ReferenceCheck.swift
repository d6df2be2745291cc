import Hardware

/// Random end-to-end checks of the PE-level reference, for tests and `vitsim verify`.
///
/// Each case draws an array shape, a dataflow, GEMM dims and (from a caller's list) a PE
/// operation, fills A and W with seeded random values that fit the operation (narrow ranges
/// for lanes; for N:M, weights pruned to the pattern), runs `PEArrayReference`, and compares
/// - the product with a plain triple-loop matrix product of the same (pruned) values
///   (computed in Int64, so it cannot share an overflow bug with the array), and
/// - the reference's cycle count with a number supplied by the caller (the fast engine, or an
///   independent closed form in the tests), which receives the whole case: K, lanes, sparsity.
public enum ReferenceCheck {
  /// One random case: array shape, dataflow, GEMM dims and the seed of its data.
  public struct Case: Sendable, Hashable, CustomStringConvertible {
    public var rows: Int
    public var cols: Int
    public var dataflow: Dataflow
    public var m: Int
    public var k: Int
    public var n: Int
    /// Seed of the case's A and W values (`ReferenceCheck.operands(for:)`).
    public var dataSeed: UInt64
    /// What the PEs do: dense INT8 unless a caller asks for lanes or N:M sparsity.
    public var operation: PEArrayReference.Operation

    public init(
      rows: Int, cols: Int, dataflow: Dataflow, m: Int, k: Int, n: Int, dataSeed: UInt64 = 0,
      operation: PEArrayReference.Operation = .int8
    ) {
      self.rows = rows
      self.cols = cols
      self.dataflow = dataflow
      self.m = m
      self.k = k
      self.n = n
      self.dataSeed = dataSeed
      self.operation = operation
    }

    public var description: String {
      let op = operation == .int8 ? "" : " \(operation)"
      return
        "\(dataflow.rawValue) \(rows)x\(cols)\(op) M=\(m) K=\(k) N=\(n) data seed \(dataSeed)"
    }
  }

  /// What one case gave.
  public struct Outcome: Sendable, Hashable {
    public var testCase: Case
    /// Cycles the stepped reference array took (true count).
    public var referenceCycles: Int
    /// Cycles the caller's model predicts for the same case.
    public var expectedCycles: Int
    public var folds: Int
    public var peUpdates: Int
    /// Real (non-pad) PE operations the PEs performed; `M·K′·N` when right.
    public var macs: Int
    /// `K′`, the words the reduction was packed into (`K` for dense INT8).
    public var reductionWords: Int
    /// Whether the array's product equals the plain matrix product.
    public var productMatches: Bool

    public var cyclesMatch: Bool { referenceCycles == expectedCycles }
    public var macsMatch: Bool { macs == testCase.m * reductionWords * testCase.n }
    public var passed: Bool { productMatches && cyclesMatch && macsMatch }
  }

  /// Bounds for drawing random cases.
  public struct Limits: Sendable, Hashable {
    /// M, K and N are drawn log-uniformly (by octave) in `1 ... maxDimension`.
    public var maxDimension: Int
    /// Array rows and columns are drawn independently, log-uniformly, in `1 ... maxArraySide`.
    public var maxArraySide: Int
    /// If set, a draw whose estimated PE updates exceed it is redrawn (the estimate
    /// `folds·(2R+C+T)·R·C` only bounds run time; it plays no part in any check).
    public var maxPEUpdates: Int?

    public init(maxDimension: Int = 300, maxArraySide: Int = 32, maxPEUpdates: Int? = nil) {
      precondition(maxDimension >= 1 && maxDimension <= PEArrayReference.maxReduction)
      precondition(maxArraySide >= 1)
      precondition(maxPEUpdates.map { $0 >= 1 } ?? true)
      self.maxDimension = maxDimension
      self.maxArraySide = maxArraySide
      self.maxPEUpdates = maxPEUpdates
    }
  }

  /// Draws `count` dense INT8 cases from `seed`, runs each and returns their outcomes in order.
  ///
  /// - Parameters:
  ///   - count: number of cases.
  ///   - seed: the generator seed; the same seed gives the same cases.
  ///   - limits: the ranges the cases are drawn from.
  ///   - expectedCycles: the caller's cycle model, called as
  ///     `(rows, cols, dataflow, m, k, n)`; its result is compared with the reference.
  /// - Complexity: per case, that of `PEArrayReference.multiply` plus O(M·K·N).
  public static func run(
    cases count: Int, seed: UInt64, limits: Limits = Limits(),
    expectedCycles: (
      _ rows: Int, _ cols: Int, _ dataflow: Dataflow, _ m: Int, _ k: Int, _ n: Int
    ) throws -> Int
  ) rethrows -> [Outcome] {
    try run(cases: count, seed: seed, limits: limits, operations: [.int8]) { c in
      try expectedCycles(c.rows, c.cols, c.dataflow, c.m, c.k, c.n)
    }
  }

  /// Draws `count` cases from `seed`, each with an operation drawn uniformly from
  /// `operations`, runs each and returns their outcomes in order.
  ///
  /// - Parameters:
  ///   - count: number of cases.
  ///   - seed: the generator seed; the same seed and operations give the same cases.
  ///   - limits: the ranges the cases are drawn from.
  ///   - operations: the PE operations to draw from (each must be supported: its `problem`
  ///     is nil).
  ///   - expectedCycles: the caller's cycle model, given the whole case (array, dataflow,
  ///     M, K, N and the operation with its lanes and sparsity); its result is compared with
  ///     the reference.
  /// - Complexity: per case, that of `PEArrayReference.multiply` plus O(M·K·N).
  public static func run(
    cases count: Int, seed: UInt64, limits: Limits = Limits(),
    operations: [PEArrayReference.Operation],
    expectedCycles: (Case) throws -> Int
  ) rethrows -> [Outcome] {
    var rng = SplitMix64(seed: seed)
    var outcomes: [Outcome] = []
    outcomes.reserveCapacity(count)
    for _ in 0..<count {
      let testCase = randomCase(using: &rng, limits: limits, operations: operations)
      outcomes.append(try check(testCase, expectedCycles: expectedCycles))
    }
    return outcomes
  }

  /// Runs one case and compares it with the plain product and the caller's cycle model, which
  /// is called as `(rows, cols, dataflow, m, k, n)` with the original `K` (use the `Case`
  /// overload for an operation other than dense INT8).
  public static func check(
    _ testCase: Case,
    expectedCycles: (
      _ rows: Int, _ cols: Int, _ dataflow: Dataflow, _ m: Int, _ k: Int, _ n: Int
    ) throws -> Int
  ) rethrows -> Outcome {
    try check(testCase) { c in try expectedCycles(c.rows, c.cols, c.dataflow, c.m, c.k, c.n) }
  }

  /// Runs one case and compares it with the plain product and the caller's cycle model.
  public static func check(
    _ testCase: Case, expectedCycles: (Case) throws -> Int
  ) rethrows -> Outcome {
    let (a, w) = operands(for: testCase)
    let array = PEArrayReference(rows: testCase.rows, cols: testCase.cols)
    let result: PEArrayReference.Result
    do {
      result = try array.multiply(
        a, w, m: testCase.m, k: testCase.k, n: testCase.n, dataflow: testCase.dataflow,
        operation: testCase.operation)
    } catch {
      preconditionFailure("the operands drawn for \(testCase) do not fit it: \(error)")
    }
    let expected = try expectedCycles(testCase)
    return Outcome(
      testCase: testCase, referenceCycles: result.counters.cycles, expectedCycles: expected,
      folds: result.counters.folds, peUpdates: result.counters.peUpdates,
      macs: result.counters.macs, reductionWords: result.reductionWords,
      productMatches: result.product
        == plainProduct(a, w, m: testCase.m, k: testCase.k, n: testCase.n))
  }

  /// Draws one case within `limits`, its operation uniformly from `operations` (no draw is
  /// spent on it when there is one, so dense INT8 cases are the same as before operations
  /// existed). O(1) expected.
  public static func randomCase(
    using rng: inout SplitMix64, limits: Limits = Limits(),
    operations: [PEArrayReference.Operation] = [.int8]
  ) -> Case {
    precondition(!operations.isEmpty, "draw from at least one operation")
    precondition(operations.allSatisfy { $0.problem == nil }, "every operation must be supported")
    while true {
      let dataflow = Dataflow.allCases[rng.below(Dataflow.allCases.count)]
      let rows = rng.logUniform(in: 1...limits.maxArraySide)
      let cols = rng.logUniform(in: 1...limits.maxArraySide)
      let m = rng.logUniform(in: 1...limits.maxDimension)
      let k = rng.logUniform(in: 1...limits.maxDimension)
      let n = rng.logUniform(in: 1...limits.maxDimension)
      let dataSeed = rng.next()
      let operation =
        operations.count == 1 ? operations[0] : operations[rng.below(operations.count)]
      let testCase = Case(
        rows: rows, cols: cols, dataflow: dataflow, m: m, k: k, n: n, dataSeed: dataSeed,
        operation: operation)
      if let budget = limits.maxPEUpdates, estimatedPEUpdates(testCase) > budget { continue }
      return testCase
    }
  }

  /// The case's operands: A `[m×k]` and W `[k×n]`, row-major, fitting its operation.
  ///
  /// Values are drawn over the whole range of the operation's widths (`Int8`, or e.g.
  /// `-8...7` for 4 bits); one matrix in four is drawn from the two extremes of the range only,
  /// to exercise the accumulator bound. For `.sparse(n: N, m: M, ...)`, W is then pruned
  /// column by column (``pruned(_:k:n:keep:of:using:)``). O(m·k + k·n).
  public static func operands(for testCase: Case) -> (a: [Int8], w: [Int8]) {
    var rng = SplitMix64(seed: testCase.dataSeed)
    let op = testCase.operation
    let a = randomMatrix(count: testCase.m * testCase.k, bits: op.activationBits, using: &rng)
    var w = randomMatrix(count: testCase.k * testCase.n, bits: op.weightBits, using: &rng)
    if case .sparse(let keep, let group, _) = op {
      w = pruned(w, k: testCase.k, n: testCase.n, keep: keep, of: group, using: &rng)
    }
    return (a, w)
  }

  /// `w [k×n]` pruned to `keep:group` along the reduction (down each column, groups of
  /// `group` consecutive rows, the last one possibly short).
  ///
  /// Three groups in four keep exactly `min(keep, group length)` values at random positions
  /// (a kept zero is replaced by 1, so the count is exact); the fourth keeps fewer, a uniform
  /// count in `0 ..< keep`. Everything else is zeroed. O(k·n).
  public static func pruned(
    _ w: [Int8], k: Int, n: Int, keep: Int, of group: Int, using rng: inout SplitMix64
  ) -> [Int8] {
    precondition(w.count == k * n && keep >= 1 && keep <= group)
    var result = [Int8](repeating: 0, count: w.count)
    var positions: [Int] = []
    for column in 0..<n {
      var first = 0
      while first < k {
        let length = min(group, k - first)
        let full = min(keep, length)
        let count = rng.below(4) == 0 ? rng.below(keep) : full
        positions = Array(0..<length)
        for i in 0..<min(count, length) {  // a partial Fisher–Yates shuffle picks the positions
          positions.swapAt(i, i + rng.below(length - i))
          let row = first + positions[i]
          let value = w[row * n + column]
          result[row * n + column] = value == 0 ? 1 : value
        }
        first += group
      }
    }
    return result
  }

  /// `a [m×k] · w [k×n]` by the textbook triple loop, summed in Int64 and converted exactly.
  /// O(m·k·n).
  public static func plainProduct(_ a: [Int8], _ w: [Int8], m: Int, k: Int, n: Int) -> [Int32] {
    precondition(a.count == m * k && w.count == k * n)
    var product = [Int32](repeating: 0, count: m * n)
    for row in 0..<m {
      for col in 0..<n {
        var sum: Int64 = 0
        for r in 0..<k {
          sum += Int64(a[row * k + r]) * Int64(w[r * n + col])
        }
        product[row * n + col] = Int32(sum)
      }
    }
    return product
  }

  /// `count` values of a `bits`-wide two's-complement range (`2...8`); with probability 1/4
  /// all are drawn from the range's two extremes.
  static func randomMatrix(count: Int, bits: Int = 8, using rng: inout SplitMix64) -> [Int8] {
    let extremesOnly = rng.below(4) == 0
    let low = Int8(truncatingIfNeeded: -(1 << (bits - 1)))
    let high = Int8(truncatingIfNeeded: (1 << (bits - 1)) - 1)
    let shift = UInt8(8 - bits)
    return (0..<count).map { _ in
      let random = UInt8(truncatingIfNeeded: rng.next())
      // The top `bits` bits, shifted down arithmetically: uniform over the range.
      return extremesOnly
        ? (random & 1 == 0 ? low : high) : Int8(bitPattern: random) >> shift
    }
  }

  /// A generous upper estimate of a case's PE updates, used only to keep draws in a budget
  /// (the reduction is taken as `K` words, plus one group when sparse: at least `K′`).
  static func estimatedPEUpdates(_ c: Case) -> Int {
    var k = c.k
    if case .sparse(_, let group, _) = c.operation { k += group }
    let (spatialRows, spatialCols, streamed): (Int, Int, Int)
    switch c.dataflow {
    case .outputStationary: (spatialRows, spatialCols, streamed) = (c.m, c.n, k)
    case .weightStationary: (spatialRows, spatialCols, streamed) = (k, c.n, c.m)
    case .inputStationary: (spatialRows, spatialCols, streamed) = (k, c.m, c.n)
    }
    let folds =
      ((spatialRows + c.rows - 1) / c.rows) * ((spatialCols + c.cols - 1) / c.cols)
    return folds * (2 * c.rows + c.cols + streamed) * c.rows * c.cols
  }
}
