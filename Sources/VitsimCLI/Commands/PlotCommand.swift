import Foundation

/// `vitsim plot FILE.csv --x COL --y COL`: a scatter or line plot of any CSV as standalone SVG.
enum PlotCommand {
  static let spec = CommandSpec(
    name: "plot",
    abstract: "Plot columns of a CSV (sweep, summary or per-op results) as an SVG.",
    discussion: """
      Draws one point per row at (--x, --y); with --line the points are joined in x order, \
      one line per --color group. Axis titles come from the column names, whose unit suffix \
      becomes a unit: latency_ms → latency (ms), energy_pj → energy (pJ), dram_read_bytes → \
      dram read (bytes), total_cycles → total (cycles), area_mm2 → area (mm²), edp_pj_s → edp \
      (pJ·s) (also _s, _us, _ns, _nj, _uj, _mj, _j, _bits, _kib, _mib, _um2, _mhz, _ghz, _mw, \
      _uw, _macs, _percent, _pct, _bytes_per_cycle); other names are used as they are. Linear \
      axes tick at 1, 2, 2.5 or 5 times a power of ten, labelled 250k, 1.5M, 2G; log axes tick \
      at powers of ten, labelled 10³ (on an axis spanning at most 2.5 decades, 2× and 5× are \
      labelled too: 1, 2, 5, 10, 20, ...).

      Rows whose x or y is empty, nan, n/a or not a number are skipped, with a count on \
      standard error; a column that is mostly text cannot be an axis. A log axis needs every \
      plotted value > 0.

      --color COL gives each distinct value of COL (as written) its own colour and legend \
      row, in order of first appearance, from a colour-blind-safe palette of 12 (groups 8 to \
      12 also get square markers). A numeric column with more than 12 distinct values is drawn \
      with a continuous viridis colour scale and a colour bar instead; a text column with more \
      than 12 is an error.

      --pareto marks the points no other point beats in both x and y (smaller is better for \
      both), over all plotted rows, and joins them with a dashed staircase. When the CSV has a \
      column named 'pareto', its true/1/yes rows are marked instead.

      With --stack COL,COL,... the plot is a stacked bar chart instead: one bar per distinct \
      --x value (rows with the same value are added up, in order of first appearance), one \
      segment per column, which must be numeric and ≥ 0 (missing cells count as 0). Each \
      --stack adds a panel below the previous one, e.g. --x name --stack \
      compute_cycles,stall_cycles --stack energy_mac_pj,energy_sram_pj,energy_dram_pj. \
      Segments are named by what their columns do not share (mac, sram, dram) and the value \
      axis by what they do (energy (pJ)).

      The SVG is standalone (no fonts, scripts or images to fetch); each point is one element \
      of class "point" ("point pareto" on the front), each bar segment one of class "bar", \
      with a tooltip giving its values. Without --output it goes to standard output.
      """,
    arguments: [
      .init(name: "file", help: "A CSV file with a header line ('-' reads stdin).")
    ],
    options: [
      .init(name: "x", valueName: "column", help: "The column for the horizontal axis (required)."),
      .init(
        name: "y", valueName: "column",
        help: "The column for the vertical axis (required\nwithout --stack)."),
      .init(
        name: "stack", valueName: "columns",
        help:
          "Stacked bars of these comma-separated columns per --x\nvalue; repeat for more panels.",
        isRepeatable: true),
      .init(name: "color", valueName: "column", help: "Colour points by this column's values."),
      .init(name: "log-x", valueName: nil, help: "Logarithmic horizontal axis."),
      .init(name: "log-y", valueName: nil, help: "Logarithmic vertical axis."),
      .init(
        name: "pareto", valueName: nil,
        help: "Highlight the Pareto front (minimising x and y)."),
      .init(name: "line", valueName: nil, help: "Join points in x order, one line per colour."),
      .init(name: "title", valueName: "text", help: "The title (default: the file's name)."),
      .init(name: "output", valueName: "file", help: "Write the SVG to this file (atomically)."),
    ])

  static let subcommand = Subcommand(spec: spec) { arguments, console throws(CLIError) in
    try run(arguments, console: console)
  }

