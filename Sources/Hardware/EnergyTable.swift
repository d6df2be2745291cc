/// Energy per action and leakage power of the chip's parts (JSON section `energy`): the
/// energy-reference table the simulator multiplies its counters by (Timeloop's ERT). No energy
/// constant lives in the engine.
///
/// ```json
/// {"technology_nm": 16,
///  "mac_pj": {"16x16": 0.1278, "8x8": 0.0426, "4x8": 0.0284, "8x4": 0.0284, "4x4": 0.0213,
///             "2x2": 0.01598},
///  "register_pj_per_bit": 0.001278,
///  "sram_read_pj_per_bit": 0.1825, "sram_write_pj_per_bit": 0.1825,
///  "sram_reference_bytes": 32768, "sram_size_exponent": 0.47, "sram_bank_bytes": 1048576,
///  "dram_pj_per_bit": 8,
///  "vector_pj_per_element": {"softmax": 0.3266, ...}, "method_pj": {"exact": 1.221, ...},
///  "metadata_decode_pj": 0.0002616, "mux_pj": 0.01022,
///  "leakage_mw": {"pe": 0.001051, "sram_per_mib": 0.8399, "vector_lane": 0.003181}}
/// ```
///
/// `technology_nm` (45, 16, 7 or 5) selects the defaults of every other key
/// (`EnergyTable+Defaults.swift`); a chip may override any entry, and a table (`mac_pj`,
/// `vector_pj_per_element`, `method_pj`, `leakage_mw`) entry by entry. Energies are in
/// picojoules, leakage in milliwatts.
///
/// Rules the model applies with these numbers:
/// - **MAC** of a `W`-bit weight by an `A`-bit activation: `mac_pj["WxA"]`. A pair that is not
///   listed takes the listed pair nearest in partial products (`W·A`; ties to the larger pair,
///   then the wider weight) scaled by `W·A / (W₀·A₀)`: a multiplier's energy grows with the
///   product of its operand widths (Aladdin's multiplier model, quadratic in width), see
///   ``macPicojoules(weightBits:actBits:)``.
/// - **SRAM** per bit of an access to an array of `s` bytes:
///   `sram_*_pj_per_bit · (min(s, sram_bank_bytes) / sram_reference_bytes) ^ sram_size_exponent`
///   (``sramPicojoulesPerBit(_:arrayBytes:)``): the power law fitted through Horowitz's 8 KB,
///   32 KB and 1 MB points, applied per buffer with its own size; larger buffers are banks.
/// - **DRAM** per bit transferred, reads and writes alike; never node-scaled.
/// - **Vector unit** per element of each kind, plus `method_pj` per evaluation of a
///   nonlinearity (per element for softmax's exp and GELU's erf, per row for LayerNorm's
///   1/√variance), mirroring ``VectorUnit/cycles(kind:elements:rows:)``.
/// - **Sparse core**: `metadata_decode_pj` per metadata index decoded, `mux_pj` per sparse MAC
///   (the operand selection).
/// - **Leakage** in mW per PE, per MiB of SRAM and per vector lane, times the op's latency.
public struct EnergyTable: Hashable, Sendable, Codable {
  /// The node whose defaults fill missing keys (JSON `technology_nm`): 45, 16, 7 or 5.
  public var technologyNM: Int
  /// pJ per MAC (multiply and accumulate) by operand precision (JSON `mac_pj`, keys `"WxA"`).
  public var macPicojoules: [PrecisionPair: Double]
  /// pJ per bit read or written in a PE register (JSON `register_pj_per_bit`).
  public var registerPicojoulesPerBit: Double
  /// pJ per bit read from an SRAM of ``sramReferenceBytes`` (JSON `sram_read_pj_per_bit`).
  public var sramReadPicojoulesPerBit: Double
  /// pJ per bit written to an SRAM of ``sramReferenceBytes`` (JSON `sram_write_pj_per_bit`).
  public var sramWritePicojoulesPerBit: Double
  /// The SRAM size the two per-bit SRAM energies are given at, bytes
  /// (JSON `sram_reference_bytes`).
  public var sramReferenceBytes: Int
  /// The exponent of the SRAM size rule (JSON `sram_size_exponent`; ≈ 0.5, a square root).
  public var sramSizeExponent: Double
  /// The largest SRAM array one access touches, bytes (JSON `sram_bank_bytes`): a larger
  /// buffer is built of banks of this size.
  public var sramBankBytes: Int
  /// pJ per bit moved between DRAM and the chip (JSON `dram_pj_per_bit`).
  public var dramPicojoulesPerBit: Double
  /// pJ per element of each vector kind, the nonlinearity excluded
  /// (JSON `vector_pj_per_element`).
  public var vectorPicojoulesPerElement: [VectorUnit.Kind: Double]
  /// pJ per evaluation of a nonlinearity by each method (JSON `method_pj`).
  public var methodPicojoules: [VectorUnit.Method: Double]
  /// pJ per metadata index decoded by the sparse core (JSON `metadata_decode_pj`).
  public var metadataDecodePicojoules: Double
  /// pJ per sparse MAC for selecting its activation (JSON `mux_pj`).
  public var muxPicojoules: Double
  /// Leakage power per component (JSON `leakage_mw`).
  public var leakage: Leakage

