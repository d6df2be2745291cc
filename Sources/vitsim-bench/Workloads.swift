import LayerTrace
import ViTGraph

/// The traces the benchmarks simulate: the catalog's models when they are built, otherwise
/// synthetic stand-ins with the same GEMM shapes, so figures exist either way.
enum Workloads {
  /// The trace of `name` at 224×224, batch 1, and whether it is a stand-in.
  static func trace(_ name: String) -> (trace: LayerTrace, synthetic: Bool) {
    if let model = ModelCatalog.named(name), let graph = try? model.build(224, 1) {
      let trace = graph.lowered()
      if !trace.records.isEmpty { return (trace, false) }
    }
    switch name {
    case "swin-base": return (swinBase(), true)
    default: return (deitBase(), true)
    }
  }

  /// DeiT-B/16 at 224: 197 tokens, width 768, 12 heads of 64, MLP 3072, 12 blocks.
  static func deitBase() -> LayerTrace {
    var records: [TraceRecord] = [
      .gemm(name: "patch_embed", kind: .conv, m: 196, k: 768, n: 768)
    ]
    let tokens = 197
    let width = 768
    let heads = 12
    for block in 0..<12 {
      records += transformerBlock(
        "blocks.\(block)", tokens: tokens, width: width, heads: heads, groups: 1,
        windowTokens: tokens)
    }
    records.append(.vector(name: "norm", kind: .layernorm, rows: tokens, rowLength: width))
    records.append(.gemm(name: "head", kind: .linear, m: 1, k: width, n: 1000))
    return LayerTrace(records: records)
  }

  /// Swin-B at 224: patch 4, window 7, widths 128·2^s, heads 4·2^s, depths 2, 2, 18, 2.
  static func swinBase() -> LayerTrace {
    var records: [TraceRecord] = [
      .gemm(name: "patch_embed", kind: .conv, m: 3136, k: 48, n: 128)
    ]
    var side = 56
    var width = 128
    var heads = 4
    for (stage, depth) in [2, 2, 18, 2].enumerated() {
      let tokens = side * side
      for block in 0..<depth {
        records += transformerBlock(
          "layers.\(stage).blocks.\(block)", tokens: tokens, width: width, heads: heads,
          groups: tokens / 49, windowTokens: 49)
      }
      if stage < 3 {
        side /= 2
        records.append(
          .gemm(
            name: "layers.\(stage).downsample", kind: .linear, m: side * side, k: 4 * width,
            n: 2 * width))
        width *= 2
        heads *= 2
      }
    }
    records.append(.gemm(name: "head", kind: .linear, m: 1, k: width, n: 1000))
    return LayerTrace(records: records)
  }

  /// Pre-norm attention and MLP over `groups` windows of `windowTokens` tokens.
  static func transformerBlock(
    _ prefix: String, tokens: Int, width: Int, heads: Int, groups: Int, windowTokens: Int
  ) -> [TraceRecord] {
    let headWidth = width / heads
    return [
      .vector(name: "\(prefix).norm1", kind: .layernorm, rows: tokens, rowLength: width),
      .gemm(name: "\(prefix).attn.qkv", kind: .linear, m: tokens, k: width, n: 3 * width),
      .gemm(
        name: "\(prefix).attn.qk", kind: .matmul, batch: groups * heads, m: windowTokens,
        k: headWidth, n: windowTokens),
      .vector(
        name: "\(prefix).attn.softmax", kind: .softmax, rows: groups * heads * windowTokens,
        rowLength: windowTokens),
      .gemm(
        name: "\(prefix).attn.pv", kind: .matmul, batch: groups * heads, m: windowTokens,
        k: windowTokens, n: headWidth),
      .gemm(name: "\(prefix).attn.proj", kind: .linear, m: tokens, k: width, n: width),
      .vector(name: "\(prefix).add1", kind: .add, elements: tokens * width),
      .vector(name: "\(prefix).norm2", kind: .layernorm, rows: tokens, rowLength: width),
      .gemm(name: "\(prefix).mlp.fc1", kind: .linear, m: tokens, k: width, n: 4 * width),
      .vector(name: "\(prefix).mlp.gelu", kind: .gelu, elements: tokens * 4 * width),
      .gemm(name: "\(prefix).mlp.fc2", kind: .linear, m: tokens, k: 4 * width, n: width),
      .vector(name: "\(prefix).add2", kind: .add, elements: tokens * width),
    ]
  }
}
