/// The progress line of a sweep on standard error: points done of the total, rate and time
/// left.
///
/// On a terminal one line is rewritten in place (`\r`) at most every ``terminalInterval``
/// seconds; otherwise (a log file, `--progress` in a batch job) a plain line is written every
/// ``plainInterval`` seconds. ``finish(_:)`` writes the last state on its own line either way.
///
///     sweep: 4210/10000 points (42.1 %), 1510 points/s, 3.8 s left
struct SweepProgress {
  var console: Console
  var isTerminal: Bool
  /// Points of this run (after those a resume skipped).
  var total: Int
  /// Points a resume found done; shown in the count, not in the rate.
  var skipped: Int
  var start = ContinuousClock.now
  private var lastShown: ContinuousClock.Instant?
  private var width = 0
  var terminalInterval = 0.2
  var plainInterval = 5.0

  init(console: Console, isTerminal: Bool, total: Int, skipped: Int) {
    self.console = console
    self.isTerminal = isTerminal
    self.total = total
    self.skipped = skipped
  }

  /// Shows `done` points of this run if the last line is old enough.
  mutating func update(_ done: Int) {
    let now = ContinuousClock.now
    let interval = isTerminal ? terminalInterval : plainInterval
    if let lastShown, seconds(now - lastShown) < interval { return }
    if lastShown == nil, seconds(now - start) < interval { return }
    lastShown = now
    show(done)
  }

  /// Shows the final count on its own line; nil only ends a terminal line that is open.
  mutating func finish(_ done: Int?) {
    if let done { show(done) }
    if isTerminal, width > 0 { console.err("\n") }
    width = 0
  }

  private mutating func show(_ done: Int) {
    let line = Self.line(
      done: skipped + done, total: skipped + total, new: done, remaining: total - done,
      elapsed: seconds(ContinuousClock.now - start))
    if isTerminal {
      let padding = String(repeating: " ", count: max(0, width - line.count))
      width = line.count
      console.err("\r" + line + padding)
    } else {
      console.err(line + "\n")
    }
  }

  /// `sweep: 4210/10000 points (42.1 %), 1510 points/s, 3.8 s left`.
  static func line(done: Int, total: Int, new: Int, remaining: Int, elapsed: Double) -> String {
    var text = "sweep: \(done)/\(total) points"
    if total > 0 { text += " (\(formatFixed(100 * Double(done) / Double(total), digits: 1)) %)" }
    guard elapsed > 0, new > 0 else { return text }
    let rate = Double(new) / elapsed
    text += ", \(rate >= 100 ? String(Int(rate.rounded())) : formatFixed(rate, digits: 1)) points/s"
    if remaining > 0 {
      text += ", \(duration(Double(remaining) / rate)) left"
    } else {
      text += ", \(duration(elapsed))"
    }
    return text
  }

  /// `3.8 s`, `4 min 12 s`, `2 h 5 min`.
  static func duration(_ seconds: Double) -> String {
    if seconds < 60 { return "\(formatFixed(seconds, digits: 1)) s" }
    let whole = Int(seconds.rounded())
    if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
    return "\(whole / 3600) h \((whole % 3600) / 60) min"
  }

  private func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) * 1e-18
  }
}