  static func run(_ arguments: ParsedArguments, console: Console) throws(CLIError) -> ExitCode {
    guard let xName = arguments.value("x") else {
      throw .usage("missing option '--x <column>'", subcommand: spec.name)
    }
    let stacks = arguments.allValues("stack")
    if !stacks.isEmpty {
      for option in ["y", "color"] where arguments.value(option) != nil {
        throw .usage("--\(option) does not apply with --stack", subcommand: spec.name)
      }
      for flag in ["log-x", "log-y", "pareto", "line"] where arguments.flag(flag) {
        throw .usage("--\(flag) does not apply with --stack", subcommand: spec.name)
      }
      return try runStacked(arguments, category: xName, stacks: stacks, console: console)
    }
    guard let yName = arguments.value("y") else {
      throw .usage("missing option '--y <column>'", subcommand: spec.name)
    }
    let (path, source, table) = try readTable(arguments)
    let xColumn = try table.index(ofColumn: xName, option: "x", subcommand: spec.name)
    let yColumn = try table.index(ofColumn: yName, option: "y", subcommand: spec.name)
    let colorColumn = try arguments.value("color").map { name throws(CLIError) in
      try table.index(ofColumn: name, option: "color", subcommand: spec.name)
    }
    let xValues = try table.numbers(ofColumn: xColumn, option: "x")
    let yValues = try table.numbers(ofColumn: yColumn, option: "y")
    let logX = arguments.flag("log-x")
    let logY = arguments.flag("log-y")

    // A colour column with many numbers becomes a gradient; rows without a number then skip.
    let colorNumbers: [Double?]? = colorColumn.flatMap { column in
      let numbers = table.columns[column].numbers
      let distinct = Set(table.columns[column].cells.filter { !CSVTable.isMissing($0) })
      return distinct.count > ChartStyle.categoryLimit ? numbers : nil
    }

    // The rows to plot.
    var rows: [Int] = []
    var firstSkipped: Int?
    for row in 0..<table.rowCount {
      guard xValues[row] != nil, yValues[row] != nil,
        colorNumbers.map({ $0[row] != nil }) ?? true
      else {
        if firstSkipped == nil { firstSkipped = row }
        continue
      }
      rows.append(row)
    }
    let describe = [xName, yName] + (colorNumbers != nil ? [arguments.value("color") ?? ""] : [])
    let quoted = describe.map { "'\($0)'" }
    let anyOf = quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "")
    let allOf = quoted.dropLast().joined(separator: ", ") + " and " + (quoted.last ?? "")
    guard !rows.isEmpty else {
      throw CLIError(
        .dataError,
        "\(source): nothing to plot: no row has a number in \(describe.count == 2 ? "both" : "all of") \(allOf)"
      )
    }
    if let firstSkipped {
      let skipped = table.rowCount - rows.count
      console.err(
        "warning: \(source): skipped \(skipped) of \(table.rowCount) rows with no number in \(anyOf) (the first on line \(table.lineNumbers[firstSkipped]))\n"
      )
    }
    let xs = rows.map { xValues[$0] ?? 0 }
    let ys = rows.map { yValues[$0] ?? 0 }
    for (values, column, flag) in [(xs, xName, "log-x"), (ys, yName, "log-y")]
    where arguments.flag(flag) {
      if let bad = values.indices.first(where: { values[$0] <= 0 }) {
        throw CLIError(
          .dataError,
          "\(source):\(table.lineNumbers[rows[bad]]): column '\(column)' has \(table.columns[column == xName ? xColumn : yColumn].cells[rows[bad]]), but --\(flag) needs values > 0"
        )
      }
    }

