/// The default value of every chip key, in one place.
///
/// A key missing from a chip file takes its value from here, and `vitsim simulate` without
/// `--chip` runs on ``Chip/default``. The default chip is the mid-range example
/// `HardwareConfigs/mid-32x32.json`: a 32×32 output-stationary array at 1 GHz, the size of
/// SCALE-Sim's sample configs (`configs/scale.cfg`: 32×32, os) and a common design point for
/// edge-to-mid accelerators. A test checks that the file and this value agree. The `energy` and
/// `area` defaults are per technology node, in `EnergyTable+Defaults.swift` (7 nm here).
extension Chip {
  /// The default chip, `mid-32x32`.
  public static let `default` = Chip(
    version: Chip.formatVersion,
    name: "mid-32x32",
    array: .default)
}

extension SystolicArray {
  /// The default array: 32×32, output stationary, 1000 MHz.
  public static let `default` = SystolicArray(
    rows: 32, cols: 32, dataflow: .outputStationary, clockMHz: 1000)
}

// Memory and vector-unit defaults: the mid-range chip of `HardwareConfigs/mid-32x32.json`.
//
// - SRAM 1 MiB in three buffers (¼ activations, ½ weights, ¼ outputs), 64 B/cycle per port:
//   twice the 32 + 32 bytes an 8-bit 32×32 array reads per cycle, so the ports only limit
//   16-bit or wider operands.
// - DRAM: LPDDR5-6400 on a 64-bit interface, 6400 MT/s × 8 B = 51.2 GB/s, i.e. 51.2 B per
//   cycle at 1 GHz (data rate from the LPDDR generations table cited in README); latency
//   100 cycles (~100 ns, a typical loaded LPDDR access; a placeholder, not a measurement).
// - Partial sums at 32 bits (an INT8×INT8 MAC accumulates in INT32).
// - Vector unit: 32 lanes (one per array column), cycles per element as documented in README
//   ("Vector unit"): placeholders chosen from the number of passes each op makes over its data
//   (softmax 3: max, exp-and-sum, scale; LayerNorm 3: mean, variance, normalise; others 1,
//   top-k 2), plus a per-method cost of the nonlinearity (exact 4, polynomial 2, LUT 1,
//   log2 1 cycles per evaluation).
extension SRAMBuffer {
  /// The default activation (input) buffer: 256 KiB, 64 B/cycle each way.
  public static let defaultInput = SRAMBuffer(
    bytes: 262_144, readBytesPerCycle: 64, writeBytesPerCycle: 64)
  /// The default weight buffer: 512 KiB, 64 B/cycle each way.
  public static let defaultWeight = SRAMBuffer(
    bytes: 524_288, readBytesPerCycle: 64, writeBytesPerCycle: 64)
  /// The default output / partial-sum buffer: 256 KiB, 64 B/cycle each way.
  public static let defaultOutput = SRAMBuffer(
    bytes: 262_144, readBytesPerCycle: 64, writeBytesPerCycle: 64)
  /// The default unified buffer (when a chip says `unified` without sizes): 1 MiB,
  /// 192 B/cycle each way (the three split ports together).
  public static let defaultUnified = SRAMBuffer(
    bytes: 1_048_576, readBytesPerCycle: 192, writeBytesPerCycle: 192)
}

extension DRAMChannel {
  /// LPDDR5-class: 51.2 GB/s, 100 cycles of latency.
  public static let `default` = DRAMChannel(
    bandwidth: .gigabytesPerSecond(51.2), latencyCycles: 100)
}

extension MemorySystem {
  /// Split 256 + 512 + 256 KiB buffers, double-buffered, 32-bit partial sums, activations
  /// kept on chip, LPDDR5-class DRAM.
  public static let `default` = MemorySystem(
    buffers: .split(input: .defaultInput, weight: .defaultWeight, output: .defaultOutput),
    doubleBuffered: true, accumulatorBits: 32, keepActivationsOnChip: true, dram: .default)
}

extension VectorUnit {
  /// 32 lanes, overlapping the array, real copies for data movement, exact nonlinearities.
  public static let `default` = VectorUnit(
    lanes: 32, overlapWithArray: true, dataMovement: .copy,
    cyclesPerElement: [
      .softmax: 3, .layernorm: 3, .batchnorm: 1, .gelu: 1, .add: 1, .mul: 1, .mean: 1, .topk: 2,
      .gather: 1, .roll: 1, .permute: 1, .concat: 1,
    ],
    nonlinearMethod: [.softmax: .exact, .gelu: .exact, .layernorm: .exact],
    methodCycles: [.exact: 4, .lut: 1, .polynomial: 2, .log2: 1])
}

// Lanes and sparse core defaults: a plain INT8 PE (one 8×8 MAC per cycle, narrower pairs
// widened onto it, wider ones in several passes) without sparse support, as the SCALE-Sim
// arrays the engine is validated against.
extension IntegerLanes {
  /// One 8×8 MAC per PE per cycle; other pairs decomposed.
  public static let `default` = IntegerLanes(
    macsPerCycle: [PrecisionPair(weightBits: 8, actBits: 8): 1], unsupported: .decompose)
}

extension SparseCore {
  /// No sparse support.
  public static let `default` = SparseCore(patterns: [], selectCyclesPerFold: 0)
}
