/// The pre-norm MLP sub-block shared by all four families: `x + fc2(GELU(fc1(norm(x))))`.
extension GraphBuilder {
  /// The op names of one MLP sub-block, relative to the block scope.
  struct MLPNames {
    var norm: String
    var fc1: String
    var act: String
    var fc2: String
    var residual: String

    /// timm / Swin / CSWin `Mlp` naming.
    static let standard = MLPNames(
      norm: "norm2", fc1: "mlp.fc1", act: "mlp.act", fc2: "mlp.fc2", residual: "mlp_residual")
  }

  /// `x + fc2(GELU(fc1(LayerNorm(x))))` with `hidden` features: records layernorm, linear,
  /// gelu, linear, add.
  mutating func mlp(_ x: Tensor, hidden: Int, names: MLPNames = .standard) throws(ModelError)
    -> Tensor
  {
    let channels = try lastExtent(x, qualified(names.norm))
    var y = try layerNorm(x, name: names.norm)
    y = try linear(y, outFeatures: hidden, name: names.fc1)
    y = try gelu(y, name: names.act)
    y = try linear(y, outFeatures: channels, name: names.fc2)
    return try add(x, y, name: names.residual)
  }
}
