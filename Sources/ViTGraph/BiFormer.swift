/// A BiFormer (rayleizhu/BiFormer `models/biformer.py`, `ops/bra_legacy.py`,
/// `models/_common.py`): a two-conv BatchNorm stem, a 3×3 depthwise conv position embedding
/// before every block, bi-level routing attention (BRA) in stages 1–3 and full attention with
/// LePE in stage 4, BatchNorm downsampling and head.
///
/// Per block (`stages.s.j.`): `pos_embed` (depthwise 3×3 conv), `pos_embed_add`, `norm1`, the
/// attention (`attn.`), `attn_residual`, `norm2`, `mlp.0`, `mlp.2` (GELU), `mlp.3`,
/// `mlp_residual`. BRA on an R×R map with 7×7 regions of w×w pixels: `region_partition`
/// (permute), `qkv.qkv`, `q_win` and `k_win` (region means), `v_region_reverse` (permute v back
/// to the map) and `lepe` (5×5 depthwise on the whole map), `router.q_scale`, `router.qk`
/// (routing GEMM 49×C×49), `router.topk`, `router.routing_act` (softmax over the k picks; its
/// result is unused but computed), `kv_gather`, `q_scale` (C^-0.5), `qk`, `attn_act` (softmax),
/// `pv`, `region_reverse` (permute), `lepe_add`, `wo`. Stage 4 (`AttentionLePE`, 8 heads):
/// `qkv` (no bias), `lepe` (5×5 depthwise on the attention input), `qk`, `scale` (after the
/// product), `softmax`, `pv`, `lepe_add`, `proj`. Stem `downsample_layers.0.{0…4}` (conv, BN,
/// GELU, conv, BN); downsampling `downsample_layers.s.{0,1}` (conv, BN); head `norm` (BN),
/// `pool` (mean over pixels), `head`.
///
/// Image sizes: multiples of 112, so that the stage-1–3 sides (side/4, /8, /16) are whole
/// numbers of 7×7 regions.
public struct BiFormer: Hashable, Sendable {
  /// The model name, e.g. `biformer-tiny`.
  public var name: String
  /// Channels per stage.
  public var channels: [Int]
  /// Blocks per stage.
  public var depths: [Int]
  /// Regions routed to per query region in the BRA stages (all but the last).
  public var topK: [Int]

  public init(name: String, channels: [Int], depths: [Int], topK: [Int] = [1, 4, 16]) {
    self.name = name
    self.channels = channels
    self.depths = depths
    self.topK = topK
  }

  public static let tiny = BiFormer(
    name: "biformer-tiny", channels: [64, 128, 256, 512], depths: [2, 2, 8, 2])
  public static let small = BiFormer(
    name: "biformer-small", channels: [64, 128, 256, 512], depths: [4, 4, 18, 4])
  public static let base = BiFormer(
    name: "biformer-base", channels: [96, 192, 384, 768], depths: [4, 4, 18, 4])

  /// Regions per side (7×7 = 49 regions).
  public static let regionsPerSide = 7
  /// Head dim of BRA (stages 1–3 have `C/32` heads).
  public static let routingHeadDim = 32
  /// Heads of the last stage's `AttentionLePE` (its constructor default).
  public static let lastStageHeads = 8
  /// MLP hidden width as a multiple of the channels.
  public static let mlpRatio = 3
  /// Classifier outputs.
  public static let classes = 1000
  /// The accepted image sizes, as a phrase.
  public static let acceptedImageSizes = "a multiple of 112 such as 224, 336, 448"

  /// Whether a `size`-pixel image gives stage sides (side/4, /8, /16) that are whole numbers of
  /// regions.
  static func accepts(imageSize size: Int) -> Bool {
    size >= 112 && size % 112 == 0
  }

