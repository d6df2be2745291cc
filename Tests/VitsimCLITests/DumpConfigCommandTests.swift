import Hardware
import Testing

/// `vitsim dump-config`.
@Suite(.serialized)
struct DumpConfigCommandTests {
  @Test func `no argument prints the default chip`() {
    let run = vitsim("dump-config")
    #expect(run.code == .success)
    #expect(run.stdout == Chip.default.json.prettyText)
    #expect(run.stdout.contains(#""rows": 32"#))
  }

  @Test(arguments: Chip.exampleNames)
  func `a built-in name prints its file`(_ name: String) {
    let run = vitsim("dump-config", name)
    #expect(run.code == .success)
    #expect(run.stdout == Chip.exampleConfigs.first { $0.name == name }?.json)
  }

  @Test func `a partial file is printed with defaults filled`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = try directory.write(
      #"{"version": 1, "array": {"rows": 8, "dataflow": "ws"}}"#, to: "small.json")
    let run = vitsim("dump-config", path)
    #expect(run.code == .success, "\(run.stderr)")
    #expect(
      run.stdout.contains(
        """
          "array": {
            "clock_mhz": 1000,
            "cols": 32,
            "dataflow": "ws",
            "rows": 8
          },
          "energy": {
        """))
    // The defaults of the other sections are filled in: the mid chip's memory, vector unit,
    // and its 7 nm energy and area tables.
    #expect(run.stdout.contains(#""gb_per_s": 51.2"#))
    #expect(run.stdout.contains(#""lanes": 32"#))
    #expect(run.stdout.contains(#""technology_nm": 7"#))
    #expect(run.stdout.contains(#""pe_precision": "8x8""#))
  }

  @Test func `an unknown name suggests the nearest`() {
    let run = vitsim("dump-config", "edge")
    #expect(run.code == .usage)
    #expect(
      run.stderr.hasPrefix(
        "Error: unknown chip 'edge' (did you mean 'edge-16x16'?); expected a JSON file or one of edge-16x16, mid-32x32, datacenter-128x128, a100-like\n"
      ))
  }
}
