/// The default value of every chip key, in one place.
///
/// A key missing from a chip file takes its value from here, and `vitsim simulate` without
/// `--chip` runs on ``Chip/default``. The default chip is the mid-range example
/// `HardwareConfigs/mid-32x32.json`: a 32×32 output-stationary array at 1 GHz, the size of
/// SCALE-Sim's sample configs (`configs/scale.cfg`: 32×32, os) and a common design point for
/// edge-to-mid accelerators. A test checks that the file and this value agree.
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
