import Hardware
import LayerTrace

/// The simulated cost of one trace record: time, SRAM and DRAM traffic, energy.
///
/// Time: an array op's ``totalCycles`` is its ``ArrayOpStats/computeCycles`` plus
/// ``stallCycles`` (waiting for DRAM or SRAM ports, first load and last write included); a
/// vector op's is its ``exposedVectorCycles`` (the part of its ``vectorCycles`` the array did
/// not hide) plus ``stallCycles`` (waiting for DRAM).
public struct OpStats: Hashable, Sendable {
  /// The systolic array's counters for the whole op mapped at once (all zero for vector ops);
  /// SCALE-Sim's numbers.
  public var array: ArrayOpStats
  /// Cycles the array computes under the memory schedule: ``ArrayOpStats/computeCycles``,
  /// or more when the schedule splits the streamed dimension (``temporalParts`` > 1).
  public var computeCycles: Int
  /// Parts the memory schedule splits the streamed dimension into (1 for vector ops).
  public var temporalParts: Int
  /// MACs per PE per cycle the op ran at (its precision pair's lanes; 1 for vector ops).
  public var lanes: Int
  /// The N:M pattern the sparse core ran (`"2:4"`), nil when the op ran densely.
  public var sparsePattern: String?
  /// The precision pair the PEs ran (the record's, or the table entry it was widened or
  /// decomposed onto) and the passes per element; nil for vector ops.
  public var runPair: PrecisionPair?
  public var passes: Int
  /// Weight values the array read (each with one index when the op ran on the sparse core).
  public var sramWeightValues: Int
  /// Cycles the vector unit is busy with the op (0 for array ops).
  public var vectorCycles: Int
  /// The part of ``vectorCycles`` that adds to the latency.
  public var exposedVectorCycles: Int
  /// Cycles lost waiting for memory.
  public var stallCycles: Int
  /// The op's latency: ``computeCycles`` + ``exposedVectorCycles`` + ``stallCycles``.
  public var totalCycles: Cycles
  /// ``ArrayOpStats/sramInputReadElements`` at the record's `act_bits`, in bytes
  /// (`⌈elements·bits/8⌉`).
  public var sramInputReadBytes: Int
  /// ``ArrayOpStats/sramWeightReadElements`` at `weight_bits`, in bytes.
  public var sramWeightReadBytes: Int
  /// ``ArrayOpStats/sramOutputWriteElements`` at `out_bits`, in bytes.
  public var sramOutputWriteBytes: Int
  /// Input plus weight read bytes.
  public var sramReadBytes: Int
  /// Output write bytes.
  public var sramWriteBytes: Int { sramOutputWriteBytes }
  /// DRAM traffic, bytes.
  public var dram: DRAMTraffic
  /// The memory schedule of an array op (nil for vector ops).
  public var loopOrder: LoopOrder?
  /// Whether the op found its (first) activation input on chip.
  public var inputOnChip: Bool
  /// Whether the op's output stayed on chip (not written to DRAM).
  public var outputOnChip: Bool
  /// The op's energy by part (``EnergyModel``).
  public var energy: EnergyBreakdown

  /// MACs / (``computeCycles`` · R · C · lanes): the fraction of the array's MAC slots used
  /// while it computes this op (0 for vector ops).
  public func utilization(rows: Int, cols: Int) -> Double {
    computeCycles > 0
      ? Double(array.macs)
        / (Double(computeCycles) * Double(rows) * Double(cols) * Double(max(lanes, 1))) : 0
  }

  public init(
    array: ArrayOpStats, computeCycles: Int? = nil, temporalParts: Int = 1, lanes: Int = 1,
    sparsePattern: String? = nil, runPair: PrecisionPair? = nil, passes: Int = 1,
    sramWeightValues: Int = 0, vectorCycles: Int = 0, exposedVectorCycles: Int = 0,
    stallCycles: Int = 0, totalCycles: Cycles, sramInputReadBytes: Int,
    sramWeightReadBytes: Int, sramOutputWriteBytes: Int, sramReadBytes: Int,
    dram: DRAMTraffic = DRAMTraffic(), loopOrder: LoopOrder? = nil, inputOnChip: Bool = false,
    outputOnChip: Bool = false, energy: EnergyBreakdown = .zero
  ) {
    self.array = array
    self.computeCycles = computeCycles ?? array.computeCycles.count
    self.temporalParts = temporalParts
    self.lanes = lanes
    self.sparsePattern = sparsePattern
    self.runPair = runPair
    self.passes = passes
    self.sramWeightValues = sramWeightValues
    self.vectorCycles = vectorCycles
    self.exposedVectorCycles = exposedVectorCycles
    self.stallCycles = stallCycles
    self.totalCycles = totalCycles
    self.sramInputReadBytes = sramInputReadBytes
    self.sramWeightReadBytes = sramWeightReadBytes
    self.sramOutputWriteBytes = sramOutputWriteBytes
    self.sramReadBytes = sramReadBytes
    self.dram = dram
    self.loopOrder = loopOrder
    self.inputOnChip = inputOnChip
    self.outputOnChip = outputOnChip
    self.energy = energy
  }
}

/// Bytes moved between DRAM and the chip by one op (or a whole run), per operand.
public struct DRAMTraffic: Hashable, Sendable {
  /// Activation (left operand) bytes read.
  public var inputReadBytes = 0
  /// Weight bytes read (a matmul's right operand; a vector op's constant operand).
  public var weightReadBytes = 0
  /// Sparse-weight metadata bytes read.
  public var metadataReadBytes = 0
  /// Spilled partial sums read back.
  public var partialSumReadBytes = 0
  /// Partial sums spilled.
  public var partialSumWriteBytes = 0
  /// Final outputs written.
  public var outputWriteBytes = 0

  public init() {}

  public var readBytes: Int {
    inputReadBytes + weightReadBytes + metadataReadBytes + partialSumReadBytes
  }
  public var writeBytes: Int { partialSumWriteBytes + outputWriteBytes }
  public var totalBytes: Int { readBytes + writeBytes }

  /// The sum, or nil when a field overflows.
  public func adding(_ other: DRAMTraffic) -> DRAMTraffic? {
    var sum = DRAMTraffic()
    var overflow = false
    func add(_ a: Int, _ b: Int) -> Int {
      let (value, o) = a.addingReportingOverflow(b)
      overflow = overflow || o
      return value
    }
    sum.inputReadBytes = add(inputReadBytes, other.inputReadBytes)
    sum.weightReadBytes = add(weightReadBytes, other.weightReadBytes)
    sum.metadataReadBytes = add(metadataReadBytes, other.metadataReadBytes)
    sum.partialSumReadBytes = add(partialSumReadBytes, other.partialSumReadBytes)
    sum.partialSumWriteBytes = add(partialSumWriteBytes, other.partialSumWriteBytes)
    sum.outputWriteBytes = add(outputWriteBytes, other.outputWriteBytes)
    // The derived totals must fit too.
    let fields = [
      sum.inputReadBytes, sum.weightReadBytes, sum.metadataReadBytes, sum.partialSumReadBytes,
      sum.partialSumWriteBytes, sum.outputWriteBytes,
    ]
    return overflow || checkedSum(of: fields) == nil ? nil : sum
  }
}
