/// A Swin Transformer (microsoft/Swin-Transformer `models/swin_transformer.py`): a 4×4 patch
/// embedding, four stages of window attention with shifted windows in every odd block, and
/// patch merging between stages.
///
/// Per block (`layers.s.blocks.j.`): `norm1`, then for a shifted block `roll` (−3 on H and W),
/// `window_partition` (permute), `attn.qkv`, `attn.q_scale`, `attn.qk`, `attn.bias_add`
/// (the relative-position bias, weightElements = h·49·49), for a shifted block `attn.mask_add`
/// (weightElements = nW·49·49), `attn.softmax`, `attn.pv`, `attn.proj`, `window_reverse`
/// (permute), for a shifted block `roll_back` (+3), `attn_residual`, then `norm2`, `mlp.fc1`,
/// `mlp.act`, `mlp.fc2`, `mlp_residual`. A stage whose side is at most 7 is one window: it never
/// shifts, and its partition and reverse move nothing, so they add no records.
/// Patch merging (`layers.s.downsample.`): `concat` of the four 2×2-strided slices in the order
/// (0,0), (1,0), (0,1), (1,1), `norm`, `reduction` (no bias). Stem: `patch_embed.proj` (conv),
/// `patch_embed.norm`; head: `norm`, `avgpool` (mean over tokens), `head`.
///
/// The relative-position bias is gathered from its `(2·7−1)²×h` table once, when the model is
/// built (the gather touches only weights), so it appears as a constant operand of
/// `attn.bias_add` and not as a `gather` record; the table is what the parameters count.
///
/// Image sizes: multiples of 224, so that every stage side (side/4, /8, /16, /32) is a whole
/// number of 7×7 windows.
public struct Swin: Hashable, Sendable {
  /// The model name, e.g. `swin-tiny`.
  public var name: String
  /// Channels of stage 1; stage s has `embedDim · 2^(s−1)`.
  public var embedDim: Int
  /// Blocks per stage.
  public var depths: [Int]
  /// Attention heads per stage (head dim 32 in the released models).
  public var heads: [Int]

  public init(name: String, embedDim: Int, depths: [Int], heads: [Int]) {
    self.name = name
    self.embedDim = embedDim
    self.depths = depths
    self.heads = heads
  }

  public static let tiny = Swin(
    name: "swin-tiny", embedDim: 96, depths: [2, 2, 6, 2], heads: [3, 6, 12, 24])
  public static let small = Swin(
    name: "swin-small", embedDim: 96, depths: [2, 2, 18, 2], heads: [3, 6, 12, 24])
  public static let base = Swin(
    name: "swin-base", embedDim: 128, depths: [2, 2, 18, 2], heads: [4, 8, 16, 32])

  /// Window side in tokens.
  public static let windowSize = 7
  /// Cyclic shift of the shifted blocks, in tokens (`windowSize / 2`).
  public static let shiftSize = 3
  /// Patch side in pixels.
  public static let patchSize = 4
  /// Classifier outputs.
  public static let classes = 1000
  /// The accepted image sizes, as a phrase.
  public static let acceptedImageSizes = "a multiple of 224 such as 224, 448"

  /// Whether every stage side of a `size`-pixel image is a whole number of windows (or a single
  /// window of at most 7×7) and halves exactly at each merge.
  static func accepts(imageSize size: Int) -> Bool {
    guard size >= 32, size % 32 == 0 else { return false }
    return (0..<4).allSatisfy { stage in
      let side = size / (patchSize << stage)
      return side <= windowSize || side % windowSize == 0
    }
  }

