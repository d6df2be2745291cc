// The per-node defaults of the `energy` and `area` sections, each number with its source and a
// mark: [verified] read in the cited source (or the source's code); [derived] computed from
// cited numbers by the rule stated; [unverified] widely repeated, primary text not read;
// placeholder: no citable number, a documented stand-in to be replaced.
//
// Everything is built at 45 nm (Horowitz's node) and carried to 16, 7 and 5 nm by
// ``TechnologyNode``'s rules: logic by the Stillmaker & Baas factors, SRAM by √node (CACTI
// plug-in rule), DRAM never. Node-scaled values are rounded to four significant digits so
// that dumped configs stay readable.

extension EnergyTable {
  /// The default energy table: the default chip's node (7 nm, `mid-32x32`).
  public static let `default` = EnergyTable.defaults(for: .nm7)

  /// The defaults of `node`: the 45 nm values below, logic × ``TechnologyNode/logicEnergyFactor``,
  /// SRAM × ``TechnologyNode/sramEnergyFactor`` (leakage × ``TechnologyNode/sramLeakageFactor``),
  /// DRAM and the SRAM size rule unchanged.
  public static func defaults(for node: TechnologyNode) -> EnergyTable {
    let logic = node.logicEnergyFactor
    let sram = node.sramEnergyFactor
    let base = Base45nm.self
    func l(_ value: Double) -> Double { node == .nm45 ? value : significant(value * logic) }
    func s(_ value: Double) -> Double { node == .nm45 ? value : significant(value * sram) }
    return EnergyTable(
      technologyNM: node.rawValue,
      macPicojoules: base.macPicojoules.mapValues(l),
      registerPicojoulesPerBit: l(base.registerPicojoulesPerBit),
      sramReadPicojoulesPerBit: s(base.sramReadPicojoulesPerBit),
      sramWritePicojoulesPerBit: s(base.sramWritePicojoulesPerBit),
      sramReferenceBytes: base.sramReferenceBytes,
      sramSizeExponent: base.sramSizeExponent,
      sramBankBytes: base.sramBankBytes,
      dramPicojoulesPerBit: DRAMClass.lpddr5.picojoulesPerBit,
      vectorPicojoulesPerElement: base.vectorPicojoulesPerElement.mapValues(l),
      methodPicojoules: base.methodPicojoules.mapValues(l),
      metadataDecodePicojoules: l(base.metadataDecodePicojoules),
      muxPicojoules: l(base.muxPicojoules),
      leakage: Leakage(
        milliwattsPerPE: l(base.leakageMilliwattsPerPE),
        milliwattsPerSRAMMiB: node == .nm45
          ? base.leakageMilliwattsPerSRAMMiB
          : significant(base.leakageMilliwattsPerSRAMMiB * node.sramLeakageFactor),
        milliwattsPerVectorLane: l(base.leakageMilliwattsPerVectorLane)))
  }

  /// The defaults of a node given in nanometres; the default node's when `nm` is not one of
  /// 45, 16, 7, 5 (validation reports that).
  public static func defaults(forNanometres nm: Int) -> EnergyTable {
    TechnologyNode(rawValue: nm).map(defaults(for:)) ?? .default
  }

  /// The 45 nm values every node's defaults are built from.
  public enum Base45nm {
    // Horowitz, "Computing's Energy Problem (and what we can do about it)", ISSCC 2014,
    // 45 nm, 0.9 V [unverified vs the primary PDF; the table is reproduced consistently].
    /// INT8 multiply, pJ (Horowitz).
    public static let int8MultiplyPicojoules = 0.2
    /// INT32 add, pJ (Horowitz): the MAC's accumulator adder.
    public static let int32AddPicojoules = 0.1
    /// INT8 add, pJ (Horowitz).
    public static let int8AddPicojoules = 0.03
    /// FP16 add, pJ (Horowitz): the vector unit's adds and compares.
    public static let fp16AddPicojoules = 0.4
    /// FP16 multiply, pJ (Horowitz): the vector unit's multiplies.
    public static let fp16MultiplyPicojoules = 1.1

    /// The MAC of a `W`×`A` product into a 32-bit accumulator, pJ [derived]:
    /// Horowitz's INT8 multiply scaled by `W·A / 64` (multiplier energy ∝ product of widths,
    /// Aladdin's quadratic model) plus Horowitz's INT32 add. Every pair accumulates in 32
    /// bits (the default `memory.accumulator_bits`), so the add does not shrink with the
    /// operands.
    public static func macPicojoules(weightBits: Int, actBits: Int) -> Double {
      int8MultiplyPicojoules * Double(weightBits * actBits) / 64 + int32AddPicojoules
    }

