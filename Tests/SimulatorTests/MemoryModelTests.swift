import Hardware
import LayerTrace
import Simulator
import Testing

/// The memory model on GEMMs small enough to follow by hand.
struct MemoryModelTests {
  /// A chip with a `rows`×`cols` array, the given buffer sizes, DRAM of 1 byte per cycle and no
  /// latency, and SRAM ports too wide to matter.
  static func chip(
    _ dataflow: Dataflow, rows: Int = 2, cols: Int = 2, input: Int = 1 << 20,
    weight: Int = 1 << 20, output: Int = 1 << 20, latency: Int = 0
  ) -> Chip {
    func buffer(_ bytes: Int) -> SRAMBuffer {
      SRAMBuffer(bytes: bytes, readBytesPerCycle: 1e6, writeBytesPerCycle: 1e6)
    }
    let memory = MemorySystem(
      buffers: .split(input: buffer(input), weight: buffer(weight), output: buffer(output)),
      doubleBuffered: true, accumulatorBits: 32, keepActivationsOnChip: true,
      dram: DRAMChannel(bandwidth: .bytesPerCycle(1), latencyCycles: latency))
    let chip = Chip(
      name: "hand",
      array: SystolicArray(rows: rows, cols: cols, dataflow: dataflow, clockMHz: 1000),
      memory: memory)
    #expect(chip.problems().isEmpty)
    return chip
  }

  /// Output stationary, 2×2 array, M=4, K=3, N=4, everything fits.
  ///
  /// Folds: 2 row × 2 column, each R+C+T−2 = 5 cycles: 20 compute cycles. Column-outer order
  /// (i0 j0, i1 j0, i0 j1, i1 j1); A (12 B) and each W column slice (6 B) stay on chip.
  /// Loads: 12 (P0 + Q0), 6 (P1), 6 (Q1), 0; each fold writes its 2×2 outputs (4 B).
  /// Channel at 1 B/cycle, loads issued two folds ahead, loads before writes:
  ///   reads f0 0–12, f1 12–18; f0 computes 12–17; read f2 18–24; write f0 24–28;
  ///   f1 18–23; read f3 (0 B); write f1 28–32; f2 waits for write f0: 28–33; write f2 33–37;
  ///   f3 waits for write f1: 33–38; write f3 38–42. Latency 42, stalls 22.
  @Test func `an output-stationary GEMM that fits, cycle by cycle`() throws {
    let trace = LayerTrace(records: [.gemm(name: "g", kind: .linear, m: 4, k: 3, n: 4)])
    let op = try simulate(trace, on: Self.chip(.outputStationary)).ops[0]
    #expect(op.computeCycles == 20)
    #expect(op.dram.inputReadBytes == 12)
    #expect(op.dram.weightReadBytes == 12)
    #expect(op.dram.outputWriteBytes == 16)
    #expect(op.dram.partialSumReadBytes == 0 && op.dram.partialSumWriteBytes == 0)
    #expect(op.loopOrder == .columnsOuter)
    #expect(op.totalCycles.count == 42)
    #expect(op.stallCycles == 22)
  }

  /// The same GEMM with a weight buffer too small for one column slice (6 B in a 4 B half):
  /// W is streamed again for every row fold: 24 B instead of 12. A row-outer order would
  /// need one A row slice (6 B) in a 4 B half too, so it cannot help.
  @Test func `weights that do not fit are fetched once per row fold`() throws {
    let trace = LayerTrace(records: [.gemm(name: "g", kind: .linear, m: 4, k: 3, n: 4)])
    let op = try simulate(trace, on: Self.chip(.outputStationary, input: 8, weight: 8)).ops[0]
    #expect(op.dram.weightReadBytes == 24)
    // A (12 B) does not fit a 4 B half either: read once per column fold.
    #expect(op.dram.inputReadBytes == 24)
    #expect(op.dram.outputWriteBytes == 16)
  }

  /// Weight stationary, 2×2, M=3 (streamed), K=4, N=2, a 32 B output buffer (16 B halves).
  ///
  /// Unsplit: one column slice of partial sums is 3×2×4 B = 24 B > 16, so partial sums spill
  /// after the first of the 2 row folds: 24 B out and 24 B back; plus A 12, W 8, outputs 6 =
  /// 74 B, 2 folds × (2R+C+T−2 = 7) = 14 cycles; roofline max(14, 74) = 74.
  /// Split M into 2 + 1: the partial sums of a part (16 B, 8 B) stay. Part of 2: A 8 + W 8 +
  /// out 4; part of 1: A 4 + W 8 + out 2: 34 B; cycles 2×6 + 2×5 = 22; roofline 34: chosen.
  @Test func `a weight-stationary GEMM splits M to keep partial sums on chip`() throws {
    let trace = LayerTrace(records: [.gemm(name: "g", kind: .linear, m: 3, k: 4, n: 2)])
    let op = try simulate(trace, on: Self.chip(.weightStationary, output: 32)).ops[0]
    #expect(op.temporalParts == 2)
    #expect(op.computeCycles == 22)
    #expect(op.array.computeCycles.count == 14)  // SCALE-Sim's unsplit count, kept in `array`
    #expect(op.dram.inputReadBytes == 12)
    #expect(op.dram.weightReadBytes == 16)
    #expect(op.dram.outputWriteBytes == 6)
    #expect(op.dram.partialSumWriteBytes == 0)
    #expect(op.totalCycles.count >= 34)
  }

