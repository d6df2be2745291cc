import Hardware
import LayerTrace

/// Turns an op's counters into energy with the chip's ``EnergyTable`` (Timeloop's ERT: every
/// energy per action comes from the config).
///
/// | part | formula (pJ) |
/// |---|---|
/// | mac | `macs · mac_pj[W×A] + macs · (W + A + accumulator_bits) · register_pj_per_bit + metadata index reads · metadata_decode_pj + sparse MACs · mux_pj` |
/// | sram | Σ bits · pJ/bit of the buffer touched: array reads of inputs (input buffer) and weights and metadata (weight buffer), output writes and accumulation reads (output buffer); DRAM reads written into their buffer, DRAM writes read out of the output buffer; vector-unit reads (input buffer) and writes (output buffer) |
/// | dram | `(DRAM read + write bytes) · 8 · dram_pj_per_bit` |
/// | vector | `elements · vector_pj_per_element[kind] + evaluations · method_pj[method]` |
/// | static | `(pe · R·C + sram_per_mib · SRAM MiB + vector_lane · lanes) mW · total_cycles / clock` |
///
/// Register bits per MAC: the PE latches its weight and its activation operand and writes its
/// accumulator (`W + A + accumulator_bits`); idle PE-cycles cost leakage only. An SRAM access
/// costs the per-bit energy of the array it touches: one half of a double-buffered buffer
/// (each half is its own array), all of it otherwise, capped at `sram_bank_bytes`
/// (``EnergyTable/sramPicojoulesPerBit(_:arrayBytes:)``). A unified buffer is one buffer for
/// every role. O(1) per op.
public struct EnergyModel: Sendable {
  public let table: EnergyTable
  /// pJ per bit: read and write of the input, weight and output buffers.
  public let inputReadPicojoulesPerBit: Double
  public let inputWritePicojoulesPerBit: Double
  public let weightReadPicojoulesPerBit: Double
  public let weightWritePicojoulesPerBit: Double
  public let outputReadPicojoulesPerBit: Double
  public let outputWritePicojoulesPerBit: Double
  /// Register bits each MAC moves besides its operands: the accumulator width.
  public let accumulatorBits: Int
  /// Leakage of the whole chip, mW.
  public let leakageMilliwatts: Double
  /// The array clock, MHz.
  public let clockMHz: Double

  public init(chip: Chip) {
    let table = chip.energy
    self.table = table
    let memory = chip.memory
    let halves = memory.doubleBuffered ? 2 : 1
    func perBit(_ buffer: SRAMBuffer) -> (read: Double, write: Double) {
      let bytes = max(buffer.bytes / halves, 1)
      return (
        table.sramPicojoulesPerBit(.read, arrayBytes: bytes),
        table.sramPicojoulesPerBit(.write, arrayBytes: bytes)
      )
    }
    let input: (read: Double, write: Double)
    let weight: (read: Double, write: Double)
    let output: (read: Double, write: Double)
    switch memory.buffers {
    case .split(let i, let w, let o):
      (input, weight, output) = (perBit(i), perBit(w), perBit(o))
    case .unified(let buffer):
      let shared = perBit(buffer)
      (input, weight, output) = (shared, shared, shared)
    }
    (inputReadPicojoulesPerBit, inputWritePicojoulesPerBit) = input
    (weightReadPicojoulesPerBit, weightWritePicojoulesPerBit) = weight
    (outputReadPicojoulesPerBit, outputWritePicojoulesPerBit) = output
    accumulatorBits = memory.accumulatorBits
    let pes = Double(chip.array.rows) * Double(chip.array.cols)
    let sramMiB = Double(memory.sramBytes ?? 0) / 1_048_576
    leakageMilliwatts =
      table.leakage.milliwattsPerPE * pes + table.leakage.milliwattsPerSRAMMiB * sramMiB
      + table.leakage.milliwattsPerVectorLane * Double(chip.vectorUnit.lanes)
    clockMHz = chip.array.clockMHz
  }

  /// The energy of one simulated op: ``breakdown(_:)`` of its ``EnergyCounters``.
  public func energy(of record: TraceRecord, _ op: OpStats, on chip: Chip) -> EnergyBreakdown {
    breakdown(EnergyCounters(record: record, op: op, chip: chip))
  }

  /// The energy of one op's counters, by part (see the type's table).
  public func breakdown(_ c: EnergyCounters) -> EnergyBreakdown {
    var energy = EnergyBreakdown()
    if c.macs > 0 || c.sparseMACs > 0 || c.metadataIndexReads > 0 {
      let macs = c.macs
      let mac = table.macPicojoules(weightBits: c.weightBits, actBits: c.actBits)
      let registerBits = Double(c.weightBits + c.actBits + accumulatorBits)
      energy.macPicojoules =
        macs * mac + macs * registerBits * table.registerPicojoulesPerBit
        + Double(c.metadataIndexReads) * table.metadataDecodePicojoules
        + Double(c.sparseMACs) * table.muxPicojoules
    }
    let dram = c.dram
    func bits(_ bytes: Int) -> Double { Double(bytes) * 8 }
    // The array's side: operand reads, output writes, accumulation reads.
    let arraySide =
      bits(c.sramInputReadBytes) * inputReadPicojoulesPerBit
      + (bits(c.sramWeightReadBytes) + Double(c.metadataBits)) * weightReadPicojoulesPerBit
      + bits(c.sramOutputWriteBytes) * outputWritePicojoulesPerBit
      + bits(c.sramAccumulationReadBytes) * outputReadPicojoulesPerBit
    // DRAM reads land in their buffer; DRAM writes leave the output buffer.
    let dramSide =
      bits(dram.inputReadBytes) * inputWritePicojoulesPerBit
      + bits(dram.weightReadBytes + dram.metadataReadBytes) * weightWritePicojoulesPerBit
      + bits(dram.partialSumReadBytes) * outputWritePicojoulesPerBit
      + bits(dram.partialSumWriteBytes + dram.outputWriteBytes) * outputReadPicojoulesPerBit
    let vectorSide =
      c.vectorSRAMReadBits * inputReadPicojoulesPerBit
      + c.vectorSRAMWriteBits * outputWritePicojoulesPerBit
    energy.sramPicojoules = arraySide + dramSide + vectorSide
    energy.dramPicojoules = bits(dram.readBytes + dram.writeBytes) * table.dramPicojoulesPerBit
    if let kind = c.vectorKind {
      energy.vectorPicojoules =
        Double(c.vectorElements) * (table.vectorPicojoulesPerElement[kind] ?? 0)
      if let method = c.nonlinearMethod {
        energy.vectorPicojoules +=
          Double(c.nonlinearEvaluations) * (table.methodPicojoules[method] ?? 0)
      }
    }
    // mW · cycles / MHz = 1e-3 J/s · cycles / (1e6 /s) = 1e-9 J = 1e3 pJ per (mW·cycle/MHz).
    energy.staticPicojoules = leakageMilliwatts * Double(c.totalCycles) / clockMHz * 1000
    return energy
  }
}
