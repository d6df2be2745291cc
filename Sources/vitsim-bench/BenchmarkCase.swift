/// One named benchmark: prepared once, then run many times.
///
/// Cases are plain values in a list (``BenchmarkCase/all``), so other engines (the PE-level
/// reference) add theirs by appending to that list.
struct BenchmarkCase {
  /// A unique name, `<engine>/<workload>/<chip>`; command-line words select cases by substring.
  var name: String
  /// MACs simulated by one run, for the MACs-per-second figure.
  var macsPerRun: Int
  /// Operations (trace records) simulated by one run.
  var opsPerRun: Int
  /// PE-register updates stepped by one run (PE-level reference cases; 0 for the fast engine).
  var peUpdatesPerRun = 0
  /// One run; returns a checksum so the work cannot be optimised away.
  var run: () throws -> Int
}
