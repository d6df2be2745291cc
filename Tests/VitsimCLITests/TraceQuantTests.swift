import Foundation
import LayerTrace
import Testing
import VitsimCLI

/// `vitsim trace --quant --sparsity`: recipes by name and by file, and their errors.
@Suite(.serialized)
struct TraceQuantTests {
  @Test func `a built-in recipe and a sparsity option are applied and labelled`() throws {
    let run = vitsim("trace", "deit-tiny", "--quant", "W4A8-keep-edges", "--sparsity", "2:4")
    #expect(run.code == .success, "\(run.stderr)")
    let trace = try LayerTrace(csv: run.stdout, file: "stdout")
    #expect(trace.records.allSatisfy { $0.quant == "W4A8-keep-edges+2:4" })
    // The 48 block linears are pruned; the patch conv, head and 24 matmuls are not.
    #expect(trace.records.filter { $0.sparsity == .twoFour }.count == 48)
    #expect(
      trace.records.filter { $0.kind.isGEMM && $0.weightBits == 8 }.count == 26)
    #expect(trace.macs() == 1_253_683_200)  // unchanged by either option
  }

  @Test func `W<w>A<a> names work without being listed`() throws {
    let run = vitsim("trace", "deit-tiny", "--quant=W2A2", "--sparsity=dense")
    #expect(run.code == .success)
    let trace = try LayerTrace(csv: run.stdout, file: "stdout")
    #expect(
      trace.records.allSatisfy { $0.weightBits == 2 && $0.actBits == 2 && $0.quant == "W2A2" })
  }

  @Test func `an unknown recipe name is a usage error with a did-you-mean`() {
    let run = vitsim("trace", "deit-tiny", "--quant", "W4A8-keepedges")
    #expect(run.code == .usage)
    #expect(
      run.stderr.hasPrefix(
        "Error: option '--quant': unknown recipe 'W4A8-keepedges' (did you mean 'W4A8-keep-edges'?)"
      ))
    #expect(run.stderr.contains("See 'vitsim trace --help'"))
  }

  @Test func `a bad sparsity is a usage error`() {
    let run = vitsim("trace", "deit-tiny", "--sparsity", "2-4")
    #expect(run.code == .usage)
    #expect(run.stderr.hasPrefix("Error: option '--sparsity': '2-4' is not a sparsity"))
  }

  @Test func `a missing recipe file exits 66`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.url.appendingPathComponent("none.json").path
    let run = vitsim("trace", "deit-tiny", "--quant", path)
    #expect(run.code == .noInput)
    #expect(run.stderr.hasPrefix("Error: cannot read '\(path)': no such file"))
  }

  @Test func `a recipe file is read, and its problems exit 65`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let good = directory.url.appendingPathComponent("mine.json").path
    try """
    {"name": "W4A8-mine", "base": "W4A8", "overrides": [
      {"match": "patch_embed.*", "weight_bits": 8},
      {"match": "kind:matmul", "act_bits": 8, "weight_bits": 8},
      {"match": "kind:softmax", "out_bits": 8}]}
    """.write(toFile: good, atomically: false, encoding: .utf8)
    let run = vitsim("trace", "deit-tiny", "--quant", good, "--sparsity", "1:4")
    #expect(run.code == .success, "\(run.stderr)")
    let trace = try LayerTrace(csv: run.stdout, file: "stdout")
    #expect(trace.records.first?.weightBits == 8)
    #expect(trace.records.allSatisfy { $0.quant == "W4A8-mine+1:4" })

    let bad = directory.url.appendingPathComponent("bad.json").path
    try """
    {"name": "x", "base": "W4A8", "overrides": [{"match": "head", "weight_bits": 0}]}
    """.write(toFile: bad, atomically: false, encoding: .utf8)
    let badRun = vitsim("trace", "deit-tiny", "--quant", bad)
    #expect(badRun.code == .dataError)
    #expect(badRun.stderr.hasPrefix("Error: \(bad): overrides[0].weight_bits: 0 is not in 1...16"))

    let typo = directory.url.appendingPathComponent("typo.json").path
    try """
    {"name": "x", "base": "W4A8", "overrides": [{"match": "pach_embed.*", "weight_bits": 8}]}
    """.write(toFile: typo, atomically: false, encoding: .utf8)
    let typoRun = vitsim("trace", "deit-tiny", "--quant", typo)
    #expect(typoRun.code == .dataError)
    #expect(
      typoRun.stderr.hasPrefix(
        "Error: recipe x: override 'pach_embed.*' matches no op (did you mean 'patch_embed.*'?)"))
  }
}
