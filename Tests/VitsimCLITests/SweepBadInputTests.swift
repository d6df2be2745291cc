import Foundation
import Testing
import VitsimCLI

/// `vitsim sweep` mistakes: one `Error:` line (then usage for usage errors), the sysexits code,
/// and no output file, before any point runs.
@Suite(.serialized)
struct SweepBadInputTests {
  let directory: TemporaryDirectory
  let trace: String

  init() throws {
    directory = try TemporaryDirectory()
    trace = try SweepFixture.write(in: directory)
  }

  /// Runs `sweep --trace tiny.csv --output out.csv ARGUMENTS` and checks that it failed with
  /// `code` and left no output; returns the first line of standard error.
  func failure(_ code: ExitCode, _ arguments: String..., output: Bool = true) -> String {
    let path = directory.path("out.csv")
    let run = vitsim(["sweep", "--trace", trace] + (output ? ["--output", path] : []) + arguments)
    #expect(run.code == code, "\(arguments): \(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: path), "\(arguments) wrote output")
    #expect(run.stdout.isEmpty)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == (code == .usage ? 3 : 1), "\(run.stderr)")
    return lines.first.map(String.init) ?? ""
  }

  @Test func `set paths that are not in the config suggest the nearest key`() {
    defer { directory.remove() }
    #expect(
      failure(.usage, "--set", "array.row=16,32")
        == "Error: option '--set': 'array.row' is not in the chip config (did you mean 'array.rows'?); the keys under 'array' are clock_mhz, cols, dataflow, rows"
    )
    #expect(
      failure(.usage, "--set", "memory.weight.byts=1024").contains(
        "(did you mean 'memory.weight.bytes'?)"))
    #expect(failure(.usage, "--set", "arry.rows=8").contains("(did you mean 'array'?)"))
    #expect(
      failure(.usage, "--set", "array=16")
        == "Error: option '--set': array is an object in the chip config; --set needs a path to one value such as 'array.clock_mhz'"
    )
    #expect(
      failure(.usage, "--set", "array.rows.x=1").contains(
        "'array.rows' is an integer, not an object"))
    #expect(failure(.usage, "--set", "array.rows").contains("is not PATH=LIST"))
  }

  @Test func `values of the wrong type, empty lists and bad ranges`() {
    defer { directory.remove() }
    #expect(
      failure(.usage, "--set", "array.rows=abc")
        == "Error: option '--set': array.rows: 'abc' is not an integer (the config holds an integer there)"
    )
    #expect(failure(.usage, "--set", "array.rows=").contains("array.rows: the list is empty"))
    #expect(failure(.usage, "--set", "memory.dram.gb_per_s=fast").contains("is not a number"))
    #expect(failure(.usage, "--set", "memory.double_buffered=1").contains("is not true or false"))
    #expect(failure(.usage, "--set", "array.rows=64..16:x2").contains("is above the end"))
    #expect(failure(.usage, "--set", "array.rows=16..64:-2").contains("has step '-2'"))
    #expect(
      failure(.usage, "--set", "array.rows=8", "--set", "array.rows=16").contains("given twice"))
  }

  @Test func `bad shards, zips and option combinations`() {
    defer { directory.remove() }
    #expect(failure(.usage, "--shard", "3/2").contains("the shard number must be in 1...2"))
    #expect(failure(.usage, "--shard", "0/0").contains("the shard count must be at least 1"))
    #expect(failure(.usage, "--shard", "1-4").contains("is not i/n"))
    #expect(
      failure(.usage, "--zip", "--set", "array.rows=8,16", "--set", "array.cols=8")
        == "Error: option '--zip': the --set lists must be equally long (array.rows has 2, array.cols has 1)"
    )
    #expect(
      failure(.usage, "--resume", output: false)
        == "Error: --resume needs --output FILE: the file to continue")
    #expect(
      failure(.usage, "--pareto", "latency_ms", "--shard", "1/2").contains(
        "--pareto does not combine with --shard"))
    #expect(failure(.usage, "--jobs", "0").contains("'0' is not an integer in 1...4096"))
    #expect(failure(.usage, "--image-size", "96").contains("applies only with --model"))
  }

  @Test func `pareto columns must be numeric columns of the sweep`() {
    defer { directory.remove() }
    #expect(
      failure(.usage, "--pareto", "latency_ms,model").hasPrefix(
        "Error: option '--pareto': 'model' is not a numeric column; numeric columns: array_rows, array_cols, clock_mhz, "
      ))
    #expect(
      failure(.usage, "--pareto", "latncy_ms").contains(
        "'latncy_ms' is not a column of this sweep (did you mean 'latency_ms'?)"))
    #expect(failure(.usage, "--pareto", "max:").contains("has an empty column name"))
    #expect(
      failure(.usage, "--pareto", "array_dataflow", "--set", "array.dataflow=os,ws").contains(
        "is not a numeric column"))
  }

  @Test func `unknown models, recipes, chips and missing files`() {
    defer { directory.remove() }
    #expect(failure(.usage, "--model", "deit-smal").contains("(did you mean 'deit-small'?)"))
    #expect(failure(.usage, "--quant", "W8A8,W9Z").contains("unknown recipe 'W9Z'"))
    #expect(failure(.usage, "--sparsity", "dense,3:2").contains("'3:2' is not a sparsity"))
    #expect(failure(.usage, "--chip", "edge").contains("unknown chip 'edge'"))
    #expect(failure(.noInput, "--chip", directory.path("none.json")).contains("no such file"))
    #expect(failure(.noInput, "--trace", directory.path("none.csv")).contains("no such file"))
  }

  @Test func `an output that cannot be created`() {
    defer { directory.remove() }
    let run = vitsim(["sweep", "--trace", trace, "--output", directory.path("no/such/dir/out.csv")])
    #expect(run.code == .cannotCreate)
    #expect(
      run.stderr.hasPrefix("Error: cannot create '\(directory.path("no/such/dir/out.csv"))': "))
  }
}
