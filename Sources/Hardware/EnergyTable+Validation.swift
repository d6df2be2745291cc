extension Chip {
  /// The accepted range of every energy (pJ), leakage (mW) and area (µm², mm²) entry.
  public static let energyValueRange = 0.0...1e6
  /// The accepted range of `energy.sram_size_exponent`.
  public static let sramSizeExponentRange = 0.0...2.0
}

extension ProblemList {
  /// Checks a non-negative, finite table value: `path: -1 is not in 0...1e6`.
  mutating func checkEnergy(_ path: String, _ value: Double) {
    if !(value.isFinite && Chip.energyValueRange.contains(value)) {
      add(path, "\(JSONValue.numberText(value)) is not in 0...1e6")
    }
  }
}

extension EnergyTable {
  /// Every problem of the energy section, with paths under `path`: an unknown node, and each
  /// negative or non-finite energy, size or exponent.
  func problems(path: String) -> [ChipProblem] {
    var list = ProblemList()
    if node == nil {
      list.add(
        "\(path).technology_nm",
        "\(technologyNM) is not one of \(TechnologyNode.acceptedText) (nm)")
    }
    if macPicojoules.isEmpty {
      list.add("\(path).mac_pj", "{} must list at least one precision pair, e.g. \"8x8\"")
    }
    for (pair, value) in macPicojoules.sorted(by: { $0.key < $1.key }) {
      list.checkEnergy("\(path).mac_pj.\(pair)", value)
    }
    list.checkEnergy("\(path).register_pj_per_bit", registerPicojoulesPerBit)
    list.checkEnergy("\(path).sram_read_pj_per_bit", sramReadPicojoulesPerBit)
    list.checkEnergy("\(path).sram_write_pj_per_bit", sramWritePicojoulesPerBit)
    list.check("\(path).sram_reference_bytes", sramReferenceBytes, in: Chip.bufferBytesRange)
    list.check("\(path).sram_size_exponent", sramSizeExponent, in: Chip.sramSizeExponentRange)
    list.check("\(path).sram_bank_bytes", sramBankBytes, in: Chip.bufferBytesRange)
    list.checkEnergy("\(path).dram_pj_per_bit", dramPicojoulesPerBit)
    for kind in VectorUnit.Kind.allCases {
      list.checkEnergy(
        "\(path).vector_pj_per_element.\(kind.rawValue)", vectorPicojoulesPerElement[kind] ?? 0)
    }
    for method in VectorUnit.Method.allCases {
      list.checkEnergy("\(path).method_pj.\(method.rawValue)", methodPicojoules[method] ?? 0)
    }
    list.checkEnergy("\(path).metadata_decode_pj", metadataDecodePicojoules)
    list.checkEnergy("\(path).mux_pj", muxPicojoules)
    list.checkEnergy("\(path).leakage_mw.pe", leakage.milliwattsPerPE)
    list.checkEnergy("\(path).leakage_mw.sram_per_mib", leakage.milliwattsPerSRAMMiB)
    list.checkEnergy("\(path).leakage_mw.vector_lane", leakage.milliwattsPerVectorLane)
    return list.problems
  }
}

extension AreaTable {
  /// Every problem of the area section, with paths under `path`.
  func problems(path: String) -> [ChipProblem] {
    var list = ProblemList()
    if macSquareMicrometres.isEmpty {
      list.add("\(path).mac_um2", "{} must list at least one precision pair, e.g. \"8x8\"")
    }
    for (pair, value) in macSquareMicrometres.sorted(by: { $0.key < $1.key }) {
      list.checkEnergy("\(path).mac_um2.\(pair)", value)
    }
    list.checkEnergy("\(path).register_um2_per_bit", registerSquareMicrometresPerBit)
    list.checkEnergy("\(path).sram_mm2_per_mib", sramSquareMillimetresPerMiB)
    list.checkEnergy("\(path).vector_lane_um2", vectorLaneSquareMicrometres)
    return list.problems
  }
}
