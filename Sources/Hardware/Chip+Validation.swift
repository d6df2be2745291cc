extension Chip {
  /// The accepted range of `array.rows` and `array.cols`.
  public static let arraySideRange = 1...65536
  /// The accepted range of `array.clock_mhz`.
  public static let clockMHzRange = 1.0...100_000.0

  /// Every problem of the decoded config, in key order; empty when the chip is usable.
  ///
  /// Each message names the bad value and the accepted range, e.g.
  /// `array.rows: 0 is not in 1...65536`. Products of sizes are checked for overflow even when
  /// a factor is already out of range, so an absurd file reports both.
  public func problems() -> [ChipProblem] {
    var found: [ChipProblem] = []
    func fail(_ path: String, _ message: String) {
      found.append(ChipProblem(path: path, message: message))
    }
    if version != Chip.formatVersion {
      fail(
        "version",
        "\(version) is not in \(Chip.formatVersion)...\(Chip.formatVersion) (this vitsim reads chip format version \(Chip.formatVersion))"
      )
      return found
    }
    if name.isEmpty {
      fail("name", "\"\" must not be empty")
    } else if name.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0.value < 0x20 }) {
      fail("name", "\"\(name)\" must not contain a comma, a quote or a control character")
    }
    found += array.problems(path: "array")
    found += lanes.problems(path: "lanes")
    found += sparseCore.problems(path: "sparse_core")
    found += memory.problems(path: "memory", array: array)
    found += vectorUnit.problems(path: "vector_unit")
    found += energy.problems(path: "energy")
    found += area.problems(path: "area")
    return found
  }
}

extension SystolicArray {
  /// Every problem of the array section, with paths under `path`.
  func problems(path: String) -> [ChipProblem] {
    var found: [ChipProblem] = []
    for (key, value) in [("rows", rows), ("cols", cols)] where !Chip.arraySideRange.contains(value)
    {
      found.append(
        ChipProblem(
          path: "\(path).\(key)",
          message:
            "\(value) is not in \(Chip.arraySideRange.lowerBound)...\(Chip.arraySideRange.upperBound)"
        ))
    }
    if peCount == nil {
      found.append(
        ChipProblem(
          path: path, message: "rows·cols = \(rows)·\(cols) overflows a 64-bit integer"))
    }
    if !(clockMHz.isFinite && Chip.clockMHzRange.contains(clockMHz)) {
      found.append(
        ChipProblem(
          path: "\(path).clock_mhz",
          message: "\(JSONValue.numberText(clockMHz)) is not in 1...100000 (MHz)"))
    }
    return found
  }
}
