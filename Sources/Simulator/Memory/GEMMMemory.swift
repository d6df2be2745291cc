import Hardware
import LayerTrace

/// The memory side of one GEMM record: its schedule, DRAM traffic and latency with stalls.
public struct GEMMMemoryStats: Hashable, Sendable {
  public var schedule: GEMMSchedule
  public var traffic: GEMMTraffic
  /// The op's latency in cycles: array compute plus stalls.
  public var totalCycles: Int
  /// Cycles the array waited for DRAM or an SRAM port.
  public var stallCycles: Int
  /// Cycles the DRAM channel was busy.
  public var busyDRAMCycles: Int

  /// Costs `record` (a GEMM already mapped to `mapping`) on `chip`'s memory.
  ///
  /// Picks the cheapest schedule (``GEMMGeometry/cheapestSchedule(_:)``), counts its traffic
  /// for all `batch` products, and walks its folds (``GEMMPipeline``).
  ///
  /// - Returns: nil when a count overflows `Int`.
  /// - Complexity: O(batch · folds).
  static func simulate(
    _ record: TraceRecord, mapping: ArrayMapping, chip: Chip, residency: OperandResidency
  ) -> GEMMMemoryStats? {
    let memory = chip.memory
    let geometry = GEMMGeometry(
      record: record, mapping: mapping, accumulatorBits: memory.accumulatorBits,
      residency: residency)
    let capacities = BufferCapacities(memory)
    guard let (schedule, perProduct) = geometry.cheapestSchedule(capacities),
      let traffic = perProduct.repeated(record.batch)
    else { return nil }
    let pipeline = GEMMPipeline(
      geometry: geometry, schedule: schedule, memory: memory, capacities: capacities,
      dramBytesPerCycle: memory.dram.bytesPerCycle(atMHz: chip.array.clockMHz))
    guard let timing = pipeline.run(batch: record.batch) else { return nil }
    return GEMMMemoryStats(
      schedule: schedule, traffic: traffic, totalCycles: timing.totalCycles,
      stallCycles: timing.stallCycles, busyDRAMCycles: timing.busyDRAMCycles)
  }
}
