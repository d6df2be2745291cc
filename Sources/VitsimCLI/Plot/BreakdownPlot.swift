import LayerTrace
import Simulator

/// The figure of `vitsim simulate --plot FILE.svg`: stacked bars per block (``BlockGrouping``),
/// one panel per quantity.
///
/// Panel 1, cycles: array (compute_cycles), vector (exposed_vector_cycles) and stall
/// (stall_cycles), which add up to each block's total_cycles. Panel 2, DRAM traffic: bytes
/// read for inputs, weights and sparse metadata, partial sums spilled and read back, and
/// outputs written, which add up to its dram_read_bytes + dram_write_bytes.
enum BreakdownPlot {
  /// One panel: named series of per-op values, summed per block.
  struct Panel {
    var title: String
    /// The value axis title with its unit.
    var valueLabel: String
    /// Each series' name and its value for every op, in trace order.
    var series: [(name: String, perOp: [Double])]
  }

  /// The panels drawn for a result. A new quantity (energy by component) is one more entry.
  static func panels(for result: SimulationResult) -> [Panel] {
    let ops = result.ops
    return [
      Panel(
        title: "Cycles by block", valueLabel: "cycles",
        series: [
          ("array", ops.map { Double($0.computeCycles) }),
          ("vector", ops.map { Double($0.exposedVectorCycles) }),
          ("stall", ops.map { Double($0.stallCycles) }),
        ]),
      Panel(
        title: "Energy by block", valueLabel: "energy (pJ)",
        series: [
          ("mac", ops.map(\.energy.macPicojoules)),
          ("sram", ops.map(\.energy.sramPicojoules)),
          ("dram", ops.map(\.energy.dramPicojoules)),
          ("vector", ops.map(\.energy.vectorPicojoules)),
          ("static", ops.map(\.energy.staticPicojoules)),
        ]),
      Panel(
        title: "DRAM traffic by block", valueLabel: "DRAM traffic (bytes)",
        series: [
          ("input", ops.map { Double($0.dram.inputReadBytes) }),
          ("weight", ops.map { Double($0.dram.weightReadBytes) }),
          ("metadata", ops.map { Double($0.dram.metadataReadBytes) }),
          ("psum", ops.map { Double($0.dram.partialSumReadBytes + $0.dram.partialSumWriteBytes) }),
          ("output", ops.map { Double($0.dram.outputWriteBytes) }),
        ]),
    ]
  }

  /// The SVG of `panels` for the ops named `names`, titled `title`.
  ///
  /// - Precondition: every series has one value per name.
  /// - Throws: ``CLIError`` (65) when a value is negative or not finite.
  static func svg(names: [String], panels: [Panel], title: String) throws(CLIError) -> String {
    let (groupOfOp, blocks) = BlockGrouping.groups(of: names)
    var charts: [StackedBarChart] = []
    for panel in panels {
      var values = [[Double]](
        repeating: [Double](repeating: 0, count: panel.series.count), count: blocks.count)
      for (seriesIndex, series) in panel.series.enumerated() {
        precondition(series.perOp.count == names.count, "one value per op in \(series.name)")
        for (op, value) in series.perOp.enumerated() {
          values[groupOfOp[op]][seriesIndex] += value
        }
      }
      charts.append(
        try StackedBarChart(
          title: panel.title, categories: blocks, series: panel.series.map(\.name),
          values: values, valueLabel: panel.valueLabel, categoryLabel: "block"))
    }
    return StackedBarChart.svg(panels: charts, title: title)
  }

  /// Writes the figure of `result` (from `trace`) to `path` atomically.
  static func write(
    trace: LayerTrace, result: SimulationResult, model: String, to path: String
  ) throws(CLIError) {
    let text = try svg(
      names: trace.records.map(\.name), panels: panels(for: result),
      title: "\(model) on \(result.chip.name): cycles, energy and DRAM traffic by block")
    try FileIO.writeAtomically(text, to: path)
  }
}
