/// The order in which the memory schedule visits an op's folds.
///
/// A fold is one `R×C` tile of the array mapping (``ArrayMapping``): row fold `i` and column
/// fold `j`. Each dataflow gives every fold three operand slices: a *row slice* `P_i` used by
/// every fold of row `i`, a *column slice* `Q_j` used by every fold of column `j`, and the
/// fold's own tile `S_ij`:
///
/// | dataflow | `P_i` (row slice) | `Q_j` (column slice) | `S_ij` (tile) |
/// |---|---|---|---|
/// | os | activations, rows of M × all K | weights, all K × columns of N | outputs (written) |
/// | ws | activations, all M × rows of K | partial sums, all M × columns of N | weights |
/// | is | weights, rows of K × all N | partial sums, columns of M × all N | activations |
public enum LoopOrder: String, CaseIterable, Hashable, Sendable {
  /// Column fold outer, row fold inner (SCALE-Sim's order): `Q_j` is reused by consecutive
  /// folds and stays on chip when one `Q_j` fits; `P_i` is reused across columns only when all
  /// of `P` fits.
  case columnsOuter = "cols-outer"
  /// Row fold outer, column fold inner: `P_i` stays on chip when one `P_i` fits; `Q_j` is
  /// reused across rows only when all of `Q` fits.
  case rowsOuter = "rows-outer"
}
