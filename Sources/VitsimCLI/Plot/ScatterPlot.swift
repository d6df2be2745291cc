/// A scatter (or line) plot of y against x, optionally coloured by a category or a number and
/// with the Pareto front highlighted, rendered as a standalone SVG document.
///
/// Each data point is one element whose `class` is `point`, or `point pareto` when it is on the
/// front; the front is also joined by a staircase (`class="pareto-front"`). The legend sits to
/// the right of the plot area, so it never covers points.
///
/// ```swift
/// var plot = ScatterPlot(
///   xs: latencies, ys: energies, xLabel: ColumnLabel.text(for: "latency_ms"),
///   yLabel: ColumnLabel.text(for: "energy_pj"))
/// plot.title = "deit-small: array size sweep"
/// plot.coloring = .categories(title: "dataflow", names: ["os", "ws"], ofPoint: groups)
/// plot.pareto = ParetoFront.nonDominated(xs: latencies, ys: energies)
/// try FileIO.writeAtomically(try plot.svg(), to: "sweep.svg")
/// ```
struct ScatterPlot: Sendable {
  /// How points are coloured.
  enum Coloring: Sendable {
    /// All points in the first palette colour.
    case none
    /// One colour (and legend row) per category; `names` in legend order, `ofPoint` the index
    /// into `names` of each point.
    case categories(title: String, names: [String], ofPoint: [Int])
    /// A viridis colour scale over `values` (one per point), with a colour bar.
    case gradient(title: String, values: [Double])
  }

  var xs: [Double]
  var ys: [Double]
  var xLabel: String
  var yLabel: String
  var title: String?
  var xScale: AxisScale = .linear
  var yScale: AxisScale = .linear
  var coloring: Coloring = .none
  /// Which points are on the Pareto front (one flag per point); nil draws no front.
  var pareto: [Bool]?
  /// Whether points are joined in x order, one line per category.
  var joinsPoints = false
  /// Tooltip text per point (e.g. the row's line number); nil for none.
  var pointNotes: [String]?
  /// The size of the plotting area in points; margins, title and legend come on top.
  var plotWidth = 560.0
  var plotHeight = 380.0

  init(xs: [Double], ys: [Double], xLabel: String, yLabel: String, title: String? = nil) {
    self.xs = xs
    self.ys = ys
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.title = title
  }

  /// Checks that the plot can be drawn.
  ///
  /// - Throws: ``CLIError`` with exit code 65 when there are no points, the per-point arrays
  ///   differ in length, a coordinate is not finite, or a log axis has a value ≤ 0.
  func validate() throws(CLIError) {
    guard !xs.isEmpty else { throw CLIError(.dataError, "nothing to plot: no points") }
    var counts = [ys.count, pareto?.count ?? xs.count, pointNotes?.count ?? xs.count]
    switch coloring {
    case .none: break
    case .categories(_, let names, let ofPoint):
      counts.append(ofPoint.count)
      if let bad = ofPoint.first(where: { !names.indices.contains($0) }) {
        throw CLIError(.dataError, "scatter plot: category index \(bad) has no name")
      }
    case .gradient(_, let values):
      counts.append(values.count)
      if let bad = values.first(where: { !$0.isFinite }) {
        throw CLIError(.dataError, "scatter plot: colour value \(bad) is not finite")
      }
    }
    if let count = counts.first(where: { $0 != xs.count }) {
      throw CLIError(.dataError, "scatter plot: \(xs.count) x values but \(count) of another kind")
    }
    for (values, label, scale) in [(xs, xLabel, xScale), (ys, yLabel, yScale)] {
      if let bad = values.first(where: { !$0.isFinite }) {
        throw CLIError(.dataError, "scatter plot: \(label): \(bad) is not a finite number")
      }
      if scale == .logarithmic, let bad = values.first(where: { $0 <= 0 }) {
        throw CLIError(
          .dataError,
          "scatter plot: \(label): \(ChartParts.readable(bad)) cannot go on a log axis (needs values > 0)"
        )
      }
    }
  }

  /// The plot as SVG text.
  ///
  /// - Throws: ``CLIError`` with exit code 65 when ``validate()`` fails.
  func svg() throws(CLIError) -> String {
    try validate()
    return document().text
  }

  /// The color and shape of each point, and the legend's entries.
  private func styles() -> (colors: [String], shapes: [ChartStyle.MarkerShape]) {
    switch coloring {
    case .none:
      return (
        Array(repeating: ChartStyle.color(0), count: xs.count),
        Array(repeating: .circle, count: xs.count)
      )
    case .categories(_, _, let ofPoint):
      return (ofPoint.map(ChartStyle.color), ofPoint.map(ChartStyle.markerShape))
    case .gradient(_, let values):
      let axis = Axis.fitting(values, scale: .linear, padding: 0)
      return (
        values.map { ChartStyle.gradientColor(axis.fraction($0)) },
        Array(repeating: .circle, count: xs.count)
      )
    }
  }

