import Hardware

// MARK: Design note
//
// The PE-level reference steps an R×C grid of processing-element registers cycle by cycle on
// real integer data (INT8, narrower lanes, N:M-compressed INT8). It exists to prove the closed-form engine right, so nothing in it computes
// a cycle count: the count is the number of stepped cycles in which some PE register held a
// datum, until the array has drained.
//
// Every cycle is a two-phase update: each PE computes its next registers from its neighbours'
// current registers (and the edge feeders'), then the current and next buffers are swapped.
// Every moving register carries a tag (empty bubble, zero pad, real word; `TokenTag`).
//
// Mapping of `[M×K]·[K×N]` (formulas.md (b)): os rows←M, cols←N, streamed T=K; ws rows←K,
// cols←N, T=M; is rows←K, cols←M, T=N. Folds: row tiles of R, column tiles of C, column fold
// outermost, run back to back from an empty array. An edge fold streams zero-padded words over
// the whole array, so it takes the full-array time.
//
// os (`OutputStationaryArray`): A rows enter the left edge skewed (row i from cycle i), W
//   columns the top edge skewed (column j from cycle j); words hop one PE per cycle right /
//   down; PE (i,j) multiplies what it latched and accumulates its own output, read out when
//   the fold ends. Word k meets PE (i,j) in cycle k+i+j, so the last PE's last MAC is in cycle
//   (T−1)+(R−1)+(C−1): a fold is R+C+T−2 cycles. SCALE-Sim: the ifmap demand Aᵀ (T×R) skewed
//   by row, and the filter demand W (T×C) skewed by column, are exactly these feeder streams;
//   its ofmap demand puts all writes in the last R+C−1 rows ending in row R+C+T−3, the cycle
//   our last PE finishes (it orders the writes of the tile upside-down, which changes which
//   output is written when, but not the count).
// ws (`StationaryArray<WeightsHeld>`): preload shifts the R×C weight tile down the columns,
//   one row per cycle, bottom row first (R cycles, = SCALE-Sim's row-flipped filter demand in
//   the first R rows). Then A streams from the left skewed (row i from stream cycle i), and
//   partial sums flow down: PE (i,j) sees activation row m in cycle R+m+i+j, and the sum for
//   output (m, j) leaves the bottom PE in cycle R+m+(R−1)+j — exactly SCALE-Sim's ofmap demand
//   ((2R−1) idle rows + O skewed by column). The last leaves in cycle 2R+C+T−3: a fold is
//   2R+C+T−2 cycles. Row folds (K slices) add their partial sums into the output.
// is (`StationaryArray<InputsHeld>`): the same registers with the input tile Aᵀ held and Wᵀ
//   streaming; column j of the array is output row m, the streamed index is n.
//
// SCALE-Sim's report is (demand rows − 1) because it prints the 0-based index of the last
// cycle; this reference counts cycles, i.e. the demand rows themselves.
//
// Lanes and N:M sparsity plug in as a `PEOperation` (see there): the operands are packed into
// words along the reduction (K → K′ words) before they enter, and the array only moves words.
// The cycle count of a lane or sparse GEMM is therefore that of a dense GEMM with K′ in place of
// K, because that is what the stepped registers do, not because anything here says so.

/// A cycle-stepped simulation of an `rows × cols` systolic array's PE registers on integer data.
///
/// Use it to check the closed-form engine: `multiply` returns the Int32 product computed by the
/// simulated PEs and the number of cycles the stepped array took, for dense INT8 PEs or for
/// another ``Operation`` (integer lanes, N:M sparse weights). See the design note at the top of
/// this file for the register model of each dataflow.
public struct PEArrayReference: Sendable, Hashable {
  /// The largest reduction length `K` accepted: `2^17 − 1`, so that `K` products of two Int8
  /// (each of magnitude ≤ 2^14) always fit an Int32 accumulator.
  public static let maxReduction = (1 << 17) - 1

  /// Number of PE rows, `R ≥ 1`.
  public let rows: Int
  /// Number of PE columns, `C ≥ 1`.
  public let cols: Int

  /// An array of `rows × cols` PEs. Traps unless both are at least 1.
  public init(rows: Int, cols: Int) {
    precondition(rows >= 1 && cols >= 1, "a PE array needs at least one row and one column")
    self.rows = rows
    self.cols = cols
  }

  /// What a reference run counted.
  public struct Counters: Sendable, Hashable {
    /// Cycles of all folds: per fold, the stepped cycles from its first through the last one
    /// in which some PE register held a datum (preload included). Folds run back to back.
    public var cycles = 0
    /// Of `cycles`, the cycles spent shifting stationary tiles in (ws/is only).
    public var preloadCycles = 0
    /// Number of folds (array-sized tiles) run.
    public var folds = 0
    /// Simulation steps: `cycles` plus one step per fold that observed the drained array.
    public var steps = 0
    /// PE register updates performed: `steps × rows × cols`.
    public var peUpdates = 0
    /// PE operations whose two operand words were both real (not pad): `M·K′·N`. For dense
    /// INT8 that is the multiply-accumulates `M·K·N`; with lanes or N:M sparsity each counts
    /// one PE cycle of `L` lane products (including zero-filled lanes).
    public var macs = 0

    public init() {}

