import Hardware

/// Random end-to-end checks of the PE-level reference, for tests and `vitsim verify`.
///
/// Each case draws an array shape, a dataflow and GEMM dims, fills A and W with seeded random
/// Int8 values, runs `PEArrayReference`, and compares
/// - the product with a plain triple-loop matrix product (computed in Int64, so it cannot
///   share an overflow bug with the array), and
/// - the reference's cycle count with a number supplied by the caller (the fast engine, or an
///   independent closed form in the tests).
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

    public init(
      rows: Int, cols: Int, dataflow: Dataflow, m: Int, k: Int, n: Int, dataSeed: UInt64 = 0
    ) {
      self.rows = rows
      self.cols = cols
      self.dataflow = dataflow
      self.m = m
      self.k = k
      self.n = n
      self.dataSeed = dataSeed
    }

    public var description: String {
      "\(dataflow.rawValue) \(rows)x\(cols) M=\(m) K=\(k) N=\(n) data seed \(dataSeed)"
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
    /// Real (non-pad) MACs the PEs performed; `M·K·N` when right.
    public var macs: Int
    /// Whether the array's product equals the plain matrix product.
    public var productMatches: Bool

    public var cyclesMatch: Bool { referenceCycles == expectedCycles }
    public var macsMatch: Bool { macs == testCase.m * testCase.k * testCase.n }
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

  /// Draws `count` cases from `seed`, runs each and returns their outcomes in order.
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
    var rng = SplitMix64(seed: seed)
    var outcomes: [Outcome] = []
    outcomes.reserveCapacity(count)
    for _ in 0..<count {
      let testCase = randomCase(using: &rng, limits: limits)
      outcomes.append(try check(testCase, expectedCycles: expectedCycles))
    }
    return outcomes
  }

  /// Runs one case and compares it with the plain product and the caller's cycle model.
  public static func check(
    _ testCase: Case,
    expectedCycles: (
      _ rows: Int, _ cols: Int, _ dataflow: Dataflow, _ m: Int, _ k: Int, _ n: Int
    ) throws -> Int
  ) rethrows -> Outcome {
    let (a, w) = operands(for: testCase)
    let array = PEArrayReference(rows: testCase.rows, cols: testCase.cols)
    let result = array.multiply(
      a, w, m: testCase.m, k: testCase.k, n: testCase.n, dataflow: testCase.dataflow)
    let expected = try expectedCycles(
      testCase.rows, testCase.cols, testCase.dataflow, testCase.m, testCase.k, testCase.n)
    return Outcome(
      testCase: testCase, referenceCycles: result.counters.cycles, expectedCycles: expected,
      folds: result.counters.folds, peUpdates: result.counters.peUpdates,
      macs: result.counters.macs,
      productMatches: result.product
        == plainProduct(a, w, m: testCase.m, k: testCase.k, n: testCase.n))
  }

  /// Draws one case within `limits`. O(1) expected.
  public static func randomCase(using rng: inout SplitMix64, limits: Limits = Limits()) -> Case {
    while true {
      let dataflow = Dataflow.allCases[rng.below(Dataflow.allCases.count)]
      let rows = rng.logUniform(in: 1...limits.maxArraySide)
      let cols = rng.logUniform(in: 1...limits.maxArraySide)
      let m = rng.logUniform(in: 1...limits.maxDimension)
      let k = rng.logUniform(in: 1...limits.maxDimension)
      let n = rng.logUniform(in: 1...limits.maxDimension)
      let dataSeed = rng.next()
      let testCase = Case(
        rows: rows, cols: cols, dataflow: dataflow, m: m, k: k, n: n, dataSeed: dataSeed)
      if let budget = limits.maxPEUpdates, estimatedPEUpdates(testCase) > budget { continue }
      return testCase
    }
  }

  /// The case's operands: A `[m×k]` and W `[k×n]`, row-major. One matrix in four is drawn
  /// from the extremes {−128, 127} only, to exercise the accumulator bound; the rest from the
  /// whole Int8 range. O(m·k + k·n).
  public static func operands(for testCase: Case) -> (a: [Int8], w: [Int8]) {
    var rng = SplitMix64(seed: testCase.dataSeed)
    return (
      randomMatrix(count: testCase.m * testCase.k, using: &rng),
      randomMatrix(count: testCase.k * testCase.n, using: &rng)
    )
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

  static func randomMatrix(count: Int, using rng: inout SplitMix64) -> [Int8] {
    let extremesOnly = rng.below(4) == 0
    return (0..<count).map { _ in
      let bits = UInt8(truncatingIfNeeded: rng.next())
      return extremesOnly ? (bits & 1 == 0 ? Int8.min : Int8.max) : Int8(bitPattern: bits)
    }
  }

  /// A generous upper estimate of a case's PE updates, used only to keep draws in a budget.
  static func estimatedPEUpdates(_ c: Case) -> Int {
    let (spatialRows, spatialCols, streamed): (Int, Int, Int)
    switch c.dataflow {
    case .outputStationary: (spatialRows, spatialCols, streamed) = (c.m, c.n, c.k)
    case .weightStationary: (spatialRows, spatialCols, streamed) = (c.k, c.n, c.m)
    case .inputStationary: (spatialRows, spatialCols, streamed) = (c.k, c.m, c.n)
    }
    let folds =
      ((spatialRows + c.rows - 1) / c.rows) * ((spatialCols + c.cols - 1) / c.cols)
    return folds * (2 * c.rows + c.cols + streamed) * c.rows * c.cols
  }
}