  /// Leakage power, milliwatts, per unit of each component (JSON `leakage_mw`).
  public struct Leakage: Hashable, Sendable, Codable {
    /// mW per processing element (JSON `pe`).
    public var milliwattsPerPE: Double
    /// mW per MiB of SRAM (JSON `sram_per_mib`).
    public var milliwattsPerSRAMMiB: Double
    /// mW per vector-unit lane (JSON `vector_lane`).
    public var milliwattsPerVectorLane: Double

    public init(
      milliwattsPerPE: Double, milliwattsPerSRAMMiB: Double, milliwattsPerVectorLane: Double
    ) {
      self.milliwattsPerPE = milliwattsPerPE
      self.milliwattsPerSRAMMiB = milliwattsPerSRAMMiB
      self.milliwattsPerVectorLane = milliwattsPerVectorLane
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case milliwattsPerPE = "pe"
      case milliwattsPerSRAMMiB = "sram_per_mib"
      case milliwattsPerVectorLane = "vector_lane"
    }

    init(from decoder: any Decoder, defaults: Leakage) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      milliwattsPerPE =
        try container.decodeIfPresent(Double.self, forKey: .milliwattsPerPE)
        ?? defaults.milliwattsPerPE
      milliwattsPerSRAMMiB =
        try container.decodeIfPresent(Double.self, forKey: .milliwattsPerSRAMMiB)
        ?? defaults.milliwattsPerSRAMMiB
      milliwattsPerVectorLane =
        try container.decodeIfPresent(Double.self, forKey: .milliwattsPerVectorLane)
        ?? defaults.milliwattsPerVectorLane
    }

