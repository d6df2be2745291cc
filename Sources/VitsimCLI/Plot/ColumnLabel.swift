/// Axis labels from column names: vitsim's columns carry their unit as a suffix
/// (`latency_ms`, `energy_pj`), which becomes a unit in parentheses.
///
/// | column suffix        | unit      | example                                  |
/// |----------------------|-----------|------------------------------------------|
/// | `_cycles`            | cycles    | `total_cycles` → total (cycles)          |
/// | `_bytes`, `_bits`    | bytes, bits | `dram_read_bytes` → dram read (bytes)  |
/// | `_bytes_per_cycle`   | bytes/cycle | `dram_bytes_per_cycle` → dram (bytes/cycle) |
/// | `_kib`, `_mib`       | KiB, MiB  |                                          |
/// | `_s`, `_ms`, `_us`, `_ns` | s, ms, µs, ns | `latency_ms` → latency (ms)     |
/// | `_pj`, `_nj`, `_uj`, `_mj`, `_j` | pJ, nJ, µJ, mJ, J | `energy_pj` → energy (pJ) |
/// | `_pj_s`, `_j_s`      | pJ·s, J·s | `edp_pj_s` → edp (pJ·s)                  |
/// | `_mm2`, `_um2`       | mm², µm²  | `area_mm2` → area (mm²)                  |
/// | `_mhz`, `_ghz`       | MHz, GHz  | `clock_mhz` → clock (MHz)                |
/// | `_mw`, `_uw`         | mW, µW    |                                          |
/// | `_macs`              | MACs      |                                          |
/// | `_percent`, `_pct`   | %         |                                          |
///
/// The longest matching suffix wins; the words before it are joined with spaces. A name
/// without a known suffix (`utilization`, `array_rows`, `cycles`) is used as it is.
enum ColumnLabel {
  /// Known unit suffixes, longest first so that `_pj_s` wins over `_s`.
  static let units: [(suffix: String, unit: String)] = [
    ("_bytes_per_cycle", "bytes/cycle"),
    ("_percent", "%"),
    ("_cycles", "cycles"),
    ("_bytes", "bytes"),
    ("_pj_s", "pJ·s"),
    ("_bits", "bits"),
    ("_macs", "MACs"),
    ("_j_s", "J·s"),
    ("_kib", "KiB"),
    ("_mib", "MiB"),
    ("_mm2", "mm²"),
    ("_um2", "µm²"),
    ("_mhz", "MHz"),
    ("_ghz", "GHz"),
    ("_pct", "%"),
    ("_ms", "ms"),
    ("_us", "µs"),
    ("_ns", "ns"),
    ("_pj", "pJ"),
    ("_nj", "nJ"),
    ("_uj", "µJ"),
    ("_mj", "mJ"),
    ("_mw", "mW"),
    ("_uw", "µW"),
    ("_s", "s"),
    ("_j", "J"),
  ]

  /// The axis label for column `name`: `latency_ms` → `latency (ms)`.
  static func text(for name: String) -> String {
    guard let (quantity, unit) = split(name) else { return name }
    return "\(quantity) (\(unit))"
  }

  /// The quantity words and the unit of column `name`, or nil when it has no known suffix.
  static func split(_ name: String) -> (quantity: String, unit: String)? {
    let lowered = name.lowercased()
    for (suffix, unit) in units where lowered.hasSuffix(suffix) && lowered.count > suffix.count {
      let stem = name.dropLast(suffix.count)
      let words = stem.split(separator: "_").joined(separator: " ")
      guard !words.isEmpty else { return nil }
      return (words, unit)
    }
    return nil
  }
}
