import Hardware

/// A whole trace simulated on a chip: one ``OpStats`` per record and the totals.
public struct SimulationResult: Hashable, Sendable {
  /// The chip it ran on.
  public var chip: Chip
  /// One entry per trace record, in trace order.
  public var ops: [OpStats]
  public var totals: Totals

  /// Sums over all ops (ops run one after another).
  public struct Totals: Hashable, Sendable {
    /// Σ array compute cycles.
    public var computeCycles: Cycles
    /// Σ vector-unit busy cycles.
    public var vectorCycles: Int
    /// Σ vector cycles not hidden behind the array.
    public var exposedVectorCycles: Int
    /// Σ cycles waiting for memory.
    public var stallCycles: Int
    /// Σ op latencies: the trace's latency in cycles (= compute + exposed vector + stall).
    public var totalCycles: Cycles
    /// Σ MACs the array performed (with condensed sparse weights, fewer than the trace's
    /// dense `macs`).
    public var macs: Int
    public var sramInputReadBytes: Int
    public var sramWeightReadBytes: Int
    public var sramOutputWriteBytes: Int
    public var sramReadBytes: Int
    public var sramWriteBytes: Int
    /// Σ DRAM traffic.
    public var dram: DRAMTraffic
    /// `macs / (totalCycles · R · C)`: the fraction of PE-cycles doing a MAC over the whole run
    /// (0 when nothing ran).
    public var utilization: Double
    /// Σ op energies, by part.
    public var energy: EnergyBreakdown

    public init(
      computeCycles: Cycles, vectorCycles: Int, exposedVectorCycles: Int, stallCycles: Int,
      totalCycles: Cycles, macs: Int, sramInputReadBytes: Int, sramWeightReadBytes: Int,
      sramOutputWriteBytes: Int, sramReadBytes: Int, sramWriteBytes: Int, dram: DRAMTraffic,
      utilization: Double, energy: EnergyBreakdown = .zero
    ) {
      self.computeCycles = computeCycles
      self.vectorCycles = vectorCycles
      self.exposedVectorCycles = exposedVectorCycles
      self.stallCycles = stallCycles
      self.dram = dram
      self.totalCycles = totalCycles
      self.macs = macs
      self.sramInputReadBytes = sramInputReadBytes
      self.sramWeightReadBytes = sramWeightReadBytes
      self.sramOutputWriteBytes = sramOutputWriteBytes
      self.sramReadBytes = sramReadBytes
      self.sramWriteBytes = sramWriteBytes
      self.utilization = utilization
      self.energy = energy
    }
  }

  public init(chip: Chip, ops: [OpStats], totals: Totals) {
    self.chip = chip
    self.ops = ops
    self.totals = totals
  }

  /// The trace's latency in milliseconds at the chip's clock.
  public var latencyMilliseconds: Double {
    totals.totalCycles.milliseconds(atMHz: chip.array.clockMHz)
  }

  /// The chip's area by part (``AreaBreakdown``).
  public var area: AreaBreakdown { AreaBreakdown(chip: chip) }

  /// Energy-delay product: total energy (pJ) × latency (s), in pJ·s.
  public var energyDelayProduct: Double {
    totals.energy.totalPicojoules * latencyMilliseconds / 1000
  }
}
