import Foundation
import Hardware
import Testing

/// The `energy` and `area` sections: defaults per node and their sources' numbers, the SRAM
/// size rule, the missing-pair rule, validation and re-targeting.
struct EnergyTableTests {
  func load(_ text: String) throws(ChipError) -> Chip {
    try Chip(jsonText: text, file: "test.json", defaultName: "test")
  }

  func problems(_ text: String) -> [String] {
    do {
      _ = try load(text)
      return []
    } catch {
      return error.lines
    }
  }

  /// `a ≈ b` within a relative tolerance.
  func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-3) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b))
  }

  static let nm45 = EnergyTable.defaults(for: .nm45)

  // MARK: Sources

  @Test func `45 nm MACs are Horowitz's multiply and add, scaled by partial products`() {
    let mac = Self.nm45.macPicojoules
    // INT8 multiply 0.2 + INT32 add 0.1 (Horowitz, ISSCC 2014).
    #expect(close(mac[PrecisionPair(weightBits: 8, actBits: 8)]!, 0.3, 1e-12))
    #expect(close(mac[PrecisionPair(weightBits: 16, actBits: 16)]!, 0.2 * 4 + 0.1, 1e-12))
    #expect(close(mac[PrecisionPair(weightBits: 4, actBits: 8)]!, 0.2 / 2 + 0.1, 1e-12))
    #expect(close(mac[PrecisionPair(weightBits: 8, actBits: 4)]!, 0.2 / 2 + 0.1, 1e-12))
    #expect(close(mac[PrecisionPair(weightBits: 4, actBits: 4)]!, 0.2 / 4 + 0.1, 1e-12))
    #expect(close(mac[PrecisionPair(weightBits: 2, actBits: 2)]!, 0.2 / 16 + 0.1, 1e-12))
    #expect(Self.nm45.registerPicojoulesPerBit == 0.009)  // Aladdin register
    #expect(Self.nm45.dramPicojoulesPerBit == 8)
  }

  @Test func `the SRAM size rule reproduces Horowitz's 8 KB, 32 KB and 1 MB reads within 3 %`() {
    // 64-bit reads: 8 KB 10 pJ, 32 KB 20 pJ, 1 MB 100 pJ.
    for (bytes, picojoules) in [(8192, 10.0), (32768, 20.0), (1_048_576, 100.0)] {
      let fitted = 64 * Self.nm45.sramPicojoulesPerBit(.read, arrayBytes: bytes)
      #expect(abs(fitted - picojoules) / picojoules < 0.03, "\(bytes) B: \(fitted) pJ")
    }
  }

  @Test func `the SRAM rule is a power law capped at the bank size`() {
    let table = Self.nm45
    let base = table.sramReadPicojoulesPerBit
    for bytes in [1, 100, 4096, 32768, 100_000, 1 << 20] {
      let expected = base * pow(Double(bytes) / 32768, 0.47)
      #expect(close(table.sramPicojoulesPerBit(.read, arrayBytes: bytes), expected, 1e-12))
    }
    // Beyond 1 MiB the buffer is banks of 1 MiB.
    #expect(
      table.sramPicojoulesPerBit(.read, arrayBytes: 24 << 20)
        == table.sramPicojoulesPerBit(.read, arrayBytes: 1 << 20))
    #expect(
      table.sramPicojoulesPerBit(.write, arrayBytes: 32768) == table.sramWritePicojoulesPerBit)
  }

  // MARK: Nodes

  /// energy.md §1.4: 45 nm@0.9 V → 16 nm@0.8 V ×0.142, → 7 nm@0.75 V ×0.066, → 5 nm@0.7 V ×0.048.
  static let logicFactors: [(TechnologyNode, Double)] = [
    (.nm16, 0.142), (.nm7, 0.066), (.nm5, 0.048),
  ]

  @Test func `the logic factors follow the Stillmaker polynomials`() {
    func energy(_ c: (Double, Double, Double), _ v: Double) -> Double {
      c.0 * v * v + c.1 * v + c.2
    }
    let base = energy((1.103, -0.362, 0.2767), 0.9)
    let computed: [TechnologyNode: Double] = [
      .nm16: energy((0.2958, -0.1241, 0.03024), 0.8) / base,
      .nm7: energy((0.1776, -0.09097, 0.02447), 0.75) / base,
      .nm5: energy((0.1776, -0.09097, 0.02447), 0.7) * (5.0 / 7).squareRoot() / base,
    ]
    for (node, factor) in Self.logicFactors {
      #expect(node.logicEnergyFactor == factor)
      // The quoted factors are rounded (0.066 truncates 0.0665): within 1 %.
      #expect(close(computed[node]!, factor, 0.01), "\(node): \(computed[node]!)")
    }
  }

  @Test(arguments: logicFactors)
  func `node logic energies are the 45 nm ones times the cited factor`(
    _ node: TechnologyNode, _ factor: Double
  ) {
    let table = EnergyTable.defaults(for: node)
    let base = Self.nm45
    #expect(table.technologyNM == node.rawValue)
    #expect(table.macPicojoules.keys == base.macPicojoules.keys)
    for (pair, value) in base.macPicojoules {
      #expect(close(table.macPicojoules[pair]!, value * factor), "mac \(pair)")
    }
    #expect(close(table.registerPicojoulesPerBit, base.registerPicojoulesPerBit * factor))
    for kind in VectorUnit.Kind.allCases {
      #expect(
        close(
          table.vectorPicojoulesPerElement[kind]!, base.vectorPicojoulesPerElement[kind]! * factor),
        "\(kind)")
    }
    for method in VectorUnit.Method.allCases {
      #expect(close(table.methodPicojoules[method]!, base.methodPicojoules[method]! * factor))
    }
    #expect(close(table.metadataDecodePicojoules, base.metadataDecodePicojoules * factor))
    #expect(close(table.muxPicojoules, base.muxPicojoules * factor))
    #expect(close(table.leakage.milliwattsPerPE, base.leakage.milliwattsPerPE * factor))
    #expect(
      close(table.leakage.milliwattsPerVectorLane, base.leakage.milliwattsPerVectorLane * factor))
    // SRAM by √(node/45), not by the logic factor; its leakage also × 0.79 (FinFET).
    let root = (Double(node.rawValue) / 45).squareRoot()
    #expect(close(table.sramReadPicojoulesPerBit, base.sramReadPicojoulesPerBit * root))
    #expect(close(table.sramWritePicojoulesPerBit, base.sramWritePicojoulesPerBit * root))
    #expect(
      close(table.leakage.milliwattsPerSRAMMiB, base.leakage.milliwattsPerSRAMMiB * root * 0.79))
    #expect(table.sramSizeExponent == base.sramSizeExponent)
    #expect(table.sramReferenceBytes == base.sramReferenceBytes)
    // DRAM is never scaled.
    #expect(table.dramPicojoulesPerBit == base.dramPicojoulesPerBit)
  }

  @Test func `node areas scale logic by the Stillmaker area table and SRAM by cell density`() {
    let base = AreaTable.defaults(for: .nm45)
    let mac8 = PrecisionPair(weightBits: 8, actBits: 8)
    // Aladdin at 40 nm: 32×32 multiplier 6350 µm² (∝ W·A) + 32-bit adder 278 µm².
    #expect(close(base.macSquareMicrometres[mac8]!, 6350.0 / 16 + 278))
    #expect(base.registerSquareMicrometresPerBit == 5.98)
    for (node, factor) in [(TechnologyNode.nm16, 0.19), (.nm7, 0.059), (.nm5, 0.059 * 5 / 7)] {
      let table = AreaTable.defaults(for: node)
      #expect(close(table.macSquareMicrometres[mac8]!, base.macSquareMicrometres[mac8]! * factor))
      #expect(
        close(table.vectorLaneSquareMicrometres, base.vectorLaneSquareMicrometres * factor))
    }
    // 5 nm: 8 Mib at 31.8 Mib/mm²; 7 nm: × 0.027/0.021 bitcell; 16 nm: 7 nm ÷ 0.34.
    #expect(close(AreaTable.defaults(for: .nm5).sramSquareMillimetresPerMiB, 8 / 31.8))
    #expect(
      close(AreaTable.defaults(for: .nm7).sramSquareMillimetresPerMiB, 8 / 31.8 * 0.027 / 0.021))
    #expect(
      close(
        AreaTable.defaults(for: .nm16).sramSquareMillimetresPerMiB, 8 / 31.8 * 0.027 / 0.021 / 0.34)
    )
  }

  // MARK: Missing pairs

  @Test func `a missing precision pair scales the nearest listed pair by partial products`() {
    let table = Self.nm45
    // 6x8 (48) is nearest 8x8 (64): 0.3 · 48/64.
    #expect(close(table.macPicojoules(weightBits: 6, actBits: 8), 0.3 * 48 / 64, 1e-12))
    // 3x3 (9) is nearer 4x4 (16, ×1.78) than 2x2 (4, ×2.25): 0.15 · 9/16.
    #expect(close(table.macPicojoules(weightBits: 3, actBits: 3), 0.15 * 9 / 16, 1e-12))
    // 16x8 (128) is as far from 16x16 (256) as from 8x8 (64): the larger pair wins.
    #expect(close(table.macPicojoules(weightBits: 16, actBits: 8), 0.9 / 2, 1e-12))
    // Listed pairs are exact.
    #expect(table.macPicojoules(weightBits: 4, actBits: 8) == 0.2)
  }

  // MARK: Configs

  @Test func `technology_nm selects the defaults and an entry may be overridden`() throws {
    let chip = try load(#"{"energy": {"technology_nm": 16}}"#)
    #expect(chip.energy == EnergyTable.defaults(for: .nm16))
    #expect(chip.area == AreaTable.defaults(for: .nm16))
    let edited = try load(
      #"{"energy": {"technology_nm": 5, "mac_pj": {"8x8": 0.01, "3x5": 0.02}, "leakage_mw": {"pe": 0}}, "area": {"pe_precision": "4x8"}}"#
    )
    var expected = EnergyTable.defaults(for: .nm5)
    expected.macPicojoules[PrecisionPair(weightBits: 8, actBits: 8)] = 0.01
    expected.macPicojoules[PrecisionPair(weightBits: 3, actBits: 5)] = 0.02
    expected.leakage.milliwattsPerPE = 0
    #expect(edited.energy == expected)
    #expect(edited.area.pePrecision == PrecisionPair(weightBits: 4, actBits: 8))
    #expect(
      edited.area.sramSquareMillimetresPerMiB
        == AreaTable.defaults(for: .nm5).sramSquareMillimetresPerMiB)
    #expect(try load(edited.json.prettyText) == edited)
  }

  @Test func `the example chips' nodes and DRAM classes`() throws {
    let nodes = ["edge-16x16": 16, "mid-32x32": 7, "datacenter-128x128": 7, "a100-like": 7]
    let dram: [String: EnergyTable.DRAMClass] = [
      "edge-16x16": .lpddr4, "mid-32x32": .lpddr5, "datacenter-128x128": .hbm2,
      "a100-like": .hbm2e,
    ]
    #expect(Set(nodes.keys) == Set(Chip.exampleNames))
    for name in Chip.exampleNames {
      let chip = try #require(try Chip.example(named: name))
      #expect(chip.energy.technologyNM == nodes[name])
      var expected = EnergyTable.defaults(forNanometres: nodes[name]!)
      expected.dramPicojoulesPerBit = dram[name]!.picojoulesPerBit
      #expect(chip.energy == expected, "\(name)")
      #expect(chip.area == AreaTable.defaults(forNanometres: nodes[name]!), "\(name)")
    }
    #expect(EnergyTable.DRAMClass.hbm2.picojoulesPerBit == 3.9)
    #expect(EnergyTable.DRAMClass.lpddr4.picojoulesPerBit == 8)
  }

  @Test func `bad energy and area values name their path, value and range`() {
    #expect(
      problems(#"{"energy": {"mac_pj": {"8x8": -1}}}"#) == [
        "test.json: energy.mac_pj.8x8: -1 is not in 0...1e6"
      ])
    #expect(
      problems(
        #"{"energy": {"technology_nm": 10, "dram_pj_per_bit": -3, "sram_size_exponent": 3, "sram_bank_bytes": 0, "method_pj": {"lut": 2e6}, "leakage_mw": {"sram_per_mib": -0.5}}, "area": {"sram_mm2_per_mib": -1}}"#
      ) == [
        "test.json: energy.technology_nm: 10 is not one of 45, 16, 7, 5 (nm)",
        "test.json: energy.sram_size_exponent: 3 is not in 0...2",
        "test.json: energy.sram_bank_bytes: 0 is not in 1...1099511627776",
        "test.json: energy.dram_pj_per_bit: -3 is not in 0...1e6",
        "test.json: energy.method_pj.lut: 2000000 is not in 0...1e6",
        "test.json: energy.leakage_mw.sram_per_mib: -0.5 is not in 0...1e6",
        "test.json: area.sram_mm2_per_mib: -1 is not in 0...1e6",
      ])
  }

  @Test func `malformed pairs and unknown keys are rejected`() {
    #expect(
      problems(#"{"energy": {"mac_pj": {"8y8": 1}}}"#).first?.hasPrefix(
        #"test.json: energy.mac_pj.8y8: is not a precision pair; expected "<weight bits>x<activation bits>""#
      ) == true)
    #expect(
      problems(#"{"energy": {"mac_pj": {"0x8": 1}}}"#).first?.contains("energy.mac_pj.0x8") == true)
    #expect(
      problems(#"{"area": {"pe_precision": "eight"}}"#).first?.hasPrefix(
        #"test.json: area.pe_precision: "eight" is not a precision pair"#) == true)
    #expect(
      problems(#"{"energy": {"dram_pj_per_bits": 1}}"#).first?.contains(
        #"energy.dram_pj_per_bits: is not a known key (did you mean "dram_pj_per_bit"?)"#) == true)
    #expect(
      problems(#"{"energy": {"vector_pj_per_element": {"sofmax": 1}}}"#).first?.contains(
        #"(did you mean "softmax"?)"#) == true)
    #expect(
      problems(#"{"energy": {"leakage_mw": {"array": 1}}}"#).first?.contains(
        "energy.leakage_mw.array: is not a known key") == true)
  }

  @Test func `setting technology_nm rescales the defaults and keeps overrides`() throws {
    let datacenter = try #require(try Chip.example(named: "datacenter-128x128"))
    let tuned = try datacenter.setting(.number(0.05), at: "energy.mac_pj.8x8")
    let moved = try tuned.setting(.integer(5), at: "energy.technology_nm")
    var expected = EnergyTable.defaults(for: .nm5)
    expected.dramPicojoulesPerBit = 3.9  // HBM2, an override of the 7 nm default
    expected.macPicojoules[PrecisionPair(weightBits: 8, actBits: 8)] = 0.05
    #expect(moved.energy == expected)
    #expect(moved.area == AreaTable.defaults(for: .nm5))
    #expect(moved.memory == datacenter.memory)
    #expect(throws: ChipError.self) { try tuned.setting(.integer(10), at: "energy.technology_nm") }
  }
}
