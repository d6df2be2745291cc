import Foundation
import LayerTrace
import Testing

/// The checked-in DeiT-Small trace (W8A8, dense), read from `Traces/` so this test target
/// needs no model builder.
///
/// By hand, its 161 records are: the patch conv, 49 linears (12 blocks × qkv, proj, fc1, fc2,
/// plus `head`), 24 matmuls (12 × qk, pv), 12 softmax, 25 layernorm (2 per block + the final
/// `norm`), 12 gelu, 25 add (`pos_add` + 2 residuals per block), 12 mul (`q_scale`) and the
/// `cls_concat`.
private let deitSmall: LayerTrace = {
  let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Traces/deit-small.csv")
  do {
    return try LayerTrace(csv: String(contentsOf: url, encoding: .utf8), file: url.path)
  } catch {
    fatalError("cannot read \(url.path): \(error)")
  }
}()

/// How many records of `trace` satisfy `predicate`.
private func count(_ trace: LayerTrace, _ predicate: (TraceRecord) -> Bool) -> Int {
  trace.records.lazy.filter(predicate).count
}

/// The description of the error `body` throws, or nil when it throws nothing.
private func errorText(_ body: () throws -> Void) -> String? {
  do {
    try body()
    return nil
  } catch {
    return String(describing: error)
  }
}

struct QuantizationRecipeTests {
  static let gemmKinds: Set<OpKind> = [.linear, .conv, .matmul]

  @Test func `the DeiT-Small trace has the kinds counted by hand`() {
    let trace = deitSmall
    #expect(trace.records.count == 161)
    let expected: [OpKind: Int] = [
      .conv: 1, .linear: 49, .matmul: 24, .softmax: 12, .layernorm: 25, .gelu: 12, .add: 25,
      .mul: 12, .concat: 1,
    ]
    for (kind, number) in expected {
      #expect(count(trace) { $0.kind == kind } == number, "\(kind)")
    }
    #expect(trace.records.allSatisfy { $0.quant == "W8A8" && $0.sparsity == .dense })
  }

  // MARK: Names

  @Test(
    arguments: [
      ("W8A8", 8, 8, nil), ("W4A8", 4, 8, nil), ("W4A4", 4, 4, nil), ("W8A4", 8, 4, nil),
      ("W2A2", 2, 2, nil), ("W16A16", 16, 16, nil), ("W1A16", 1, 16, nil),
      ("W8A8-fp16nonlinear", 8, 8, 16), ("W3A5-fp16nonlinear", 3, 5, 16),
    ] as [(String, Int, Int, Int?)])
  func `W<w>A<a> names parse`(_ name: String, _ weight: Int, _ act: Int, _ nonlinear: Int?) throws {
    let recipe = try #require(QuantizationRecipe.named(name))
    #expect(recipe.name == name)
    #expect(recipe.weightBits == weight && recipe.actBits == act)
    #expect(recipe.nonlinearBits == nonlinear)
    #expect(recipe.overrides.isEmpty)
  }

  @Test(arguments: [
    "", "W8", "A8", "W0A8", "W8A0", "W17A8", "W8A17", "W08A8", "w8a8", "W8A8-fp16", "W+8A8",
    "W8A8 ", "W4A8-keep-edge", "WA8",
  ])
  func `other names are not recipes`(_ name: String) {
    #expect(QuantizationRecipe.named(name) == nil)
  }

