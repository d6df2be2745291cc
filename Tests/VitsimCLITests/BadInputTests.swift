import Testing

/// Bad chips, configs, topologies, traces and paths: one line per problem on stderr, the
/// sysexits code, never a trap.
@Suite(.serialized)
struct BadInputTests {
  let directory: TemporaryDirectory
  let topology: String

  init() throws {
    directory = try TemporaryDirectory()
    topology = try directory.write("Layer, M, N, K,\nfc, 8, 8, 8,\n", to: "ok.csv")
  }

  /// Runs `simulate --topology ok.csv` plus `arguments`.
  func simulate(_ arguments: String...) -> RunResult {
    vitsim(["simulate", "--topology", topology] + arguments)
  }

  func chip(_ json: String) throws -> RunResult {
    let path = try directory.write(json, to: "chip.json")
    return simulate("--chip", path)
  }

  @Test func `zero, negative and absurd array sizes`() throws {
    let run = try chip(#"{"version": 1, "array": {"rows": 0, "cols": -4, "clock_mhz": 1e9}}"#)
    let path = directory.path("chip.json")
    #expect(run.code == .dataError)
    #expect(
      run.stderr == """
        Error: \(path): array.rows: 0 is not in 1...65536
        Error: \(path): array.cols: -4 is not in 1...65536
        Error: \(path): array.clock_mhz: 1000000000 is not in 1...100000 (MHz)

        """)
    directory.remove()
  }

  @Test func `sizes that overflow when multiplied`() throws {
    let run = try chip(#"{"array": {"rows": 9223372036854775807, "cols": 2}}"#)
    #expect(run.code == .dataError)
    #expect(
      run.stderr.contains("array: rows·cols = 9223372036854775807·2 overflows a 64-bit integer\n"))
    directory.remove()
  }

  @Test func `unknown dataflow and unknown key`() throws {
    let run = try chip(#"{"array": {"dataflow": "rs", "colls": 8}}"#)
    #expect(run.code == .dataError)
    #expect(
      run.stderr.contains(
        #"array.dataflow: "rs" is not one of "os", "ws", "is" (did you mean "os"?)"#))
    let key = try chip(#"{"array": {"colls": 8}}"#)
    #expect(key.code == .dataError)
    #expect(key.stderr.contains(#"array.colls: is not a known key (did you mean "cols"?)"#))
    directory.remove()
  }

  @Test func `malformed JSON names line and column`() throws {
    let run = try chip("{\n  \"array\": {\"rows\": 16,,}\n}\n")
    #expect(run.code == .dataError)
    #expect(
      run.stderr == "Error: \(directory.path("chip.json")):2:24: expected a string key, found ','\n"
    )
    directory.remove()
  }

  @Test func `missing files exit 66`() {
    for arguments in [
      ["simulate", "--chip", directory.path("none.json")],
      ["simulate", "--trace", directory.path("none.csv")],
      ["simulate", "--topology", directory.path("none.csv")],
      ["simulate", "--scalesim-config", directory.path("none.cfg"), "--topology", topology],
      ["dump-config", directory.path("none.json")],
    ] {
      let run = vitsim(arguments)
      #expect(run.code == .noInput, "\(arguments)")
      #expect(run.stderr.hasPrefix("Error: cannot read '"), "\(run.stderr)")
      #expect(run.stderr.split(separator: "\n").count == 1)
    }
    directory.remove()
  }

  @Test func `malformed cfg names line, key and value`() throws {
    let config = try directory.write(
      "[architecture_presets]\nArrayHeight: 32\nArrayWidth: thirty-two\nDataflow: os\n",
      to: "bad.cfg")
    let run = vitsim("simulate", "--scalesim-config", config, "--topology", topology)
    #expect(run.code == .dataError)
    #expect(
      run.stderr
        == "Error: \(config):3: key 'ArrayWidth': 'thirty-two' is not an integer in 1...65536\n")
    directory.remove()
  }

  @Test func `malformed topology row names line and column`() throws {
    let bad = try directory.write(
      "Layer, M, N, K,\nfc1, 197, 1536, 384,\nfc2, 197, -384, 1536,\n", to: "bad.csv")
    let run = vitsim("simulate", "--topology", bad)
    #expect(run.code == .dataError)
    #expect(run.stderr == "Error: \(bad):3: column 'N': '-384' is not a positive integer\n")
    let noComma = try directory.write("Layer, M, N, K,\nfc1, 197, 1536, 384\n", to: "nocomma.csv")
    #expect(
      vitsim("simulate", "--topology", noComma).stderr.hasPrefix(
        "Error: \(noComma):2: does not end with a trailing comma"))
    directory.remove()
  }

