/// The energy of one op (or a whole run) by part, in picojoules.
///
/// | part | what it charges |
/// |---|---|
/// | ``macPicojoules`` | the array's MACs at their precision, the PE register bits each MAC moves, and the sparse core's metadata decodes and operand muxes |
/// | ``sramPicojoules`` | SRAM reads and writes: the array's operand reads, output writes and accumulation reads; the SRAM side of every DRAM transfer; the vector unit's reads and writes |
/// | ``dramPicojoules`` | bits moved between DRAM and the chip |
/// | ``vectorPicojoules`` | the vector unit's arithmetic per element and its nonlinearities |
/// | ``staticPicojoules`` | leakage of the PEs, SRAM and vector lanes over the op's latency |
public struct EnergyBreakdown: Hashable, Sendable {
  public var macPicojoules: Double
  public var sramPicojoules: Double
  public var dramPicojoules: Double
  public var vectorPicojoules: Double
  public var staticPicojoules: Double

  public init(
    macPicojoules: Double = 0, sramPicojoules: Double = 0, dramPicojoules: Double = 0,
    vectorPicojoules: Double = 0, staticPicojoules: Double = 0
  ) {
    self.macPicojoules = macPicojoules
    self.sramPicojoules = sramPicojoules
    self.dramPicojoules = dramPicojoules
    self.vectorPicojoules = vectorPicojoules
    self.staticPicojoules = staticPicojoules
  }

  /// No energy.
  public static let zero = EnergyBreakdown()

  /// The sum of the five parts, picojoules.
  public var totalPicojoules: Double {
    macPicojoules + sramPicojoules + dramPicojoules + vectorPicojoules + staticPicojoules
  }

  /// The parts in report order with their column names: `energy_mac_pj`, `energy_sram_pj`,
  /// `energy_dram_pj`, `energy_vector_pj`, `energy_static_pj`.
  public var parts: [(column: String, picojoules: Double)] {
    [
      ("energy_mac_pj", macPicojoules), ("energy_sram_pj", sramPicojoules),
      ("energy_dram_pj", dramPicojoules), ("energy_vector_pj", vectorPicojoules),
      ("energy_static_pj", staticPicojoules),
    ]
  }

  /// Part by part sum.
  public static func + (lhs: EnergyBreakdown, rhs: EnergyBreakdown) -> EnergyBreakdown {
    EnergyBreakdown(
      macPicojoules: lhs.macPicojoules + rhs.macPicojoules,
      sramPicojoules: lhs.sramPicojoules + rhs.sramPicojoules,
      dramPicojoules: lhs.dramPicojoules + rhs.dramPicojoules,
      vectorPicojoules: lhs.vectorPicojoules + rhs.vectorPicojoules,
      staticPicojoules: lhs.staticPicojoules + rhs.staticPicojoules)
  }

  public static func += (lhs: inout EnergyBreakdown, rhs: EnergyBreakdown) {
    lhs = lhs + rhs
  }
}
