import Foundation
import Hardware
import LayerTrace
import Simulator
import Testing

@testable import VitsimCLI

/// `vitsim sweep` in-process on a four-op trace: rows, order, columns, error rows, --jobs,
/// --shard, --pareto, standard output and help.
@Suite(.serialized)
struct SweepCommandTests {
  let directory: TemporaryDirectory
  let trace: String

  init() throws {
    directory = try TemporaryDirectory()
    trace = try SweepFixture.write(in: directory)
  }

  /// Runs `sweep --trace tiny.csv ARGUMENTS`.
  func sweep(_ arguments: String...) -> RunResult { sweep(arguments) }

  func sweep(_ arguments: [String]) -> RunResult {
    vitsim(["sweep", "--trace", trace] + arguments)
  }

  @Test func `one row per point, model, quant and sparsity in that order`() throws {
    defer { directory.remove() }
    let run = sweep(
      "--chip", "edge-16x16", "--set", "array.rows=8,16", "--set",
      "memory.weight.bytes=4096,65536", "--quant", "W8A8,W4A8", "--sparsity", "dense,2:4",
      "--output", directory.path("out.csv"), "--jobs", "2")
    #expect(run.code == .success, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("sweep: 16 rows (4 points × 1 workload × 2 quant × 2 sparsity)"))
    #expect(run.stderr.contains("; 0 invalid points (0 error rows)\n"))
    let csv = try directory.read("out.csv")
    let header = try #require(csv.split(separator: "\n").first).split(separator: ",").map(
      String.init)
    // point, identity, the one --set column that is not a summary column, the summary, error.
    #expect(
      header
        == ["point", "model", "chip", "quant", "sparsity", "memory_weight_bytes"]
        + SummaryReport.columns.dropFirst(4) + ["error"])
    #expect(header.filter { $0 == "array_rows" }.count == 1)
    let records = SweepFixture.records(csv)
    #expect(records.count == 16)
    #expect(
      records.map { $0["point"] ?? "" }
        == (0..<4).flatMap { Array(repeating: String($0), count: 4) })
    #expect(
      records.prefix(4).map { "\($0["quant"] ?? "")+\($0["sparsity"] ?? "")" } == [
        "W8A8+dense", "W8A8+2:4", "W4A8+dense", "W4A8+2:4",
      ])
    #expect(
      records.map { $0["array_rows"] ?? "" }
        == ["8", "8", "16", "16"].flatMap { Array(repeating: $0, count: 4) })
    #expect(
      records.map { $0["memory_weight_bytes"] ?? "" }.prefix(8) == [
        "4096", "4096", "4096", "4096", "65536", "65536", "65536", "65536",
      ])
    #expect(
      records.allSatisfy {
        $0["model"] == "tiny" && $0["chip"] == "edge-16x16" && $0["error"] == ""
      })

    // Each row is the summary row of simulating that point directly.
    let base = try #require(try Chip.example(named: "edge-16x16"))
    let chip = try base.setting(.integer(16), at: "array.rows").setting(
      .integer(65536), at: "memory.weight.bytes")
    let recipe = try #require(QuantizationRecipe.named("W4A8"))
    let applied = try recipe.apply(to: SweepFixture.trace, sparsity: .twoFour)
    let expected = SummaryReport.values(
      trace: applied, result: try simulate(applied, on: chip), model: "tiny")
    let row = records[15]
    #expect(SummaryReport.columns.map { row[$0] ?? "?" } == expected)
  }

  @Test func `rows are the same whatever the number of jobs`() throws {
    defer { directory.remove() }
    var outputs: [String] = []
    for jobs in ["1", "2", "5"] {
      let path = directory.path("jobs\(jobs).csv")
      let run = sweep(
        "--set", "array.rows=4..32:+4", "--set", "array.cols=8,16,32", "--set",
        "array.dataflow=os,ws,is", "--output", path, "--jobs", jobs)
      #expect(run.code == .success, "\(run.stderr)")
      outputs.append(try directory.read("jobs\(jobs).csv"))
    }
    #expect(SweepFixture.rows(outputs[0]).count == 8 * 3 * 3)
    #expect(outputs[1] == outputs[0])
    #expect(outputs[2] == outputs[0])
  }

  @Test func `invalid points become error rows and the sweep goes on`() throws {
    defer { directory.remove() }
    let run = sweep(
      "--set", "array.rows=0,32", "--set", "memory.weight.bytes=64,65536", "--quant",
      "W8A8,W16A16", "--output", directory.path("out.csv"))
    #expect(run.code == .success, "\(run.stderr)")
    let records = SweepFixture.records(try directory.read("out.csv"))
    #expect(records.count == 4 * 2)
    // rows = 0: the chip is invalid, so every row of points 0 and 1 is an error.
    for record in records.prefix(4) {
      #expect(record["error"] == "array.rows: 0 is not in 1...65536")
      #expect(record["array_rows"] == "0")
      #expect(record["model"] == "tiny" && record["chip"] == "mid-32x32")
      #expect(record["total_cycles"] == "" && record["latency_ms"] == "")
    }
    #expect(records.prefix(4).map { $0["quant"] ?? "" } == ["W8A8", "W16A16", "W8A8", "W16A16"])
    // 64 weight bytes hold an 8-bit tile of the 32-row array but not a 16-bit one: that
    // simulation fails, the other runs.
    #expect(records[4]["error"] == "")
    #expect(records[4]["total_cycles"] != "")
    #expect(
      records[5]["error"]
        == "op 0 'blocks.0.attn.qkv': memory.weight.bytes: 32 bytes per half cannot hold the smallest tile of this op at its bit widths (64 bytes)"
    )
    #expect(records[5]["memory_weight_bytes"] == "64" && records[5]["array_rows"] == "32")
    #expect(records[5]["quant"] == "W16A16" && records[5]["total_cycles"] == "")
    #expect(records[6]["error"] == "" && records[7]["error"] == "")
    #expect(run.stderr.contains("; 3 invalid points (5 error rows)\n"))
  }

  @Test func `shards concatenate into the rows of one run`() throws {
    defer { directory.remove() }
    let options = [
      "--set", "array.rows=8,16,32", "--set", "array.cols=8..64:x2", "--sparsity", "dense,2:4",
    ]
    let whole = sweep(options + ["--output", directory.path("all.csv")])
    #expect(whole.code == .success, "\(whole.stderr)")
    var joined = ""
    for index in 1...5 {
      let name = "shard\(index).csv"
      let run = sweep(options + ["--shard", "\(index)/5", "--output", directory.path(name)])
      #expect(run.code == .success, "\(run.stderr)")
      #expect(run.stderr.contains("shard \(index)/5: points"))
      let text = try directory.read(name)
      joined += index == 1 ? text : String(text.drop { $0 != "\n" }.dropFirst())
    }
    #expect(joined == (try directory.read("all.csv")))
  }

  @Test func `pareto marks the rows no other row beats`() throws {
    defer { directory.remove() }
    let run = sweep(
      "--set", "array.rows=0,4..32:x2", "--set", "array.cols=4..32:x2", "--pareto",
      "latency_ms,dram_read_bytes", "--output", directory.path("out.csv"))
    #expect(run.code == .success, "\(run.stderr)")
    let csv = try directory.read("out.csv")
    #expect(csv.hasPrefix("point,") && csv.split(separator: "\n")[0].hasSuffix(",error,pareto"))
    let records = SweepFixture.records(csv)
    #expect(records.count == 5 * 4)
    func point(_ record: [String: String]) -> (Double, Double)? {
      guard record["error"] == "", let x = Double(record["latency_ms"] ?? ""),
        let y = Double(record["dram_read_bytes"] ?? "")
      else { return nil }
      return (x, y)
    }
    for record in records {
      guard let (x, y) = point(record) else {
        #expect(record["pareto"] == "false")
        continue
      }
      let dominated = records.compactMap(point).contains { a, b in
        a <= x && b <= y && (a < x || b < y)
      }
      #expect(record["pareto"] == (dominated ? "false" : "true"))
    }
    #expect(records.contains { $0["pareto"] == "true" })

    // Maximising utilization alone: only the best rows.
    let most = sweep(
      "--set", "array.rows=4..32:x2", "--pareto", "max:utilization", "--output",
      directory.path("max.csv"))
    #expect(most.code == .success, "\(most.stderr)")
    let maxRecords = SweepFixture.records(try directory.read("max.csv"))
    let best = maxRecords.compactMap { Double($0["utilization"] ?? "") }.max()
    for record in maxRecords {
      #expect((record["pareto"] == "true") == (Double(record["utilization"] ?? "") == best))
    }
  }

  @Test func `without --output rows go to standard output`() throws {
    defer { directory.remove() }
    let run = sweep("--set", "array.rows=8,16", "--progress")
    #expect(run.code == .success, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("point,model,chip,quant,sparsity,array_rows,"))
    #expect(SweepFixture.rows(run.stdout).count == 2)
    #expect(run.stderr.contains("sweep: 2/2 points (100.0 %)"))
    let pareto = sweep("--set", "array.rows=8,16", "--pareto", "total_cycles")
    #expect(pareto.code == .success, "\(pareto.stderr)")
    #expect(pareto.stdout.split(separator: "\n")[0].hasSuffix(",pareto"))
    #expect(SweepFixture.rows(pareto.stdout).count == 2)
  }

  @Test func `zip pairs the lists and strings sweep dataflows`() throws {
    defer { directory.remove() }
    let run = sweep(
      "--zip", "--set", "array.rows=8,16,32", "--set", "array.cols=32,16,8", "--set",
      "array.dataflow=os,ws,is")
    #expect(run.code == .success, "\(run.stderr)")
    let records = SweepFixture.records(run.stdout)
    #expect(
      records.map { "\($0["array_rows"] ?? "")x\($0["array_cols"] ?? "") \($0["dataflow"] ?? "")" }
        == [
          "8x32 os", "16x16 ws", "32x8 is",
        ])
    // The dataflow column of the path is kept beside the summary's own (same value).
    #expect(records.map { $0["array_dataflow"] ?? "" } == ["os", "ws", "is"])
  }

  @Test func `help documents every option and the columns`() {
    let run = vitsim("sweep", "--help")
    #expect(run.code == .success)
    for option in SweepCommand.spec.options {
      #expect(run.stdout.contains("--\(option.name)"), "\(option.name)")
    }
    for phrase in [
      "point ", "error ", "pareto ", "summary columns", "<path>", "README", "16..256:x2", "1-based",
    ] {
      #expect(run.stdout.contains(phrase), "\(phrase)")
    }
    #expect(vitsim("--help").stdout.contains("  sweep "))
  }
}

/// Sweeping the technology node rescales the energy and area tables of a dumped chip.
@Suite(.serialized)
struct SweepTechnologyTests {
  @Test func `a sweep over energy.technology_nm scales logic energy by the cited factors`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let trace = try SweepFixture.write(in: directory)
    let output = directory.path("nodes.csv")
    let run = vitsim(
      "sweep", "--trace", trace, "--chip", "mid-32x32", "--set", "energy.technology_nm=45,16,7",
      "--output", output)
    #expect(run.code == .success, "\(run.stderr)")
    let rows = SweepFixture.records(try directory.read("nodes.csv"))
    #expect(rows.map { $0["energy_technology_nm"] } == ["45", "16", "7"])
    let mac = rows.compactMap { $0["energy_mac_pj"].flatMap(Double.init) }
    try #require(mac.count == 3)
    // Stillmaker & Baas: 45 → 16 nm × 0.142, 45 → 7 nm × 0.066 (defaults rounded to 4 digits).
    #expect(abs(mac[1] / mac[0] - 0.142) < 1e-3)
    #expect(abs(mac[2] / mac[0] - 0.066) < 1e-3)
    // The cycles do not depend on the node.
    #expect(Set(rows.map { $0["total_cycles"] }).count == 1)
  }
}
