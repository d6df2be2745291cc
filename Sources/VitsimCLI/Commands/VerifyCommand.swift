import Hardware
import LayerTrace
import Simulator

/// `vitsim verify`: cross-checks the fast engine against the PE-level reference simulation.
enum VerifyCommand {
  static let spec = CommandSpec(
    name: "verify",
    abstract: "Cross-check the fast engine against the cycle-stepped PE-level reference.",
    discussion: """
      Draws random GEMMs (M, K, N log-uniform in 1...max-dimension) on random arrays (rows and \
      cols log-uniform in 1...max-array, all three dataflows), runs each through the PE-level \
      reference simulation on random Int8 data with Int32 accumulation, and checks that (1) its \
      product equals a plain matrix product, (2) its cycle count equals the fast engine's \
      compute_cycles, (3) it performed exactly M·K·N MACs. A case whose reference run would \
      exceed --max-pe-updates PE-register updates is redrawn. The same seed gives the same cases.

      Printed table, one row per dataflow: cases run, product_ok, cycles_ok, macs_ok (cases that \
      passed each check), failed (cases failing any), pe_updates (PE-register updates stepped). \
      Failing cases are listed below the table. Exit status 0 when every case passed, 1 otherwise.
      """,
    options: [
      .init(name: "cases", valueName: "n", help: "Number of random cases (default 200)."),
      .init(name: "seed", valueName: "s", help: "Random seed, an unsigned integer (default 1)."),
      .init(name: "max-dimension", valueName: "n", help: "Largest M, K or N (default 300)."),
      .init(name: "max-array", valueName: "n", help: "Largest array side (default 32)."),
      .init(
        name: "max-pe-updates", valueName: "n",
        help: "Largest reference cost per case in PE updates (default 20000000)."),
    ])

  static let subcommand = Subcommand(spec: spec) { arguments, console throws(CLIError) in
    let count = try arguments.integer("cases", in: 1...1_000_000) ?? 200
    let maxDimension = try arguments.integer("max-dimension", in: 1...4096) ?? 300
    let maxArray = try arguments.integer("max-array", in: 1...256) ?? 32
    let maxUpdates = try arguments.integer("max-pe-updates", in: 1...Int.max) ?? 20_000_000
    var seed: UInt64 = 1
    if let text = arguments.value("seed") {
      guard let value = UInt64(text) else {
        throw .usage("option '--seed': '\(text)' is not an unsigned integer", subcommand: spec.name)
      }
      seed = value
    }
    let limits = ReferenceCheck.Limits(
      maxDimension: maxDimension, maxArraySide: maxArray, maxPEUpdates: maxUpdates)
    let outcomes = ReferenceCheck.run(cases: count, seed: seed, limits: limits) {
      rows, cols, dataflow, m, k, n in
      fastEngineCycles(rows: rows, cols: cols, dataflow: dataflow, m: m, k: k, n: n)
    }
    console.out(report(outcomes, seed: seed))
    return outcomes.allSatisfy(\.passed) ? .success : .failure
  }

  /// The fast engine's compute cycles for one dense `[m×k]·[k×n]` product, or -1 when it
  /// cannot cost it (which then shows as a cycle mismatch).
  static func fastEngineCycles(
    rows: Int, cols: Int, dataflow: Dataflow, m: Int, k: Int, n: Int
  ) -> Int {
    let array = SystolicArray(rows: rows, cols: cols, dataflow: dataflow, clockMHz: 1000)
    let record = TraceRecord.gemm(name: "verify", kind: .matmul, m: m, k: k, n: n)
    return (try? ArrayEngine.stats(for: record, on: array, sparseWeights: .dense))?
      .computeCycles.count ?? -1
  }

  static func report(_ outcomes: [ReferenceCheck.Outcome], seed: UInt64) -> String {
    var rows = [["dataflow", "cases", "product_ok", "cycles_ok", "macs_ok", "failed", "pe_updates"]]
    for dataflow in Dataflow.allCases {
      let group = outcomes.filter { $0.testCase.dataflow == dataflow }
      rows.append([
        dataflow.rawValue, String(group.count),
        String(group.count(where: \.productMatches)), String(group.count(where: \.cyclesMatch)),
        String(group.count(where: \.macsMatch)), String(group.count(where: { !$0.passed })),
        String(group.reduce(0) { $0 + $1.peUpdates }),
      ])
    }
    let failed = outcomes.filter { !$0.passed }
    rows.append([
      "all", String(outcomes.count), String(outcomes.count(where: \.productMatches)),
      String(outcomes.count(where: \.cyclesMatch)), String(outcomes.count(where: \.macsMatch)),
      String(failed.count), String(outcomes.reduce(0) { $0 + $1.peUpdates }),
    ])
    var text = "PE-level reference vs fast engine, seed \(seed)\n"
    text += TextTable.render(rows, rightAligned: [1, 2, 3, 4, 5, 6])
    if failed.isEmpty {
      text += "PASS: all \(outcomes.count) cases agree\n"
    } else {
      text += "FAIL: \(failed.count) of \(outcomes.count) cases disagree\n"
      for outcome in failed.prefix(20) {
        text += "  \(outcome.testCase): reference \(outcome.referenceCycles) cycles, "
        text += "fast engine \(outcome.expectedCycles), product \(outcome.productMatches ? "ok" : "WRONG"), "
        text += "MACs \(outcome.macs)\n"
      }
    }
    return text
  }
}