    /// `mac_pj` at 45 nm [derived, ``macPicojoules(weightBits:actBits:)``]: 16x16 0.9,
    /// 8x8 0.3 (Horowitz's 0.2 + 0.1), 4x8 and 8x4 0.2, 4x4 0.15, 2x2 0.1125.
    /// Cross-check: the same rule gives a 32×32 multiply 3.2 pJ, Horowitz lists 3.1.
    public static let macPicojoules: [PrecisionPair: Double] = Dictionary(
      uniqueKeysWithValues: [(16, 16), (8, 8), (4, 8), (8, 4), (4, 4), (2, 2)].map { w, a in
        (
          PrecisionPair(weightBits: w, actBits: a),
          significant(macPicojoules(weightBits: w, actBits: a))
        )
      })

    /// `register_pj_per_bit`: Aladdin's register, 0.009 pJ per bit read (40 nm;
    /// `hwcomponents-library/aladdin.py`) [verified, source]; the 40 nm value is used at 45 nm
    /// unscaled (the Stillmaker table has no 40 nm row) [derived].
    public static let registerPicojoulesPerBit = 0.009

    /// `sram_read_pj_per_bit` at ``sramReferenceBytes`` = 32 KiB [derived]: the least-squares
    /// power law through Horowitz's SRAM reads (64 bits: 8 KB 10 pJ, 32 KB 20 pJ, 1 MB 100 pJ)
    /// in log-log space, 0.3057 pJ/bit at 32 KiB, rounded to 0.306. It reproduces the three
    /// points as 10.21, 19.58 and 99.84 pJ per 64 bits (within 2.1 %).
    public static let sramReadPicojoulesPerBit = 0.306
    /// `sram_write_pj_per_bit`: placeholder, equal to the read (Horowitz gives one energy per
    /// access).
    public static let sramWritePicojoulesPerBit = 0.306
    /// `sram_reference_bytes`: 32 KiB, the middle of Horowitz's three sizes (a choice: the
    /// rule is the same at any reference size with the matching energy) [derived].
    public static let sramReferenceBytes = 32_768
    /// `sram_size_exponent`: the fitted slope, 0.4726, rounded to 0.47 [derived] — energy per
    /// bit grows about as √size (bit-line and word-line length).
    public static let sramSizeExponent = 0.47
    /// `sram_bank_bytes`: 1 MiB, Horowitz's largest size; a larger buffer is taken to be banks
    /// of 1 MiB, so the fit is never extrapolated beyond the cited points [derived].
    public static let sramBankBytes = 1_048_576

    /// `vector_pj_per_element` at 45 nm [derived]: the vector unit computes in FP16; each kind
    /// costs the FP16 operations of its passes (Horowitz: add 0.4, multiply 1.1), its
    /// nonlinearity excluded (``methodPicojoules``):
    ///
    /// | kind | operations per element | pJ |
    /// |---|---|---|
    /// | softmax | max (compare ≈ add), subtract max, sum, scale by 1/sum: 3 adds + 1 multiply | 2.3 |
    /// | layernorm | sum, subtract mean, square, sum of squares, × 1/σ, γ·x + β: 4 adds + 3 multiplies | 4.9 |
    /// | batchnorm | folded scale and shift: 1 multiply + 1 add | 1.5 |
    /// | gelu | x/√2, 1 + erf, × x, × ½: 1 add + 3 multiplies | 3.7 |
    /// | add, mul, mean | 1 add / 1 multiply / 1 add (accumulate) | 0.4 / 1.1 / 0.4 |
    /// | topk | 2 compares | 0.8 |
    /// | gather, roll, permute, concat | no arithmetic (their SRAM reads and writes are charged to SRAM) | 0 |
    public static let vectorPicojoulesPerElement: [VectorUnit.Kind: Double] = {
      let add = fp16AddPicojoules
      let mul = fp16MultiplyPicojoules
      return [
        .softmax: 3 * add + mul, .layernorm: 4 * add + 3 * mul, .batchnorm: add + mul,
        .gelu: add + 3 * mul, .add: add, .mul: mul, .mean: add, .topk: 2 * add,
        .gather: 0, .roll: 0, .permute: 0, .concat: 0,
      ].mapValues { significant($0) }
    }()

