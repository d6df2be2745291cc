import Hardware
import LayerTrace

/// The DRAM traffic of one GEMM record under one memory schedule, in bytes.
///
/// Closed form over the fold structure of ``LoopOrder``: per product (the record's `batch`
/// products are independent and repeat the schedule) with `Fr` row folds and `Fc` column folds,
///
/// - a row slice `P_i` is read once when it stays on chip (``GEMMSchedule/rowSlicesStay``),
///   otherwise once per column fold;
/// - a column slice `Q_j` that is an input (os weights) is read once when it stays, otherwise
///   once per row fold; one that holds partial sums (ws, is) is accumulated on chip when it
///   stays, otherwise spilled after every row fold but the last and read back before every row
///   fold but the first, at the accumulator width;
/// - a tile `S_ij` is read once (ws weights, is activations) or written once (os outputs).
///
/// Final outputs are written at `out_bits` unless they stay on chip for the next op; operands
/// already on chip are not read. Each transfer is `⌈bits/8⌉` bytes, so an edge slice rounds on
/// its own.
public struct GEMMTraffic: Hashable, Sendable {
  /// Left-operand (activation) bytes read from DRAM.
  public var inputReadBytes = 0
  /// Right-operand (weight, or a matmul's second activation) bytes read from DRAM.
  public var weightReadBytes = 0
  /// Partial-sum bytes read back from DRAM (spilled accumulations).
  public var partialSumReadBytes = 0
  /// Partial-sum bytes spilled to DRAM.
  public var partialSumWriteBytes = 0
  /// Final output bytes written to DRAM.
  public var outputWriteBytes = 0

  public init() {}

  /// Every byte read from DRAM.
  public var readBytes: Int { inputReadBytes + weightReadBytes + partialSumReadBytes }
  /// Every byte written to DRAM.
  public var writeBytes: Int { partialSumWriteBytes + outputWriteBytes }
  /// Every byte moved.
  public var totalBytes: Int { readBytes + writeBytes }
}

/// Which operand of a GEMM a slice holds; it picks the bit width and the SRAM buffer.
public enum GEMMOperand: Hashable, Sendable {
  case input
  case weight
  case partialSums
  case output
}

/// One memory schedule of a GEMM record: a loop order and which slices stay on chip.
public struct GEMMSchedule: Hashable, Sendable {
  public var order: LoopOrder
  /// Row slices `P_i` are fetched once (they stay on chip while reused).
  public var rowSlicesStay: Bool
  /// Column slices `Q_j` are fetched once / accumulated on chip.
  public var columnSlicesStay: Bool

  public init(order: LoopOrder, rowSlicesStay: Bool, columnSlicesStay: Bool) {
    self.order = order
    self.rowSlicesStay = rowSlicesStay
    self.columnSlicesStay = columnSlicesStay
  }
}

/// The fold geometry of one product and the bit widths of its operands, shared by the
/// traffic formulas and the pipeline walk.
struct GEMMGeometry {
  let mapping: ArrayMapping
  let rowSlice: GEMMOperand
  let columnSlice: GEMMOperand
  let tile: GEMMOperand
  let bits: (input: Int, weight: Int, partialSums: Int, output: Int)
  let residency: OperandResidency
  /// Rows used by a full and by the last row fold; columns likewise.
  let fullRows: Int
  let lastRows: Int
  let fullCols: Int
  let lastCols: Int

