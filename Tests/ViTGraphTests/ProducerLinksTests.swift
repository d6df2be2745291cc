import LayerTrace
import Testing
import ViTGraph

/// The `inputs` of each record name the ops whose outputs it reads, as the architectures wire
/// them.
struct ProducerLinksTests {
  /// The producers of `name`, by name.
  func producers(_ trace: LayerTrace, of name: String) -> [String] {
    guard let record = trace.records.first(where: { $0.name == name }) else { return ["<missing>"] }
    return record.inputs.map { trace.records[$0].name }
  }

  @Test func `DeiT attention reads q, k and v from the qkv projection and adds the shortcut`()
    throws
  {
    let trace = try #require(ModelCatalog.named("deit-tiny")).build(224, 1).lowered()
    #expect(producers(trace, of: "patch_embed.proj") == [])
    #expect(producers(trace, of: "blocks.0.attn.qkv") == ["blocks.0.norm1"])
    #expect(
      producers(trace, of: "blocks.0.attn.qk") == ["blocks.0.attn.q_scale", "blocks.0.attn.qkv"])
    #expect(
      producers(trace, of: "blocks.0.attn.pv") == ["blocks.0.attn.softmax", "blocks.0.attn.qkv"])
    #expect(producers(trace, of: "blocks.0.attn_residual") == ["pos_add", "blocks.0.attn.proj"])
    #expect(
      producers(trace, of: "blocks.1.attn_residual") == [
        "blocks.0.mlp_residual", "blocks.1.attn.proj",
      ])
    #expect(producers(trace, of: "head") == ["norm"])
  }

  @Test func `BiFormer's gather reads the routing indices and the key-value projection`() throws {
    let trace = try #require(ModelCatalog.named("biformer-tiny")).build(224, 1).lowered()
    let gather = try #require(trace.records.first { $0.kind == .gather })
    let names = gather.inputs.map { trace.records[$0].name }
    #expect(names.contains { $0.hasSuffix("router.topk") })
    #expect(names.contains { $0.hasSuffix("qkv.qkv") })
  }

  @Test(arguments: ModelCatalog.all.map(\.name))
  func `every op but the first reads an earlier op`(_ model: String) throws {
    let trace = try #require(ModelCatalog.named(model)).build(224, 1).lowered()
    #expect(trace.records[0].inputs.isEmpty)
    for (index, record) in trace.records.enumerated().dropFirst() {
      #expect(!record.inputs.isEmpty, "\(record.name) reads nothing")
      #expect(record.inputs.allSatisfy { $0 < index })
    }
    #expect(trace.problems().isEmpty)
  }
}
