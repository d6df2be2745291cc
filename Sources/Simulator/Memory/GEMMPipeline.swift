import Hardware
import LayerTrace

/// The timing of one GEMM record's folds through the double-buffered memory pipeline.
///
/// The walk visits every fold of every product in schedule order (``LoopOrder``). Fold `f`
/// needs its load (the slices it must fetch: see ``GEMMTraffic``) and room in the output
/// buffer; it computes for its array cycles (``ArrayMapping/cyclesPerFold``, stretched if an
/// SRAM port is too narrow for the fold's operands); then its writes (outputs, spilled partial
/// sums) go out. With double buffering the load of fold `f+2` is issued when fold `f` ends
/// (its buffer half is free) and the array may start fold `f+1` while fold `f` drains;
/// without it, each transfer waits for the fold before it. A fold whose transfers exceed a
/// buffer half is streamed in the fewest equal parts that fit. DRAM transfers queue on one
/// channel (``DRAMTimeline``). The first load and the last write of the op are exposed: an op
/// starts with empty buffers and ends when its last byte is written.
///
/// Complexity: O(batch · folds · parts), independent of M, K and N beyond the fold count.
struct GEMMPipeline {
  let geometry: GEMMGeometry
  let schedule: GEMMSchedule
  let memory: MemorySystem
  let capacities: BufferCapacities
  let dramBytesPerCycle: Double

  /// The op's latency and the cycles the array waited (stall cycles), or nil on overflow.
  func run(batch: Int) -> (totalCycles: Int, stallCycles: Int, busyDRAMCycles: Int)? {
    let mapping = geometry.mapping
    let fr = mapping.rowFolds
    let fc = mapping.colFolds
    guard let folds = checkedProduct(batch, fr, fc) else { return nil }
    let depth = memory.doubleBuffered ? 2 : 1
    var dram = DRAMTimeline(bytesPerCycle: dramBytesPerCycle, latencyCycles: memory.dram.latencyCycles)
    // Ring buffers over the last `depth` steps: when each load is usable, when each write is done.
    var loadReady = [Int](repeating: 0, count: depth)
    var writeDone = [Int](repeating: 0, count: depth)
    var computeEnd = 0
    var computeCycles = 0
    var step = 0
    // Precomputed per fold shape: 2 row kinds × 2 column kinds.
    let shapes = FoldShapes(geometry: geometry, memory: memory, capacities: capacities)
    guard let shapes else { return nil }

    // Pending loads are issued `depth` steps ahead; a fold may have several streamed parts, so
    // the walk runs over parts ("steps") and computes each step's transfers on the fly.
    var iterator = StepIterator(geometry: geometry, schedule: schedule, shapes: shapes, batch: batch)
    var lookahead: [FoldStep] = []
    lookahead.reserveCapacity(depth)
    for _ in 0..<depth {
      guard let next = iterator.next() else { break }
      lookahead.append(next)
    }
    // Issue the first `depth` loads at cycle 0.
    for (slot, pending) in lookahead.enumerated() {
      loadReady[slot] = dram.read(pending.loadBytes, at: 0)
    }
    _ = folds
    while !lookahead.isEmpty {
      let current = lookahead.removeFirst()
      let slot = step % depth
      let start = max(computeEnd, loadReady[slot], writeDone[slot])
      let (end, overflow) = start.addingReportingOverflow(current.computeCycles)
      guard !overflow else { return nil }
      computeEnd = end
      computeCycles += current.computeCycles
      // This step's buffer half is free: prefetch the step `depth` ahead into it.
      if let next = iterator.next() {
        lookahead.append(next)
        loadReady[slot] = dram.read(next.loadBytes, at: end)
      }
      writeDone[slot] = dram.write(current.writeBytes, at: end)
      step += 1
    }
    let total = max(computeEnd, dram.free)
    return (total, total - computeCycles, dram.busyCycles)
  }
}

/// One step of the walk: a fold, or one streamed part of a fold.
struct FoldStep {
  var loadBytes: Int
  var writeBytes: Int
  var computeCycles: Int
}
