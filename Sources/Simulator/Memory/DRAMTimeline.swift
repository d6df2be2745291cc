/// The DRAM channel as a timeline: transfers are served one after another in the order they
/// are issued.
///
/// A transfer of `b` bytes issued at cycle `t` starts when the channel is free (`max(t,
/// free)`), occupies it for `⌈b / bandwidth⌉` cycles, and — for a read — its data is usable
/// `latency` cycles after it leaves the channel. Writes are posted: done when they leave the
/// channel. A transfer of 0 bytes takes no time.
struct DRAMTimeline {
  let bytesPerCycle: Double
  let latencyCycles: Int
  /// The first cycle at which the channel is idle.
  private(set) var free = 0
  /// Cycles the channel has been busy.
  private(set) var busyCycles = 0
  /// Set when a time would not fit `Int` (absurd sizes on a very slow channel); the caller
  /// then reports an overflow instead of a time.
  private(set) var overflowed = false

  init(bytesPerCycle: Double, latencyCycles: Int, start: Int = 0) {
    self.bytesPerCycle = bytesPerCycle
    self.latencyCycles = latencyCycles
    self.free = start
  }

  /// Cycles the channel needs for `bytes`: `⌈bytes / bandwidth⌉` (0 for 0 bytes or an
  /// unbounded channel).
  func transferCycles(_ bytes: Int) -> Int {
    guard bytes > 0 else { return 0 }
    let cycles = (Double(bytes) / bytesPerCycle).rounded(.up)
    return cycles < 9.0e18 ? Int(cycles) : Int.max / 4
  }

  /// Issues a read at `cycle`; returns the cycle its data is usable.
  mutating func read(_ bytes: Int, at cycle: Int) -> Int {
    guard bytes > 0 else { return cycle }
    occupy(bytes, from: cycle)
    return add(free, latencyCycles)
  }

  /// Issues a write at `cycle`; returns the cycle it has left the channel.
  mutating func write(_ bytes: Int, at cycle: Int) -> Int {
    guard bytes > 0 else { return cycle }
    occupy(bytes, from: cycle)
    return free
  }

  /// Moves the channel's time `cycles` later and adds `busy` busy cycles (the walk's jump over
  /// repeated products).
  mutating func shift(by cycles: Int, busy: Int) {
    free = add(free, cycles)
    busyCycles = add(busyCycles, busy)
  }

  /// Puts a transfer of `bytes` on the channel no earlier than `cycle`.
  private mutating func occupy(_ bytes: Int, from cycle: Int) {
    let busy = transferCycles(bytes)
    free = add(max(free, cycle), busy)
    busyCycles = add(busyCycles, busy)
  }

  /// `a + b`, or a large sentinel with ``overflowed`` set when it does not fit `Int`.
  private mutating func add(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    if overflow {
      overflowed = true
      return Int.max / 4
    }
    return sum
  }
}
