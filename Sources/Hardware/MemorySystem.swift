/// The chip's memory: SRAM buffers (one per operand, or one unified buffer), double
/// buffering, the accumulator width of spilled partial sums, on-chip activation reuse, and DRAM.
///
/// JSON (`memory`), split form:
/// ```json
/// {"input": {...}, "weight": {...}, "output": {...}, "double_buffered": true,
///  "accumulator_bits": 32, "keep_activations_on_chip": true, "dram": {...}}
/// ```
/// or unified form, with `"unified": {...}` in place of `input`, `weight` and `output`.
public struct MemorySystem: Hashable, Sendable, Codable {
  /// How the SRAM is organised.
  public enum Buffers: Hashable, Sendable {
    /// One buffer per operand: activations in, weights (or a matmul's right operand), and
    /// outputs / partial sums.
    case split(input: SRAMBuffer, weight: SRAMBuffer, output: SRAMBuffer)
    /// One buffer shared by all operands.
    case unified(SRAMBuffer)
  }

  public var buffers: Buffers
  /// Whether each buffer is split in halves, one in use while the other fills or drains, so
  /// DRAM transfers overlap compute. Without it, transfers and compute alternate.
  public var doubleBuffered: Bool
  /// Bits per partial sum when partial sums leave the array before the reduction is complete.
  public var accumulatorBits: Int
  /// Whether an activation that fits on chip stays there between the op that writes it and the
  /// op that reads it next, instead of going to DRAM and back.
  public var keepActivationsOnChip: Bool
  /// What the memory schedule of a GEMM minimises (JSON `schedule_objective`).
  public var scheduleObjective: ScheduleObjective
  public var dram: DRAMChannel

  /// What the memory schedule of a GEMM minimises.
  public enum ScheduleObjective: String, CaseIterable, Hashable, Sendable, Codable {
    /// The roofline estimate of its latency, `max(array cycles, DRAM bytes / bandwidth)`;
    /// ties to less traffic.
    case latency
    /// Its DRAM traffic (energy); ties to fewer array cycles.
    case traffic
  }

  public init(
    buffers: Buffers, doubleBuffered: Bool, accumulatorBits: Int, keepActivationsOnChip: Bool,
    scheduleObjective: ScheduleObjective = .latency, dram: DRAMChannel
  ) {
    self.buffers = buffers
    self.doubleBuffered = doubleBuffered
    self.accumulatorBits = accumulatorBits
    self.keepActivationsOnChip = keepActivationsOnChip
    self.scheduleObjective = scheduleObjective
    self.dram = dram
  }

  /// Total SRAM capacity in bytes, or nil on overflow.
  public var sramBytes: Int? {
    switch buffers {
    case .split(let input, let weight, let output):
      checkedSum(input.bytes, weight.bytes, output.bytes)
    case .unified(let buffer): buffer.bytes
    }
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case input
    case weight
    case output
    case unified
    case doubleBuffered = "double_buffered"
    case accumulatorBits = "accumulator_bits"
    case keepActivationsOnChip = "keep_activations_on_chip"
    case scheduleObjective = "schedule_objective"
    case dram
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = MemorySystem.default
    let hasSplitKey = [CodingKeys.input, .weight, .output].contains { container.contains($0) }
    if container.contains(.unified) {
      if hasSplitKey {
        throw JSONDecodingProblem(
          path: container.codingPath.dottedPath,
          message:
            "has both \"unified\" and \"input\"/\"weight\"/\"output\"; describe either one unified buffer or the three split buffers"
        )
      }
      let unifiedDecoder = try container.superDecoder(forKey: .unified)
      buffers = .unified(try SRAMBuffer(from: unifiedDecoder, defaults: .defaultUnified))
    } else {
      func buffer(_ key: CodingKeys, _ fallback: SRAMBuffer) throws -> SRAMBuffer {
        guard container.contains(key) else { return fallback }
        return try SRAMBuffer(from: try container.superDecoder(forKey: key), defaults: fallback)
      }
      let (input, weight, output) = defaults.splitBuffers
      buffers = .split(
        input: try buffer(.input, input), weight: try buffer(.weight, weight),
        output: try buffer(.output, output))
    }
    doubleBuffered =
      try container.decodeIfPresent(Bool.self, forKey: .doubleBuffered) ?? defaults.doubleBuffered
    accumulatorBits =
      try container.decodeIfPresent(Int.self, forKey: .accumulatorBits) ?? defaults.accumulatorBits
    keepActivationsOnChip =
      try container.decodeIfPresent(Bool.self, forKey: .keepActivationsOnChip)
      ?? defaults.keepActivationsOnChip
    scheduleObjective =
      try container.decodeIfPresent(ScheduleObjective.self, forKey: .scheduleObjective)
      ?? defaults.scheduleObjective
    dram = try container.decodeIfPresent(DRAMChannel.self, forKey: .dram) ?? defaults.dram
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch buffers {
    case .split(let input, let weight, let output):
      try container.encode(input, forKey: .input)
      try container.encode(weight, forKey: .weight)
      try container.encode(output, forKey: .output)
    case .unified(let buffer):
      try container.encode(buffer, forKey: .unified)
    }
    try container.encode(doubleBuffered, forKey: .doubleBuffered)
    try container.encode(accumulatorBits, forKey: .accumulatorBits)
    try container.encode(keepActivationsOnChip, forKey: .keepActivationsOnChip)
    try container.encode(scheduleObjective, forKey: .scheduleObjective)
    try container.encode(dram, forKey: .dram)
  }

  /// The split buffers of the default memory (used to fill a split section's missing keys).
  var splitBuffers: (SRAMBuffer, SRAMBuffer, SRAMBuffer) {
    if case .split(let input, let weight, let output) = buffers { return (input, weight, output) }
    return (.defaultInput, .defaultWeight, .defaultOutput)
  }
}

/// The sum of `values`, or nil when it overflows `Int`.
func checkedSum(_ values: Int...) -> Int? {
  var total = 0
  for value in values {
    let (sum, overflow) = total.addingReportingOverflow(value)
    if overflow { return nil }
    total = sum
  }
  return total
}
