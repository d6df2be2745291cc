import Hardware
import LayerTrace

/// What the energy model charges for one op: its counters, gathered from the trace record and
/// the op's ``OpStats`` by ``init(record:op:chip:)``.
///
/// Counts are in the units their names say (MACs, bytes, bits, elements, cycles).
public struct EnergyCounters: Hashable, Sendable {
  // MARK: Array
  /// MACs the array performed (times the passes of a decomposed pair). A `Double`, like every
  /// count here that is a product of counts: energy is a `Double`, and absurd traces must not
  /// overflow an integer.
  public var macs = 0.0
  /// Operand widths of those MACs: the precision pair the PEs ran (the record's pair, or the
  /// table entry it was widened or decomposed onto).
  public var weightBits = 0
  public var actBits = 0
  /// MACs that went through the sparse core's operand selection (each pays `mux_pj`).
  public var sparseMACs = 0
  /// Metadata indices the sparse core decoded (each pays `metadata_decode_pj`).
  public var metadataIndexReads = 0
  /// Metadata bits read from the weight buffer beyond ``sramWeightReadBytes`` (charged as SRAM
  /// reads). 0 for the engine's ops: their weight words already carry the index bits.
  public var metadataBits = 0

  // MARK: SRAM, array side
  /// Bytes the array read from the input buffer.
  public var sramInputReadBytes = 0
  /// Bytes the array read from the weight buffer.
  public var sramWeightReadBytes = 0
  /// Bytes the array wrote to the output buffer (outputs and partial sums).
  public var sramOutputWriteBytes = 0
  /// Partial-sum bytes read back from the output buffer to accumulate: every output write
  /// beyond the final `batch·M·N` outputs is a read-modify-write (ws and is write partial sums
  /// once per K-fold; os keeps them in the PEs).
  public var sramAccumulationReadBytes = 0

  // MARK: DRAM
  /// Bytes between DRAM and the chip by operand; their SRAM side is charged too.
  public var dram = DRAMTraffic()

  // MARK: Vector unit
  /// The vector kind (nil for array ops and for data movement done by remapping).
  public var vectorKind: VectorUnit.Kind?
  /// Elements the vector unit processed.
  public var vectorElements = 0
  /// Evaluations of the op's nonlinearity and their method (0 / nil when it has none).
  public var nonlinearEvaluations = 0
  public var nonlinearMethod: VectorUnit.Method?
  /// Bits the vector unit read from SRAM (activation inputs and constants) and wrote to it.
  public var vectorSRAMReadBits = 0.0
  public var vectorSRAMWriteBits = 0.0

  // MARK: Time
  /// The op's latency in cycles.
  public var totalCycles = 0

  public init() {}

  /// The counters of `record` as simulated in `op` on `chip`. O(1) (O(inputs) for vector ops).
  public init(record: TraceRecord, op: OpStats, chip: Chip) {
    totalCycles = op.totalCycles.count
    dram = op.dram
    if record.kind.isGEMM {
      let pair = op.runPair ?? PrecisionPair(weightBits: record.weightBits, actBits: record.actBits)
      macs = Double(op.array.macs) * Double(max(op.passes, 1))
      weightBits = pair.weightBits
      actBits = pair.actBits
      sramInputReadBytes = op.sramInputReadBytes
      sramWeightReadBytes = op.sramWeightReadBytes
      sramOutputWriteBytes = op.sramOutputWriteBytes
      let outputs =
        checkedProduct(record.batch, record.m, record.n)
        .flatMap { packedBytes(count: $0, bits: record.outBits) } ?? 0
      sramAccumulationReadBytes = max(op.sramOutputWriteBytes - outputs, 0)
      if op.sparsePattern != nil {
        // Every kept MAC goes through the operand select; every weight value read into the
        // array brings its index, which the PE decodes.
        sparseMACs = op.array.macs
        metadataIndexReads = op.sramWeightValues
      }
      return
    }
    guard let kind = VectorUnit.Kind(rawValue: record.kind.rawValue) else { return }
    let unit = chip.vectorUnit
    if unit.dataMovement == .remap, [.roll, .permute, .concat].contains(kind) { return }
    vectorKind = kind
    vectorElements = record.elements
    let nonlinearity: VectorUnit.Nonlinearity? =
      switch kind {
      case .softmax: .softmax
      case .gelu: .gelu
      case .layernorm: .layernorm
      default: nil
      }
    if let nonlinearity, let method = unit.nonlinearMethod[nonlinearity] {
      nonlinearMethod = method
      nonlinearEvaluations = nonlinearity == .layernorm ? record.rows : record.elements
    }
    // Activation values read, as VectorOpCost counts them for DRAM (whether or not they were
    // on chip: every value passes through SRAM), plus the constant operand; the output written.
    let activations = VectorOpCost.activationValuesPerInput(record, kind: kind)
      .reduce(0.0) { $0 + Double($1) }
    vectorSRAMReadBits =
      activations * Double(record.actBits)
      + Double(record.weightElements) * Double(record.weightBits)
    vectorSRAMWriteBits = Double(record.outElements) * Double(record.outBits)
  }
}