  /// With a 1 MiB output buffer the partial sums fit unsplit: 12 + 8 + 6 = 26 B, 14 cycles.
  @Test func `with room for partial sums nothing is split`() throws {
    let trace = LayerTrace(records: [.gemm(name: "g", kind: .linear, m: 3, k: 4, n: 2)])
    let op = try simulate(trace, on: Self.chip(.weightStationary)).ops[0]
    #expect(op.temporalParts == 1)
    #expect(op.computeCycles == 14)
    #expect(op.dram.totalBytes == 26)
  }

  /// A chain LN → linear → GELU with producer links: the LN output (8 B) fits the input buffer
  /// and only the linear reads it, so it never goes to DRAM; the linear reads it from SRAM; the
  /// linear's output is read only by the GELU, which is the last op, so the GELU's output is
  /// written (the model's result) but the linear's is not.
  @Test func `activations stay on chip between producer and consumer`() throws {
    var norm = TraceRecord.vector(
      name: "norm", kind: .layernorm, rows: 2, rowLength: 4, weightElements: 8)
    norm.inputs = []
    var fc = TraceRecord.gemm(name: "fc", kind: .linear, m: 2, k: 4, n: 4)
    fc.inputs = [0]
    var act = TraceRecord.vector(name: "act", kind: .gelu, elements: 8)
    act.inputs = [1]
    let result = try simulate(
      LayerTrace(records: [norm, fc, act]), on: Self.chip(.outputStationary))
    // LN: reads the model input (8 B) and its 8 affine bytes; its output stays.
    #expect(result.ops[0].dram.inputReadBytes == 8)
    #expect(result.ops[0].dram.weightReadBytes == 8)
    #expect(result.ops[0].dram.outputWriteBytes == 0)
    #expect(result.ops[0].outputOnChip)
    // The linear: no activation read, 16 weight bytes, output stays.
    #expect(result.ops[1].inputOnChip)
    #expect(result.ops[1].dram.inputReadBytes == 0)
    #expect(result.ops[1].dram.weightReadBytes == 16)
    #expect(result.ops[1].dram.outputWriteBytes == 0)
    // GELU: input from SRAM, its 8 output bytes written.
    #expect(result.ops[2].dram.inputReadBytes == 0)
    #expect(result.ops[2].dram.outputWriteBytes == 8)
  }

  /// Attention scores of 6 heads (6·197·197 = 232 854 B) do not fit a 64 KiB half-buffer, but
  /// QKᵀ and the softmax both work head by head: one head's 38 809 B do, so the scores stay on
  /// chip between them. A linear (one product) has no such slices: its 232 854 B output goes to
  /// DRAM.
  @Test func `consecutive ops exchange an output slice by slice`() throws {
    var qk = TraceRecord.gemm(name: "qk", kind: .matmul, batch: 6, m: 197, k: 64, n: 197)
    qk.inputs = []
    var softmax = TraceRecord.vector(name: "softmax", kind: .softmax, rows: 6 * 197, rowLength: 197)
    softmax.inputs = [0]
    var fc = TraceRecord.gemm(name: "fc", kind: .linear, m: 197, k: 64, n: 1182)
    fc.inputs = [1]
    var gelu = TraceRecord.vector(name: "gelu", kind: .gelu, elements: 197 * 1182)
    gelu.inputs = [2]
    let chip = Self.chip(.outputStationary, input: 131_072)
    let result = try simulate(LayerTrace(records: [qk, softmax, fc, gelu]), on: chip)
    #expect(result.ops[0].outputOnChip)
    #expect(result.ops[0].dram.outputWriteBytes == 0)
    #expect(result.ops[1].inputOnChip)
    #expect(result.ops[1].dram.inputReadBytes == 0)
    // The softmax's output (all heads) goes to a one-product linear: no common slices.
    #expect(!result.ops[1].outputOnChip)
    #expect(result.ops[1].dram.outputWriteBytes == 232_854)
    // The linear and the GELU share the GELU's element slices but the linear has one product.
    #expect(!result.ops[2].outputOnChip)
  }

