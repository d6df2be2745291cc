import LayerTrace
import Testing
import ViTGraph

/// The builder API on small hand-built graphs.
struct GraphBuilderTests {
  /// A two-image toy: conv stem, position embedding, LayerNorm, 2×2-window attention without
  /// weights, a bias-free linear, GELU, mean pooling and a classifier.
  static func toyGraph() throws -> ViTGraph {
    var g = GraphBuilder(name: "toy")
    let image = try g.input("image", shape: [2, 3, 8, 8])
    let map = try g.conv2d(image, outChannels: 8, kernel: 3, stride: 2, padding: 1, name: "stem")
    let tokens = try map.reshaped([2, 8, 16]).permutedView([0, 2, 1])
    let pooled = try g.scope("blocks.0") { g throws(ModelError) in
      let position = try g.constant("pos_embed", shape: [1, 16, 8])
      let embedded = try g.add(tokens, position, name: "pos_add")
      let normed = try g.layerNorm(embedded, name: "norm")
      let windows = try g.windowPartition(
        try normed.reshaped([2, 4, 4, 8]), windowHeight: 2, windowWidth: 2,
        name: "window_partition")
      let scores = try g.matmul(windows, try windows.permutedView([0, 2, 1]), name: "attn.qk")
      let weights = try g.softmax(scores, name: "attn.softmax")
      let attended = try g.matmul(weights, windows, name: "attn.pv")
      let back = try g.windowReverse(
        attended, windowHeight: 2, windowWidth: 2, height: 4, width: 4, name: "window_reverse")
      let mixed = try g.linear(
        try back.reshaped([2, 16, 8]), outFeatures: 8, bias: false, name: "fc")
      let activated = try g.gelu(mixed, name: "act")
      return try g.mean(activated, axis: 1, name: "pool")
    }
    let logits = try g.linear(pooled, outFeatures: 10, name: "head")
    return try g.finish(output: logits)
  }

