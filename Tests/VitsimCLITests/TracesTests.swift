import Foundation
import LayerTrace
import Testing
import ViTGraph

/// The checked-in `Traces/*.csv` are what `vitsim trace` writes today.
@Suite(.serialized)
struct TracesTests {
  static let tracesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Traces")

  @Test(arguments: ModelCatalog.all.map(\.name))
  func `the checked-in trace is not stale`(_ model: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let written = directory.url.appendingPathComponent("\(model).csv")
    let run = vitsim("trace", model, "--output", written.path)
    #expect(run.code == .success, "\(run.stderr)")
    let fresh = try String(contentsOf: written, encoding: .utf8)
    let checkedIn = try String(
      contentsOf: Self.tracesDirectory.appendingPathComponent("\(model).csv"), encoding: .utf8)
    #expect(
      fresh == checkedIn,
      "Traces/\(model).csv is stale: run scripts/regenerate-traces.sh")
    // And it reads back as the same trace.
    #expect(try LayerTrace(csv: checkedIn, file: model).csvText == checkedIn)
  }

  @Test func `every file in Traces belongs to a model`() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.tracesDirectory.path)
    let expected = Set(ModelCatalog.all.map { "\($0.name).csv" })
    #expect(Set(names) == expected)
  }
}
