/// The simulated cost of one trace record: the array's counters and their bytes.
///
/// Later models add to this (memory stalls, DRAM traffic, vector-unit cycles, energy);
/// ``totalCycles`` is the op's latency, which is its array compute time for now.
public struct OpStats: Hashable, Sendable {
  /// The systolic array's counters (all zero for vector ops).
  public var array: ArrayOpStats
  /// The op's latency: ``ArrayOpStats/computeCycles`` (no memory stalls or vector unit yet).
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

  public init(
    array: ArrayOpStats, totalCycles: Cycles, sramInputReadBytes: Int, sramWeightReadBytes: Int,
    sramOutputWriteBytes: Int, sramReadBytes: Int
  ) {
    self.array = array
    self.totalCycles = totalCycles
    self.sramInputReadBytes = sramInputReadBytes
    self.sramWeightReadBytes = sramWeightReadBytes
    self.sramOutputWriteBytes = sramOutputWriteBytes
    self.sramReadBytes = sramReadBytes
  }
}
