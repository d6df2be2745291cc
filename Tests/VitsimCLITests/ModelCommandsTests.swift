import Foundation
import LayerTrace
import Testing
import VitsimCLI

@Suite(.serialized)
struct ModelCommandsTests {
  @Test func `models lists the twelve models with exact params and GMACs`() {
    let run = vitsim("models")
    #expect(run.code == .success)
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.count == 13)
    #expect(lines[0].split(separator: " ") == ["name", "family", "params", "gmacs_224"])
    // Published totals (forward passes of the official implementations).
    #expect(lines[1].split(separator: " ") == ["deit-tiny", "DeiT", "5717416", "1.254"])
    #expect(lines[12].split(separator: " ") == ["biformer-base", "BiFormer", "56804968", "9.759"])
  }

  @Test func `trace writes CSV to stdout`() throws {
    let run = vitsim("trace", "deit-tiny")
    #expect(run.code == .success)
    #expect(
      run.stdout.prefix(while: { $0 != "\n" })
        == "index,name,kind,batch,m,k,n,elements,rows,row_length,out_elements,weight_elements,weight_bits,act_bits,out_bits,sparsity,macs,quant,inputs"
    )
    let trace = try LayerTrace(csv: run.stdout, file: "stdout")
    #expect(trace.records.allSatisfy { $0.quant == "W8A8" && $0.sparsity == .dense })
    #expect(trace.records.first?.name == "patch_embed.proj")
    #expect(trace.macs() == 1_253_683_200)
  }

  @Test func `trace batch multiplies the MACs`() throws {
    let run = vitsim("trace", "deit-tiny", "--batch", "4")
    let trace = try LayerTrace(csv: run.stdout, file: "stdout")
    #expect(trace.macs() == 4 * 1_253_683_200)
  }

  @Test func `an unknown model gets a did-you-mean and exit 64`() {
    let run = vitsim("trace", "deit-smal")
    #expect(run.code == .usage)
    #expect(run.stderr.hasPrefix("Error: unknown model 'deit-smal' (did you mean 'deit-small'?)"))
  }

  @Test func `an image size the model cannot take is a usage error`() {
    let run = vitsim("trace", "swin-tiny", "--image-size", "230")
    #expect(run.code == .usage)
    #expect(run.stderr.hasPrefix("Error: swin-tiny: image size 230"))
    #expect(run.stderr.split(separator: "\n").count == 3)  // message, usage, hint
  }

  @Test func `an overflowing batch is an error, not a trap`() {
    let run = vitsim("trace", "deit-base", "--batch", String(Int.max / 2))
    #expect(run.code == .usage)
    #expect(run.stderr.hasPrefix("Error: deit-base: "))
  }

  @Test func `output to a missing directory exits 73 and leaves nothing`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.url.appendingPathComponent("missing/trace.csv").path
    let run = vitsim("trace", "deit-tiny", "--output", path)
    #expect(run.code == .cannotCreate)
    #expect(run.stderr.hasPrefix("Error: cannot create '\(path)'"))
  }

  @Test func `output replaces the file atomically and leaves no temporary file`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.url.appendingPathComponent("trace.csv").path
    try "old".write(toFile: path, atomically: false, encoding: .utf8)
    #expect(vitsim("trace", "deit-tiny", "--output", path).code == .success)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["trace.csv"])
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("index,name,kind"))
  }
}
