import Hardware
import LayerTrace
import Simulator
import Testing
import ViTGraph

/// The energy and area model: small ops computed by hand from the config numbers, totals, and
/// the example chips on real models.
struct EnergyModelTests {
  /// An energy table with round numbers, so that every term can be written out by hand.
  static let table = EnergyTable(
    technologyNM: 45,
    macPicojoules: [PrecisionPair(weightBits: 8, actBits: 8): 1.0],
    registerPicojoulesPerBit: 0.01, sramReadPicojoulesPerBit: 0.1,
    sramWritePicojoulesPerBit: 0.2, sramReferenceBytes: 1024, sramSizeExponent: 0.5,
    sramBankBytes: 1 << 20, dramPicojoulesPerBit: 10,
    vectorPicojoulesPerElement: Dictionary(
      uniqueKeysWithValues: VectorUnit.Kind.allCases.map { ($0, 0.0) }
    ).merging([.softmax: 2, .layernorm: 5]) { $1 },
    methodPicojoules: [.exact: 7, .lut: 1, .polynomial: 3, .log2: 0.5],
    metadataDecodePicojoules: 0.25, muxPicojoules: 0.125,
    leakage: .init(milliwattsPerPE: 0.1, milliwattsPerSRAMMiB: 1, milliwattsPerVectorLane: 0.5))

  /// A 2×2 array at 1000 MHz with 4 KiB input, 2 KiB weight and 16 KiB output buffers
  /// (double-buffered: each access touches a 2048, 1024 or 8192 B half), DRAM of 1 byte per
  /// cycle, 2 vector lanes and ``table``.
  static func chip(_ dataflow: Dataflow) -> Chip {
    func buffer(_ bytes: Int) -> SRAMBuffer {
      SRAMBuffer(bytes: bytes, readBytesPerCycle: 1e6, writeBytesPerCycle: 1e6)
    }
    let memory = MemorySystem(
      buffers: .split(input: buffer(4096), weight: buffer(2048), output: buffer(16384)),
      doubleBuffered: true, accumulatorBits: 32, keepActivationsOnChip: true,
      dram: DRAMChannel(bandwidth: .bytesPerCycle(1), latencyCycles: 0))
    var unit = VectorUnit.default
    unit.lanes = 2
    let chip = Chip(
      name: "hand",
      array: SystolicArray(rows: 2, cols: 2, dataflow: dataflow, clockMHz: 1000),
      memory: memory, vectorUnit: unit, energy: table)
    #expect(chip.problems().isEmpty)
    return chip
  }

  /// Static power of ``chip(_:)``: 4 PEs · 0.1 + (4096 + 2048 + 16384) B / 1 MiB · 1 + 2 lanes ·
  /// 0.5, in mW; at 1000 MHz one cycle is 1 ns, so mW · cycles = pJ.
  static let leakageMilliwatts = 4 * 0.1 + 22528.0 / 1_048_576 + 2 * 0.5

  /// Output stationary, M=4, K=3, N=4, 8-bit operands and outputs (the memory model's
  /// hand-checked case: 42 cycles, DRAM reads 12 + 12 B, writes 16 B).
  ///
  /// - mac: 48 MACs · 1 pJ + 48 · (8 + 8 + 32) register bits · 0.01 pJ.
  /// - sram (pJ/bit by half-buffer size, √(size/1024)): input √2 · 0.1 read / √2 · 0.2 write,
  ///   weight 0.1 / 0.2, output √8 · 0.1 / √8 · 0.2. Array reads M·K·⌈N/C⌉ = 24 input bytes and
  ///   K·N·⌈M/R⌉ = 24 weight bytes, writes M·N = 16 output bytes (no accumulation reads in os);
  ///   DRAM reads are written into the input (12 B) and weight (12 B) buffers, the 16 output
  ///   bytes are read out of the output buffer.
  /// - dram: 40 B · 8 · 10 pJ.
  @Test func `a 4x3x4 GEMM on a 2x2 array, term by term`() throws {
    let trace = LayerTrace(records: [.gemm(name: "g", kind: .linear, m: 4, k: 3, n: 4)])
    let result = try simulate(trace, on: Self.chip(.outputStationary))
    let op = result.ops[0]
    #expect(op.array.macs == 48)
    #expect(op.sramInputReadBytes == 24 && op.sramWeightReadBytes == 24)
    #expect(op.sramOutputWriteBytes == 16)
    #expect(op.dram.inputReadBytes == 12 && op.dram.weightReadBytes == 12)
    #expect(op.dram.outputWriteBytes == 16 && op.dram.readBytes == 24)
    #expect(op.totalCycles.count == 42)

    let r2 = 2.0.squareRoot()
    let r8 = 8.0.squareRoot()
    let mac = 48 * 1.0 + 48 * 48 * 0.01
    let sram =
      24 * 8 * 0.1 * r2 + 24 * 8 * 0.1 + 16 * 8 * 0.2 * r8  // array side
      + 12 * 8 * 0.2 * r2 + 12 * 8 * 0.2 + 16 * 8 * 0.1 * r8  // DRAM side
    let dram = 40 * 8 * 10.0
    let leakage = Self.leakageMilliwatts * 42
    let energy = op.energy
    #expect(abs(energy.macPicojoules - mac) < 1e-9, "\(energy.macPicojoules) vs \(mac)")
    #expect(abs(energy.sramPicojoules - sram) < 1e-9, "\(energy.sramPicojoules) vs \(sram)")
    #expect(abs(energy.dramPicojoules - dram) < 1e-9)
    #expect(energy.vectorPicojoules == 0)
    #expect(abs(energy.staticPicojoules - leakage) < 1e-9)
    #expect(abs(energy.totalPicojoules - (mac + sram + dram + leakage)) < 1e-9)
    #expect(result.totals.energy == energy)
  }