  @Test func `the built-ins are listed and named`() throws {
    #expect(
      QuantizationRecipe.builtInNames == [
        "W8A8", "W4A8", "W4A4", "W8A4", "W8A8-fp16nonlinear", "W4A8-fp16nonlinear",
        "W4A8-keep-edges",
      ])
    for name in QuantizationRecipe.builtInNames {
      #expect(QuantizationRecipe.named(name)?.name == name)
    }
    #expect(QuantizationRecipe.closestName(to: "W4A8-keepedges") == "W4A8-keep-edges")
    #expect(QuantizationRecipe.closestName(to: "w4a8") == "W4A8")
    #expect(QuantizationRecipe.closestName(to: "int8") == nil)
  }

  @Test func `labels record the sparsity option without commas`() throws {
    let recipe = try #require(QuantizationRecipe.named("W4A8"))
    #expect(recipe.label(sparsity: .dense) == "W4A8")
    #expect(recipe.label(sparsity: .twoFour) == "W4A8+2:4")
    #expect(
      QuantizationRecipe.keepEdges.label(sparsity: .structured(n: 1, m: 4)) == "W4A8-keep-edges+1:4"
    )
  }

  @Test(arguments: [
    ("patch_embed.*", "patch_embed.proj", true), ("patch_embed.*", "patch_embed", false),
    ("*.attn.qk", "blocks.3.attn.qk", true), ("*.attn.qk", "stages.1.0.attn.router.qk", false),
    ("head", "head", true), ("head", "head.fc", false), ("*", "anything", true),
    ("blocks.*.mlp.*", "blocks.11.mlp.fc2", true), ("blocks.*.mlp.*", "blocks.11.attn.proj", false),
    ("a*b*c", "abc", true), ("a*b*c", "aXbYbZc", true), ("a*b*c", "acb", false),
    ("**", "", true), ("x*", "", false),
  ])
  func `name patterns are whole-name globs`(_ pattern: String, _ name: String, _ matches: Bool) {
    let record = TraceRecord.vector(
      name: name.isEmpty ? "placeholder" : name, kind: .gelu, elements: 1)
    var records = [record]
    records[0].name = name
    #expect(
      QuantizationRecipe.Selector.name(pattern: pattern).matches(in: records)
        == (matches ? [0] : []))
  }

  @Test func `selectors parse kinds, first and last`() throws {
    #expect(try QuantizationRecipe.Selector(parsing: "kind:matmul") == .kind(.matmul))
    #expect(try QuantizationRecipe.Selector(parsing: "first:conv") == .first(.conv))
    #expect(try QuantizationRecipe.Selector(parsing: "last:linear") == .last(.linear))
    #expect(try QuantizationRecipe.Selector(parsing: "blocks.*") == .name(pattern: "blocks.*"))
    #expect(QuantizationRecipe.Selector.first(.conv).matches(in: deitSmall.records) == [0])
    #expect(QuantizationRecipe.Selector.last(.linear).matches(in: deitSmall.records) == [160])
    #expect(throws: QuantizationRecipe.SelectorError.self) {
      try QuantizationRecipe.Selector(parsing: "kind:matmull")
    }
  }

  // MARK: Built-ins on DeiT-Small

  @Test func `W8A8 sets 8 bits everywhere and changes nothing else`() throws {
    let recipe = try #require(QuantizationRecipe.named("W8A8"))
    let trace = try recipe.apply(to: deitSmall)
    #expect(trace == deitSmall)  // the builders' default is W8A8, dense
  }

  @Test func `W4A8 gives the static weights 4 bits and the matmuls 8`() throws {
    let trace = try #require(QuantizationRecipe.named("W4A8")).apply(to: deitSmall)
    // 4-bit weights: every record but the 24 matmuls, whose right operand is an activation.
    #expect(count(trace) { $0.weightBits == 4 } == 137)
    #expect(count(trace) { $0.weightBits == 8 } == 24)
    #expect(count(trace) { $0.weightBits == 8 && $0.kind == .matmul } == 24)
    #expect(count(trace) { $0.kind.hasStaticWeightOperand && $0.weightBits == 4 } == 50)
    #expect(trace.records.allSatisfy { $0.actBits == 8 && $0.outBits == 8 })
    #expect(trace.records.allSatisfy { $0.quant == "W4A8" && $0.sparsity == .dense })
  }

  @Test func `W4A4 gives everything 4 bits`() throws {
    let trace = try #require(QuantizationRecipe.named("W4A4")).apply(to: deitSmall)
    #expect(
      trace.records.allSatisfy { $0.weightBits == 4 && $0.actBits == 4 && $0.outBits == 4 })
  }

  @Test func `W8A4 keeps 8-bit weights and runs matmuls at 4x4`() throws {
    let trace = try #require(QuantizationRecipe.named("W8A4")).apply(to: deitSmall)
    #expect(count(trace) { $0.weightBits == 8 } == 137)
    #expect(count(trace) { $0.kind == .matmul && $0.weightBits == 4 && $0.actBits == 4 } == 24)
    #expect(trace.records.allSatisfy { $0.actBits == 4 && $0.outBits == 4 })
  }

  @Test func `fp16nonlinear gives softmax, layernorm and gelu 16 bits`() throws {
    let trace = try #require(QuantizationRecipe.named("W8A8-fp16nonlinear")).apply(to: deitSmall)
    // 12 softmax + 25 layernorm + 12 gelu = 49 records read and write 16 bits.
    #expect(count(trace) { $0.actBits == 16 && $0.outBits == 16 } == 49)
    #expect(count(trace) { $0.actBits == 8 && $0.outBits == 8 } == 112)
    #expect(trace.records.allSatisfy { $0.weightBits == 8 })  // LayerNorm affine stays W
    let w4 = try #require(QuantizationRecipe.named("W4A8-fp16nonlinear")).apply(to: deitSmall)
    #expect(count(w4) { $0.kind == .layernorm && $0.weightBits == 4 && $0.actBits == 16 } == 25)
  }

  @Test func `fp16nonlinear covers batchnorm too`() throws {
    let trace = LayerTrace(records: [
      .vector(name: "bn", kind: .batchnorm, rows: 4, rowLength: 8, weightElements: 16),
      .vector(name: "mean", kind: .mean, rows: 4, rowLength: 8),
    ])
    let result = try #require(QuantizationRecipe.named("W4A4-fp16nonlinear")).apply(to: trace)
    #expect(result.records.map(\.actBits) == [16, 4])
    #expect(result.records.map(\.outBits) == [16, 4])
    #expect(result.records.map(\.weightBits) == [4, 4])
  }

  @Test func `W4A8-keep-edges keeps the patch conv, the head and the 24 matmuls at 8 bits`() throws
  {
    let trace = try QuantizationRecipe.keepEdges.apply(to: deitSmall)
    let gemms = trace.records.filter { Self.gemmKinds.contains($0.kind) }
    #expect(gemms.count == 74)
    let eightBit = gemms.filter { $0.weightBits == 8 }.map(\.name)
    #expect(eightBit.count == 26)
    #expect(eightBit.first == "patch_embed.proj" && eightBit.last == "head")
    #expect(
      eightBit.dropFirst().dropLast().allSatisfy {
        $0.hasSuffix(".attn.qk") || $0.hasSuffix(".attn.pv")
      })
    #expect(gemms.filter { $0.weightBits == 4 }.count == 48)  // the 48 block linears
    #expect(gemms.allSatisfy { $0.actBits == 8 && $0.outBits == 8 })
    #expect(trace.records.allSatisfy { $0.quant == "W4A8-keep-edges" })
  }

  @Test func `keep-edges applies to a trace without a conv, a head or a matmul`() throws {
    let trace = LayerTrace(records: [.gemm(name: "fc", kind: .linear, m: 2, k: 8, n: 4)])
    let result = try QuantizationRecipe.keepEdges.apply(to: trace, sparsity: .twoFour)
    #expect(result.records[0].weightBits == 4 && result.records[0].sparsity == .twoFour)
  }

  // MARK: Sparsity

  @Test(arguments: [
    Sparsity.twoFour, .structured(n: 1, m: 4), .structured(n: 2, m: 8), .structured(n: 4, m: 8),
  ])
  func `a sparsity option prunes every linear and conv, never a matmul`(_ sparsity: Sparsity) throws
  {
    let trace = try #require(QuantizationRecipe.named("W8A8")).apply(
      to: deitSmall, sparsity: sparsity)
    // All 49 linears and the patch conv have K ≥ 8 (the smallest K is 384 or 768).
    #expect(count(trace) { $0.sparsity == sparsity } == 50)
    #expect(count(trace) { $0.kind == .matmul && $0.sparsity == .dense } == 24)
    #expect(trace.macs() == deitSmall.macs())
    #expect(trace.records.map(\.macs) == deitSmall.records.map(\.macs))
    #expect(trace.records.allSatisfy { $0.quant == "W8A8+\(sparsity)" })
    #expect(trace.problems().isEmpty)
  }

  @Test func `keep-edges leaves the patch conv and the head dense`() throws {
    let trace = try QuantizationRecipe.keepEdges.apply(to: deitSmall, sparsity: .twoFour)
    let pruned = trace.records.filter { $0.sparsity == .twoFour }
    #expect(pruned.count == 48)
    #expect(pruned.allSatisfy { $0.kind == .linear && $0.name.hasPrefix("blocks.") })
    #expect(trace.records.first?.sparsity == .dense && trace.records.last?.sparsity == .dense)
    #expect(trace.records.allSatisfy { $0.quant == "W4A8-keep-edges+2:4" })
  }

  @Test func `depthwise convs and reductions shorter than a group stay dense`() throws {
    let trace = LayerTrace(records: [
      .gemm(name: "dw3x3", kind: .conv, batch: 64, m: 3136, k: 9, n: 1),
      .gemm(name: "stem", kind: .conv, m: 3136, k: 3, n: 32),
      .gemm(name: "fc", kind: .linear, m: 4, k: 4, n: 4),
      .gemm(name: "grouped", kind: .conv, batch: 4, m: 16, k: 18, n: 8),
      .gemm(name: "qk", kind: .matmul, batch: 2, m: 4, k: 4, n: 4),
    ])
    let dense = try #require(QuantizationRecipe.named("W8A8"))
    let pruned = try dense.apply(to: trace, sparsity: .twoFour)
    #expect(pruned.records.map(\.sparsity) == [.dense, .dense, .twoFour, .twoFour, .dense])
    let eight = try dense.apply(to: trace, sparsity: .structured(n: 4, m: 8))
    #expect(
      eight.records.map(\.sparsity) == [.dense, .dense, .dense, .structured(n: 4, m: 8), .dense])
    // An override may still prune a depthwise filter explicitly.
    var explicit = dense
    explicit.name = "W8A8-dw"
    explicit.overrides = [.init(.name(pattern: "dw*"), sparsity: .twoFour)]
    #expect(try explicit.apply(to: trace).records[0].sparsity == .twoFour)
  }

  @Test func `a recipe resets sparsity and bits a trace already had`() throws {
    let trace = LayerTrace(records: [
      .gemm(
        name: "fc", kind: .linear, m: 4, k: 8, n: 4, weightBits: 2, actBits: 3, outBits: 5,
        sparsity: .twoFour)
    ])
    let result = try #require(QuantizationRecipe.named("W4A8")).apply(to: trace)
    #expect(result.records[0].sparsity == .dense)
    #expect(
      result.records[0].weightBits == 4 && result.records[0].actBits == 8
        && result.records[0].outBits == 8)
  }

  // MARK: Overrides

  @Test func `later overrides win and unset fields are kept`() throws {
    let recipe = QuantizationRecipe(
      name: "mixed", weightBits: 4, actBits: 8,
      overrides: [
        .init(.name(pattern: "blocks.*.mlp.*"), weightBits: 2, outBits: 16),
        .init(.name(pattern: "blocks.0.*"), weightBits: 6),
        .init(.kind(.linear), actBits: 6),
        .init(.name(pattern: "*.fc2"), sparsity: .dense),
      ])
    let trace = try recipe.apply(to: deitSmall, sparsity: .twoFour)
    func record(_ name: String) throws -> TraceRecord {
      try #require(trace.records.first { $0.name == name })
    }
    // blocks.0.mlp.fc1: 2 bits, then 6 (blocks.0.* comes later); act 6; out 16; still 2:4.
    let fc1 = try record("blocks.0.mlp.fc1")
    #expect((fc1.weightBits, fc1.actBits, fc1.outBits) == (6, 6, 16))
    #expect(fc1.sparsity == .twoFour)
    let fc2 = try record("blocks.1.mlp.fc2")
    #expect((fc2.weightBits, fc2.actBits, fc2.outBits) == (2, 6, 16))
    #expect(fc2.sparsity == .dense)
    // blocks.0.* also matches the norm, a gelu and a matmul: only the weight width changes.
    let qk = try record("blocks.0.attn.qk")
    #expect((qk.weightBits, qk.actBits, qk.outBits) == (6, 8, 8))
    let act = try record("blocks.1.mlp.act")  // gelu under blocks.*.mlp.*
    #expect((act.weightBits, act.actBits, act.outBits) == (2, 8, 16))
    #expect(count(trace) { $0.sparsity == .twoFour } == 50 - 12)
  }

  @Test func `an override that matches no op is an error with a did-you-mean`() throws {
    let recipe = QuantizationRecipe(
      name: "typo", weightBits: 4, actBits: 8,
      overrides: [
        .init(.name(pattern: "pach_embed.*"), weightBits: 8),
        .init(.name(pattern: "blocks.*.atn.qk"), weightBits: 8),
        .init(.name(pattern: "zzzzzz"), weightBits: 8),
        .init(.kind(.batchnorm), actBits: 16),
        .init(.kind(.matmul), sparsity: .twoFour),
        .init(.name(pattern: "nothing"), weightBits: 8, isOptional: true),
      ])
    let message = errorText { _ = try recipe.apply(to: deitSmall) }
    #expect(
      message == """
        recipe typo: override 'pach_embed.*' matches no op (did you mean 'patch_embed.*'?)
        recipe typo: override 'blocks.*.atn.qk' matches no op (did you mean 'blocks.*.attn.qk'?)
        recipe typo: override 'zzzzzz' matches no op
        recipe typo: override 'kind:batchnorm' matches no op: the trace has no batchnorm record
        recipe typo: override 'kind:matmul' sets sparsity 2:4 but matches no linear or conv op (only those have a static weight)
        """)
  }

  // MARK: Recipe files

  static let exampleFile = """
    {"name": "W4A8-mine", "base": "W4A8", "overrides": [
      {"match": "patch_embed.*", "weight_bits": 8},
      {"match": "kind:matmul", "act_bits": 8, "weight_bits": 8},
      {"match": "kind:softmax", "out_bits": 8}
    ]}
    """

  @Test func `the example recipe file parses`() throws {
    let recipe = try QuantizationRecipe(json: Self.exampleFile, file: "mine.json")
    #expect(recipe.name == "W4A8-mine")
    #expect(recipe.weightBits == 4 && recipe.actBits == 8 && recipe.nonlinearBits == nil)
    #expect(
      recipe.overrides == [
        .init(.name(pattern: "patch_embed.*"), weightBits: 8),
        .init(.kind(.matmul), weightBits: 8, actBits: 8),
        .init(.kind(.softmax), outBits: 8),
      ])
    let trace = try recipe.apply(to: deitSmall, sparsity: .twoFour)
    #expect(count(trace) { $0.kind.hasStaticWeightOperand && $0.weightBits == 8 } == 1)
    #expect(trace.records[0].sparsity == .twoFour)  // the file does not keep it dense
    #expect(trace.records.allSatisfy { $0.quant == "W4A8-mine+2:4" })
  }

  @Test func `a file inherits its base's overrides and sets sparsity and optional`() throws {
    let recipe = try QuantizationRecipe(
      json: """
        {"name": "edges-fp", "description": "keep-edges, dense fc2", "base": "W4A8-keep-edges",
         "overrides": [{"match": "*.fc2", "sparsity": "dense"},
                       {"match": "stem.*", "weight_bits": 8, "optional": true}]}
        """, file: "edges.json")
    #expect(recipe.overrides.count == 5)
    #expect(recipe.overrides.prefix(3) == QuantizationRecipe.keepEdges.overrides[...])
    #expect(recipe.overrides[3] == .init(.name(pattern: "*.fc2"), sparsity: .dense))
    #expect(recipe.overrides[4].isOptional)
    let trace = try recipe.apply(to: deitSmall, sparsity: .twoFour)
    #expect(count(trace) { $0.sparsity == .twoFour } == 36)  // 48 block linears − 12 fc2
  }

  /// (description, file text, the whole expected error text).
  static let badFiles: [(String, String, String)] = [
    (
      "bad width",
      """
      {"name": "x", "base": "W4A8", "overrides": [
        {"match": "head", "weight_bits": 8}, {"match": "kind:matmul", "weight_bits": 0}]}
      """,
      "f.json: overrides[1].weight_bits: 0 is not in 1...16"
    ),
    (
      "unknown keys",
      """
      {"name": "x", "bse": "W4A8", "overrides": [{"match": "head", "weigth_bits": 8}]}
      """,
      """
      f.json: bse: unknown key (did you mean 'base'?); expected base, description, name, overrides
      f.json: 'base' is missing; expected a recipe such as "W4A8"
      f.json: overrides[0].weigth_bits: unknown key (did you mean 'weight_bits'?); expected act_bits, match, optional, out_bits, sparsity, weight_bits
      """
    ),
    (
      "wrong types",
      """
      {"name": "x", "base": "W4A8", "overrides": [
        {"match": "head", "weight_bits": "8", "act_bits": 8.5, "out_bits": true, "optional": 1}]}
      """,
      """
      f.json: overrides[0].weight_bits: "8" is not an integer in 1...16
      f.json: overrides[0].act_bits: 8.5 is not an integer in 1...16
      f.json: overrides[0].out_bits: true is not an integer in 1...16
      f.json: overrides[0].optional: 1 is not true or false
      """
    ),
    (
      "bad selector and sparsity",
      """
      {"name": "x", "base": "W4A8", "overrides": [
        {"match": "kind:softmx", "out_bits": 8}, {"match": "head", "sparsity": "4:2"}, {"match": "head"}]}
      """,
      """
      f.json: overrides[0].match: 'kind:softmx' names no kind (did you mean 'kind:softmax'?); expected one of linear, conv, matmul, softmax, layernorm, batchnorm, gelu, add, mul, mean, topk, gather, roll, permute, concat
      f.json: overrides[1].sparsity: "4:2" is not a sparsity; expected "dense" or "N:M" with 1 ≤ N ≤ M ≤ 1024 (e.g. "2:4")
      f.json: overrides[2]: sets nothing; expected at least one of weight_bits, act_bits, out_bits, sparsity
      """
    ),
    (
      "bad names",
      """
      {"name": "W4A8", "base": "W4A8-keep-edgs"}
      """,
      """
      f.json: name: "W4A8" is a built-in recipe name; choose another so the trace's quant label means one recipe
      f.json: base: "W4A8-keep-edgs" is not a recipe (did you mean 'W4A8-keep-edges'?); expected one of W8A8, W4A8, W4A4, W8A4, W8A8-fp16nonlinear, W4A8-fp16nonlinear, W4A8-keep-edges or W<w>A<a>[-fp16nonlinear] with widths in 1...16
      """
    ),
    (
      "name with a comma",
      """
      {"name": "a,b", "base": "W8A8", "overrides": {"match": "head"}}
      """,
      """
      f.json: name: "a,b" is not a recipe name; expected 1 to 64 letters, digits, '.', '_' or '-'
      f.json: overrides: an object is not an array of overrides
      """
    ),
    (
      "missing match",
      """
      {"name": "x", "base": "W8A8", "overrides": [{"weight_bits": 4}, 3]}
      """,
      """
      f.json: overrides[0]: 'match' is missing; expected a name pattern such as "blocks.*.mlp.fc1" or "kind:matmul"
      f.json: overrides[1]: 3 is not an object; expected {"match": ..., "weight_bits": ...}
      """
    ),
    (
      "not an object", "[1, 2]",
      "f.json: is an array; expected a JSON object with 'name' and 'base'"
    ),
    (
      "syntax error", "{\"name\": \"x\",\n \"base\": W4A8}",
      "f.json: is not valid JSON: Invalid value at line 2, column 10"
    ),
  ]

  @Test(arguments: badFiles)
  func `a bad recipe file lists every problem with its JSON path`(
    _ description: String, _ text: String, _ expected: String
  ) {
    let message = errorText { _ = try QuantizationRecipe(json: text, file: "f.json") }
    #expect(message == expected, "\(description)")
  }
}
