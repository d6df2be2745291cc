import LayerTrace
import ViTGraph

/// `vitsim trace MODEL`: lower a built-in model to a layer-trace CSV.
enum TraceCommand {
  static let spec = CommandSpec(
    name: "trace",
    abstract: "Write the layer trace of a built-in model as CSV.",
    discussion: """
      One row per op in execution order; the columns are described in README.md \
      ("Trace format"). Without --output the CSV goes to standard output. The bits and \
      sparsity come from a quantization recipe and a sparsity option, recorded in the \
      'quant' column (e.g. W4A8+2:4).
      """,
    arguments: [.init(name: "model", help: "A model name from 'vitsim models' (e.g. deit-small).")],
    options: [
      .init(name: "image-size", valueName: "n", help: "Input image side in pixels (default 224)."),
      .init(name: "batch", valueName: "n", help: "Images per inference (default 1)."),
      QuantOptions.quant(default: "W8A8"),
      QuantOptions.sparsity,
      .init(name: "output", valueName: "file", help: "Write the CSV to this file (atomically)."),
    ])

  static let subcommand = Subcommand(spec: spec) { arguments, console throws(CLIError) in
    let imageSize = try arguments.integer("image-size", in: 1...Int.max) ?? 224
    let batch = try arguments.integer("batch", in: 1...Int.max) ?? 1
    let sparsity = try QuantOptions.sparsity(arguments.value("sparsity"), subcommand: spec.name)
    let recipe = try QuantOptions.recipe(arguments.value("quant") ?? "W8A8", subcommand: spec.name)
    let model = try ModelLookup.descriptor(named: arguments.positionals[0], subcommand: spec.name)
    let graph = try ModelLookup.graph(
      model, imageSize: imageSize, batch: batch, subcommand: spec.name)
    let trace = try QuantOptions.apply(recipe, sparsity: sparsity, to: graph.lowered())
    let csv = trace.csvText
    if let output = arguments.value("output") {
      try FileIO.writeAtomically(csv, to: output)
    } else {
      console.out(csv)
    }
    return .success
  }
}