    public init(from decoder: any Decoder) throws {
      try self.init(from: decoder, defaults: EnergyTable.default.leakage)
    }
  }

  /// An SRAM access direction.
  public enum SRAMAccess: Hashable, Sendable {
    case read, write
  }

  public init(
    technologyNM: Int, macPicojoules: [PrecisionPair: Double], registerPicojoulesPerBit: Double,
    sramReadPicojoulesPerBit: Double, sramWritePicojoulesPerBit: Double, sramReferenceBytes: Int,
    sramSizeExponent: Double, sramBankBytes: Int, dramPicojoulesPerBit: Double,
    vectorPicojoulesPerElement: [VectorUnit.Kind: Double],
    methodPicojoules: [VectorUnit.Method: Double], metadataDecodePicojoules: Double,
    muxPicojoules: Double, leakage: Leakage
  ) {
    self.technologyNM = technologyNM
    self.macPicojoules = macPicojoules
    self.registerPicojoulesPerBit = registerPicojoulesPerBit
    self.sramReadPicojoulesPerBit = sramReadPicojoulesPerBit
    self.sramWritePicojoulesPerBit = sramWritePicojoulesPerBit
    self.sramReferenceBytes = sramReferenceBytes
    self.sramSizeExponent = sramSizeExponent
    self.sramBankBytes = sramBankBytes
    self.dramPicojoulesPerBit = dramPicojoulesPerBit
    self.vectorPicojoulesPerElement = vectorPicojoulesPerElement
    self.methodPicojoules = methodPicojoules
    self.metadataDecodePicojoules = metadataDecodePicojoules
    self.muxPicojoules = muxPicojoules
    self.leakage = leakage
  }

  /// The node of ``technologyNM``, or nil when it is not one of 45, 16, 7, 5.
  public var node: TechnologyNode? { TechnologyNode(rawValue: technologyNM) }

  // MARK: Lookups

  /// The energy of one MAC of a `weightBits` × `actBits` product, picojoules.
  ///
  /// A listed pair gives its own entry. Otherwise the listed pair `W₀xA₀` nearest in
  /// partial products — smallest `|log(W·A) − log(W₀·A₀)|`, ties to the larger product, then
  /// to the wider weight — scaled by `(W·A) / (W₀·A₀)` (Aladdin's multiplier energy is
  /// quadratic in width, i.e. proportional to `W·A`; the accumulator's share is scaled with
  /// it, a simplification). 0 for an empty table. O(entries).
  public func macPicojoules(weightBits: Int, actBits: Int) -> Double {
    PrecisionPair.lookUp(macPicojoules, weightBits: weightBits, actBits: actBits)
  }

  /// The energy per bit of one access to an SRAM array of `arrayBytes` bytes, picojoules:
  /// `base · (min(arrayBytes, sramBankBytes) / sramReferenceBytes) ^ sramSizeExponent`, where
  /// `base` is ``sramReadPicojoulesPerBit`` or ``sramWritePicojoulesPerBit``.
  public func sramPicojoulesPerBit(_ access: SRAMAccess, arrayBytes: Int) -> Double {
    let base = access == .read ? sramReadPicojoulesPerBit : sramWritePicojoulesPerBit
    let size = Double(max(min(arrayBytes, sramBankBytes), 1))
    return base * Self.power(size / Double(sramReferenceBytes), sramSizeExponent)
  }

  /// `x^y` for x > 0, as `e^(y·ln x)`.
  ///
  /// The library modules import no Foundation (and so no `pow`); `ln` and `exp` are computed by
  /// argument reduction and short series, to about 1e-15 relative — far below the precision of
  /// any energy figure. Called once per buffer, not per op.
  static func power(_ x: Double, _ y: Double) -> Double {
    precondition(x > 0, "SRAM size ratio must be positive")
    if y == 0 || x == 1 { return 1 }
    return exponential(y * logarithm(x))
  }

  /// Natural logarithm of x > 0.
  static func logarithm(_ x: Double) -> Double {
    let ln2 = 0.693_147_180_559_945_3
    var exponent = Double(x.exponent)
    var mantissa = x.significand  // in [1, 2)
    if mantissa > 1.414_213_562_373_095 {
      mantissa /= 2
      exponent += 1
    }
    // ln m = 2 atanh((m−1)/(m+1)), |z| ≤ 0.172.
    let z = (mantissa - 1) / (mantissa + 1)
    let z2 = z * z
    var term = z
    var sum = 0.0
    var k = 1.0
    while abs(term) > 1e-18 {
      sum += term / k
      term *= z2
      k += 2
    }
    return 2 * sum + exponent * ln2
  }

  /// e^x for finite x.
  static func exponential(_ x: Double) -> Double {
    let ln2 = 0.693_147_180_559_945_3
    let n = (x / ln2).rounded()
    let r = x - n * ln2  // |r| ≤ ln2/2
    var term = 1.0
    var sum = 1.0
    var k = 1.0
    while abs(term) > 1e-18 {
      term *= r / k
      sum += term
      k += 1
    }
    return Double(sign: .plus, exponent: Int(n), significand: sum)
  }

  // MARK: Coding

  enum CodingKeys: String, CodingKey, CaseIterable {
    case technologyNM = "technology_nm"
    case macPicojoules = "mac_pj"
    case registerPicojoulesPerBit = "register_pj_per_bit"
    case sramReadPicojoulesPerBit = "sram_read_pj_per_bit"
    case sramWritePicojoulesPerBit = "sram_write_pj_per_bit"
    case sramReferenceBytes = "sram_reference_bytes"
    case sramSizeExponent = "sram_size_exponent"
    case sramBankBytes = "sram_bank_bytes"
    case dramPicojoulesPerBit = "dram_pj_per_bit"
    case vectorPicojoulesPerElement = "vector_pj_per_element"
    case methodPicojoules = "method_pj"
    case metadataDecodePicojoules = "metadata_decode_pj"
    case muxPicojoules = "mux_pj"
    case leakage = "leakage_mw"
  }

  /// Decodes the section; missing keys come from the defaults of its `technology_nm` (the
  /// default chip's node when that key is missing too, and when it names no known node, which
  /// validation then reports).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    technologyNM =
      try container.decodeIfPresent(Int.self, forKey: .technologyNM)
      ?? EnergyTable.default.technologyNM
    let defaults = EnergyTable.defaults(forNanometres: technologyNM)
    func value(_ key: CodingKeys, _ fallback: Double) throws -> Double {
      try container.decodeIfPresent(Double.self, forKey: key) ?? fallback
    }
    macPicojoules = try PrecisionPair.decodeTable(
      container, .macPicojoules, defaults.macPicojoules)
    registerPicojoulesPerBit = try value(
      .registerPicojoulesPerBit, defaults.registerPicojoulesPerBit)
    sramReadPicojoulesPerBit = try value(
      .sramReadPicojoulesPerBit, defaults.sramReadPicojoulesPerBit)
    sramWritePicojoulesPerBit = try value(
      .sramWritePicojoulesPerBit, defaults.sramWritePicojoulesPerBit)
    sramReferenceBytes =
      try container.decodeIfPresent(Int.self, forKey: .sramReferenceBytes)
      ?? defaults.sramReferenceBytes
    sramSizeExponent = try value(.sramSizeExponent, defaults.sramSizeExponent)
    sramBankBytes =
      try container.decodeIfPresent(Int.self, forKey: .sramBankBytes) ?? defaults.sramBankBytes
    dramPicojoulesPerBit = try value(.dramPicojoulesPerBit, defaults.dramPicojoulesPerBit)
    vectorPicojoulesPerElement = try decodeEnumTable(
      container, .vectorPicojoulesPerElement, defaults.vectorPicojoulesPerElement)
    methodPicojoules = try decodeEnumTable(container, .methodPicojoules, defaults.methodPicojoules)
    metadataDecodePicojoules = try value(
      .metadataDecodePicojoules, defaults.metadataDecodePicojoules)
    muxPicojoules = try value(.muxPicojoules, defaults.muxPicojoules)
    if container.contains(.leakage) {
      leakage = try Leakage(
        from: try container.superDecoder(forKey: .leakage), defaults: defaults.leakage)
    } else {
      leakage = defaults.leakage
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(technologyNM, forKey: .technologyNM)
    try PrecisionPair.encodeTable(macPicojoules, into: &container, .macPicojoules)
    try container.encode(registerPicojoulesPerBit, forKey: .registerPicojoulesPerBit)
    try container.encode(sramReadPicojoulesPerBit, forKey: .sramReadPicojoulesPerBit)
    try container.encode(sramWritePicojoulesPerBit, forKey: .sramWritePicojoulesPerBit)
    try container.encode(sramReferenceBytes, forKey: .sramReferenceBytes)
    try container.encode(sramSizeExponent, forKey: .sramSizeExponent)
    try container.encode(sramBankBytes, forKey: .sramBankBytes)
    try container.encode(dramPicojoulesPerBit, forKey: .dramPicojoulesPerBit)
    try encodeEnumTable(vectorPicojoulesPerElement, into: &container, .vectorPicojoulesPerElement)
    try encodeEnumTable(methodPicojoules, into: &container, .methodPicojoules)
    try container.encode(metadataDecodePicojoules, forKey: .metadataDecodePicojoules)
    try container.encode(muxPicojoules, forKey: .muxPicojoules)
    try container.encode(leakage, forKey: .leakage)
  }
}

