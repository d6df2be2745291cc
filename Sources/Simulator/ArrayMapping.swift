import Hardware

/// How one GEMM `[M×K]·[K×N]` is laid onto an R×C systolic array, SCALE-Sim 3.0.0's way.
///
/// | dataflow | Sr, on the R rows | Sc, on the C columns | T, streamed | cycles per fold |
/// |---|---|---|---|---|
/// | os | M | N | K | R + C + T − 2 |
/// | ws | K | N | M | 2R + C + T − 2 |
/// | is | K | M | N | 2R + C + T − 2 |
///
/// The operand is cut into `rowFolds = ⌈Sr/R⌉` by `colFolds = ⌈Sc/C⌉` tiles ("folds"), run one
/// after the other, column fold outer and row fold inner, each starting only when the previous
/// one has drained. In os the fill (R−1), the feed (T) and the drain (C−1) of a fold overlap as
/// in SCALE-Sim; ws and is first spend R cycles loading the stationary tile. Only the last row
/// fold and the last column fold may be partial ("edge" folds).
///
/// On a PE with integer lanes or a sparse core the reduction is counted in packed words (K is
/// the number of words, see ``Reduction``); a precision pair decomposed into `passes` narrower
/// multiplies streams each element `passes` cycles (T·passes), and a sparse core's select
/// stage may add cycles per fold.
public struct ArrayMapping: Hashable, Sendable {
  public var dataflow: Dataflow
  /// R and C of the array.
  public var arrayRows: Int
  public var arrayCols: Int
  /// Sr: the extent mapped onto the R rows.
  public var spatialRows: Int
  /// Sc: the extent mapped onto the C columns.
  public var spatialCols: Int
  /// T: the extent streamed through the array in time, cycles of feed per fold.
  public var temporal: Int
  /// ⌈Sr/R⌉.
  public var rowFolds: Int
  /// ⌈Sc/C⌉.
  public var colFolds: Int
  /// rowFolds · colFolds.
  public var folds: Int
  /// Cycles from a fold's first input to its last output, fill and drain included:
  /// `fixed + T·passes`.
  public var cyclesPerFold: Int
  /// Cycles each streamed element occupies a PE (1 unless a precision pair is decomposed).
  public var passes: Int

  /// The mapping of `[m×k]·[k×n]` on `array`, or nil when a count overflows `Int`.
  ///
  /// - Precondition: `m`, `k`, `n` ≥ 1 and the array sides ≥ 1 (validated records and chips).
  /// Complexity: O(1).
  @inlinable
  public init?(
    m: Int, k: Int, n: Int, on array: SystolicArray, passes: Int = 1, extraCyclesPerFold: Int = 0
  ) {
    let r = array.rows
    let c = array.cols
    let sr: Int
    let sc: Int
    let t: Int
    let fixed: Int  // cycles per fold besides T: R+C−2 (os) or 2R+C−2 (ws, is); ≤ 3·65536
    switch array.dataflow {
    case .outputStationary: (sr, sc, t, fixed) = (m, n, k, r + c - 2)
    case .weightStationary: (sr, sc, t, fixed) = (k, n, m, 2 * r + c - 2)
    case .inputStationary: (sr, sc, t, fixed) = (k, m, n, 2 * r + c - 2)
    }
    let rowFolds = (sr - 1) / r + 1
    let colFolds = (sc - 1) / c + 1
    let (folds, foldsOverflow) = rowFolds.multipliedReportingOverflow(by: colFolds)
    let (stream, streamOverflow) = t.multipliedReportingOverflow(by: passes)
    let (cyclesPerFold, cyclesOverflow) = stream.addingReportingOverflow(fixed + extraCyclesPerFold)
    guard !foldsOverflow, !streamOverflow, !cyclesOverflow else { return nil }
    self.dataflow = array.dataflow
    self.arrayRows = r
    self.arrayCols = c
    self.spatialRows = sr
    self.spatialCols = sc
    self.temporal = t
    self.rowFolds = rowFolds
    self.colFolds = colFolds
    self.folds = folds
    self.cyclesPerFold = cyclesPerFold
    self.passes = passes
  }

  /// The same mapping with the streamed dimension cut to `temporal` (≥ 1) elements: what one
  /// part of a product runs when the memory schedule splits the streamed dimension.
  public func withTemporal(_ temporal: Int) -> ArrayMapping {
    var copy = self
    copy.cyclesPerFold = cyclesPerFold - (self.temporal - temporal) * passes
    copy.temporal = temporal
    return copy
  }

  /// Cycles of one product, `folds · cyclesPerFold`, or nil on overflow.
  @inlinable
  public var cycles: Int? {
    let (product, overflow) = folds.multipliedReportingOverflow(by: cyclesPerFold)
    return overflow ? nil : product
  }

  /// The mean over folds of the fraction of PEs holding work, `(used rows·used cols)/(R·C)`.
  ///
  /// SCALE-Sim's "Mapping Efficiency" (as a fraction, not a percent). Because the used rows
  /// of the row folds sum to Sr and the used columns of the column folds to Sc, the sum over
  /// all folds of used rows·used cols is exactly Sr·Sc, so the mean is `Sr·Sc/(F·R·C)`: full
  /// and edge folds need no separate grouping. O(1).
  @inlinable
  public var mappingEfficiency: Double {
    Double(spatialRows) * Double(spatialCols)
      / (Double(folds) * Double(arrayRows) * Double(arrayCols))
  }

  /// SCALE-Sim's "Compute Util" as a fraction: the mean over folds of
  /// `used rows·used cols·T / (R·C·h)`, with `h = cyclesPerFold` for os and
  /// `cyclesPerFold + C − 1` for ws and is (SCALE-Sim divides by the height of the unskewed
  /// demand matrix plus its width minus one there).
  ///
  /// Equal to `mappingEfficiency · T / h`. It ignores stalls, and for ws/is its denominator is
  /// C − 1 cycles longer than a fold; ``ArrayOpStats/utilization`` is the plain fraction of
  /// PE-cycles doing a MAC. O(1).
  @inlinable
  public var scaleSimComputeUtilization: Double {
    let height =
      dataflow == .outputStationary ? cyclesPerFold : cyclesPerFold + arrayCols - 1
    return mappingEfficiency * Double(temporal) / Double(height)
  }
}
