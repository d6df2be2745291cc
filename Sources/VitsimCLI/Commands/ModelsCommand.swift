import LayerTrace
import ViTGraph

/// `vitsim models`: the built-in models with their parameters and MACs at 224×224.
enum ModelsCommand {
  static let spec = CommandSpec(
    name: "models",
    abstract: "List the built-in models.",
    discussion: """
      Columns: name (use it with 'trace' and 'simulate'); family; params (trainable \
      parameters, exact); gmacs_224 (multiply-accumulates of linear, conv and attention \
      matmuls at 224×224, batch 1, in units of 10^9).
      """)

  static let subcommand = Subcommand(spec: spec) { _, console throws(CLIError) in
    var rows: [[String]] = [["name", "family", "params", "gmacs_224"]]
    for model in ModelCatalog.all {
      let graph = try ModelLookup.graph(model, imageSize: 224, batch: 1, subcommand: spec.name)
      let gmacs = Double(graph.lowered().macs()) / 1e9
      rows.append([
        model.name, model.family, String(graph.parameterCount), formatFixed(gmacs, digits: 3),
      ])
    }
    console.out(TextTable.render(rows, rightAligned: [2, 3]))
    return .success
  }
}
