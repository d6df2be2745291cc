import Hardware
import LayerTrace

/// SCALE-Sim 3.0.0's reported numbers for a record, rebuilt from ``ArrayOpStats`` with its
/// conventions and quirks, so that reports can be compared field by field.
///
/// Differences from vitsim's own counts, all reproduced here:
/// - "Total Cycles" is the 0-based index of the last output cycle: compute cycles − 1.
/// - "Overall Util %" divides the *dense* MACs (sparsity ignored) by that count, so a 2:4 layer
///   can show up to 200 %.
/// - os "SRAM OFMAP Writes" add R + C per fold on top of the M·N real writes.
/// - ws with an N:M weight multiplies "SRAM IFMAP Reads" by m/n, reporting the dense count (a
///   float).
/// SCALE-Sim has batch 1; a record with `batch` b is reported as b products run back to back.
public enum ScaleSimCompatibility {
  /// One row of SCALE-Sim's `COMPUTE_REPORT.csv`.
  public struct ComputeRow: Hashable, Sendable {
    public var layerID: Int
    /// "Total Cycles (incl. prefetch)". SCALE-Sim derives it from its DRAM model (the
    /// pre-compute fill and the final output drain), which vitsim does not reproduce; it is
    /// set equal to ``totalCycles``.
    public var totalCyclesInclPrefetch: Int
    /// "Total Cycles": compute cycles − 1.
    public var totalCycles: Int
    /// "Stall Cycles": 0 (SCALE-Sim's CALC mode never stalls; USER-mode stalls are not modelled).
    public var stallCycles: Int
    /// "Overall Util %": `100 · dense MACs / (totalCycles · R · C)`.
    public var overallUtilPercent: Double
    /// "Mapping Efficiency %".
    public var mappingEfficiencyPercent: Double
    /// "Compute Util %".
    public var computeUtilPercent: Double
  }

  /// SCALE-Sim's SRAM access counters ("DETAILED_ACCESS_REPORT.csv"), in one-byte words.
  public struct SRAMAccesses: Hashable, Sendable {
    /// "SRAM IFMAP Reads"; a float because of the ws sparse ×m/n factor.
    public var ifmapReads: Double
    /// "SRAM Filter Reads".
    public var filterReads: Int
    /// "SRAM OFMAP Writes", with the os +(R+C)-per-fold bug.
    public var ofmapWrites: Int
  }

  /// The COMPUTE_REPORT row of a GEMM record; nil for vector records (SCALE-Sim has none) and
  /// on overflow.
  public static func computeRow(
    layerID: Int, record: TraceRecord, stats: ArrayOpStats, on array: SystolicArray
  ) -> ComputeRow? {
    guard record.kind.isGEMM, stats.mapping != nil else { return nil }
    let totalCycles = stats.computeCycles.count - 1
    let peCycles = Double(totalCycles) * Double(array.rows) * Double(array.cols)
    let denseMACs = checkedProduct(record.batch, record.m, record.k, record.n) ?? 0
    return ComputeRow(
      layerID: layerID, totalCyclesInclPrefetch: totalCycles, totalCycles: totalCycles,
      stallCycles: 0, overallUtilPercent: 100 * Double(denseMACs) / peCycles,
      mappingEfficiencyPercent: 100 * stats.mappingEfficiency,
      computeUtilPercent: 100 * stats.computeUtilization)
  }

  /// The SRAM counters of a GEMM record; nil for vector records and on overflow.
  public static func sramAccesses(
    record: TraceRecord, stats: ArrayOpStats, on array: SystolicArray,
    sparseWeights: SparseWeightHandling
  ) -> SRAMAccesses? {
    guard record.kind.isGEMM, let mapping = stats.mapping else { return nil }
    var ifmap = Double(stats.sramInputReadElements)
    if array.dataflow == .weightStationary, sparseWeights == .condensed,
      case .structured(let n, let m) = record.sparsity
    {
      ifmap *= Double(m) / Double(n)
    }
    var ofmap = stats.sramOutputWriteElements
    if array.dataflow == .outputStationary {
      guard let extra = checkedProduct(record.batch, mapping.folds, array.rows + array.cols),
        let sum = checkedSum(of: [ofmap, extra])
      else { return nil }
      ofmap = sum
    }
    return SRAMAccesses(
      ifmapReads: ifmap, filterReads: stats.sramWeightReadElements, ofmapWrites: ofmap)
  }
}
