import Hardware
import LayerTrace
import Simulator

extension BenchmarkCase {
  /// The chips the fast-engine cases run on: a small 8×8 array and two of the examples.
  static let benchmarkChips: [Chip] = [
    Chip(
      name: "array-8x8",
      array: SystolicArray(rows: 8, cols: 8, dataflow: .outputStationary, clockMHz: 1000)),
    (try? Chip.example(named: "mid-32x32")) ?? .default,
    (try? Chip.example(named: "datacenter-128x128")) ?? .default,
  ]

  /// Whole-trace fast-engine simulations: deit-base and swin-base on each benchmark chip, with
  /// the array alone (`array/`: the closed-form array engine per record, no memory) and whole
  /// (`fast/`: array, memory pipeline walk, vector unit).
  static func fastEngineCases() -> [BenchmarkCase] {
    var cases: [BenchmarkCase] = []
    for model in ["deit-base", "swin-base"] {
      let (trace, synthetic) = Workloads.trace(model)
      let workload = synthetic ? "\(model)(synthetic)" : model
      for chip in benchmarkChips {
        cases.append(
          BenchmarkCase(
            name: "array/\(workload)/\(chip.name)", macsPerRun: trace.macs(),
            opsPerRun: trace.records.count
          ) {
            var checksum = 0
            for record in trace.records {
              let stats = try ArrayEngine.stats(for: record, on: chip.array, sparseWeights: .dense)
              checksum = checksum &+ stats.computeCycles.count &+ stats.sramInputReadElements
            }
            return checksum
          })
      }
      for chip in benchmarkChips {
        cases.append(
          BenchmarkCase(
            name: "fast/\(workload)/\(chip.name)", macsPerRun: trace.macs(),
            opsPerRun: trace.records.count
          ) {
            let result = try simulate(trace, on: chip)
            return result.totals.totalCycles.count &+ result.totals.sramReadBytes
          })
      }
    }
    return cases
  }
}
