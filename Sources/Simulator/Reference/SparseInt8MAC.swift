/// A sparse-core PE for INT8 weights pruned `N:M` (at most `N` non-zeros in every group of `M`
/// consecutive reduction elements) times dense INT8 activations, with `L` lanes: each cycle it
/// multiplies `L` kept weight values by the `L` activations its index mux selects, skipping the
/// pruned products.
///
/// **Compression.** Along the reduction, group `g` holds elements `g·M ..< g·M+M`; a tail group
/// (`K mod M ≠ 0`) is zero-filled to a full group, as hardware with `N` fixed slots per group
/// stores it. Each group becomes `N` slots, each a kept value and its position in the group
/// (`ceil(log2 M)` index bits): the group's non-zeros in ascending position, then (for a group
/// with fewer non-zeros) zero values at its lowest unused positions, so every slot's index is
/// distinct. Slot `s` (group `s / N`) goes to lane `s mod L` of word `s / L`, and the
/// reduction runs in `K′ = ceil(ceil(K / M)·N / L)` words; slots past the last group are zero.
/// (SCALE-Sim's sparse mode uses `K′ = (K div M)·N + min(K mod M, N)` for `L = 1`, i.e. it
/// stores only the real elements of the tail group; we keep the `N` slots of a full group,
/// which differs only when `K mod M` is not 0.)
///
/// **Words.** Either `N` divides `L` (each word holds whole groups: `L / N` of them) or `L`
/// divides `N` (each group spans `N / L` consecutive words).
///
/// | word | contents |
/// |---|---|
/// | weight | `values`: lane `ℓ`'s kept `Int8` in `values[ℓ]`; `indices`: its in-group position in bits `ℓ·b ..< (ℓ+1)·b`, `b = ceil(log2 M)` |
/// | activation | the `max(1, L/N)·M` activations of the groups the word's slots belong to, in reduction order, starting with group `floor(w·L / N)`; entries past `K` are 0 |
///
/// So a 2:4 word with `L = 1` carries one kept weight and its group's 4 activations, and the
/// next word the same 4 activations with the group's other kept weight; with `L = 2` a word
/// carries both kept weights and the group's 4 activations once. Lane `ℓ`'s mux selects entry
/// `(ℓ / N)·M + index` of the activation word: the group offset `ℓ / N` is wiring (it is 0
/// when `L ≤ N`), the index comes from the metadata. Words hold at most 16 activations and 8
/// lanes.
///
/// Overflow bound: every kept value multiplies the activation at a distinct real reduction
/// position (padding positions have activation 0), so an output sums at most `K` products of
/// magnitude ≤ `2^14`: below `2^31` for `K ≤ 2^17 − 1`; the wrapping adds are safe.
struct SparseInt8MAC: PEOperation {
  typealias Activation = SIMD16<Int8>

  /// One compressed weight word: up to 8 kept values and their in-group indices.
  struct Weight {
    /// Lane `ℓ`'s kept value in `values[ℓ]`; unused lanes 0.
    var values: SIMD8<Int8>
    /// Lane `ℓ`'s in-group position in bits `ℓ·indexBits ..< (ℓ+1)·indexBits`.
    var indices: UInt32
  }

  /// Kept values per group, `1 ≤ N < M`.
  let n: Int
  /// Group size, `M ≤ 16`.
  let m: Int
  /// Kept values multiplied per PE per cycle, `1 ≤ L ≤ 8`.
  let lanes: Int
  /// `ceil(log2 M)`: metadata bits per kept value.
  let indexBits: Int
  /// Groups whose activations one word carries: `L / N` when `N` divides `L`, else 1.
  let groupsPerWord: Int

  /// The largest group size and the most lanes a word holds.
  static let maxGroup = 16
  static let maxLanes = 8

