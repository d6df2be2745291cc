import Hardware
import LayerTrace

extension PEArrayReference {
  /// What every PE of the reference array does each cycle: which integer widths it multiplies,
  /// how many lane MACs it performs, and whether the weights are N:M compressed.
  ///
  /// | case | PE | `K′` (words the reduction runs in) |
  /// |---|---|---|
  /// | `.dense()` = ``int8`` | one `Int8 × Int8` MAC | `K` |
  /// | `.dense(weightBits: b_w, activationBits: b_a, lanes: L)` | `L` MACs of `b_w × b_a` bits (`2...8` each, `L·b ≤ 64`) | `ceil(K / L)` |
  /// | `.sparse(n: N, m: M, lanes: L)` | `L` kept INT8 weights × the INT8 activations their indices select (`N < M ≤ 16`, `L ≤ 8`, `N` divides `L` or `L` divides `N`) | `ceil(ceil(K / M)·N / L)` |
  ///
  /// The words and their packing are described on the PE types (`PackedLanesMAC`,
  /// `SparseInt8MAC`); the reference reaches `K′` by packing, never by formula.
  public enum Operation: Hashable, Sendable, CustomStringConvertible {
    /// Dense two's-complement integers, `lanes` MACs per PE per cycle.
    case dense(weightBits: Int = 8, activationBits: Int = 8, lanes: Int = 1)
    /// INT8 weights pruned `n:m`, INT8 activations, `lanes` kept values per PE per cycle.
    case sparse(n: Int, m: Int, lanes: Int = 1)

    /// The dense INT8 PE: one MAC per cycle.
    public static let int8 = Operation.dense()

    /// INT4 × INT4 with `lanes` MACs per cycle (two nibbles per byte for `lanes = 2`).
    public static func int4(lanes: Int) -> Operation {
      .dense(weightBits: 4, activationBits: 4, lanes: lanes)
    }

    /// MACs (kept values, when sparse) per PE per cycle.
    public var lanes: Int {
      switch self {
      case .dense(_, _, let lanes), .sparse(_, _, let lanes): lanes
      }
    }

    /// Bits per weight value (8 for the sparse INT8 operation).
    public var weightBits: Int {
      switch self {
      case .dense(let bits, _, _): bits
      case .sparse: 8
      }
    }

    /// Bits per activation value (8 for the sparse INT8 operation).
    public var activationBits: Int {
      switch self {
      case .dense(_, let bits, _): bits
      case .sparse: 8
      }
    }

    /// The weight pattern: `.dense`, or `.structured(n:m:)`.
    public var sparsity: Sparsity {
      switch self {
      case .dense: .dense
      case .sparse(let n, let m, _): .structured(n: n, m: m)
      }
    }

    /// Why the reference cannot run this operation, or nil when it can.
    public var problem: String? {
      switch self {
      case .dense(let weightBits, let activationBits, let lanes):
        for (name, bits) in [("weightBits", weightBits), ("activationBits", activationBits)]
        where !(2...8).contains(bits) {
          return "\(name) = \(bits) is not in 2...8"
        }
        if lanes < 1 || lanes * max(weightBits, activationBits) > 64 {
          return
            "lanes = \(lanes) is not in 1...\(64 / max(weightBits, activationBits)) for \(max(weightBits, activationBits))-bit values in a 64-bit word"
        }
        return nil
      case .sparse(let n, let m, let lanes):
        return SparseInt8MAC.problem(n: n, m: m, lanes: lanes)
      }
    }

    /// `int8`, `w4a4x2`, `int8 2:4x1`: compact, for case descriptions.
    public var description: String {
      switch self {
      case .dense(8, 8, 1): "int8"
      case .dense(let w, let a, let lanes): "w\(w)a\(a)x\(lanes)"
      case .sparse(let n, let m, let lanes): "int8 \(n):\(m)x\(lanes)"
      }
    }
  }

  /// Operands the requested operation cannot take: a value wider than its bits, a weight group
  /// with more non-zeros than its N:M pattern keeps, or an operation the reference does not
  /// support. One line naming the operand, position and value.
  public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
      self.message = message
    }

    public var description: String { message }
  }

  /// Multiplies `a [m×k]` by `w [k×n]` (row-major) on the simulated array whose PEs perform
  /// `operation`.
  ///
  /// Values are given as `Int8` whatever the operation's widths; for a narrower width they
  /// must lie in its range (e.g. `-8...7` for 4 bits). For `.sparse`, `w` is the pruned dense
  /// matrix: each group of `M` consecutive rows of a column may hold at most `N` non-zeros.
  ///
  /// - Parameters:
  ///   - a: the activations, `m·k` values, row-major.
  ///   - w: the weights, `k·n` values, row-major.
  ///   - m: tokens (rows of `a`), ≥ 1.
  ///   - k: reduction length, `1 ... maxReduction`.
  ///   - n: output features (columns of `w`), ≥ 1.
  ///   - dataflow: which operand stays in the PEs.
  ///   - operation: what each PE does per cycle.
  /// - Returns: the exact Int32 product `[m×n]` and the counters; the run takes the cycles of
  ///   a dense GEMM with `K′` (``Result/reductionWords``) in place of `K`.
  /// - Throws: ``InputError`` for an unsupported operation or operands it cannot pack.
  /// - Complexity: that of ``multiply(_:_:m:k:n:dataflow:)`` with `K′` for `K`, times `L`.
  public func multiply(
    _ a: [Int8], _ w: [Int8], m: Int, k: Int, n: Int, dataflow: Dataflow, operation: Operation
  ) throws(InputError) -> Result {
    if let problem = operation.problem { throw InputError("operation \(operation): \(problem)") }
    var sink = NoCycleSink()
    return try run(operation, a, w, m: m, k: k, n: n, dataflow: dataflow, sink: &sink)
  }

  /// Dispatches `operation` to its PE type (specialised generics; no existential in the loop).
  func run<Sink: ReferenceCycleSink>(
    _ operation: Operation, _ a: [Int8], _ w: [Int8], m: Int, k: Int, n: Int,
    dataflow: Dataflow, sink: inout Sink
  ) throws(InputError) -> Result {
    precondition(operation.problem == nil, "unsupported operation \(operation)")
    switch operation {
    case .dense(8, 8, 1):
      return try run(DenseInt8MAC(), a, w, m: m, k: k, n: n, dataflow: dataflow, sink: &sink)
    case .dense(let weightBits, let activationBits, let lanes):
      let op = PackedLanesMAC(weightBits: weightBits, activationBits: activationBits, lanes: lanes)
      return try run(op, a, w, m: m, k: k, n: n, dataflow: dataflow, sink: &sink)
    case .sparse(let nKept, let group, let lanes):
      let op = SparseInt8MAC(n: nKept, m: group, lanes: lanes)
      return try run(op, a, w, m: m, k: k, n: n, dataflow: dataflow, sink: &sink)
    }
  }
}
