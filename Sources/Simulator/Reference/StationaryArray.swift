/// Which operand a preload-then-stream dataflow keeps in the PEs (ws: weights, is: inputs).
///
/// The two dataflows share one register model (`StationaryArray`); the role only says which
/// word type is held and which streams, and in which order they reach `multiplyAccumulate`.
protocol StationaryRole {
  associatedtype Held
  associatedtype Streamed
  var heldZero: Held { get }
  var streamedZero: Streamed { get }
  /// `acc + held·streamed`, via the PE operation.
  func multiplyAccumulate(_ acc: Int32, held: Held, streamed: Streamed) -> Int32
}

/// Weight stationary: weight words are preloaded, activation words stream.
struct WeightsHeld<Op: PEOperation>: StationaryRole {
  let op: Op
  var heldZero: Op.Weight { op.weightZero }
  var streamedZero: Op.Activation { op.activationZero }
  @inline(__always)
  func multiplyAccumulate(_ acc: Int32, held: Op.Weight, streamed: Op.Activation) -> Int32 {
    op.multiplyAccumulate(acc, streamed, held)
  }
}

/// Input stationary: activation words are preloaded, weight words stream.
struct InputsHeld<Op: PEOperation>: StationaryRole {
  let op: Op
  var heldZero: Op.Activation { op.activationZero }
  var streamedZero: Op.Weight { op.weightZero }
  @inline(__always)
  func multiplyAccumulate(_ acc: Int32, held: Op.Activation, streamed: Op.Weight) -> Int32 {
    op.multiplyAccumulate(acc, held, streamed)
  }
}

