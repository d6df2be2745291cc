import Hardware
import LayerTrace

/// Which activations stay on chip between ops, decided once per trace from the records'
/// producer links (`inputs`) and the chip's activation capacity.
///
/// The rule (with `memory.keep_activations_on_chip`): an op's output that fits the activation
/// capacity (the input buffer, or the unified buffer; half of it when double-buffered) is
/// still in SRAM when the *next* op in trace order runs, which then reads it from there. It
/// fits when one of the slices the two ops can exchange it in does: two consecutive ops work
/// on the same independent slices — the products of a batched GEMM (heads, windows), the rows
/// of a row-wise op, the elements of an element-wise one — so they can run slice by slice,
/// and the output need fit only `⌈bytes / gcd(slices of the producer, slices of the
/// consumer)⌉` (a head's 197×197 attention scores, not all heads'). It is also written to DRAM
/// unless that next op is its only reader. Outputs
/// read by later ops, and the model input, come from DRAM. Records without `inputs` (SCALE-Sim
/// topologies, hand-written traces that leave it empty) read everything from DRAM and write
/// every output. The last op's output (the model's result) is always written.
struct OnChipPlan {
  /// Per record: its output is still in SRAM when the next record runs.
  private(set) var availableToNext: [Bool]
  /// Per record: no later record but the next one reads its output, so it is not written.
  private(set) var staysOnChip: [Bool]

  init(trace: LayerTrace, memory: MemorySystem) {
    let count = trace.records.count
    availableToNext = [Bool](repeating: false, count: count)
    staysOnChip = [Bool](repeating: false, count: count)
    guard memory.keepActivationsOnChip, count > 0 else { return }
    let capacity = BufferCapacities(memory).inputBytes
    // Readers of each record: only whether all are the next record matters.
    var readBySomeoneElse = [Bool](repeating: false, count: count)
    var readByNext = [Bool](repeating: false, count: count)
    for (reader, record) in trace.records.enumerated() {
      for producer in record.inputs where producer >= 0 && producer < reader {
        if producer == reader - 1 {
          readByNext[producer] = true
        } else {
          readBySomeoneElse[producer] = true
        }
      }
    }
    for (index, record) in trace.records.enumerated() where index + 1 < count {
      let slices = Self.gcd(Self.slices(record), Self.slices(trace.records[index + 1]))
      guard let bytes = packedBytes(count: record.outElements, bits: record.outBits),
        (bytes + slices - 1) / slices <= capacity
      else { continue }
      availableToNext[index] = true
      staysOnChip[index] = readByNext[index] && !readBySomeoneElse[index]
    }
  }

  /// The independent slices an op can be run in: a GEMM's products, a row-wise op's rows, an
  /// element-wise or data-movement op's output elements.
  static func slices(_ record: TraceRecord) -> Int {
    if record.kind.isGEMM { return max(record.batch, 1) }
    if record.kind.isRowWise { return max(record.rows, 1) }
    return max(record.outElements, 1)
  }

  static func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return max(x, 1)
  }

  /// Whether `record` (at `index`) finds its input `producer` in SRAM.
  func isOnChip(producer: Int, reader index: Int) -> Bool {
    producer == index - 1 && index > 0 && availableToNext[producer]
  }

  /// The residency of a GEMM record's operands: its first input is the left operand and, for
  /// a matmul, its second input the right operand.
  func gemmResidency(_ record: TraceRecord, at index: Int) -> OperandResidency {
    let inputs = record.inputs
    return OperandResidency(
      inputOnChip: inputs.first.map { isOnChip(producer: $0, reader: index) } ?? false,
      weightOnChip: record.kind == .matmul && inputs.count > 1
        && isOnChip(producer: inputs[1], reader: index),
      outputStaysOnChip: staysOnChip[index])
  }
}
