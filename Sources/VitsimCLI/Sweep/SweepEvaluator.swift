import Hardware
import LayerTrace
import Simulator

/// The CSV rows of one chip point: every workload under every (quant, sparsity), in that order.
struct PointRows: Sendable {
  var point: Int
  /// The rows, each a line ending in `\n`.
  var text: String
  var rowCount: Int
  /// Rows with an error (a chip that fails validation makes every row of its point one).
  var errorRows: Int
}

/// Turns a point number into its rows: edits the base config, validates the chip once, then
/// simulates each prepared trace on it. Pure and `Sendable`, so workers share one.
struct SweepEvaluator: Sendable {
  /// The base chip as a JSON tree (``Chip/json``); each point edits it.
  var config: JSONValue
  var baseChipName: String
  var points: SweepPoints
  var workloads: [SweepWorkload]
  var columns: SweepColumns
  var options: SimulationOptions

  /// Rows per point: workloads × quant × sparsity.
  var rowsPerPoint: Int { workloads.reduce(0) { $0 + $1.variants.count } }

  /// The chip of `point`, or the one-line reason it is invalid.
  ///
  /// All values are set first and the chip is validated once, so a point is judged as a whole
  /// (a larger array together with the larger buffer it needs).
  func chip(at point: Int, values: [SweepValue]) -> Result<Chip, ChipError> {
    var edited = config
    for (parameter, value) in zip(points.parameters, values) {
      guard let next = Chip.setting(value.json, at: parameter.path, in: edited) else {
        return .failure(
          ChipError(
            file: baseChipName,
            problems: [ChipProblem(path: parameter.path, message: "cannot be set")]))
      }
      edited = next
    }
    do {
      return .success(try Chip(json: edited, file: baseChipName))
    } catch {
      return .failure(error)
    }
  }

  /// The rows of `point`.
  func rows(for point: Int) -> PointRows {
    let values = points.values(at: point)
    var text = ""
    var count = 0
    var errors = 0
    let chip = self.chip(at: point, values: values)
    for workload in workloads {
      for (trace, label) in zip(workload.variants, workload.labels) {
        count += 1
        var failure: String?
        switch chip {
        case .failure(let error):
          failure = error.problems.map(\.description).joined(separator: "; ")
        case .success(let chip):
          do {
            let result = try simulate(trace, on: chip, options: options)
            text += columns.line(
              point: point, values: values,
              summary: SummaryReport.values(trace: trace, result: result, model: workload.name))
          } catch {
            failure = error.description
          }
        }
        if let failure {
          errors += 1
          let identity = [
            "model": workload.name, "chip": (try? chip.get())?.name ?? baseChipName,
            "quant": label.quant,
            "sparsity": label.sparsity,
          ]
          text += columns.errorLine(
            point: point, values: values, identity: identity, message: failure)
        }
      }
    }
    return PointRows(point: point, text: text, rowCount: count, errorRows: errors)
  }
}
