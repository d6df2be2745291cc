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
/// buffer half is streamed in the fewest equal parts that fit (at most 64). DRAM transfers queue on one
/// channel (``DRAMTimeline``). The first load and the last write of the op are exposed: an op
/// starts with empty buffers and ends when its last byte is written.
///
/// Complexity: O(folds · parts) per product for at most a few products: once the pipeline
/// reaches a steady state the remaining products of the batch are added in O(1).
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
    // Steady state: the products of a batch are alike, so once a product boundary sees the same
    // pipeline state as one or two boundaries before (times relative to the array's, anything
    // already past counting as "now"), every later period repeats that one shifted by its
    // duration; the walk jumps over the whole periods left and walks the rest (exact: the
    // walk is a max-plus system driven by identical inputs).
    // The last two boundaries: with an odd number of steps per product the buffer halves swap
    // roles every product, so the state can repeat every second product.
    var boundaries: [(state: BoundaryState, computeEnd: Int, busy: Int)] = []
    boundaries.reserveCapacity(2)
    var jumped = false
    while true {
      let slot = step % depth
      guard let current = slot == 0 ? pending.0 : pending.1 else { break }
      if current.startsProduct, !jumped, iterator.productsLeft > 0 {
        let state = BoundaryState(
          slot: slot, computeEnd: computeEnd, loadReady: loadReady, writeDone: writeDone,
          dramFree: dram.free)
        // The period in products: 1 if the previous boundary matches, 2 if the one before.
        let period = boundaries.indices.reversed().first { boundaries[$0].state == state }
          .map { boundaries.count - $0 }
        if let period, iterator.productsLeft >= period {
          let reference = boundaries[boundaries.count - period]
          let repeats = iterator.productsLeft / period
          guard let shift = checkedProduct(computeEnd - reference.computeEnd, repeats),
            let busyShift = checkedProduct(dram.busyCycles - reference.busy, repeats),
            checkedSum(of: [computeEnd, shift, max(dram.free, 0), busyShift]) != nil
          else { return nil }
          computeEnd += shift
          for index in 0..<depth {
            loadReady[index] += shift
            writeDone[index] += shift
          }
          dram.shift(by: shift, busy: busyShift)
          iterator.skipProducts(repeats * period)
          jumped = true
        } else {
          if boundaries.count == 2 { boundaries.removeFirst() }
          boundaries.append((state, computeEnd, dram.busyCycles))
        }
      }
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
    guard !dram.overflowed else { return nil }
    return (max(computeEnd, dram.free), dram.busyCycles)
  }
}

/// The pipeline's state at a product boundary, relative to the array's time: what decides
/// everything after it.
struct BoundaryState: Equatable {
  var slot: Int
  // The two buffer halves (the second is unused without double buffering).
  var load0: Int
  var load1: Int
  var write0: Int
  var write1: Int
  var dramFree: Int

  /// Times at or before `computeEnd` weigh nothing in the walk's maxima: they count as 0.
  /// No allocation: the walk takes one at every product boundary.
  init(slot: Int, computeEnd: Int, loadReady: [Int], writeDone: [Int], dramFree: Int) {
    func relative(_ time: Int) -> Int { max(time - computeEnd, 0) }
    self.slot = slot
    load0 = relative(loadReady[0])
    write0 = relative(writeDone[0])
    load1 = loadReady.count > 1 ? relative(loadReady[1]) : 0
    write1 = writeDone.count > 1 ? relative(writeDone[1]) : 0
    self.dramFree = relative(dramFree)
  }
}

/// The steps of every product in order: for each of `batch` products, each segment's parts.
struct SegmentedSteps {
  let templates: [StepIterator]
  let batch: Int
  private var product = 0
  private var segment = 0
  private var current: StepIterator?
  private var startingProduct = true

  init(segments: [StepIterator], batch: Int) {
    templates = segments
    self.batch = batch
  }

  /// Products after the one being emitted.
  var productsLeft: Int { max(batch - product - 1, 0) }

  /// Skips `count` whole products (all alike); the position inside the current one is kept.
  mutating func skipProducts(_ count: Int) {
    product += count
  }

  mutating func next() -> FoldStep? {
    while true {
      if current == nil {
        guard product < batch, !templates.isEmpty else { return nil }
        current = templates[segment]
      }
      if var step = current?.next() {
        step.startsProduct = startingProduct
        startingProduct = false
        return step
      }
      current = nil
      segment += 1
      if segment == templates.count {
        segment = 0
        product += 1
        startingProduct = true
      }
    }
  }
}

/// One step of the walk: a fold, or one streamed part of a fold.
struct FoldStep {
  var loadBytes: Int
  var writeBytes: Int
  var computeCycles: Int
  /// The first step of a product of the batch.
  var startsProduct = false
}
