import Foundation
import VitsimCLI

extension BenchmarkCase {
  /// The `--set` options of the sweep case: 10 × 10 × 10 × 10 = 10,000 chip points around the
  /// mid chip (array rows and cols 16...160, weight buffer 128 KiB...1.25 MiB, DRAM
  /// 12.8...128 GB/s).
  static let sweepOptions = [
    "--set", "array.rows=16..160:+16", "--set", "array.cols=16..160:+16",
    "--set", "memory.weight.bytes=131072..1310720:+131072",
    "--set", "memory.dram.gb_per_s=12.8..128:+12.8",
  ]

  /// `vitsim sweep` end to end: deit-small over 10,000 chip points on all cores, rows written
  /// to a temporary CSV (building the model, validating each point's chip, simulating,
  /// formatting and writing the rows). One run takes seconds: use `--samples 3`.
  static func sweepCases() -> [BenchmarkCase] {
    let points = 10_000
    let (trace, _) = Workloads.trace("deit-small")
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("vitsim-bench-sweep-\(ProcessInfo.processInfo.processIdentifier).csv")
      .path
    let arguments =
      ["sweep", "--model", "deit-small", "--chip", "mid-32x32"] + sweepOptions
      + ["--output", path]
    let silent = Console(writeOut: { _ in }, writeErr: { _ in })
    return [
      BenchmarkCase(
        name: "sweep/deit-small/10k-points/mid-32x32", macsPerRun: points * trace.macs(),
        opsPerRun: points * trace.records.count
      ) {
        let code = VitsimCommand.run(arguments, console: silent)
        guard code == .success else { throw SweepFailed(code: code) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int
        try? FileManager.default.removeItem(atPath: path)
        return size ?? 0
      }
    ]
  }

  struct SweepFailed: Error {
    var code: ExitCode
  }
}
