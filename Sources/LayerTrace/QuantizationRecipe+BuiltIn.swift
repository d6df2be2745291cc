extension QuantizationRecipe {
  /// The built-in recipes, in the order `vitsim trace --help` lists them.
  ///
  /// | name | sets |
  /// |---|---|
  /// | `W8A8` | 8-bit everything (what the model builders emit) |
  /// | `W4A8` | 4-bit static weights, 8-bit activations and outputs |
  /// | `W4A4` | 4-bit weights, activations and outputs |
  /// | `W8A4` | 8-bit weights, 4-bit activations and outputs |
  /// | `W8A8-fp16nonlinear` | `W8A8`, with softmax, LayerNorm, BatchNorm and GELU reading and writing 16 bits |
  /// | `W4A8-fp16nonlinear` | likewise on `W4A8` |
  /// | `W4A8-keep-edges` | `W4A8`, but the first conv (the patch embedding) and `head` keep 8-bit weights and stay dense under a sparsity option, and every `matmul` is 8×8 bits |
  ///
  /// Any other `W<w>A<a>` or `W<w>A<a>-fp16nonlinear` with widths in `1...16` is a recipe
  /// too (``named(_:)``), e.g. `W2A2`.
  public static let builtIn: [QuantizationRecipe] = [
    QuantizationRecipe(name: "W8A8", weightBits: 8, actBits: 8),
    QuantizationRecipe(name: "W4A8", weightBits: 4, actBits: 8),
    QuantizationRecipe(name: "W4A4", weightBits: 4, actBits: 4),
    QuantizationRecipe(name: "W8A4", weightBits: 8, actBits: 4),
    QuantizationRecipe(name: "W8A8-fp16nonlinear", weightBits: 8, actBits: 8, nonlinearBits: 16),
    QuantizationRecipe(name: "W4A8-fp16nonlinear", weightBits: 4, actBits: 8, nonlinearBits: 16),
    keepEdges,
  ]

  /// `W4A8` with 8-bit, dense edges: the patch embedding (the first conv of the trace, e.g.
  /// DeiT's `patch_embed.proj`, CSWin's `stage1_conv_embed.0`, BiFormer's first stem conv
  /// `downsample_layers.0.0`) and the classifier `head` keep 8-bit weights and are not pruned by
  /// a sparsity option; the attention products (`kind:matmul`) are 8×8 bits, which the base
  /// already gives them and this states explicitly. The overrides are optional, so the recipe
  /// applies to a trace without a conv or a head too.
  public static let keepEdges = QuantizationRecipe(
    name: "W4A8-keep-edges", weightBits: 4, actBits: 8,
    overrides: [
      Override(.first(.conv), weightBits: 8, sparsity: .dense, isOptional: true),
      Override(.name(pattern: "head"), weightBits: 8, sparsity: .dense, isOptional: true),
      Override(.kind(.matmul), weightBits: 8, actBits: 8, isOptional: true),
    ])

  /// The names of ``builtIn``, in order.
  public static var builtInNames: [String] { builtIn.map(\.name) }

  /// The recipe called `name`: a built-in, or any `W<w>A<a>` (optionally `-fp16nonlinear`)
  /// with both widths in `1...16` written without leading zeros; nil otherwise.
  public static func named(_ name: String) -> QuantizationRecipe? {
    if let recipe = builtIn.first(where: { $0.name == name }) { return recipe }
    var text = Substring(name)
    let suffix = "-fp16nonlinear"
    let nonlinear = text.hasSuffix(suffix)
    if nonlinear { text = text.dropLast(suffix.count) }
    guard text.first == "W", let a = text.firstIndex(of: "A") else { return nil }
    let weightText = text[text.index(after: text.startIndex)..<a]
    let actText = text[text.index(after: a)...]
    guard let weightBits = bitWidth(weightText), let actBits = bitWidth(actText) else {
      return nil
    }
    return QuantizationRecipe(
      name: name, weightBits: weightBits, actBits: actBits, nonlinearBits: nonlinear ? 16 : nil)
  }

  /// The built-in name nearest to a misspelt one, for a "did you mean".
  public static func closestName(to name: String) -> String? {
    closestCandidate(to: name, in: builtInNames)
  }

  /// A width in `bitRange` written as plain decimal digits without a leading zero.
  private static func bitWidth(_ text: Substring) -> Int? {
    guard !text.isEmpty, text.first != "0", text.allSatisfy({ $0.isASCII && $0.isNumber }),
      let value = Int(text), bitRange.contains(value)
    else { return nil }
    return value
  }
}
