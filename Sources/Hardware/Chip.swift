/// A described accelerator: the systolic array now; lanes, the sparse core, memory, the vector
/// unit, energy and area as later sections.
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
/// (`array.rows: 0 is not in 1...65536`). Sections added later must be optional or defaulted
/// so that every version-1 file stays valid.
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

  public init(version: Int = Chip.formatVersion, name: String, array: SystolicArray) {
    self.version = version
    self.name = name
    self.array = array
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case version
    case name
    case array
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = Chip.default
    version = try container.decodeIfPresent(Int.self, forKey: .version) ?? defaults.version
    name = try container.decodeIfPresent(String.self, forKey: .name) ?? defaults.name
    array = try container.decodeIfPresent(SystolicArray.self, forKey: .array) ?? defaults.array
  }
}
