extension Chip {
  /// Accepted ranges of the memory and vector-unit keys.
  public static let bufferBytesRange = 1...(1 << 40)
  public static let bytesPerCycleRange = 1e-6...1e9
  public static let gigabytesPerSecondRange = 1e-6...1e7
  public static let latencyCyclesRange = 0...10_000_000
  public static let accumulatorBitsRange = 8...64
  public static let vectorLanesRange = 1...65536
  public static let vectorCyclesRange = 0.0...10_000.0
}

/// Collects range problems with uniform messages: `path: value is not in lo...hi`.
struct ProblemList {
  var problems: [ChipProblem] = []

  mutating func add(_ path: String, _ message: String) {
    problems.append(ChipProblem(path: path, message: message))
  }

  mutating func check(_ path: String, _ value: Int, in range: ClosedRange<Int>, unit: String = "") {
    if !range.contains(value) {
      add(path, "\(value) is not in \(range.lowerBound)...\(range.upperBound)\(unit)")
    }
  }

  mutating func check(
    _ path: String, _ value: Double, in range: ClosedRange<Double>, unit: String = ""
  ) {
    if !(value.isFinite && range.contains(value)) {
      add(
        path,
        "\(JSONValue.numberText(value)) is not in \(JSONValue.numberText(range.lowerBound))...\(JSONValue.numberText(range.upperBound))\(unit)"
      )
    }
  }
}

extension MemorySystem {
  /// Every problem of the memory section, with paths under `path`: sizes and bandwidths in
  /// range, and each buffer able to hold the smallest tile `array` can work on.
  func problems(path: String, array: SystolicArray) -> [ChipProblem] {
    var list = ProblemList()
    func checkBuffer(_ buffer: SRAMBuffer, _ name: String) {
      list.check("\(path).\(name).bytes", buffer.bytes, in: Chip.bufferBytesRange)
      list.check(
        "\(path).\(name).read_bytes_per_cycle", buffer.readBytesPerCycle,
        in: Chip.bytesPerCycleRange)
      list.check(
        "\(path).\(name).write_bytes_per_cycle", buffer.writeBytesPerCycle,
        in: Chip.bytesPerCycleRange)
    }
    switch buffers {
    case .split(let input, let weight, let output):
      checkBuffer(input, "input")
      checkBuffer(weight, "weight")
      checkBuffer(output, "output")
    case .unified(let buffer):
      checkBuffer(buffer, "unified")
    }
    list.check("\(path).accumulator_bits", accumulatorBits, in: Chip.accumulatorBitsRange)
    switch dram.bandwidth {
    case .bytesPerCycle(let value):
      list.check("\(path).dram.bytes_per_cycle", value, in: Chip.bytesPerCycleRange)
    case .gigabytesPerSecond(let value):
      list.check("\(path).dram.gb_per_s", value, in: Chip.gigabytesPerSecondRange)
    }
    list.check("\(path).dram.latency_cycles", dram.latencyCycles, in: Chip.latencyCyclesRange)
    if list.problems.isEmpty, array.peCount != nil {
      list.problems += tileProblems(path: path, array: array)
    }
    return list.problems
  }

  /// Problems of buffers too small for the smallest tile of `array`'s dataflow at 8-bit
  /// operands and outputs and `accumulatorBits` partial sums.
  func tileProblems(path: String, array: SystolicArray) -> [ChipProblem] {
    let need = MinimumTile(
      array: array, inputBits: 8, weightBits: 8, outputBits: 8, accumulatorBits: accumulatorBits)
    var problems: [ChipProblem] = []
    let halves = doubleBuffered ? 2 : 1
    let note = doubleBuffered ? " (each half of the double buffer holds one)" : ""
    func check(_ name: String, _ buffer: SRAMBuffer, _ bytes: Int, _ what: String) {
      let (required, overflow) = bytes.multipliedReportingOverflow(by: halves)
      guard overflow || buffer.bytes < required else { return }
      problems.append(
        ChipProblem(
          path: "\(path).\(name).bytes",
          message:
            "\(buffer.bytes) cannot hold \(what) of a \(array.rows)×\(array.cols) \(array.dataflow.longName) array\(note); expected at least \(required)"
        ))
    }
    switch buffers {
    case .split(let input, let weight, let output):
      check("input", input, need.inputBytes, need.inputDescription)
      check("weight", weight, need.weightBytes, need.weightDescription)
      check("output", output, need.outputBytes, need.outputDescription)
    case .unified(let buffer):
      check(
        "unified", buffer, need.inputBytes + need.weightBytes + need.outputBytes,
        "the smallest input, weight and output tiles together")
    }
    return problems
  }
}

