import Testing

@testable import VitsimCLI

/// The d-dimensional Pareto front of `--pareto` and the pareto column of a sweep file.
struct SweepParetoTests {
  /// A repeatable generator (SplitMix64), so failures reproduce.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Whether some other point dominates `p`, by brute force.
  static func dominated(_ p: [Double], in points: [[Double]]) -> Bool {
    points.contains { q in
      zip(q, p).allSatisfy { $0 <= $1 } && zip(q, p).contains { $0 < $1 }
    }
  }

  @Test func `the front matches brute force in 1 to 4 dimensions, ties included`() {
    var random = SplitMix(state: 42)
    for dimensions in 1...4 {
      for _ in 0..<20 {
        let points = (0..<60).map { _ in
          (0..<dimensions).map { _ in Double(Int.random(in: 0..<8, using: &random)) }
        }
        let front = ParetoFront.nonDominated(points.map { Optional($0) })
        for (point, onFront) in zip(points, front) {
          #expect(onFront == !Self.dominated(point, in: points), "\(point)")
        }
      }
    }
  }

  @Test func `in two dimensions it agrees with the plot's front`() {
    var random = SplitMix(state: 7)
    let xs = (0..<200).map { _ in Double.random(in: 0..<1, using: &random).rounded(toPlaces: 1) }
    let ys = (0..<200).map { _ in Double.random(in: 0..<1, using: &random).rounded(toPlaces: 1) }
    #expect(
      ParetoFront.nonDominated(zip(xs, ys).map { [$0, $1] })
        == ParetoFront.nonDominated(xs: xs, ys: ys))
  }

  @Test func `missing points are never on the front and dominate nothing`() {
    let front = ParetoFront.nonDominated([[2, 2], nil, [1, 3], [3, 3]])
    #expect(front == [true, false, true, false])
  }

  @Test func `the pareto column skips error rows and maximises with max:`() {
    let csv = """
      point,latency_ms,utilization,error
      0,1,0.5,
      1,,,buffer too small
      2,2,0.9,
      3,2,0.4,
      4,0.5,0.1,

      """
    let objectives = [
      ParetoObjective(column: "latency_ms", maximize: false),
      ParetoObjective(column: "utilization", maximize: true),
    ]
    let marked = SweepPareto.marked(csv, objectives: objectives, replacingLast: false)
    #expect(
      marked == """
        point,latency_ms,utilization,error,pareto
        0,1,0.5,,true
        1,,,buffer too small,false
        2,2,0.9,,true
        3,2,0.4,,false
        4,0.5,0.1,,true

        """)
    // Marking again replaces the column.
    #expect(SweepPareto.marked(marked, objectives: objectives, replacingLast: true) == marked)
  }

  @Test func `objectives parse with max: and min: prefixes`() throws {
    let numeric = ["latency_ms", "utilization"]
    #expect(
      try ParetoObjective.parseList("latency_ms,max:utilization", numeric: numeric, all: numeric)
        == [
          ParetoObjective(column: "latency_ms", maximize: false),
          ParetoObjective(column: "utilization", maximize: true),
        ])
    #expect(
      try ParetoObjective.parseList("min:latency_ms", numeric: numeric, all: numeric)
        == [ParetoObjective(column: "latency_ms", maximize: false)])
  }
}

extension Double {
  fileprivate func rounded(toPlaces places: Int) -> Double {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    return (self * scale).rounded() / scale
  }
}
