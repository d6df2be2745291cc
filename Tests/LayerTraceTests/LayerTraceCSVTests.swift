import LayerTrace
import Testing

struct LayerTraceCSVTests {
  /// A small trace that uses every column: a linear with 2:4 weights, a matmul, a conv with
  /// groups, a row-wise vector op, an element-wise op with a constant operand, and a top-k.
  static let sample = LayerTrace(records: [
    {
      var qkv = TraceRecord.gemm(
        name: "blocks.0.attn.qkv", kind: .linear, m: 197, k: 384, n: 1152, sparsity: .twoFour)
      qkv.quant = "W4A8+2:4"
      return qkv
    }(),
    {
      var qk = TraceRecord.gemm(
        name: "blocks.0.attn.qk", kind: .matmul, batch: 6, m: 197, k: 64, n: 197)
      qk.inputs = [0, 0]
      return qk
    }(),
    .gemm(name: "stem.dw", kind: .conv, batch: 64, m: 3136, k: 9, n: 1, weightBits: 4),
    {
      var softmax = TraceRecord.vector(
        name: "blocks.0.attn.softmax", kind: .softmax, rows: 1182, rowLength: 197, outBits: 16)
      softmax.inputs = [1]
      return softmax
    }(),
    .vector(name: "pos_embed.add", kind: .add, elements: 75648, weightElements: 75648),
    .vector(name: "routing.topk", kind: .topk, rows: 49, rowLength: 49, outElements: 196),
  ])

  @Test func `writing then reading gives back an equal trace`() throws {
    let text = Self.sample.csvText
    let read = try LayerTrace(csv: text, file: "sample.csv")
    #expect(read == Self.sample)
    #expect(read.csvText == text)
  }

