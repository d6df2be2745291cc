import LayerTrace

/// Builds a ``ViTGraph`` op by op, inferring shapes and counting parameters.
///
/// Ops are added in execution order: each method checks its operands' shapes, infers the
/// output shape, records the trainable parameters the op owns and computes its trace record,
/// then returns the output tensor. Names are hierarchical: ``scope(_:_:)`` pushes a component
/// (`blocks.3`), and an op named `attn.qkv` inside it is called `blocks.3.attn.qkv`. Every
/// name in a graph is unique.
///
/// ```swift
/// var g = GraphBuilder(name: "tiny")
/// let image = try g.input("image", shape: [1, 3, 32, 32])
/// let map = try g.conv2d(image, outChannels: 8, kernel: 4, stride: 4, name: "patch_embed")
/// let tokens = try map.reshaped([1, 8, 64]).permutedView([0, 2, 1])  // (1, 64, 8)
/// let normed = try g.layerNorm(tokens, name: "norm")
/// let logits = try g.linear(normed, outFeatures: 10, name: "head")
/// let graph = try g.finish(output: logits)
/// ```
///
/// Every product of sizes is overflow-checked: a batch or image too large for `Int` counts
/// becomes a ``ModelError``, never a trap. Shape mismatches are errors too, so a custom graph
/// gets a message naming the op instead of a crash.
public struct GraphBuilder: Sendable {
  /// The graph's name (the model name for the built-in models).
  public let name: String
  /// The graph inputs added so far.
  public private(set) var inputs: [Tensor] = []
  /// The ops added so far, in execution order.
  public private(set) var ops: [Op] = []
  /// The constants added so far.
  public private(set) var constants: [Constant] = []
  /// Every trainable parameter so far, in the order ops and constants were added.
  public private(set) var parameters: [Parameter] = []
  private var names: Set<String> = []
  private var path: [String] = []

  public init(name: String) {
    self.name = name
  }

  /// Runs `body` with `component` appended to the name prefix of everything it adds.
  ///
  /// Components may themselves be dotted (`layers.1`).
  public mutating func scope<Result>(
    _ component: String, _ body: (inout GraphBuilder) throws(ModelError) -> Result
  ) throws(ModelError) -> Result {
    path.append(component)
    defer { path.removeLast() }
    return try body(&self)
  }

  /// `local` prefixed with the current scope, e.g. `blocks.3.attn.qkv`.
  public func qualified(_ local: String) -> String {
    (path + [local]).joined(separator: ".")
  }

  /// A graph input (an image batch, usually `[batch, 3, side, side]`).
  ///
  /// - Throws: ``ModelError`` on a duplicate name, an extent below 1 or an element count that
  ///   overflows `Int`.
  public mutating func input(_ name: String, shape: [Int]) throws(ModelError) -> Tensor {
    let full = try claim(name)
    let tensor = try Tensor(shape: shape, source: .input(full), context: full)
    inputs.append(tensor)
    return tensor
  }

  /// A constant operand: a trainable tensor, a table derived from a parameter, or a buffer.
  ///
  /// The constant adds no op. Vector ops that read it (`add`, `concat`) report its stored size
  /// as the record's `weightElements`, however it is broadcast.
  ///
  /// - Parameters:
  ///   - name: the constant's name, relative to the current scope.
  ///   - shape: its shape in elements.
  ///   - source: how it relates to the trainable parameters (default: it is one).
  public mutating func constant(
    _ name: String, shape: [Int], source: Constant.Source = .trainable
  ) throws(ModelError) -> Tensor {
    let full = try claim(name)
    let tensor = try Tensor(shape: shape, source: .constant(constants.count), context: full)
    let owned: [Parameter]
    switch source {
    case .trainable:
      owned = [try parameter(full, shape)]
    case .derived(let from, let tableShape):
      owned = [try parameter(try claim(from), tableShape)]
    case .buffer:
      owned = []
    }
    constants.append(
      Constant(name: full, shape: shape, elementCount: tensor.elementCount, parameters: owned))
    parameters += owned
    return tensor
  }

