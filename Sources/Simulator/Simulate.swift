import Hardware
import LayerTrace

/// Simulates every record of `trace` on `chip` with the fast engine.
///
/// Records run one after another. A GEMM record is mapped onto the array by ``ArrayEngine``
/// (closed form) and through the memory by ``GEMMMemoryStats`` (cheapest schedule, exact DRAM
/// traffic, a walk over its folds for stalls). A vector record costs what the vector unit
/// says (``VectorOpCost``), hidden behind the preceding array op as far as
/// ``OverlapChain`` allows when the chip overlaps them. Activations stay on chip between ops
/// as ``OnChipPlan`` decides. Bytes are `⌈elements·bits/8⌉` at each operand's width. Each op's
/// energy comes from its counters (``EnergyModel``).
///
/// - Parameters:
///   - trace: the ops; GEMM dims must be ≥ 1 (as ``TraceRecord/problems()`` demands).
///   - chip: a validated chip.
///   - options: how N:M weights run.
/// - Returns: per-op stats in trace order and their totals.
/// - Throws: ``SimulationError`` naming the first record with a GEMM dim below 1, a tile that
///   does not fit the chip's buffers, or a count that overflows `Int`.
/// Complexity: O(records + Σ folds of the GEMM records).
public func simulate(
  _ trace: LayerTrace, on chip: Chip, options: SimulationOptions = SimulationOptions()
) throws(SimulationError) -> SimulationResult {
  let array = chip.array
  let plan = OnChipPlan(trace: trace, memory: chip.memory)
  var ops: [OpStats] = []
  ops.reserveCapacity(trace.records.count)
  var totals = TotalsAccumulator()
  var chain: OverlapChain?
  let energyModel = EnergyModel(chip: chip)
  for (index, record) in trace.records.enumerated() {
    func fail(_ message: String) -> SimulationError {
      SimulationError(index: index, name: record.name, message: message)
    }
    var op: OpStats
    if record.kind.isGEMM {
      op = try gemmStats(record, at: index, chip: chip, plan: plan, options: options, fail: fail)
      if chip.vectorUnit.overlapWithArray, let mapping = op.array.mapping,
        let order = op.loopOrder
      {
        let pieces = OverlapChain.pieces(batch: record.batch, mapping: mapping, order: order)
        // The vector unit hides behind the array's compute time (not its stalls, so more
        // bandwidth never exposes more vector work).
        chain = OverlapChain(
          arrayCycles: op.computeCycles, elementPieces: pieces.element, rowPieces: pieces.row)
      }
    } else {
      let stays = plan.staysOnChip[index]
      guard
        let cost = VectorOpCost(
          record: record, at: index, chip: chip, plan: plan, outputStays: stays)
      else { throw fail("a count overflows a 64-bit integer") }
      var exposed = cost.busyCycles
      if chain != nil {
        guard let charged = chain?.add(cycles: cost.busyCycles, rowWise: record.kind.isRowWise)
        else { throw fail("a count overflows a 64-bit integer") }
        exposed = charged
      }
      let total = max(exposed, cost.memoryCycles)
      var dram = DRAMTraffic()
      dram.inputReadBytes = cost.inputReadBytes
      dram.weightReadBytes = cost.weightReadBytes
      dram.outputWriteBytes = cost.outputWriteBytes
      op = OpStats(
        array: .idle, vectorCycles: cost.busyCycles, exposedVectorCycles: exposed,
        stallCycles: total - exposed, totalCycles: Cycles(total), sramInputReadBytes: 0,
        sramWeightReadBytes: 0, sramOutputWriteBytes: 0, sramReadBytes: 0, dram: dram,
        inputOnChip: cost.inputsOnChip > 0, outputOnChip: stays)
    }
    op.energy = energyModel.energy(of: record, op, on: chip)
    guard totals.add(op) else { throw fail("the running totals overflow a 64-bit integer") }
    ops.append(op)
  }
  return SimulationResult(chip: chip, ops: ops, totals: totals.totals(array: array))
}

