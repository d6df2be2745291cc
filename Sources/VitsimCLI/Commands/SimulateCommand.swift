import Foundation
import Hardware
import LayerTrace
import Simulator
import ViTGraph

/// `vitsim simulate`: run a model, a trace or a SCALE-Sim topology on a chip.
enum SimulateCommand {
  static let defaultModel = "deit-small"

  static let spec = CommandSpec(
    name: "simulate",
    abstract:
      "Simulate a model or trace on a chip: cycles, stalls, SRAM and DRAM traffic, energy.",
    discussion: """
      The workload is one of --model (default \(defaultModel)), --trace or --topology; the chip \
      is --chip (default \(Chip.default.name)) or a SCALE-Sim --scalesim-config. GEMM ops run \
      on the systolic array in SCALE-Sim 3.0.0's mapping and through the chip's SRAM buffers \
      and DRAM (cheapest memory schedule, double-buffered pipeline, stalls); vector ops \
      (softmax, layernorm, GELU, ...) run on the vector unit, hidden behind the array where the \
      chip overlaps them. README.md ("Memory model", "Vector unit", "Energy and area") gives every rule.

      Printed summary (first line: workload, chip, array rows×cols, dataflow, clock in MHz):
        ops           records in the trace; how many run on the array / the vector unit
        total cycles  sum of every op's latency, in clock cycles (ops run one after another)
        latency       total cycles / clock, in milliseconds
        time split    total cycles = array compute + exposed vector cycles + stall cycles
                      (cycles and % of total)
        utilization   MACs run / (total cycles · rows · cols), in % of PE-cycles
        MACs          multiply-accumulates the array ran (fewer than the trace's dense count
                      when --sparse-weights condensed drops pruned weights)
        SRAM reads    bytes read from the SRAM buffers into the array (inputs + weights)
        SRAM writes   bytes written from the array to SRAM (outputs and partial sums)
        DRAM reads    bytes read from DRAM: activations, weights, sparse metadata, spilled
                      partial sums
        DRAM writes   bytes written to DRAM: outputs, spilled partial sums
        energy        the run's energy in microjoules (µJ) and its split in % of the total:
                      mac (array MACs and PE registers), sram (every SRAM read and write,
                      the SRAM side of DRAM transfers included), dram (bits to and from
                      DRAM), vector (vector-unit arithmetic), static (leakage × latency);
                      per-action energies from the chip's "energy" section
        area          array + SRAM + vector unit, in mm² (parts in mm²), from its "area"
                      section

      Most expensive ops, by cycles: the \(SimulationSummary.topCount) ops with the most cycles:
        index, name, kind  the op in the trace (index is 0-based)
        cycles        the op's latency in clock cycles; share: in % of total cycles
        stalls        of those, cycles spent waiting for memory
        utilization   the op's MACs / (its compute cycles · rows · cols), in % (- for vector)
      Most DRAM traffic, by bytes: the \(SimulationSummary.topCount) ops moving the most DRAM bytes
        dram_bytes    reads + writes, bytes; share: in % of all DRAM bytes

      --layers FILE columns: the trace columns, then model, chip; compute_cycles (array), \
      stall_cycles, vector_cycles (vector unit busy), exposed_vector_cycles (not hidden by the \
      array), total_cycles (= compute + exposed vector + stall), all in cycles; utilization and \
      mapping_efficiency (fractions 0...1); row_folds and col_folds (tiles per product); \
      t_parts (parts the memory schedule splits the streamed dimension into; 1: none); \
      sram_input_read_bytes, sram_weight_read_bytes, sram_output_write_bytes, sram_read_bytes, \
      sram_write_bytes (bytes between SRAM and the array); dram_read_bytes, dram_write_bytes, \
      dram_input_read_bytes, dram_weight_read_bytes, dram_metadata_read_bytes, \
      dram_psum_read_bytes, dram_psum_write_bytes, dram_output_write_bytes (bytes between DRAM \
      and SRAM, ⌈elements·bits/8⌉ per transfer); loop_order (the memory schedule: cols-outer or \
      rows-outer); input_on_chip, output_on_chip (true when the op read its activation input \
      from SRAM / kept its output there instead of DRAM); energy_mac_pj, energy_sram_pj, \
      energy_dram_pj, energy_vector_pj, energy_static_pj (the op's energy by part, in \
      picojoules) and energy_pj (their sum, pJ).

      --summary FILE columns: model, chip, quant, sparsity; the chip's array_rows, array_cols, \
      dataflow, clock_mhz, sram_bytes, dram_bytes_per_cycle, dram_latency_cycles, vector_lanes; \
      ops, macs; compute_cycles, vector_cycles, exposed_vector_cycles, stall_cycles, \
      total_cycles (cycles); latency_ms (milliseconds); utilization (fraction); the sram_* and \
      dram_* byte totals; energy_mac_pj, energy_sram_pj, energy_dram_pj, energy_vector_pj, \
      energy_static_pj, energy_pj (sums over ops, picojoules); area_mm2 (array + SRAM + vector \
      unit, mm²); edp_pj_s (energy_pj × latency in seconds, pJ·s).

      --scalesim-report DIR writes DIR/COMPUTE_REPORT.csv in SCALE-Sim's format: Total Cycles \
      is vitsim's array compute count − 1 (SCALE-Sim's 0-based last cycle), Stall Cycles is 0, \
      "incl. prefetch" equals Total Cycles (SCALE-Sim's DRAM prefetch model is not reproduced), \
      Overall Util % uses the dense MAC count, and the two efficiency columns are in percent.
      """,
    options: [
      .init(
        name: "model", valueName: "name",
        help: "A model from 'vitsim models' (default \(defaultModel))."),
      .init(
        name: "image-size", valueName: "n",
        help: "Input image side in pixels for --model (default 224)."),
      .init(name: "batch", valueName: "n", help: "Images per inference for --model (default 1)."),
      .init(
        name: "trace", valueName: "file",
        help: "A trace CSV written by 'vitsim trace' or by hand ('-' reads stdin)."),
      .init(
        name: "topology", valueName: "file", help: "A SCALE-Sim topology CSV (GEMM or conv form)."),
      .init(
        name: "topology-form", valueName: "form",
        help: "gemm or conv; default: detected from the field count\n(4-5 GEMM, 8-9 conv)."),
      .init(
        name: "chip", valueName: "file|name",
        help:
          "A chip JSON file or a built-in name:\n\(Chip.exampleNames.joined(separator: ", ")) (default \(Chip.default.name))."
      ),
      .init(
        name: "scalesim-config", valueName: "file",
        help:
          "Take the array (rows, cols, dataflow) from a SCALE-Sim\n.cfg file; its [sparsity] SparsitySupport selects\n--sparse-weights condensed. The clock is \(SimulationSummary.formatNumber(Chip.default.array.clockMHz)) MHz."
      ),
      .init(
        name: "sparse-weights", valueName: "mode",
        help:
          "chip (the chip's sparse core decides; default), dense\n(N:M weights run densely, zeros included) or condensed\n(SCALE-Sim's rule: K' = (K div m)·n + min(K mod m, n))."
      ),
      QuantOptions.quant(default: nil),
      QuantOptions.sparsity,
      .init(name: "layers", valueName: "file", help: "Write the per-op results CSV (atomically)."),
      .init(
        name: "summary", valueName: "file",
        help: "Write the one-row summary CSV (atomically; columns in README)."),
      .init(
        name: "plot", valueName: "file",
        help:
          "Write an SVG of cycles (array, vector, stall), energy\n(mac, sram, dram, vector, static) and DRAM bytes (input,\nweight, metadata, psum, output) per block (atomically)."
      ),
      .init(
        name: "scalesim-report", valueName: "dir",
        help:
          "Write DIR/COMPUTE_REPORT.csv in SCALE-Sim's format\n(the directory is created if needed)."
      ),
    ])

