import Hardware
import LayerTrace
import Simulator
import Testing
import ViTGraph

/// Properties of the memory model on every op of the twelve models on every example chip.
struct MemoryPropertiesTests {
  struct Case: CustomStringConvertible, Sendable {
    var model: String
    var chip: String
    var description: String { "\(model) on \(chip)" }
  }

  static let cases: [Case] = ModelCatalog.all.flatMap { model in
    Chip.exampleNames.map { Case(model: model.name, chip: $0) }
  }

  static func trace(_ model: String) throws -> LayerTrace {
    try #require(ModelCatalog.named(model)).build(224, 1).lowered()
  }

  /// Bytes that must cross the DRAM interface for an op whatever the schedule: its constant
  /// operand (static weights), its left activation unless found on chip, a matmul's right
  /// operand when an earlier op than the previous one produced it, and its output unless it
  /// stays on chip.
  static func uniqueBytes(_ record: TraceRecord, at index: Int, _ op: OpStats) -> Int {
    func bytes(_ count: Int, _ bits: Int) -> Int { (count * bits + 7) / 8 }
    var total = bytes(record.weightElements, record.weightBits)
    if record.kind.isGEMM {
      if !op.inputOnChip { total += bytes(record.batch * record.m * record.k, record.actBits) }
      if record.kind == .matmul, record.inputs.count > 1, record.inputs[1] != index - 1 {
        total += bytes(record.batch * record.k * record.n, record.weightBits)
      }
    }
    if !op.outputOnChip { total += bytes(record.outElements, record.outBits) }
    return total
  }

  @Test(arguments: cases)
  func `latency covers compute and the DRAM time, and traffic covers the unique bytes`(_ c: Case)
    throws
  {
    let trace = try Self.trace(c.model)
    let chip = try #require(try Chip.example(named: c.chip))
    let bandwidth = chip.memory.dram.bytesPerCycle(atMHz: chip.array.clockMHz)
    let result = try simulate(trace, on: chip)
    for (index, (record, op)) in zip(trace.records, result.ops).enumerated() {
      let total = op.totalCycles.count
      #expect(total >= op.computeCycles, "\(record.name)")
      #expect(op.computeCycles >= op.array.computeCycles.count, "\(record.name)")
      #expect(total == op.computeCycles + op.exposedVectorCycles + op.stallCycles, "\(record.name)")
      #expect(
        Double(total) >= Double(op.dram.totalBytes) / bandwidth,
        "\(record.name): \(total) cycles < \(op.dram.totalBytes) bytes / \(bandwidth)")
      #expect(op.dram.totalBytes >= Self.uniqueBytes(record, at: index, op), "\(record.name)")
    }
  }

  /// The chip with every bandwidth unbounded and no DRAM latency.
  static func unbounded(_ chip: Chip) -> Chip {
    var chip = chip
    chip.memory.dram = DRAMChannel(bandwidth: .bytesPerCycle(.infinity), latencyCycles: 0)
    func free(_ buffer: SRAMBuffer) -> SRAMBuffer {
      SRAMBuffer(bytes: buffer.bytes, readBytesPerCycle: .infinity, writeBytesPerCycle: .infinity)
    }
    switch chip.memory.buffers {
    case .split(let input, let weight, let output):
      chip.memory.buffers = .split(input: free(input), weight: free(weight), output: free(output))
    case .unified(let buffer):
      chip.memory.buffers = .unified(free(buffer))
    }
    return chip
  }

  @Test(arguments: cases)
  func `unbounded bandwidth gives zero stalls`(_ c: Case) throws {
    let trace = try Self.trace(c.model)
    let chip = Self.unbounded(try #require(try Chip.example(named: c.chip)))
    let result = try simulate(trace, on: chip)
    for (record, op) in zip(trace.records, result.ops) {
      #expect(op.stallCycles == 0, "\(record.name): \(op.stallCycles) stall cycles")
    }
  }

  @Test(arguments: cases)
  func `more DRAM bandwidth never gives more cycles`(_ c: Case) throws {
    let trace = try Self.trace(c.model)
    let chip = try #require(try Chip.example(named: c.chip))
    var faster = chip
    faster.memory.dram.bandwidth = .bytesPerCycle(
      2 * chip.memory.dram.bytesPerCycle(atMHz: chip.array.clockMHz))
    let slow = try simulate(trace, on: chip)
    let fast = try simulate(trace, on: faster)
    for (index, record) in trace.records.enumerated() {
      #expect(
        fast.ops[index].totalCycles <= slow.ops[index].totalCycles,
        "\(record.name): \(fast.ops[index].totalCycles) > \(slow.ops[index].totalCycles)")
    }
  }

  @Test(arguments: cases)
  func `more SRAM never gives more DRAM traffic`(_ c: Case) throws {
    let trace = try Self.trace(c.model)
    let chip = try #require(try Chip.example(named: c.chip))
    var larger = chip
    switch chip.memory.buffers {
    case .split(var input, var weight, var output):
      input.bytes *= 2
      weight.bytes *= 2
      output.bytes *= 2
      larger.memory.buffers = .split(input: input, weight: weight, output: output)
    case .unified(var buffer):
      buffer.bytes *= 2
      larger.memory.buffers = .unified(buffer)
    }
    let small = try simulate(trace, on: chip)
    let big = try simulate(trace, on: larger)
    #expect(big.totals.dram.totalBytes <= small.totals.dram.totalBytes)
    for (index, record) in trace.records.enumerated() {
      #expect(
        big.ops[index].dram.totalBytes <= small.ops[index].dram.totalBytes,
        "\(record.name): \(big.ops[index].dram.totalBytes) > \(small.ops[index].dram.totalBytes)")
    }
  }

  @Test(arguments: ["deit-small", "swin-tiny", "cswin-tiny", "biformer-tiny"])
  func `the traffic objective never moves more DRAM bytes than the latency objective`(
    _ model: String
  ) throws {
    let trace = try Self.trace(model)
    for name in Chip.exampleNames {
      let chip = try #require(try Chip.example(named: name))
      var frugal = chip
      frugal.memory.scheduleObjective = .traffic
      let fast = try simulate(trace, on: chip)
      let lean = try simulate(trace, on: frugal)
      for index in trace.records.indices {
        #expect(
          lean.ops[index].dram.totalBytes <= fast.ops[index].dram.totalBytes,
          "\(name) \(trace.records[index].name)")
      }
    }
  }
}
