import LayerTrace
import ViTGraph

/// A model or trace of a sweep, with its trace under every (`--quant`, `--sparsity`) pair.
///
/// Built once before the points run: a model's graph is built and lowered once, and each
/// recipe applied once, so a point only simulates.
struct SweepWorkload: Sendable {
  /// The `model` column: the model's name or the trace file's base name.
  var name: String
  /// `variants[q · sparsityCount + s]`: the trace under quant q and sparsity s.
  var variants: [LayerTrace]
  /// The `quant` and `sparsity` columns of each variant (from its records' labels).
  var labels: [(quant: String, sparsity: String)]

  /// Where a workload comes from.
  enum Source: Sendable {
    case model(ModelDescriptor, imageSize: Int, batch: Int)
    /// An already parsed trace file and its base name.
    case trace(LayerTrace, name: String)

    var name: String {
      switch self {
      case .model(let model, _, _): model.name
      case .trace(_, let name): name
      }
    }
  }

  /// The recipes of a sweep, one per `--quant` value; nil keeps a trace's own bits.
  ///
  /// A model without `--quant` gets W8A8; a trace keeps its bits unless `--quant` or
  /// `--sparsity` is given (then W8A8 too), as `vitsim simulate` does.
  typealias Recipes = [QuantizationRecipe?]

  /// Builds the source's trace and applies every (recipe, sparsity) pair.
  ///
  /// - Throws: ``CLIError``: a model that cannot take the image size or batch (64), a model
  ///   trace that fails validation (1), a recipe whose overrides match no op (65).
  init(
    _ source: Source, recipes: Recipes, sparsities: [Sparsity], sparsityGiven: Bool
  ) throws(CLIError) {
    name = source.name
    let base: LayerTrace
    var recipes = recipes
    switch source {
    case .model(let model, let imageSize, let batch):
      let graph = try ModelLookup.graph(
        model, imageSize: imageSize, batch: batch, subcommand: "sweep")
      base = graph.lowered()
      if let (index, problem) = base.problems().first {
        throw CLIError(
          .failure, "model \(model.name) produced an invalid trace: op \(index): \(problem)")
      }
      recipes = recipes.map { $0 ?? QuantizationRecipe.named("W8A8") }
    case .trace(let trace, _):
      base = trace
      if sparsityGiven { recipes = recipes.map { $0 ?? QuantizationRecipe.named("W8A8") } }
    }
    variants = []
    for recipe in recipes {
      for sparsity in sparsities {
        if let recipe {
          variants.append(try QuantOptions.apply(recipe, sparsity: sparsity, to: base))
        } else {
          variants.append(base)
        }
      }
    }
    labels = variants.map(SummaryReport.quantColumns)
  }
}