  @Test func `a hand-built graph lowers to the expected records`() throws {
    let graph = try Self.toyGraph()
    let expected: [TraceRecord] = [
      .gemm(name: "stem", kind: .conv, m: 2 * 4 * 4, k: 3 * 3 * 3, n: 8),
      .vector(name: "blocks.0.pos_add", kind: .add, elements: 256, weightElements: 16 * 8).reading([
        0
      ]),
      .vector(name: "blocks.0.norm", kind: .layernorm, rows: 32, rowLength: 8, weightElements: 16)
        .reading([1]),
      .vector(name: "blocks.0.window_partition", kind: .permute, elements: 256).reading([2]),
      .gemm(name: "blocks.0.attn.qk", kind: .matmul, batch: 8, m: 4, k: 8, n: 4).reading([3, 3]),
      .vector(name: "blocks.0.attn.softmax", kind: .softmax, rows: 32, rowLength: 4).reading([4]),
      .gemm(name: "blocks.0.attn.pv", kind: .matmul, batch: 8, m: 4, k: 4, n: 8).reading([5, 3]),
      .vector(name: "blocks.0.window_reverse", kind: .permute, elements: 256).reading([6]),
      .gemm(name: "blocks.0.fc", kind: .linear, m: 32, k: 8, n: 8).reading([7]),
      .vector(name: "blocks.0.act", kind: .gelu, elements: 256).reading([8]),
      .vector(name: "blocks.0.pool", kind: .mean, rows: 16, rowLength: 16).reading([9]),
      .gemm(name: "head", kind: .linear, m: 2, k: 8, n: 10).reading([10]),
    ]
    let records = graph.lowered().records
    #expect(records.count == expected.count)
    for (got, want) in zip(records, expected) {
      #expect(got == want)
    }
    #expect(graph.lowered().problems().isEmpty)
    #expect(graph.output.shape == [2, 10])
    #expect(graph.parameterCount == (8 * 27 + 8) + 16 * 8 + 16 + 64 + (80 + 10))
    #expect(
      graph.parameters.map(\.name) == [
        "stem.weight", "stem.bias", "blocks.0.pos_embed", "blocks.0.norm.weight",
        "blocks.0.norm.bias", "blocks.0.fc.weight", "head.weight", "head.bias",
      ])
    #expect(graph.ops.map(\.parameterCount) == [224, 0, 16, 0, 0, 0, 0, 0, 64, 0, 0, 90])
  }

  @Test func `ops record where their operands come from`() throws {
    let graph = try Self.toyGraph()
    let add = graph.ops[1]
    #expect(add.inputs.map(\.source) == [.op(0), .constant(0)])
    #expect(graph.constants[0].name == "blocks.0.pos_embed")
    #expect(graph.ops[0].inputs.map(\.source) == [.input("image")])
    let pv = graph.ops[6]
    #expect(pv.inputs.map(\.source) == [.op(5), .op(3)])
  }

  @Test func `conv output sides follow PyTorch's rounding`() throws {
    var g = GraphBuilder(name: "convs")
    let image = try g.input("image", shape: [1, 3, 224, 224])
    let stem = try g.conv2d(image, outChannels: 64, kernel: 7, stride: 4, padding: 2, name: "stem")
    #expect(stem.shape == [1, 64, 56, 56])
    let small = try g.input("small", shape: [1, 64, 7, 7])
    let down = try g.conv2d(small, outChannels: 128, kernel: 3, stride: 2, padding: 1, name: "down")
    #expect(down.shape == [1, 128, 4, 4])
    let depthwise = try g.conv2d(
      stem, outChannels: 64, kernel: 5, padding: 2, groups: 64, bias: false, name: "dw")
    #expect(depthwise.shape == stem.shape)
    let record = try #require(g.ops.last?.record)
    #expect((record.batch, record.m, record.k, record.n) == (64, 3136, 25, 1))
    #expect(g.ops.last?.parameterCount == 64 * 25)
  }

  @Test func `a permute that moves no element adds no record`() throws {
    var g = GraphBuilder(name: "stripes")
    let map = try g.input("map", shape: [1, 4, 4, 8])
    _ = try g.windowPartition(map, windowHeight: 4, windowWidth: 4, name: "whole")
    _ = try g.windowPartition(map, windowHeight: 1, windowWidth: 4, name: "rows")
    let columns = try g.windowPartition(map, windowHeight: 4, windowWidth: 1, name: "columns")
    #expect(g.ops.map(\.name) == ["columns"])
    #expect(columns.shape == [4, 4, 8])
  }

  @Test func `constants count their trainable parameters only`() throws {
    var g = GraphBuilder(name: "constants")
    let bias = try g.scope("attn") { g throws(ModelError) in
      try g.constant(
        "relative_position_bias", shape: [3, 49, 49],
        source: .derived(from: "relative_position_bias_table", shape: [169, 3]))
    }
    let mask = try g.constant("attn_mask", shape: [4, 1, 49, 49], source: .buffer)
    let scores = try g.input("scores", shape: [2, 4, 3, 49, 49])
    let biased = try g.add(scores, bias, name: "bias_add")
    _ = try g.add(biased, mask, name: "mask_add")
    #expect(g.parameters.map(\.name) == ["attn.relative_position_bias_table"])
    #expect(g.parameters.map(\.count) == [169 * 3])
    #expect(g.ops.map(\.record.weightElements) == [3 * 49 * 49, 4 * 49 * 49])
    #expect(g.ops.map(\.record.elements) == [2 * 4 * 3 * 49 * 49, 2 * 4 * 3 * 49 * 49])
  }

  @Test func `a name used twice throws`() throws {
    var g = GraphBuilder(name: "names")
    let x = try g.input("x", shape: [4, 8])
    _ = try g.gelu(x, name: "act")
    let error = #expect(throws: ModelError.self) { _ = try g.gelu(x, name: "act") }
    #expect(error?.message.contains("'act' is used twice") == true)
    #expect(throws: ModelError.self) { _ = try g.gelu(x, name: "a,b") }
  }

  @Test func `malformed shapes throw instead of trapping`() throws {
    var g = GraphBuilder(name: "bad")
    let a = try g.input("a", shape: [2, 3])
    let b = try g.input("b", shape: [4, 5])
    let image = try g.input("image", shape: [1, 3, 4, 4])
    #expect(throws: ModelError.self) { _ = try g.matmul(a, b, name: "mm") }
    #expect(throws: ModelError.self) {
      _ = try g.conv2d(image, outChannels: 8, kernel: 7, name: "c1")
    }
    #expect(throws: ModelError.self) {
      _ = try g.conv2d(image, outChannels: 8, kernel: 3, groups: 2, name: "c2")
    }
    #expect(throws: ModelError.self) { _ = try g.conv2d(a, outChannels: 8, kernel: 1, name: "c3") }
    #expect(throws: ModelError.self) { _ = try g.add(a, b, name: "add") }
    #expect(throws: ModelError.self) { _ = try g.topK(a, k: 4, name: "topk") }
    #expect(throws: ModelError.self) { _ = try g.gather(b, indices: a, name: "gather") }
    #expect(throws: ModelError.self) { _ = try g.concat([a, b], axis: 0, name: "cat") }
    #expect(throws: ModelError.self) {
      _ = try g.windowPartition(image, windowHeight: 3, windowWidth: 3, name: "w")
    }
    #expect(throws: ModelError.self) { _ = try a.reshaped([7]) }
    #expect(throws: ModelError.self) { _ = try a.sliced(axis: 1, start: 1, length: 2, step: 2) }
    #expect(throws: ModelError.self) { _ = try a.permutedView([0, 0]) }
    #expect(throws: ModelError.self) { _ = try g.input("empty", shape: [2, 0]) }
    #expect(g.ops.isEmpty)
  }

  @Test func `products that overflow Int throw instead of trapping`() throws {
    var g = GraphBuilder(name: "huge")
    let x = try g.input("x", shape: [1 << 31, 1 << 30])
    #expect(throws: ModelError.self) { _ = try g.linear(x, outFeatures: 1 << 20, name: "fc") }
    #expect(throws: ModelError.self) { _ = try g.input("y", shape: [1 << 32, 1 << 32]) }
    let scores = try g.input("scores", shape: [1 << 20, 1 << 20, 64])
    #expect(throws: ModelError.self) {
      _ = try g.matmul(scores, try g.input("keys", shape: [1 << 20, 64, 1 << 20]), name: "qk")
    }
  }
}

extension TraceRecord {
  /// The record with its producer indices set.
  fileprivate func reading(_ inputs: [Int]) -> TraceRecord {
    var copy = self
    copy.inputs = inputs
    return copy
  }
}
