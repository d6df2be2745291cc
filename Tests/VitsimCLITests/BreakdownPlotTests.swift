import Foundation
import Hardware
import LayerTrace
import Simulator
import Testing

@testable import VitsimCLI

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `vitsim simulate --plot`: ops grouped into blocks for every model family, and the two-panel
/// SVG (bars = blocks × series, labels, stacks that add up to the totals).
@Suite(.serialized)
struct BreakdownPlotTests {
  /// The op names of a checked-in trace.
  static func names(_ model: String) throws -> [String] {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Traces/\(model).csv")
    let text = try String(contentsOf: url, encoding: .utf8)
    return try LayerTrace(csv: text, file: url.path).records.map(\.name)
  }

  static func blocks(_ model: String) throws -> [String] {
    BlockGrouping.groups(of: try names(model)).names
  }

  @Test func `DeiT blocks and the ops around them`() throws {
    #expect(
      try Self.blocks("deit-small")
        == ["patch_embed", "cls_concat", "pos_add"] + (0..<12).map { "blocks.\($0)" } + [
          "norm", "head",
        ])
  }

  @Test func `Swin blocks within stages, and the downsamples between them`() throws {
    var expected = ["patch_embed"]
    for (stage, depth) in [2, 2, 6, 2].enumerated() {
      expected += (0..<depth).map { "layers.\(stage).blocks.\($0)" }
      if stage < 3 { expected.append("layers.\(stage).downsample") }
    }
    #expect(try Self.blocks("swin-tiny") == expected + ["norm", "avgpool", "head"])
  }

  @Test func `CSWin stage blocks keep their attention branches`() throws {
    let blocks = try Self.blocks("cswin-tiny")
    #expect(
      blocks.prefix(6) == [
        "stage1_conv_embed", "stage1.0", "merge1", "stage2.0", "stage2.1", "merge2",
      ])
    #expect(
      blocks.suffix(5) == ["stage3.20", "merge3", "stage4.0", "norm", "pool", "head"].suffix(5))
    #expect(!blocks.contains { $0.contains("attns") })
  }

  @Test func `BiFormer stages and downsample layers`() throws {
    var expected: [String] = []
    for (stage, depth) in [2, 2, 8, 2].enumerated() {
      expected.append("downsample_layers.\(stage)")
      expected += (0..<depth).map { "stages.\(stage).\($0)" }
    }
    #expect(try Self.blocks("biformer-tiny") == expected + ["norm", "pool", "head"])
  }

  @Test(arguments: ["deit-base", "swin-base", "cswin-base", "biformer-base"])
  func `every op of every model is in a group, in trace order`(_ model: String) throws {
    let names = try Self.names(model)
    let (groupOfOp, blocks) = BlockGrouping.groups(of: names)
    #expect(groupOfOp.count == names.count)
    #expect(blocks.count < names.count / 4)
    // First appearances come in group order.
    var seen = -1
    for group in groupOfOp where group > seen {
      #expect(group == seen + 1)
      seen = group
    }
    for (name, group) in zip(names, groupOfOp) {
      #expect(name == blocks[group] || name.hasPrefix(blocks[group] + "."), "\(name)")
    }
  }

  @Test func `the figure has blocks × series bars per panel that add up to the totals`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let trace = LayerTrace(records: [
      .gemm(name: "patch_embed.proj", kind: .conv, m: 16, k: 48, n: 32),
      .vector(name: "blocks.0.norm1", kind: .layernorm, rows: 16, rowLength: 32),
      .gemm(name: "blocks.0.attn.qkv", kind: .linear, m: 16, k: 32, n: 96),
      .vector(name: "blocks.0.attn.softmax", kind: .softmax, rows: 32, rowLength: 16),
      .vector(name: "blocks.1.norm1", kind: .layernorm, rows: 16, rowLength: 32),
      .gemm(name: "blocks.1.mlp.fc1", kind: .linear, m: 16, k: 32, n: 64),
      .gemm(name: "head", kind: .linear, m: 1, k: 32, n: 10),
    ])
    let tracePath = try directory.write(trace.csvText, to: "small.csv")
    let run = vitsim(
      "simulate", "--trace", tracePath, "--chip", "edge-16x16", "--plot", directory.path("fig.svg"))
    #expect(run.code == .success, "\(run.stderr)")
    let figure = try PlotSVG(try directory.read("fig.svg"))
    let blocks = ["patch_embed", "blocks.0", "blocks.1", "head"]
    #expect(figure.elements(withClass: "panel").count == 3)
    #expect(
      figure.elements(withClass: "panel-title").map(\.ownText) == [
        "Cycles by block", "Energy by block", "DRAM traffic by block",
      ])
    #expect(
      figure.elements(withClass: "title").map(\.ownText) == [
        "small on edge-16x16: cycles, energy and DRAM traffic by block"
      ])
    #expect(
      figure.elements(withClass: "category-label").map(\.ownText) == blocks + blocks + blocks)
    let bars = figure.elements(withClass: "bar")
    let cycleSeries = ["array", "vector", "stall"]
    let energySeries = ["mac", "sram", "dram", "vector", "static"]
    let dramSeries = ["input", "weight", "metadata", "psum", "output"]
    #expect(
      bars.count == blocks.count * (cycleSeries.count + energySeries.count + dramSeries.count))
    // Bars come panel by panel.
    let cycleBars = bars.prefix(blocks.count * cycleSeries.count)
    let energyBars = bars.dropFirst(cycleBars.count).prefix(blocks.count * energySeries.count)
    let dramBars = bars.suffix(blocks.count * dramSeries.count)

    let chip = try #require(try Chip.example(named: "edge-16x16"))
    let result = try simulate(trace, on: chip)
    func total(_ bars: some Sequence<XMLElement>) -> Double {
      bars.compactMap { $0.number("data-value") }.reduce(0, +)
    }
    #expect(total(cycleBars) == Double(result.totals.totalCycles.count))
    #expect(
      abs(total(energyBars) - result.totals.energy.totalPicojoules)
        <= 1e-9 * result.totals.energy.totalPicojoules)
    #expect(total(dramBars) == Double(result.totals.dram.totalBytes))
    // blocks.0 holds the norm, the qkv GEMM and the softmax.
    let arrayOfBlock0 = bars.first {
      $0.attribute("data-category") == "blocks.0" && $0.attribute("data-series") == "array"
    }
    #expect(
      arrayOfBlock0?.number("data-value")
        == Double(result.ops[1...3].map(\.computeCycles).reduce(0, +)))
  }

  @Test func `a plot that cannot be written is exit code 73`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let tracePath = try SweepFixture.write(in: directory)
    let run = vitsim("simulate", "--trace", tracePath, "--plot", directory.path("none/fig.svg"))
    #expect(run.code == .cannotCreate)
  }
}
