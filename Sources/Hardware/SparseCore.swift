/// The PE's structured-sparsity support: which N:M weight patterns it can skip, and the cost
/// of selecting activations.
///
/// JSON (`sparse_core`): `{"patterns": ["2:4"], "select_cycles_per_fold": 0}`. A supported
/// N:M weight is stored compressed — its kept values plus `⌈log2 M⌉` index bits per kept value
/// — at every level, and the PE multiplies only the kept values, each by the activation its
/// index selects through a mux: the reduction needs `⌈⌈K/M⌉·N / L⌉` words on a PE of `L`
/// lanes (a tail group of `K mod M` is padded to a full group, as hardware with N slots per
/// group stores it). With no patterns the chip has no sparse support and pruned weights run
/// densely, zeros included.
public struct SparseCore: Hashable, Sendable, Codable {
  /// An N:M pattern: at most `n` kept values in every group of `m` reduction elements.
  public struct Pattern: Hashable, Sendable, CustomStringConvertible {
    public var n: Int
    public var m: Int

    public init(n: Int, m: Int) {
      self.n = n
      self.m = m
    }

    /// Parses `N:M` with `1 ≤ N < M` and M a power of two; nil otherwise.
    public init?(parsing text: String) {
      let parts = text.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 2, let n = Int(parts[0]), let m = Int(parts[1]), n >= 1, n < m,
        m <= 1024, m & (m - 1) == 0
      else { return nil }
      self.init(n: n, m: m)
    }

    public var description: String { "\(n):\(m)" }
  }

  /// The supported patterns; empty: no sparse support.
  public var patterns: [Pattern]
  /// Extra cycles per fold for the operand-select stage (a deeper PE pipeline); 0 when the mux
  /// is absorbed in the MAC cycle.
  public var selectCyclesPerFold: Int

  public init(patterns: [Pattern], selectCyclesPerFold: Int) {
    self.patterns = patterns
    self.selectCyclesPerFold = selectCyclesPerFold
  }

  /// Whether N:M is one of the supported patterns.
  public func supports(n: Int, m: Int) -> Bool { patterns.contains(Pattern(n: n, m: m)) }

  /// Index bits per kept value of an N:M pattern: `⌈log2 M⌉` (2 for 2:4, 3 for 2:8).
  public static func metadataBits(groupSize m: Int) -> Int {
    var bits = 0
    while (1 << bits) < m { bits += 1 }
    return bits
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case patterns
    case selectCyclesPerFold = "select_cycles_per_fold"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = SparseCore.default
    if let texts = try container.decodeIfPresent([String].self, forKey: .patterns) {
      var result: [Pattern] = []
      for (index, text) in texts.enumerated() {
        guard let pattern = Pattern(parsing: text) else {
          throw JSONDecodingProblem(
            path: container.codingPath.dottedPath.isEmpty
              ? "patterns[\(index)]" : "\(container.codingPath.dottedPath).patterns[\(index)]",
            message:
              "\"\(text)\" is not a supported N:M pattern; expected N:M with 1 ≤ N < M and M a power of two (2:4, 1:4, 2:8, 4:8)"
          )
        }
        result.append(pattern)
      }
      patterns = result
    } else {
      patterns = defaults.patterns
    }
    selectCyclesPerFold =
      try container.decodeIfPresent(Int.self, forKey: .selectCyclesPerFold)
      ?? defaults.selectCyclesPerFold
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(patterns.map(\.description), forKey: .patterns)
    try container.encode(selectCyclesPerFold, forKey: .selectCyclesPerFold)
  }
}
