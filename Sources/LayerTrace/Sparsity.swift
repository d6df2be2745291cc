/// The sparsity pattern of a record's static weight: dense, or N:M structured (at most `n`
/// non-zero values in every group of `m` consecutive elements along the reduction dimension).
public enum Sparsity: Hashable, Sendable, CustomStringConvertible {
  case dense
  /// N:M structured sparsity with `1 ≤ n < m`.
  case structured(n: Int, m: Int)

  /// The 2:4 pattern of NVIDIA's sparse tensor cores.
  public static let twoFour = Sparsity.structured(n: 2, m: 4)

  /// The largest group size `m` a pattern may have.
  public static let maxGroup = 1024

  /// Parses `dense` or `N:M`. `N:N` (e.g. SCALE-Sim's `1:1`) means dense.
  ///
  /// - Returns: nil when the text is neither `dense` nor `N:M` with `1 ≤ N ≤ M ≤ 1024`.
  public init?(parsing text: String) {
    if text == "dense" {
      self = .dense
      return
    }
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, let n = Int(parts[0]), let m = Int(parts[1]),
      n >= 1, m >= 1, n <= m, m <= Sparsity.maxGroup
    else { return nil }
    self = n == m ? .dense : .structured(n: n, m: m)
  }

  /// `dense` or `N:M`, the form `init(parsing:)` reads.
  public var description: String {
    switch self {
    case .dense: "dense"
    case .structured(let n, let m): "\(n):\(m)"
    }
  }

  /// The fraction of weights kept, as (kept, of).
  public var keptFraction: (kept: Int, of: Int) {
    switch self {
    case .dense: (1, 1)
    case .structured(let n, let m): (n, m)
    }
  }
}