  /// The finished graph, whose result is `output`.
  ///
  /// - Throws: ``ModelError`` when the graph has no ops or its total MACs, elements or
  ///   parameters overflow `Int`.
  public func finish(output: Tensor) throws(ModelError) -> ViTGraph {
    guard !ops.isEmpty else { throw ModelError("graph '\(name)' has no ops") }
    let records = ops.map(\.record)
    let totals: [(String, [Int])] = [
      ("multiply-accumulates", records.map(\.macs)),
      ("elements", records.map(\.elements)),
      ("output elements", records.map(\.outElements)),
      ("weight elements", records.map(\.weightElements)),
      ("parameters", parameters.map(\.count)),
    ]
    for (what, values) in totals where checkedSum(of: values) == nil {
      throw ModelError(
        "graph '\(name)': the total \(what) overflow a 64-bit integer; "
          + "use a smaller batch or image size")
    }
    return ViTGraph(
      name: name, inputs: inputs, ops: ops, constants: constants, output: output,
      parameters: parameters, parameterCount: checkedSum(of: parameters.map(\.count)) ?? 0)
  }

  // MARK: - Helpers for the op methods

  /// The full name for `local`, reserved; throws if it is taken or not a valid trace name.
  mutating func claim(_ local: String) throws(ModelError) -> String {
    let full = qualified(local)
    guard !local.isEmpty,
      !full.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0.value < 0x20 })
    else {
      throw ModelError(
        "name '\(full)' must be non-empty without commas, quotes or control characters")
    }
    guard names.insert(full).inserted else {
      throw ModelError(
        "name '\(full)' is used twice; every op, input and constant needs its own name")
    }
    return full
  }

  /// A parameter of `shape` called `name`, with its count checked.
  func parameter(_ name: String, _ shape: [Int]) throws(ModelError) -> Parameter {
    guard shape.allSatisfy({ $0 >= 1 }), let count = checkedProduct(of: shape) else {
      throw ModelError("'\(name)': parameter shape \(shape) is empty or overflows a 64-bit integer")
    }
    return Parameter(name: name, shape: shape, count: count)
  }

  /// Adds an op whose output has `outputShape` and returns the output tensor.
  ///
  /// `makeRecord` receives the output tensor (with its checked element count).
  mutating func append(
    _ fullName: String, _ operation: Operation, inputs: [Tensor], outputShape: [Int],
    parameters owned: [Parameter] = [],
    record makeRecord: (Tensor) throws(ModelError) -> TraceRecord
  ) throws(ModelError) -> Tensor {
    let output = try Tensor(shape: outputShape, source: .op(ops.count), context: fullName)
    let record = try makeRecord(output)
    if let problem = record.problems().first {
      throw ModelError("'\(fullName)': \(problem)")
    }
    guard checkedSum(of: owned.map(\.count)) != nil else {
      throw ModelError("'\(fullName)': its parameter count overflows a 64-bit integer")
    }
    ops.append(
      Op(
        name: fullName, operation: operation, inputs: inputs, output: output, parameters: owned,
        record: record))
    parameters += owned
    return output
  }

  /// The stored elements of the distinct constants among `tensors` (0 for activations): what a
  /// vector op reports as `weightElements`.
  func constantElements(of tensors: [Tensor], for fullName: String) throws(ModelError) -> Int {
    var seen: Set<Int> = []
    var counts: [Int] = []
    for tensor in tensors {
      if case .constant(let index) = tensor.source, seen.insert(index).inserted {
        counts.append(constants[index].elementCount)
      }
    }
    guard let total = checkedSum(of: counts) else {
      throw ModelError("'\(fullName)': its constant operands overflow a 64-bit integer")
    }
    return total
  }

  /// The product of `values`, or a ``ModelError`` naming `fullName` when it overflows.
  func product(_ values: Int..., for fullName: String) throws(ModelError) -> Int {
    try product(of: values, for: fullName)
  }

  /// The product of `values`, or a ``ModelError`` naming `fullName` when it overflows.
  func product(of values: [Int], for fullName: String) throws(ModelError) -> Int {
    guard let result = checkedProduct(of: values) else {
      throw ModelError(
        "'\(fullName)': \(values.map(String.init).joined(separator: "·")) overflows a 64-bit "
          + "integer; use a smaller batch or image size")
    }
    return result
  }
}