    var plot = ScatterPlot(
      xs: xs, ys: ys, xLabel: ColumnLabel.text(for: xName), yLabel: ColumnLabel.text(for: yName),
      title: arguments.value("title")
        ?? (path == "-" ? "stdin" : URL(fileURLWithPath: path).lastPathComponent))
    plot.xScale = logX ? .logarithmic : .linear
    plot.yScale = logY ? .logarithmic : .linear
    plot.joinsPoints = arguments.flag("line")
    plot.pointNotes = rows.map { "line \(table.lineNumbers[$0])" }
    if let colorColumn {
      let column = table.columns[colorColumn]
      if let colorNumbers {
        plot.coloring = .gradient(title: column.name, values: rows.map { colorNumbers[$0] ?? 0 })
      } else {
        var names: [String] = []
        var indexOfName: [String: Int] = [:]
        var ofPoint: [Int] = []
        for row in rows {
          let name = column.cells[row].isEmpty ? "(empty)" : column.cells[row]
          if let index = indexOfName[name] {
            ofPoint.append(index)
          } else {
            indexOfName[name] = names.count
            ofPoint.append(names.count)
            names.append(name)
          }
        }
        guard names.count <= ChartStyle.categoryLimit else {
          throw CLIError(
            .dataError,
            "\(source): column '\(column.name)' (--color) has \(names.count) distinct values; at most \(ChartStyle.categoryLimit) can be told apart by colour (a numeric column would get a colour scale)"
          )
        }
        plot.coloring = .categories(title: column.name, names: names, ofPoint: ofPoint)
      }
    }
    if arguments.flag("pareto") {
      if let paretoColumn = table.columns.firstIndex(where: { $0.name == "pareto" }) {
        let cells = table.columns[paretoColumn].cells
        plot.pareto = rows.map { isTrue(cells[$0]) }
      } else {
        plot.pareto = ParetoFront.nonDominated(xs: xs, ys: ys)
      }
    }

    try write(try plot.svg(), arguments, console: console)
    return .success
  }

  /// The CSV named by the file argument: its path, its name for messages and its table.
  static func readTable(_ arguments: ParsedArguments) throws(CLIError) -> (
    path: String, source: String, table: CSVTable
  ) {
    let path = arguments.positionals[0]
    let source = path == "-" ? "<stdin>" : path
    return (path, source, try CSVTable(text: try FileIO.readText(path), source: source))
  }

  /// Writes `svg` to `--output` atomically, or to standard output.
  static func write(_ svg: String, _ arguments: ParsedArguments, console: Console) throws(CLIError)
  {
    if let output = arguments.value("output") {
      try FileIO.writeAtomically(svg, to: output)
    } else {
      console.out(svg)
    }
  }

  /// `--stack`: one stacked-bar panel per `--stack` list, bars per distinct `category` value.
  static func runStacked(
    _ arguments: ParsedArguments, category: String, stacks: [String], console: Console
  ) throws(CLIError) -> ExitCode {
    let (path, source, table) = try readTable(arguments)
    let categoryColumn = try table.index(ofColumn: category, option: "x", subcommand: spec.name)
    var panels: [StackedBarChart] = []
    var missing = 0
    for stack in stacks {
      let names = stack.split(separator: ",", omittingEmptySubsequences: false).map {
        String($0).trimmingCharacters(in: .whitespaces)
      }
      guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
        throw .usage(
          "option '--stack': '\(stack)' is not a comma-separated list of columns",
          subcommand: spec.name)
      }
      var columns: [Int] = []
      for name in names {
        columns.append(try table.index(ofColumn: name, option: "stack", subcommand: spec.name))
      }
      let (chart, missingCells) = try StackedBarChart.fromCSV(
        table, categoryColumn: categoryColumn, valueColumns: columns, option: "stack",
        subcommand: spec.name)
      panels.append(chart)
      missing += missingCells
    }
    if missing > 0 {
      console.err("warning: \(source): \(missing) empty or non-numeric --stack cells count as 0\n")
    }
    let title =
      arguments.value("title")
      ?? (path == "-" ? "stdin" : URL(fileURLWithPath: path).lastPathComponent)
    try write(StackedBarChart.svg(panels: panels, title: title), arguments, console: console)
    return .success
  }

  /// Whether a `pareto` cell marks its row as on the front: `true`, `1`, `yes` (any case).
  static func isTrue(_ cell: String) -> Bool {
    switch cell.lowercased() {
    case "true", "1", "1.0", "yes", "y", "t": return true
    default: return false
    }
  }
}
