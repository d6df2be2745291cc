/// One on-chip SRAM buffer: its capacity and how fast the array or the DRAM side can read and
/// write it.
///
/// JSON: `{"bytes": 131072, "read_bytes_per_cycle": 64, "write_bytes_per_cycle": 64}`.
/// Bandwidths are per clock cycle of the chip; they bound how fast a fold can stream its
/// operands out of (and its results into) the buffer, so a narrow buffer stretches compute.
public struct SRAMBuffer: Hashable, Sendable, Codable {
  /// Capacity in bytes. With double buffering half of it holds the data in use and the other
  /// half the data being filled or drained.
  public var bytes: Int
  /// Bytes the buffer delivers per cycle (array side).
  public var readBytesPerCycle: Double
  /// Bytes the buffer accepts per cycle (array side).
  public var writeBytesPerCycle: Double

  public init(bytes: Int, readBytesPerCycle: Double, writeBytesPerCycle: Double) {
    self.bytes = bytes
    self.readBytesPerCycle = readBytesPerCycle
    self.writeBytesPerCycle = writeBytesPerCycle
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case bytes
    case readBytesPerCycle = "read_bytes_per_cycle"
    case writeBytesPerCycle = "write_bytes_per_cycle"
  }

  /// Decodes a buffer, taking missing keys from `defaults`.
  init(from decoder: any Decoder, defaults: SRAMBuffer) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    bytes = try container.decodeIfPresent(Int.self, forKey: .bytes) ?? defaults.bytes
    readBytesPerCycle =
      try container.decodeIfPresent(Double.self, forKey: .readBytesPerCycle)
      ?? defaults.readBytesPerCycle
    writeBytesPerCycle =
      try container.decodeIfPresent(Double.self, forKey: .writeBytesPerCycle)
      ?? defaults.writeBytesPerCycle
  }

  public init(from decoder: any Decoder) throws {
    try self.init(from: decoder, defaults: SRAMBuffer.defaultInput)
  }
}
