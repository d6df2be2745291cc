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
      .init(
        name: "quant", valueName: "recipe",
        help: wrapped(
          "A recipe name or a recipe file (*.json) (default W8A8). Built-in: "
            + QuantizationRecipe.builtInNames.joined(separator: ", ")
            + "; also any W<w>A<a>[-fp16nonlinear] with widths in 1...16.")),
      .init(
        name: "sparsity", valueName: "pattern",
        help: """
          N:M pattern of the linear and conv weights (e.g. 2:4, 1:4, 2:8,
          4:8), or dense (default). Matmuls, depthwise convs and weights
          with K < M stay dense; recipe overrides win.
          """),
      .init(name: "output", valueName: "file", help: "Write the CSV to this file (atomically)."),
    ])

  static let subcommand = Subcommand(spec: spec) { arguments, console throws(CLIError) in
    let imageSize = try arguments.integer("image-size", in: 1...Int.max) ?? 224
    let batch = try arguments.integer("batch", in: 1...Int.max) ?? 1
    let sparsity = try sparsityOption(arguments.value("sparsity"))
    let recipe = try recipeOption(arguments.value("quant") ?? "W8A8")
    let model = try ModelLookup.descriptor(named: arguments.positionals[0], subcommand: spec.name)
    let graph = try ModelLookup.graph(
      model, imageSize: imageSize, batch: batch, subcommand: spec.name)
    let trace: LayerTrace
    do throws(RecipeError) {
      trace = try recipe.apply(to: graph.lowered(), sparsity: sparsity)
    } catch {
      throw CLIError(.dataError, error.description)
    }
    let csv = trace.csvText
    if let output = arguments.value("output") {
      try FileIO.writeAtomically(csv, to: output)
    } else {
      console.out(csv)
    }
    return .success
  }

  /// `text` broken at spaces into lines of at most 66 characters, for a help row.
  static func wrapped(_ text: String) -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty && line.count + 1 + word.count > 66 {
        lines.append(line)
        line = ""
      }
      line += line.isEmpty ? String(word) : " " + word
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }

  /// `--sparsity`: `dense` or `N:M`; anything else is a usage error.
  static func sparsityOption(_ text: String?) throws(CLIError) -> Sparsity {
    guard let text else { return .dense }
    guard let sparsity = Sparsity(parsing: text) else {
      throw .usage(
        "option '--sparsity': '\(text)' is not a sparsity; expected 'dense' or N:M with 1 ≤ N ≤ M ≤ \(Sparsity.maxGroup) (e.g. 2:4)",
        subcommand: spec.name)
    }
    return sparsity
  }

  /// `--quant`: a recipe file when the value ends in `.json` or contains a `/` (missing: 66,
  /// invalid: 65), otherwise a recipe name (unknown: a usage error with a "did you mean").
  static func recipeOption(_ value: String) throws(CLIError) -> QuantizationRecipe {
    if value.hasSuffix(".json") || value.contains("/") {
      let text = try FileIO.readText(value)
      do throws(RecipeError) {
        return try QuantizationRecipe(json: text, file: value)
      } catch {
        throw CLIError(.dataError, error.description)
      }
    }
    if let recipe = QuantizationRecipe.named(value) { return recipe }
    let hint = QuantizationRecipe.closestName(to: value).map { " (did you mean '\($0)'?)" } ?? ""
    throw .usage(
      "option '--quant': unknown recipe '\(value)'\(hint); expected one of \(QuantizationRecipe.builtInNames.joined(separator: ", ")), W<w>A<a>[-fp16nonlinear], or a recipe file *.json",
      subcommand: spec.name)
  }
}