    /// `method_pj`, per evaluation of a nonlinearity, at 45 nm [derived from Horowitz]:
    ///
    /// | method | operations | pJ |
    /// |---|---|---|
    /// | exact | range reduction, degree-5 polynomial (Horner), exponent scaling: 6 FP16 multiplies + 5 FP16 adds | 8.6 |
    /// | polynomial | degree 2 (I-BERT style): 2 multiplies + 2 adds | 3.0 |
    /// | lut | one 16-bit table read (as 16 register bits, Aladdin) + linear interpolation (1 multiply + 1 add) | 1.644 |
    /// | log2 | shift-and-add: 1 INT32 add + 1 INT8 add | 0.13 |
    public static let methodPicojoules: [VectorUnit.Method: Double] = {
      let add = fp16AddPicojoules
      let mul = fp16MultiplyPicojoules
      return [
        .exact: 6 * mul + 5 * add, .polynomial: 2 * mul + 2 * add,
        .lut: 16 * registerPicojoulesPerBit + mul + add,
        .log2: int32AddPicojoules + int8AddPicojoules,
      ].mapValues { significant($0) }
    }()

    /// `metadata_decode_pj`, per 2-bit index of a 2:4 group [derived]: Aladdin's 32-bit
    /// comparator (0.02947 pJ, 40 nm) [verified, source] scaled linearly to 2 bits.
    /// A stand-in for a small decoder (placeholder until the sparse core is characterised).
    public static let metadataDecodePicojoules = significant(0.02947 * 2 / 32)
    /// `mux_pj`, per sparse MAC: placeholder, one 8-bit register access (8 × 0.009 pJ,
    /// Aladdin) for selecting the activation a kept weight pairs with.
    public static let muxPicojoules = 8 * registerPicojoulesPerBit

    /// `leakage_mw.pe` [derived]: Aladdin's leakage at 40 nm (`aladdin.py`) [verified,
    /// source]: 32×32 multiplier 80 µW, scaled by `W·A/1024` to 8×8 = 5 µW, plus the 32-bit
    /// adder 2.4 µW; registers 0. 7.4 µW = 0.0074 mW.
    public static let leakageMilliwattsPerPE = 0.0074
    /// `leakage_mw.sram_per_mib`: placeholder. No SRAM leakage figure is in the cited sources;
    /// the 16 nm gain-cell eDRAM of Giterman et al. (LSSC 2020, in `hwcomponents-library`
    /// `misc.py`) leaks 105 µW per Mbit without refresh [verified, source], i.e. 0.84 mW per
    /// MiB at 16 nm; its 45 nm equivalent under the CACTI rule is 0.84 / (√(16/45) · 0.79) =
    /// 1.783 mW per MiB.
    public static let leakageMilliwattsPerSRAMMiB = significant(
      0.105 * 8 / TechnologyNode.nm16.sramLeakageFactor)
    /// `leakage_mw.vector_lane` [derived]: an FP16 lane as Aladdin parts: a 16×16 multiplier
    /// (80 µW · 256/1024 = 20 µW) and a 32-bit adder (2.4 µW): 0.0224 mW.
    public static let leakageMilliwattsPerVectorLane = 0.0224
  }

  /// DRAM classes and their energy per bit moved (`dram_pj_per_bit`); never node-scaled.
  public enum DRAMClass: String, CaseIterable, Sendable {
    case lpddr4, lpddr5, hbm2, hbm2e, gddr6

    /// pJ per bit:
    /// - LPDDR4 8: Accelergy `hwcomponents-cacti` DRAM table ("public data") [verified,
    ///   source]. The edge chip's DRAM.
    /// - LPDDR5 8: placeholder — no authoritative LPDDR5 figure in the cited sources; LPDDR4's
    ///   value until one is found. The mid chip's DRAM and the default.
    /// - HBM2 3.9: Accelergy `hwcomponents-cacti` [verified, source]; commonly attributed to
    ///   O'Connor et al., MICRO 2017 [unverified]. The datacenter chip's DRAM.
    /// - HBM2E 6.0 and GDDR6 7.5: Micron's ultra-bandwidth table, "average device power
    ///   (pJ/bit)" [verified].
    public var picojoulesPerBit: Double {
      switch self {
      case .lpddr4: 8
      case .lpddr5: 8
      case .hbm2: 3.9
      case .hbm2e: 6.0
      case .gddr6: 7.5
      }
    }
  }
}

extension AreaTable {
  /// The default area table: the default chip's node (7 nm).
  public static let `default` = AreaTable.defaults(for: .nm7)

