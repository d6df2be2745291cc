import Hardware
import LayerTrace

/// Byte sizes and SRAM-limited compute cycles of a fold, for each of the four fold shapes
/// (full or last row fold × full or last column fold), computed once per op.
struct FoldShapes {
  /// Indexed by `shape(lastRow:lastCol:)`.
  var rowSliceBytes: [Int]  // P_i at its operand's width
  var columnSliceBytes: [Int]  // Q_j at its operand's width (os weights)
  var partialSumBytes: [Int]  // Q_j at the accumulator width (ws, is)
  var finalColumnBytes: [Int]  // Q_j at out_bits (ws, is final outputs)
  var tileBytes: [Int]  // S_ij at its operand's width
  /// Array cycles of the fold, stretched by SRAM ports: [shape][first row fold ? 0 : 1][last
  /// row fold ? 1 : 0] flattened as shape·4 + notFirst·2 + last.
  var computeCycles: [Int]
  let capacities: BufferCapacities

  static func shape(lastRow: Bool, lastCol: Bool) -> Int { (lastRow ? 2 : 0) + (lastCol ? 1 : 0) }

  init?(geometry g: GEMMGeometry, memory: MemorySystem, capacities: BufferCapacities) {
    self.capacities = capacities
    rowSliceBytes = []
    columnSliceBytes = []
    partialSumBytes = []
    finalColumnBytes = []
    tileBytes = []
    computeCycles = []
    let ports = SRAMPorts(memory)
    for lastRow in [false, true] {
      for lastCol in [false, true] {
        let rows = lastRow ? g.lastRows : g.fullRows
        let cols = lastCol ? g.lastCols : g.fullCols
        guard let p = g.bytes(g.rowSliceElements(rows: rows), g.rowSlice),
          let q = g.bytes(
            g.columnSliceElements(cols: cols),
            g.columnSlice == .partialSums ? .output : g.columnSlice),
          let psum = g.bytes(g.columnSliceElements(cols: cols), .partialSums),
          let final = g.bytes(g.columnSliceElements(cols: cols), .output),
          let s = g.bytes(rows * cols, g.tile)
        else { return nil }
        rowSliceBytes.append(p)
        columnSliceBytes.append(q)
        partialSumBytes.append(psum)
        finalColumnBytes.append(final)
        tileBytes.append(s)
        // Array-side SRAM traffic of one fold, per buffer.
        for notFirst in [false, true] {
          for last in [false, true] {
            var reads = (input: 0, weight: 0, output: 0)
            var outputWrites = 0
            func read(_ operand: GEMMOperand, _ bytes: Int) {
              switch operand {
              case .input: reads.input += bytes
              case .weight: reads.weight += bytes
              case .partialSums, .output: reads.output += bytes
              }
            }
            read(g.rowSlice, p)
            if g.columnSlice == .partialSums {
              outputWrites += last ? final : psum
              if notFirst { reads.output += psum }
            } else {
              read(g.columnSlice, q)
            }
            if g.tile == .output { outputWrites += s } else { read(g.tile, s) }
            let cycles = ports.cycles(
              reads: reads, outputWrites: outputWrites, arrayCycles: g.mapping.cyclesPerFold)
            computeCycles.append(cycles)
          }
        }
      }
    }
  }
}

/// The SRAM port bandwidths, per buffer.
struct SRAMPorts {
  let inputRead: Double
  let weightRead: Double
  let outputRead: Double
  let outputWrite: Double
  let unified: Bool

  init(_ memory: MemorySystem) {
    switch memory.buffers {
    case .split(let input, let weight, let output):
      (inputRead, weightRead, outputRead, outputWrite) = (
        input.readBytesPerCycle, weight.readBytesPerCycle, output.readBytesPerCycle,
        output.writeBytesPerCycle
      )
      unified = false
    case .unified(let buffer):
      (inputRead, weightRead, outputRead, outputWrite) = (
        buffer.readBytesPerCycle, buffer.readBytesPerCycle, buffer.readBytesPerCycle,
        buffer.writeBytesPerCycle
      )
      unified = true
    }
  }

  /// The fold's cycles: the array's, or more when a port cannot deliver the fold's bytes in
  /// that time (`⌈bytes / port bandwidth⌉`).
  func cycles(reads: (input: Int, weight: Int, output: Int), outputWrites: Int, arrayCycles: Int)
    -> Int
  {
    func need(_ bytes: Int, _ bandwidth: Double) -> Int {
      bytes == 0 ? 0 : Int(min((Double(bytes) / bandwidth).rounded(.up), 4.0e18))
    }
    var cycles = arrayCycles
    if unified {
      cycles = max(cycles, need(reads.input + reads.weight + reads.output, inputRead))
    } else {
      cycles = max(cycles, need(reads.input, inputRead), need(reads.weight, weightRead))
      cycles = max(cycles, need(reads.output, outputRead))
    }
    return max(cycles, need(outputWrites, outputWrite))
  }
}

/// Produces the walk's steps in schedule order: products, then folds in ``LoopOrder``, each
/// fold split into streamed parts when its transfers exceed a buffer half.
struct StepIterator {
  let geometry: GEMMGeometry
  let schedule: GEMMSchedule
  let shapes: FoldShapes
  let batch: Int
  private var product = 0
  private var outer = 0
  private var inner = 0
  private var part = 0
  private var parts = 0
  private var fold = FoldStep(loadBytes: 0, writeBytes: 0, computeCycles: 0)
  /// A fold's transfers depend only on whether it is in the last row / column fold and in the
  /// first row / column fold: the 16 kinds, computed once (``kind(i:j:)`` indexes them).
  private var kinds: [(FoldStep, Int)] = []