  /// - Parameters:
  ///   - bits: bits per element of each operand; the input and weight "elements" are the
  ///     reduction words of ``Reduction`` (a word packs lanes, sparse values and indices).
  init(
    mapping: ArrayMapping, bits: (input: Int, weight: Int, partialSums: Int, output: Int),
    residency: OperandResidency
  ) {
    self.mapping = mapping
    switch mapping.dataflow {
    case .outputStationary: (rowSlice, columnSlice, tile) = (.input, .weight, .output)
    case .weightStationary: (rowSlice, columnSlice, tile) = (.input, .partialSums, .weight)
    case .inputStationary: (rowSlice, columnSlice, tile) = (.weight, .partialSums, .input)
    }
    self.bits = bits
    self.residency = residency
    fullRows = min(mapping.arrayRows, mapping.spatialRows)
    lastRows = mapping.spatialRows - (mapping.rowFolds - 1) * mapping.arrayRows
    fullCols = min(mapping.arrayCols, mapping.spatialCols)
    lastCols = mapping.spatialCols - (mapping.colFolds - 1) * mapping.arrayCols
  }

  /// The same operands and residency on another mapping (a part of the streamed dimension).
  init(copying other: GEMMGeometry, mapping: ArrayMapping) {
    self.mapping = mapping
    rowSlice = other.rowSlice
    columnSlice = other.columnSlice
    tile = other.tile
    bits = other.bits
    residency = other.residency
    fullRows = other.fullRows
    lastRows = other.lastRows
    fullCols = other.fullCols
    lastCols = other.lastCols
  }

  func bitsPerElement(_ operand: GEMMOperand) -> Int {
    switch operand {
    case .input: bits.input
    case .weight: bits.weight
    case .partialSums: bits.partialSums
    case .output: bits.output
    }
  }

  /// True when the operand is already on chip (no DRAM read needed).
  func isOnChip(_ operand: GEMMOperand) -> Bool {
    switch operand {
    case .input: residency.inputOnChip
    case .weight: residency.weightOnChip
    case .partialSums, .output: false
    }
  }

  /// Bytes of `elements` values of `operand` (`⌈elements·bits/8⌉`), or nil on overflow (or
  /// when the count itself overflowed).
  func bytes(_ elements: Int?, _ operand: GEMMOperand) -> Int? {
    elements.flatMap { packedBytes(count: $0, bits: bitsPerElement(operand)) }
  }

  /// Elements of row slice `P_i` for a fold using `rows` rows: `rows · T`.
  func rowSliceElements(rows: Int) -> Int? { checkedProduct(rows, mapping.temporal) }
  /// Elements of column slice `Q_j` for a fold using `cols` columns: `cols · T`.
  func columnSliceElements(cols: Int) -> Int? { checkedProduct(cols, mapping.temporal) }

  /// Σ over row folds of the bytes of `P_i` at `operand`'s width, or nil on overflow.
  func allRowSlicesBytes(_ operand: GEMMOperand) -> Int? {
    guard let full = bytes(rowSliceElements(rows: fullRows), operand),
      let last = bytes(rowSliceElements(rows: lastRows), operand)
    else { return nil }
    return checkedSum(of: [checkedProduct(mapping.rowFolds - 1, full) ?? Int.max, last])
  }

  /// Σ over column folds of the bytes of `Q_j` at `operand`'s width, or nil on overflow.
  func allColumnSlicesBytes(_ operand: GEMMOperand) -> Int? {
    guard let full = bytes(columnSliceElements(cols: fullCols), operand),
      let last = bytes(columnSliceElements(cols: lastCols), operand)
    else { return nil }
    return checkedSum(of: [checkedProduct(mapping.colFolds - 1, full) ?? Int.max, last])
  }

  /// Σ over all folds of the bytes of tile `S_ij`, or nil on overflow.
  func allTilesBytes(_ operand: GEMMOperand) -> Int? {
    let fr = mapping.rowFolds
    let fc = mapping.colFolds
    guard let ff = bytes(fullRows * fullCols, operand),
      let fl = bytes(fullRows * lastCols, operand),
      let lf = bytes(lastRows * fullCols, operand), let ll = bytes(lastRows * lastCols, operand)
    else { return nil }
    return checkedSum(of: [
      checkedProduct(fr - 1, fc - 1, ff) ?? Int.max, checkedProduct(fr - 1, fl) ?? Int.max,
      checkedProduct(fc - 1, lf) ?? Int.max, ll,
    ])
  }

