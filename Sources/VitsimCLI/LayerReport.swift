import LayerTrace
import Simulator

/// The per-op results CSV of `vitsim simulate --layers FILE`.
///
/// One row per trace record: the trace's own columns (``LayerTrace/csvColumns``, identical
/// values), then ``resultColumns``. Integers are exact; fractions are printed with Swift's
/// shortest round-trip decimal form.
enum LayerReport {
  /// The columns after the trace's identity columns, with their units.
  ///
  /// | column | unit / meaning |
  /// |---|---|
  /// | model, chip | names |
  /// | compute_cycles | cycles the array is busy under the memory schedule, fill and drain included (0 for vector ops) |
  /// | stall_cycles | cycles lost waiting for DRAM or an SRAM port |
  /// | vector_cycles | cycles the vector unit is busy (0 for array ops) |
  /// | exposed_vector_cycles | the part of vector_cycles not hidden behind the array |
  /// | total_cycles | the op's latency: compute_cycles + exposed_vector_cycles + stall_cycles |
  /// | utilization | MACs / (compute_cycles · R · C), a fraction in 0...1 |
  /// | mapping_efficiency | mean fraction of PEs holding work, over folds |
  /// | row_folds, col_folds | tiles along the array's rows and columns, per product |
  /// | t_parts | parts the memory schedule splits the streamed dimension into (1: none) |
  /// | sram_*_bytes | SRAM traffic between the buffers and the array, bytes |
  /// | dram_*_bytes | DRAM traffic, bytes; read = input + weight + metadata + psum reads |
  /// | loop_order | the memory schedule of an array op (cols-outer, rows-outer) |
  /// | input_on_chip, output_on_chip | the op read its input from SRAM / kept its output there |
  /// | energy_mac_pj, energy_sram_pj, energy_dram_pj, energy_vector_pj, energy_static_pj | the op's energy by part, picojoules (``EnergyBreakdown``) |
  /// | energy_pj | their sum, picojoules |
  static let resultColumns = [
    "model", "chip", "compute_cycles", "stall_cycles", "vector_cycles", "exposed_vector_cycles",
    "total_cycles", "utilization", "mapping_efficiency", "row_folds", "col_folds", "t_parts",
    "sram_input_read_bytes", "sram_weight_read_bytes", "sram_output_write_bytes",
    "sram_read_bytes", "sram_write_bytes", "dram_read_bytes", "dram_write_bytes",
    "dram_input_read_bytes", "dram_weight_read_bytes", "dram_metadata_read_bytes",
    "dram_psum_read_bytes", "dram_psum_write_bytes", "dram_output_write_bytes", "loop_order",
    "input_on_chip", "output_on_chip", "energy_mac_pj", "energy_sram_pj", "energy_dram_pj",
    "energy_vector_pj", "energy_static_pj", "energy_pj",
  ]

  static var columns: [String] { LayerTrace.csvColumns + resultColumns }

  /// Writes the header and one row per op.
  ///
  /// - Precondition: `result` comes from simulating `trace` (one op per record).
  static func write(
    trace: LayerTrace, result: SimulationResult, model: String,
    to output: inout some TextOutputStream
  ) {
    precondition(trace.records.count == result.ops.count, "one result per trace record")
    output.write(columns.joined(separator: ","))
    output.write("\n")
    let identity = trace.csvText.split(separator: "\n").dropFirst()
    let chip = result.chip.name
    let (rows, cols) = (result.chip.array.rows, result.chip.array.cols)
    for (line, op) in zip(identity, result.ops) {
      let dram = op.dram
      var fields: [String] = [
        model, chip, String(op.computeCycles), String(op.stallCycles),
        String(op.vectorCycles), String(op.exposedVectorCycles), String(op.totalCycles.count),
        String(op.utilization(rows: rows, cols: cols)), String(op.array.mappingEfficiency),
        String(op.array.rowFolds), String(op.array.colFolds), String(op.temporalParts),
        String(op.sramInputReadBytes),
        String(op.sramWeightReadBytes), String(op.sramOutputWriteBytes), String(op.sramReadBytes),
        String(op.sramWriteBytes), String(dram.readBytes), String(dram.writeBytes),
        String(dram.inputReadBytes), String(dram.weightReadBytes), String(dram.metadataReadBytes),
        String(dram.partialSumReadBytes), String(dram.partialSumWriteBytes),
        String(dram.outputWriteBytes), op.loopOrder?.rawValue ?? "", String(op.inputOnChip),
        String(op.outputOnChip),
      ]
      fields += op.energy.parts.map { String($0.picojoules) }
      fields.append(String(op.energy.totalPicojoules))
      output.write(String(line))
      output.write(",")
      output.write(fields.joined(separator: ","))
      output.write("\n")
    }
  }
}
