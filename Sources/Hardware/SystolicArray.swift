/// The R×C grid of processing elements, its dataflow and its clock (JSON section `array`).
///
/// Each PE does one multiply-accumulate per cycle. A GEMM `[M×K]·[K×N]` is mapped onto the grid
/// as ``Dataflow`` describes; the array engine in `Simulator` turns that mapping into cycles.
public struct SystolicArray: Hashable, Sendable, Codable {
  /// R, the number of PE rows (JSON `rows`), in 1...65536.
  public var rows: Int
  /// C, the number of PE columns (JSON `cols`), in 1...65536.
  public var cols: Int
  /// Which operand stays in the PEs (JSON `dataflow`: `os`, `ws` or `is`).
  public var dataflow: Dataflow
  /// Clock frequency in MHz (JSON `clock_mhz`), in 1...100000; converts cycles to time.
  public var clockMHz: Double

  public init(rows: Int, cols: Int, dataflow: Dataflow, clockMHz: Double) {
    self.rows = rows
    self.cols = cols
    self.dataflow = dataflow
    self.clockMHz = clockMHz
  }

  /// The number of PEs, R·C, or nil when it overflows `Int` (only for sizes that validation
  /// rejects).
  public var peCount: Int? {
    let (product, overflow) = rows.multipliedReportingOverflow(by: cols)
    return overflow ? nil : product
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case rows
    case cols
    case dataflow
    case clockMHz = "clock_mhz"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = SystolicArray.default
    rows = try container.decodeIfPresent(Int.self, forKey: .rows) ?? defaults.rows
    cols = try container.decodeIfPresent(Int.self, forKey: .cols) ?? defaults.cols
    if let text = try container.decodeIfPresent(String.self, forKey: .dataflow) {
      guard let dataflow = Dataflow(rawValue: text) else {
        let accepted = Dataflow.allCases.map(\.rawValue)
        let hint = nearestKey(to: text, in: accepted).map { " (did you mean \"\($0)\"?)" } ?? ""
        throw JSONDecodingProblem(
          path: (container.codingPath + [CodingKeys.dataflow]).dottedPath,
          message:
            "\"\(text)\" is not one of \(accepted.map { "\"\($0)\"" }.joined(separator: ", "))\(hint)"
        )
      }
      self.dataflow = dataflow
    } else {
      dataflow = defaults.dataflow
    }
    clockMHz = try container.decodeIfPresent(Double.self, forKey: .clockMHz) ?? defaults.clockMHz
  }
}
