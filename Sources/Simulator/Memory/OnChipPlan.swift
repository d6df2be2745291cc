import Hardware
import LayerTrace

/// Which activations stay on chip between ops, decided once per trace from the records'
/// producer links (`inputs`) and the chip's activation capacity.
///
/// The rule (with `memory.keep_activations_on_chip`): an op's output whose bytes fit the
/// activation capacity (the input buffer, or the unified buffer; half of it when
/// double-buffered) is still in SRAM when the *next* op in trace order runs, which then reads
/// it from there. It is also written to DRAM unless that next op is its only reader. Outputs
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
      guard let bytes = packedBytes(count: record.outElements, bits: record.outBits),
        bytes <= capacity
      else { continue }
      availableToNext[index] = true
      staysOnChip[index] = readByNext[index] && !readBySomeoneElse[index]
    }
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
