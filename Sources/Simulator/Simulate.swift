import Hardware
import LayerTrace

/// Simulates every record of `trace` on `chip` with the fast engine.
///
/// Records run one after another; each GEMM record is costed by ``ArrayEngine`` in O(1), and
/// vector records cost 0 array cycles (the vector unit comes later). Bytes are
/// `⌈elements·bits/8⌉` at each operand's bit width. The loop does no dictionary look-ups,
/// string work or dynamic dispatch.
///
/// - Parameters:
///   - trace: the ops; GEMM dims must be ≥ 1 (as ``TraceRecord/problems()`` demands).
///   - chip: a validated chip.
///   - options: how N:M weights run.
/// - Returns: per-op stats in trace order and their totals.
/// - Throws: ``SimulationError`` naming the first record with a GEMM dim below 1 or a count
///   that overflows `Int`.
/// Complexity: O(records).
public func simulate(
  _ trace: LayerTrace, on chip: Chip, options: SimulationOptions = SimulationOptions()
) throws(SimulationError) -> SimulationResult {
  let array = chip.array
  var ops: [OpStats] = []
  ops.reserveCapacity(trace.records.count)
  var compute = 0
  var total = 0
  var macs = 0
  var input = 0
  var weight = 0
  var output = 0
  var overflow = false
  for (index, record) in trace.records.enumerated() {
    func fail(_ message: String) -> SimulationError {
      SimulationError(index: index, name: record.name, message: message)
    }
    let stats: ArrayOpStats
    do {
      stats = try ArrayEngine.stats(for: record, on: array, sparseWeights: options.sparseWeights)
    } catch {
      switch error {
      case .emptyDimension:
        throw fail("batch, m, k and n must be at least 1 for a \(record.kind.rawValue) record")
      case .overflow:
        throw fail("a count overflows a 64-bit integer on a \(array.rows)×\(array.cols) array")
      }
    }
    guard
      let inputBytes = packedBytes(count: stats.sramInputReadElements, bits: record.actBits),
      let weightBytes = packedBytes(count: stats.sramWeightReadElements, bits: record.weightBits),
      let outputBytes = packedBytes(count: stats.sramOutputWriteElements, bits: record.outBits)
    else { throw fail("SRAM traffic in bytes overflows a 64-bit integer") }
    let (readBytes, readOverflow) = inputBytes.addingReportingOverflow(weightBytes)
    guard !readOverflow else { throw fail("SRAM read bytes overflow a 64-bit integer") }
    let cycles = stats.computeCycles
    ops.append(
      OpStats(
        array: stats, totalCycles: cycles, sramInputReadBytes: inputBytes,
        sramWeightReadBytes: weightBytes, sramOutputWriteBytes: outputBytes,
        sramReadBytes: readBytes))
    accumulate(&compute, cycles.count, &overflow)
    accumulate(&total, cycles.count, &overflow)
    accumulate(&macs, stats.macs, &overflow)
    accumulate(&input, inputBytes, &overflow)
    accumulate(&weight, weightBytes, &overflow)
    accumulate(&output, outputBytes, &overflow)
    if overflow { throw fail("the running totals overflow a 64-bit integer") }
  }
  let (read, readOverflow) = input.addingReportingOverflow(weight)
  if readOverflow {
    throw SimulationError(
      index: trace.records.count - 1, name: trace.records.last?.name ?? "",
      message: "the total SRAM read bytes overflow a 64-bit integer")
  }
  let peCycles = Double(total) * Double(array.rows) * Double(array.cols)
  let totals = SimulationResult.Totals(
    computeCycles: Cycles(compute), totalCycles: Cycles(total), macs: macs,
    sramInputReadBytes: input, sramWeightReadBytes: weight, sramOutputWriteBytes: output,
    sramReadBytes: read, sramWriteBytes: output,
    utilization: total > 0 ? Double(macs) / peCycles : 0)
  return SimulationResult(chip: chip, ops: ops, totals: totals)
}

/// `sum += value`, setting `overflow` instead of trapping.
@inline(__always)
private func accumulate(_ sum: inout Int, _ value: Int, _ overflow: inout Bool) {
  let (result, didOverflow) = sum.addingReportingOverflow(value)
  sum = result
  overflow = overflow || didOverflow
}
