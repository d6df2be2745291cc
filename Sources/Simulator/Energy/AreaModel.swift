import Hardware

/// The chip's silicon area by part, in mm², from its ``AreaTable``.
///
/// - array: `rows · cols · (mac_um2[pe_precision] + (W + A + accumulator_bits) ·
///   register_um2_per_bit) / 10⁶`;
/// - SRAM: total buffer bytes / 2²⁰ · `sram_mm2_per_mib`;
/// - vector unit: `lanes · vector_lane_um2 / 10⁶`.
///
/// Wires, control, the on-chip network and the DRAM interface are not counted.
public struct AreaBreakdown: Hashable, Sendable {
  public var arraySquareMillimetres: Double
  public var sramSquareMillimetres: Double
  public var vectorUnitSquareMillimetres: Double

  public init(chip: Chip) {
    let area = chip.area
    let pes = Double(chip.array.rows) * Double(chip.array.cols)
    arraySquareMillimetres =
      pes * area.peSquareMicrometres(accumulatorBits: chip.memory.accumulatorBits) / 1e6
    sramSquareMillimetres =
      Double(chip.memory.sramBytes ?? 0) / 1_048_576 * area.sramSquareMillimetresPerMiB
    vectorUnitSquareMillimetres =
      Double(chip.vectorUnit.lanes) * area.vectorLaneSquareMicrometres / 1e6
  }

  /// The sum of the parts, mm².
  public var totalSquareMillimetres: Double {
    arraySquareMillimetres + sramSquareMillimetres + vectorUnitSquareMillimetres
  }
}