  init(geometry: GEMMGeometry, schedule: GEMMSchedule, shapes: FoldShapes, batch: Int) {
    self.geometry = geometry
    self.schedule = schedule
    self.shapes = shapes
    self.batch = batch
    let fr = geometry.mapping.rowFolds
    let fc = geometry.mapping.colFolds
    var kinds: [(FoldStep, Int)] = []
    kinds.reserveCapacity(16)
    for index in 0..<16 {
      // Representative (i, j) of each kind; kinds that cannot occur (e.g. a first row fold
      // that is not the last when there is one row fold) get a placeholder never looked up.
      let lastRow = index & 8 != 0
      let lastCol = index & 4 != 0
      let laterRow = index & 2 != 0
      let laterCol = index & 1 != 0
      let i = lastRow ? fr - 1 : (laterRow ? 1 : 0)
      let j = lastCol ? fc - 1 : (laterCol ? 1 : 0)
      let possible =
        (lastRow == (i == fr - 1)) && (laterRow == (i > 0)) && (lastCol == (j == fc - 1))
        && (laterCol == (j > 0)) && i < fr && j < fc
      kinds.append(possible ? Self.foldStep(i: i, j: j, geometry, schedule, shapes) : (fold, 1))
    }
    self.kinds = kinds
  }

  /// The index of fold (i, j)'s kind in ``kinds``.
  @inline(__always)
  private func kind(i: Int, j: Int) -> Int {
    (i == geometry.mapping.rowFolds - 1 ? 8 : 0) | (j == geometry.mapping.colFolds - 1 ? 4 : 0)
      | (i > 0 ? 2 : 0) | (j > 0 ? 1 : 0)
  }

  mutating func next() -> FoldStep? {
    if part == parts {
      guard product < batch else { return nil }
      let fr = geometry.mapping.rowFolds
      let fc = geometry.mapping.colFolds
      let (i, j) = schedule.order == .columnsOuter ? (inner, outer) : (outer, inner)
      (fold, parts) = kinds[kind(i: i, j: j)]
      part = 0
      // Advance (product, outer, inner) to the next fold.
      inner += 1
      if inner == (schedule.order == .columnsOuter ? fr : fc) {
        inner = 0
        outer += 1
        if outer == (schedule.order == .columnsOuter ? fc : fr) {
          outer = 0
          product += 1
        }
      }
    }
    // Part `part` of `parts`: equal shares, the remainder spread over the first parts.
    func share(_ total: Int) -> Int { total / parts + (part < total % parts ? 1 : 0) }
    let step = FoldStep(
      loadBytes: share(fold.loadBytes), writeBytes: share(fold.writeBytes),
      computeCycles: share(fold.computeCycles))
    part += 1
    return step
  }

  /// The transfers and cycles of fold (i, j), and how many streamed parts it needs.
  private static func foldStep(
    i: Int, j: Int, _ geometry: GEMMGeometry, _ schedule: GEMMSchedule, _ shapes: FoldShapes
  ) -> (FoldStep, Int) {
    let g = geometry
    let lastRow = i == g.mapping.rowFolds - 1
    let lastCol = j == g.mapping.colFolds - 1
    let shape = FoldShapes.shape(lastRow: lastRow, lastCol: lastCol)
    var load = (input: 0, weight: 0, output: 0)
    func fetch(_ operand: GEMMOperand, _ bytes: Int) {
      switch operand {
      case .input: load.input += bytes
      case .weight: load.weight += bytes
      case .partialSums, .output: load.output += bytes
      }
    }
    if !g.isOnChip(g.rowSlice), !schedule.rowSlicesStay || j == 0 {
      fetch(g.rowSlice, shapes.rowSliceBytes[shape])
    }
    var writes = 0
    let outputStays = g.residency.outputStaysOnChip
    if g.columnSlice == .partialSums {
      if !schedule.columnSlicesStay && i > 0 { load.output += shapes.partialSumBytes[shape] }
      if lastRow {
        if !outputStays { writes += shapes.finalColumnBytes[shape] }
      } else if !schedule.columnSlicesStay {
        writes += shapes.partialSumBytes[shape]
      }
    } else if !g.isOnChip(g.columnSlice), !schedule.columnSlicesStay || i == 0 {
      fetch(g.columnSlice, shapes.columnSliceBytes[shape])
    }
    if g.tile == .output {
      if !outputStays { writes += shapes.tileBytes[shape] }
    } else if !g.isOnChip(g.tile) {
      fetch(g.tile, shapes.tileBytes[shape])
    }
    let cycles = shapes.computeCycles[shape * 4 + (i > 0 ? 2 : 0) + (lastRow ? 1 : 0)]
    let caps = shapes.capacities
    func partsFor(_ bytes: Int, _ capacity: Int) -> Int {
      bytes == 0 ? 1 : (bytes - 1) / max(capacity, 1) + 1
    }
    var parts: Int
    if let shared = caps.unifiedBytes {
      parts = partsFor(load.input + load.weight + load.output + writes, shared)
    } else {
      parts = max(
        partsFor(load.input, caps.inputBytes), partsFor(load.weight, caps.weightBytes),
        partsFor(load.output + writes, caps.outputBytes))
    }
    // At most 64 parts (finer streaming changes the timing by under 1/64 of a transfer) and at
    // least one cycle each.
    parts = min(parts, 64, max(cycles, 1))
    let step = FoldStep(
      loadBytes: load.input + load.weight + load.output, writeBytes: writes, computeCycles: cycles)
    return (step, parts)
  }
}
