import Hardware
import LayerTrace
import Simulator
import Testing
import ViTGraph

/// Integer lanes and the N:M sparse core in the fast engine.
struct LanesAndSparsityTests {
  static func reduction(
    _ record: TraceRecord, lanes: [String: Int], patterns: [String] = [],
    unsupported: IntegerLanes.Unsupported = .decompose
  ) throws -> Reduction {
    var chip = Chip.default
    chip.lanes = IntegerLanes(
      macsPerCycle: Dictionary(
        uniqueKeysWithValues: try lanes.map { (try #require(PrecisionPair($0.key)), $0.value) }),
      unsupported: unsupported)
    chip.sparseCore = SparseCore(
      patterns: patterns.compactMap(SparseCore.Pattern.init(parsing:)), selectCyclesPerFold: 0)
    return try Reduction.of(record, on: chip, handling: .chip)
  }

  static func linear(k: Int, w: Int = 8, a: Int = 8, sparsity: Sparsity = .dense) -> TraceRecord {
    .gemm(
      name: "fc", kind: .linear, m: 4, k: k, n: 4, weightBits: w, actBits: a, sparsity: sparsity)
  }

  @Test func `reduction words follow lanes and the sparse pattern, by hand`() throws {
    // Dense INT8, one lane: K words of 8 + 8 bits.
    var r = try Self.reduction(Self.linear(k: 384), lanes: ["8x8": 1])
    #expect((r.words, r.inputBitsPerWord, r.weightBitsPerWord) == (384, 8, 8))
    // INT4 with 4 lanes: ⌈385/4⌉ = 97 words of 16 bits each.
    r = try Self.reduction(Self.linear(k: 385, w: 4, a: 4), lanes: ["8x8": 1, "4x4": 4])
    #expect((r.words, r.lanes, r.inputBitsPerWord, r.weightBitsPerWord) == (97, 4, 16, 16))
    // 2:4 INT8, one lane: 2·⌈384/4⌉ = 192 words; 10 weight bits (8 value + 2 index), 16
    // activation bits (each kept value selects from 2 activations on average).
    r = try Self.reduction(
      Self.linear(k: 384, sparsity: .twoFour), lanes: ["8x8": 1], patterns: ["2:4"])
    #expect(
      (r.words, r.inputBitsPerWord, r.weightBitsPerWord, r.metadataBitsPerWord) == (192, 16, 10, 2))
    #expect(r.multipliedPerOutput == 192)
    // A tail group is padded: K = 5 → 2 groups → 4 kept values (SCALE-Sim would keep 3).
    r = try Self.reduction(
      Self.linear(k: 5, sparsity: .twoFour), lanes: ["8x8": 1], patterns: ["2:4"])
    #expect(r.words == 4)
    // 2:4 with 2 lanes: ⌈⌈384/4⌉·2/2⌉ = 96 words.
    r = try Self.reduction(
      Self.linear(k: 384, sparsity: .twoFour), lanes: ["8x8": 2], patterns: ["2:4"])
    #expect(r.words == 96)
    // 2:8 keeps 3 index bits per value.
    r = try Self.reduction(
      Self.linear(k: 64, sparsity: .structured(n: 2, m: 8)), lanes: ["8x8": 1], patterns: ["2:8"])
    #expect((r.words, r.metadataBitsPerWord) == (16, 3))
  }

  @Test func `missing pairs are widened, decomposed or rejected as the chip says`() throws {
    // W4A8 on a table with 8x8 and 4x4: the fastest covering pair is 8x8.
    var r = try Self.reduction(Self.linear(k: 64, w: 4, a: 8), lanes: ["8x8": 1, "4x4": 2])
    #expect((r.words, r.lanes, r.passes) == (64, 1, 1))
    #expect(r.weightBitsPerWord == 4)  // stored at 4 bits, widened in the PE
    // 16×16 on an INT8 PE: four 8×8 passes per element.
    r = try Self.reduction(Self.linear(k: 64, w: 16, a: 16), lanes: ["8x8": 1])
    #expect((r.words, r.passes) == (64, 4))
    #expect(throws: Reduction.Failure.unsupportedPair(PrecisionPair(weightBits: 4, actBits: 8))) {
      try Self.reduction(Self.linear(k: 64, w: 4, a: 8), lanes: ["8x8": 1], unsupported: .reject)
    }
  }

  @Test func `sparse weights run densely without a sparse core and fail on a missing pattern`()
    throws
  {
    let record = Self.linear(k: 64, sparsity: .twoFour)
    #expect(try Self.reduction(record, lanes: ["8x8": 1]).words == 64)
    #expect(throws: Reduction.Failure.unsupportedPattern(n: 2, m: 4)) {
      try Self.reduction(record, lanes: ["8x8": 1], patterns: ["1:4"])
    }
  }

