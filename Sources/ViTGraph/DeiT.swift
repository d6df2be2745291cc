/// A DeiT model (facebookresearch/deit `models.py` → timm `VisionTransformer`): a 16×16 patch
/// embedding, a class token, a learned position embedding and global multi-head attention.
///
/// Per block (`blocks.i.`): `norm1`, `attn.qkv`, `attn.q_scale` (q·d^-0.5), `attn.qk`,
/// `attn.softmax`, `attn.pv`, `attn.proj`, `attn_residual`, `norm2`, `mlp.fc1`, `mlp.act`,
/// `mlp.fc2`, `mlp_residual`. Before the blocks: `patch_embed.proj` (conv), `cls_concat`
/// (the class token joins as token 0) and `pos_add` (the position embedding); after them `norm`
/// on every token and `head` on the class token only.
///
/// Image sizes: any multiple of 16. The position embedding has `(side/16)² + 1` rows, so the
/// parameter count depends on the size (deit-base: 86,567,656 at 224, 86,859,496 at 384).
public struct DeiT: Hashable, Sendable {
  /// The model name, e.g. `deit-small`.
  public var name: String
  /// Embedding width D.
  public var embedDim: Int
  /// Attention heads; the head dim is `embedDim / heads` (64 for the released models).
  public var heads: Int
  /// Number of transformer blocks.
  public var depth: Int

  public init(name: String, embedDim: Int, heads: Int, depth: Int = 12) {
    self.name = name
    self.embedDim = embedDim
    self.heads = heads
    self.depth = depth
  }

  public static let tiny = DeiT(name: "deit-tiny", embedDim: 192, heads: 3)
  public static let small = DeiT(name: "deit-small", embedDim: 384, heads: 6)
  public static let base = DeiT(name: "deit-base", embedDim: 768, heads: 12)

  /// Patch side in pixels.
  public static let patchSize = 16
  /// Classifier outputs.
  public static let classes = 1000
  /// The accepted image sizes, as a phrase.
  public static let acceptedImageSizes = "a multiple of 16 such as 224, 384"

  /// The graph for `batch` images of `imageSize`×`imageSize` pixels.
  ///
  /// - Throws: ``ModelError`` when the size is not a positive multiple of 16, the batch is
  ///   below 1, or the sizes overflow `Int`.
  public func build(imageSize: Int, batch: Int) throws(ModelError) -> ViTGraph {
    try ModelInput.check(
      imageSize: imageSize, isAccepted: imageSize >= 16 && imageSize % Self.patchSize == 0,
      reason: "does not split into whole 16×16 DeiT patches",
      accepted: Self.acceptedImageSizes)
    try ModelInput.check(batch: batch)
    let d = embedDim
    let headDim = d / heads
    var g = GraphBuilder(name: name)
    let image = try g.input("image", shape: [batch, 3, imageSize, imageSize])
    let patches = try g.conv2d(
      image, outChannels: d, kernel: Self.patchSize, stride: Self.patchSize,
      name: "patch_embed.proj")
    let grid = imageSize / Self.patchSize
    let patchCount = try ModelInput.product(grid, grid)
    let patchTokens = try patches.reshaped([batch, d, patchCount]).permutedView([0, 2, 1])
    let tokens = patchCount + 1  // patchCount < 3·side², the checked input size
    let classToken = try g.constant("cls_token", shape: [1, 1, d]).expanded([batch, 1, d])
    var x = try g.concat([classToken, patchTokens], axis: 1, name: "cls_concat")
    let position = try g.constant("pos_embed", shape: [1, tokens, d])
    x = try g.add(x, position, name: "pos_add")
    for index in 0..<depth {
      x = try g.scope("blocks.\(index)") { g throws(ModelError) in
        let y = try g.layerNorm(x, name: "norm1")
        let qkv = try g.linear(y, outFeatures: 3 * d, name: "attn.qkv")
        let (q, k, v) = try qkv.splitQKV(heads: heads)
        let scaled = try g.mul(q, by: 1 / Double(headDim).squareRoot(), name: "attn.q_scale")
        let scores = try g.matmul(scaled, try k.transposedLast(), name: "attn.qk")
        let weights = try g.softmax(scores, name: "attn.softmax")
        let merged = try g.matmul(weights, v, name: "attn.pv").mergeHeads()
        let attention = try g.linear(merged, outFeatures: d, name: "attn.proj")
        let x1 = try g.add(x, attention, name: "attn_residual")
        return try g.mlp(x1, hidden: 4 * d)
      }
    }
    x = try g.layerNorm(x, name: "norm")
    let classFeature = try x.sliced(axis: 1, start: 0, length: 1).reshaped([batch, d])
    let logits = try g.linear(classFeature, outFeatures: Self.classes, name: "head")
    return try g.finish(output: logits)
  }
}
