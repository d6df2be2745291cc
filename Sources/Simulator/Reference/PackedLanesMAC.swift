/// A PE with `L` integer lanes: each cycle it multiplies `L` narrow weights by `L` narrow
/// activations and adds the `L` products to its accumulator, so the reduction is consumed `L`
/// elements per cycle and `K′ = ceil(K / L)`.
///
/// Word layout (both operands, `b` = that operand's width, `2 ≤ b ≤ 8`, `L·b ≤ 64`): a
/// `UInt64` whose bits `ℓ·b ..< (ℓ+1)·b` hold lane `ℓ` in two's complement; the bits above
/// `L·b` are 0. Lane `ℓ` of word `w` is reduction element `w·L + ℓ`, and the lanes past `K` in
/// the last word are zero-filled. INT4 with `L = 2` is thus two nibbles in the low byte, lane 0
/// in the low nibble, lane 1 in the high one; INT8 weights × INT4 activations with `L = 2` is
/// two bytes against two nibbles. A lane is read back by shifting its field to the top of an
/// `Int64` and shifting it arithmetically down again (sign extension), so the lane values are
/// bit-exact.
///
/// Overflow bound: a lane product has magnitude at most `2^(b_w−1)·2^(b_a−1) ≤ 2^14`, and an
/// output sums one product per reduction element (the zero-filled lanes add 0), so at most
/// `K ≤ 2^17 − 1` of them: below `2^31`, as for ``DenseInt8MAC``; the wrapping adds are safe.
struct PackedLanesMAC: PEOperation {
  typealias Activation = UInt64
  typealias Weight = UInt64

  /// Bits per weight, `2...8`.
  let weightBits: Int
  /// Bits per activation, `2...8`.
  let activationBits: Int
  /// MACs per PE per cycle, `L ≥ 1`, with `L·max(bits) ≤ 64`.
  let lanes: Int

  /// Traps on widths outside `2...8` or lanes that do not fit a 64-bit word; the public API
  /// checks these first and throws.
  init(weightBits: Int, activationBits: Int, lanes: Int) {
    precondition((2...8).contains(weightBits) && (2...8).contains(activationBits))
    precondition(lanes >= 1 && lanes * max(weightBits, activationBits) <= 64)
    self.weightBits = weightBits
    self.activationBits = activationBits
    self.lanes = lanes
  }

  var activationZero: UInt64 { 0 }
  var weightZero: UInt64 { 0 }

  func packActivations(_ a: [Int8], m: Int, k: Int) throws(PEArrayReference.InputError)
    -> [UInt64]
  {
    try Self.pack(
      a, outer: m, reduction: k, lanes: lanes, bits: activationBits, operand: "a",
      reductionFirst: false)
  }

  func packWeights(_ w: [Int8], k: Int, n: Int) throws(PEArrayReference.InputError) -> [UInt64] {
    try Self.pack(
      w, outer: n, reduction: k, lanes: lanes, bits: weightBits, operand: "w",
      reductionFirst: true)
  }

  @inline(__always)
  func multiplyAccumulate(_ acc: Int32, _ a: UInt64, _ w: UInt64) -> Int32 {
    var sum = acc
    for lane in 0..<lanes {
      // Bound proved in the type's doc comment: at most 2^17 − 1 products of magnitude ≤ 2^14.
      sum &+=
        Self.lane(lane, of: a, bits: activationBits) &* Self.lane(lane, of: w, bits: weightBits)
    }
    return sum
  }

  /// The two's-complement value in bits `lane·bits ..< (lane+1)·bits` of `word`,
  /// sign-extended. Requires `(lane+1)·bits ≤ 64`.
  @inline(__always)
  static func lane(_ lane: Int, of word: UInt64, bits: Int) -> Int32 {
    let top = Int64(bitPattern: word &<< UInt64(64 - (lane + 1) * bits))
    return Int32(truncatingIfNeeded: top &>> Int64(64 - bits))
  }

  /// `value` as a `bits`-wide two's-complement field (the low `bits` bits of a `UInt64`).
  @inline(__always)
  static func field(_ value: Int8, bits: Int) -> UInt64 {
    UInt64(UInt8(bitPattern: value)) & ((1 << UInt64(bits)) - 1)
  }

  /// Packs `L` consecutive reduction elements per word.
  ///
  /// - Parameters:
  ///   - values: `[outer × reduction]` row-major (`reductionFirst == false`, activations) or
  ///     `[reduction × outer]` row-major (`reductionFirst == true`, weights).
  /// - Returns: `[outer × K′]` words (activations) or `[K′ × outer]` words (weights).
  /// - Throws: the first value outside the `bits`-wide range, by operand and position.
  static func pack(
    _ values: [Int8], outer: Int, reduction: Int, lanes: Int, bits: Int, operand: String,
    reductionFirst: Bool
  ) throws(PEArrayReference.InputError) -> [UInt64] {
    let low = -(1 << (bits - 1))
    let high = (1 << (bits - 1)) - 1
    let words = (reduction + lanes - 1) / lanes
    var packed = [UInt64](repeating: 0, count: outer * words)
    for o in 0..<outer {
      for r in 0..<reduction {
        let (row, col) = reductionFirst ? (r, o) : (o, r)
        let value = values[reductionFirst ? r * outer + o : o * reduction + r]
        guard (low...high).contains(Int(value)) else {
          throw PEArrayReference.InputError(
            "\(operand)[\(row), \(col)] = \(value) does not fit \(bits) bits (\(low)...\(high))")
        }
        let word = r / lanes
        let index = reductionFirst ? word * outer + o : o * words + word
        packed[index] |= field(value, bits: bits) &<< UInt64((r % lanes) * bits)
      }
    }
    return packed
  }
}