  /// 1 200 seeded cases over lane and sparse operations, all dataflows: the PE-level reference
  /// (packing words, stepping registers) agrees with the fast engine's cycles.
  @Test(arguments: 0..<4)
  func `the PE-level reference agrees with the fast engine on lanes and sparsity`(_ chunk: Int)
    throws
  {
    let operations: [PEArrayReference.Operation] = [
      .int4(lanes: 2), .dense(weightBits: 8, activationBits: 4, lanes: 2),
      .sparse(n: 2, m: 4, lanes: 1), .sparse(n: 2, m: 4, lanes: 2), .sparse(n: 1, m: 4, lanes: 1),
      .sparse(n: 2, m: 8, lanes: 1), .sparse(n: 4, m: 8, lanes: 1),
    ]
    let outcomes = try ReferenceCheck.run(
      cases: 300, seed: 0x5A9E + UInt64(chunk), limits: .init(maxPEUpdates: 150_000),
      operations: operations
    ) { c in
      let chip = c.operation.chip(rows: c.rows, cols: c.cols, dataflow: c.dataflow)
      let record = c.operation.record(m: c.m, k: c.k, n: c.n)
      let reduction = try Reduction.of(record, on: chip, handling: .chip)
      return try ArrayEngine.stats(for: record, on: chip.array, reduction: reduction).computeCycles
        .count
    }
    for outcome in outcomes where !outcome.passed {
      Issue.record(
        "\(outcome.testCase): reference \(outcome.referenceCycles) vs fast \(outcome.expectedCycles), product ok \(outcome.productMatches)"
      )
    }
  }

  /// INT8 2:4 weights take 5 bits per original element (8-bit value + 2-bit index per kept
  /// half): a 384×1152 weight read once is 384·1152·5/8 = 276 480 bytes, 62.5 % of dense,
  /// 55 296 of them metadata. INT4 2:4: 3 bits per element, 75 %.
  @Test func `compressed weights move at their exact bit sizes`() throws {
    let chip = try #require(try Chip.example(named: "datacenter-128x128"))
    func weightBytes(_ bits: Int, _ sparsity: Sparsity) throws -> (Int, Int) {
      let trace = LayerTrace(records: [
        .gemm(
          name: "qkv", kind: .linear, m: 197, k: 384, n: 1152, weightBits: bits, sparsity: sparsity)
      ])
      let op = try simulate(trace, on: chip).ops[0]
      return (op.dram.weightReadBytes + op.dram.metadataReadBytes, op.dram.metadataReadBytes)
    }
    #expect(try weightBytes(8, .dense) == (442_368, 0))
    #expect(try weightBytes(8, .twoFour) == (276_480, 55_296))
    #expect(try weightBytes(4, .twoFour).0 == 165_888)  // 384·1152·3/8
  }

  @Test(arguments: ["deit-small", "swin-tiny", "biformer-tiny"])
  func `a 2:4 chip running a dense trace equals a dense chip`(_ model: String) throws {
    let trace = try #require(ModelCatalog.named(model)).build(224, 1).lowered()
    let sparseChip = try #require(try Chip.example(named: "datacenter-128x128"))
    var denseChip = sparseChip
    denseChip.sparseCore = SparseCore(patterns: [], selectCyclesPerFold: 0)
    #expect(
      try simulate(trace, on: sparseChip) == simulate(trace, on: denseChip).renamed(sparseChip))
  }

  @Test(arguments: ["deit-small", "swin-tiny", "cswin-tiny", "biformer-tiny"])
  func `2:4 never increases MACs, weight bytes or MAC energy`(_ model: String) throws {
    let dense = try #require(ModelCatalog.named(model)).build(224, 1).lowered()
    let sparse = try QuantizationRecipe.named("W8A8")!.apply(to: dense, sparsity: .twoFour)
    let chip = try #require(try Chip.example(named: "datacenter-128x128"))
    let a = try simulate(dense, on: chip)
    let b = try simulate(sparse, on: chip)
    for index in dense.records.indices {
      #expect(b.ops[index].array.macs <= a.ops[index].array.macs, "\(dense.records[index].name)")
      #expect(
        b.ops[index].dram.weightReadBytes + b.ops[index].dram.metadataReadBytes
          <= a.ops[index].dram.weightReadBytes, "\(dense.records[index].name)")
      #expect(b.ops[index].sramWeightReadBytes <= a.ops[index].sramWeightReadBytes)
      #expect(
        b.ops[index].energy.macPicojoules <= a.ops[index].energy.macPicojoules,
        "\(dense.records[index].name): MAC energy \(b.ops[index].energy.macPicojoules) > \(a.ops[index].energy.macPicojoules)"
      )
    }
    #expect(b.totals.macs < a.totals.macs)
    #expect(b.totals.totalCycles < a.totals.totalCycles)
  }

  @Test(arguments: ModelCatalog.all.map(\.name))
  func `W4 never increases cycles over W8 on a lane-capable chip`(_ model: String) throws {
    let trace = try #require(ModelCatalog.named(model)).build(224, 1).lowered()
    let chip = try #require(try Chip.example(named: "edge-16x16"))
    let w8 = try simulate(
      QuantizationRecipe.named("W8A8")!.apply(to: trace, sparsity: .dense), on: chip)
    let w4 = try simulate(
      QuantizationRecipe.named("W4A8")!.apply(to: trace, sparsity: .dense), on: chip)
    for index in trace.records.indices where trace.records[index].kind.isGEMM {
      #expect(
        w4.ops[index].computeCycles <= w8.ops[index].computeCycles,
        "\(trace.records[index].name)")
    }
    #expect(w4.totals.totalCycles <= w8.totals.totalCycles)
  }
}

extension SimulationResult {
  /// The result with its chip replaced (to compare results of chips that differ only in a
  /// part the trace does not use).
  fileprivate func renamed(_ chip: Chip) -> SimulationResult {
    var copy = self
    copy.chip = chip
    return copy
  }
}