/// The stats of one GEMM record: array mapping, then memory schedule and timing.
private func gemmStats(
  _ record: TraceRecord, at index: Int, chip: Chip, plan: OnChipPlan,
  options: SimulationOptions, fail: (String) -> SimulationError
) throws(SimulationError) -> OpStats {
  let array = chip.array
  let reduction: Reduction
  do {
    reduction = try Reduction.of(record, on: chip, handling: options.sparseWeights)
  } catch {
    switch error {
    case .unsupportedPair(let pair):
      throw fail(
        "lanes.macs_per_cycle: the chip has no \(pair) pair (weight_bits x act_bits) and rejects missing pairs (lanes.unsupported: reject); supported: \(chip.lanes.macsPerCycle.keys.sorted().map(\.description).joined(separator: ", "))"
      )
    case .unsupportedPattern(let n, let m):
      throw fail(
        "sparse_core.patterns: the chip's sparse core does not support \(n):\(m); supported: \(chip.sparseCore.patterns.map(\.description).joined(separator: ", "))"
      )
    case .overflow:
      throw fail("a count overflows a 64-bit integer")
    }
  }
  let stats: ArrayOpStats
  do {
    stats = try ArrayEngine.stats(for: record, on: array, reduction: reduction)
  } catch {
    switch error {
    case .emptyDimension:
      throw fail("batch, m, k and n must be at least 1 for a \(record.kind.rawValue) record")
    case .overflow:
      throw fail("a count overflows a 64-bit integer on a \(array.rows)×\(array.cols) array")
    }
  }
  guard let mapping = stats.mapping else { throw fail("the record has no array mapping") }
  try checkSmallestTile(record, reduction: reduction, chip: chip, fail: fail)
  let residency = plan.gemmResidency(record, at: index)
  // The walk visits every fold of a product (a batch's repeated products are extrapolated);
  // a product with more folds than this is refused rather than walked for minutes.
  if mapping.folds > GEMMMemoryStats.maxFoldsPerProduct {
    throw fail(
      "\(mapping.folds) folds per product on a \(array.rows)×\(array.cols) array exceed the \(GEMMMemoryStats.maxFoldsPerProduct) the memory walk visits; use a larger array or split the op"
    )
  }
  guard
    let memory = GEMMMemoryStats.simulate(
      record, mapping: mapping, reduction: reduction, chip: chip, residency: residency),
    let inputBytes = packedBytes(
      count: stats.sramInputReadElements, bits: reduction.inputBitsPerWord),
    let weightBytes = packedBytes(
      count: stats.sramWeightReadElements, bits: reduction.weightBitsPerWord),
    let outputBytes = packedBytes(count: stats.sramOutputWriteElements, bits: record.outBits),
    checkedSum(of: [inputBytes, weightBytes]) != nil,
    let weightValues = checkedProduct(stats.sramWeightReadElements, reduction.lanes)
  else { throw fail("a count overflows a 64-bit integer") }
  var dram = DRAMTraffic()
  dram.inputReadBytes = memory.traffic.inputReadBytes
  // Weight words carry values and index metadata; the metadata share is reported apart.
  let weightWords = memory.traffic.weightReadBytes
  dram.metadataReadBytes =
    reduction.metadataBitsPerWord == 0
    ? 0
    : Int(
      (Double(weightWords) * Double(reduction.metadataBitsPerWord)
        / Double(reduction.weightBitsPerWord)).rounded(.down))
  dram.weightReadBytes = weightWords - dram.metadataReadBytes
  dram.partialSumReadBytes = memory.traffic.partialSumReadBytes
  dram.partialSumWriteBytes = memory.traffic.partialSumWriteBytes
  dram.outputWriteBytes = memory.traffic.outputWriteBytes
  return OpStats(
    array: stats, computeCycles: memory.arrayCycles, temporalParts: memory.temporalParts,
    lanes: reduction.lanes, sparsePattern: reduction.pattern.map(\.description),
    runPair: reduction.pair, passes: reduction.passes,
    sramWeightValues: weightValues,
    stallCycles: memory.totalCycles - memory.arrayCycles, totalCycles: Cycles(memory.totalCycles),
    sramInputReadBytes: inputBytes,
    sramWeightReadBytes: weightBytes, sramOutputWriteBytes: outputBytes,
    sramReadBytes: inputBytes + weightBytes, dram: dram, loopOrder: memory.schedule.order,
    inputOnChip: residency.inputOnChip, outputOnChip: residency.outputStaysOnChip)
}

