import LayerTrace

/// The `--quant` and `--sparsity` options shared by `trace`, `simulate` and `sweep`.
enum QuantOptions {
  /// `--quant <recipe>`.
  static func quant(default name: String?) -> CommandSpec.Option {
    .init(
      name: "quant", valueName: "recipe",
      help: wrapped(
        "A recipe name or a recipe file (*.json)"
          + (name.map { " (default \($0))" } ?? " (default: the trace's own bits)") + ". Built-in: "
          + QuantizationRecipe.builtInNames.joined(separator: ", ")
          + "; also any W<w>A<a>[-fp16nonlinear] with widths in 1...16."))
  }

  /// `--sparsity <pattern>`.
  static let sparsity = CommandSpec.Option(
    name: "sparsity", valueName: "pattern",
    help: """
      N:M pattern of the linear and conv weights (e.g. 2:4, 1:4, 2:8,
      4:8), or dense (default). Matmuls, depthwise convs and weights
      with K < M stay dense; recipe overrides win.
      """)

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
  static func sparsity(_ text: String?, subcommand: String) throws(CLIError) -> Sparsity {
    guard let text else { return .dense }
    guard let sparsity = Sparsity(parsing: text) else {
      throw .usage(
        "option '--sparsity': '\(text)' is not a sparsity; expected 'dense' or N:M with 1 ≤ N ≤ M ≤ \(Sparsity.maxGroup) (e.g. 2:4)",
        subcommand: subcommand)
    }
    return sparsity
  }

  /// `--quant`: a recipe file when the value ends in `.json` or contains a `/` (missing: 66,
  /// invalid: 65), otherwise a recipe name (unknown: a usage error with a "did you mean").
  static func recipe(_ value: String, subcommand: String) throws(CLIError) -> QuantizationRecipe {
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
      subcommand: subcommand)
  }

  /// The trace with the recipe's bits and the sparsity applied; a recipe that does not fit the
  /// trace (an override matching no op) is a data error.
  static func apply(
    _ recipe: QuantizationRecipe, sparsity: Sparsity, to trace: LayerTrace
  ) throws(CLIError) -> LayerTrace {
    do throws(RecipeError) {
      return try recipe.apply(to: trace, sparsity: sparsity)
    } catch {
      throw CLIError(.dataError, error.description)
    }
  }
}
