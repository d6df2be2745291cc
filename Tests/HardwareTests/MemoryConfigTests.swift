import Hardware
import Testing

struct MemoryConfigTests {
  func load(_ text: String) throws(ChipError) -> Chip {
    try Chip(jsonText: text, file: "test.json", defaultName: "test")
  }

  func problems(_ text: String) -> [String] {
    do {
      _ = try load(text)
      return []
    } catch {
      return error.lines
    }
  }

  @Test func `the example chips carry their memory and vector unit`() throws {
    let edge = try #require(try Chip.example(named: "edge-16x16"))
    #expect(edge.memory.sramBytes == 262_144)
    // LPDDR4-class 12.8 GB/s at 500 MHz = 25.6 bytes per cycle.
    #expect(edge.memory.dram.bytesPerCycle(atMHz: edge.array.clockMHz) == 25.6)
    #expect(edge.vectorUnit.lanes == 16)
    let datacenter = try #require(try Chip.example(named: "datacenter-128x128"))
    #expect(datacenter.memory.sramBytes == 24 * 1_048_576)
    guard case .unified = datacenter.memory.buffers else {
      Issue.record("the datacenter chip has a unified buffer")
      return
    }
    let mid = try #require(try Chip.example(named: "mid-32x32"))
    #expect(mid.memory.sramBytes == 1_048_576)
    #expect(mid.memory.dram.bytesPerCycle(atMHz: 1000) == 51.2)
  }

  @Test func `bandwidth may be given per cycle or in GB per second, not both`() throws {
    let perCycle = try load(#"{"memory": {"dram": {"bytes_per_cycle": 16}}}"#)
    #expect(perCycle.memory.dram.bytesPerCycle(atMHz: 1000) == 16)
    #expect(
      problems(#"{"memory": {"dram": {"bytes_per_cycle": 16, "gb_per_s": 3}}}"#) == [
        #"test.json: memory.dram: has both "bytes_per_cycle" and "gb_per_s"; give exactly one bandwidth"#
      ])
  }

  @Test func `a unified buffer excludes split buffers`() {
    #expect(
      problems(#"{"memory": {"unified": {"bytes": 1048576}, "weight": {"bytes": 4096}}}"#).first?
        .contains(#"has both "unified" and "input"/"weight"/"output""#) == true)
  }

  @Test func `zero sizes, zero bandwidth and bad lanes are all reported at once`() {
    #expect(
      problems(
        #"{"memory": {"input": {"bytes": 0}, "dram": {"gb_per_s": 0, "latency_cycles": -1}}, "vector_unit": {"lanes": 0, "cycles_per_element": {"softmax": -2}}}"#
      ) == [
        "test.json: memory.input.bytes: 0 is not in 1...1099511627776",
        "test.json: memory.dram.gb_per_s: 0 is not in 1e-06...10000000",
        "test.json: memory.dram.latency_cycles: -1 is not in 0...10000000",
        "test.json: vector_unit.lanes: 0 is not in 1...65536",
        "test.json: vector_unit.cycles_per_element.softmax: -2 is not in 0...10000",
      ])
  }

  @Test func `a buffer too small for the smallest tile names the path and the need`() {
    // 32×32 weight-stationary: one 32×32 8-bit weight tile is 1024 bytes, ×2 halves = 2048.
    #expect(
      problems(#"{"array": {"dataflow": "ws"}, "memory": {"weight": {"bytes": 2000}}}"#) == [
        "test.json: memory.weight.bytes: 2000 cannot hold one 32×32 tile of 8-bit weights of a 32×32 weight-stationary array (each half of the double buffer holds one); expected at least 2048"
      ])
    // Output-stationary outputs: 32·32 bytes per fold; without double buffering 1024 suffice.
    #expect(
      problems(#"{"memory": {"output": {"bytes": 1024}, "double_buffered": false}}"#).isEmpty)
    #expect(
      problems(#"{"memory": {"output": {"bytes": 1023}, "double_buffered": false}}"#).count == 1)
  }

  @Test func `unknown keys inside tables get suggestions`() {
    #expect(
      problems(#"{"vector_unit": {"cycles_per_element": {"sofmax": 2}}}"#).first?
        .contains(
          #"vector_unit.cycles_per_element.sofmax: is not a known key (did you mean "softmax"?)"#)
        == true)
    #expect(
      problems(#"{"vector_unit": {"nonlinear_method": {"gelu": "cordic"}}}"#).first?
        .hasPrefix("test.json: vector_unit.nonlinear_method.gelu: ") == true)
  }

  @Test func `vector cycles follow lanes, passes and the nonlinearity's method`() {
    var unit = VectorUnit.default  // 32 lanes; softmax 3 + exact 4; layernorm 3 (+4 per row)
    #expect(unit.cycles(kind: .softmax, elements: 320, rows: 10) == 70)  // 320·7/32
    #expect(unit.cycles(kind: .layernorm, elements: 320, rows: 10) == 32)  // (960+40)/32 ↑
    #expect(unit.cycles(kind: .add, elements: 33, rows: 0) == 2)
    unit.nonlinearMethod[.softmax] = .lut
    #expect(unit.cycles(kind: .softmax, elements: 320, rows: 10) == 40)  // 320·4/32
  }
}
