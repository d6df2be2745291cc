/// The vector unit: the SIMD engine beside the systolic array that runs softmax, LayerNorm,
/// BatchNorm, GELU, element-wise ops, reductions and data movement.
///
/// JSON (`vector_unit`):
/// ```json
/// {"lanes": 32, "overlap_with_array": true, "data_movement": "copy",
///  "cycles_per_element": {"softmax": 3, "layernorm": 3, ...},
///  "nonlinear_method": {"softmax": "exact", "gelu": "lut", "layernorm": "exact"},
///  "method_cycles": {"exact": 4, "lut": 1, "polynomial": 2, "log2": 1}}
/// ```
///
/// An op of `e` elements takes `⌈e · (cycles_per_element[kind] + extra) / lanes⌉` cycles,
/// where `extra` is the method's cost of the op's nonlinearity: per element for softmax (exp)
/// and GELU (erf), per row for LayerNorm (reciprocal square root), spread over its row.
public struct VectorUnit: Hashable, Sendable, Codable {
  /// The vector and data-movement kinds the unit runs (the trace kinds that are not GEMMs).
  public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
    case softmax, layernorm, batchnorm, gelu, add, mul, mean, topk, gather, roll, permute, concat
  }

  /// The kinds with a nonlinearity whose implementation is a chip choice.
  public enum Nonlinearity: String, CaseIterable, Hashable, Sendable, Codable {
    /// exp of every element.
    case softmax
    /// erf of every element.
    case gelu
    /// 1/√variance once per row.
    case layernorm
  }

  /// How a nonlinearity is computed.
  public enum Method: String, CaseIterable, Hashable, Sendable, Codable {
    /// Full-precision evaluation (iterative / multi-cycle).
    case exact
    /// A look-up table with interpolation.
    case lut
    /// A low-order polynomial (e.g. I-BERT's integer polynomials).
    case polynomial
    /// Power-of-two approximation (shifts), e.g. log2-quantized softmax.
    case log2
  }

  /// What `roll`, `permute` and `concat` cost.
  public enum DataMovement: String, CaseIterable, Hashable, Sendable, Codable {
    /// A real copy through the vector unit: cycles, SRAM and DRAM traffic.
    case copy
    /// Free address remapping: the consumer reads the data in the new order; no cycles, no
    /// traffic. (`gather` always copies: it duplicates data.)
    case remap
  }

  /// Elements processed per cycle at one cycle per element.
  public var lanes: Int
  /// Whether the unit works on an array op's output while the array goes on.
  public var overlapWithArray: Bool
  public var dataMovement: DataMovement
  /// Base cycles per element and lane, for every kind.
  public var cyclesPerElement: [Kind: Double]
  /// The method of each nonlinearity.
  public var nonlinearMethod: [Nonlinearity: Method]
  /// Extra cycles per evaluation of a nonlinearity, per method.
  public var methodCycles: [Method: Double]

  public init(
    lanes: Int, overlapWithArray: Bool, dataMovement: DataMovement,
    cyclesPerElement: [Kind: Double], nonlinearMethod: [Nonlinearity: Method],
    methodCycles: [Method: Double]
  ) {
    self.lanes = lanes
    self.overlapWithArray = overlapWithArray
    self.dataMovement = dataMovement
    self.cyclesPerElement = cyclesPerElement
    self.nonlinearMethod = nonlinearMethod
    self.methodCycles = methodCycles
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case lanes
    case overlapWithArray = "overlap_with_array"
    case dataMovement = "data_movement"
    case cyclesPerElement = "cycles_per_element"
    case nonlinearMethod = "nonlinear_method"
    case methodCycles = "method_cycles"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = VectorUnit.default
    lanes = try container.decodeIfPresent(Int.self, forKey: .lanes) ?? defaults.lanes
    overlapWithArray =
      try container.decodeIfPresent(Bool.self, forKey: .overlapWithArray)
      ?? defaults.overlapWithArray
    dataMovement =
      try container.decodeIfPresent(DataMovement.self, forKey: .dataMovement)
      ?? defaults.dataMovement
    cyclesPerElement = try decodeEnumTable(container, .cyclesPerElement, defaults.cyclesPerElement)
    nonlinearMethod = try decodeEnumTable(container, .nonlinearMethod, defaults.nonlinearMethod)
    methodCycles = try decodeEnumTable(container, .methodCycles, defaults.methodCycles)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(lanes, forKey: .lanes)
    try container.encode(overlapWithArray, forKey: .overlapWithArray)
    try container.encode(dataMovement, forKey: .dataMovement)
    try encodeEnumTable(cyclesPerElement, into: &container, .cyclesPerElement)
    try encodeEnumTable(nonlinearMethod, into: &container, .nonlinearMethod)
    try encodeEnumTable(methodCycles, into: &container, .methodCycles)
  }

  /// The cycles of one op of `kind` on `elements` elements in `rows` rows (rows matter only for
  /// LayerNorm's per-row nonlinearity): `⌈(elements·base + evaluations·method) / lanes⌉`.
  ///
  /// - Returns: nil when the count does not fit `Int`.
  public func cycles(kind: Kind, elements: Int, rows: Int) -> Int? {
    let base = cyclesPerElement[kind] ?? 0
    var work = Double(elements) * base
    let nonlinearity: Nonlinearity? =
      switch kind {
      case .softmax: .softmax
      case .gelu: .gelu
      case .layernorm: .layernorm
      default: nil
      }
    if let nonlinearity, let method = nonlinearMethod[nonlinearity] {
      let evaluations = nonlinearity == .layernorm ? rows : elements
      work += Double(evaluations) * (methodCycles[method] ?? 0)
    }
    let cycles = (work / Double(lanes)).rounded(.up)
    guard cycles.isFinite, cycles < 9.0e18 else { return nil }
    return Int(cycles)
  }
}

/// A coding key made from any string (for objects keyed by enum raw values).
struct TableKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}
