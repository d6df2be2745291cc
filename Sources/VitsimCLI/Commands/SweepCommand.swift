import Foundation
import Hardware
import LayerTrace
import Simulator

/// `vitsim sweep`: simulate workloads over a grid of chip configurations, one CSV row each.
enum SweepCommand {
  static let spec = CommandSpec(
    name: "sweep",
    abstract: "Simulate models over a grid of chip configs: one CSV row per point.",
    discussion: """
      Each --set PATH=LIST varies one value of the chip config (--chip; see 'vitsim \
      dump-config' for the paths, e.g. array.rows, array.dataflow, memory.weight.bytes, \
      memory.dram.gb_per_s). The list's items must have the type the config holds there \
      (integer, number, boolean or string) and may be ranges, ends included: 16..256:x2 \
      (geometric: 16,32,64,128,256), 16..64:+16 (arithmetic: 16,32,48,64), 1..4 (step 1). The \
      points are the cartesian product of the lists, the first --set varying slowest, or with \
      --zip the lists taken side by side. All values of a point are set, then the chip is \
      validated once.

      Rows: one per (point, model, quant, sparsity), in that order (points in order, then \
      --model/--trace, --quant and --sparsity in the order given), whatever --jobs is. \
      Models are built once and each recipe applied once, not per point. A point whose chip \
      is invalid, or whose simulation fails (e.g. a buffer too small for the smallest tile), \
      gives rows with an error instead of stopping the sweep; the count of invalid points is \
      printed on standard error at the end.

      Columns:
        point         the point's number, 0-based over the whole sweep (shards keep it)
        model, chip, quant, sparsity
                      the workload, the base chip's name, the recipe and N:M pattern
        <path>        one per --set path, dots as underscores (array.rows → array_rows,
                      memory.weight.bytes → memory_weight_bytes); a path whose column is
                      already a summary column (array_rows) shares that column
        summary       the summary columns of 'vitsim simulate --summary' (total_cycles,
                      latency_ms, utilization, SRAM and DRAM bytes, ...; see README),
                      empty on error rows
        error         empty, or why the point failed (one line)
        pareto        with --pareto only: true for the rows on the front, else false

      --output is written in place as rows finish (in point order; each batch of whole lines \
      in one write, fsync'd at most once a second and at the end), not renamed into place, so \
      a killed sweep keeps every row it finished; its last line may be cut short, which \
      --resume repairs. --resume checks that \
      the file is this sweep's (same columns, same points and models at each row), drops a \
      partial last point and line, and runs the remaining points. --pareto rewrites the \
      finished file atomically with the pareto column.

      --shard i/n runs the i-th of n contiguous slices of the points (1-based: 1/8 ... 8/8); \
      the shards' files concatenated in order, header kept once, equal the rows of one run. \
      --pareto needs all rows, so it is refused with --shard: concatenate the shard files, \
      then run the same sweep with --pareto --resume --output on the result.
      """,
    options: [
      .init(
        name: "model", valueName: "names",
        help:
          "Comma-separated models from 'vitsim models' (default\n\(SimulateCommand.defaultModel)); repeatable.",
        isRepeatable: true),
      .init(
        name: "trace", valueName: "file",
        help: "A trace CSV to sweep too (after the models); repeatable\nor comma-separated.",
        isRepeatable: true),
      .init(
        name: "image-size", valueName: "n", help: "Input image side for --model (default 224)."),
      .init(name: "batch", valueName: "n", help: "Images per inference for --model (default 1)."),
      .init(
        name: "chip", valueName: "file|name",
        help:
          "The base chip: a JSON file or a built-in name:\n\(Chip.exampleNames.joined(separator: ", ")) (default \(Chip.default.name))."
      ),
      .init(
        name: "set", valueName: "path=list",
        help:
          "Vary a config value: array.rows=16,32,64, array.cols=16..256:x2,\nmemory.dram.gb_per_s=12.8..51.2:x2, array.dataflow=os,ws,is;\nrepeatable.",
        isRepeatable: true),
      .init(
        name: "zip", valueName: nil,
        help: "Pair the --set lists (all equally long) instead of\ncrossing them."),
      .init(
        name: "quant", valueName: "recipes",
        help: QuantOptions.wrapped(
          "Comma-separated recipes, each a name or a *.json file (default W8A8 for models; a trace keeps its bits). Built-in: \(QuantizationRecipe.builtInNames.joined(separator: ", ")); also W<w>A<a>[-fp16nonlinear]."
        ), isRepeatable: true),
      .init(
        name: "sparsity", valueName: "patterns",
        help: "Comma-separated weight patterns: dense (default), 2:4, ...",
        isRepeatable: true),
      .init(
        name: "output", valueName: "file",
        help: "Write the CSV here, appended as rows finish (default:\nstandard output)."),
      .init(
        name: "resume", valueName: nil,
        help: "Continue --output: keep its complete points, run the rest."),
      .init(
        name: "shard", valueName: "i/n",
        help: "Run only the i-th of n contiguous slices of the points\n(1-based, e.g. 3/8)."),
      .init(
        name: "jobs", valueName: "n",
        help:
          "Simulate on up to n threads (default: all cores,\n\(ProcessInfo.processInfo.activeProcessorCount) here)."
      ),
      .init(
        name: "progress", valueName: nil,
        help: "Show progress on standard error even when it is not a\nterminal (a line every 5 s)."),
      .init(
        name: "pareto", valueName: "columns",
        help:
          "Mark the rows no other row beats in all these numeric\ncolumns (e.g. latency_ms,dram_read_bytes); prefix max: to\nmaximise (max:utilization). Adds the pareto column."
      ),
    ])

