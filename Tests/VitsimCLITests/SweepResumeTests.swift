import Foundation
import Testing

@testable import VitsimCLI

/// `--resume`: torn lines and partial points are repaired, finished points are kept, a file of
/// another sweep is refused, and a sweep killed with SIGKILL resumes to the file an
/// uninterrupted run writes.
@Suite(.serialized)
struct SweepResumeTests {
  let directory: TemporaryDirectory
  let trace: String
  /// 6 points × 2 sparsities = 12 rows.
  let options = [
    "--set", "array.rows=8,16,32", "--set", "array.cols=8,16", "--sparsity", "dense,2:4",
  ]

  init() throws {
    directory = try TemporaryDirectory()
    trace = try SweepFixture.write(in: directory)
  }

  func sweep(_ extra: [String]) -> RunResult {
    vitsim(["sweep", "--trace", trace] + options + extra)
  }

  /// The uninterrupted output, written to `name`.
  func reference(_ name: String = "reference.csv", _ extra: [String] = []) throws -> String {
    let run = sweep(extra + ["--output", directory.path(name)])
    #expect(run.code == .success, "\(run.stderr)")
    return try directory.read(name)
  }

  /// The first `lines` lines of `text` (header included), each with its `\n`.
  func prefix(_ text: String, lines: Int) -> String {
    text.split(separator: "\n").prefix(lines).map { $0 + "\n" }.joined()
  }

  @Test func `a torn last line and a partial point are dropped and redone`() throws {
    defer { directory.remove() }
    let full = try reference()
    let lines = full.split(separator: "\n")
    // Header, points 0 and 1 (4 rows), the first row of point 2, half of its second row.
    let torn = prefix(full, lines: 6) + lines[6].prefix(25)
    try directory.write(torn, to: "out.csv")
    let run = sweep(["--resume", "--output", directory.path("out.csv")])
    #expect(run.code == .success, "\(run.stderr)")
    #expect(run.stderr.contains(", 2 points already there"))
    #expect(try directory.read("out.csv") == full)
  }

  @Test func `a missing, empty or header-only file resumes from the start`() throws {
    defer { directory.remove() }
    let full = try reference()
    for start in [nil, "", "point,model,ch", prefix(full, lines: 1)] {
      let path = directory.path("out.csv")
      try? FileManager.default.removeItem(atPath: path)
      if let start { try directory.write(start, to: "out.csv") }
      let run = sweep(["--resume", "--output", path])
      #expect(run.code == .success, "\(run.stderr)")
      #expect(try directory.read("out.csv") == full)
    }
  }

  @Test func `a finished file is kept as it is`() throws {
    defer { directory.remove() }
    let full = try reference("out.csv")
    let run = sweep(["--resume", "--output", directory.path("out.csv")])
    #expect(run.code == .success, "\(run.stderr)")
    #expect(run.stderr.contains(", 6 points already there"))
    #expect(try directory.read("out.csv") == full)
  }

  @Test func `a finished pareto file is continued and its front recomputed`() throws {
    defer { directory.remove() }
    let full = try reference("pareto.csv", ["--pareto", "latency_ms,dram_read_bytes"])
    try directory.write(prefix(full, lines: 8), to: "out.csv")
    let run = sweep([
      "--pareto", "latency_ms,dram_read_bytes", "--resume", "--output", directory.path("out.csv"),
    ])
    #expect(run.code == .success, "\(run.stderr)")
    #expect(try directory.read("out.csv") == full)
    // Without --pareto, the column is dropped from a file that must be continued.
    try directory.write(prefix(full, lines: 8), to: "plain.csv")
    let plain = sweep(["--resume", "--output", directory.path("plain.csv")])
    #expect(plain.code == .success, "\(plain.stderr)")
    #expect(try directory.read("plain.csv") == (try reference()))
  }

  @Test func `a file of another sweep is refused before any work`() throws {
    defer { directory.remove() }
    // Different --set paths: a different header.
    let other = vitsim([
      "sweep", "--trace", trace, "--set", "memory.weight.bytes=65536,131072", "--output",
      directory.path("other.csv"),
    ])
    #expect(other.code == .success, "\(other.stderr)")
    let before = try directory.read("other.csv")
    let run = sweep(["--resume", "--output", directory.path("other.csv")])
    #expect(run.code == .dataError)
    #expect(
      run.stderr.hasPrefix(
        "Error: cannot resume '\(directory.path("other.csv"))': its column 6 is 'memory_weight_bytes' where this sweep writes 'array_rows'"
      ))
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(try directory.read("other.csv") == before)

    // The same columns but other values: the first differing row is named.
    let swapped = vitsim(
      [
        "sweep", "--trace", trace, "--set", "array.rows=16,8,32", "--set", "array.cols=8,16",
        "--sparsity", "dense,2:4", "--output", directory.path("swapped.csv"),
      ])
    #expect(swapped.code == .success, "\(swapped.stderr)")
    let rows = sweep(["--resume", "--output", directory.path("swapped.csv")])
    #expect(rows.code == .dataError)
    #expect(
      rows.stderr.contains(
        "line 2 is point 0 (array_rows=16, array_cols=8) of tiny, where this sweep has point 0 (array_rows=8, array_cols=8) of tiny"
      ))

    // Not a CSV of ours at all.
    try directory.write("name,value\nx,1\n", to: "notes.csv")
    let notes = sweep(["--resume", "--output", directory.path("notes.csv")])
    #expect(notes.code == .dataError)
    #expect(try directory.read("notes.csv") == "name,value\nx,1\n")
  }

  @Test func `a killed sweep resumes to the uninterrupted result`() throws {
    defer { directory.remove() }
    let binary = try #require(VitsimBinary.url, "the vitsim executable is built by swift test")
    // About 3000 points of a four-op trace: a second or two in a debug build.
    let options = [
      "sweep", "--trace", trace, "--set", "array.rows=4..64:+4", "--set", "array.cols=4..64:+4",
      "--set", "memory.weight.bytes=4096..65536:x2", "--set", "array.dataflow=os,ws,is",
    ]
    let expected = vitsim(options + ["--output", directory.path("expected.csv")])
    #expect(expected.code == .success, "\(expected.stderr)")
    let path = directory.path("killed.csv")

    let process = Process()
    process.executableURL = binary
    process.arguments = options + ["--output", path, "--jobs", "1"]
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Kill it once some rows are out, well before the end.
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
      if size > 20_000 || !process.isRunning { break }
      usleep(1000)
    }
    let killed = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(killed, "the sweep finished before it could be killed")
    if killed { #expect(process.terminationReason == .uncaughtSignal) }
    let partial = try directory.read("killed.csv")
    let complete = try directory.read("expected.csv")
    #expect(partial.count < complete.count)

    let resumed = vitsim(options + ["--resume", "--output", path])
    #expect(resumed.code == .success, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("points already there"))
    #expect(try directory.read("killed.csv") == complete)
  }
}
