import LayerTrace

/// The ops that move data without arithmetic: gather, roll, permute and concat.
///
/// Each lowers to one record whose `elements` (and `outElements`) is the number of elements it
/// writes.
extension GraphBuilder {
  /// Batched region select: `source (B, R, …)` and `indices (B, Q, k)` give `(B, Q, k, …)` with
  /// `out[b, q, t] = source[b, indices[b, q, t]]` (BiFormer's KV gather).
  ///
  /// The gathered copy is real data movement: a region picked by several queries is copied
  /// once per pick.
  public mutating func gather(_ source: Tensor, indices: Tensor, name: String) throws(ModelError)
    -> Tensor
  {
    let full = try claim(name)
    guard source.rank >= 2, indices.rank == 3, source.shape[0] == indices.shape[0] else {
      throw ModelError(
        "'\(full)': cannot gather \(source.shape) by indices \(indices.shape); "
          + "expected (B, R, …) and (B, Q, k)")
    }
    return try elementWise(
      [source, indices], .gather, name: full,
      outputShape: indices.shape + source.shape.dropFirst(2))
  }

  /// Cyclic shift by `shifts[i]` along `axes[i]` (`torch.roll`): one `roll` record.
  public mutating func roll(_ x: Tensor, shifts: [Int], axes: [Int], name: String)
    throws(ModelError) -> Tensor
  {
    let full = try claim(name)
    guard !axes.isEmpty, shifts.count == axes.count, Set(axes).count == axes.count,
      axes.allSatisfy(x.shape.indices.contains)
    else {
      throw ModelError("'\(full)': shifts \(shifts) and axes \(axes) do not fit \(x.shape)")
    }
    return try elementWise(
      [x], .roll(shifts: shifts, axes: axes), name: full, outputShape: x.shape)
  }

  /// A copy with the axes reordered (`result.shape[i] == x.shape[axes[i]]`), e.g. a window
  /// partition `(B, R/7, 7, R/7, 7, C) → (B, R/7, R/7, 7, 7, C)`: one `permute` record.
  ///
  /// A permutation that moves no element (only extent-1 axes change place, as for a single
  /// window covering the whole map) is returned as a view, with no op.
  public mutating func permute(_ x: Tensor, axes: [Int], name: String) throws(ModelError)
    -> Tensor
  {
    let full = try claim(name)
    try Tensor.checkPermutation(axes, rank: x.rank, context: full)
    let moved = axes.filter { x.shape[$0] > 1 }
    if moved == moved.sorted() { return try x.permutedView(axes) }
    return try elementWise(
      [x], .permute(axes: axes), name: full, outputShape: axes.map { x.shape[$0] })
  }

  /// Concatenation along `axis`: every other extent must match. One `concat` record; a
  /// constant operand (a class token) is reported as weightElements.
  public mutating func concat(_ parts: [Tensor], axis: Int, name: String) throws(ModelError)
    -> Tensor
  {
    let full = try claim(name)
    guard let first = parts.first, parts.count >= 2, first.shape.indices.contains(axis),
      parts.allSatisfy({ part in
        part.rank == first.rank
          && part.shape.indices.allSatisfy { $0 == axis || part.shape[$0] == first.shape[$0] }
      })
    else {
      throw ModelError(
        "'\(full)': cannot concatenate \(parts.map(\.shape)) along axis \(axis)")
    }
    guard let joined = checkedSum(of: parts.map { $0.shape[axis] }) else {
      throw ModelError("'\(full)': the concatenated extent overflows a 64-bit integer")
    }
    var shape = first.shape
    shape[axis] = joined
    return try elementWise(parts, .concat(axis: axis), name: full, outputShape: shape)
  }
}
