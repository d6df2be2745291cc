import LayerTrace
import Simulator

/// The short human summary `vitsim simulate` prints on standard output.
enum SimulationSummary {
  /// How many of the most expensive ops are listed.
  static let topCount = 5

  static func text(trace: LayerTrace, result: SimulationResult, model: String) -> String {
    let chip = result.chip
    let array = chip.array
    let totals = result.totals
    let gemmCount = trace.records.lazy.filter(\.kind.isGEMM).count
    var text =
      "\(model) on \(chip.name): \(array.rows)×\(array.cols) array, \(array.dataflow.rawValue), \(formatNumber(array.clockMHz)) MHz\n"
    text += TextTable.render(
      [
        [
          "ops",
          "\(trace.records.count) (\(gemmCount) on the array; vector ops count 0 cycles for now)",
        ],
        ["total cycles", String(totals.totalCycles.count)],
        ["latency", "\(formatFixed(result.latencyMilliseconds, digits: 3)) ms"],
        [
          "utilization",
          "\(formatFixed(100 * totals.utilization, digits: 1)) % of PE-cycles doing a MAC",
        ],
        ["MACs", "\(totals.macs) run on the array (trace: \(trace.macs()))"],
        ["SRAM reads", "\(totals.sramReadBytes) bytes"],
        ["SRAM writes", "\(totals.sramWriteBytes) bytes"],
      ])
    let ranked = result.ops.indices
      .filter { result.ops[$0].totalCycles.count > 0 }
      .sorted { (result.ops[$0].totalCycles, $1) > (result.ops[$1].totalCycles, $0) }
      .prefix(topCount)
    guard !ranked.isEmpty else { return text }
    text += "\nMost expensive ops:\n"
    var rows = [["index", "name", "kind", "cycles", "share", "utilization"]]
    let total = Double(totals.totalCycles.count)
    for index in ranked {
      let op = result.ops[index]
      let record = trace.records[index]
      rows.append([
        String(index), record.name, record.kind.rawValue, String(op.totalCycles.count),
        "\(formatFixed(100 * Double(op.totalCycles.count) / total, digits: 1)) %",
        "\(formatFixed(100 * op.array.utilization, digits: 1)) %",
      ])
    }
    text += TextTable.render(rows, rightAligned: [0, 3, 4, 5])
    return text
  }

  /// An integral value without a fraction, others with up to 3 decimals.
  static func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15
      ? String(Int(value)) : formatFixed(value, digits: 3)
  }
}
