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
/// The parts of a split streamed dimension run one after another, each as a product of its own
/// (``segments``).
struct GEMMPipeline {
  /// The parts of one product: (geometry, how many parts of that geometry), in order.
  let segments: [(GEMMGeometry, Int)]
  let schedule: GEMMSchedule
  let memory: MemorySystem
  let capacities: BufferCapacities
  let dramBytesPerCycle: Double

  /// The op's latency and the cycles the DRAM channel was busy, or nil on overflow.
  func run(batch: Int) -> (totalCycles: Int, busyDRAMCycles: Int)? {
    let depth = memory.doubleBuffered ? 2 : 1
    var dram = DRAMTimeline(
      bytesPerCycle: dramBytesPerCycle, latencyCycles: memory.dram.latencyCycles)
    // Ring buffers over the last `depth` steps: when each load is usable, when each write is done.
    var loadReady = [Int](repeating: 0, count: depth)
    var writeDone = [Int](repeating: 0, count: depth)
    var computeEnd = 0
    var step = 0
    var shapes: [FoldShapes] = []
    for (geometry, _) in segments {
      guard let shape = FoldShapes(geometry: geometry, memory: memory, capacities: capacities)
      else { return nil }
      shapes.append(shape)
    }
    var iterator = SegmentedSteps(
      segments: zip(segments, shapes).map { segment, shape in
        StepIterator(geometry: segment.0, schedule: schedule, shapes: shape, batch: segment.1)
      }, batch: batch)
    // Loads are issued `depth` steps ahead: the first `depth` at cycle 0, then each when the
    // step that used its buffer half ends. `pending[slot]` is the step whose load went into
    // that half (a fixed ring: no allocation in the walk).
    var pending: (FoldStep?, FoldStep?) = (nil, nil)
    for slot in 0..<depth {
      guard let next = iterator.next() else { break }
      if slot == 0 { pending.0 = next } else { pending.1 = next }
      loadReady[slot] = dram.read(next.loadBytes, at: 0)
    }
    while true {
      let slot = step % depth
      guard let current = slot == 0 ? pending.0 : pending.1 else { break }
      let start = max(computeEnd, loadReady[slot], writeDone[slot])
      let (end, overflow) = start.addingReportingOverflow(current.computeCycles)
      guard !overflow else { return nil }
      computeEnd = end
      let next = iterator.next()
      if slot == 0 { pending.0 = next } else { pending.1 = next }
      if let next { loadReady[slot] = dram.read(next.loadBytes, at: end) }
      writeDone[slot] = dram.write(current.writeBytes, at: end)
      step += 1
    }
    return (max(computeEnd, dram.free), dram.busyCycles)
  }
}

/// The steps of every product in order: for each of `batch` products, each segment's parts.
struct SegmentedSteps {
  let templates: [StepIterator]
  let batch: Int
  private var product = 0
  private var segment = 0
  private var current: StepIterator?

  init(segments: [StepIterator], batch: Int) {
    templates = segments
    self.batch = batch
  }

  mutating func next() -> FoldStep? {
    while true {
      if current == nil {
        guard product < batch, !templates.isEmpty else { return nil }
        current = templates[segment]
      }
      if let step = current?.next() { return step }
      current = nil
      segment += 1
      if segment == templates.count {
        segment = 0
        product += 1
      }
    }
  }
}

/// One step of the walk: a fold, or one streamed part of a fold.
struct FoldStep {
  var loadBytes: Int
  var writeBytes: Int
  var computeCycles: Int
}
