import Hardware
import LayerTrace
import Simulator

/// The one-row summary CSV of `vitsim simulate --summary FILE`, and the rows of a sweep.
///
/// | column | unit / meaning |
/// |---|---|
/// | model, chip | names |
/// | quant, sparsity | the recipe and N:M option that set the trace's bits (from its `quant` labels; `mixed` when records differ) |
/// | array_rows, array_cols, dataflow, clock_mhz | the array |
/// | sram_bytes | total SRAM capacity, bytes |
/// | dram_bytes_per_cycle, dram_latency_cycles | DRAM bandwidth at the clock and latency |
/// | vector_lanes | vector-unit lanes |
/// | ops, macs | trace records; multiply-accumulates the array ran |
/// | compute_cycles, vector_cycles, exposed_vector_cycles, stall_cycles, total_cycles | cycles; total = compute + exposed vector + stall |
/// | latency_ms | total_cycles / clock, milliseconds |
/// | utilization | macs / (total_cycles · rows · cols), a fraction |
/// | sram_read_bytes, sram_write_bytes | bytes between SRAM and the array |
/// | dram_read_bytes, dram_write_bytes, dram_*_bytes | bytes between DRAM and SRAM, by operand |
/// | energy_mac_pj, energy_sram_pj, energy_dram_pj, energy_vector_pj, energy_static_pj, energy_pj | Σ op energies by part and in total, picojoules |
/// | area_mm2 | array + SRAM + vector unit, mm² |
/// | edp_pj_s | energy_pj × latency in seconds, pJ·s |
enum SummaryReport {
  static let columns = [
    "model", "chip", "quant", "sparsity", "array_rows", "array_cols", "dataflow", "clock_mhz",
    "sram_bytes", "dram_bytes_per_cycle", "dram_latency_cycles", "vector_lanes", "ops", "macs",
    "compute_cycles", "vector_cycles", "exposed_vector_cycles", "stall_cycles", "total_cycles",
    "latency_ms", "utilization", "sram_read_bytes", "sram_write_bytes", "dram_read_bytes",
    "dram_write_bytes", "dram_input_read_bytes", "dram_weight_read_bytes",
    "dram_metadata_read_bytes", "dram_psum_read_bytes", "dram_psum_write_bytes",
    "dram_output_write_bytes", "energy_mac_pj", "energy_sram_pj", "energy_dram_pj",
    "energy_vector_pj", "energy_static_pj", "energy_pj", "area_mm2", "edp_pj_s",
  ]

  /// The values of one row, in ``columns`` order.
  static func values(trace: LayerTrace, result: SimulationResult, model: String) -> [String] {
    let chip = result.chip
    let totals = result.totals
    let dram = totals.dram
    let (quant, sparsity) = quantColumns(trace)
    var values: [String] = [
      model, chip.name, quant, sparsity, String(chip.array.rows), String(chip.array.cols),
      chip.array.dataflow.rawValue, String(chip.array.clockMHz),
      chip.memory.sramBytes.map(String.init) ?? "",
      String(chip.memory.dram.bytesPerCycle(atMHz: chip.array.clockMHz)),
      String(chip.memory.dram.latencyCycles), String(chip.vectorUnit.lanes),
      String(trace.records.count), String(totals.macs), String(totals.computeCycles.count),
      String(totals.vectorCycles), String(totals.exposedVectorCycles), String(totals.stallCycles),
      String(totals.totalCycles.count), String(result.latencyMilliseconds),
      String(totals.utilization), String(totals.sramReadBytes), String(totals.sramWriteBytes),
      String(dram.readBytes), String(dram.writeBytes), String(dram.inputReadBytes),
      String(dram.weightReadBytes), String(dram.metadataReadBytes),
      String(dram.partialSumReadBytes), String(dram.partialSumWriteBytes),
      String(dram.outputWriteBytes),
    ]
    values += totals.energy.parts.map { String($0.picojoules) }
    values += [
      String(totals.energy.totalPicojoules), String(result.area.totalSquareMillimetres),
      String(result.energyDelayProduct),
    ]
    return values
  }

  /// The summary CSV: the header and one row.
  static func csv(trace: LayerTrace, result: SimulationResult, model: String) -> String {
    columns.joined(separator: ",") + "\n"
      + values(trace: trace, result: result, model: model).joined(separator: ",") + "\n"
  }

  /// (quant, sparsity) from the records' `quant` labels (`name` or `name+N:M`).
  static func quantColumns(_ trace: LayerTrace) -> (String, String) {
    let labels = Set(trace.records.map(\.quant))
    guard labels.count == 1, let label = labels.first else {
      return labels.isEmpty ? (TraceRecord.defaultQuant, "dense") : ("mixed", "mixed")
    }
    let parts = label.split(separator: "+", maxSplits: 1)
    return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "dense")
  }
}
