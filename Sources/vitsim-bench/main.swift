// vitsim-bench: how fast the simulators run. Build with `swift run -c release vitsim-bench`.
//
//   vitsim-bench [--samples N] [WORD ...]
//
// Runs every case whose name contains one of the WORDs (all cases without WORDs): one warm-up
// run, then N samples (default 15). A sample repeats the case until at least 20 ms have passed
// and reports the time per run. Prints min and median per run, runs per second, simulated MACs
// and ops per second (at the median), PE-register updates per second for the PE-level
// reference cases, and a checksum of the results.

import Foundation

extension BenchmarkCase {
  /// Every case. Other engines append theirs here.
  static var all: [BenchmarkCase] { fastEngineCases() + referenceCases() + sweepCases() }
}

/// The duration in seconds.
func seconds(_ duration: Duration) -> Double {
  let (whole, attoseconds) = duration.components
  return Double(whole) + Double(attoseconds) * 1e-18
}

/// `value` in engineering notation with an SI prefix: `12.3 M`.
func engineering(_ value: Double) -> String {
  let prefixes: [(Double, String)] = [(1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
  for (scale, prefix) in prefixes where value >= scale {
    return String(format: "%.3g %@", value / scale, prefix)
  }
  return String(format: "%.3g ", value)
}

/// `seconds` as ns, µs, ms or s.
func time(_ seconds: Double) -> String {
  if seconds < 1e-6 { return String(format: "%.1f ns", seconds * 1e9) }
  if seconds < 1e-3 { return String(format: "%.2f µs", seconds * 1e6) }
  if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
  return String(format: "%.2f s", seconds)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var samples = 15
if let index = arguments.firstIndex(of: "--samples"), index + 1 < arguments.count,
  let count = Int(arguments[index + 1]), count > 0
{
  samples = count
  arguments.removeSubrange(index...(index + 1))
}

if _isDebugAssertConfiguration() {
  print(
    """
    ************************************************************************
    WARNING: this is a DEBUG build; timings mean nothing.
    Run `swift run -c release vitsim-bench` instead.
    ************************************************************************
    """)
}

let selected = BenchmarkCase.all.filter { benchmark in
  arguments.isEmpty || arguments.contains { benchmark.name.contains($0) }
}
if selected.isEmpty {
  print("no case matches \(arguments); cases:")
  for benchmark in BenchmarkCase.all { print("  \(benchmark.name)") }
  exit(64)
}

print("case, ops, min/run, median/run, runs/s, MACs/s, ops/s, PE-updates/s, checksum")
let clock = ContinuousClock()
/// Every run's checksum goes here so that no run can be optimised away.
var sink = 0
for benchmark in selected {
  do {
    let checksum = try benchmark.run()  // warm-up; its checksum is the one printed
    var perRun: [Double] = []
    for _ in 0..<samples {
      var runs = 0
      let start = clock.now
      var elapsed = 0.0
      repeat {
        sink = sink &+ (try benchmark.run())
        runs += 1
        elapsed = seconds(clock.now - start)
      } while elapsed < 0.02
      perRun.append(elapsed / Double(runs))
    }
    perRun.sort()
    let median = perRun[perRun.count / 2]
    print(
      "\(benchmark.name), \(benchmark.opsPerRun), \(time(perRun[0])), \(time(median)), "
        + "\(engineering(1 / median)), \(engineering(Double(benchmark.macsPerRun) / median)), "
        + "\(engineering(Double(benchmark.opsPerRun) / median)), "
        + "\(benchmark.peUpdatesPerRun > 0 ? engineering(Double(benchmark.peUpdatesPerRun) / median) : "-"), "
        + "\(checksum)")
  } catch {
    print("\(benchmark.name): failed: \(error)")
  }
}
if sink == 42 { print("") }  // keeps `sink` observable
