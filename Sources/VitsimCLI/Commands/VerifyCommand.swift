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
      cols log-uniform in 1...max-array, all three dataflows) and random PE operations (dense \
      INT8; INT4×INT4 and INT8×INT4 with 2 lanes; INT8 weights pruned 2:4 with 1 and 2 lanes, \
      1:4, 2:8, 4:8), runs each through the PE-level reference simulation on random integer \
      data (packed lanes, compressed sparse weights with their indices) with Int32 \
      accumulation, and checks that (1) its product equals a plain matrix product, (2) its \
      cycle count equals the fast engine's compute_cycles on a chip with that PE, (3) it \
      performed exactly M·K′·N word operations (K′ = reduction words). A case whose reference \
      run would exceed --max-pe-updates PE-register updates is redrawn. The same seed gives \
      the same cases.

      Printed table, one row per dataflow and one per PE operation: cases run, product_ok, \
      cycles_ok, macs_ok (cases that passed each check), failed (cases failing any), pe_updates \
      (PE-register updates stepped). Failing cases are listed below the table. Exit status 0 \
      when every case passed, 1 otherwise.
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
    let outcomes = ReferenceCheck.run(
      cases: count, seed: seed, limits: limits, operations: operations,
      expectedCycles: fastEngineCycles)
    console.out(report(outcomes, seed: seed))
    return outcomes.allSatisfy(\.passed) ? .success : .failure
  }

  /// The PE operations cases are drawn from.
  static let operations: [PEArrayReference.Operation] = [
    .int8, .int4(lanes: 2), .dense(weightBits: 8, activationBits: 4, lanes: 2),
    .sparse(n: 2, m: 4, lanes: 1), .sparse(n: 2, m: 4, lanes: 2), .sparse(n: 1, m: 4, lanes: 1),
    .sparse(n: 2, m: 8, lanes: 1), .sparse(n: 4, m: 8, lanes: 1),
  ]

  /// The fast engine's compute cycles for a case, on a chip whose PE runs the case's
  /// operation, or -1 when it cannot cost it (which then shows as a cycle mismatch).
  static func fastEngineCycles(_ c: ReferenceCheck.Case) -> Int {
    let chip = c.operation.chip(rows: c.rows, cols: c.cols, dataflow: c.dataflow)
    let record = c.operation.record(m: c.m, k: c.k, n: c.n)
    guard let reduction = try? Reduction.of(record, on: chip, handling: .chip) else { return -1 }
    return (try? ArrayEngine.stats(for: record, on: chip.array, reduction: reduction))?
      .computeCycles.count ?? -1
  }

  static func report(_ outcomes: [ReferenceCheck.Outcome], seed: UInt64) -> String {
    var rows = [["group", "cases", "product_ok", "cycles_ok", "macs_ok", "failed", "pe_updates"]]
    func row(_ name: String, _ group: [ReferenceCheck.Outcome]) -> [String] {
      [
        name, String(group.count), String(group.count(where: \.productMatches)),
        String(group.count(where: \.cyclesMatch)), String(group.count(where: \.macsMatch)),
        String(group.count(where: { !$0.passed })), String(group.reduce(0) { $0 + $1.peUpdates }),
      ]
    }
    for dataflow in Dataflow.allCases {
      rows.append(row(dataflow.rawValue, outcomes.filter { $0.testCase.dataflow == dataflow }))
    }
    for operation in operations {
      rows.append(
        row(operation.description, outcomes.filter { $0.testCase.operation == operation }))
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
        text +=
          "fast engine \(outcome.expectedCycles), product \(outcome.productMatches ? "ok" : "WRONG"), "
        text += "MACs \(outcome.macs)\n"
      }
    }
    return text
  }
}
