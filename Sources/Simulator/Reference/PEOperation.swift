/// What one processing element does with one activation word and one weight word per cycle.
///
/// The reference array is generic over this protocol and is specialised per conforming type,
/// so the hot loop contains no existential and no dynamic dispatch (STYLE §5). An operation is
/// a small value (its lane count, its N:M pattern); the array holds it and calls it.
///
/// The operand matrices are packed *along the reduction* before they enter the array: a GEMM
/// `[M×K]·[K×N]` becomes `[M×K′]·[K′×N]` words, and every array mapping (rows, columns,
/// streamed length, folds) uses `K′` in place of `K`. `K′` is whatever the packers produce; the
/// array never computes it. The operations and their words:
///
/// | operation | activation word | weight word | `K′` |
/// |---|---|---|---|
/// | ``DenseInt8MAC`` | one `Int8` | one `Int8` | `K` |
/// | ``PackedLanesMAC`` (`L` lanes of `b_w × b_a` bits) | `L` fields of `b_a` bits | `L` fields of `b_w` bits | `ceil(K / L)` |
/// | ``SparseInt8MAC`` (`N:M`, `L` lanes) | the group(s) its weight word's kept values belong to | `L` kept `Int8` values and their in-group indices | `ceil(ceil(K / M)·N / L)` |
///
/// The array itself never looks inside a word: it only moves words through registers, holds
/// them stationary, and calls `multiplyAccumulate`. Padding words (for unused rows or columns
/// of an edge fold) are `activationZero` / `weightZero`, whose product with any word must be 0.
///
/// Overflow: every operation keeps each lane product within `±2^14` and multiplies each real
/// activation element at most once per output, so an output sums at most `K` non-zero
/// products; with `K ≤ maxReduction = 2^17 − 1` that is below `2^31`, which is why the
/// wrapping `&+` / `&*` are safe in every conformance and in the array's partial-sum adds.
protocol PEOperation {
  /// One activation word as it moves through (or stays in) a PE register.
  associatedtype Activation
  /// One weight word as it moves through (or stays in) a PE register.
  associatedtype Weight

  /// The padding activation word; its product with any weight word is 0.
  var activationZero: Activation { get }
  /// The padding weight word; its product with any activation word is 0.
  var weightZero: Weight { get }

  /// Packs a row-major `Int8` matrix `[m×k]` into `[m×K′]` words, row-major.
  /// - Throws: when a value does not fit the operation's activation width. O(m·k).
  func packActivations(_ a: [Int8], m: Int, k: Int) throws(PEArrayReference.InputError)
    -> [Activation]
  /// Packs a row-major `Int8` matrix `[k×n]` into `[K′×n]` words, row-major.
  /// - Throws: when a value does not fit the weight width, or (sparse) a group breaks the
  ///   pattern. O(k·n).
  func packWeights(_ w: [Int8], k: Int, n: Int) throws(PEArrayReference.InputError) -> [Weight]
  /// `acc + Σ products` of one activation word with one weight word: one PE cycle's work.
  func multiplyAccumulate(_ acc: Int32, _ a: Activation, _ w: Weight) -> Int32
}

/// The dense INT8 PE: one `Int8 × Int8 → Int32` multiply-accumulate per cycle; `K′ = K`.
///
/// Overflow bound: `|Int8·Int8| ≤ 2^14` (the extreme is (−128)·(−128)), and the reference
/// rejects `K > maxReduction = 2^17 − 1`, so every accumulator — which sums at most `K` such
/// products, across all folds — stays within `(2^17 − 1)·2^14 < 2^31`. That is why the wrapping
/// `&+` / `&*` are safe here.
struct DenseInt8MAC: PEOperation {
  typealias Activation = Int8
  typealias Weight = Int8

  var activationZero: Int8 { 0 }
  var weightZero: Int8 { 0 }

  func packActivations(_ a: [Int8], m: Int, k: Int) -> [Int8] { a }
  func packWeights(_ w: [Int8], k: Int, n: Int) -> [Int8] { w }

  @inline(__always)
  func multiplyAccumulate(_ acc: Int32, _ a: Int8, _ w: Int8) -> Int32 {
    // Bound proved in the type's doc comment: at most 2^17 − 1 terms of magnitude ≤ 2^14.
    acc &+ Int32(a) &* Int32(w)
  }
}

/// The tag carried beside every moving register: is there a datum, and is it real?
///
/// | tag | meaning |
/// |---|---|
/// | `empty` (0) | bubble: no datum in this register this cycle |
/// | `pad` (1) | a zero word the controller streams for an unused row/column of an edge fold |
/// | `real` (3) | a word of the actual operand |
///
/// The bit patterns make the two per-PE questions branch-free: `tagA & tagB == real` exactly
/// when both operands are real (a counted MAC), and `tagA | tagB != 0` when the PE is occupied.
enum TokenTag {
  static let empty: UInt8 = 0
  static let pad: UInt8 = 1
  static let real: UInt8 = 3
}

/// Receives what the reference array did in each counted cycle; for tests and diagnostics.
///
/// The engines are generic over the sink, so with `NoCycleSink` the calls compile away
/// (STYLE §5: per-cycle logging through a generic sink whose no-op version vanishes).
protocol ReferenceCycleSink {
  /// Called once per counted cycle, in order.
  /// - Parameters:
  ///   - fold: the fold's index in run order (column fold outermost), from 0.
  ///   - cycle: the cycle's index within the fold, from 0 (preload cycles first).
  ///   - preload: whether the cycle shifted a stationary tile in (ws/is).
  ///   - realMACs: MACs in this cycle whose two operands were both real.
  mutating func recordCycle(fold: Int, cycle: Int, preload: Bool, realMACs: Int)
}

/// The sink that records nothing.
struct NoCycleSink: ReferenceCycleSink {
  @inline(__always)
  func recordCycle(fold: Int, cycle: Int, preload: Bool, realMACs: Int) {}
}
