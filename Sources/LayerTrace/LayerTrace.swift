/// A layer trace: the ops of one model (or of a hand-written workload) in execution order.
///
/// The trace is the boundary between the model graphs and the hardware simulator: builders
/// produce it, `vitsim trace` writes it as CSV, and the simulator consumes it.
public struct LayerTrace: Hashable, Sendable {
  public var records: [TraceRecord]

  public init(records: [TraceRecord] = []) {
    self.records = records
  }

  /// Every problem of every record, as (index, problem); empty when the trace is valid.
  public func problems() -> [(index: Int, problem: TraceRecord.Problem)] {
    records.enumerated().flatMap { index, record in
      var found = record.problems().map { (index, $0) }
      if let bad = record.inputs.first(where: { $0 < 0 || $0 >= index }) {
        found.append(
          (
            index,
            TraceRecord.Problem(
              column: "inputs", message: "\(bad) is not an earlier record index (0...\(index - 1))")
          ))
      }
      return found
    }
  }

  /// Total multiply-accumulates of the records of the given kinds (all GEMM kinds by default).
  public func macs(of kinds: Set<OpKind> = [.linear, .conv, .matmul]) -> Int {
    records.lazy.filter { kinds.contains($0.kind) }.reduce(0) { $0 + $1.macs }
  }

  /// Total `elements` of the records of one vector kind.
  public func elements(of kind: OpKind) -> Int {
    records.lazy.filter { $0.kind == kind }.reduce(0) { $0 + $1.elements }
  }
}
