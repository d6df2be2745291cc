/// A described accelerator: the systolic array, memory, the vector unit, energy and area;
/// lanes and the sparse core as later sections.
///
/// Chips are read from JSON (`HardwareConfigs/*.json`, format ``formatVersion``) with
/// ``init(jsonText:file:defaultName:)``; keys are snake_case, one struct per JSON object:
///
/// ```json
/// {
///   "array": { "clock_mhz": 1000, "cols": 32, "dataflow": "os", "rows": 32 },
///   "name": "mid-32x32",
///   "version": 1
/// }
/// ```
///
/// A missing key takes its value from ``Chip/default`` (`Chip+Default.swift`); an unknown key,
/// a value of the wrong type or out of range is an error naming its dotted path
/// (`array.rows: 0 is not in 1...65536`).
///
/// How the layers fit, and how to add a section (`lanes`, `sparse_core`, `memory`, ...):
/// - Text is parsed into a ``JSONValue`` tree (line/column errors, duplicate keys rejected).
/// - ``JSONValueDecoder`` decodes the structs from the tree and records every key each
///   `init(from:)` asks for (`decode`, `decodeIfPresent`, `contains`); keys nobody asked for are
///   reported as unknown, with the asked-for keys as did-you-mean candidates. So a section
///   with alternatives (say `memory.unified` *or* `memory.input/weight/output`) only has to
///   ask for all of its keys; a rule such as "not both" belongs in validation.
/// - A section is one struct with snake_case `CodingKeys` and an `init(from:)` that reads
///   each key with `decodeIfPresent(...) ?? Section.default.key`; its default value goes in
///   `Chip+Default.swift`, its range checks in `Chip+Validation.swift` (collect, don't throw).
///   New sections must be optional or defaulted so that every version-1 file stays valid.
/// - ``json`` and ``setting(_:at:file:)`` read and replace values by dotted path (`array.rows`,
///   `memory.weight.bytes`) and re-validate, which is what sweeps need.
public struct Chip: Hashable, Sendable, Codable {
  /// The config format this build reads and writes.
  public static let formatVersion = 1

  /// The config format version; must be ``formatVersion``.
  public var version: Int
  /// A short identifier used in reports (the `chip` column): no commas, quotes or control
  /// characters.
  public var name: String
  /// The systolic array (JSON `array`).
  public var array: SystolicArray
  /// The PE's precision table (JSON `lanes`).
  public var lanes: IntegerLanes
  /// Structured-sparsity support (JSON `sparse_core`).
  public var sparseCore: SparseCore
  /// SRAM buffers and DRAM (JSON `memory`).
  public var memory: MemorySystem
  /// The vector unit (JSON `vector_unit`).
  public var vectorUnit: VectorUnit
  /// Energy per action and leakage (JSON `energy`); its `technology_nm` also picks the
  /// defaults of ``area``.
  public var energy: EnergyTable
  /// Silicon area per part (JSON `area`).
  public var area: AreaTable

  public init(
    version: Int = Chip.formatVersion, name: String, array: SystolicArray,
    lanes: IntegerLanes = .default, sparseCore: SparseCore = .default,
    memory: MemorySystem = .default, vectorUnit: VectorUnit = .default,
    energy: EnergyTable = .default, area: AreaTable = .default
  ) {
    self.version = version
    self.name = name
    self.array = array
    self.lanes = lanes
    self.sparseCore = sparseCore
    self.memory = memory
    self.vectorUnit = vectorUnit
    self.energy = energy
    self.area = area
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case version
    case name
    case array
    case lanes
    case sparseCore = "sparse_core"
    case memory
    case vectorUnit = "vector_unit"
    case energy
    case area
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = Chip.default
    version = try container.decodeIfPresent(Int.self, forKey: .version) ?? defaults.version
    name = try container.decodeIfPresent(String.self, forKey: .name) ?? defaults.name
    array = try container.decodeIfPresent(SystolicArray.self, forKey: .array) ?? defaults.array
    lanes = try container.decodeIfPresent(IntegerLanes.self, forKey: .lanes) ?? defaults.lanes
    sparseCore =
      try container.decodeIfPresent(SparseCore.self, forKey: .sparseCore) ?? defaults.sparseCore
    memory = try container.decodeIfPresent(MemorySystem.self, forKey: .memory) ?? defaults.memory
    vectorUnit =
      try container.decodeIfPresent(VectorUnit.self, forKey: .vectorUnit) ?? defaults.vectorUnit
    energy = try container.decodeIfPresent(EnergyTable.self, forKey: .energy) ?? defaults.energy
    // The area defaults follow the energy section's node.
    let areaDefaults = AreaTable.defaults(forNanometres: energy.technologyNM)
    area =
      try container.contains(.area)
      ? AreaTable(from: try container.superDecoder(forKey: .area), defaults: areaDefaults)
      : areaDefaults
  }
}