  /// A vector op alone: a softmax of 4 rows × 8 on 32 lanes: ⌈32·(3+4)/32⌉ = 7 busy cycles;
  /// 32 B in and 32 B out at 1 B/cycle with 10 cycles of latency: 74 cycles, 67 of them stalls.
  @Test func `a vector op is bound by its DRAM transfers`() throws {
    let trace = LayerTrace(records: [.vector(name: "s", kind: .softmax, rows: 4, rowLength: 8)])
    let op = try simulate(trace, on: Self.chip(.outputStationary, latency: 10)).ops[0]
    #expect(op.vectorCycles == 7)
    #expect(op.totalCycles.count == 74)
    #expect(op.stallCycles == 67)
  }

  /// Remapped data movement costs nothing; a copy costs its pass (⌈64/32⌉ = 2 cycles) and its
  /// bytes (64 in, 64 out at 1 B/cycle), which overlap: 128 cycles.
  @Test func `roll and permute are free with address remapping`() throws {
    var chip = Self.chip(.outputStationary)
    let trace = LayerTrace(records: [.vector(name: "r", kind: .roll, elements: 64)])
    #expect(try simulate(trace, on: chip).ops[0].totalCycles.count == 128)
    chip.vectorUnit.dataMovement = .remap
    #expect(try simulate(trace, on: chip).ops[0].totalCycles == .zero)
  }

  @Test func `a buffer too small for an op's tile is an error naming the path`() {
    // 16-bit activations: one 2-element column of the os input tile is 4 bytes; 6 B halves of
    // 3 B cannot hold it.
    let trace = LayerTrace(records: [
      .gemm(name: "wide", kind: .linear, m: 4, k: 4, n: 4, weightBits: 16, actBits: 16)
    ])
    #expect {
      _ = try simulate(trace, on: Self.chip(.outputStationary, input: 6))
    } throws: { error in
      String(describing: error).contains("memory.input.bytes: 3 bytes per half cannot hold")
    }
  }
}

/// Absurd sizes on a very slow DRAM are an error, never a trap.
struct MemoryOverflowTests {
  @Test func `a transfer time beyond Int is reported as an overflow`() throws {
    // 2^30 products of 256 folds each; each product moves ~3 MB at 10^-6 B/cycle (~3·10^12
    // cycles): the batch's time is beyond Int. The walk reaches a steady state after a few
    // products, so this takes milliseconds, and the jump's size overflows.
    var chip = MemoryModelTests.chip(.outputStationary, rows: 64, cols: 64)
    chip.memory.dram = DRAMChannel(bandwidth: .bytesPerCycle(1e-6), latencyCycles: 10_000_000)
    let trace = LayerTrace(records: [
      .gemm(name: "huge", kind: .linear, batch: 1 << 30, m: 1 << 10, k: 1 << 10, n: 1 << 10)
    ])
    #expect {
      _ = try simulate(trace, on: chip)
    } throws: { error in
      String(describing: error).contains("overflows a 64-bit integer")
    }
  }
}

extension MemoryOverflowTests {
  @Test func `a product with more folds than the walk visits is refused, not walked`() {
    let chip = MemoryModelTests.chip(.outputStationary, rows: 1, cols: 1)
    let trace = LayerTrace(records: [
      .gemm(name: "wide", kind: .linear, m: 1 << 13, k: 4, n: 1 << 12)
    ])
    #expect {
      _ = try simulate(trace, on: chip)
    } throws: { error in
      String(describing: error).contains(
        "33554432 folds per product on a 1×1 array exceed the 16777216 the memory walk visits")
    }
  }
}

/// A batch of many identical products costs the walk a few products: the rest is added from the
/// steady state, exactly.
struct SteadyStateTests {
  @Test(arguments: [Dataflow.outputStationary, .weightStationary, .inputStationary])
  func `a long batch takes the time of the walked products extrapolated exactly`(
    _ dataflow: Dataflow
  ) throws {
    let chip = MemoryModelTests.chip(
      dataflow, rows: 4, cols: 4, input: 256, weight: 256, output: 512, latency: 7)
    func latency(_ batch: Int) throws -> Int {
      let trace = LayerTrace(records: [
        .gemm(name: "g", kind: .matmul, batch: batch, m: 9, k: 10, n: 11)
      ])
      return try simulate(trace, on: chip).ops[0].totalCycles.count
    }
    // From some product on, each product adds the same period: the latency is affine in the
    // batch; a walk without the jump would give the same numbers (checked at small batches,
    // where the jump happens after a few products anyway).
    let l10 = try latency(10)
    let l11 = try latency(11)
    let l1000 = try latency(1000)
    #expect(l1000 == l10 + 990 * (l11 - l10))
    #expect(try latency(1 << 40) > l1000)
  }
}
