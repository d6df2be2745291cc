import Hardware
import LayerTrace

/// The SRAM buffers as the memory model sees them: how many bytes of each operand may stay on
/// chip, and how much a transfer may stream through at once.
struct BufferCapacities {
  /// Bytes available to each operand: one half of its buffer when double-buffered (the other
  /// half is filling or draining), all of it otherwise. For a unified buffer the three share
  /// one budget (``unifiedBytes``).
  let inputBytes: Int
  let weightBytes: Int
  let outputBytes: Int
  /// The shared budget of a unified buffer; nil for split buffers.
  let unifiedBytes: Int?

  init(_ memory: MemorySystem) {
    let halves = memory.doubleBuffered ? 2 : 1
    switch memory.buffers {
    case .split(let input, let weight, let output):
      inputBytes = input.bytes / halves
      weightBytes = weight.bytes / halves
      outputBytes = output.bytes / halves
      unifiedBytes = nil
    case .unified(let buffer):
      inputBytes = buffer.bytes / halves
      weightBytes = buffer.bytes / halves
      outputBytes = buffer.bytes / halves
      unifiedBytes = buffer.bytes / halves
    }
  }

  func bytes(for operand: GEMMOperand) -> Int {
    switch operand {
    case .input: inputBytes
    case .weight: weightBytes
    case .partialSums, .output: outputBytes
    }
  }
}

extension GEMMGeometry {
  /// The schedule with the least DRAM traffic among the documented candidates, and its
  /// traffic per product.
  ///
  /// Candidates: both ``LoopOrder``s; in each, a slice stays on chip when its reuse set fits
  /// its buffer (`columnsOuter`: one `Q_j` and all of `P`; `rowsOuter`: one `P_i` and all of
  /// `Q`). With a unified buffer the staying sets must fit together, so each subset is tried.
  /// Ties go to `columnsOuter` (SCALE-Sim's order), then to fewer slices kept.
  /// Operands already on chip need no room. More SRAM never gives more traffic: every
  /// candidate that fits keeps fitting.
  ///
  /// - Returns: nil when a count overflows `Int`.
  func cheapestSchedule(_ capacities: BufferCapacities) -> (GEMMSchedule, GEMMTraffic)? {
    let rowSliceOperand = rowSlice
    let columnOperand = columnSlice == .partialSums ? GEMMOperand.partialSums : columnSlice
    var best: (GEMMSchedule, GEMMTraffic)?
    for order in LoopOrder.allCases {
      // Bytes that must fit for each kind of slice to stay, in this order.
      let rowNeed: Int?
      let columnNeed: Int?
      switch order {
      case .columnsOuter:
        rowNeed = allRowSlicesBytes(rowSliceOperand)
        columnNeed = bytes(columnSliceElements(cols: fullCols), columnOperand)
      case .rowsOuter:
        rowNeed = bytes(rowSliceElements(rows: fullRows), rowSliceOperand)
        columnNeed = allColumnSlicesBytes(columnOperand)
      }
      guard let rowNeed, let columnNeed else { return nil }
      let rowCost = isOnChip(rowSliceOperand) ? 0 : rowNeed
      let columnCost = columnSlice != .partialSums && isOnChip(columnSlice) ? 0 : columnNeed
      var options: [(Bool, Bool)] = []
      if let shared = capacities.unifiedBytes {
        for (rows, cols) in [(false, false), (true, false), (false, true), (true, true)] {
          let need = (rows ? rowCost : 0) + (cols ? columnCost : 0)
          if need <= shared { options.append((rows, cols)) }
        }
      } else {
        options.append(
          (
            rowCost <= capacities.bytes(for: rowSliceOperand),
            columnCost <= capacities.bytes(for: columnOperand)
          ))
      }
      for (rows, cols) in options {
        let schedule = GEMMSchedule(order: order, rowSlicesStay: rows, columnSlicesStay: cols)
        guard let traffic = traffic(schedule) else { return nil }
        if let current = best, current.1.totalBytes <= traffic.totalBytes { continue }
        best = (schedule, traffic)
      }
    }
    return best
  }
}
