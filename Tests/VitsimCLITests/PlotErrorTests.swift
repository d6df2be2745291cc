import Foundation
import Testing
import VitsimCLI

/// `vitsim plot` on bad input: one `Error:` line, the sysexits code, no output file, no trap.
@Suite(.serialized)
struct PlotErrorTests {
  let directory: TemporaryDirectory
  let csv: String
  let output: String

  init() throws {
    directory = try TemporaryDirectory()
    csv = try directory.write(
      "model,latency_ms,energy_pj,dataflow\ndeit-small,1.5,200,os\ndeit-tiny,0,100,ws\n",
      to: "sweep.csv")
    output = directory.path("figure.svg")
  }

  func plot(_ arguments: String...) -> RunResult {
    vitsim(["plot"] + arguments)
  }

  /// Checks the code, that stderr's first line is `Error: <message>`, that only a usage
  /// error adds lines (its usage and hint), and that no SVG was written.
  func expectError(
    _ run: RunResult, _ code: ExitCode, _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(run.code == code, sourceLocation: sourceLocation)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.first.map(String.init) == "Error: \(message)", sourceLocation: sourceLocation)
    #expect(
      lines.count == (code == .usage ? 3 : 1), "\(run.stderr)", sourceLocation: sourceLocation)
    #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(!FileManager.default.fileExists(atPath: output), sourceLocation: sourceLocation)
  }

  @Test func `a missing file exits 66`() {
    let missing = directory.path("none.csv")
    expectError(
      plot(missing, "--x", "latency_ms", "--y", "energy_pj", "--output", output), .noInput,
      "cannot read '\(missing)': no such file")
    directory.remove()
  }

  @Test func `an unknown column exits 64 with a did-you-mean from the header`() {
    expectError(
      plot(csv, "--x", "latncy_ms", "--y", "energy_pj", "--output", output), .usage,
      "\(csv): no column 'latncy_ms' for --x (did you mean 'latency_ms'?); the columns are: model, latency_ms, energy_pj, dataflow"
    )
    let run = plot(
      csv, "--x", "latency_ms", "--y", "energy_pj", "--color", "flow", "--output", output)
    #expect(run.code == .usage)
    #expect(run.stderr.hasPrefix("Error: \(csv): no column 'flow' for --color; the columns are:"))
    #expect(run.stderr.contains("See 'vitsim plot --help'"))
    directory.remove()
  }

  @Test func `a text column as an axis exits 65 naming file, line, column and value`() {
    expectError(
      plot(csv, "--x", "model", "--y", "energy_pj", "--output", output), .dataError,
      "\(csv):2: column 'model' (--x) is not numeric: 'deit-small' is not a number")
    directory.remove()
  }

  @Test func `an empty CSV or one without rows exits 65`() throws {
    let empty = try directory.write("  \n\n", to: "empty.csv")
    expectError(
      plot(empty, "--x", "a", "--y", "b", "--output", output), .dataError,
      "\(empty): is empty; expected a header line and rows")
    let headerOnly = try directory.write("a,b\n", to: "header.csv")
    expectError(
      plot(headerOnly, "--x", "a", "--y", "b", "--output", output), .dataError,
      "\(headerOnly): has a header line but no data rows")
    directory.remove()
  }

  @Test func `an output in a missing directory exits 73`() {
    let nowhere = directory.path("no/such/dir/figure.svg")
    let run = plot(csv, "--x", "latency_ms", "--y", "energy_pj", "--output", nowhere)
    #expect(run.code == .cannotCreate)
    #expect(
      run.stderr
        == "Error: cannot create '\(nowhere)': directory '\(directory.path("no/such/dir"))' does not exist\n"
    )
    directory.remove()
  }

  @Test func `a log axis rejects values that are not positive, naming the column`() {
    expectError(
      plot(csv, "--x", "latency_ms", "--y", "energy_pj", "--log-x", "--output", output),
      .dataError, "\(csv):3: column 'latency_ms' has 0, but --log-x needs values > 0")
    directory.remove()
  }

  @Test func `no plottable row exits 65`() throws {
    let blank = try directory.write("x_ms,y_pj\n,1\nnan,2\n", to: "blank.csv")
    expectError(
      plot(blank, "--x", "x_ms", "--y", "y_pj", "--output", output), .dataError,
      "\(blank): nothing to plot: no row has a number in both 'x_ms' and 'y_pj'")
    directory.remove()
  }

  @Test func `malformed CSV exits 65 with the line`() throws {
    let ragged = try directory.write("x,y\n1,2\n3\n", to: "ragged.csv")
    expectError(
      plot(ragged, "--x", "x", "--y", "y", "--output", output), .dataError,
      "\(ragged):3: 1 fields, but the header has 2 columns")
    let open = try directory.write("x,y\n1,\"2\n3,4\n", to: "open.csv")
    expectError(
      plot(open, "--x", "x", "--y", "y", "--output", output), .dataError,
      "\(open):2: a quoted field is not closed")
    directory.remove()
  }

  @Test func `too many text colour groups exit 65`() throws {
    var text = "x,y,name\n"
    for index in 0..<13 { text += "\(index),\(index),op\(index)\n" }
    let many = try directory.write(text, to: "many.csv")
    expectError(
      plot(many, "--x", "x", "--y", "y", "--color", "name", "--output", output), .dataError,
      "\(many): column 'name' (--color) has 13 distinct values; at most 12 can be told apart by colour (a numeric column would get a colour scale)"
    )
    directory.remove()
  }

  @Test func `bad option combinations exit 64`() {
    expectError(
      plot(csv, "--y", "energy_pj", "--output", output), .usage, "missing option '--x <column>'")
    expectError(
      plot(csv, "--x", "latency_ms", "--output", output), .usage,
      "missing option '--y <column>'")
    expectError(
      plot(csv, "--x", "model", "--stack", "energy_pj", "--pareto", "--output", output), .usage,
      "--pareto does not apply with --stack")
    expectError(
      plot(csv, "--x", "model", "--stack", "energy_pj,,", "--output", output), .usage,
      "option '--stack': 'energy_pj,,' is not a comma-separated list of columns")
    directory.remove()
  }

  @Test func `stacked bars reject text and negative values`() throws {
    expectError(
      plot(csv, "--x", "model", "--stack", "energy_pj,dataflow", "--output", output), .dataError,
      "\(csv):2: column 'dataflow' (--stack) is not numeric: 'os' is not a number")
    let negative = try directory.write("op,cycles_a\nx,-1\n", to: "negative.csv")
    expectError(
      plot(negative, "--x", "op", "--stack", "cycles_a", "--output", output), .dataError,
      "\(negative):2: column 'cycles_a' has -1, but stacked bars need values ≥ 0")
    directory.remove()
  }
}
