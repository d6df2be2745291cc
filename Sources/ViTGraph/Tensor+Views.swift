import LayerTrace

/// Views: new shapes of the same data. They add no op to the graph and no record to the trace.
///
/// Head split and merge, `kᵀ`, flattening a feature map into tokens and the NCHW ↔ NHWC
/// transposes around a convolution are views here: the consuming op reads its operand through
/// strides (a conv's im2col gathers in either layout). Reorderings that move tokens between
/// windows, stripes or regions are ops (``GraphBuilder/permute(_:axes:name:)``).
extension Tensor {
  /// The same elements seen with another shape (row-major), like PyTorch's `reshape`.
  ///
  /// - Throws: ``ModelError`` when the element counts differ.
  public func reshaped(_ newShape: [Int]) throws(ModelError) -> Tensor {
    let result = try Tensor(shape: newShape, source: source, context: "reshape to \(newShape)")
    guard result.elementCount == elementCount else {
      throw ModelError(
        "cannot reshape \(shape) (\(elementCount) elements) to \(newShape) "
          + "(\(result.elementCount) elements)")
    }
    return result
  }

  /// The axes reordered as a strided view: `result.shape[i] == shape[axes[i]]`.
  ///
  /// No data moves; use ``GraphBuilder/permute(_:axes:name:)`` for a copy that does.
  ///
  /// - Throws: ``ModelError`` when `axes` is not a permutation of `0..<rank`.
  public func permutedView(_ axes: [Int]) throws(ModelError) -> Tensor {
    try Tensor.checkPermutation(axes, rank: rank, context: "permuted view of \(shape)")
    return try Tensor(shape: axes.map { shape[$0] }, source: source, context: "permuted view")
  }

  /// `length` entries of `axis`, from `start`, every `step`-th (a strided slice such as
  /// `x[:, 1::2]`).
  ///
  /// - Throws: ``ModelError`` when the slice leaves the axis.
  public func sliced(axis: Int, start: Int, length: Int, step: Int = 1) throws(ModelError)
    -> Tensor
  {
    guard shape.indices.contains(axis) else {
      throw ModelError("slice axis \(axis) is not an axis of \(shape)")
    }
    let last = checkedProduct(length - 1, step).flatMap { offset in
      let (sum, overflow) = start.addingReportingOverflow(offset)
      return overflow ? nil : sum
    }
    guard start >= 0, length >= 1, step >= 1, let last, last < shape[axis] else {
      throw ModelError(
        "slice start \(start), length \(length), step \(step) does not fit axis \(axis) of \(shape)"
      )
    }
    var newShape = shape
    newShape[axis] = length
    return try Tensor(shape: newShape, source: source, context: "slice of \(shape)")
  }

  /// Size-1 axes repeated to `newShape` without copying, like PyTorch's `expand`.
  ///
  /// - Throws: ``ModelError`` when the ranks differ or a non-1 extent would change.
  public func expanded(_ newShape: [Int]) throws(ModelError) -> Tensor {
    guard newShape.count == rank,
      zip(shape, newShape).allSatisfy({ old, new in old == new || old == 1 })
    else {
      throw ModelError("cannot expand \(shape) to \(newShape)")
    }
    return try Tensor(shape: newShape, source: source, context: "expand to \(newShape)")
  }

  /// Throws unless `axes` is a permutation of `0..<rank`.
  static func checkPermutation(_ axes: [Int], rank: Int, context: String) throws(ModelError) {
    guard axes.count == rank, Set(axes) == Set(0..<rank) else {
      throw ModelError("'\(context)': axes \(axes) are not a permutation of 0..<\(rank)")
    }
  }
}
