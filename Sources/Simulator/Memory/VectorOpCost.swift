import Hardware
import LayerTrace

/// The cost of one vector or data-movement record on the vector unit, before any overlap with
/// the array: busy cycles and DRAM traffic.
///
/// - Cycles: ``VectorUnit/cycles(kind:elements:rows:)``; `roll`, `permute` and `concat` cost
///   nothing with `data_movement: remap`.
/// - DRAM reads: each activation input that is not on chip (``OnChipPlan``): `elements` values
///   at `act_bits` per input for element-wise and row-wise kinds; for `concat` the
///   `elements − weight_elements` activation values split evenly over its inputs; for `gather`
///   the `elements` gathered values from its data input (its last input; the index input is
///   not counted). A record with no inputs reads `elements` values (the model input). Constant
///   operands (`weight_elements` at `weight_bits`) are always read.
/// - DRAM writes: `out_elements` at `out_bits`, unless the output stays on chip.
/// - Memory time: reads and writes stream through one double-buffered pass, so the op takes
///   `max(busy cycles, ⌈bytes / bandwidth⌉ + latency)` when it moves any byte.
struct VectorOpCost {
  var busyCycles = 0
  var inputReadBytes = 0
  var weightReadBytes = 0
  var outputWriteBytes = 0
  /// Cycles the DRAM transfers need, latency included (0 when nothing moves).
  var memoryCycles = 0
  /// The op's inputs that were found on chip.
  var inputsOnChip = 0

  /// The activation values the op reads from each of its inputs (one entry for a record with
  /// no inputs: the model input), as the type's discussion counts them.
  static func activationValuesPerInput(_ record: TraceRecord, kind: VectorUnit.Kind) -> [Int] {
    let inputs = record.inputs
    switch kind {
    case .concat:
      let activation = max(record.elements - record.weightElements, 0)
      let count = max(inputs.count, 1)
      return (0..<count).map { activation / count + ($0 < activation % count ? 1 : 0) }
    case .gather:
      return inputs.isEmpty
        ? [record.elements]
        : inputs.indices.map { $0 == inputs.count - 1 ? record.elements : 0 }
    default:
      return [Int](repeating: record.elements, count: max(inputs.count, 1))
    }
  }

  /// - Returns: nil when a count overflows `Int`.
  init?(record: TraceRecord, at index: Int, chip: Chip, plan: OnChipPlan, outputStays: Bool) {
    guard let kind = VectorUnit.Kind(rawValue: record.kind.rawValue) else { return nil }
    let unit = chip.vectorUnit
    let movement: Set<VectorUnit.Kind> = [.roll, .permute, .concat]
    if unit.dataMovement == .remap, movement.contains(kind) { return }
    guard let cycles = unit.cycles(kind: kind, elements: record.elements, rows: record.rows)
    else { return nil }
    busyCycles = cycles
    let inputs = record.inputs
    let perInput = Self.activationValuesPerInput(record, kind: kind)
    var readValues = 0
    for (position, values) in perInput.enumerated() {
      if position < inputs.count, plan.isOnChip(producer: inputs[position], reader: index) {
        inputsOnChip += 1
        continue
      }
      let (sum, overflow) = readValues.addingReportingOverflow(values)
      guard !overflow else { return nil }
      readValues = sum
    }
    guard let input = packedBytes(count: readValues, bits: record.actBits),
      let weight = packedBytes(count: record.weightElements, bits: record.weightBits),
      let output = packedBytes(count: outputStays ? 0 : record.outElements, bits: record.outBits)
    else { return nil }
    inputReadBytes = input
    weightReadBytes = weight
    outputWriteBytes = output
    let bytes = input + weight + output
    if bytes > 0 {
      let bandwidth = chip.memory.dram.bytesPerCycle(atMHz: chip.array.clockMHz)
      let transfer = (Double(bytes) / bandwidth).rounded(.up)
      guard transfer < 4.0e18 else { return nil }
      memoryCycles = Int(transfer) + (input + weight > 0 ? chip.memory.dram.latencyCycles : 0)
    }
  }
}
