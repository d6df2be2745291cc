import Dispatch
import Foundation

/// Runs a range of points on worker threads and hands their rows back in point order, as soon
/// as every earlier point is done.
///
/// Workers (`DispatchQueue.concurrentPerform`, at most `jobs` and at most the cores Dispatch
/// gives) take the next point number from a shared counter, so a slow point never holds up the
/// others; finished points wait in a table until the points before them are finished. The
/// calling thread only delivers: it sleeps until the next point in order is done, passes every
/// consecutive finished point to `deliver`, and calls `tick` at least every `tickInterval`
/// seconds so progress can be shown. The table holds at most the points finished out of order,
/// about `jobs` of them.
struct SweepRunner: Sendable {
  var evaluator: SweepEvaluator
  var jobs: Int
  var tickInterval = 0.25

  /// Runs `range`.
  ///
  /// - Parameters:
  ///   - deliver: gets consecutive points in order, on the calling thread; a thrown error stops
  ///     the workers (points already started finish) and is rethrown.
  ///   - tick: called on the calling thread with the number of points delivered so far.
  func run(
    _ range: Range<Int>, deliver: ([PointRows]) throws(CLIError) -> Void,
    tick: (Int) -> Void = { _ in }
  ) throws(CLIError) {
    guard !range.isEmpty else { return }
    let state = SharedState(range: range)
    let workers = max(1, min(jobs, range.count))
    let evaluator = self.evaluator
    let group = DispatchGroup()
    DispatchQueue.global(qos: .userInitiated).async(group: group) {
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while let point = state.take() {
          state.finish(evaluator.rows(for: point))
        }
      }
    }
    var delivered = 0
    var failure: CLIError?
    while delivered < range.count {
      let batch = state.waitForNext(timeout: tickInterval)
      if !batch.isEmpty {
        do throws(CLIError) {
          try deliver(batch)
        } catch {
          failure = error
          state.cancel()
          break
        }
        delivered += batch.count
      }
      tick(delivered)
    }
    group.wait()
    if let failure { throw failure }
  }

  /// The counter, the finished points and the condition that wakes the delivering thread.
  private final class SharedState: @unchecked Sendable {
    private let condition = NSCondition()
    private var next: Int
    private let end: Int
    private var nextToDeliver: Int
    private var finished: [Int: PointRows] = [:]
    private var cancelled = false

    init(range: Range<Int>) {
      next = range.lowerBound
      end = range.upperBound
      nextToDeliver = range.lowerBound
    }

    /// The next point to run, or nil when all are taken or the run is cancelled.
    func take() -> Int? {
      condition.lock()
      defer { condition.unlock() }
      guard !cancelled, next < end else { return nil }
      next += 1
      return next - 1
    }

    func finish(_ rows: PointRows) {
      condition.lock()
      finished[rows.point] = rows
      if rows.point == nextToDeliver { condition.signal() }
      condition.unlock()
    }

    func cancel() {
      condition.lock()
      cancelled = true
      condition.unlock()
    }

    /// The finished points from the next one in order on (waiting up to `timeout` seconds for
    /// the next one); empty when it is not done yet.
    func waitForNext(timeout: Double) -> [PointRows] {
      condition.lock()
      defer { condition.unlock() }
      if finished[nextToDeliver] == nil {
        _ = condition.wait(until: Date(timeIntervalSinceNow: timeout))
      }
      var batch: [PointRows] = []
      while let rows = finished.removeValue(forKey: nextToDeliver) {
        batch.append(rows)
        nextToDeliver += 1
      }
      return batch
    }
  }
}
