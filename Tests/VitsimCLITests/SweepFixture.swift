import Foundation
import LayerTrace

/// A four-op trace that simulates in well under a millisecond in debug builds, for sweeps in
/// tests.
enum SweepFixture {
  static let trace = LayerTrace(records: [
    .gemm(name: "blocks.0.attn.qkv", kind: .linear, m: 16, k: 32, n: 96),
    .gemm(name: "blocks.0.attn.qk", kind: .matmul, batch: 2, m: 16, k: 16, n: 16),
    .vector(name: "blocks.0.attn.softmax", kind: .softmax, rows: 32, rowLength: 16),
    .gemm(name: "blocks.0.mlp.fc1", kind: .linear, m: 16, k: 32, n: 64),
  ])

  /// Writes the trace as `tiny.csv` in `directory` and returns its path.
  static func write(in directory: TemporaryDirectory) throws -> String {
    try directory.write(trace.csvText, to: "tiny.csv")
  }

  /// The data lines of a CSV text (no header), each without its `\n`.
  static func rows(_ csv: String) -> [String] {
    Array(csv.split(separator: "\n").dropFirst().map(String.init))
  }

  /// The CSV as dictionaries by column name (no quoted commas expected).
  static func records(_ csv: String) -> [[String: String]] {
    let lines = csv.split(separator: "\n").map(String.init)
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false)
    else { return [] }
    return lines.dropFirst().map { line in
      var record: [String: String] = [:]
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      for (name, value) in zip(header, fields) { record[String(name)] = String(value) }
      return record
    }
  }
}
