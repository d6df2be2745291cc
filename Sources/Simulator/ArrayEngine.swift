import Hardware
import LayerTrace

/// The fast systolic-array model: closed-form cycles, utilization and SRAM traffic per record.
///
/// Cycle-exact with SCALE-Sim 3.0.0's compute model (its "Total Cycles" + 1 when it does not
/// stall) for every dataflow, dense and with its layer-wise N:M rule; see ``ArrayMapping`` for
/// the mapping and ``ArrayOpStats`` for the counts. The cost of a record is O(1): independent
/// of M, K, N, the array size and the number of folds.
public enum ArrayEngine {
  /// Why a record cannot be costed.
  public enum Failure: Error, Hashable, Sendable {
    /// A GEMM dim is below 1 (the trace was not validated).
    case emptyDimension
    /// A count exceeds `Int` (absurd dims on a small array).
    case overflow
  }

  /// The cost of one record on `array`, one MAC per PE per cycle (SCALE-Sim's PE).
  ///
  /// GEMM kinds (`linear`, `conv`, `matmul`) run `batch` independent products back to back,
  /// each with its own fills and drains; vector kinds return ``ArrayOpStats/idle``.
  ///
  /// - Parameters:
  ///   - sparseWeights: whether an N:M weight shrinks K (see ``SparseWeightHandling``;
  ///     `.chip` runs densely here, as there is no chip).
  /// - Throws: ``Failure`` for a GEMM dim below 1 or a count that overflows `Int`.
  /// Complexity: O(1).
  @inlinable
  public static func stats(
    for record: TraceRecord, on array: SystolicArray, sparseWeights: SparseWeightHandling
  ) throws(Failure) -> ArrayOpStats {
    let k = sparseWeights.effectiveK(k: record.k, sparsity: record.sparsity)
    return try stats(
      for: record, on: array, words: k, passes: 1, extraCyclesPerFold: 0, multipliedPerOutput: k)
  }

  /// The cost of one record on `array` with its reduction as ``Reduction`` packs it.
  /// O(1).
  @inlinable
  public static func stats(
    for record: TraceRecord, on array: SystolicArray, reduction: Reduction
  ) throws(Failure) -> ArrayOpStats {
    try stats(
      for: record, on: array, words: reduction.words, passes: reduction.passes,
      extraCyclesPerFold: reduction.extraCyclesPerFold,
      multipliedPerOutput: reduction.multipliedPerOutput)
  }

  /// The cost of one record whose reduction runs in `words` words of `passes` cycles.
  ///
  /// SRAM counts are in words; `macs` counts the multiplies performed
  /// (`batch·M·multipliedPerOutput·N`).
  @inlinable
  static func stats(
    for record: TraceRecord, on array: SystolicArray, words k: Int, passes: Int,
    extraCyclesPerFold: Int, multipliedPerOutput: Int
  ) throws(Failure) -> ArrayOpStats {
    guard record.kind.isGEMM else { return .idle }
    let batch = record.batch
    let m = record.m
    let n = record.n
    guard batch >= 1, m >= 1, k >= 1, n >= 1 else { throw .emptyDimension }
    guard
      let mapping = ArrayMapping(
        m: m, k: k, n: n, on: array, passes: passes, extraCyclesPerFold: extraCyclesPerFold),
      let productCycles = mapping.cycles
    else { throw .overflow }
    let cycles = try multiply(productCycles, batch)
    let macs = try multiply(multiply(multiply(batch, m), multipliedPerOutput), n)
    let r = array.rows
    let c = array.cols
    let input: Int
    let weight: Int
    let output: Int
    switch array.dataflow {
    case .outputStationary:
      input = try multiply(multiply(m, k), mapping.colFolds)  // ⌈N/C⌉ column folds
      weight = try multiply(multiply(k, n), mapping.rowFolds)  // ⌈M/R⌉ row folds
      output = try multiply(m, n)
    case .weightStationary:
      input = try multiply(multiply(m, k), mapping.colFolds)  // ⌈N/C⌉
      weight = try multiply(k, n)
      output = try multiply(multiply(m, n), mapping.rowFolds)  // ⌈K/R⌉ partial-sum passes
    case .inputStationary:
      input = try multiply(m, k)
      weight = try multiply(multiply(k, n), mapping.colFolds)  // ⌈M/C⌉
      output = try multiply(multiply(m, n), mapping.rowFolds)  // ⌈K/R⌉ partial-sum passes
    }
    return ArrayOpStats(
      mapping: mapping, effectiveK: k, computeCycles: Cycles(cycles), macs: macs,
      mappingEfficiency: mapping.mappingEfficiency,
      computeUtilization: mapping.scaleSimComputeUtilization,
      utilization: Double(macs) / (Double(cycles) * Double(r) * Double(c)),
      sramInputReadElements: try multiply(input, batch),
      sramWeightReadElements: try multiply(weight, batch),
      sramOutputWriteElements: try multiply(output, batch))
  }

  @inlinable
  static func multiply(_ a: Int, _ b: Int) throws(Failure) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    if overflow { throw .overflow }
    return product
  }
}
