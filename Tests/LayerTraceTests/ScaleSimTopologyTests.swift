import LayerTrace
import Testing

/// Importing SCALE-Sim topology CSVs (GEMM and conv forms) as trace records.
struct ScaleSimTopologyTests {
  func failure(_ text: String, form: ScaleSimTopologyForm? = nil) -> String? {
    do {
      _ = try LayerTrace(scaleSimTopology: text, file: "t.csv", form: form)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func `GEMM rows become linear records`() throws {
    let text = """
      Layer, M, N, K,
      fc1, 197, 1536, 384,

      fc2, 197, 384, 1536, 2:4,
      dense, 1, 2, 3, 1:1,
      """
    let trace = try LayerTrace(scaleSimTopology: text, file: "t.csv")
    #expect(
      trace.records == [
        .gemm(name: "fc1", kind: .linear, m: 197, k: 384, n: 1536),
        .gemm(name: "fc2", kind: .linear, m: 197, k: 1536, n: 384, sparsity: .twoFour),
        .gemm(name: "dense", kind: .linear, m: 1, k: 3, n: 2),
      ])
    #expect(try LayerTrace(scaleSimTopology: text, file: "t.csv", form: .gemm) == trace)
  }

  @Test func `conv rows become im2col records with SCALE-Sim's output size`() throws {
    let text = """
      Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,
      patch, 224, 224, 16, 16, 3, 384, 16,
      odd, 5, 7, 2, 3, 4, 8, 2, 2:4,
      """
    let trace = try LayerTrace(scaleSimTopology: text, file: "t.csv")
    // patch: E = (224 − 16 + 16)/16 = 14 per side. odd: E_h = ⌈(5−2+2)/2⌉ = 3, E_w = ⌈(7−3+2)/2⌉ = 3.
    #expect(
      trace.records == [
        .gemm(name: "patch", kind: .conv, m: 196, k: 768, n: 384),
        .gemm(name: "odd", kind: .conv, m: 9, k: 24, n: 8, sparsity: .twoFour),
      ])
  }

  @Test func `a DP layer is expanded per channel like SCALE-Sim`() throws {
    let text = "Layer, H, W, Fh, Fw, C, N, S,\nConvDP1, 8, 8, 3, 3, 3, 5, 1,\n"
    let trace = try LayerTrace(scaleSimTopology: text, file: "t.csv")
    #expect(
      trace.records.map(\.name) == ["ConvDP1Channel_0", "ConvDP1Channel_1", "ConvDP1Channel_2"])
    #expect(trace.records.allSatisfy { $0 == .gemm(name: $0.name, kind: .conv, m: 36, k: 9, n: 5) })
  }

  @Test func `CRLF files and a header-only file work`() throws {
    let trace = try LayerTrace(
      scaleSimTopology: "Layer, M, N, K,\r\nfc, 2, 3, 4,\r\n", file: "t.csv")
    #expect(trace.records == [.gemm(name: "fc", kind: .linear, m: 2, k: 4, n: 3)])
    #expect(try LayerTrace(scaleSimTopology: "Layer, M, N, K,\n", file: "t.csv").records.isEmpty)
  }

  @Test(arguments: [
    (
      "Layer, M, N, K,\nfc, 197, 1536, 384\n", nil as ScaleSimTopologyForm?,
      "t.csv:2: does not end with a trailing comma; SCALE-Sim drops the last field of every row, so '384' would be lost"
    ),
    (
      "Layer, M, N, K,\nfc, 197, x, 384,\n", nil,
      "t.csv:2: column 'N': 'x' is not a positive integer"
    ),
    (
      "Layer, M, N, K,\nfc, 197, 0, 384,\n", nil,
      "t.csv:2: column 'N': '0' is not a positive integer"
    ),
    (
      "Layer, M, N, K,\nfc, 197, 64, 384, 2-4,\n", nil,
      "t.csv:2: column 'N:M': '2-4' is not a sparsity ratio N:M with 1 ≤ N ≤ M ≤ 1024 (e.g. 2:4, or 1:1 for dense)"
    ),
    (
      "Layer, M, N, K,\nfc, 197, 64,\n", nil,
      "t.csv:2: has 3 fields; expected 4 or 5 for a GEMM row (Layer, M, N, K[, N:M]) or 8 or 9 for a conv row (Layer, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides[, N:M]), each followed by a trailing comma"
    ),
    (
      "Layer, M, N, K,\nfc, 1, 2, 3,\nc, 8, 8, 3, 3, 1, 4, 1,\n", nil,
      "t.csv:3: has 8 fields; a gemm row has 4 or 5 (Layer, M, N, K[, N:M]) followed by a trailing comma"
    ),
    (
      "Layer, M, N, K,\nfc, 1, 2, 3,\n", .conv,
      "t.csv:2: has 4 fields; a conv row has 8 or 9 (Layer, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides[, N:M]) followed by a trailing comma"
    ),
    (
      "h,\nc, 4, 8, 5, 3, 1, 4, 1,\n", nil,
      "t.csv:2: column 'Filter Height': 5 is larger than IFMAP Height 4"
    ),
    (
      "h,\nc, 8, 2, 3, 3, 1, 4, 1,\n", nil,
      "t.csv:2: column 'Filter Width': 3 is larger than IFMAP Width 2"
    ),
    ("h,\n, 1, 2, 3,\n", nil, "t.csv:2: column 'Layer': must not be empty"),
    (
      "h,\na\"b, 1, 2, 3,\n", nil,
      "t.csv:2: column 'Layer': 'a\"b' must not contain a comma, a quote or a control character"
    ),
    (
      "h,\nbig, 4294967296, 4294967296, 4294967296,\n", nil,
      "t.csv:2: column 'macs': batch·m·k·n = 1·4294967296·4294967296·4294967296 overflows a 64-bit integer"
    ),
  ])
  func `bad rows name the line and column`(
    _ text: String, _ form: ScaleSimTopologyForm?, _ expected: String
  ) {
    #expect(failure(text, form: form) == expected)
  }
}
