import LayerTrace
import Testing
import ViTGraph

/// Accepted and rejected image sizes and batches, and overflow of huge sizes.
struct ImageSizeTests {
  static func build(_ name: String, _ imageSize: Int, batch: Int = 1) throws -> ViTGraph {
    let model = try #require(ModelCatalog.named(name))
    return try model.build(imageSize, batch)
  }

  static func record(_ graph: ViTGraph, _ name: String) throws -> TraceRecord {
    try #require(graph.lowered().records.first { $0.name == name }, "no record \(name)")
  }

  @Test func `DeiT at 384 runs 577 tokens and widens the position embedding`() throws {
    let graph = try Self.build("deit-base", 384)
    let qkv = try Self.record(graph, "blocks.0.attn.qkv")
    #expect((qkv.m, qkv.k, qkv.n) == (577, 768, 2304))
    let scores = try Self.record(graph, "blocks.11.attn.qk")
    #expect((scores.batch, scores.m, scores.k, scores.n) == (12, 577, 64, 577))
    #expect(try Self.record(graph, "pos_add").weightElements == 577 * 768)
    #expect(try Self.record(graph, "patch_embed.proj").m == 576)
    #expect(try Self.record(graph, "head").m == 1)
    #expect(graph.parameterCount == 86_859_496)  // timm deit_base_patch16_384
  }

  @Test func `Swin at 448 shifts its last stage, which is then 2×2 windows`() throws {
    let graph = try Self.build("swin-tiny", 448)
    let mask = try Self.record(graph, "layers.3.blocks.1.attn.mask_add")
    #expect(mask.weightElements == 4 * 49 * 49)
    #expect(try Self.record(graph, "layers.3.blocks.1.roll").elements == 196 * 768)
    #expect(try Self.record(graph, "layers.3.blocks.0.window_partition").kind == .permute)
    #expect(graph.parameterCount == 28_288_354)
  }

  @Test func `BiFormer at 112 uses 1×1 regions in stage 3 and a 4×4 last stage`() throws {
    let graph = try Self.build("biformer-tiny", 112)
    let scores = try Self.record(graph, "stages.2.0.attn.qk")
    #expect((scores.batch, scores.m, scores.k, scores.n) == (49 * 8, 1, 32, 16))
    let last = try Self.record(graph, "stages.3.0.attn.qk")
    #expect((last.batch, last.m, last.k, last.n) == (8, 16, 64, 16))
    #expect(graph.lowered().problems().isEmpty)
  }

  static let rejected: [(model: String, imageSize: Int, accepted: String)] = [
    ("deit-tiny", 230, "use a multiple of 16"), ("deit-small", 8, "use a multiple of 16"),
    ("deit-base", 0, "use a multiple of 16"), ("deit-tiny", -224, "use a multiple of 16"),
    ("swin-tiny", 230, "use a multiple of 224"), ("swin-small", 384, "use a multiple of 224"),
    ("swin-base", 256, "use a multiple of 224"), ("cswin-tiny", 384, "use a multiple of 224"),
    ("cswin-small", 225, "use a multiple of 224"), ("cswin-base", 112, "use a multiple of 224"),
    ("biformer-tiny", 230, "use a multiple of 112"),
    ("biformer-small", 223, "use a multiple of 112"),
    ("biformer-base", 56, "use a multiple of 112"),
  ]

  @Test(arguments: rejected)
  func `an image size that breaks patches, windows, stripes or regions throws`(
    _ model: String, _ imageSize: Int, _ accepted: String
  ) throws {
    let descriptor = try #require(ModelCatalog.named(model))
    let error = #expect(throws: ModelError.self) { try descriptor.build(imageSize, 1) }
    let message = error?.message ?? ""
    #expect(message.hasPrefix("image size \(imageSize) "), "\(message)")
    #expect(message.contains(accepted), "\(message)")
    #expect(!message.contains("\n"))
    #expect(descriptor.acceptedImageSizes.hasPrefix(accepted.dropFirst(4)))
  }

  @Test(arguments: ModelCatalog.all.map(\.name))
  func `a batch below 1 throws`(_ model: String) throws {
    let descriptor = try #require(ModelCatalog.named(model))
    for batch in [0, -1, Int.min] {
      let error = #expect(throws: ModelError.self) { try descriptor.build(224, batch) }
      #expect(error?.message == "batch \(batch) is not at least 1")
    }
  }

  @Test(arguments: ModelCatalog.all.map(\.name))
  func `sizes that overflow Int throw instead of trapping`(_ model: String) throws {
    let descriptor = try #require(ModelCatalog.named(model))
    for batch in [Int.max, Int.max / 3, 1 << 40, 1 << 34] {
      let error = #expect(throws: ModelError.self) { try descriptor.build(224, batch) }
      #expect(error?.message.contains("64-bit integer") == true, "\(model) batch \(batch)")
    }
    let step =
      switch descriptor.family {
      case "DeiT": 16
      case "BiFormer": 112
      default: 224
      }
    for imageSize in [Int.max - Int.max % step, step << 30] {
      let error = #expect(throws: ModelError.self) { try descriptor.build(imageSize, 1) }
      #expect(error?.message.contains("64-bit integer") == true, "\(model) size \(imageSize)")
    }
  }
}
