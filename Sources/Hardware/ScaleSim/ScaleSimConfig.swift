/// The parts of a SCALE-Sim 3.0.0 `.cfg` file that vitsim reads.
///
/// Required (as in SCALE-Sim): `[architecture_presets]` `ArrayHeight`, `ArrayWidth` and
/// `Dataflow` (`os`, `ws` or `is`, lowercase, exactly as SCALE-Sim accepts them). Read when
/// present and checked: `[general] run_name`, the three `*SramSzkB` sizes (integers ≥ 1),
/// `[run_presets] InterfaceBandwidth` (`CALC` or `USER`) and `[sparsity] SparsitySupport`
/// (a configparser boolean; absent means false). Every other key is accepted and ignored: the
/// array engine does not model SCALE-Sim's memory system (offsets, bandwidths, banks, layouts).
public struct ScaleSimConfig: Hashable, Sendable {
  /// `[general] run_name`, if present.
  public var runName: String?
  /// `ArrayHeight`: R, the PE rows.
  public var arrayHeight: Int
  /// `ArrayWidth`: C, the PE columns.
  public var arrayWidth: Int
  public var dataflow: Dataflow
  /// `IfmapSramSzkB`, `FilterSramSzkB`, `OfmapSramSzkB` in KiB (1 KiB = 1024 one-byte words).
  public var ifmapSRAMKilobytes: Int?
  public var filterSRAMKilobytes: Int?
  public var ofmapSRAMKilobytes: Int?
  /// `[run_presets] InterfaceBandwidth`: `CALC` or `USER`.
  public var interfaceBandwidth: String?
  /// `[sparsity] SparsitySupport`: whether N:M topology columns are honoured.
  public var sparsitySupport: Bool
  /// The whole file, for keys vitsim does not interpret.
  public var ini: INIFile

  /// Reads a `.cfg` file's text.
  ///
  /// - Throws: ``ScaleSimConfigError`` naming the file, line, key and value.
  public init(text: String, file: String) throws(ScaleSimConfigError) {
    let ini = try INIFile(text: text, file: file)
    self.ini = ini
    let architecture = "architecture_presets"

    func required(_ key: String) throws(ScaleSimConfigError) -> INIFile.Entry {
      guard ini.sectionLines[architecture] != nil else {
        throw ScaleSimConfigError(
          file: file, line: 0,
          message:
            "has no [\(architecture)] section; SCALE-Sim needs ArrayHeight, ArrayWidth and Dataflow there"
        )
      }
      guard let entry = ini.entry(key, in: architecture) else {
        throw ScaleSimConfigError(
          file: file, line: 0, key: key, message: "is missing from [\(architecture)]")
      }
      return entry
    }
    func integer(_ entry: INIFile.Entry, in range: ClosedRange<Int>) throws(ScaleSimConfigError)
      -> Int
    {
      guard let value = Int(entry.value), range.contains(value) else {
        throw ScaleSimConfigError(
          file: file, line: entry.line, key: entry.key, value: entry.value,
          message: "is not an integer in \(range.lowerBound)...\(range.upperBound)")
      }
      return value
    }

    arrayHeight = try integer(try required("ArrayHeight"), in: Chip.arraySideRange)
    arrayWidth = try integer(try required("ArrayWidth"), in: Chip.arraySideRange)
    let dataflowEntry = try required("Dataflow")
    guard let dataflow = Dataflow(rawValue: dataflowEntry.value) else {
      throw ScaleSimConfigError(
        file: file, line: dataflowEntry.line, key: dataflowEntry.key, value: dataflowEntry.value,
        message: "is not one of os, ws, is")
    }
    self.dataflow = dataflow
    runName = ini.entry("run_name", in: "general")?.value
    func size(_ key: String) throws(ScaleSimConfigError) -> Int? {
      guard let entry = ini.entry(key, in: architecture) else { return nil }
      return try integer(entry, in: 1...Int.max)
    }
    ifmapSRAMKilobytes = try size("IfmapSramSzkB")
    filterSRAMKilobytes = try size("FilterSramSzkB")
    ofmapSRAMKilobytes = try size("OfmapSramSzkB")
    if let entry = ini.entry("InterfaceBandwidth", in: "run_presets") {
      guard entry.value == "CALC" || entry.value == "USER" else {
        throw ScaleSimConfigError(
          file: file, line: entry.line, key: entry.key, value: entry.value,
          message: "is not one of CALC, USER")
      }
      interfaceBandwidth = entry.value
    }
    if let entry = ini.entry("SparsitySupport", in: "sparsity") {
      switch entry.value.lowercased() {
      case "1", "yes", "true", "on": sparsitySupport = true
      case "0", "no", "false", "off": sparsitySupport = false
      default:
        throw ScaleSimConfigError(
          file: file, line: entry.line, key: entry.key, value: entry.value,
          message: "is not a boolean (true, false, yes, no, on, off, 1, 0)")
      }
    } else {
      sparsitySupport = false
    }
  }

  /// The chip this config describes: its array, SCALE-Sim having no clock, at
  /// ``Chip/default``'s clock.
  ///
  /// - Parameter name: the chip name; `run_name` when nil, else `scalesim`. Characters a
  ///   report cannot hold (commas, quotes, control characters) become `_`.
  public func chip(name: String? = nil) -> Chip {
    let raw = name ?? runName ?? "scalesim"
    let cleaned = String(
      String.UnicodeScalarView(
        raw.unicodeScalars.map { $0 == "," || $0 == "\"" || $0.value < 0x20 ? "_" : $0 }))
    return Chip(
      name: cleaned.isEmpty ? "scalesim" : cleaned,
      array: SystolicArray(
        rows: arrayHeight, cols: arrayWidth, dataflow: dataflow,
        clockMHz: Chip.default.array.clockMHz))
  }
}
