import Hardware
import LayerTrace
import Simulator
import Testing
import ViTGraph

/// The energy and area columns of `vitsim simulate`: per-op CSV, summary CSV, stdout, help.
@Suite(.serialized)
struct EnergyReportTests {
  static let energyColumns = [
    "energy_mac_pj", "energy_sram_pj", "energy_dram_pj", "energy_vector_pj", "energy_static_pj",
    "energy_pj",
  ]

  /// Rows of a CSV as column → value.
  func rows(_ text: String) -> (header: [String], rows: [[String: String]]) {
    let lines = text.split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let rows = lines.dropFirst().map { line in
      Dictionary(
        uniqueKeysWithValues: zip(
          header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
    }
    return (header, rows)
  }

  @Test func `per-op and summary energies agree with the simulator and add up`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let run = vitsim(
      "simulate", "--model", "deit-tiny", "--chip", "edge-16x16", "--layers",
      directory.path("ops.csv"), "--summary", directory.path("summary.csv"))
    #expect(run.code == .success, "\(run.stderr)")
    let trace = try #require(ModelCatalog.named("deit-tiny")).build(224, 1).lowered()
    let chip = try #require(try Chip.example(named: "edge-16x16"))
    let expected = try simulate(trace, on: chip)

    let ops = rows(try directory.read("ops.csv"))
    #expect(Array(ops.header.suffix(6)) == Self.energyColumns)
    var sums = [Double](repeating: 0, count: 6)
    for (row, op) in zip(ops.rows, expected.ops) {
      let values = Self.energyColumns.map { row[$0].flatMap(Double.init) ?? -1 }
      #expect(
        values == op.energy.parts.map(\.picojoules) + [op.energy.totalPicojoules], "\(row["name"]!)"
      )
      for index in sums.indices { sums[index] += values[index] }
    }

    let summary = rows(try directory.read("summary.csv"))
    #expect(Array(summary.header.suffix(8)) == Self.energyColumns + ["area_mm2", "edp_pj_s"])
    let row = try #require(summary.rows.first)
    for (column, sum) in zip(Self.energyColumns, sums) {
      let total = try #require(row[column].flatMap(Double.init))
      #expect(abs(total - sum) <= 1e-9 * sum, "\(column): \(total) vs Σ \(sum)")
    }
    let energy = try #require(row["energy_pj"].flatMap(Double.init))
    let latency = try #require(row["latency_ms"].flatMap(Double.init))
    let edp = try #require(row["edp_pj_s"].flatMap(Double.init))
    #expect(abs(edp - energy * latency / 1000) <= 1e-9 * edp)
    #expect(row["area_mm2"].flatMap(Double.init) == expected.area.totalSquareMillimetres)

    // Standard output: the energy in µJ with its split, and the area.
    let microjoules = expected.totals.energy.totalPicojoules / 1e6
    let whole = Int(microjoules)
    #expect(run.stdout.contains("energy        \(whole)."), "\(run.stdout)")
    #expect(run.stdout.contains(" µJ (mac "))
    #expect(run.stdout.contains("%, sram ") && run.stdout.contains("%, static "))
    #expect(
      run.stdout.contains("area          0.295 mm² (array 0.047, SRAM 0.238, vector unit 0.010)"))
  }

  @Test func `help documents the energy and area numbers with their units`() {
    let run = vitsim("simulate", "--help")
    #expect(run.code == .success)
    for phrase in [
      "energy", "microjoules (µJ)", "area", "mm²", "energy_mac_pj", "energy_static_pj",
      "picojoules", "area_mm2", "edp_pj_s", "pJ·s",
    ] {
      #expect(run.stdout.contains(phrase), "help lacks '\(phrase)'")
    }
  }
}