/// The operand widths of a MAC: weight (a matmul's right operand) bits × activation bits,
/// written `"WxA"` in JSON (`"8x8"`, `"4x8"` = 4-bit weights, 8-bit activations).
public struct PrecisionPair: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The accepted range of either width.
  public static let bitsRange = 1...64

  public var weightBits: Int
  public var actBits: Int

  public init(weightBits: Int, actBits: Int) {
    self.weightBits = weightBits
    self.actBits = actBits
  }

  /// Parses `"WxA"` with both widths in ``bitsRange``; nil otherwise.
  public init?(_ text: String) {
    let parts = text.split(separator: "x", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
      let w = Int(parts[0]), let a = Int(parts[1]),
      Self.bitsRange.contains(w), Self.bitsRange.contains(a)
    else { return nil }
    self.init(weightBits: w, actBits: a)
  }

  /// `"WxA"`.
  public var description: String { "\(weightBits)x\(actBits)" }

  /// Partial products of the multiplier, `W·A`.
  public var partialProducts: Int { weightBits * actBits }

  public static func < (lhs: PrecisionPair, rhs: PrecisionPair) -> Bool {
    (lhs.weightBits, lhs.actBits) < (rhs.weightBits, rhs.actBits)
  }

  /// A per-MAC quantity of `table` for a pair, with the nearest-pair rule of
  /// ``EnergyTable/macPicojoules(weightBits:actBits:)``. 0 for an empty table.
  public static func lookUp(_ table: [PrecisionPair: Double], weightBits: Int, actBits: Int)
    -> Double
  {
    let wanted = PrecisionPair(weightBits: weightBits, actBits: actBits)
    if let exact = table[wanted] { return exact }
    guard weightBits > 0, actBits > 0 else { return 0 }
    let products = Double(wanted.partialProducts)
    var best: (distance: Double, pair: PrecisionPair, value: Double)?
    for (pair, value) in table {
      // |log(W·A) − log(W₀·A₀)| compared through the ratio ≥ 1.
      let ratio = Double(pair.partialProducts) / products
      let distance = ratio >= 1 ? ratio : 1 / ratio
      if let current = best {
        let better =
          distance < current.distance
          || (distance == current.distance
            && (pair.partialProducts, pair.weightBits)
              > (current.pair.partialProducts, current.pair.weightBits))
        if !better { continue }
      }
      best = (distance, pair, value)
    }
    guard let best else { return 0 }
    return best.value * products / Double(best.pair.partialProducts)
  }

  /// A JSON object keyed by `"WxA"`, merged entry by entry onto `defaults`.
  static func decodeTable<Key: CodingKey, Value: Decodable>(
    _ container: KeyedDecodingContainer<Key>, _ key: Key, _ defaults: [PrecisionPair: Value]
  ) throws -> [PrecisionPair: Value] {
    guard container.contains(key) else { return defaults }
    let table = try container.nestedContainer(keyedBy: TableKey.self, forKey: key)
    var result = defaults
    for entry in table.allKeys {
      guard let pair = PrecisionPair(entry.stringValue) else {
        throw JSONDecodingProblem(
          path: (table.codingPath + [entry]).dottedPath,
          message:
            "is not a precision pair; expected \"<weight bits>x<activation bits>\" with widths in \(bitsRange.lowerBound)...\(bitsRange.upperBound), e.g. \"8x8\" or \"4x8\""
        )
      }
      result[pair] = try table.decode(Value.self, forKey: entry)
    }
    return result
  }

  static func encodeTable<Key: CodingKey, Value: Encodable>(
    _ table: [PrecisionPair: Value], into container: inout KeyedEncodingContainer<Key>,
    _ key: Key
  ) throws {
    var nested = container.nestedContainer(keyedBy: TableKey.self, forKey: key)
    for (pair, value) in table.sorted(by: { $0.key < $1.key }) {
      try nested.encode(value, forKey: TableKey(pair.description))
    }
  }
}