/// The weight-/input-stationary register model: preload a tile, then stream the other operand
/// from the left while partial sums flow down the columns and leave at the bottom edge.
///
/// Registers of PE `(i, j)`:
///
/// - `held`, `heldTag`: the stationary word. During the preload they form a shift register
///   down each column: each cycle PE `(i, j)` takes PE `(i−1, j)`'s word (row 0 takes the
///   loader's). The loader emits the tile's `rows` rows bottom row first (the tile is
///   "row-flipped", as in SCALE-Sim's filter/ifmap demand matrices), so after `rows` shifts
///   tile row `i` sits in array row `i`. Then the shift stops and the words stay.
/// - `x`, `xTag`: the streamed word from PE `(i, j−1)`, or from the left feeder of row `i`.
/// - `p`, `pTag`: the partial sum `p ← p_above + held·x`, where `p_above` is PE `(i−1, j)`'s
///   partial sum of the previous cycle (row 0 receives 0 from the top edge). Its tag is
///   `pTag_above | xTag`: a PE emits a partial sum when it received one or received a word.
///
/// The left feeder of row `i` emits its `T` streamed words in stream cycles `i ..< i+T` (zero
/// `pad` words for the unused rows of an edge fold). The bottom PE of column `j` writes its
/// partial sum to the output in the cycle it computes it (the write port has no latency, as in
/// SCALE-Sim); the `n`-th sum that leaves column `j` is streamed row `n` of that column.
enum StationaryArray<Role: StationaryRole> {
  /// Runs every fold of a preload-then-stream GEMM on a `rows × cols` array, column fold
  /// outermost, and accumulates each row fold's partial sums into the output.
  ///
  /// - Parameters:
  ///   - role: which operand is held, and the PE operation that multiplies the words.
  ///   - held: the stationary words `[sr × sc]`, row-major (`sr`, the reduction, maps to the
  ///     array rows; `sc` to the columns).
  ///   - streamed: the streamed words `[t × sr]`, row-major (row `u` enters in stream cycle
  ///     `u`, its element `r` on array row `r`).
  ///   - counters: incremented with this run's cycles, folds, steps, PE updates and MACs.
  ///   - sink: told the real MACs of every counted cycle.
  /// - Returns: the product `[t × sc]`, row-major.
  /// - Complexity: O(folds · (steps per fold) · rows · cols) time, O(rows · cols) extra space.
  static func run<Sink: ReferenceCycleSink>(
    role: Role, rows: Int, cols: Int, held: [Role.Held], streamed: [Role.Streamed], sr: Int,
    sc: Int, t: Int,
    counters: inout PEArrayReference.Counters, sink: inout Sink
  ) -> [Int32] {
    let xStride = cols + 1  // column 0 of each row is the left feeder's output slot
    let xCount = rows * xStride
    let columnCount = (rows + 1) * cols  // row 0: loader output / zero partial-sum input
    let peCount = rows * cols
    let heldZero = role.heldZero  // the pad words, hoisted out of the loops
    let streamedZero = role.streamedZero

    var heldCur = [Role.Held](repeating: heldZero, count: columnCount)
    var heldNext = heldCur
    var heldTagCur = [UInt8](repeating: TokenTag.empty, count: columnCount)
    var heldTagNext = heldTagCur
    var xCur = [Role.Streamed](repeating: streamedZero, count: xCount)
    var xNext = xCur
    var xTagCur = [UInt8](repeating: TokenTag.empty, count: xCount)
    var xTagNext = xTagCur
    // Row 0 of the partial-sum buffers is the top edge: always 0 / empty, never written.
    var pCur = [Int32](repeating: 0, count: columnCount)
    var pNext = pCur
    var pTagCur = [UInt8](repeating: TokenTag.empty, count: columnCount)
    var pTagNext = pTagCur
    var collected = [Int](repeating: 0, count: cols)  // sums that left each column so far
    var out = [Int32](repeating: 0, count: t * sc)

    var c0 = 0
    while c0 < sc {  // column fold: the outer loop (SCALE-Sim order)
      let usedCols = min(cols, sc - c0)
      var r0 = 0
      while r0 < sr {  // row fold (a slice of the reduction): the inner loop
        let usedRows = min(rows, sr - r0)
        // A fold starts with nothing in flight; the stationary words are overwritten below.
        for index in 0..<xCount {
          xCur[index] = streamedZero
          xTagCur[index] = TokenTag.empty
        }
        for index in 0..<columnCount {
          pCur[index] = 0
          pTagCur[index] = TokenTag.empty
        }
        for j in 0..<cols { collected[j] = 0 }

        var busyCycles = 0
        var preloadCycles = 0
        var steps = 0
        var macs = 0

        // Phase 1, preload: the loader pushes the tile's rows, bottom row first, one per cycle.
        var loaderRow = rows - 1
        while loaderRow >= 0 {
          let tileRow = r0 + loaderRow
          for j in 0..<cols {
            if loaderRow < usedRows && j < usedCols {
              heldCur[j] = held[tileRow * sc + c0 + j]
              heldTagCur[j] = TokenTag.real
            } else {
              heldCur[j] = heldZero
              heldTagCur[j] = TokenTag.pad
            }
          }
          var occupied: UInt8 = 0
          for index in cols..<columnCount {
            heldNext[index] = heldCur[index - cols]
            let tag = heldTagCur[index - cols]
            heldTagNext[index] = tag
            occupied |= tag
          }
          swap(&heldCur, &heldNext)
          swap(&heldTagCur, &heldTagNext)
          steps += 1
          loaderRow -= 1
          if occupied != TokenTag.empty || loaderRow >= 0 {
            sink.recordCycle(
              fold: counters.folds, cycle: busyCycles, preload: true, realMACs: 0)
            busyCycles += 1
            preloadCycles += 1
          }
        }

        // Phase 2, stream: skewed words enter from the left, partial sums flow down.
        var cycle = 0
        while true {
          var pending = false  // does any feeder still hold a word for a later cycle?
          for i in 0..<rows {
            let s = cycle - i  // row i is delayed by i cycles
            let slot = i * xStride
            if s >= 0 && s < t {
              if i < usedRows {
                xCur[slot] = streamed[s * sr + r0 + i]
                xTagCur[slot] = TokenTag.real
              } else {
                xCur[slot] = streamedZero
                xTagCur[slot] = TokenTag.pad
              }
            } else {
              xCur[slot] = streamedZero
              xTagCur[slot] = TokenTag.empty
            }
            if s < t - 1 { pending = true }
          }

          var occupied: UInt8 = 0
          var cycleMACs = 0
          for i in 0..<rows {
            let xRow = i * xStride
            let aboveRow = i * cols  // upper neighbour's row in the column buffers
            let peRow = aboveRow + cols  // this PE's row in the column buffers
            for j in 0..<cols {
              let x = xCur[xRow + j]
              let xTag = xTagCur[xRow + j]
              xNext[xRow + j + 1] = x
              xTagNext[xRow + j + 1] = xTag
              let heldTag = heldTagCur[peRow + j]
              let pTag = pTagCur[aboveRow + j] | xTag
              pNext[peRow + j] = role.multiplyAccumulate(
                pCur[aboveRow + j], held: heldCur[peRow + j], streamed: x)
              pTagNext[peRow + j] = pTag
              occupied |= pTag
              cycleMACs &+= Int((xTag & heldTag) >> 1)  // 1 exactly when both words are real
            }
          }

          // Bottom edge: each column's newest partial sum is written out in this cycle.
          let bottom = rows * cols
          for j in 0..<cols where pTagNext[bottom + j] != TokenTag.empty {
            if j < usedCols {
              let row = collected[j]
              assert(row < t, "more sums left column \(j) than rows were streamed")
              // Bound: an output sums at most K non-zero products of magnitude ≤ 2^14, whatever the
              // operation (PEOperation).
              out[row * sc + c0 + j] &+= pNext[bottom + j]
            }
            collected[j] += 1
          }

          swap(&xCur, &xNext)
          swap(&xTagCur, &xTagNext)
          swap(&pCur, &pNext)
          swap(&pTagCur, &pTagNext)
          steps += 1
          cycle += 1
          // Nothing held a datum and no feeder has more: the fold ended with the previous
          // cycle, so this step is not one of its cycles.
          if occupied == TokenTag.empty && !pending { break }
          sink.recordCycle(
            fold: counters.folds, cycle: busyCycles, preload: false, realMACs: cycleMACs)
          macs += cycleMACs
          busyCycles += 1
        }
        assert(collected[0..<usedCols].allSatisfy { $0 == t }, "a column lost partial sums")

        counters.record(
          foldCycles: busyCycles, preloadCycles: preloadCycles, steps: steps, peCount: peCount,
          macs: macs)
        r0 += rows
      }
      c0 += cols
    }
    return out
  }
}