  /// The defaults of `node`: the 45 nm logic areas × ``TechnologyNode/logicAreaFactor`` and
  /// the node's SRAM density.
  public static func defaults(for node: TechnologyNode) -> AreaTable {
    let factor = node.logicAreaFactor
    func l(_ value: Double) -> Double { node == .nm45 ? value : significant(value * factor) }
    return AreaTable(
      pePrecision: PrecisionPair(weightBits: 8, actBits: 8),
      macSquareMicrometres: Base45nm.macSquareMicrometres.mapValues(l),
      registerSquareMicrometresPerBit: l(Base45nm.registerSquareMicrometresPerBit),
      sramSquareMillimetresPerMiB: sramSquareMillimetresPerMiB(node),
      vectorLaneSquareMicrometres: l(Base45nm.vectorLaneSquareMicrometres))
  }

  /// The defaults of a node given in nanometres; the default node's when unknown.
  public static func defaults(forNanometres nm: Int) -> AreaTable {
    TechnologyNode(rawValue: nm).map(defaults(for:)) ?? .default
  }

  /// `sram_mm2_per_mib` by node, from published high-density SRAM cells [derived]:
  /// - 5 nm 0.2516: 8 Mib ÷ 31.8 Mib/mm² — TSMC N5 and N3E share a 0.021 µm² HD bitcell and
  ///   N3E reaches about 31.8 Mib/mm² (WikiChip, "IEDM 2022: Did we just witness the death of
  ///   SRAM?") [verified, page].
  /// - 7 nm 0.3235: the 5 nm figure × 0.027 / 0.021 — TSMC's 7 nm HD bitcell is 0.027 µm²
  ///   (Chang et al., ISSCC 2017, via WikiChip's 7 nm page) [verified, page]; same array
  ///   efficiency assumed.
  /// - 16 nm 0.9513: the 7 nm figure ÷ 0.34 — TSMC's 7 nm 256 Mib SRAM test chip is 0.34× the
  ///   area of its 16 nm counterpart (same WikiChip page) [verified, page].
  /// - 45 nm 5.007: the 16 nm figure ÷ 0.19, the Stillmaker 45→16 nm area factor (SRAM
  ///   assumed to have scaled like logic down to 16 nm) [derived].
  public static func sramSquareMillimetresPerMiB(_ node: TechnologyNode) -> Double {
    let nm5 = 8 / 31.8
    let nm7 = nm5 * 0.027 / 0.021
    let nm16 = nm7 / 0.34
    let value: Double =
      switch node {
      case .nm5: nm5
      case .nm7: nm7
      case .nm16: nm16
      case .nm45: nm16 / TechnologyNode.nm16.logicAreaFactor
      }
    return significant(value)
  }

  /// The 45 nm logic areas, µm², from Aladdin (40 nm, `hwcomponents-library/aladdin.py`)
  /// [verified, source], used at 45 nm unscaled like the energies [derived].
  public enum Base45nm {
    /// `mac_um2`: a `W`×`A` multiplier (Aladdin 32×32: 6350 µm², area ∝ `W·A`) plus a 32-bit
    /// accumulator adder (278 µm²) [derived]: 16x16 1865.5, 8x8 674.9, 4x8 and 8x4 476.4,
    /// 4x4 377.2, 2x2 302.8.
    public static let macSquareMicrometres: [PrecisionPair: Double] = Dictionary(
      uniqueKeysWithValues: [(16, 16), (8, 8), (4, 8), (8, 4), (4, 4), (2, 2)].map { w, a in
        (
          PrecisionPair(weightBits: w, actBits: a),
          significant(6350 * Double(w * a) / 1024 + 278, digits: 5)
        )
      })
    /// `register_um2_per_bit`: Aladdin's register, 5.98 µm² per bit [verified, source].
    public static let registerSquareMicrometresPerBit = 5.98
    /// `vector_lane_um2`: an FP16 lane as a 16×16 Aladdin multiplier (1587.5 µm²), a 32-bit
    /// adder (278) and 16 registers of 16 bits (256 × 5.98 = 1530.9; the register count is a
    /// placeholder): 3396 µm² [derived].
    public static let vectorLaneSquareMicrometres = significant(
      6350 * 256 / 1024 + 278 + 256 * registerSquareMicrometresPerBit)
  }
}

/// `value` rounded to `digits` significant decimal digits (so that it prints short).
func significant(_ value: Double, digits: Int = 4) -> Double {
  guard value != 0, value.isFinite else { return value }
  var exponent = 0
  var magnitude = abs(value)
  while magnitude >= 1 {
    magnitude /= 10
    exponent += 1
  }
  while magnitude < 0.1 {
    magnitude *= 10
    exponent -= 1
  }
  // value = ±magnitude · 10^exponent with magnitude in [0.1, 1).
  let shift = digits - exponent
  var scale = 1.0
  for _ in 0..<abs(shift) { scale *= 10 }
  return shift >= 0 ? (value * scale).rounded() / scale : (value / scale).rounded() * scale
}
