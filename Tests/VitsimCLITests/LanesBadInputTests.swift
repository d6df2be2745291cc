import Foundation
import Testing
import VitsimCLI

/// Bad precision pairs and sparsity patterns: one line naming the path, exit 65, no trap.
@Suite(.serialized)
struct LanesBadInputTests {
  func chipFile(_ json: String, in directory: TemporaryDirectory) throws -> String {
    try directory.write(json, to: "chip.json")
  }

  @Test func `a pair the chip rejects names lanes.macs_per_cycle`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let chip = try chipFile(
      #"{"lanes": {"macs_per_cycle": {"8x8": 1}, "unsupported": "reject"}}"#, in: directory)
    let run = vitsim("simulate", "--model", "deit-tiny", "--chip", chip, "--quant", "W4A8")
    #expect(run.code == .dataError)
    #expect(
      run.stderr.hasPrefix(
        "Error: deit-tiny: op 0 'patch_embed.proj': lanes.macs_per_cycle: the chip has no 4x8 pair")
    )
    #expect(run.stderr.split(separator: "\n").count == 1)
  }

  @Test func `a pattern the sparse core lacks names sparse_core.patterns`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let chip = try chipFile(#"{"sparse_core": {"patterns": ["1:4"]}}"#, in: directory)
    let run = vitsim("simulate", "--model", "deit-tiny", "--chip", chip, "--sparsity", "2:4")
    #expect(run.code == .dataError)
    #expect(
      run.stderr.contains(
        "sparse_core.patterns: the chip's sparse core does not support 2:4; supported: 1:4"))
  }

  @Test(arguments: [
    (#"["4:2"]"#, "\"4:2\""), (#"["3:6"]"#, "\"3:6\""), (#"["2:2"]"#, "\"2:2\""),
    (#"["two:four"]"#, "\"two:four\""),
  ])
  func `N > M, M not a power of two or a malformed pattern is a config error`(
    _ patterns: String, _ shown: String
  ) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let chip = try chipFile(#"{"sparse_core": {"patterns": \#(patterns)}}"#, in: directory)
    let run = vitsim("dump-config", chip)
    #expect(run.code == .dataError)
    #expect(run.stderr.contains("sparse_core.patterns[0]: \(shown) is not a supported N:M pattern"))
  }

  @Test func `bad lane tables are config errors with paths`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    for (json, fragment) in [
      (
        #"{"lanes": {"macs_per_cycle": {"8by8": 1}}}"#,
        "lanes.macs_per_cycle.8by8: is not a precision pair"
      ),
      (
        #"{"lanes": {"macs_per_cycle": {"8x8": 0}}}"#,
        "lanes.macs_per_cycle.8x8: 0 is not in 1...4096"
      ),
      (
        #"{"lanes": {"macs_per_cycle": {}}}"#,
        "lanes.macs_per_cycle: {} must list at least one precision pair"
      ),
      (#"{"lanes": {"unsupported": "ignore"}}"#, "lanes.unsupported: "),
      (
        #"{"sparse_core": {"select_cycles_per_fold": -1}}"#,
        "sparse_core.select_cycles_per_fold: -1 is not in 0...1024"
      ),
    ] {
      let chip = try chipFile(json, in: directory)
      let run = vitsim("dump-config", chip)
      #expect(run.code == .dataError, "\(json)")
      #expect(run.stderr.contains(fragment), "\(run.stderr)")
    }
  }
}
