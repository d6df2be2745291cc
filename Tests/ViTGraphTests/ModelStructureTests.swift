import LayerTrace
import Testing
import ViTGraph

/// The records that distinguish each family, at 224×224, batch 1.
struct ModelStructureTests {
  static func records(_ model: String) throws -> [String: TraceRecord] {
    let descriptor = try #require(ModelCatalog.named(model))
    let trace = try descriptor.build(224, 1).lowered()
    return Dictionary(uniqueKeysWithValues: trace.records.map { ($0.name, $0) })
  }

  static func gemm(_ record: TraceRecord?) -> [Int] {
    guard let record else { return [] }
    return [record.batch, record.m, record.k, record.n]
  }

  @Test func `DeiT prepends the class token and adds the position embedding`() throws {
    let r = try Self.records("deit-small")
    #expect(Self.gemm(r["patch_embed.proj"]) == [1, 196, 768, 384])
    #expect(r["cls_concat"]?.kind == .concat)
    #expect(r["cls_concat"]?.elements == 197 * 384)
    #expect(r["cls_concat"]?.weightElements == 384)
    #expect(r["pos_add"]?.weightElements == 197 * 384)
    #expect(Self.gemm(r["blocks.0.attn.qkv"]) == [1, 197, 384, 1152])
    #expect(r["blocks.0.attn.q_scale"]?.kind == .mul)
    #expect(Self.gemm(r["blocks.0.attn.qk"]) == [6, 197, 64, 197])
    #expect(Self.gemm(r["blocks.0.attn.pv"]) == [6, 197, 197, 64])
    #expect(r["norm"]?.rows == 197)
    #expect(Self.gemm(r["head"]) == [1, 1, 384, 1000])
  }

  @Test func `Swin shifts odd blocks of stages 1 to 3 only and merges patches`() throws {
    let r = try Self.records("swin-tiny")
    #expect(r["layers.0.blocks.0.roll"] == nil)
    #expect(r["layers.0.blocks.1.roll"]?.elements == 3136 * 96)
    #expect(r["layers.0.blocks.1.roll_back"]?.kind == .roll)
    #expect(r["layers.0.blocks.0.window_partition"]?.kind == .permute)
    #expect(r["layers.0.blocks.0.attn.bias_add"]?.weightElements == 3 * 49 * 49)
    #expect(r["layers.0.blocks.1.attn.mask_add"]?.weightElements == 64 * 49 * 49)
    #expect(r["layers.2.blocks.5.attn.mask_add"]?.weightElements == 4 * 49 * 49)
    #expect(r["layers.3.blocks.1.roll"] == nil)
    #expect(r["layers.3.blocks.1.attn.mask_add"] == nil)
    #expect(r["layers.3.blocks.0.window_partition"] == nil)  // one window: nothing moves
    #expect(Self.gemm(r["layers.0.blocks.0.attn.qkv"]) == [1, 3136, 96, 288])
    #expect(Self.gemm(r["layers.0.blocks.0.attn.qk"]) == [192, 49, 32, 49])
    #expect(r["layers.0.downsample.concat"]?.elements == 3136 * 96)
    #expect(r["layers.0.downsample.norm"]?.rowLength == 384)
    #expect(Self.gemm(r["layers.0.downsample.reduction"]) == [1, 784, 384, 192])
    #expect(r["layers.3.downsample.concat"] == nil)
    #expect(r["avgpool"]?.rowLength == 49)
  }

  @Test func `CSWin runs two stripe branches and a single global branch in stage 4`() throws {
    let r = try Self.records("cswin-tiny")
    #expect(Self.gemm(r["stage1_conv_embed.0"]) == [1, 3136, 147, 64])
    for branch in 0..<2 {
      let prefix = "stage1.0.attns.\(branch)."
      #expect(Self.gemm(r[prefix + "get_v"]) == [32, 3136, 9, 1])
      #expect(Self.gemm(r[prefix + "qk"]) == [56, 56, 32, 56])
      #expect(r[prefix + "softmax"]?.rows == 56 * 56)
      #expect(r[prefix + "lepe_add"]?.elements == 3136 * 32)
    }
    #expect(r["stage1.0.attns.0.q_windows"]?.kind == .permute)
    #expect(r["stage1.0.attns.1.q_windows"] == nil)  // row stripes are already contiguous
    #expect(Self.gemm(r["stage3.0.attns.0.qk"]) == [2 * 4, 98, 32, 98])
    #expect(Self.gemm(r["stage3.0.attns.1.pv"]) == [2 * 4, 98, 98, 32])
    #expect(r["stage3.0.concat"]?.elements == 196 * 256)
    #expect(Self.gemm(r["stage4.0.attns.0.qk"]) == [16, 49, 32, 49])
    #expect(Self.gemm(r["stage4.0.attns.0.get_v"]) == [512, 49, 9, 1])
    #expect(r["stage4.0.attns.1.qk"] == nil)
    #expect(r["stage4.0.concat"] == nil)
    #expect(Self.gemm(r["merge1.conv"]) == [1, 784, 576, 128])
    #expect(r["merge1.norm"]?.rowLength == 128)
  }

