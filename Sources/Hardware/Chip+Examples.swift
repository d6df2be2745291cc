/// The example chips of `HardwareConfigs/`, embedded so that names work without the files.
///
/// `--chip NAME` and `vitsim dump-config NAME` resolve these names. The texts are copies of
/// the files, byte for byte; a test compares them.
extension Chip {
  /// The example chips as (name, JSON text), in the order of increasing array size.
  public static let exampleConfigs: [(name: String, json: String)] = [
    (
      "edge-16x16",
      """
      {
        "array": {
          "clock_mhz": 500,
          "cols": 16,
          "dataflow": "ws",
          "rows": 16
        },
        "name": "edge-16x16",
        "version": 1
      }
      """ + "\n"
    ),
    (
      "mid-32x32",
      """
      {
        "array": {
          "clock_mhz": 1000,
          "cols": 32,
          "dataflow": "os",
          "rows": 32
        },
        "name": "mid-32x32",
        "version": 1
      }
      """ + "\n"
    ),
    (
      "datacenter-128x128",
      """
      {
        "array": {
          "clock_mhz": 940,
          "cols": 128,
          "dataflow": "ws",
          "rows": 128
        },
        "name": "datacenter-128x128",
        "version": 1
      }
      """ + "\n"
    ),
  ]

  /// The names of the example chips.
  public static var exampleNames: [String] { exampleConfigs.map(\.name) }

  /// The example chip called `name`, or nil when there is none.
  ///
  /// - Throws: ``ChipError`` if the embedded text is invalid (a test proves it is not).
  public static func example(named name: String) throws(ChipError) -> Chip? {
    guard let entry = exampleConfigs.first(where: { $0.name == name }) else { return nil }
    return try Chip(jsonText: entry.json, file: name, defaultName: name)
  }
}
