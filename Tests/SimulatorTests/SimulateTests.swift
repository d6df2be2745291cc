import Hardware
import LayerTrace
import Simulator
import Testing

/// ``simulate(_:on:options:)`` over whole traces: totals, bytes at operand widths, errors.
struct SimulateTests {
  static let trace = LayerTrace(records: [
    .gemm(name: "qkv", kind: .linear, m: 197, k: 384, n: 1152),
    .gemm(name: "qk", kind: .matmul, batch: 6, m: 197, k: 64, n: 197),
    .vector(name: "softmax", kind: .softmax, rows: 6 * 197, rowLength: 197),
    .gemm(
      name: "fc1", kind: .linear, m: 197, k: 384, n: 1536, weightBits: 4, actBits: 8, outBits: 8,
      sparsity: .twoFour),
  ])

  @Test(arguments: Chip.exampleNames)
  func `totals are the sums of the ops`(_ name: String) throws {
    let chip = try #require(try Chip.example(named: name))
    let result = try simulate(Self.trace, on: chip)
    #expect(result.ops.count == Self.trace.records.count)
    let cycles = result.ops.reduce(0) { $0 + $1.totalCycles.count }
    #expect(result.totals.totalCycles.count == cycles)
    #expect(result.totals.computeCycles.count == result.ops.reduce(0) { $0 + $1.computeCycles })
    // Latency splits exactly into array compute, exposed vector work and stalls.
    #expect(
      cycles
        == result.totals.computeCycles.count + result.totals.exposedVectorCycles
        + result.totals.stallCycles)
    #expect(result.totals.macs == result.ops.reduce(0) { $0 + $1.array.macs })
    if chip.sparseCore.patterns.isEmpty {
      #expect(result.totals.macs == Self.trace.macs())
    } else {
      // fc1's 2:4 weight: half of its 197·384·1536 MACs are skipped.
      #expect(result.totals.macs == Self.trace.macs() - 197 * 192 * 1536)
    }
    #expect(result.totals.sramReadBytes == result.ops.reduce(0) { $0 + $1.sramReadBytes })
    #expect(result.totals.sramWriteBytes == result.ops.reduce(0) { $0 + $1.sramWriteBytes })
    // Busy PE-cycles: each op's MACs over the lanes its precision pair runs at.
    let busy = result.ops.reduce(0.0) { $0 + Double($1.array.macs) / Double($1.lanes) }
    let expected = busy / (Double(cycles) * Double(chip.array.rows * chip.array.cols))
    #expect(close(result.totals.utilization, expected, relative: 1e-12))
    // Softmax on the vector unit: 3 passes + 4 cycles of exact exp per element, over the lanes:
    // ⌈6·197·197 · 7 / lanes⌉ (16 lanes: 101874; 32: 50937; 128: 12735).
    let lanes = chip.vectorUnit.lanes
    #expect(result.ops[2].vectorCycles == (6 * 197 * 197 * 7 + lanes - 1) / lanes)
    #expect(result.ops[2].array.computeCycles == .zero)
    #expect(result.ops[2].sramReadBytes == 0)
    #expect(
      close(
        result.latencyMilliseconds, Double(cycles) / (chip.array.clockMHz * 1000), relative: 1e-15))
  }

  @Test func `bytes use each operand's bit width, rounded up`() throws {
    let result = try simulate(Self.trace, on: .default)
    let fc1 = result.ops[3]
    #expect(fc1.sramWeightReadBytes == (fc1.array.sramWeightReadElements * 4 + 7) / 8)
    #expect(fc1.sramInputReadBytes == fc1.array.sramInputReadElements)
    #expect(fc1.sramOutputWriteBytes == fc1.array.sramOutputWriteElements)
    #expect(fc1.sramReadBytes == fc1.sramInputReadBytes + fc1.sramWeightReadBytes)
    let odd = LayerTrace(records: [
      .gemm(name: "odd", kind: .linear, m: 1, k: 1, n: 1, weightBits: 3)
    ])
    #expect(try simulate(odd, on: .default).ops[0].sramWeightReadBytes == 1)
  }

  @Test func `condensed sparsity only when asked`() throws {
    let dense = try simulate(Self.trace, on: .default)
    let sparse = try simulate(Self.trace, on: .default, options: .init(sparseWeights: .condensed))
    #expect(sparse.ops[3].array.effectiveK == 192)
    #expect(dense.ops[3].array.effectiveK == 384)
    #expect(sparse.ops[3].totalCycles < dense.ops[3].totalCycles)
    #expect(sparse.totals.macs < Self.trace.macs())
    #expect(sparse.ops[0] == dense.ops[0])
  }

  @Test func `an empty trace costs nothing`() throws {
    let result = try simulate(LayerTrace(), on: .default)
    #expect(result.ops.isEmpty)
    #expect(result.totals.totalCycles == .zero)
    #expect(result.totals.utilization == 0)
  }

  @Test func `overflow names the op`() {
    let chip = Chip(
      name: "tiny", array: .init(rows: 1, cols: 1, dataflow: .weightStationary, clockMHz: 1))
    let trace = LayerTrace(records: [
      .gemm(name: "ok", kind: .linear, m: 2, k: 2, n: 2),
      .gemm(name: "huge", kind: .linear, batch: 1 << 40, m: 1, k: 1 << 11, n: 1 << 11),
    ])
    #expect {
      try simulate(trace, on: chip)
    } throws: { error in
      (error as? SimulationError)?.description.hasPrefix("op 1 'huge': ") == true
    }
  }
}