  @Test func `CSWin-B uses head dim 24 from the code's head counts`() throws {
    let r = try Self.records("cswin-base")
    #expect(Self.gemm(r["stage1.0.attns.0.qk"]) == [56 * 2, 56, 24, 56])
    #expect(Self.gemm(r["stage4.0.attns.0.qk"]) == [32, 49, 24, 49])
  }

  @Test func `BiFormer routes regions, gathers key-values and ends in full attention`() throws {
    let r = try Self.records("biformer-tiny")
    #expect(Self.gemm(r["downsample_layers.0.0"]) == [1, 12544, 27, 32])
    #expect(r["downsample_layers.0.1"]?.rows == 12544)
    #expect(r["downsample_layers.0.2"]?.kind == .gelu)
    #expect(Self.gemm(r["stages.0.0.pos_embed"]) == [64, 3136, 9, 1])
    #expect(r["stages.0.0.pos_embed_add"]?.kind == .add)
    #expect(r["stages.0.0.attn.q_win"].map { [$0.rows, $0.rowLength] } == [49 * 64, 64])
    #expect(r["stages.0.0.attn.k_win"].map { [$0.rows, $0.rowLength] } == [49 * 64, 64])
    #expect(Self.gemm(r["stages.0.0.attn.router.qk"]) == [1, 49, 64, 49])
    #expect(
      r["stages.1.0.attn.router.topk"].map { [$0.rows, $0.rowLength, $0.outElements] } == [
        49, 49, 49 * 4,
      ])
    #expect(r["stages.2.0.attn.router.routing_act"].map { [$0.rows, $0.rowLength] } == [49, 16])
    #expect(r["stages.2.0.attn.kv_gather"]?.elements == 49 * 16 * 4 * 512)
    #expect(Self.gemm(r["stages.0.0.attn.lepe"]) == [64, 3136, 25, 1])
    #expect(Self.gemm(r["stages.0.0.attn.qk"]) == [49 * 2, 64, 32, 64])
    #expect(Self.gemm(r["stages.2.0.attn.pv"]) == [49 * 8, 4, 64, 32])
    #expect(r["stages.0.0.attn.region_partition"]?.kind == .permute)
    #expect(r["stages.3.0.attn.router.qk"] == nil)
    #expect(r["stages.3.0.attn.qkv"]?.weightElements == 512 * 1536)
    #expect(Self.gemm(r["stages.3.0.attn.lepe"]) == [512, 49, 25, 1])
    #expect(r["stages.3.0.attn.scale"]?.elements == 8 * 49 * 49)
    #expect(Self.gemm(r["stages.3.0.attn.qk"]) == [8, 49, 64, 49])
    #expect(Self.gemm(r["stages.0.0.mlp.0"]) == [1, 3136, 64, 192])
    #expect(r["norm"]?.kind == .batchnorm)
    #expect(r["pool"]?.rowLength == 49)
  }

  @Test func `BiFormer's last-stage qkv has no bias`() throws {
    let graph = try #require(ModelCatalog.named("biformer-tiny")).build(224, 1)
    let qkv = try #require(graph.ops.first { $0.name == "stages.3.0.attn.qkv" })
    #expect(qkv.parameters.map(\.name) == ["stages.3.0.attn.qkv.weight"])
    let routed = try #require(graph.ops.first { $0.name == "stages.0.0.attn.qkv.qkv" })
    #expect(routed.parameterCount == 64 * 192 + 192)
  }
}
