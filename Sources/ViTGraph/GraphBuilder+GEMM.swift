import LayerTrace

/// The ops that run on the systolic array: linear layers, convolutions and activation products.
extension GraphBuilder {
  /// A linear layer on the last axis: `(…, K) → (…, N)`, weight `[N, K]` and optional bias `[N]`.
  ///
  /// Lowers to one `linear` record `1 × M × K × N` with M = all leading extents multiplied
  /// (every token of every image; the weight is shared, so a window-partitioned tensor is still
  /// one GEMM). The bias is fused.
  ///
  /// - Parameters:
  ///   - x: the input, rank ≥ 1; its last extent is the in-feature count K.
  ///   - outFeatures: N, at least 1.
  ///   - bias: whether the layer has a bias (K·N weights, plus N with a bias).
  ///   - name: the op name relative to the current scope (the PyTorch module name).
  /// - Throws: ``ModelError`` on a bad size or an overflow.
  public mutating func linear(
    _ x: Tensor, outFeatures: Int, bias: Bool = true, name: String
  ) throws(ModelError) -> Tensor {
    let full = try claim(name)
    guard let inFeatures = x.shape.last, outFeatures >= 1 else {
      throw ModelError("'\(full)': a linear needs a rank ≥ 1 input and outFeatures ≥ 1")
    }
    let m = x.elementCount / inFeatures
    _ = try product(m, inFeatures, outFeatures, for: full)
    var owned = [try parameter(full + ".weight", [outFeatures, inFeatures])]
    if bias { owned.append(try parameter(full + ".bias", [outFeatures])) }
    return try append(
      full, .linear(inFeatures: inFeatures, outFeatures: outFeatures, bias: bias), inputs: [x],
      outputShape: x.shape.dropLast() + [outFeatures], parameters: owned
    ) { _ throws(ModelError) in
      .gemm(name: full, kind: .linear, m: m, k: inFeatures, n: outFeatures)
    }
  }

  /// A 2-D convolution on an image batch `(images, Cin, H, W) → (images, Cout, Hout, Wout)`.
  ///
  /// `Hout = (H + 2·padding − kernel) / stride + 1`, rounded down; likewise `Wout`. Lowers by
  /// im2col to one `conv` record: batch = groups, M = images·Hout·Wout,
  /// K = (Cin/groups)·kernel², N = Cout/groups. The MACs include taps on the zero padding.
  /// Weight `[Cout, Cin/groups, kernel, kernel]`, optional bias `[Cout]` (fused).
  ///
  /// - Parameters:
  ///   - x: a rank-4 NCHW tensor.
  ///   - outChannels: Cout, a multiple of `groups`.
  ///   - kernel: the kernel side in pixels.
  ///   - stride: the stride in pixels.
  ///   - padding: zero padding on each side, in pixels.
  ///   - groups: channel groups (`groups == Cin == Cout` is depthwise).
  ///   - bias: whether the conv has a bias.
  ///   - name: the op name relative to the current scope.
  /// - Throws: ``ModelError`` on a bad setting, a kernel larger than the padded input, or an
  ///   overflow.
  public mutating func conv2d(
    _ x: Tensor, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
    groups: Int = 1, bias: Bool = true, name: String
  ) throws(ModelError) -> Tensor {
    let full = try claim(name)
    guard x.rank == 4 else {
      throw ModelError("'\(full)': a conv needs an NCHW input; got shape \(x.shape)")
    }
    let (images, inChannels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    guard kernel >= 1, stride >= 1, padding >= 0, groups >= 1, outChannels >= 1,
      inChannels % groups == 0, outChannels % groups == 0
    else {
      throw ModelError(
        "'\(full)': kernel \(kernel), stride \(stride), padding \(padding), groups \(groups) "
          + "do not fit \(inChannels) → \(outChannels) channels")
    }
    func outputSide(_ side: Int) throws(ModelError) -> Int {
      let (twice, o1) = padding.multipliedReportingOverflow(by: 2)
      let (padded, o2) = side.addingReportingOverflow(twice)
      guard !o1, !o2 else {
        throw ModelError("'\(full)': padded side \(side) + 2·\(padding) overflows a 64-bit integer")
      }
      guard padded >= kernel else {
        throw ModelError(
          "'\(full)': kernel \(kernel) is larger than the padded input side \(padded)")
      }
      return (padded - kernel) / stride + 1
    }
    let outHeight = try outputSide(height)
    let outWidth = try outputSide(width)
    let settings = Convolution(
      inChannels: inChannels, outChannels: outChannels, kernel: kernel, stride: stride,
      padding: padding, groups: groups, bias: bias)
    let m = try product(images, outHeight, outWidth, for: full)
    let k = try product(inChannels / groups, kernel, kernel, for: full)
    let n = outChannels / groups
    _ = try product(groups, m, k, n, for: full)
    var owned = [
      try parameter(full + ".weight", [outChannels, inChannels / groups, kernel, kernel])
    ]
    if bias { owned.append(try parameter(full + ".bias", [outChannels])) }
    return try append(
      full, .conv(settings), inputs: [x],
      outputShape: [images, outChannels, outHeight, outWidth], parameters: owned
    ) { _ throws(ModelError) in
      .gemm(name: full, kind: .conv, batch: groups, m: m, k: k, n: n)
    }
  }

  /// A batched product of two activations: `(…, M, K)·(…, K, N) → (…, M, N)`.
  ///
  /// The leading extents must be equal; their product is the record's batch. For attention
  /// scores pass `k.permutedView(…)` (a strided `kᵀ`) as `b`.
  ///
  /// - Throws: ``ModelError`` on mismatched shapes or an overflow.
  public mutating func matmul(_ a: Tensor, _ b: Tensor, name: String) throws(ModelError) -> Tensor {
    let full = try claim(name)
    guard a.rank >= 2, a.rank == b.rank, a.shape.dropLast(2) == b.shape.dropLast(2),
      a.shape[a.rank - 1] == b.shape[b.rank - 2]
    else {
      throw ModelError("'\(full)': cannot multiply \(a.shape) by \(b.shape)")
    }
    let (m, k, n) = (a.shape[a.rank - 2], a.shape[a.rank - 1], b.shape[b.rank - 1])
    let batch = try product(of: Array(a.shape.dropLast(2)), for: full)
    _ = try product(batch, m, k, n, for: full)
    return try append(
      full, .matmul, inputs: [a, b], outputShape: a.shape.dropLast(2) + [m, n]
    ) { _ throws(ModelError) in
      .gemm(name: full, kind: .matmul, batch: batch, m: m, k: k, n: n)
    }
  }
}
