/// What one processing element does with one activation word and one weight word per cycle.
///
/// The reference array is generic over this protocol and is specialised per conforming type,
/// so the hot loop contains no existential and no dynamic dispatch (STYLE §5).
///
/// The operand matrices are packed *along the reduction* before they enter the array: a GEMM
/// `[M×K]·[K×N]` becomes `[M×K′]·[K′×N]` words with `K′ = ceil(K / reductionGroup)`, and every
/// array mapping (rows, columns, streamed length, folds) uses `K′` in place of `K`. That is the
/// place where later work adds the two other PE kinds:
///
/// - **Integer lanes** (a PE doing `L` MACs per cycle on narrower operands, e.g. INT4 with
///   `L = 2`): `Activation` and `Weight` become packs of `L` narrow values (e.g. a `UInt8`
///   holding two INT4 nibbles), `reductionGroup = L`, the pack functions group `L` consecutive
///   reduction elements (zero-filling the last group), and `multiplyAccumulate` sums the `L`
///   lane products. The reduction is then consumed `L` elements per cycle.
/// - **2:4 sparsity**: `reductionGroup = 4`; `Activation` is the group of 4 activations that
///   travels through the array (e.g. a `UInt32`), `Weight` is the compressed group (2 kept
///   `Int8` values and two 2-bit indices into the group); `packWeights` compresses and checks
///   the pattern, and `multiplyAccumulate` selects the two matching activations with the index
///   mux and multiplies only those, skipping the pruned products.
///
/// The array itself never looks inside a word: it only moves words through registers, holds
/// them stationary, and calls `multiplyAccumulate`. Padding words (for unused rows or columns
/// of an edge fold) are `activationZero` / `weightZero`, whose product must be zero.
protocol PEOperation {
  /// One activation word as it moves through (or stays in) a PE register.
  associatedtype Activation
  /// One weight word as it moves through (or stays in) a PE register.
  associatedtype Weight

  /// The padding activation word; its product with any weight word is 0.
  static var activationZero: Activation { get }
  /// The padding weight word; its product with any activation word is 0.
  static var weightZero: Weight { get }
  /// Reduction elements carried by one word (1 for dense Int8, `L` for lanes, 4 for 2:4).
  static var reductionGroup: Int { get }

  /// Packs a row-major `Int8` matrix `[m×k]` into `[m×ceil(k/reductionGroup)]` words.
  /// O(m·k).
  static func packActivations(_ a: [Int8], m: Int, k: Int) -> [Activation]
  /// Packs a row-major `Int8` matrix `[k×n]` into `[ceil(k/reductionGroup)×n]` words.
  /// O(k·n).
  static func packWeights(_ w: [Int8], k: Int, n: Int) -> [Weight]
  /// `acc + Σ products` of one activation word with one weight word: one PE cycle's work.
  static func multiplyAccumulate(_ acc: Int32, _ a: Activation, _ w: Weight) -> Int32
}

/// The dense INT8 PE: one `Int8 × Int8 → Int32` multiply-accumulate per cycle.
///
/// Overflow bound: `|Int8·Int8| ≤ 2^14` (the extreme is (−128)·(−128)), and the reference
/// rejects `K > maxReduction = 2^17 − 1`, so every accumulator — which sums at most `K` such
/// products, across all folds — stays within `(2^17 − 1)·2^14 < 2^31`. That is why the wrapping
/// `&+` / `&*` are safe here.
enum DenseInt8MAC: PEOperation {
  typealias Activation = Int8
  typealias Weight = Int8

  static var activationZero: Int8 { 0 }
  static var weightZero: Int8 { 0 }
  static var reductionGroup: Int { 1 }

  static func packActivations(_ a: [Int8], m: Int, k: Int) -> [Int8] { a }
  static func packWeights(_ w: [Int8], k: Int, n: Int) -> [Int8] { w }

  @inline(__always)
  static func multiplyAccumulate(_ acc: Int32, _ a: Int8, _ w: Int8) -> Int32 {
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