  @Test func `malformed trace names line and column`() throws {
    let bad = try directory.write("index,name\n0,x\n", to: "bad-trace.csv")
    let run = vitsim("simulate", "--trace", bad)
    #expect(run.code == .dataError)
    #expect(
      run.stderr.hasPrefix("Error: \(bad):1: header 'index,name' is not a vitsim trace header"))
    directory.remove()
  }

  @Test func `outputs that cannot be created exit 73`() throws {
    let layers = simulate("--layers", directory.path("no/such/dir/ops.csv"))
    #expect(layers.code == .cannotCreate)
    #expect(layers.stderr.hasPrefix("Error: cannot create '"))
    let file = try directory.write("x", to: "file")
    let report = simulate("--scalesim-report", file)
    #expect(report.code == .cannotCreate)
    #expect(report.stderr == "Error: cannot create directory '\(file)': a file is in the way\n")
    directory.remove()
  }

  @Test func `conflicting or malformed options are usage errors`() {
    let cases: [([String], String)] = [
      (
        ["simulate", "--model", "deit-small", "--trace", "t.csv"],
        "Error: give only one of --model, --trace and --topology (got --model, --trace)"
      ),
      (
        ["simulate", "--chip", "mid-32x32", "--scalesim-config", "x.cfg"],
        "Error: give only one of --chip and --scalesim-config"
      ),
      (
        ["simulate", "--topology-form", "gemm"],
        "Error: --topology-form applies only with --topology"
      ),
      (
        ["simulate", "--topology", "t.csv", "--topology-form", "fc"],
        "Error: option '--topology-form': 'fc' is not one of gemm, conv"
      ),
      (
        ["simulate", "--trace", "t.csv", "--batch", "2"], "Error: --batch applies only with --model"
      ),
      (
        ["simulate", "--sparse-weights", "half"],
        "Error: option '--sparse-weights': 'half' is not one of chip, dense, condensed"
      ),
      (
        ["simulate", "--chip", "mid-32x23"],
        "Error: unknown chip 'mid-32x23' (did you mean 'mid-32x32'?)"
      ),
      (["simulate", "--chips", "x"], "Error: unknown option '--chips' (did you mean '--chip'?)"),
    ]
    for (arguments, prefix) in cases {
      let run = vitsim(arguments)
      #expect(run.code == .usage, "\(arguments)")
      #expect(run.stderr.hasPrefix(prefix), "\(run.stderr)")
      #expect(run.stderr.contains("See 'vitsim simulate --help'"))
    }
    directory.remove()
  }

  @Test func `an op whose counts overflow is a data error, not a trap`() throws {
    // batch·m·k·n = 2^62 is a valid record, but ws on a 1×1 array takes 2 cycles per MAC.
    let trace = """
      index,name,kind,batch,m,k,n,elements,rows,row_length,out_elements,weight_elements,weight_bits,act_bits,out_bits,sparsity,macs
      0,huge,linear,1099511627776,1,2048,2048,0,0,0,2251799813685248,4611686018427387904,8,8,8,dense,4611686018427387904

      """
    let path = try directory.write(trace, to: "huge-trace.csv")
    let chip = try directory.write(
      #"{"array": {"rows": 1, "cols": 1, "dataflow": "ws"}}"#, to: "one.json")
    let run = vitsim("simulate", "--trace", path, "--chip", chip)
    #expect(run.code == .dataError, "\(run.stderr)")
    #expect(
      run.stderr
        == "Error: huge-trace: op 0 'huge': a count overflows a 64-bit integer on a 1×1 array\n")
    directory.remove()
  }
}
