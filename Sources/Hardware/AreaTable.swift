/// Silicon area of the chip's parts (JSON section `area`), from the same sources as the
/// energy table and scaled to the node of `energy.technology_nm`.
///
/// ```json
/// {"pe_precision": "8x8",
///  "mac_um2": {"16x16": 354.4, "8x8": 128.2, "4x8": 90.52, "8x4": 90.52, "4x4": 71.67,
///              "2x2": 57.53},
///  "register_um2_per_bit": 1.136, "sram_mm2_per_mib": 0.9513, "vector_lane_um2": 645.2}
/// ```
///
/// The area model (`Simulator`'s `AreaModel`) adds:
/// - **array**: rows · cols PEs, each a `pe_precision` MAC unit (`mac_um2`, with the same
///   nearest-pair rule as `energy.mac_pj`) plus `W + A + memory.accumulator_bits` register
///   bits (the operand registers and the accumulator);
/// - **SRAM**: total buffer capacity in MiB × `sram_mm2_per_mib`;
/// - **vector unit**: `vector_unit.lanes` × `vector_lane_um2`.
///
/// Wires, control, the network and the DRAM interface are not counted.
public struct AreaTable: Hashable, Sendable, Codable {
  /// The precision the PE's multiplier is built for (JSON `pe_precision`, `"WxA"`).
  public var pePrecision: PrecisionPair
  /// µm² of a MAC unit (multiplier and accumulator adder) by precision (JSON `mac_um2`).
  public var macSquareMicrometres: [PrecisionPair: Double]
  /// µm² per register bit (JSON `register_um2_per_bit`).
  public var registerSquareMicrometresPerBit: Double
  /// mm² per MiB of SRAM, periphery included (JSON `sram_mm2_per_mib`).
  public var sramSquareMillimetresPerMiB: Double
  /// µm² per vector-unit lane (JSON `vector_lane_um2`).
  public var vectorLaneSquareMicrometres: Double

  public init(
    pePrecision: PrecisionPair, macSquareMicrometres: [PrecisionPair: Double],
    registerSquareMicrometresPerBit: Double, sramSquareMillimetresPerMiB: Double,
    vectorLaneSquareMicrometres: Double
  ) {
    self.pePrecision = pePrecision
    self.macSquareMicrometres = macSquareMicrometres
    self.registerSquareMicrometresPerBit = registerSquareMicrometresPerBit
    self.sramSquareMillimetresPerMiB = sramSquareMillimetresPerMiB
    self.vectorLaneSquareMicrometres = vectorLaneSquareMicrometres
  }

  /// µm² of one PE whose partial sums are `accumulatorBits` wide:
  /// `mac_um2[pe_precision] + (W + A + accumulatorBits) · register_um2_per_bit`.
  public func peSquareMicrometres(accumulatorBits: Int) -> Double {
    let mac = PrecisionPair.lookUp(
      macSquareMicrometres, weightBits: pePrecision.weightBits, actBits: pePrecision.actBits)
    let bits = pePrecision.weightBits + pePrecision.actBits + accumulatorBits
    return mac + Double(bits) * registerSquareMicrometresPerBit
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case pePrecision = "pe_precision"
    case macSquareMicrometres = "mac_um2"
    case registerSquareMicrometresPerBit = "register_um2_per_bit"
    case sramSquareMillimetresPerMiB = "sram_mm2_per_mib"
    case vectorLaneSquareMicrometres = "vector_lane_um2"
  }

  /// Decodes the section, taking missing keys from `defaults` (the node's, chosen by the chip's
  /// `energy.technology_nm`).
  public init(from decoder: any Decoder, defaults: AreaTable) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let text = try container.decodeIfPresent(String.self, forKey: .pePrecision) {
      guard let pair = PrecisionPair(text) else {
        throw JSONDecodingProblem(
          path: (container.codingPath + [CodingKeys.pePrecision]).dottedPath,
          message:
            "\"\(text)\" is not a precision pair; expected \"<weight bits>x<activation bits>\" with widths in \(PrecisionPair.bitsRange.lowerBound)...\(PrecisionPair.bitsRange.upperBound), e.g. \"8x8\""
        )
      }
      pePrecision = pair
    } else {
      pePrecision = defaults.pePrecision
    }
    macSquareMicrometres = try PrecisionPair.decodeTable(
      container, .macSquareMicrometres, defaults.macSquareMicrometres)
    registerSquareMicrometresPerBit =
      try container.decodeIfPresent(Double.self, forKey: .registerSquareMicrometresPerBit)
      ?? defaults.registerSquareMicrometresPerBit
    sramSquareMillimetresPerMiB =
      try container.decodeIfPresent(Double.self, forKey: .sramSquareMillimetresPerMiB)
      ?? defaults.sramSquareMillimetresPerMiB
    vectorLaneSquareMicrometres =
      try container.decodeIfPresent(Double.self, forKey: .vectorLaneSquareMicrometres)
      ?? defaults.vectorLaneSquareMicrometres
  }

  public init(from decoder: any Decoder) throws {
    try self.init(from: decoder, defaults: .default)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(pePrecision.description, forKey: .pePrecision)
    try PrecisionPair.encodeTable(macSquareMicrometres, into: &container, .macSquareMicrometres)
    try container.encode(registerSquareMicrometresPerBit, forKey: .registerSquareMicrometresPerBit)
    try container.encode(sramSquareMillimetresPerMiB, forKey: .sramSquareMillimetresPerMiB)
    try container.encode(vectorLaneSquareMicrometres, forKey: .vectorLaneSquareMicrometres)
  }
}