/// Throws when a buffer cannot hold the smallest tile of `record` at its own bit widths.
private func checkSmallestTile(
  _ record: TraceRecord, reduction: Reduction, chip: Chip, fail: (String) -> SimulationError
) throws(SimulationError) {
  let memory = chip.memory
  let tile = MinimumTile(
    array: chip.array, inputBits: reduction.inputBitsPerWord,
    weightBits: reduction.weightBitsPerWord, outputBits: record.outBits,
    accumulatorBits: memory.accumulatorBits)
  let capacities = BufferCapacities(memory)
  let path: String
  let need: Int
  let have: Int
  if let shared = capacities.unifiedBytes {
    (path, need, have) = (
      "memory.unified.bytes", tile.inputBytes + tile.weightBytes + tile.outputBytes, shared
    )
  } else if tile.inputBytes > capacities.inputBytes {
    (path, need, have) = ("memory.input.bytes", tile.inputBytes, capacities.inputBytes)
  } else if tile.weightBytes > capacities.weightBytes {
    (path, need, have) = ("memory.weight.bytes", tile.weightBytes, capacities.weightBytes)
  } else {
    (path, need, have) = ("memory.output.bytes", tile.outputBytes, capacities.outputBytes)
  }
  if need > have {
    throw fail(
      "\(path): \(have) bytes\(memory.doubleBuffered ? " per half" : "") cannot hold the smallest tile of this op at its bit widths (\(need) bytes)"
    )
  }
}

/// Running sums over ops, with overflow detection.
private struct TotalsAccumulator {
  var compute = 0
  var vector = 0
  var exposedVector = 0
  var stall = 0
  var total = 0
  var macs = 0
  var busyPECycles = 0.0
  var sramInput = 0
  var sramWeight = 0
  var sramOutput = 0
  var dram = DRAMTraffic()
  var energy = EnergyBreakdown.zero

  /// Adds one op; false on overflow.
  mutating func add(_ op: OpStats) -> Bool {
    energy += op.energy
    var overflow = false
    func add(_ sum: inout Int, _ value: Int) {
      let (result, o) = sum.addingReportingOverflow(value)
      sum = result
      overflow = overflow || o
    }
    add(&compute, op.computeCycles)
    add(&vector, op.vectorCycles)
    add(&exposedVector, op.exposedVectorCycles)
    add(&stall, op.stallCycles)
    add(&total, op.totalCycles.count)
    add(&macs, op.array.macs)
    busyPECycles += Double(op.array.macs) / Double(max(op.lanes, 1))
    add(&sramInput, op.sramInputReadBytes)
    add(&sramWeight, op.sramWeightReadBytes)
    add(&sramOutput, op.sramOutputWriteBytes)
    guard let sum = dram.adding(op.dram) else { return false }
    dram = sum
    return !overflow && checkedSum(of: [sramInput, sramWeight]) != nil
  }

  func totals(array: SystolicArray) -> SimulationResult.Totals {
    let peCycles = Double(total) * Double(array.rows) * Double(array.cols)
    return SimulationResult.Totals(
      computeCycles: Cycles(compute), vectorCycles: vector, exposedVectorCycles: exposedVector,
      stallCycles: stall, totalCycles: Cycles(total), macs: macs,
      sramInputReadBytes: sramInput, sramWeightReadBytes: sramWeight,
      sramOutputWriteBytes: sramOutput, sramReadBytes: sramInput + sramWeight,
      sramWriteBytes: sramOutput, dram: dram,
      utilization: total > 0 ? busyPECycles / peCycles : 0, energy: energy)
  }
}
