import Hardware
import Testing

/// Reading SCALE-Sim `.cfg` files the way configparser does.
struct ScaleSimConfigTests {
  static let sample = """
    [general]
    run_name = scale_example_run_32x32_ws

    [architecture_presets]
    ArrayHeight:    32
    ArrayWidth:     16
    IfmapSramSzkB:   64
    FilterSramSzkB:  64
    OfmapSramSzkB:   64
    IfmapOffset:    0
    FilterOffset:   10000000
    OfmapOffset:    20000000
    Bandwidth : 10
    Dataflow : ws
    MemoryBanks:   1
    ReadRequestBuffer: 512
    WriteRequestBuffer: 512

    [run_presets]
    InterfaceBandwidth: CALC
    UseRamulatorTrace: False

    """

  func error(_ text: String) -> String? {
    do {
      _ = try ScaleSimConfig(text: text, file: "x.cfg")
      return nil
    } catch {
      return error.description
    }
  }

  @Test func `reads SCALE-Sim's sample config`() throws {
    let config = try ScaleSimConfig(text: Self.sample, file: "scale.cfg")
    #expect(config.arrayHeight == 32)
    #expect(config.arrayWidth == 16)
    #expect(config.dataflow == .weightStationary)
    #expect(config.runName == "scale_example_run_32x32_ws")
    #expect(config.ifmapSRAMKilobytes == 64)
    #expect(config.interfaceBandwidth == "CALC")
    #expect(config.sparsitySupport == false)
    #expect(config.ini.entry("bandwidth", in: "architecture_presets")?.value == "10")
    let chip = config.chip()
    #expect(chip.name == "scale_example_run_32x32_ws")
    #expect(
      chip.array == SystolicArray(rows: 32, cols: 16, dataflow: .weightStationary, clockMHz: 1000))
    #expect(chip.problems().isEmpty)
  }

  @Test func `keys are case-insensitive; = and : both work; comments and CRLF are fine`() throws {
    let text =
      "# comment\r\n; another\r\n[architecture_presets]\r\n  # indented comment\r\narrayheight = 8\r\nARRAYWIDTH=4\r\ndataflow:is\r\n[sparsity]\r\nSparsitySupport : true\r\n"
    let config = try ScaleSimConfig(text: text, file: "x.cfg")
    #expect(
      config.arrayHeight == 8 && config.arrayWidth == 4 && config.dataflow == .inputStationary)
    #expect(config.sparsitySupport)
  }

  @Test(arguments: [
    (
      "[architecture_presets]\nArrayHeight: 0\nArrayWidth: 8\nDataflow: os\n",
      "x.cfg:2: key 'ArrayHeight': '0' is not an integer in 1...65536"
    ),
    (
      "[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8 # cols\nDataflow: os\n",
      "x.cfg:3: key 'ArrayWidth': '8 # cols' is not an integer in 1...65536"
    ),
    (
      "[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow: OS\n",
      "x.cfg:4: key 'Dataflow': 'OS' is not one of os, ws, is"
    ),
    (
      "[architecture_presets]\nArrayHeight: 8\nDataflow: os\n",
      "x.cfg: key 'ArrayWidth': is missing from [architecture_presets]"
    ),
    (
      "[general]\nrun_name = a\n",
      "x.cfg: has no [architecture_presets] section; SCALE-Sim needs ArrayHeight, ArrayWidth and Dataflow there"
    ),
    ("ArrayHeight: 8\n", "x.cfg:1: 'ArrayHeight: 8' comes before any [section] header"),
    (
      "[architecture_presets]\nArrayHeight 8\n",
      "x.cfg:2: 'ArrayHeight 8' is not a [section] header, a 'key = value' or 'key : value' line, or a comment"
    ),
    (
      "[architecture_presets]\nArrayHeight: 8\narrayheight: 9\n",
      "x.cfg:3: key 'arrayheight': appears twice in [architecture_presets] (first on line 2)"
    ),
    ("[a]\n[a]\n", "x.cfg:2: section [a] appears twice (first on line 1)"),
    (
      "[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow: os\nIfmapSramSzkB: 0.5\n",
      "x.cfg:5: key 'IfmapSramSzkB': '0.5' is not an integer in 1...9223372036854775807"
    ),
    (
      "[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow: os\n[sparsity]\nSparsitySupport: maybe\n",
      "x.cfg:6: key 'SparsitySupport': 'maybe' is not a boolean (true, false, yes, no, on, off, 1, 0)"
    ),
    (
      "[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow: os\n[run_presets]\nInterfaceBandwidth: FAST\n",
      "x.cfg:6: key 'InterfaceBandwidth': 'FAST' is not one of CALC, USER"
    ),
  ])
  func `malformed configs name the line, key and value`(_ text: String, _ expected: String) {
    #expect(error(text) == expected)
  }

  @Test func `an indented line continues the value, as in configparser`() {
    #expect(
      error("[architecture_presets]\nArrayHeight: 8\n   16\nArrayWidth: 8\nDataflow: os\n")
        == "x.cfg:2: key 'ArrayHeight': '8\n16' is not an integer in 1...65536")
  }

  @Test func `chip names drop characters a report cannot hold`() throws {
    let config = try ScaleSimConfig(
      text:
        "[general]\nrun_name = a,b\n[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow: os\n",
      file: "x.cfg")
    #expect(config.chip().name == "a_b")
    #expect(config.chip(name: "mine").name == "mine")
  }
}
