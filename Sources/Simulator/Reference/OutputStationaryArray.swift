/// The output-stationary register model: every PE keeps its own accumulator while activations
/// hop right and weights hop down, one PE per cycle.
///
/// Registers of PE `(i, j)` (all double-buffered except the accumulator, which only reads its
/// own previous value):
///
/// - `a`, `aTag`: the activation word it received this cycle from PE `(i, j−1)`, or from the
///   left feeder of row `i` when `j = 0`; it is passed on to `(i, j+1)` next cycle.
/// - `w`, `wTag`: the weight word from PE `(i−1, j)`, or from the top feeder of column `j`.
/// - `acc`: `acc ← acc + a·w`, computed in the same cycle the operands are latched.
///
/// The feeders are the controller's skewed streams over the whole array: row `i` emits its `T`
/// words in cycles `i ..< i+T` (real words for used rows, zero `pad` words for the unused rows
/// of an edge fold); column `j` likewise in cycles `j ..< j+T`. Storage is row-major with one
/// extra slot per row (activations) or an extra top row (weights) that holds the feeder
/// output, so every PE reads "its left/upper neighbour" with the same index arithmetic.
enum OutputStationaryArray<Op: PEOperation> {
  /// Runs every fold of `[sr×t]·[t×sc]` on an `rows × cols` array, column fold outermost.
  ///
  /// - Parameters:
  ///   - op: the PE operation that multiplies the words.
  ///   - left: activation words `[sr × t]`, row-major (`sr` maps to the array rows).
  ///   - top: weight words `[t × sc]`, row-major (`sc` maps to the array columns).
  ///   - counters: incremented with this run's cycles, folds, steps, PE updates and MACs.
  ///   - sink: told the real MACs of every counted cycle.
  /// - Returns: the product `[sr × sc]`, row-major.
  /// - Complexity: O(folds · (steps per fold) · rows · cols) time, O(rows · cols) extra space.
  static func run<Sink: ReferenceCycleSink>(
    op: Op, rows: Int, cols: Int, left: [Op.Activation], top: [Op.Weight], sr: Int, sc: Int, t: Int,
    counters: inout PEArrayReference.Counters, sink: inout Sink
  ) -> [Int32] {
    let aStride = cols + 1  // column 0 of each row is the left feeder's output slot
    let aCount = rows * aStride
    let wCount = (rows + 1) * cols  // row 0 is the top feeders' output slot
    let peCount = rows * cols
    let activationZero = op.activationZero  // the pad word, hoisted out of the loops
    let weightZero = op.weightZero

    var aCur = [Op.Activation](repeating: activationZero, count: aCount)
    var aNext = aCur
    var aTagCur = [UInt8](repeating: TokenTag.empty, count: aCount)
    var aTagNext = aTagCur
    var wCur = [Op.Weight](repeating: weightZero, count: wCount)
    var wNext = wCur
    var wTagCur = [UInt8](repeating: TokenTag.empty, count: wCount)
    var wTagNext = wTagCur
    var acc = [Int32](repeating: 0, count: peCount)
    var out = [Int32](repeating: 0, count: sr * sc)

    var c0 = 0
    while c0 < sc {  // column fold: the outer loop (SCALE-Sim order)
      let usedCols = min(cols, sc - c0)
      var r0 = 0
      while r0 < sr {  // row fold: the inner loop
        let usedRows = min(rows, sr - r0)
        // A fold starts from an empty array: no datum in flight, accumulators cleared.
        for index in 0..<aCount {
          aCur[index] = activationZero
          aTagCur[index] = TokenTag.empty
        }
        for index in 0..<wCount {
          wCur[index] = weightZero
          wTagCur[index] = TokenTag.empty
        }
        for index in 0..<peCount { acc[index] = 0 }

        var cycle = 0
        var busyCycles = 0
        var steps = 0
        var macs = 0
        while true {
          // Feeders: the controller's skewed streams put this cycle's words on the edges.
          var pending = false  // does any feeder still hold a word for a later cycle?
          for i in 0..<rows {
            let s = cycle - i  // row i is delayed by i cycles
            let slot = i * aStride
            if s >= 0 && s < t {
              if i < usedRows {
                aCur[slot] = left[(r0 + i) * t + s]
                aTagCur[slot] = TokenTag.real
              } else {
                aCur[slot] = activationZero
                aTagCur[slot] = TokenTag.pad
              }
            } else {
              aCur[slot] = activationZero
              aTagCur[slot] = TokenTag.empty
            }
            if s < t - 1 { pending = true }
          }
          for j in 0..<cols {
            let s = cycle - j  // column j is delayed by j cycles
            if s >= 0 && s < t {
              if j < usedCols {
                wCur[j] = top[s * sc + c0 + j]
                wTagCur[j] = TokenTag.real
              } else {
                wCur[j] = weightZero
                wTagCur[j] = TokenTag.pad
              }
            } else {
              wCur[j] = weightZero
              wTagCur[j] = TokenTag.empty
            }
            if s < t - 1 { pending = true }
          }

          // Two-phase update: every PE latches its neighbours' current registers into the
          // next buffers and accumulates the product of what it latched.
          var occupied: UInt8 = 0
          var cycleMACs = 0
          for i in 0..<rows {
            let aRow = i * aStride
            let wRow = i * cols  // upper neighbour's row in the weight buffer
            let peRow = i * cols
            for j in 0..<cols {
              let a = aCur[aRow + j]
              let aTag = aTagCur[aRow + j]
              let w = wCur[wRow + j]
              let wTag = wTagCur[wRow + j]
              aNext[aRow + j + 1] = a
              aTagNext[aRow + j + 1] = aTag
              wNext[wRow + cols + j] = w
              wTagNext[wRow + cols + j] = wTag
              acc[peRow + j] = op.multiplyAccumulate(acc[peRow + j], a, w)
              occupied |= aTag | wTag
              cycleMACs &+= Int((aTag & wTag) >> 1)  // 1 exactly when both words are real
            }
          }
          swap(&aCur, &aNext)
          swap(&aTagCur, &aTagNext)
          swap(&wCur, &wNext)
          swap(&wTagCur, &wTagNext)
          steps += 1
          cycle += 1
          // A step in which no PE held a datum and no feeder has more is the drained array:
          // the fold ended with the previous cycle, so this step is not one of its cycles.
          if occupied == TokenTag.empty && !pending { break }
          sink.recordCycle(
            fold: counters.folds, cycle: busyCycles, preload: false, realMACs: cycleMACs)
          macs += cycleMACs
          busyCycles += 1
        }

        // Read-out: the used PEs' accumulators are the fold's outputs.
        for i in 0..<usedRows {
          for j in 0..<usedCols {
            out[(r0 + i) * sc + c0 + j] = acc[i * cols + j]
          }
        }
        counters.record(
          foldCycles: busyCycles, preloadCycles: 0, steps: steps, peCount: peCount, macs: macs)
        r0 += rows
      }
      c0 += cols
    }
    return out
  }
}