  static let subcommand = Subcommand(spec: spec) { arguments, console throws(CLIError) in
    try run(arguments, console: console)
  }

  static func run(_ arguments: ParsedArguments, console: Console) throws(CLIError) -> ExitCode {
    let sweep = try SweepSpec(arguments, console: console)
    let range = sweep.range
    let clock = ContinuousClock()
    let started = clock.now

    // The output file must be this sweep's before anything runs.
    var resume = SweepResume()
    if sweep.resume, let path = sweep.output {
      resume = try SweepResume.inspect(
        path,
        expected: .init(
          columns: sweep.columns, points: sweep.points, range: range, rowModels: sweep.rowModels))
    }

    var workloads: [SweepWorkload] = []
    for source in sweep.sources {
      workloads.append(
        try SweepWorkload(
          source, recipes: sweep.recipes, sparsities: sweep.sparsities,
          sparsityGiven: sweep.sparsityGiven))
    }
    let evaluator = SweepEvaluator(
      config: sweep.baseChip.json, baseChipName: sweep.baseChip.name, points: sweep.points,
      workloads: workloads, columns: sweep.columns, options: SimulationOptions())
    let todo = (range.lowerBound + resume.completePoints)..<range.upperBound

    // Where rows go.
    let header = sweep.columns.headerLine(pareto: false)
    var file: SweepOutputFile?
    var fileHasParetoColumn = false
    var buffered: String?
    if let path = sweep.output {
      if !resume.hasHeader {
        file = try SweepOutputFile(path: path, header: header)
      } else if resume.hasParetoColumn && !todo.isEmpty {
        let text = resume.textWithoutParetoColumn()
        try FileIO.writeAtomically(text, to: path)
        file = try SweepOutputFile(path: path, header: nil, keepingBytes: text.utf8.count)
      } else {
        file = try SweepOutputFile(path: path, header: nil, keepingBytes: resume.keptBytes)
        fileHasParetoColumn = resume.hasParetoColumn
      }
    } else if sweep.objectives.isEmpty {
      console.out(header)
    } else {
      buffered = header
    }

    // Run.
    var progress =
      sweep.showsProgress
      ? SweepProgress(
        console: console, isTerminal: console.stderrIsTerminal, total: todo.count,
        skipped: resume.completePoints) : nil
    var errorRows = resume.errorRows
    var invalidPoints = resume.invalidPoints
    let runner = SweepRunner(evaluator: evaluator, jobs: sweep.jobs)
    // A failed write ends the progress line before the error is printed.
    defer { progress?.finish(nil) }
    try runner.run(
      todo,
      deliver: { (batch: [PointRows]) throws(CLIError) in
        var text = ""
        for rows in batch {
          text += rows.text
          errorRows += rows.errorRows
          if rows.errorRows > 0 { invalidPoints += 1 }
        }
        if let file {
          try file.append(text)
        } else if buffered != nil {
          buffered? += text
        } else {
          console.out(text)
        }
      },
      tick: { progress?.update($0) })
    try file?.close()
    progress?.finish(todo.count)
    progress = nil

    // The Pareto front, over the whole finished file.
    if !sweep.objectives.isEmpty {
      if let path = sweep.output {
        let text = try FileIO.readText(path)
        try FileIO.writeAtomically(
          SweepPareto.marked(
            text, objectives: sweep.objectives, replacingLast: fileHasParetoColumn), to: path)
      } else if let buffered {
        console.out(
          SweepPareto.marked(buffered, objectives: sweep.objectives, replacingLast: false))
      }
    }

    console.err(
      report(
        sweep, workloads: workloads, resumedPoints: resume.completePoints,
        invalidPoints: invalidPoints, errorRows: errorRows,
        seconds: Self.seconds(clock.now - started)))
    return .success
  }

  /// The closing line on standard error: what ran, where it went, and the invalid points.
  static func report(
    _ sweep: SweepSpec, workloads: [SweepWorkload], resumedPoints: Int, invalidPoints: Int,
    errorRows: Int, seconds: Double
  ) -> String {
    let range = sweep.range
    let rows = range.count * sweep.rowModels.count
    var text =
      "sweep: \(rows) rows (\(range.count) points × \(workloads.count) workload\(workloads.count == 1 ? "" : "s") × \(sweep.recipes.count) quant × \(sweep.sparsities.count) sparsity)"
    if let shard = sweep.shard {
      text +=
        ", shard \(shard.index)/\(shard.count): points \(range.lowerBound)..<\(range.upperBound) of \(sweep.points.count)"
    }
    if let output = sweep.output { text += " in \(output)" }
    if resumedPoints > 0 { text += ", \(resumedPoints) points already there" }
    text += " (\(SweepProgress.duration(seconds)))"
    text +=
      "; \(invalidPoints) invalid point\(invalidPoints == 1 ? "" : "s") (\(errorRows) error row\(errorRows == 1 ? "" : "s"))\n"
    return text
  }

  private static func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) * 1e-18
  }
}