  /// The laid-out document (call ``validate()`` first).
  func document() -> SVGDocument {
    let xAxis = Axis.fitting(xs, scale: xScale)
    let yAxis = Axis.fitting(ys, scale: yScale)
    let xTicks = xAxis.ticks(
      length: plotWidth, labelSize: ChartStyle.tickLabelSize, horizontal: true)
    let yTicks = yAxis.ticks(
      length: plotHeight, labelSize: ChartStyle.tickLabelSize, horizontal: false)

    let yTitleX = 16 + ChartStyle.axisLabelSize * 0.8
    let left = yTitleX + 10 + ChartParts.widestLabel(yTicks) + 8
    let top = title == nil ? 20.0 : 20 + ChartStyle.titleSize + 14
    let frame = ChartParts.Frame(left: left, top: top, width: plotWidth, height: plotHeight)
    let xTitleY = frame.bottom + 8 + ChartStyle.tickLabelSize + 10 + ChartStyle.axisLabelSize
    let (colors, shapes) = styles()

    // The legend, right of the plot.
    let legendX = frame.right + 24
    var legendElements: [SVGElement] = []
    var legendWidth = 0.0
    var legendBottom = frame.top
    var entries: [ChartParts.LegendEntry] = []
    var legendTitle: String?
    if case .categories(let name, let names, _) = coloring {
      legendTitle = name
      for (index, category) in names.enumerated() {
        let color = ChartStyle.color(index)
        let shape = ChartStyle.markerShape(index)
        entries.append(
          ChartParts.LegendEntry(label: category, className: "legend-entry") { x, y in
            var swatch: [SVGElement] = []
            if joinsPoints {
              swatch.append(.line(x1: x - 8, y1: y, x2: x + 8, y2: y, stroke: color, width: 1.5))
            }
            swatch.append(
              ChartStyle.marker(
                shape, x: x, y: y, radius: 4.5, fill: color, stroke: "white", strokeWidth: 0.8,
                className: "legend-marker"))
            return swatch
          })
      }
    }
    if pareto != nil {
      entries.append(
        ChartParts.LegendEntry(label: "Pareto front", className: "legend-pareto") { x, y in
          [
            SVGElement(
              "line",
              [
                ("x1", svgNumber(x - 9)), ("y1", svgNumber(y)), ("x2", svgNumber(x + 9)),
                ("y2", svgNumber(y)), ("stroke", "#222222"), ("stroke-width", "1.5"),
                ("stroke-dasharray", "4 2"),
              ]),
            SVGElement(
              "circle",
              [
                ("cx", svgNumber(x)), ("cy", svgNumber(y)), ("r", "5"), ("fill", "#BBBBBB"),
                ("stroke", "#000000"), ("stroke-width", "1.8"),
              ]),
          ]
        })
    }
    if !entries.isEmpty {
      let size = ChartParts.legendSize(title: legendTitle, labels: entries.map(\.label))
      legendElements.append(
        ChartParts.legend(title: legendTitle, entries: entries, x: legendX, y: frame.top))
      legendWidth = size.width
      legendBottom = frame.top + size.height
    }
    if case .gradient(let name, let values) = coloring {
      let (elements, width, height) = colorBar(
        title: name, values: values, x: legendX, y: legendBottom + (entries.isEmpty ? 0 : 12))
      legendElements += elements
      legendWidth = max(legendWidth, width)
      legendBottom += height
    }

    let width = legendWidth > 0 ? legendX + legendWidth + 20 : frame.right + 24
    let height = max(xTitleY + 14, legendBottom + 20)
    var document = SVGDocument(width: width, height: height)

    document.append(
      contentsOf: ChartParts.verticalAxis(
        yAxis, ticks: yTicks, frame: frame, title: yLabel, titleX: yTitleX))
    document.append(
      contentsOf: ChartParts.horizontalAxis(
        xAxis, ticks: xTicks, frame: frame, title: xLabel, titleY: xTitleY))
    document.append(contentsOf: ChartParts.axisLines(frame))

    func position(_ index: Int) -> (x: Double, y: Double) {
      (
        frame.left + xAxis.fraction(xs[index]) * frame.width,
        frame.bottom - yAxis.fraction(ys[index]) * frame.height
      )
    }

    if joinsPoints {
      var groups: [Int: [Int]] = [:]
      var lineColors: [Int: String] = [:]
      for index in xs.indices {
        var group = 0
        switch coloring {
        case .categories(_, _, let ofPoint): group = ofPoint[index]
        case .none, .gradient: group = 0
        }
        groups[group, default: []].append(index)
        if case .categories = coloring { lineColors[group] = colors[index] }
      }
      var lines: [SVGElement] = []
      for group in groups.keys.sorted() {
        let members = (groups[group] ?? []).sorted { (xs[$0], $0) < (xs[$1], $1) }
        let points = members.map(position).map { "\(svgNumber($0.x)),\(svgNumber($0.y))" }
        lines.append(
          SVGElement(
            "polyline",
            [
              ("class", "line"), ("points", points.joined(separator: " ")), ("fill", "none"),
              (
                "stroke",
                lineColors[group] ?? (coloring.isGradient ? "#888888" : ChartStyle.color(0))
              ),
              ("stroke-width", "1.5"), ("stroke-linejoin", "round"),
            ]))
      }
      document.append(.group([("class", "lines")], lines))
    }

    if let pareto {
      let front = xs.indices.filter { pareto[$0] }.map(position)
      let steps = ParetoFront.staircase(front)
      if steps.count > 1 {
        document.append(
          SVGElement(
            "polyline",
            [
              ("class", "pareto-front"),
              (
                "points",
                steps.map { "\(svgNumber($0.x)),\(svgNumber($0.y))" }.joined(separator: " ")
              ),
              ("fill", "none"), ("stroke", "#222222"), ("stroke-width", "1.5"),
              ("stroke-dasharray", "6 3"),
            ]))
      }
    }

    // Points: the front last, so it is drawn on top.
    var marks: [SVGElement] = []
    var frontMarks: [SVGElement] = []
    let radius = joinsPoints ? 3.5 : 4.5
    for index in xs.indices {
      let (x, y) = position(index)
      let onFront = pareto?[index] ?? false
      var note =
        "\(xLabel) = \(ChartParts.readable(xs[index])), \(yLabel) = \(ChartParts.readable(ys[index]))"
      if case .categories(let name, let names, let ofPoint) = coloring {
        note += ", \(name) = \(names[ofPoint[index]])"
      } else if case .gradient(let name, let values) = coloring {
        note += ", \(name) = \(ChartParts.readable(values[index]))"
      }
      if let extra = pointNotes?[index] { note += " (\(extra))" }
      let mark = ChartStyle.marker(
        shapes[index], x: x, y: y, radius: onFront ? radius + 1.5 : radius, fill: colors[index],
        stroke: onFront ? "#000000" : "white", strokeWidth: onFront ? 1.8 : 0.8,
        className: onFront ? "point pareto" : "point",
        extra: pareto != nil && !onFront ? [("fill-opacity", "0.6")] : [],
        children: [.tooltip(note)])
      if onFront { frontMarks.append(mark) } else { marks.append(mark) }
    }
    document.append(.group([("class", "points")], marks + frontMarks))
    document.append(contentsOf: legendElements)
    if let title {
      let titleWidth = TextMetrics.width(title, size: ChartStyle.titleSize)
      let centre = titleWidth < frame.width ? frame.left + frame.width / 2 : width / 2
      document.append(
        .label(
          title, x: centre, y: 20 + ChartStyle.titleSize, size: ChartStyle.titleSize,
          anchor: "middle", weight: "bold", className: "title"))
    }
    return document
  }

