import Hardware
import LayerTrace

/// The memory side of one GEMM record: its schedule, DRAM traffic and latency with stalls.
///
/// Candidates: every ``GEMMSchedule`` (loop order × which slices stay on chip) and, for the
/// weight- and input-stationary dataflows, splitting the streamed dimension `T` (M for ws, N
/// for is) into parts short enough that a reuse set fits (one or all column slices of partial
/// sums, one or all row slices). A split re-reads the stationary tiles once per part and pays
/// the array's fill and drain once per part and fold, but can keep partial sums on chip.
/// Each split takes its least-traffic schedule (``GEMMGeometry/cheapestSchedule(_:)``); among
/// the splits, with `memory.schedule_objective: latency` (the default) the one with the
/// smallest roofline estimate `max(array cycles, ⌈DRAM bytes / bandwidth⌉)` wins, ties going
/// to less traffic; with `traffic` the one with the least DRAM traffic wins, ties going to
/// fewer array cycles; remaining ties go to fewer parts. The
/// output-stationary dataflow keeps its sums in the PEs and is never split.
public struct GEMMMemoryStats: Hashable, Sendable {
  /// The most folds per product the walk visits (2^24: seconds of walking at worst); a split
  /// of the streamed dimension multiplies the folds by its parts, so splits beyond this are
  /// not tried.
  public static let maxFoldsPerProduct = 1 << 24

  public var schedule: GEMMSchedule
  /// Parts the streamed dimension is split into (1: not split).
  public var temporalParts: Int
  public var traffic: GEMMTraffic
  /// Array cycles of the schedule: the closed form of ``ArrayEngine`` when `temporalParts` is
  /// 1, more (one fill and drain per part and fold) when split.
  public var arrayCycles: Int
  /// The op's latency in cycles: array compute plus stalls.
  public var totalCycles: Int
  /// Cycles the DRAM channel was busy.
  public var busyDRAMCycles: Int

  /// Costs `record` (a GEMM already mapped to `mapping`) on `chip`'s memory.
  ///
  /// - Returns: nil when a count overflows `Int`.
  /// - Complexity: O(batch · folds · parts) for the walk of the chosen candidate.
  static func simulate(
    _ record: TraceRecord, mapping: ArrayMapping, reduction: Reduction, chip: Chip,
    residency: OperandResidency
  ) -> GEMMMemoryStats? {
    let memory = chip.memory
    let capacities = BufferCapacities(memory)
    let whole = GEMMGeometry(
      mapping: mapping,
      bits: (
        reduction.inputBitsPerWord, reduction.weightBitsPerWord, memory.accumulatorBits,
        record.outBits
      ),
      residency: residency)
    let bandwidth = memory.dram.bytesPerCycle(atMHz: chip.array.clockMHz)
    func estimate(_ candidate: Candidate) -> Double {
      max(
        Double(candidate.arrayCycles),
        (Double(candidate.traffic.totalBytes) / bandwidth).rounded(.up))
    }
    var best: Candidate?
    for parts in whole.temporalSplits(capacities)
    where parts == 1 || (checkedProduct(parts, mapping.folds) ?? Int.max) <= maxFoldsPerProduct {
      guard
        let candidate = Candidate(
          record: record, whole: whole, parts: parts, capacities: capacities)
      else { return nil }
      if let current = best {
        let keep: Bool =
          switch memory.scheduleObjective {
          case .latency:
            (estimate(current), current.traffic.totalBytes)
              <= (estimate(candidate), candidate.traffic.totalBytes)
          case .traffic:
            (current.traffic.totalBytes, current.arrayCycles)
              <= (candidate.traffic.totalBytes, candidate.arrayCycles)
          }
        if keep { continue }
      }
      best = candidate
    }
    guard let best else { return nil }
    let pipeline = GEMMPipeline(
      segments: best.segments, schedule: best.schedule, memory: memory, capacities: capacities,
      dramBytesPerCycle: bandwidth)
    guard let timing = pipeline.run(batch: record.batch) else { return nil }
    return GEMMMemoryStats(
      schedule: best.schedule, temporalParts: best.parts, traffic: best.traffic,
      arrayCycles: best.arrayCycles, totalCycles: max(timing.totalCycles, best.arrayCycles),
      busyDRAMCycles: timing.busyDRAMCycles)
  }

