import LayerTrace
import Testing
import ViTGraph

/// Structural properties of every built-in model's graph and trace: validity, unique names,
/// execution order, batch scaling.
struct ModelTraceTests {
  static let models = ModelCatalog.all.map(\.name)

  /// Every model at its default size and at one more accepted size.
  static let sizes: [(model: String, imageSize: Int)] = models.flatMap { name in
    let other =
      switch ModelCatalog.named(name)?.family {
      case "DeiT": 384
      case "BiFormer": 336
      default: 448
      }
    return [(name, 224), (name, other)]
  }

  static func graph(_ name: String, imageSize: Int = 224, batch: Int = 1) throws -> ViTGraph {
    let model = try #require(ModelCatalog.named(name))
    return try model.build(imageSize, batch)
  }

  @Test(arguments: sizes)
  func `every trace is valid and every name unique`(_ model: String, _ imageSize: Int) throws {
    let trace = try Self.graph(model, imageSize: imageSize).lowered()
    let problems = trace.problems()
    #expect(
      problems.isEmpty,
      "\(model) at \(imageSize): \(problems.prefix(3).map { "\(trace.records[$0.index].name): \($0.problem)" })"
    )
    let names = trace.records.map(\.name)
    var seen: Set<String> = []
    let repeated = names.filter { !seen.insert($0).inserted }
    #expect(repeated.isEmpty, "\(model) at \(imageSize) repeats \(repeated.prefix(5))")
    #expect(
      trace.records.allSatisfy {
        $0.weightBits == 8 && $0.actBits == 8 && $0.outBits == 8 && $0.sparsity == .dense
      })
  }

  @Test(arguments: models)
  func `ops only read inputs, constants and earlier ops`(_ model: String) throws {
    let graph = try Self.graph(model)
    for (index, op) in graph.ops.enumerated() {
      for input in op.inputs {
        switch input.source {
        case .op(let producer): #expect(producer < index, "\(op.name) reads op \(producer)")
        case .constant(let constant): #expect(graph.constants.indices.contains(constant))
        case .input(let name): #expect(name == "image")
        }
      }
    }
    #expect(graph.output.shape == [1, 1000])
    #expect(graph.parameters.reduce(0) { $0 + $1.count } == graph.parameterCount)
  }

  @Test(arguments: models)
  func `batch 3 triples every activation count and keeps the weights`(_ model: String) throws {
    let one = try Self.graph(model, batch: 1)
    let three = try Self.graph(model, batch: 3)
    #expect(three.parameterCount == one.parameterCount)
    let (a, b) = (one.lowered().records, three.lowered().records)
    try #require(a.map(\.name) == b.map(\.name))
    for (single, triple) in zip(a, b) {
      let scaled = (single.macs * 3, single.elements * 3, single.rows * 3, single.outElements * 3)
      let got = (triple.macs, triple.elements, triple.rows, triple.outElements)
      #expect(got == scaled, "\(model) \(single.name): \(got) vs 3× \(single)")
      #expect(triple.weightElements == single.weightElements, "\(model) \(single.name)")
      #expect(triple.rowLength == single.rowLength, "\(model) \(single.name)")
    }
    let totals1 = ModelTotals(one)
    let totals3 = ModelTotals(three)
    for (x1, x3) in zip(totals1.fields, totals3.fields) where x1.column != "params" {
      #expect(x3.value == 3 * x1.value, "\(model) \(x1.column)")
    }
  }
}
