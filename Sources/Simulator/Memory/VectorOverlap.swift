import Hardware
import LayerTrace

/// The vector ops that follow one array op, which the vector unit works on while the array
/// is still producing (`vector_unit.overlap_with_array`).
///
/// The array op's output arrives in `P` pieces spread over its `G` compute cycles (its stalls
/// do not count, so that more bandwidth never exposes more vector work): one per fold for
/// element-wise kinds, one per completed set of output rows for row-wise kinds (softmax,
/// LayerNorm, mean, top-k need whole rows), at least one per product of a batched GEMM. The
/// chain's ops run one after another on the one vector unit, each on a piece once the op
/// before it has produced that piece. With `F₀ = G` and `P` the smallest piece count of the
/// chain so far, op `k` of `w_k` busy cycles finishes at
///
///     F_k = max(F_{k−1} + ⌈w_k / P⌉,  ⌈G / P₁⌉ + w_1 + … + w_k)
///
/// (its last piece after the previous op's last piece, and no earlier than the unit can do
/// all the chain's work from the first piece of the first op on). It is charged
/// `F_k − F_{k−1}` exposed cycles: the work on its last piece, and whatever the array's time
/// could not hide.
struct OverlapChain {
  /// The array op's compute cycles.
  let arrayCycles: Int
  /// Pieces for element-wise and for row-wise consumers.
  let elementPieces: Int
  let rowPieces: Int
  private var pieces = Int.max
  private var firstPiece: Int?
  private var work = 0
  private var finish: Int

  init(arrayCycles: Int, elementPieces: Int, rowPieces: Int) {
    self.arrayCycles = arrayCycles
    self.elementPieces = max(elementPieces, 1)
    self.rowPieces = max(rowPieces, 1)
    finish = arrayCycles
  }

  /// Adds an op of `cycles` busy cycles and returns the cycles of it that are exposed, or nil
  /// when a time overflows `Int`.
  mutating func add(cycles: Int, rowWise: Bool) -> Int? {
    pieces = min(pieces, rowWise ? rowPieces : elementPieces)
    let first = firstPiece ?? (arrayCycles / pieces + (arrayCycles % pieces == 0 ? 0 : 1))
    firstPiece = first
    let lastPiece = cycles / pieces + (cycles % pieces == 0 ? 0 : 1)
    guard let total = checkedSum(of: [work, cycles]),
      let afterPrevious = checkedSum(of: [finish, lastPiece]),
      let afterStart = checkedSum(of: [first, total])
    else { return nil }
    work = total
    let next = max(afterPrevious, afterStart)
    defer { finish = next }
    return next - finish
  }

  /// The pieces in which a GEMM's output completes (see the type's discussion).
  static func pieces(
    batch: Int, mapping: ArrayMapping, order: LoopOrder
  ) -> (element: Int, row: Int) {
    let folds = mapping.folds
    let rowSets: Int =
      switch (mapping.dataflow, order) {
      case (.outputStationary, .rowsOuter): mapping.rowFolds
      case (.inputStationary, .columnsOuter): mapping.colFolds
      default: 1
      }
    let (element, e) = batch.multipliedReportingOverflow(by: folds)
    let (row, r) = batch.multipliedReportingOverflow(by: rowSets)
    return (e ? Int.max : element, r ? Int.max : row)
  }
}