  /// The graph for `batch` images of `imageSize`×`imageSize` pixels.
  ///
  /// - Throws: ``ModelError`` for an image size whose regions are not whole, a batch below 1,
  ///   or sizes that overflow `Int`.
  public func build(imageSize: Int, batch: Int) throws(ModelError) -> ViTGraph {
    try ModelInput.check(
      imageSize: imageSize, isAccepted: Self.accepts(imageSize: imageSize),
      reason: "does not keep BiFormer's 7×7 routing regions whole",
      accepted: Self.acceptedImageSizes)
    try ModelInput.check(batch: batch)
    var g = GraphBuilder(name: name)
    let image = try g.input("image", shape: [batch, 3, imageSize, imageSize])
    var x = try g.scope("downsample_layers.0") { g throws(ModelError) in
      var y = try g.conv2d(
        image, outChannels: channels[0] / 2, kernel: 3, stride: 2, padding: 1, name: "0")
      y = try g.batchNorm(y, name: "1")
      y = try g.gelu(y, name: "2")
      y = try g.conv2d(y, outChannels: channels[0], kernel: 3, stride: 2, padding: 1, name: "3")
      return try g.batchNorm(y, name: "4")
    }
    for stage in 0..<depths.count {
      if stage > 0 {
        x = try g.scope("downsample_layers.\(stage)") { g throws(ModelError) in
          let y = try g.conv2d(
            x, outChannels: channels[stage], kernel: 3, stride: 2, padding: 1, name: "0")
          return try g.batchNorm(y, name: "1")
        }
      }
      for index in 0..<depths[stage] {
        x = try g.scope("stages.\(stage).\(index)") { g throws(ModelError) in
          try block(&g, x, stage: stage)
        }
      }
    }
    x = try g.batchNorm(x, name: "norm")
    let pixels = try ModelInput.product(x.shape[2], x.shape[3])
    let pooled = try g.mean(try x.reshaped([batch, x.shape[1], pixels]), axis: 2, name: "pool")
    let logits = try g.linear(pooled, outFeatures: Self.classes, name: "head")
    return try g.finish(output: logits)
  }

  /// One block on an NCHW map: conv position embedding, attention and MLP (NHWC inside).
  private func block(_ g: inout GraphBuilder, _ x: Tensor, stage: Int) throws(ModelError)
    -> Tensor
  {
    let width = x.shape[1]
    let embedded = try g.conv2d(
      x, outChannels: width, kernel: 3, padding: 1, groups: width, name: "pos_embed")
    let map = try g.add(x, embedded, name: "pos_embed_add").permutedView([0, 2, 3, 1])
    let normed = try g.layerNorm(map, name: "norm1")
    let attended = try g.scope("attn") { g throws(ModelError) in
      stage < depths.count - 1
        ? try routingAttention(&g, normed, topK: topK[stage])
        : try fullAttention(&g, normed)
    }
    let residual = try g.add(map, attended, name: "attn_residual")
    let names = GraphBuilder.MLPNames(
      norm: "norm2", fc1: "mlp.0", act: "mlp.2", fc2: "mlp.3", residual: "mlp_residual")
    return try g.mlp(residual, hidden: Self.mlpRatio * width, names: names)
      .permutedView([0, 3, 1, 2])
  }