  @Test func `the header is the documented column list and macs are batch·m·k·n`() throws {
    let lines = Self.sample.csvText.split(separator: "\n")
    #expect(
      lines[0]
        == "index,name,kind,batch,m,k,n,elements,rows,row_length,out_elements,weight_elements,weight_bits,act_bits,out_bits,sparsity,macs,quant,inputs"
    )
    // 197·384·1152 = 87,146,496 MACs (hand-computed); 2:4 does not change the dense count.
    #expect(
      lines[1]
        == "0,blocks.0.attn.qkv,linear,1,197,384,1152,0,0,0,226944,442368,8,8,8,2:4,87146496,W4A8+2:4,"
    )
    // 6·197·64·197 = 14,902,656.
    #expect(lines[2].hasSuffix(",dense,14902656,W8A8,0;0"))
    #expect(lines[4].hasSuffix(",W8A8,1"))
  }

  @Test func `the sample records are valid`() {
    #expect(Self.sample.problems().isEmpty)
  }

  @Test func `CRLF line ends, spaces and blank lines are accepted`() throws {
    let text =
      Self.sample.csvText
      .replacingOccurrences("\n", with: "\r\n")
      .replacingOccurrences(",linear,", with: ", linear ,") + "\r\n\r\n"
    #expect(try LayerTrace(csv: text, file: "crlf.csv") == Self.sample)
  }

  static let header = LayerTrace.csvColumns.joined(separator: ",")
  static let goodRow = "0,fc,linear,1,4,8,16,0,0,0,64,128,8,8,8,dense,512,W8A8,"

  /// (description, data rows after the header, expected message fragment).
  static let badInputs: [(String, String, String)] = [
    (
      "negative dim", "0,fc,linear,1,-4,8,16,0,0,0,64,128,8,8,8,dense,512,W8A8,",
      "trace.csv:2: column 'm': '-4' is not a non-negative integer"
    ),
    (
      "non-integer dim", "0,fc,linear,1,4.5,8,16,0,0,0,64,128,8,8,8,dense,512,W8A8,",
      "trace.csv:2: column 'm': '4.5' is not a non-negative integer"
    ),
    (
      "unknown kind", "0,fc,dense_layer,1,4,8,16,0,0,0,64,128,8,8,8,dense,512,W8A8,",
      "trace.csv:2: column 'kind': 'dense_layer' is not a kind; expected one of linear, conv"
    ),
    (
      "bad N:M", "0,fc,linear,1,4,8,16,0,0,0,64,128,8,8,8,4:2,512,W8A8,",
      "trace.csv:2: column 'sparsity': '4:2' is not a sparsity; expected 'dense' or N:M"
    ),
    (
      "truncated row", "0,fc,linear,1,4,8,16,0,0",
      "trace.csv:2: has 9 fields; expected 19"
    ),
    (
      "index out of sequence", "3,fc,linear,1,4,8,16,0,0,0,64,128,8,8,8,dense,512,W8A8,",
      "trace.csv:2: column 'index': '3' is out of sequence; expected 0"
    ),
    (
      "wrong macs", "0,fc,linear,1,4,8,16,0,0,0,64,128,8,8,8,dense,511,W8A8,",
      "trace.csv:2: column 'macs': '511' does not match batch·m·k·n = 512"
    ),
    (
      "zero dim", "0,fc,linear,1,0,8,16,0,0,0,0,128,8,8,8,dense,0,W8A8,",
      "trace.csv:2: column 'm': 0 must be at least 1 for a linear record"
    ),
    (
      "overflowing dims", "0,fc,linear,4294967296,4294967296,8,16,0,0,0,1,1,8,8,8,dense,0,W8A8,",
      "trace.csv:2: column 'macs': batch·m·k·n = 4294967296·4294967296·8·16 overflows"
    ),
    (
      "sparse matmul", "0,qk,matmul,1,4,8,16,0,0,0,64,0,8,8,8,2:4,512,W8A8,",
      "trace.csv:2: column 'sparsity': '2:4' needs a static weight"
    ),
    (
      "softmax rows do not multiply", "0,sm,softmax,0,0,0,0,10,3,4,10,0,8,8,8,dense,0,W8A8,",
      "trace.csv:2: column 'elements': 10 must equal rows·row_length = 3·4"
    ),
    (
      "zero bits", "0,fc,linear,1,4,8,16,0,0,0,64,128,0,8,8,dense,512,W8A8,",
      "trace.csv:2: column 'weight_bits': 0 is not in 1...64"
    ),
    (
      "empty quant", "0,fc,linear,1,4,8,16,0,0,0,64,128,8,8,8,dense,512,,",
      "trace.csv:2: column 'quant': must not be empty"
    ),
    (
      "comma in quant", "0,fc,linear,1,4,8,16,0,0,0,64,128,8,8,8,dense,512,W4A8,x,",
      "trace.csv:2: has 20 fields; expected 19"
    ),
    (
      "space in quant", "0,fc,linear,1,4,8,16,0,0,0,64,128,8,8,8,dense,512,W4 A8,",
      "trace.csv:2: column 'quant': 'W4 A8' must not contain a comma, a quote, a space"
    ),
    (
      "input from the future", "0,fc,linear,1,4,8,16,0,0,0,64,128,8,8,8,dense,512,W8A8,0",
      "trace.csv:2: column 'inputs': '0' is not a list of earlier record indices"
    ),
    (
      "malformed inputs", goodRow + "\n1,g,gelu,0,0,0,0,4,0,0,4,0,8,8,8,dense,0,W8A8,0;x",
      "trace.csv:3: column 'inputs': '0;x' is not a list of earlier record indices separated by ';' (each in 0...0); 'x' is not"
    ),
    (
      "second row bad", goodRow + "\n1,gelu,gelu,0,0,0,0,-1,0,0,1,0,8,8,8,dense,0,W8A8,",
      "trace.csv:3: column 'elements': '-1' is not a non-negative integer"
    ),
  ]

  @Test(arguments: badInputs)
  func `a bad row gives one line naming file, line, column and value`(
    _ description: String, _ rows: String, _ expected: String
  ) {
    let text = Self.header + "\n" + rows + "\n"
    #expect {
      _ = try LayerTrace(csv: text, file: "trace.csv")
    } throws: { error in
      let message = String(describing: error)
      return message.hasPrefix(expected) && !message.contains("\n")
    }
  }

  @Test func `a wrong header names the expected header`() {
    #expect {
      _ = try LayerTrace(csv: "Layer,M,N,K,\nfc,4,16,8,\n", file: "topo.csv")
    } throws: { error in
      String(describing: error).hasPrefix(
        "topo.csv:1: header 'Layer,M,N,K,' is not a vitsim trace header; expected 'index,name,kind")
    }
  }

  @Test func `a version 1 trace without the quant column reads as W8A8`() throws {
    let v1 =
      LayerTrace.csvColumnsVersion1.joined(separator: ",")
      + "\n0,fc,linear,1,4,8,16,0,0,0,64,128,4,8,8,2:4,512\n"
    let trace = try LayerTrace(csv: v1, file: "v1.csv")
    #expect(trace.records.map(\.quant) == ["W8A8"])
    #expect(trace.records[0].weightBits == 4 && trace.records[0].sparsity == .twoFour)
    // Written back, it is a version 3 trace with no inputs.
    #expect(trace.csvText.hasSuffix(",2:4,512,W8A8,\n"))
    #expect(LayerTrace.csvColumns.suffix(2) == ["quant", "inputs"])
    #expect(LayerTrace.csvColumns.dropLast(2) == LayerTrace.csvColumnsVersion1[...])
  }

  @Test func `a version 2 trace without the inputs column reads with no inputs`() throws {
    let v2 =
      LayerTrace.csvColumnsVersion2.joined(separator: ",")
      + "\n0,fc,linear,1,4,8,16,0,0,0,64,128,4,8,8,dense,512,W4A8\n"
    let trace = try LayerTrace(csv: v2, file: "v2.csv")
    #expect(trace.records[0].quant == "W4A8" && trace.records[0].inputs.isEmpty)
  }

  @Test func `an empty file is an error`() {
    #expect(throws: TraceError.self) { try LayerTrace(csv: "", file: "empty.csv") }
  }

  @Test func `a header-only file is an empty trace`() throws {
    #expect(try LayerTrace(csv: Self.header + "\n", file: "h.csv").records.isEmpty)
  }
}

extension String {
  fileprivate func replacingOccurrences(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
