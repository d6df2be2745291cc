import Hardware
import LayerTrace
import Simulator

/// SCALE-Sim 3.0.0's `COMPUTE_REPORT.csv`, written from vitsim's results.
///
/// Same column names, `, ` separators and trailing commas as SCALE-Sim; floats in shortest
/// round-trip form like Python's `str()`. One row per GEMM record (vector records have no
/// SCALE-Sim counterpart), numbered from 0. See ``ScaleSimCompatibility/ComputeRow`` for how
/// each value relates to vitsim's counts; "Total Cycles (incl. prefetch)" equals "Total
/// Cycles" because SCALE-Sim's DRAM prefetch model is not reproduced.
enum ScaleSimReport {
  static let header =
    "LayerID, Total Cycles (incl. prefetch), Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,"

  static func writeComputeReport(
    trace: LayerTrace, result: SimulationResult, to output: inout some TextOutputStream
  ) {
    output.write(header)
    output.write("\n")
    var layerID = 0
    for (record, op) in zip(trace.records, result.ops) {
      guard
        let row = ScaleSimCompatibility.computeRow(
          layerID: layerID, record: record, stats: op.array, on: result.chip.array)
      else { continue }
      let fields = [
        String(row.layerID), String(row.totalCyclesInclPrefetch), String(row.totalCycles),
        String(row.stallCycles), String(row.overallUtilPercent),
        String(row.mappingEfficiencyPercent), String(row.computeUtilPercent),
      ]
      output.write(fields.joined(separator: ", "))
      output.write(",\n")
      layerID += 1
    }
  }
}