  /// The DRAM traffic of one product under `schedule`, or nil on overflow.
  func traffic(_ schedule: GEMMSchedule) -> GEMMTraffic? {
    var traffic = GEMMTraffic()
    let fr = mapping.rowFolds
    let fc = mapping.colFolds
    func add(_ operand: GEMMOperand, read bytes: Int) {
      switch operand {
      case .input: traffic.inputReadBytes += bytes
      case .weight: traffic.weightReadBytes += bytes
      case .partialSums: traffic.partialSumReadBytes += bytes
      case .output: break
      }
    }
    // Row slices: always an input operand.
    if !isOnChip(rowSlice) {
      guard let all = allRowSlicesBytes(rowSlice),
        let total = checkedProduct(all, schedule.rowSlicesStay ? 1 : fc)
      else { return nil }
      add(rowSlice, read: total)
    }
    // Column slices: os weights, or ws/is partial sums.
    if columnSlice == .partialSums {
      guard let accumulated = allColumnSlicesBytes(.partialSums),
        let final = allColumnSlicesBytes(.output),
        let spills = checkedProduct(accumulated, schedule.columnSlicesStay ? 0 : fr - 1)
      else { return nil }
      traffic.partialSumWriteBytes = spills
      traffic.partialSumReadBytes = spills
      if !residency.outputStaysOnChip { traffic.outputWriteBytes = final }
    } else if !isOnChip(columnSlice) {
      guard let all = allColumnSlicesBytes(columnSlice),
        let total = checkedProduct(all, schedule.columnSlicesStay ? 1 : fr)
      else { return nil }
      add(columnSlice, read: total)
    }
    // Tiles: os outputs (written once), ws weights / is activations (read once).
    if tile == .output {
      if !residency.outputStaysOnChip {
        guard let all = allTilesBytes(.output) else { return nil }
        traffic.outputWriteBytes = all
      }
    } else if !isOnChip(tile) {
      guard let all = allTilesBytes(tile) else { return nil }
      add(tile, read: all)
    }
    guard checkedSum(of: [traffic.readBytes, traffic.writeBytes]) != nil else { return nil }
    return traffic
  }
}

extension GEMMTraffic {
  /// The sum, or nil on overflow.
  func adding(_ other: GEMMTraffic) -> GEMMTraffic? {
    var result = GEMMTraffic()
    let pairs = [
      (inputReadBytes, other.inputReadBytes), (weightReadBytes, other.weightReadBytes),
      (partialSumReadBytes, other.partialSumReadBytes),
      (partialSumWriteBytes, other.partialSumWriteBytes),
      (outputWriteBytes, other.outputWriteBytes),
    ]
    let sums = pairs.map { $0.addingReportingOverflow($1) }
    guard !sums.contains(where: \.overflow), checkedSum(of: sums.map(\.partialValue)) != nil
    else { return nil }
    result.inputReadBytes = sums[0].partialValue
    result.weightReadBytes = sums[1].partialValue
    result.partialSumReadBytes = sums[2].partialValue
    result.partialSumWriteBytes = sums[3].partialValue
    result.outputWriteBytes = sums[4].partialValue
    return result
  }

  /// The traffic of `count` repeats, or nil on overflow.
  func repeated(_ count: Int) -> GEMMTraffic? {
    var result = GEMMTraffic()
    guard let a = checkedProduct(inputReadBytes, count),
      let b = checkedProduct(weightReadBytes, count),
      let c = checkedProduct(partialSumReadBytes, count),
      let d = checkedProduct(partialSumWriteBytes, count),
      let e = checkedProduct(outputWriteBytes, count),
      checkedSum(of: [a, b, c, d, e]) != nil
    else { return nil }
    result.inputReadBytes = a
    result.weightReadBytes = b
    result.partialSumReadBytes = c
    result.partialSumWriteBytes = d
    result.outputWriteBytes = e
    return result
  }
}
