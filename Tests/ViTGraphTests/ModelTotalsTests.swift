import LayerTrace
import Testing
import ViTGraph

/// The twelve models at 224×224, batch 1, against the totals of forward passes of the official
/// PyTorch implementations (every linear, conv, matmul, softmax, norm, GELU and gather recorded).
struct ModelTotalsTests {
  static let expected: [ModelTotals] = [
    ModelTotals(
      model: "deit-tiny", params: 5_717_416, macsTotal: 1_253_683_200,
      macsLinear: 1_045_949_952, macsConv: 28_901_376, macsAttentionMatmul: 178_831_872,
      macsRoutingMatmul: 0, softmaxElements: 1_397_124,
      layernormElements: 945_600, geluElements: 1_815_552,
      batchnormElements: 0, kvGatherElements: 0),
    ModelTotals(
      model: "deit-small", params: 22_050_664, macsTotal: 4_598_882_304,
      macsLinear: 4_183_415_808, macsConv: 57_802_752, macsAttentionMatmul: 357_663_744,
      macsRoutingMatmul: 0, softmaxElements: 2_794_248,
      layernormElements: 1_891_200, geluElements: 3_631_104,
      batchnormElements: 0, kvGatherElements: 0),
    ModelTotals(
      model: "deit-base", params: 86_567_656, macsTotal: 17_563_828_224,
      macsLinear: 16_732_895_232, macsConv: 115_605_504, macsAttentionMatmul: 715_327_488,
      macsRoutingMatmul: 0, softmaxElements: 5_588_496,
      layernormElements: 3_782_400, geluElements: 7_262_208,
      batchnormElements: 0, kvGatherElements: 0),
    ModelTotals(
      model: "swin-tiny", params: 28_288_354, macsTotal: 4_490_566_656,
      macsLinear: 4_335_974_400, macsConv: 14_450_688, macsAttentionMatmul: 140_141_568,
      macsRoutingMatmul: 0, softmaxElements: 2_189_712,
      layernormElements: 3_725_568, geluElements: 5_720_064,
      batchnormElements: 0, kvGatherElements: 0),
    ModelTotals(
      model: "swin-small", params: 49_606_258, macsTotal: 8_740_875_264,
      macsLinear: 8_497_772_544, macsConv: 14_450_688, macsAttentionMatmul: 228_652_032,
      macsRoutingMatmul: 0, softmaxElements: 3_572_688,
      layernormElements: 5_531_904, geluElements: 9_332_736,
      batchnormElements: 0, kvGatherElements: 0),
    ModelTotals(
      model: "swin-base", params: 87_768_224, macsTotal: 15_430_946_816,
      macsLinear: 15_106_809_856, macsConv: 19_267_584, macsAttentionMatmul: 304_869_376,
      macsRoutingMatmul: 0, softmaxElements: 4_763_584,
      layernormElements: 7_375_872, geluElements: 12_443_648,
      batchnormElements: 0, kvGatherElements: 0),
    ModelTotals(
      model: "cswin-tiny", params: 22_320_552, macsTotal: 4_324_203_008,
      macsLinear: 3_854_028_800, macsConv: 216_233_472, macsAttentionMatmul: 253_940_736,
      macsRoutingMatmul: 0, softmaxElements: 3_967_824,
      layernormElements: 3_361_792, geluElements: 5_920_768,
      batchnormElements: 0, kvGatherElements: 0),
    ModelTotals(
      model: "cswin-small", params: 34_643_304, macsTotal: 6_800_714_752,
      macsLinear: 6_166_138_880, macsConv: 225_039_360, macsAttentionMatmul: 409_536_512,
      macsRoutingMatmul: 0, softmaxElements: 6_399_008,
      layernormElements: 5_318_656, geluElements: 9_834_496,
      batchnormElements: 0, kvGatherElements: 0),
    ModelTotals(
      model: "cswin-base", params: 77_382_184, macsTotal: 14_955_348_480,
      macsLinear: 13_873_428_480, macsConv: 467_615_232, macsAttentionMatmul: 614_304_768,
      macsRoutingMatmul: 0, softmaxElements: 12_798_016,
      layernormElements: 7_977_984, geluElements: 14_751_744,
      batchnormElements: 0, kvGatherElements: 0),
    ModelTotals(
      model: "biformer-tiny", params: 13_142_760, macsTotal: 2_215_901_568,
      macsLinear: 1_798_819_840, macsConv: 277_874_688, macsAttentionMatmul: 139_207_040,
      macsRoutingMatmul: 5_839_232, softmaxElements: 2_052_218,
      layernormElements: 2_107_392, geluElements: 3_562_496,
      batchnormElements: 802_816, kvGatherElements: 15_253_504),
    ModelTotals(
      model: "biformer-small", params: 25_536_232, macsTotal: 4_463_629_568,
      macsLinear: 3_854_028_800, macsConv: 317_112_320, macsAttentionMatmul: 292_488_448,
      macsRoutingMatmul: 12_907_776, softmaxElements: 4_306_708,
      layernormElements: 4_415_488, geluElements: 7_024_640,
      batchnormElements: 802_816, kvGatherElements: 33_718_272),
    ModelTotals(
      model: "biformer-base", params: 56_804_968, macsTotal: 9_758_990_208,
      macsLinear: 8_671_180_800, macsConv: 649_076_736, macsAttentionMatmul: 438_732_672,
      macsRoutingMatmul: 19_361_664, softmaxElements: 6_414_100,
      layernormElements: 6_623_232, geluElements: 10_536_960,
      batchnormElements: 1_204_224, kvGatherElements: 50_577_408),
  ]

  @Test func `the catalog lists the twelve models in order with their families`() {
    #expect(ModelCatalog.all.map(\.name) == Self.expected.map(\.model))
    #expect(
      ModelCatalog.all.map(\.family)
        == [
          "DeiT", "DeiT", "DeiT", "Swin", "Swin", "Swin", "CSWin", "CSWin", "CSWin",
          "BiFormer", "BiFormer", "BiFormer",
        ])
    #expect(ModelCatalog.all.allSatisfy { $0.defaultImageSize == 224 })
    #expect(ModelCatalog.named("swin-small")?.family == "Swin")
    #expect(ModelCatalog.named("swin-t") == nil)
  }

  @Test(arguments: expected)
  func `every total matches the reference forward pass exactly`(_ expected: ModelTotals) throws {
    let model = try #require(ModelCatalog.named(expected.model))
    let actual = ModelTotals(try model.build(224, 1))
    for (got, want) in zip(actual.fields, expected.fields) {
      #expect(
        got.value == want.value,
        "\(expected.model) \(want.column): got \(got.value), expected \(want.value) (difference \(got.value - want.value))"
      )
    }
  }
}