  /// The graph for `batch` images of `imageSize`×`imageSize` pixels.
  ///
  /// - Throws: ``ModelError`` for an image size that does not keep the windows whole, a batch
  ///   below 1, or sizes that overflow `Int`.
  public func build(imageSize: Int, batch: Int) throws(ModelError) -> ViTGraph {
    try ModelInput.check(
      imageSize: imageSize, isAccepted: Self.accepts(imageSize: imageSize),
      reason: "does not keep Swin's 7×7 windows whole", accepted: Self.acceptedImageSizes)
    try ModelInput.check(batch: batch)
    var g = GraphBuilder(name: name)
    let image = try g.input("image", shape: [batch, 3, imageSize, imageSize])
    let patches = try g.conv2d(
      image, outChannels: embedDim, kernel: Self.patchSize, stride: Self.patchSize,
      name: "patch_embed.proj")
    var side = imageSize / Self.patchSize
    var channels = embedDim
    var x = try patches.reshaped([batch, channels, try ModelInput.product(side, side)])
      .permutedView([0, 2, 1])
    x = try g.layerNorm(x, name: "patch_embed.norm")
    for stage in 0..<depths.count {
      x = try g.scope("layers.\(stage)") { g throws(ModelError) in
        var x = x
        let window = min(Self.windowSize, side)
        for index in 0..<depths[stage] {
          let shift = index % 2 == 1 && side > Self.windowSize ? Self.shiftSize : 0
          x = try g.scope("blocks.\(index)") { g throws(ModelError) in
            try block(
              &g, x, side: side, channels: channels, heads: heads[stage], window: window,
              shift: shift)
          }
        }
        if stage < depths.count - 1 {
          x = try g.scope("downsample") { g throws(ModelError) in
            try merge(&g, x, side: side, channels: channels)
          }
        }
        return x
      }
      if stage < depths.count - 1 {
        side /= 2
        channels *= 2
      }
    }
    x = try g.layerNorm(x, name: "norm")
    let pooled = try g.mean(x, axis: 1, name: "avgpool")
    let logits = try g.linear(pooled, outFeatures: Self.classes, name: "head")
    return try g.finish(output: logits)
  }

  /// One (shifted) window-attention block plus its MLP on `(B, side², channels)` tokens.
  private func block(
    _ g: inout GraphBuilder, _ x: Tensor, side: Int, channels: Int, heads: Int, window: Int,
    shift: Int
  ) throws(ModelError) -> Tensor {
    let batch = x.shape[0]
    let length = window * window
    var map = try g.layerNorm(x, name: "norm1").reshaped([batch, side, side, channels])
    if shift > 0 {
      map = try g.roll(map, shifts: [-shift, -shift], axes: [1, 2], name: "roll")
    }
    let windows = try g.windowPartition(
      map, windowHeight: window, windowWidth: window, name: "window_partition")
    let windowCount = windows.shape[0] / batch
    let (q, k, v) = try g.linear(windows, outFeatures: 3 * channels, name: "attn.qkv")
      .splitQKV(heads: heads)
    let headDim = channels / heads
    let scaled = try g.mul(q, by: 1 / Double(headDim).squareRoot(), name: "attn.q_scale")
    var scores = try g.matmul(scaled, try k.transposedLast(), name: "attn.qk")
    let bias = try g.constant(
      "attn.relative_position_bias", shape: [heads, length, length],
      source: .derived(
        from: "attn.relative_position_bias_table",
        shape: [(2 * window - 1) * (2 * window - 1), heads]))
    scores = try g.add(scores, bias, name: "attn.bias_add")
    if shift > 0 {
      let mask = try g.constant(
        "attn_mask", shape: [windowCount, 1, length, length], source: .buffer)
      scores = try g.add(
        try scores.reshaped([batch, windowCount, heads, length, length]), mask,
        name: "attn.mask_add"
      ).reshaped(scores.shape)
    }
    let weights = try g.softmax(scores, name: "attn.softmax")
    let attended = try g.matmul(weights, v, name: "attn.pv").mergeHeads()
    let projected = try g.linear(attended, outFeatures: channels, name: "attn.proj")
    map = try g.windowReverse(
      projected, windowHeight: window, windowWidth: window, height: side, width: side,
      name: "window_reverse")
    if shift > 0 {
      map = try g.roll(map, shifts: [shift, shift], axes: [1, 2], name: "roll_back")
    }
    let residual = try g.add(x, try map.reshaped(x.shape), name: "attn_residual")
    return try g.mlp(residual, hidden: 4 * channels)
  }

  /// Patch merging: `(B, side², C)` → `(B, (side/2)², 2C)`.
  private func merge(_ g: inout GraphBuilder, _ x: Tensor, side: Int, channels: Int)
    throws(ModelError) -> Tensor
  {
    let batch = x.shape[0]
    let half = side / 2
    let map = try x.reshaped([batch, side, side, channels])
    var parts: [Tensor] = []
    for (row, column) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
      parts.append(
        try map.sliced(axis: 1, start: row, length: half, step: 2)
          .sliced(axis: 2, start: column, length: half, step: 2))
    }
    let joined = try g.concat(parts, axis: 3, name: "concat")
      .reshaped([batch, half * half, 4 * channels])
    let normed = try g.layerNorm(joined, name: "norm")
    return try g.linear(normed, outFeatures: 2 * channels, bias: false, name: "reduction")
  }
}
