import LayerTrace

/// The row-wise and element-wise ops that run on the vector unit.
extension GraphBuilder {
  /// Softmax over the last axis: one `softmax` record, rows = all other extents multiplied,
  /// rowLength = the last extent (the keys).
  public mutating func softmax(_ x: Tensor, name: String) throws(ModelError) -> Tensor {
    let full = try claim(name)
    return try rowWise(x, .softmax, name: full, rowLength: lastExtent(x, full))
  }

  /// LayerNorm over the last axis C, with affine weight and bias `[C]` (2C parameters).
  ///
  /// One `layernorm` record: rows = tokens, rowLength = C, weightElements = 2C.
  public mutating func layerNorm(_ x: Tensor, name: String) throws(ModelError) -> Tensor {
    let full = try claim(name)
    let channels = try lastExtent(x, full)
    let owned = [
      try parameter(full + ".weight", [channels]), try parameter(full + ".bias", [channels]),
    ]
    return try rowWise(
      x, .layerNorm, name: full, rowLength: channels,
      weightElements: try product(2, channels, for: full),
      parameters: owned)
  }

  /// BatchNorm (eval mode) over the channel axis of an NCHW tensor, with affine weight and
  /// bias `[C]` (2C parameters; the running statistics are buffers).
  ///
  /// One `batchnorm` record: rows = pixels (images·H·W), rowLength = C, weightElements = 2C.
  public mutating func batchNorm(_ x: Tensor, name: String) throws(ModelError) -> Tensor {
    let full = try claim(name)
    guard x.rank == 4 else {
      throw ModelError("'\(full)': a batchnorm needs an NCHW input; got shape \(x.shape)")
    }
    let channels = x.shape[1]
    let owned = [
      try parameter(full + ".weight", [channels]), try parameter(full + ".bias", [channels]),
    ]
    return try rowWise(
      x, .batchNorm, name: full, rowLength: channels,
      weightElements: try product(2, channels, for: full),
      parameters: owned)
  }

  /// GELU, element-wise: one `gelu` record of `x.elementCount` elements.
  public mutating func gelu(_ x: Tensor, name: String) throws(ModelError) -> Tensor {
    let full = try claim(name)
    return try elementWise([x], .gelu, name: full, outputShape: x.shape)
  }

  /// `x + y`, with `y` broadcast to `x`'s shape (right-aligned; each extent of `y` equals the
  /// matching extent of `x` or is 1).
  ///
  /// One `add` record of `x.elementCount` elements; when `y` is a constant (a position
  /// embedding, a bias table, a mask), weightElements is its stored size.
  public mutating func add(_ x: Tensor, _ y: Tensor, name: String) throws(ModelError) -> Tensor {
    let full = try claim(name)
    let offset = x.rank - y.rank
    guard offset >= 0,
      y.shape.indices.allSatisfy({ y.shape[$0] == 1 || y.shape[$0] == x.shape[$0 + offset] })
    else {
      throw ModelError("'\(full)': cannot broadcast \(y.shape) to \(x.shape)")
    }
    return try elementWise([x, y], .add, name: full, outputShape: x.shape)
  }

  /// `x · factor`, element-wise (the attention scale): one `mul` record.
  public mutating func mul(_ x: Tensor, by factor: Double, name: String) throws(ModelError)
    -> Tensor
  {
    let full = try claim(name)
    return try elementWise([x], .mul(factor: factor), name: full, outputShape: x.shape)
  }

  /// The mean over `axis`, which the output drops (a rank-1 input gives shape `[1]`).
  ///
  /// One `mean` record: rowLength = the extent of `axis`, rows = all other extents multiplied,
  /// outElements = rows.
  public mutating func mean(_ x: Tensor, axis: Int, name: String) throws(ModelError) -> Tensor {
    let full = try claim(name)
    guard x.shape.indices.contains(axis) else {
      throw ModelError("'\(full)': axis \(axis) is not an axis of \(x.shape)")
    }
    var shape = x.shape
    shape.remove(at: axis)
    return try rowWise(
      x, .mean(axis: axis), name: full, rowLength: x.shape[axis],
      outputShape: shape.isEmpty ? [1] : shape)
  }

  /// The `k` largest entries of each row of the last axis: `(…, L) → (…, k)`, standing for both
  /// the values and their indices.
  ///
  /// One `topk` record: rows = all other extents multiplied, rowLength = L, outElements = rows·k.
  public mutating func topK(_ x: Tensor, k: Int, name: String) throws(ModelError) -> Tensor {
    let full = try claim(name)
    let length = try lastExtent(x, full)
    guard (1...length).contains(k) else {
      throw ModelError("'\(full)': k = \(k) is not in 1...\(length)")
    }
    return try rowWise(
      x, .topK(k: k), name: full, rowLength: length, outputShape: x.shape.dropLast() + [k])
  }

  // MARK: - Shared lowering

  /// The last extent of `x`; throws for a rank-0 tensor.
  func lastExtent(_ x: Tensor, _ full: String) throws(ModelError) -> Int {
    guard let last = x.shape.last else {
      throw ModelError("'\(full)': needs an input of rank ≥ 1")
    }
    return last
  }

  /// Appends a row-wise op over `x` (rows·rowLength = `x.elementCount`).
  mutating func rowWise(
    _ x: Tensor, _ operation: Operation, name full: String, rowLength: Int,
    weightElements: Int = 0, parameters owned: [Parameter] = [], outputShape: [Int]? = nil
  ) throws(ModelError) -> Tensor {
    let rows = x.elementCount / rowLength
    return try append(
      full, operation, inputs: [x], outputShape: outputShape ?? x.shape, parameters: owned
    ) { output throws(ModelError) in
      .vector(
        name: full, kind: operation.kind, rows: rows, rowLength: rowLength,
        outElements: output.elementCount, weightElements: weightElements)
    }
  }

  /// Appends an element-wise or data-movement op: elements = outElements = the output's
  /// element count, weightElements = the constant operands' stored size.
  mutating func elementWise(
    _ inputs: [Tensor], _ operation: Operation, name full: String, outputShape: [Int]
  ) throws(ModelError) -> Tensor {
    let weightElements = try constantElements(of: inputs, for: full)
    return try append(full, operation, inputs: inputs, outputShape: outputShape) {
      output throws(ModelError) in
      .vector(
        name: full, kind: operation.kind, elements: output.elementCount,
        outElements: output.elementCount, weightElements: weightElements)
    }
  }
}
