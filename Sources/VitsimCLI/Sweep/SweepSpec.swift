import Foundation
import Hardware
import LayerTrace
import Simulator
import ViTGraph

/// The options of `vitsim sweep`, parsed and checked before any work starts.
///
/// Every mistake is found here, with a one-line message and its exit code: usage errors (64)
/// for the command line, 66 for an unreadable `--chip`/`--trace`/recipe file, 65 for invalid
/// contents. Nothing is simulated and no output is touched before this succeeds.
struct SweepSpec {
  var baseChip: Chip
  var points: SweepPoints
  var sources: [SweepWorkload.Source]
  var recipes: SweepWorkload.Recipes
  var sparsities: [Sparsity]
  var sparsityGiven: Bool
  var columns: SweepColumns
  var objectives: [ParetoObjective]
  var output: String?
  var resume: Bool
  var shard: SweepShard?
  var jobs: Int
  var showsProgress: Bool

  /// The points this run covers: the shard's slice, or all.
  var range: Range<Int> { shard?.points(of: points.count) ?? 0..<points.count }

  /// The `model` cell of each row within a point.
  var rowModels: [String] {
    sources.flatMap { Array(repeating: $0.name, count: recipes.count * sparsities.count) }
  }

  init(_ arguments: ParsedArguments, console: Console) throws(CLIError) {
    let command = SweepCommand.spec.name
    func usage(_ message: String) -> CLIError { .usage(message, subcommand: command) }

    // Combinations.
    output = arguments.value("output")
    resume = arguments.flag("resume")
    if resume, output == nil {
      throw usage("--resume needs --output FILE: the file to continue")
    }
    let paretoText = arguments.value("pareto")
    if paretoText != nil, arguments.value("shard") != nil {
      throw usage(
        "--pareto does not combine with --shard (a shard sees only its rows); run the shards without it, concatenate their files, then run the same sweep with --pareto --resume --output ALL.csv"
      )
    }
    let models = Self.list(arguments.allValues("model"))
    let traces = Self.list(arguments.allValues("trace"))
    if models.isEmpty, !traces.isEmpty {
      for option in ["image-size", "batch"] where arguments.value(option) != nil {
        throw usage("--\(option) applies only with --model")
      }
    }
    shard = try arguments.value("shard").map { text throws(CLIError) in
      try SweepShard(parsing: text)
    }
    jobs =
      try arguments.integer("jobs", in: 1...4096)
      ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
    showsProgress = arguments.flag("progress") || console.stderrIsTerminal
    let imageSize = try arguments.integer("image-size", in: 1...Int.max) ?? 224
    let batch = try arguments.integer("batch", in: 1...Int.max) ?? 1

    // Recipes and sparsities.
    let quantNames = Self.list(arguments.allValues("quant"))
    if arguments.value("quant") != nil, quantNames.isEmpty {
      throw usage("option '--quant': the list is empty")
    }
    recipes = []
    for name in quantNames { recipes.append(try QuantOptions.recipe(name, subcommand: command)) }
    if recipes.isEmpty { recipes = [nil] }
    let sparsityNames = Self.list(arguments.allValues("sparsity"))
    if arguments.value("sparsity") != nil, sparsityNames.isEmpty {
      throw usage("option '--sparsity': the list is empty")
    }
    sparsityGiven = !sparsityNames.isEmpty
    sparsities = []
    for name in sparsityNames {
      sparsities.append(try QuantOptions.sparsity(name, subcommand: command))
    }
    if sparsities.isEmpty { sparsities = [.dense] }

    // The chip and its points.
    baseChip = try ChipLookup.chip(arguments.value("chip"), subcommand: command)
    let config = baseChip.json
    var parameters: [SweepParameter] = []
    for argument in arguments.allValues("set") {
      parameters.append(try SweepParameter.parse(argument, config: config))
    }
    points = try SweepPoints(parameters: parameters, zipped: arguments.flag("zip"))

    // Workloads: models by name, traces read now.
    sources = []
    for name in models {
      let model = try ModelLookup.descriptor(named: name, subcommand: command)
      sources.append(.model(model, imageSize: imageSize, batch: batch))
    }
    for path in traces {
      let text = try FileIO.readText(path)
      do {
        let trace = try LayerTrace(csv: text, file: path)
        sources.append(.trace(trace, name: SimulateCommand.baseName(path)))
      } catch {
        throw CLIError(.dataError, error.description)
      }
    }
    if sources.isEmpty {
      let model = try ModelLookup.descriptor(
        named: SimulateCommand.defaultModel, subcommand: command)
      sources = [.model(model, imageSize: imageSize, batch: batch)]
    }

    // Columns and objectives.
    columns = SweepColumns(parameters: parameters)
    objectives = []
    if let paretoText {
      let numericParameters = parameters.filter { parameter in
        parameter.values.allSatisfy {
          if case .integer = $0.json { return true }
          if case .number = $0.json { return true }
          return false
        }
      }.map(\.column)
      let numeric = Self.numericSummaryColumns() + numericParameters
      objectives = try ParetoObjective.parseList(
        paretoText, numeric: columns.names.filter(numeric.contains), all: columns.names)
    }
  }

  /// Comma-separated items of every occurrence of an option, trimmed, empty ones dropped.
  static func list(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",") }
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  /// The summary columns that hold numbers, found from a one-op probe simulated on the
  /// default chip, so that columns added to ``SummaryReport`` later are classified too.
  static func numericSummaryColumns() -> [String] {
    let probe = LayerTrace(records: [.gemm(name: "probe", kind: .linear, m: 4, k: 4, n: 4)])
    guard let result = try? simulate(probe, on: .default) else { return [] }
    let values = SummaryReport.values(trace: probe, result: result, model: "probe")
    return zip(SummaryReport.columns, values).filter { Double($0.1) != nil }.map(\.0)
  }
}
