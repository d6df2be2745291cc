/// Off-chip memory: one channel with a bandwidth and a latency.
///
/// JSON: `{"bytes_per_cycle": 51.2, "latency_cycles": 100}` or, with the bandwidth in GB/s
/// converted at the array clock, `{"gb_per_s": 51.2, "latency_cycles": 100}` (exactly one of
/// the two bandwidth keys). A transfer of `x` bytes occupies the channel for
/// `⌈x / bytes_per_cycle⌉` cycles and its data is usable `latency_cycles` after that;
/// transfers are served one after another, so latency overlaps with later transfers.
public struct DRAMChannel: Hashable, Sendable, Codable {
  /// How the bandwidth was given.
  public enum Bandwidth: Hashable, Sendable {
    /// Bytes per chip clock cycle.
    case bytesPerCycle(Double)
    /// Gigabytes (10⁹ bytes) per second; converted with the array clock.
    case gigabytesPerSecond(Double)
  }

  public var bandwidth: Bandwidth
  /// Cycles from the end of a transfer on the channel until its data is usable.
  public var latencyCycles: Int

  public init(bandwidth: Bandwidth, latencyCycles: Int) {
    self.bandwidth = bandwidth
    self.latencyCycles = latencyCycles
  }

  /// The bandwidth in bytes per cycle at a clock of `clockMHz`.
  public func bytesPerCycle(atMHz clockMHz: Double) -> Double {
    switch bandwidth {
    case .bytesPerCycle(let value): value
    case .gigabytesPerSecond(let value): value * 1000 / clockMHz
    }
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case bytesPerCycle = "bytes_per_cycle"
    case gigabytesPerSecond = "gb_per_s"
    case latencyCycles = "latency_cycles"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = DRAMChannel.default
    let perCycle = try container.decodeIfPresent(Double.self, forKey: .bytesPerCycle)
    let perSecond = try container.decodeIfPresent(Double.self, forKey: .gigabytesPerSecond)
    switch (perCycle, perSecond) {
    case (let value?, nil): bandwidth = .bytesPerCycle(value)
    case (nil, let value?): bandwidth = .gigabytesPerSecond(value)
    case (nil, nil): bandwidth = defaults.bandwidth
    case (_?, _?):
      throw JSONDecodingProblem(
        path: container.codingPath.dottedPath,
        message: "has both \"bytes_per_cycle\" and \"gb_per_s\"; give exactly one bandwidth")
    }
    latencyCycles =
      try container.decodeIfPresent(Int.self, forKey: .latencyCycles) ?? defaults.latencyCycles
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch bandwidth {
    case .bytesPerCycle(let value): try container.encode(value, forKey: .bytesPerCycle)
    case .gigabytesPerSecond(let value): try container.encode(value, forKey: .gigabytesPerSecond)
    }
    try container.encode(latencyCycles, forKey: .latencyCycles)
  }
}
