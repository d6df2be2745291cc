import Foundation
import Hardware
import LayerTrace
import Testing

/// One real SCALE-Sim 3.0.0 run from `Fixtures/scalesim_validation.csv`: its inputs and the
/// reported numbers the array engine must reproduce.
struct ScaleSimValidationRow: Sendable, CustomTestStringConvertible {
  var caseID: String
  var kind: String
  var m: Int
  var n: Int
  var k: Int
  /// Conv inputs (nil for GEMM rows).
  var conv:
    (
      height: Int, width: Int, filterHeight: Int, filterWidth: Int, channels: Int, filters: Int,
      stride: Int
    )?
  var rows: Int
  var cols: Int
  var dataflow: Dataflow
  var bandwidthMode: String
  var sparsity: String
  var totalCycles: Double
  var stallCycles: Double
  var overallUtilPercent: Double
  var mappingEfficiencyPercent: Double
  var computeUtilPercent: Double
  var sramIfmapReads: Double
  var sramFilterReads: Double
  var sramOfmapWrites: Double
  /// SRAM sizes of the run, KiB each, and SCALE-Sim's DRAM counts (words = bytes).
  var sramKilobytes: Int = 0
  var dramIfmapReads: Double = .nan
  var dramFilterReads: Double = .nan
  var dramOfmapWrites: Double = .nan

  var testDescription: String { caseID }
  var isDense: Bool { sparsity == "1:1" }

  /// The topology CSV SCALE-Sim was given for this run (one layer, trailing commas).
  var topologyCSV: String {
    let ratio = isDense ? "" : " \(sparsity),"
    if let conv {
      return """
        Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,
        layer, \(conv.height), \(conv.width), \(conv.filterHeight), \(conv.filterWidth), \(conv.channels), \(conv.filters), \(conv.stride),\(ratio)

        """
    }
    return "Layer, M, N, K,\nlayer, \(m), \(n), \(k),\(ratio)\n"
  }

  var array: SystolicArray {
    SystolicArray(rows: rows, cols: cols, dataflow: dataflow, clockMHz: 1000)
  }

  /// Every row of the fixture.
  static let all: [ScaleSimValidationRow] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/scalesim_validation.csv")
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      Issue.record("cannot read \(url.path): \(error)")
      return []
    }
    var lines = text.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = lines.removeFirst()
    var index: [String: Int] = [:]
    for (position, name) in header.enumerated() { index[name] = position }
    return lines.map { fields in
      func text(_ column: String) -> String { fields[index[column] ?? 0] }
      func integer(_ column: String) -> Int { Int(text(column)) ?? -1 }
      func number(_ column: String) -> Double { Double(text(column)) ?? .nan }
      let kind = text("kind")
      return ScaleSimValidationRow(
        caseID: text("case_id"), kind: kind, m: integer("M"), n: integer("N"), k: integer("K"),
        conv: kind == "conv"
          ? (
            integer("ifmap_h"), integer("ifmap_w"), integer("filt_h"), integer("filt_w"),
            integer("channels"), integer("num_filt"), integer("stride")
          ) : nil,
        rows: integer("array_h"), cols: integer("array_w"),
        dataflow: Dataflow(rawValue: text("dataflow")) ?? .outputStationary,
        bandwidthMode: text("bw_mode"), sparsity: text("sparsity"),
        totalCycles: number("cr_total_cycles"), stallCycles: number("cr_stall_cycles"),
        overallUtilPercent: number("cr_overall_util_pct"),
        mappingEfficiencyPercent: number("cr_mapping_efficiency_pct"),
        computeUtilPercent: number("cr_compute_util_pct"),
        sramIfmapReads: number("da_sram_ifmap_reads"),
        sramFilterReads: number("da_sram_filter_reads"),
        sramOfmapWrites: number("da_sram_ofmap_writes"), sramKilobytes: integer("ifmap_kb"),
        dramIfmapReads: number("da_dram_ifmap_reads"),
        dramFilterReads: number("da_dram_filter_reads"),
        dramOfmapWrites: number("da_dram_ofmap_writes"))
    }
  }()

  static let dense = all.filter(\.isDense)
  static let sparse = all.filter { !$0.isDense }
}

/// Whether `a` and `b` agree to a relative tolerance (absolute near zero).
func close(_ a: Double, _ b: Double, relative tolerance: Double = 1e-9) -> Bool {
  abs(a - b) <= tolerance * max(1, abs(b))
}