/// A JSON object keyed by an enum's raw values, merged entry by entry onto `defaults`.
func decodeEnumTable<
  Container: CodingKey, Key: RawRepresentable & CaseIterable & Hashable, Value: Decodable
>(
  _ container: KeyedDecodingContainer<Container>, _ key: Container, _ defaults: [Key: Value]
) throws -> [Key: Value] where Key.RawValue == String {
  guard container.contains(key) else { return defaults }
  let table = try container.nestedContainer(keyedBy: TableKey.self, forKey: key)
  var result = defaults
  for entry in Key.allCases {
    if let value = try table.decodeIfPresent(Value.self, forKey: TableKey(entry.rawValue)) {
      result[entry] = value
    }
  }
  return result
}

/// Writes a table keyed by an enum's raw values.
func encodeEnumTable<
  Container: CodingKey, Key: RawRepresentable & CaseIterable & Hashable, Value: Encodable
>(
  _ table: [Key: Value], into container: inout KeyedEncodingContainer<Container>, _ key: Container
) throws where Key.RawValue == String {
  var nested = container.nestedContainer(keyedBy: TableKey.self, forKey: key)
  for entry in Key.allCases {
    if let value = table[entry] { try nested.encode(value, forKey: TableKey(entry.rawValue)) }
  }
}