  static let subcommand = Subcommand(spec: spec) { arguments, console throws(CLIError) in
    try run(arguments, console: console)
  }

  /// The workload: its name for reports and its trace.
  struct Workload {
    var name: String
    var trace: LayerTrace
  }

  static func run(_ arguments: ParsedArguments, console: Console) throws(CLIError) -> ExitCode {
    // Validate the combination before touching any file.
    let sources = ["model", "trace", "topology"].filter { arguments.value($0) != nil }
    if sources.count > 1 {
      throw .usage(
        "give only one of --model, --trace and --topology (got --\(sources.joined(separator: ", --")))",
        subcommand: spec.name)
    }
    if arguments.value("chip") != nil, arguments.value("scalesim-config") != nil {
      throw .usage("give only one of --chip and --scalesim-config", subcommand: spec.name)
    }
    if arguments.value("topology-form") != nil, arguments.value("topology") == nil {
      throw .usage("--topology-form applies only with --topology", subcommand: spec.name)
    }
    for option in ["image-size", "batch"]
    where arguments.value(option) != nil && (sources.first ?? "model") != "model" {
      throw .usage("--\(option) applies only with --model", subcommand: spec.name)
    }
    let form: ScaleSimTopologyForm?
    if let text = arguments.value("topology-form") {
      guard let parsed = ScaleSimTopologyForm(rawValue: text) else {
        throw .usage(
          "option '--topology-form': '\(text)' is not one of gemm, conv", subcommand: spec.name)
      }
      form = parsed
    } else {
      form = nil
    }
    var sparseWeights: SparseWeightHandling?
    if let text = arguments.value("sparse-weights") {
      switch text {
      case "chip": sparseWeights = .chip
      case "dense": sparseWeights = .dense
      case "condensed": sparseWeights = .condensed
      default:
        throw .usage(
          "option '--sparse-weights': '\(text)' is not one of chip, dense, condensed",
          subcommand: spec.name)
      }
    }
    let imageSize = try arguments.integer("image-size", in: 1...Int.max) ?? 224
    let batch = try arguments.integer("batch", in: 1...Int.max) ?? 1
    let sparsity = try QuantOptions.sparsity(arguments.value("sparsity"), subcommand: spec.name)
    // A model gets W8A8 unless told; a trace keeps its own bits unless --quant or --sparsity.
    let recipeName =
      arguments.value("quant")
      ?? (sources.first ?? "model" == "model" || arguments.value("sparsity") != nil ? "W8A8" : nil)
    let recipe = try recipeName.map { name throws(CLIError) in
      try QuantOptions.recipe(name, subcommand: spec.name)
    }

    // Chip.
    let chip: Chip
    if let path = arguments.value("scalesim-config") {
      let text = try FileIO.readText(path)
      let config: ScaleSimConfig
      do {
        config = try ScaleSimConfig(text: text, file: path)
      } catch {
        throw CLIError(.dataError, error.description)
      }
      chip = config.chip(name: config.runName ?? baseName(path))
      if sparseWeights == nil { sparseWeights = config.sparsitySupport ? .condensed : .dense }
    } else {
      chip = try ChipLookup.chip(arguments.value("chip"), subcommand: spec.name)
    }

    // Workload.
    var workload: Workload
    if let path = arguments.value("trace") {
      let text = try FileIO.readText(path)
      do {
        workload = Workload(name: baseName(path), trace: try LayerTrace(csv: text, file: path))
      } catch {
        throw CLIError(.dataError, error.description)
      }
    } else if let path = arguments.value("topology") {
      let text = try FileIO.readText(path)
      do {
        workload = Workload(
          name: baseName(path),
          trace: try LayerTrace(scaleSimTopology: text, file: path, form: form))
      } catch {
        throw CLIError(.dataError, error.description)
      }
    } else {
      let name = arguments.value("model") ?? defaultModel
      let model = try ModelLookup.descriptor(named: name, subcommand: spec.name)
      let graph = try ModelLookup.graph(
        model, imageSize: imageSize, batch: batch, subcommand: spec.name)
      let trace = graph.lowered()
      if let (index, problem) = trace.problems().first {
        throw CLIError(
          .failure, "model \(model.name) produced an invalid trace: op \(index): \(problem)")
      }
      workload = Workload(name: model.name, trace: trace)
    }

    if let recipe {
      workload.trace = try QuantOptions.apply(recipe, sparsity: sparsity, to: workload.trace)
    }

    // Simulate.
    let result: SimulationResult
    do {
      result = try simulate(
        workload.trace, on: chip, options: SimulationOptions(sparseWeights: sparseWeights ?? .chip)
      )
    } catch {
      throw CLIError(.dataError, "\(workload.name): \(error.description)")
    }

    // Outputs.
    if let path = arguments.value("layers") {
      var csv = ""
      LayerReport.write(trace: workload.trace, result: result, model: workload.name, to: &csv)
      try FileIO.writeAtomically(csv, to: path)
    }
    if let path = arguments.value("summary") {
      try FileIO.writeAtomically(
        SummaryReport.csv(trace: workload.trace, result: result, model: workload.name), to: path)
    }
    if let path = arguments.value("plot") {
      try BreakdownPlot.write(trace: workload.trace, result: result, model: workload.name, to: path)
    }
    if let directory = arguments.value("scalesim-report") {
      try FileIO.createDirectory(directory)
      var csv = ""
      ScaleSimReport.writeComputeReport(trace: workload.trace, result: result, to: &csv)
      try FileIO.writeAtomically(
        csv, to: (directory as NSString).appendingPathComponent("COMPUTE_REPORT.csv"))
    }
    console.out(SimulationSummary.text(trace: workload.trace, result: result, model: workload.name))
    return .success
  }

  /// The file name without directory and extension (`-` → `stdin`), cleaned for a CSV cell.
  static func baseName(_ path: String) -> String {
    if path == "-" { return "stdin" }
    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return String(
      String.UnicodeScalarView(
        stem.unicodeScalars.map { $0 == "," || $0 == "\"" || $0.value < 0x20 ? "_" : $0 }))
  }
}
