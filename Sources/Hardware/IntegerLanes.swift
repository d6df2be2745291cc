/// How fast a PE multiplies a precision pair: `lanes` MACs per cycle on packed words, each
/// taking `passes` cycles.
public struct LaneThroughput: Hashable, Sendable {
  /// Reduction elements packed into one word (MACs per pass).
  public var lanes: Int
  /// Cycles each word occupies the PE (1 unless the pair is decomposed into narrower passes).
  public var passes: Int
  /// The table entry that runs the pair.
  public var pair: PrecisionPair
}

/// The PE's integer lanes: MACs per PE per cycle for each supported precision pair, and what
/// happens to a pair the table lacks.
///
/// JSON (`lanes`): `{"macs_per_cycle": {"8x8": 1, "4x4": 2}, "unsupported": "decompose"}`.
/// A PE with `L` lanes for a pair consumes the reduction `L` elements per cycle (L narrow
/// multipliers, or one wide multiplier split Bit-Fusion style).
public struct IntegerLanes: Hashable, Sendable, Codable {
  /// What a pair missing from the table costs.
  public enum Unsupported: String, CaseIterable, Hashable, Sendable, Codable {
    /// Run it on a listed pair: the fastest listed pair at least as wide in both operands
    /// (operands sign-extended), else the widest listed pair in `⌈w/w'⌉·⌈a/a'⌉` passes
    /// (shift-and-add of partial products).
    case decompose
    /// An error naming the op and `lanes.macs_per_cycle`.
    case reject
  }

  public var macsPerCycle: [PrecisionPair: Int]
  public var unsupported: Unsupported

  public init(macsPerCycle: [PrecisionPair: Int], unsupported: Unsupported) {
    self.macsPerCycle = macsPerCycle
    self.unsupported = unsupported
  }

  /// The throughput of `weightBits × activationBits`, or nil when the table lacks it and the
  /// chip rejects missing pairs.
  ///
  /// Complexity: O(table entries) when the pair is missing, O(1) otherwise.
  public func throughput(weightBits: Int, activationBits: Int) -> LaneThroughput? {
    let wanted = PrecisionPair(weightBits: weightBits, actBits: activationBits)
    if let lanes = macsPerCycle[wanted] {
      return LaneThroughput(lanes: lanes, passes: 1, pair: wanted)
    }
    guard unsupported == .decompose, !macsPerCycle.isEmpty else { return nil }
    // The fastest listed pair that covers both widths (ties: the narrowest).
    let covering = macsPerCycle.filter {
      $0.key.weightBits >= weightBits && $0.key.actBits >= activationBits
    }
    if let best = covering.min(by: {
      ($1.value, $0.key.partialProducts, $0.key)
        < ($0.value, $1.key.partialProducts, $1.key)
    }) {
      return LaneThroughput(lanes: best.value, passes: 1, pair: best.key)
    }
    // Otherwise the widest pair, several passes.
    guard
      let widest = macsPerCycle.max(by: {
        ($0.key.partialProducts, $0.key) < ($1.key.partialProducts, $1.key)
      })
    else { return nil }
    let passes =
      ((weightBits + widest.key.weightBits - 1) / widest.key.weightBits)
      * ((activationBits + widest.key.actBits - 1) / widest.key.actBits)
    return LaneThroughput(lanes: widest.value, passes: passes, pair: widest.key)
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case macsPerCycle = "macs_per_cycle"
    case unsupported
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = IntegerLanes.default
    // A listed table replaces the default one (a chip lists what its PE supports).
    macsPerCycle =
      container.contains(.macsPerCycle)
      ? try PrecisionPair.decodeTable(container, .macsPerCycle, [:]) : defaults.macsPerCycle
    unsupported =
      try container.decodeIfPresent(Unsupported.self, forKey: .unsupported) ?? defaults.unsupported
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try PrecisionPair.encodeTable(macsPerCycle, into: &container, .macsPerCycle)
    try container.encode(unsupported, forKey: .unsupported)
  }
}
