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
    let total = max(totals.totalCycles.count, 1)
    func share(_ part: Int) -> String {
      "\(formatFixed(100 * Double(part) / Double(total), digits: 1)) %"
    }
    let dram = totals.dram
    var text =
      "\(model) on \(chip.name): \(array.rows)×\(array.cols) array, \(array.dataflow.rawValue), \(formatNumber(array.clockMHz)) MHz\n"
    text += TextTable.render(
      [
        [
          "ops",
          "\(trace.records.count) (\(gemmCount) on the array, \(trace.records.count - gemmCount) on the vector unit)",
        ],
        ["total cycles", String(totals.totalCycles.count)],
        ["latency", "\(formatFixed(result.latencyMilliseconds, digits: 3)) ms"],
        [
          "time split",
          "array \(totals.computeCycles.count) (\(share(totals.computeCycles.count))), vector \(totals.exposedVectorCycles) (\(share(totals.exposedVectorCycles))), stalls \(totals.stallCycles) (\(share(totals.stallCycles)))",
        ],
        [
          "utilization",
          "\(formatFixed(100 * totals.utilization, digits: 1)) % of PE-cycles doing a MAC",
        ],
        ["MACs", "\(totals.macs) run on the array (trace: \(trace.macs()))"],
        ["SRAM reads", "\(totals.sramReadBytes) bytes"],
        ["SRAM writes", "\(totals.sramWriteBytes) bytes"],
        [
          "DRAM reads",
          "\(dram.readBytes) bytes (inputs \(dram.inputReadBytes), weights \(dram.weightReadBytes), metadata \(dram.metadataReadBytes), partial sums \(dram.partialSumReadBytes))",
        ],
        [
          "DRAM writes",
          "\(dram.writeBytes) bytes (outputs \(dram.outputWriteBytes), partial sums \(dram.partialSumWriteBytes))",
        ],
        ["energy", energyText(totals.energy)],
        ["area", areaText(result.area)],
      ])
    text += ranking(
      "Most expensive ops, by cycles:", trace: trace, result: result,
      key: { $0.totalCycles.count },
      columns: ["cycles", "share", "stalls", "utilization"],
      cells: { op in
        [
          String(op.totalCycles.count), share(op.totalCycles.count), String(op.stallCycles),
          op.array.mapping == nil ? "-" : "\(formatFixed(100 * op.array.utilization, digits: 1)) %",
        ]
      })
    let dramTotal = max(dram.totalBytes, 1)
    text += ranking(
      "Most DRAM traffic, by bytes:", trace: trace, result: result,
      key: { $0.dram.totalBytes },
      columns: ["dram_bytes", "share", "reads", "writes"],
      cells: { op in
        [
          String(op.dram.totalBytes),
          "\(formatFixed(100 * Double(op.dram.totalBytes) / Double(dramTotal), digits: 1)) %",
          String(op.dram.readBytes), String(op.dram.writeBytes),
        ]
      })
    return text
  }

  /// The `topCount` ops with the largest `key`, as a titled table.
  private static func ranking(
    _ title: String, trace: LayerTrace, result: SimulationResult, key: (OpStats) -> Int,
    columns: [String], cells: (OpStats) -> [String]
  ) -> String {
    let ranked = result.ops.indices
      .filter { key(result.ops[$0]) > 0 }
      .sorted { (key(result.ops[$0]), $1) > (key(result.ops[$1]), $0) }
      .prefix(topCount)
    guard !ranked.isEmpty else { return "" }
    var rows = [["index", "name", "kind"] + columns]
    for index in ranked {
      let record = trace.records[index]
      rows.append([String(index), record.name, record.kind.rawValue] + cells(result.ops[index]))
    }
    return "\n\(title)\n"
      + TextTable.render(rows, rightAligned: Set([0] + Array(3..<(3 + columns.count))))
  }

  /// `X µJ (mac a %, sram b %, dram c %, vector d %, static e %)`.
  static func energyText(_ energy: EnergyBreakdown) -> String {
    let total = energy.totalPicojoules
    func share(_ part: Double) -> String {
      formatFixed(total > 0 ? 100 * part / total : 0, digits: 1) + " %"
    }
    return
      "\(formatFixed(total / 1e6, digits: 3)) µJ (mac \(share(energy.macPicojoules)), sram \(share(energy.sramPicojoules)), dram \(share(energy.dramPicojoules)), vector \(share(energy.vectorPicojoules)), static \(share(energy.staticPicojoules)))"
  }

  /// `Y mm² (array a, SRAM b, vector unit c)`.
  static func areaText(_ area: AreaBreakdown) -> String {
    func mm2(_ value: Double) -> String { formatFixed(value, digits: 3) }
    return
      "\(mm2(area.totalSquareMillimetres)) mm² (array \(mm2(area.arraySquareMillimetres)), SRAM \(mm2(area.sramSquareMillimetres)), vector unit \(mm2(area.vectorUnitSquareMillimetres)))"
  }

  /// An integral value without a fraction, others with up to 3 decimals.
  static func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15
      ? String(Int(value)) : formatFixed(value, digits: 3)
  }
}
