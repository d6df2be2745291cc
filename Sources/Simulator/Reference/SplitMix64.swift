/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast, seeded generator.
///
/// The same seed gives the same sequence on every platform and toolchain, which is why the
/// reference checks draw their integers through `below(_:)` and `logUniform(in:)` here rather
/// than through the standard library's `random(in:using:)`, whose algorithm may change.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
  /// The generator's whole state.
  public private(set) var state: UInt64

  /// A generator started from `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits. O(1).
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A value in `0 ..< bound` (bound ≥ 1). The modulo bias, below 2^-50 for the bounds used
  /// here, is irrelevant for test-case generation.
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound >= 1)
    return Int(next() % UInt64(bound))
  }

  /// A value in `range` drawn log-uniformly by octave: an octave `[2^b, 2^(b+1))` is picked
  /// uniformly among those that meet the range, then a value uniformly inside it (clipped to
  /// the range). Small values are therefore as likely as large ones in relative terms.
  public mutating func logUniform(in range: ClosedRange<Int>) -> Int {
    precondition(range.lowerBound >= 1)
    let lowOctave = Int.bitWidth - 1 - range.lowerBound.leadingZeroBitCount
    let highOctave = Int.bitWidth - 1 - range.upperBound.leadingZeroBitCount
    let octave = lowOctave + below(highOctave - lowOctave + 1)
    let low = Swift.max(range.lowerBound, 1 << octave)
    let high = Swift.min(range.upperBound, (1 << (octave + 1)) - 1)
    return low + below(high - low + 1)
  }
}