  /// Weight stationary, K = 3 on 2 rows: two row folds, so each of the M·N = 16 outputs is
  /// written twice (32 B) and its first partial sum read back once (16 B, at √8 · 0.1 pJ/bit).
  @Test func `partial sums written per K-fold are read back to accumulate`() throws {
    let trace = LayerTrace(records: [.gemm(name: "g", kind: .linear, m: 4, k: 3, n: 4)])
    let chip = Self.chip(.weightStationary)
    let op = try simulate(trace, on: chip).ops[0]
    #expect(op.sramOutputWriteBytes == 32)
    let counters = EnergyCounters(record: trace.records[0], op: op, chip: chip)
    #expect(counters.sramAccumulationReadBytes == 16)
    var withoutReads = counters
    withoutReads.sramAccumulationReadBytes = 0
    let model = EnergyModel(chip: chip)
    let difference =
      model.breakdown(counters).sramPicojoules - model.breakdown(withoutReads).sramPicojoules
    #expect(abs(difference - 16 * 8 * 0.1 * 8.0.squareRoot()) < 1e-9)
  }

  /// A softmax over 2 rows of 4 (8 elements, exact exp) and a LayerNorm over the same shape
  /// (1/σ per row), 8-bit, with no producer: each reads its 8 inputs from DRAM and writes 8.
  ///
  /// - vector: softmax 8 · 2 + 8 exps · 7; layernorm 8 · 5 + 2 rows · 7.
  /// - sram: 8 B written into the input buffer from DRAM (√2 · 0.2), read by the unit (√2 · 0.1);
  ///   8 B written to the output buffer (√8 · 0.2) and read out to DRAM (√8 · 0.1).
  @Test func `vector ops charge per element, per nonlinearity and their SRAM traffic`() throws {
    let trace = LayerTrace(records: [
      .vector(name: "s", kind: .softmax, elements: 8, rows: 2, rowLength: 4),
      .vector(name: "l", kind: .layernorm, elements: 8, rows: 2, rowLength: 4),
    ])
    let result = try simulate(trace, on: Self.chip(.outputStationary))
    let (softmax, layernorm) = (result.ops[0], result.ops[1])
    #expect(softmax.dram.inputReadBytes == 8 && softmax.dram.outputWriteBytes == 8)
    #expect(abs(softmax.energy.vectorPicojoules - (8 * 2 + 8 * 7)) < 1e-9)
    #expect(abs(layernorm.energy.vectorPicojoules - (8 * 5 + 2 * 7)) < 1e-9)
    let r2 = 2.0.squareRoot()
    let r8 = 8.0.squareRoot()
    let sram = 64 * 0.2 * r2 + 64 * 0.1 * r2 + 64 * 0.2 * r8 + 64 * 0.1 * r8
    #expect(abs(softmax.energy.sramPicojoules - sram) < 1e-9)
    #expect(abs(softmax.energy.dramPicojoules - 16 * 8 * 10) < 1e-9)
    #expect(softmax.energy.macPicojoules == 0)
    #expect(
      abs(
        softmax.energy.staticPicojoules - Self.leakageMilliwatts * Double(softmax.totalCycles.count)
      )
        < 1e-9)
  }

  @Test func `the sparse core's counters pay decode and mux energy`() {
    let chip = Self.chip(.outputStationary)
    var counters = EnergyCounters()
    counters.sparseMACs = 40
    counters.metadataIndexReads = 20
    counters.metadataBits = 40
    let energy = EnergyModel(chip: chip).breakdown(counters)
    #expect(energy.macPicojoules == 20 * 0.25 + 40 * 0.125)
    // Metadata bits are read from the weight buffer (1024 B halves: 0.1 pJ/bit).
    #expect(abs(energy.sramPicojoules - 40 * 0.1) < 1e-12)
  }

  @Test func `the area adds the array, the SRAM and the vector lanes`() throws {
    var chip = Self.chip(.outputStationary)
    chip.area = AreaTable(
      pePrecision: PrecisionPair(weightBits: 8, actBits: 8),
      macSquareMicrometres: [PrecisionPair(weightBits: 8, actBits: 8): 500],
      registerSquareMicrometresPerBit: 2, sramSquareMillimetresPerMiB: 4,
      vectorLaneSquareMicrometres: 1000)
    let area = AreaBreakdown(chip: chip)
    #expect(abs(area.arraySquareMillimetres - 4 * (500 + 48 * 2) / 1e6) < 1e-15)
    #expect(abs(area.sramSquareMillimetres - 22528.0 / 1_048_576 * 4) < 1e-15)
    #expect(abs(area.vectorUnitSquareMillimetres - 2 * 1000 / 1e6) < 1e-15)
    #expect(
      area.totalSquareMillimetres
        == area.arraySquareMillimetres + area.sramSquareMillimetres
        + area.vectorUnitSquareMillimetres)
  }

  // MARK: Example chips

  struct Case: CustomStringConvertible, Sendable {
    var model: String
    var chip: String
    var description: String { "\(model) on \(chip)" }
  }

  static let cases: [Case] = ["deit-tiny", "swin-tiny"].flatMap { model in
    Chip.exampleNames.map { Case(model: model, chip: $0) }
  }

  @Test(arguments: cases)
  func `energy is positive and finite, and the totals are the per-op sums`(_ c: Case) throws {
    let trace = try #require(ModelCatalog.named(c.model)).build(224, 1).lowered()
    let chip = try #require(try Chip.example(named: c.chip))
    let result = try simulate(trace, on: chip)
    var sum = EnergyBreakdown.zero
    for (record, op) in zip(trace.records, result.ops) {
      for (column, value) in op.energy.parts {
        #expect(value.isFinite && value >= 0, "\(record.name) \(column) = \(value)")
      }
      #expect(op.energy.totalPicojoules > 0, "\(record.name)")
      if record.kind.isGEMM { #expect(op.energy.macPicojoules > 0, "\(record.name)") }
      sum += op.energy
    }
    let totals = result.totals.energy
    for ((column, total), (_, summed)) in zip(totals.parts, sum.parts) {
      #expect(abs(total - summed) <= 1e-9 * summed, "\(column)")
    }
    #expect(totals.totalPicojoules > 0 && totals.totalPicojoules.isFinite)
    let seconds = result.latencyMilliseconds / 1000
    #expect(
      abs(result.energyDelayProduct - totals.totalPicojoules * seconds) <= 1e-9
        * result.energyDelayProduct)
    #expect(result.area.totalSquareMillimetres > 0)
  }

  /// The shares quoted in README: DRAM dominates on the edge chip (LPDDR4, small buffers);
  /// the datacenter chip (HBM2, 24 MiB) spends far less of its energy in DRAM.
  @Test func `deit-base's energy split on the example chips is plausible`() throws {
    let trace = try #require(ModelCatalog.named("deit-base")).build(224, 1).lowered()
    func shares(_ name: String) throws -> (mac: Double, sram: Double, dram: Double) {
      let result = try simulate(trace, on: try #require(try Chip.example(named: name)))
      let e = result.totals.energy
      let total = e.totalPicojoules
      return (e.macPicojoules / total, e.sramPicojoules / total, e.dramPicojoules / total)
    }
    let edge = try shares("edge-16x16")
    #expect(edge.dram > 0.5, "edge DRAM share \(edge.dram)")
    #expect(edge.dram > edge.sram && edge.dram > edge.mac)
    let datacenter = try shares("datacenter-128x128")
    #expect(datacenter.dram < edge.dram)
    #expect(datacenter.mac > 0.01 && datacenter.sram > 0.01)
  }

  /// Simba (16 nm, VLSI 2019) reaches 1.29 TOPS/mm² with its buffers, control and network;
  /// the edge chip's parts (16 nm, 8-bit) should land within a factor of three of it.
  @Test func `the edge chip's peak TOPS per mm² is within 3x of Simba's`() throws {
    let chip = try #require(try Chip.example(named: "edge-16x16"))
    let area = AreaBreakdown(chip: chip).totalSquareMillimetres
    let tops = 2 * Double(chip.array.rows * chip.array.cols) * chip.array.clockMHz * 1e6 / 1e12
    let density = tops / area
    #expect(density > 1.29 / 3 && density < 1.29 * 3, "\(density) TOPS/mm²")
  }
}
