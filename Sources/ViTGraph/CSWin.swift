/// A CSWin Transformer (microsoft/CSWin-Transformer `models/cswin.py`): an overlapping 7×7
/// stem, four stages of cross-shaped window attention with locally-enhanced positional
/// encoding (LePE), and 3×3 stride-2 conv merges.
///
/// Per block (`stageS.j.`): `norm1`, `qkv`, then per branch b (`attns.b.`; branch 0 attends in
/// full-height column stripes, branch 1 in full-width row stripes, each on half the channels
/// and heads): `q_windows`, `k_windows`, `v_windows` (permutes into stripes; row stripes are
/// already contiguous, so branch 1 has none), `get_v` (the LePE depthwise 3×3 conv, run on each
/// stripe as its own image), `q_scale`, `qk`, `softmax`, `pv`, `lepe_add`, `windows2img`
/// (permute back); then `concat` (the two branches on channels), `proj`, `attn_residual`,
/// `norm2`, `mlp.fc1`, `mlp.act`, `mlp.fc2`, `mlp_residual`. The last stage (and any stage whose
/// side equals its stripe width) has one branch over the whole map and no concat.
/// Stem: `stage1_conv_embed.0` (conv), `stage1_conv_embed.2` (norm); merges `mergeS.conv`,
/// `mergeS.norm`; head: `norm`, `pool` (mean over tokens), `head`.
///
/// Image sizes: multiples of 224, so that the stage sides are side/4, /8, /16, /32 exactly (as
/// the official blocks assume) and the stripes of widths 1, 2, 7 tile stages 1–3.
public struct CSWin: Hashable, Sendable {
  /// The model name, e.g. `cswin-tiny`.
  public var name: String
  /// Channels of stage 1; stage s has `embedDim · 2^(s−1)`.
  public var embedDim: Int
  /// Blocks per stage.
  public var depths: [Int]
  /// Attention heads per stage (as in the official code; half per branch in stages 1–3).
  public var heads: [Int]
  /// Stripe width per stage, in tokens.
  public var stripeWidths: [Int]

  public init(
    name: String, embedDim: Int, depths: [Int], heads: [Int], stripeWidths: [Int] = [1, 2, 7, 7]
  ) {
    self.name = name
    self.embedDim = embedDim
    self.depths = depths
    self.heads = heads
    self.stripeWidths = stripeWidths
  }

  public static let tiny = CSWin(
    name: "cswin-tiny", embedDim: 64, depths: [1, 2, 21, 1], heads: [2, 4, 8, 16])
  public static let small = CSWin(
    name: "cswin-small", embedDim: 64, depths: [2, 4, 32, 2], heads: [2, 4, 8, 16])
  public static let base = CSWin(
    name: "cswin-base", embedDim: 96, depths: [2, 4, 32, 2], heads: [4, 8, 16, 32])

  /// Classifier outputs.
  public static let classes = 1000
  /// The accepted image sizes, as a phrase.
  public static let acceptedImageSizes = "a multiple of 224 such as 224, 448"

  /// The side of stage `stage` (0-based) that the official blocks assume: `size / 2^(stage+2)`.
  private static func side(imageSize size: Int, stage: Int) -> Int { size >> (stage + 2) }

  /// Whether a `size`-pixel image gives stage sides of exactly size/4, /8, /16, /32 (the stem
  /// and merge convs' output, with no pixel left over) that the stripes tile.
  ///
  /// The official code also runs at a few sizes just above a multiple of 224 (225, 226), where
  /// the stem's rounding drops border pixels; those are rejected here.
  func accepts(imageSize size: Int) -> Bool {
    guard size >= 32, size % 32 == 0 else { return false }
    var side = (size - 3) / 4 + 1  // the stem: (size + 2·2 − 7) / 4 + 1
    for stage in 0..<depths.count {
      if stage > 0 { side = (side - 1) / 2 + 1 }  // a merge: kernel 3, stride 2, padding 1
      guard side == Self.side(imageSize: size, stage: stage), side >= 1 else { return false }
      let width = stripeWidths[stage]
      if stage < depths.count - 1, side != width, side % width != 0 { return false }
    }
    return true
  }

  /// The graph for `batch` images of `imageSize`×`imageSize` pixels.
  ///
  /// - Throws: ``ModelError`` for an image size whose stripes are not whole, a batch below 1,
  ///   or sizes that overflow `Int`.
  public func build(imageSize: Int, batch: Int) throws(ModelError) -> ViTGraph {
    try ModelInput.check(
      imageSize: imageSize, isAccepted: accepts(imageSize: imageSize),
      reason:
        "does not keep CSWin's stripes (widths \(stripeWidths.map(String.init).joined(separator: ", "))) whole",
      accepted: Self.acceptedImageSizes)
    try ModelInput.check(batch: batch)
    var g = GraphBuilder(name: name)
    let image = try g.input("image", shape: [batch, 3, imageSize, imageSize])
    let stem = try g.conv2d(
      image, outChannels: embedDim, kernel: 7, stride: 4, padding: 2, name: "stage1_conv_embed.0")
    var x = try tokens(of: stem)
    x = try g.layerNorm(x, name: "stage1_conv_embed.2")
    var channels = embedDim
    var side = stem.shape[2]
    for stage in 0..<depths.count {
      if stage > 0 {
        let merged = try g.scope("merge\(stage)") { g throws(ModelError) in
          let map = try x.permutedView([0, 2, 1]).reshaped([batch, channels, side, side])
          return try g.conv2d(
            map, outChannels: 2 * channels, kernel: 3, stride: 2, padding: 1, name: "conv")
        }
        x = try g.layerNorm(try tokens(of: merged), name: "merge\(stage).norm")
        channels *= 2
        side = merged.shape[2]
      }
      let stripe = stripeWidths[stage]
      let singleBranch = stage == depths.count - 1 || side == stripe
      for index in 0..<depths[stage] {
        x = try g.scope("stage\(stage + 1).\(index)") { g throws(ModelError) in
          try block(
            &g, x, side: side, channels: channels, heads: heads[stage], stripe: stripe,
            singleBranch: singleBranch)
        }
      }
    }
    x = try g.layerNorm(x, name: "norm")
    let pooled = try g.mean(x, axis: 1, name: "pool")
    let logits = try g.linear(pooled, outFeatures: Self.classes, name: "head")
    return try g.finish(output: logits)
  }

