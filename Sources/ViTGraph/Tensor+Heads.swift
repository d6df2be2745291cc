/// Views that split channels into attention heads and back (head-major: channel `c` is head
/// `c / d`, lane `c % d`). No data moves: the attention products read heads by column range.
extension Tensor {
  /// `(X, L, 3C)` → q, k, v, each `(X, heads, L, C/heads)`; channels are `[q | k | v]`.
  func splitQKV(heads: Int) throws(ModelError) -> (q: Tensor, k: Tensor, v: Tensor) {
    guard rank == 3, shape[2] % (3 * heads) == 0 else {
      throw ModelError("cannot split \(shape) into q, k, v of \(heads) heads")
    }
    let (x, length, headDim) = (shape[0], shape[1], shape[2] / (3 * heads))
    let split = try reshaped([x, length, 3, heads, headDim]).permutedView([2, 0, 3, 1, 4])
    func part(_ i: Int) throws(ModelError) -> Tensor {
      try split.sliced(axis: 0, start: i, length: 1).reshaped([x, heads, length, headDim])
    }
    return (try part(0), try part(1), try part(2))
  }

  /// `(X, L, C)` → `(X, heads, L, C/heads)`.
  func splitHeads(_ heads: Int) throws(ModelError) -> Tensor {
    guard rank == 3, shape[2] % heads == 0 else {
      throw ModelError("cannot split \(shape) into \(heads) heads")
    }
    return try reshaped([shape[0], shape[1], heads, shape[2] / heads]).permutedView([0, 2, 1, 3])
  }

  /// `(X, heads, L, d)` → `(X, L, heads·d)`.
  func mergeHeads() throws(ModelError) -> Tensor {
    guard rank == 4 else { throw ModelError("cannot merge heads of \(shape)") }
    return try permutedView([0, 2, 1, 3]).reshaped([shape[0], shape[2], shape[1] * shape[3]])
  }

  /// The last two axes swapped (a strided `kᵀ`).
  func transposedLast() throws(ModelError) -> Tensor {
    guard rank >= 2 else { throw ModelError("cannot transpose \(shape)") }
    var axes = Array(0..<rank)
    axes.swapAt(rank - 1, rank - 2)
    return try permutedView(axes)
  }
}