  /// Why `(n, m, lanes)` is not an operation this PE supports, or nil when it is.
  static func problem(n: Int, m: Int, lanes: Int) -> String? {
    if n < 1 || n >= m { return "N:M needs 1 ≤ N < M, got \(n):\(m)" }
    if m > maxGroup { return "the group size M = \(m) exceeds \(maxGroup)" }
    if lanes < 1 || lanes > maxLanes { return "lanes = \(lanes) is not in 1...\(maxLanes)" }
    if lanes % n != 0 && n % lanes != 0 {
      return "lanes = \(lanes) and N = \(n): one must divide the other"
    }
    if max(1, lanes / n) * m > 16 {
      return "a word would carry \(max(1, lanes / n) * m) activations; at most 16 fit"
    }
    return nil
  }

  /// Traps on a pattern `problem(n:m:lanes:)` rejects; the public API checks first and throws.
  init(n: Int, m: Int, lanes: Int) {
    precondition(Self.problem(n: n, m: m, lanes: lanes) == nil, "unsupported sparse operation")
    self.n = n
    self.m = m
    self.lanes = lanes
    var bits = 0
    while (1 << bits) < m { bits += 1 }
    indexBits = bits
    groupsPerWord = max(1, lanes / n)
  }

  var activationZero: SIMD16<Int8> { SIMD16(repeating: 0) }
  var weightZero: Weight { Weight(values: SIMD8(repeating: 0), indices: 0) }

  /// Words along the reduction: `ceil(ceil(k / M)·N / L)`.
  func reductionWords(k: Int) -> Int {
    ((k + m - 1) / m * n + lanes - 1) / lanes
  }

  func packActivations(_ a: [Int8], m rows: Int, k: Int) -> [SIMD16<Int8>] {
    let words = reductionWords(k: k)
    var packed = [SIMD16<Int8>](repeating: activationZero, count: rows * words)
    for row in 0..<rows {
      for word in 0..<words {
        let firstGroup = word * lanes / n
        var entry = SIMD16<Int8>(repeating: 0)
        for e in 0..<(groupsPerWord * m) {
          let position = firstGroup * m + e
          if position < k { entry[e] = a[row * k + position] }
        }
        packed[row * words + word] = entry
      }
    }
    return packed
  }

  func packWeights(_ w: [Int8], k: Int, n columns: Int) throws(PEArrayReference.InputError)
    -> [Weight]
  {
    let words = reductionWords(k: k)
    var packed = [Weight](repeating: weightZero, count: words * columns)
    let groups = (k + m - 1) / m
    var kept: [Int] = []
    kept.reserveCapacity(m)
    for column in 0..<columns {
      for group in 0..<groups {
        // The group's non-zero positions, then zero fill at the lowest unused positions.
        kept.removeAll(keepingCapacity: true)
        for p in 0..<m where group * m + p < k && w[(group * m + p) * columns + column] != 0 {
          kept.append(p)
        }
        guard kept.count <= n else {
          let first = group * m
          throw PEArrayReference.InputError(
            "w[rows \(first)..<\(min(first + m, k)), column \(column)] has \(kept.count) non-zeros; \(n):\(m) keeps at most \(n) in every group of \(m)"
          )
        }
        var p = 0
        while kept.count < n {
          if !kept.contains(p) { kept.append(p) }
          p += 1
        }
        kept.sort()
        for (i, position) in kept.enumerated() {
          let slot = group * n + i
          let element = group * m + position
          let value = element < k ? w[element * columns + column] : 0
          let index = (slot / lanes) * columns + column
          let lane = slot % lanes
          packed[index].values[lane] = value
          packed[index].indices |= UInt32(position) << UInt32(lane * indexBits)
        }
      }
    }
    return packed
  }

  @inline(__always)
  func multiplyAccumulate(_ acc: Int32, _ a: SIMD16<Int8>, _ w: Weight) -> Int32 {
    let mask = (UInt32(1) << UInt32(indexBits)) - 1
    var sum = acc
    for lane in 0..<lanes {
      let index = Int((w.indices >> UInt32(lane * indexBits)) & mask)
      let selected = a[(lane / n) * m + index]  // the mux: group offset by wiring + index
      // Bound proved in the type's doc comment: at most K products of magnitude ≤ 2^14.
      sum &+= Int32(selected) &* Int32(w.values[lane])
    }
    return sum
  }
}