/// The smallest tiles an array can work on, per operand: what each buffer half must hold.
///
/// | dataflow | input | weight | output |
/// |---|---|---|---|
/// | os | one column of R activations | one row of C weights | the R×C outputs of a fold |
/// | ws | one row of R activations | the R×C stationary weight tile | one row of C partial sums |
/// | is | the R×C stationary input tile | one row of R weights | one row of C partial sums |
public struct MinimumTile: Hashable, Sendable {
  public var inputBytes: Int
  public var weightBytes: Int
  public var outputBytes: Int
  var inputDescription: String
  var weightDescription: String
  var outputDescription: String

  /// The tiles at the given bit widths (bytes rounded up); `inputBits` and `weightBits` are
  /// per element (per packed word on a PE with lanes or a sparse core).
  public init(
    array: SystolicArray, inputBits: Int, weightBits: Int, outputBits: Int, accumulatorBits: Int
  ) {
    let r = array.rows
    let c = array.cols
    func bytes(_ count: Int, _ bits: Int) -> Int {
      let total = count.multipliedReportingOverflow(by: bits)
      return total.overflow ? Int.max : (total.partialValue + 7) / 8
    }
    switch array.dataflow {
    case .outputStationary:
      inputBytes = bytes(r, inputBits)
      inputDescription = "one column of \(r) \(inputBits)-bit activations"
      weightBytes = bytes(c, weightBits)
      weightDescription = "one row of \(c) \(weightBits)-bit weights"
      outputBytes = bytes(r * c, outputBits)
      outputDescription = "the \(r)×\(c) \(outputBits)-bit outputs of one fold"
    case .weightStationary:
      inputBytes = bytes(r, inputBits)
      inputDescription = "one row of \(r) \(inputBits)-bit activations"
      weightBytes = bytes(r * c, weightBits)
      weightDescription = "one \(r)×\(c) tile of \(weightBits)-bit weights"
      outputBytes = bytes(c, accumulatorBits)
      outputDescription = "one row of \(c) \(accumulatorBits)-bit partial sums"
    case .inputStationary:
      inputBytes = bytes(r * c, inputBits)
      inputDescription = "one \(r)×\(c) tile of \(inputBits)-bit activations"
      weightBytes = bytes(r, weightBits)
      weightDescription = "one row of \(r) \(weightBits)-bit weights"
      outputBytes = bytes(c, accumulatorBits)
      outputDescription = "one row of \(c) \(accumulatorBits)-bit partial sums"
    }
  }
}

extension Dataflow {
  /// `output-stationary`, `weight-stationary` or `input-stationary`.
  public var longName: String {
    switch self {
    case .outputStationary: "output-stationary"
    case .weightStationary: "weight-stationary"
    case .inputStationary: "input-stationary"
    }
  }
}

extension VectorUnit {
  /// Every problem of the vector-unit section, with paths under `path`.
  func problems(path: String) -> [ChipProblem] {
    var list = ProblemList()
    list.check("\(path).lanes", lanes, in: Chip.vectorLanesRange)
    for kind in Kind.allCases {
      list.check(
        "\(path).cycles_per_element.\(kind.rawValue)", cyclesPerElement[kind] ?? 0,
        in: Chip.vectorCyclesRange)
    }
    for method in Method.allCases {
      list.check(
        "\(path).method_cycles.\(method.rawValue)", methodCycles[method] ?? 0,
        in: Chip.vectorCyclesRange)
    }
    return list.problems
  }
}

extension IntegerLanes {
  /// The accepted lanes per pair (pair widths: ``PrecisionPair/bitsRange``, checked when read).
  public static let lanesRange = 1...4096

  /// Every problem of the lanes section, with paths under `path`.
  func problems(path: String) -> [ChipProblem] {
    var list = ProblemList()
    if macsPerCycle.isEmpty {
      list.add(
        "\(path).macs_per_cycle", "{} must list at least one precision pair, e.g. {\"8x8\": 1}")
    }
    for (pair, lanes) in macsPerCycle.sorted(by: { $0.key < $1.key }) {
      let key = "\(path).macs_per_cycle.\(pair)"
      list.check(key, lanes, in: Self.lanesRange)
    }
    return list.problems
  }
}

extension SparseCore {
  /// Every problem of the sparse-core section, with paths under `path`.
  func problems(path: String) -> [ChipProblem] {
    var list = ProblemList()
    list.check("\(path).select_cycles_per_fold", selectCyclesPerFold, in: 0...1024)
    return list.problems
  }
}