  /// `(B, C, H, W)` seen as `(B, H·W, C)` tokens.
  private func tokens(of map: Tensor) throws(ModelError) -> Tensor {
    let (batch, channels) = (map.shape[0], map.shape[1])
    return try map.reshaped([batch, channels, try ModelInput.product(map.shape[2], map.shape[3])])
      .permutedView([0, 2, 1])
  }

  /// One cross-shaped-window block plus its MLP on `(B, side², channels)` tokens.
  private func block(
    _ g: inout GraphBuilder, _ x: Tensor, side: Int, channels: Int, heads: Int, stripe: Int,
    singleBranch: Bool
  ) throws(ModelError) -> Tensor {
    let normed = try g.layerNorm(x, name: "norm1")
    let qkv = try g.linear(normed, outFeatures: 3 * channels, name: "qkv")
    let attended: Tensor
    if singleBranch {
      attended = try g.scope("attns.0") { g throws(ModelError) in
        try branch(
          &g, qkv, channels: 0..<channels, heads: heads, side: side, stripeHeight: side,
          stripeWidth: side)
      }
    } else {
      let half = channels / 2
      let columns = try g.scope("attns.0") { g throws(ModelError) in
        try branch(
          &g, qkv, channels: 0..<half, heads: heads / 2, side: side, stripeHeight: side,
          stripeWidth: stripe)
      }
      let rows = try g.scope("attns.1") { g throws(ModelError) in
        try branch(
          &g, qkv, channels: half..<channels, heads: heads / 2, side: side, stripeHeight: stripe,
          stripeWidth: side)
      }
      attended = try g.concat([columns, rows], axis: 2, name: "concat")
    }
    let projected = try g.linear(attended, outFeatures: channels, name: "proj")
    let residual = try g.add(x, projected, name: "attn_residual")
    return try g.mlp(residual, hidden: 4 * channels)
  }

  /// LePE attention of one branch: the `channels` range of q, k and v (out of `qkv`'s
  /// `(B, N, 3C)`), in stripes of `stripeHeight × stripeWidth`; returns `(B, N, channels.count)`.
  private func branch(
    _ g: inout GraphBuilder, _ qkv: Tensor, channels: Range<Int>, heads: Int, side: Int,
    stripeHeight: Int, stripeWidth: Int
  ) throws(ModelError) -> Tensor {
    let (batch, width) = (qkv.shape[0], channels.count)
    let total = qkv.shape[2] / 3
    let length = stripeHeight * stripeWidth
    func stripes(_ part: Int, _ name: String) throws(ModelError) -> Tensor {
      let map = try qkv.reshaped([batch, side, side, 3, total])
        .sliced(axis: 3, start: part, length: 1)
        .sliced(axis: 4, start: channels.lowerBound, length: width)
        .reshaped([batch, side, side, width])
      return try g.windowPartition(
        map, windowHeight: stripeHeight, windowWidth: stripeWidth, name: name)
    }
    let q = try stripes(0, "q_windows")
    let k = try stripes(1, "k_windows")
    let v = try stripes(2, "v_windows")  // (B·n, L, c)
    let stripeCount = v.shape[0]
    let vImages = try v.reshaped([stripeCount, stripeHeight, stripeWidth, width])
      .permutedView([0, 3, 1, 2])
    let lepe = try g.conv2d(
      vImages, outChannels: width, kernel: 3, padding: 1, groups: width, name: "get_v"
    ).permutedView([0, 2, 3, 1]).reshaped([stripeCount, length, width]).splitHeads(heads)
    let headDim = width / heads
    let scaled = try g.mul(
      try q.splitHeads(heads), by: 1 / Double(headDim).squareRoot(), name: "q_scale")
    let scores = try g.matmul(scaled, try k.splitHeads(heads).transposedLast(), name: "qk")
    let weights = try g.softmax(scores, name: "softmax")
    let attended = try g.matmul(weights, try v.splitHeads(heads), name: "pv")
    let enhanced = try g.add(attended, lepe, name: "lepe_add").mergeHeads()
    let map = try g.windowReverse(
      enhanced, windowHeight: stripeHeight, windowWidth: stripeWidth, height: side, width: side,
      name: "windows2img")
    return try map.reshaped([batch, side * side, width])
  }
}
