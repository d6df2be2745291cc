import Hardware
import Testing

@testable import VitsimCLI

/// Point order (first --set slowest), --zip, path look-up and shards.
struct SweepPointsTests {
  static let config = Chip.default.json

  func parameter(_ argument: String) throws -> SweepParameter {
    try SweepParameter.parse(argument, config: Self.config)
  }

  @Test func `the cartesian product varies the first list slowest`() throws {
    let points = try SweepPoints(
      parameters: [
        try parameter("array.rows=16,32"), try parameter("array.dataflow=os,ws,is"),
      ], zipped: false)
    #expect(points.count == 6)
    let all = (0..<points.count).map { points.values(at: $0).map(\.text) }
    #expect(
      all == [
        ["16", "os"], ["16", "ws"], ["16", "is"], ["32", "os"], ["32", "ws"], ["32", "is"],
      ])
  }

  @Test func `zip pairs equally long lists`() throws {
    let points = try SweepPoints(
      parameters: [try parameter("array.rows=16,32"), try parameter("array.cols=8,64")],
      zipped: true)
    #expect(points.count == 2)
    #expect(points.values(at: 1).map(\.text) == ["32", "64"])
    #expect(throws: CLIError.self) {
      try SweepPoints(
        parameters: [try parameter("array.rows=16,32"), try parameter("array.cols=8")],
        zipped: true)
    }
  }

  @Test func `no --set is one point, the base chip`() throws {
    let points = try SweepPoints(parameters: [], zipped: false)
    #expect(points.count == 1)
    #expect(points.values(at: 0).isEmpty)
  }

  @Test func `values are typed by the config and columns named by the path`() throws {
    let weight = try parameter("memory.weight.bytes=262144,1048576")
    #expect(weight.column == "memory_weight_bytes")
    #expect(weight.values.map(\.json) == [.integer(262144), .integer(1_048_576)])
    let bandwidth = try parameter("memory.dram.gb_per_s=25.6,51")
    #expect(bandwidth.values.map(\.json) == [.number(25.6), .number(51)])
    let flag = try parameter("memory.double_buffered=true,false")
    #expect(flag.values.map(\.json) == [.bool(true), .bool(false)])
  }

  @Test func `shards are contiguous, disjoint and cover every point`() throws {
    for total in [0, 1, 7, 10, 1000] {
      for count in [1, 3, 8] {
        var covered: [Int] = []
        for index in 1...count {
          let shard = try SweepShard(parsing: "\(index)/\(count)")
          covered += Array(shard.points(of: total))
        }
        #expect(covered == Array(0..<total), "\(total) points in \(count) shards")
      }
    }
    #expect(try SweepShard(parsing: "3/8").points(of: 100) == 25..<37)
  }

  @Test(arguments: ["3/2", "0/0", "0/4", "1/0", "a/b", "3", "1/2/3", "-1/2"])
  func `bad shard specs are usage errors`(_ text: String) {
    #expect(throws: CLIError.self) { try SweepShard(parsing: text) }
  }
}