  /// One candidate: a split of `T` into parts and the cheapest schedule for it.
  private struct Candidate {
    var parts: Int
    var schedule: GEMMSchedule
    var traffic: GEMMTraffic
    var arrayCycles: Int
    /// (geometry of a part, parts of that length per product).
    var segments: [(GEMMGeometry, Int)]

    init?(
      record: TraceRecord, whole: GEMMGeometry, parts requested: Int, capacities: BufferCapacities
    ) {
      let t = whole.mapping.temporal
      let length = (t + requested - 1) / requested
      let parts = (t + length - 1) / length
      let last = t - (parts - 1) * length
      let full = whole.withTemporal(length)
      guard let (schedule, perPart) = full.cheapestSchedule(capacities) else { return nil }
      var segments = [(full, parts - (last == length ? 0 : 1))]
      var perProduct = perPart.repeated(segments[0].1)
      if last != length {
        let tail = whole.withTemporal(last)
        segments.append((tail, 1))
        guard let tailTraffic = tail.traffic(schedule), let sum = perProduct?.adding(tailTraffic)
        else { return nil }
        perProduct = sum
      }
      guard let perProduct, let traffic = perProduct.repeated(record.batch) else { return nil }
      var cycles = 0
      for (geometry, count) in segments {
        guard
          let product = checkedProduct(
            geometry.mapping.folds, geometry.mapping.cyclesPerFold, count),
          let sum = checkedSum(of: [cycles, product])
        else { return nil }
        cycles = sum
      }
      guard let total = checkedProduct(cycles, record.batch) else { return nil }
      self.parts = parts
      self.schedule = schedule
      self.traffic = traffic
      self.arrayCycles = total
      self.segments = segments
    }
  }
}

extension GEMMGeometry {
  /// The same operands with the streamed dimension cut to `temporal` elements.
  func withTemporal(_ temporal: Int) -> GEMMGeometry {
    GEMMGeometry(copying: self, mapping: mapping.withTemporal(temporal))
  }

  /// The part counts worth trying: 1, and for ws / is the fewest parts that make a reuse set
  /// fit (one column slice, all column slices, one row slice, all row slices), sorted.
  func temporalSplits(_ capacities: BufferCapacities) -> [Int] {
    var counts: Set<Int> = [1]
    guard mapping.dataflow != .outputStationary else { return [1] }
    let t = mapping.temporal
    let rowBits = bitsPerElement(rowSlice)
    let columnBits = bitsPerElement(columnSlice == .partialSums ? .partialSums : columnSlice)
    // (elements of the set per unit of T, bits per element, capacity in bytes)
    let sets = [
      (fullCols, columnBits, capacities.bytes(for: columnSlice)),
      (mapping.spatialCols, columnBits, capacities.bytes(for: columnSlice)),
      (fullRows, rowBits, capacities.bytes(for: rowSlice)),
      (mapping.spatialRows, rowBits, capacities.bytes(for: rowSlice)),
    ]
    for (perT, bits, capacity) in sets {
      let (bitsPerT, overflow) = perT.multipliedReportingOverflow(by: bits)
      let (capacityBits, capacityOverflow) = capacity.multipliedReportingOverflow(by: 8)
      guard !overflow, !capacityOverflow, bitsPerT > 0 else { continue }
      let fit = capacityBits / bitsPerT
      guard fit >= 1, fit < t else { continue }
      counts.insert((t + fit - 1) / fit)
    }
    return counts.sorted()
  }
}