  /// Bi-level routing attention on a `(B, R, R, C)` map; returns `(B, R, R, C)`.
  private func routingAttention(_ g: inout GraphBuilder, _ x: Tensor, topK k: Int)
    throws(ModelError) -> Tensor
  {
    let (batch, side, width) = (x.shape[0], x.shape[1], x.shape[3])
    let regions = Self.regionsPerSide * Self.regionsPerSide
    let regionSide = side / Self.regionsPerSide
    let pixels = regionSide * regionSide
    let heads = width / Self.routingHeadDim
    let scale = 1 / Double(width).squareRoot()  // qk_dim^-0.5, not the head dim
    let partitioned = try g.windowPartition(
      x, windowHeight: regionSide, windowWidth: regionSide, name: "region_partition")
    let qkv = try g.linear(
      try partitioned.reshaped([batch, regions, pixels, width]), outFeatures: 3 * width,
      name: "qkv.qkv")  // (B, 49, w², 3C): channels [q | k | v]
    func channels(_ start: Int, _ count: Int) throws(ModelError) -> Tensor {
      try qkv.sliced(axis: 3, start: start, length: count)
    }
    let q = try channels(0, width)
    let kv = try channels(width, 2 * width)
    let queryRegions = try g.mean(q, axis: 2, name: "q_win")  // (B, 49, C)
    let keyRegions = try g.mean(try channels(width, width), axis: 2, name: "k_win")
    let rows = try ModelInput.product(batch, regions)
    let vMap = try g.windowReverse(
      try channels(2 * width, width).reshaped([rows, pixels, width]),
      windowHeight: regionSide, windowWidth: regionSide, height: side, width: side,
      name: "v_region_reverse")
    let lepe = try g.conv2d(
      try vMap.permutedView([0, 3, 1, 2]), outChannels: width, kernel: 5, padding: 2,
      groups: width, name: "lepe"
    ).permutedView([0, 2, 3, 1])
    let routed = try g.scope("router") { g throws(ModelError) in
      let scaled = try g.mul(queryRegions, by: scale, name: "q_scale")
      let logits = try g.matmul(scaled, try keyRegions.transposedLast(), name: "qk")
      let picks = try g.topK(logits, k: k, name: "topk")
      _ = try g.softmax(picks, name: "routing_act")
      return picks  // (B, 49, k)
    }
    let selected = try g.gather(kv, indices: routed, name: "kv_gather")  // (B, 49, k, w², 2C)
    let keyLength = k * pixels
    func selectedHeads(_ start: Int) throws(ModelError) -> Tensor {
      try selected.sliced(axis: 4, start: start, length: width)
        .reshaped([rows, k, pixels, heads, Self.routingHeadDim]).permutedView([0, 3, 1, 2, 4])
        .reshaped([rows, heads, keyLength, Self.routingHeadDim])
    }
    let queries = try q.reshaped([rows, pixels, width]).splitHeads(heads)
    let scaled = try g.mul(queries, by: scale, name: "q_scale")
    let scores = try g.matmul(scaled, try selectedHeads(0).transposedLast(), name: "qk")
    let weights = try g.softmax(scores, name: "attn_act")
    let attended = try g.matmul(weights, try selectedHeads(width), name: "pv").mergeHeads()
    let out = try g.windowReverse(
      attended, windowHeight: regionSide, windowWidth: regionSide, height: side, width: side,
      name: "region_reverse")
    let enhanced = try g.add(out, lepe, name: "lepe_add")
    return try g.linear(enhanced, outFeatures: width, name: "wo")
  }

  /// Stage-4 full attention with LePE on the attention input; `(B, R, R, C)` in and out.
  private func fullAttention(_ g: inout GraphBuilder, _ x: Tensor) throws(ModelError) -> Tensor {
    let (batch, side, width) = (x.shape[0], x.shape[1], x.shape[3])
    let heads = Self.lastStageHeads
    let tokens = try x.reshaped([batch, try ModelInput.product(side, side), width])
    let (q, k, v) = try g.linear(tokens, outFeatures: 3 * width, bias: false, name: "qkv")
      .splitQKV(heads: heads)
    let lepe = try g.conv2d(
      try x.permutedView([0, 3, 1, 2]), outChannels: width, kernel: 5, padding: 2,
      groups: width, name: "lepe"
    ).permutedView([0, 2, 3, 1]).reshaped(tokens.shape)
    let raw = try g.matmul(q, try k.transposedLast(), name: "qk")
    let scores = try g.mul(raw, by: 1 / Double(width / heads).squareRoot(), name: "scale")
    let weights = try g.softmax(scores, name: "softmax")
    let attended = try g.matmul(weights, v, name: "pv").mergeHeads()
    let enhanced = try g.add(attended, lepe, name: "lepe_add")
    return try g.linear(enhanced, outFeatures: width, name: "proj").reshaped(x.shape)
  }
}
