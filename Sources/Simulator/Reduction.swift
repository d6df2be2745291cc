import Hardware
import LayerTrace

/// How a GEMM record's reduction runs on the chip's PEs: how many packed words, how many
/// cycles per word, and how many bits each word of each operand carries.
///
/// | case | words K′ | input bits / word | weight bits / word |
/// |---|---|---|---|
/// | dense, `L` lanes | `⌈K / L⌉` | `L · act_bits` | `L · weight_bits` |
/// | N:M on a sparse core, `L` lanes | `⌈⌈K/M⌉·N / L⌉` | `⌈L·M/N · act_bits⌉` (the activations the kept values select from) | `L · (weight_bits + ⌈log2 M⌉)` (values + indices) |
/// | SCALE-Sim's condensed rule | `(K div M)·N + min(K mod M, N)` | `act_bits` | `weight_bits` |
///
/// `L` comes from the chip's precision table (``IntegerLanes``) for the record's
/// `weight_bits × act_bits`; a decomposed pair streams each word `passes` cycles. A tail group
/// of `K mod M` elements is padded to a full group (N slots), as hardware with fixed slots per
/// group stores it; SCALE-Sim keeps `min(K mod M, N)` instead. The PE-level reference packs
/// words the same way (``PEArrayReference/Operation``).
public struct Reduction: Hashable, Sendable {
  /// K′: reduction words the array runs.
  public var words: Int
  /// MACs per word (lanes) and cycles per word (passes).
  public var lanes: Int
  public var passes: Int
  /// The precision-table entry the PE runs the record's pair on (wider operands sign-extended,
  /// or the widest entry in `passes` passes).
  public var pair: PrecisionPair
  /// The N:M pattern the sparse core runs, if any.
  public var pattern: SparseCore.Pattern?
  public var inputBitsPerWord: Int
  /// Weight bits per word, metadata included.
  public var weightBitsPerWord: Int
  /// The part of ``weightBitsPerWord`` that is index metadata.
  public var metadataBitsPerWord: Int
  /// Reduction elements multiplied per output: K dense, `⌈K/M⌉·N` kept values on a sparse core,
  /// K′ under the condensed rule.
  public var multipliedPerOutput: Int
  /// Extra cycles per fold (the sparse core's select stage).
  public var extraCyclesPerFold: Int

  /// Why a record cannot run on a chip.
  public enum Failure: Error, Hashable, Sendable {
    /// The precision table lacks the pair and the chip rejects missing pairs.
    case unsupportedPair(PrecisionPair)
    /// The chip has a sparse core without this pattern.
    case unsupportedPattern(n: Int, m: Int)
    /// A count overflows `Int`.
    case overflow
  }

  /// The reduction of `record` (a GEMM) on `chip`, with N:M weights handled as `handling`
  /// says. O(precision-table entries).
  public static func of(
    _ record: TraceRecord, on chip: Chip, handling: SparseWeightHandling
  ) throws(Failure) -> Reduction {
    guard
      let throughput = chip.lanes.throughput(
        weightBits: record.weightBits, activationBits: record.actBits)
    else {
      throw .unsupportedPair(
        PrecisionPair(weightBits: record.weightBits, actBits: record.actBits))
    }
    let k = record.k
    let lanes = throughput.lanes
    func words(_ elements: Int) -> Int { (elements + lanes - 1) / lanes }
    var dense = Reduction(
      words: words(k), lanes: lanes, passes: throughput.passes, pair: throughput.pair,
      pattern: nil,
      inputBitsPerWord: lanes * record.actBits, weightBitsPerWord: lanes * record.weightBits,
      metadataBitsPerWord: 0, multipliedPerOutput: k, extraCyclesPerFold: 0)
    guard record.kind.hasStaticWeightOperand, case .structured(let n, let m) = record.sparsity
    else { return dense }
    switch handling {
    case .dense:
      return dense
    case .condensed:
      let condensed = (k / m) * n + min(k % m, n)
      dense.words = words(condensed)
      dense.multipliedPerOutput = condensed
      return dense
    case .chip:
      guard !chip.sparseCore.patterns.isEmpty else { return dense }
      guard chip.sparseCore.supports(n: n, m: m) else { throw .unsupportedPattern(n: n, m: m) }
      let groups = (k + m - 1) / m
      let (kept, overflow) = groups.multipliedReportingOverflow(by: n)
      guard !overflow else { throw .overflow }
      let index = SparseCore.metadataBits(groupSize: m)
      return Reduction(
        words: words(kept), lanes: lanes, passes: throughput.passes, pair: throughput.pair,
        pattern: SparseCore.Pattern(n: n, m: m),
        inputBitsPerWord: (lanes * m * record.actBits + n - 1) / n,
        weightBitsPerWord: lanes * (record.weightBits + index),
        metadataBitsPerWord: lanes * index, multipliedPerOutput: kept,
        extraCyclesPerFold: chip.sparseCore.selectCyclesPerFold)
    }
  }
}