  /// A vertical colour bar for a gradient colouring: title, bar and tick labels; returns the
  /// elements and their width and height.
  private func colorBar(title: String, values: [Double], x: Double, y: Double) -> (
    [SVGElement], Double, Double
  ) {
    let axis = Axis.fitting(values, scale: .linear, padding: 0)
    let barHeight = min(200, plotHeight * 0.6)
    let barTop = y + ChartParts.legendRowHeight + 4
    var stops: [SVGElement] = []
    for index in 0...10 {
      let fraction = Double(index) / 10
      stops.append(
        SVGElement(
          "stop",
          [("offset", svgNumber(fraction)), ("stop-color", ChartStyle.gradientColor(1 - fraction))])
      )
    }
    let gradient = SVGElement(
      "defs",
      children: [
        SVGElement(
          "linearGradient",
          [("id", "colorbar"), ("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "1")],
          children: stops)
      ])
    var elements: [SVGElement] = [
      gradient,
      .label(
        title, x: x, y: y + ChartStyle.legendSize, size: ChartStyle.legendSize, weight: "bold",
        className: "legend-title"),
      .rect(
        x: x, y: barTop, width: 14, height: barHeight, fill: "url(#colorbar)",
        className: "colorbar", extra: [("stroke", ChartStyle.axisColor), ("stroke-width", "0.5")]),
    ]
    let ticks = axis.ticks(
      length: barHeight, labelSize: ChartStyle.tickLabelSize, horizontal: false)
    for tick in ticks {
      let tickY = barTop + barHeight - axis.fraction(tick.value) * barHeight
      elements.append(
        .line(x1: x + 14, y1: tickY, x2: x + 18, y2: tickY, stroke: ChartStyle.axisColor))
      if let label = tick.label {
        elements.append(
          .label(
            label, x: x + 21, y: tickY + ChartStyle.tickLabelSize * 0.35,
            size: ChartStyle.tickLabelSize, className: "colorbar-label"))
      }
    }
    let width = max(
      TextMetrics.width(title, size: ChartStyle.legendSize), 21 + ChartParts.widestLabel(ticks))
    return (elements, width, barTop + barHeight - y + 6)
  }
}

extension ScatterPlot.Coloring {
  var isGradient: Bool {
    if case .gradient = self { return true }
    return false
  }
}