    mutating func record(foldCycles: Int, preloadCycles: Int, steps: Int, peCount: Int, macs: Int) {
      cycles += foldCycles
      self.preloadCycles += preloadCycles
      folds += 1
      self.steps += steps
      peUpdates += steps * peCount
      self.macs += macs
    }
  }

  /// The outcome of one GEMM on the reference array.
  public struct Result: Sendable, Hashable {
    /// `A·W`, `[M × N]` row-major.
    public var product: [Int32]
    /// Cycles, folds, steps, PE updates and MACs of the run.
    public var counters: Counters
    /// `K′`: the words the reduction was packed into (`K` for dense INT8), as the operation's
    /// packers produced them.
    public var reductionWords: Int
  }

  /// Multiplies `a [m×k]` by `w [k×n]` (row-major Int8) on the simulated array of dense INT8
  /// PEs (``Operation/int8``; see ``multiply(_:_:m:k:n:dataflow:operation:)`` for the others).
  ///
  /// - Parameters:
  ///   - a: the activations, `m·k` values, row-major.
  ///   - w: the weights, `k·n` values, row-major.
  ///   - m: tokens (rows of `a`), ≥ 1.
  ///   - k: reduction length, `1 ... maxReduction`.
  ///   - n: output features (columns of `w`), ≥ 1.
  ///   - dataflow: which operand stays in the PEs.
  /// - Returns: the Int32 product `[m×n]` and the counters; `counters.cycles` is the true
  ///   number of cycles (SCALE-Sim's "Total Cycles" plus 1).
  /// - Complexity: O(folds · cycles per fold · rows · cols) time, i.e. roughly
  ///   O(ceil(Sr/R)·ceil(Sc/C)·(2R+C+T)·R·C); O(R·C + m·n + inputs) space.
  public func multiply(
    _ a: [Int8], _ w: [Int8], m: Int, k: Int, n: Int, dataflow: Dataflow
  ) -> Result {
    var sink = NoCycleSink()
    do {
      return try run(DenseInt8MAC(), a, w, m: m, k: k, n: n, dataflow: dataflow, sink: &sink)
    } catch {
      preconditionFailure("dense INT8 packing accepts every Int8: \(error)")
    }
  }

  /// The generic driver: packs the operands for `op`, maps them onto the array for
  /// `dataflow` and runs the register model, telling `sink` about every counted cycle.
  /// Specialised per `Op` and `Sink` at compile time.
  ///
  /// - Throws: ``InputError`` when `op` cannot pack an operand (a value too wide, a group
  ///   breaking the N:M pattern).
  func run<Op: PEOperation, Sink: ReferenceCycleSink>(
    _ op: Op, _ a: [Int8], _ w: [Int8], m: Int, k: Int, n: Int, dataflow: Dataflow,
    sink: inout Sink
  ) throws(InputError) -> Result {
    precondition(m >= 1 && n >= 1, "GEMM dimensions must be at least 1")
    precondition(k >= 1 && k <= Self.maxReduction, "reduction length must be 1...2^17-1")
    precondition(a.count == m * k, "a must hold m·k values")
    precondition(w.count == k * n, "w must hold k·n values")

    let aWords = try op.packActivations(a, m: m, k: k)  // [m × kWords]
    let wWords = try op.packWeights(w, k: k, n: n)  // [kWords × n]
    let kWords = wWords.count / n
    precondition(
      kWords >= 1 && wWords.count == kWords * n && aWords.count == m * kWords,
      "the packers must agree on the reduction's word count")
    var counters = Counters()
    let product: [Int32]
    switch dataflow {
    case .outputStationary:
      product = OutputStationaryArray<Op>.run(
        op: op, rows: rows, cols: cols, left: aWords, top: wWords, sr: m, sc: n, t: kWords,
        counters: &counters, sink: &sink)
    case .weightStationary:
      product = StationaryArray<WeightsHeld<Op>>.run(
        role: WeightsHeld(op: op), rows: rows, cols: cols, held: wWords, streamed: aWords,
        sr: kWords, sc: n, t: m,
        counters: &counters, sink: &sink)
    case .inputStationary:
      // Held: Aᵀ [kWords × m]; streamed: Wᵀ [n × kWords]; the array computes Oᵀ [n × m].
      let transposedProduct = StationaryArray<InputsHeld<Op>>.run(
        role: InputsHeld(op: op), rows: rows, cols: cols,
        held: transposed(aWords, rows: m, cols: kWords),
        streamed: transposed(wWords, rows: kWords, cols: n), sr: kWords, sc: m, t: n,
        counters: &counters, sink: &sink)
      product = transposed(transposedProduct, rows: n, cols: m)
    }
    return Result(product: product, counters: counters, reductionWords: kWords)
  }
}

/// The transpose of a row-major `[rows × cols]` matrix, as a row-major `[cols × rows]` one.
/// O(rows·cols).
func transposed<Element>(_ matrix: [Element], rows: Int, cols: Int) -> [Element] {
  precondition(matrix.count == rows * cols)
  guard let first = matrix.first else { return [] }
  var result = [Element](repeating: first, count: matrix.count)
  for r in 0..<rows {
    for c in 0..<cols {
      result[c * rows + r] = matrix[r * cols + c]
    }
  }
  return result
}
