/// A stacked bar chart: one bar per category (a block, a stage, an op), split into series (the
/// parts of its cycles or energy), rendered as SVG alone or as a panel among others.
///
/// Every value gets a `<rect class="bar" data-category="…" data-series="…" data-value="…">`,
/// zero values included (with height 0), so a chart has exactly categories × series bars. The
/// first series sits at the bottom of each stack; the legend lists the series top to bottom
/// in the order they appear in the stacks. The value axis starts at 0. Category labels are
/// written horizontally when they fit under their bars, at 45° when they do not, upright
/// (90°) when bars are narrower than a line of text, and only every n-th one when even that
/// overlaps; labels longer than 24 characters are shortened with "…" (a bar's tooltip shows the whole).
///
/// ```swift
/// let cycles = try StackedBarChart(
///   title: "Cycles by block", categories: ["stem", "blocks.0", "blocks.1", "head"],
///   series: ["array", "vector", "stall"],
///   values: [[120, 10, 5], [900, 80, 40], [900, 80, 40], [60, 5, 0]],
///   valueLabel: ColumnLabel.text(for: "total_cycles"), categoryLabel: "block")
/// let energy = try StackedBarChart(
///   title: "Energy by block", categories: ..., series: ["mac", "sram", "dram", "vector", "static"],
///   values: ..., valueLabel: ColumnLabel.text(for: "energy_pj"), categoryLabel: "block")
/// try FileIO.writeAtomically(
///   StackedBarChart.svg(panels: [cycles, energy], title: "deit-small on edge-32"), to: path)
/// ```
struct StackedBarChart: Sendable {
  var title: String
  var categories: [String]
  var series: [String]
  /// `values[category][series]`: finite and non-negative.
  var values: [[Double]]
  /// The value axis title with its unit, e.g. `total (cycles)` or `energy (pJ)`.
  var valueLabel: String
  /// The category axis title (e.g. `block`); nil for none.
  var categoryLabel: String?
  /// The height of the plotting area in points.
  var plotHeight = 260.0
  /// The narrowest plotting area in points; it widens to give each bar `minimumPitch`.
  var minimumPlotWidth = 560.0
  var minimumPitch = 14.0

  /// A chart of `values[category][series]`.
  ///
  /// - Throws: ``CLIError`` with exit code 65 when `values` does not have one row per category
  ///   and one value per series, or a value is negative or not finite, naming the category and
  ///   series.
  init(
    title: String, categories: [String], series: [String], values: [[Double]],
    valueLabel: String, categoryLabel: String? = nil
  ) throws(CLIError) {
    guard !categories.isEmpty, !series.isEmpty else {
      throw CLIError(.dataError, "\(title): a stacked bar chart needs categories and series")
    }
    guard values.count == categories.count else {
      throw CLIError(
        .dataError, "\(title): \(values.count) rows of values for \(categories.count) categories")
    }
    for (category, row) in zip(categories, values) {
      guard row.count == series.count else {
        throw CLIError(
          .dataError, "\(title): '\(category)' has \(row.count) values for \(series.count) series")
      }
      for (name, value) in zip(series, row) where !(value.isFinite && value >= 0) {
        throw CLIError(
          .dataError,
          "\(title): '\(category)', \(name): \(value) is not a finite, non-negative value")
      }
    }
    self.title = title
    self.categories = categories
    self.series = series
    self.values = values
    self.valueLabel = valueLabel
    self.categoryLabel = categoryLabel
  }

  /// The chart as a standalone SVG document.
  func svg() -> String { Self.svg(panels: [self]) }

  /// Several charts stacked vertically in one SVG document, each with its own title, value
  /// axis and legend; their plotting areas share left edge and width, so bars for the same
  /// categories line up.
  static func svg(panels: [StackedBarChart], title: String? = nil) -> String {
    document(panels: panels, title: title).text
  }

  static func document(panels: [StackedBarChart], title: String? = nil) -> SVGDocument {
    let layouts = panels.map(Layout.init)
    let yTitleX = 16 + ChartStyle.axisLabelSize * 0.8
    let left = yTitleX + 10 + (layouts.map(\.tickLabelWidth).max() ?? 0) + 8
    let plotWidth = layouts.map(\.plotWidth).max() ?? 560
    let legendX = left + plotWidth + 24
    let legendWidth = layouts.map(\.legendWidth).max() ?? 0
    let width = legendX + legendWidth + 20
    var elements: [SVGElement] = []
    var top = 12.0
    if let title {
      elements.append(
        .label(
          title, x: width / 2, y: top + ChartStyle.titleSize + 4, size: ChartStyle.titleSize + 2,
          anchor: "middle", weight: "bold", className: "title"))
      top += ChartStyle.titleSize + 18
    }
    for layout in layouts {
      let (panel, height) = layout.draw(
        top: top, left: left, plotWidth: plotWidth, legendX: legendX, yTitleX: yTitleX)
      elements.append(panel)
      top += height
    }
    var document = SVGDocument(width: width, height: top + 8)
    document.append(contentsOf: elements)
    return document
  }

  /// Sizes a panel needs before the panels agree on a common left edge and width.
  private struct Layout {
    var chart: StackedBarChart
    var axis: Axis
    var ticks: [Axis.Tick]
    var tickLabelWidth: Double
    var plotWidth: Double
    var legendWidth: Double

    init(_ chart: StackedBarChart) {
      self.chart = chart
      let totals = chart.values.map { $0.reduce(0, +) }
      axis = Axis.fitting(totals, scale: .linear, startingAtZero: true)
      ticks = axis.ticks(
        length: chart.plotHeight, labelSize: ChartStyle.tickLabelSize, horizontal: false)
      tickLabelWidth = ChartParts.widestLabel(ticks)
      plotWidth = max(chart.minimumPlotWidth, Double(chart.categories.count) * chart.minimumPitch)
      legendWidth = ChartParts.legendSize(title: nil, labels: chart.series).width
    }

    static let maximumLabelLength = 24

    static func shortened(_ label: String) -> String {
      label.count <= maximumLabelLength ? label : String(label.prefix(maximumLabelLength - 1)) + "…"
    }

    /// The panel at `top`, and its height.
    func draw(top: Double, left: Double, plotWidth: Double, legendX: Double, yTitleX: Double)
      -> (SVGElement, Double)
    {
      let frame = ChartParts.Frame(
        left: left, top: top + ChartStyle.titleSize + 16, width: plotWidth,
        height: chart.plotHeight)
      var children: [SVGElement] = [
        .label(
          chart.title, x: frame.left + frame.width / 2, y: top + ChartStyle.titleSize + 2,
          size: ChartStyle.titleSize, anchor: "middle", weight: "bold", className: "panel-title")
      ]
      children += ChartParts.verticalAxis(
        axis, ticks: ticks, frame: frame, title: chart.valueLabel, titleX: yTitleX)

      // Bars.
      let count = chart.categories.count
      let pitch = frame.width / Double(count)
      let barWidth = pitch * 0.72
      var bars: [SVGElement] = []
      for (categoryIndex, category) in chart.categories.enumerated() {
        let x = frame.left + pitch * (Double(categoryIndex) + 0.5) - barWidth / 2
        var base = 0.0
        for (seriesIndex, name) in chart.series.enumerated() {
          let value = chart.values[categoryIndex][seriesIndex]
          let y0 = frame.bottom - axis.fraction(base) * frame.height
          let y1 = frame.bottom - axis.fraction(base + value) * frame.height
          base += value
          bars.append(
            .rect(
              x: x, y: y1, width: barWidth, height: y0 - y1, fill: ChartStyle.color(seriesIndex),
              className: "bar",
              extra: [
                ("data-category", category), ("data-series", name),
                ("data-value", ChartParts.tickValue(value)),
              ],
              children: [.tooltip("\(category) · \(name): \(ChartParts.readable(value))")]))
        }
      }
      children.append(.group([("class", "bars")], bars))
      children += ChartParts.axisLines(frame)

      // Category labels: horizontal, 45°, 90°, or 90° and thinned out.
      let labels = chart.categories.map(Self.shortened)
      let size = ChartStyle.tickLabelSize
      let widest = labels.map { TextMetrics.width($0, size: size) }.max() ?? 0
      var labelElements: [SVGElement] = []
      var labelsHeight: Double
      let every = max(1, Int((size * 1.1 / pitch).rounded(.up)))
      for (index, label) in labels.enumerated() where index % every == 0 {
        let x = frame.left + pitch * (Double(index) + 0.5)
        labelElements.append(
          .line(
            x1: x, y1: frame.bottom, x2: x, y2: frame.bottom + 4, stroke: ChartStyle.axisColor,
            className: "tick"))
        let element: SVGElement
        if widest <= pitch - 4 {
          element = .label(
            label, x: x, y: frame.bottom + 8 + size, size: size, anchor: "middle",
            className: "category-label")
        } else if pitch >= size * 1.6 {
          element = .label(
            label, x: x + size * 0.3, y: frame.bottom + 10, size: size, anchor: "end",
            rotation: -45, className: "category-label")
        } else {
          element = .label(
            label, x: x + size * 0.35, y: frame.bottom + 8, size: size, anchor: "end",
            rotation: -90, className: "category-label")
        }
        labelElements.append(element)
      }
      if widest <= pitch - 4 {
        labelsHeight = 8 + size + 4
      } else if pitch >= size * 1.6 {
        labelsHeight = 10 + widest * 0.66 + size * 0.5
      } else {
        labelsHeight = 8 + widest + 4
      }
      children.append(.group([("class", "category-labels")], labelElements))
      var height = frame.bottom - top + labelsHeight
      if let categoryLabel = chart.categoryLabel {
        height += ChartStyle.axisLabelSize + 8
        children.append(
          .label(
            categoryLabel, x: frame.left + frame.width / 2, y: top + height,
            size: ChartStyle.axisLabelSize, anchor: "middle", className: "axis-label x"))
      }
      height += 20

      // Legend: the top series first, as the stacks read.
      let entries = chart.series.indices.reversed().map { index in
        ChartParts.LegendEntry(label: chart.series[index], className: "legend-entry") { x, y in
          [.rect(x: x - 6, y: y - 6, width: 12, height: 12, fill: ChartStyle.color(index))]
        }
      }
      children.append(ChartParts.legend(title: nil, entries: entries, x: legendX, y: frame.top))
      let legendHeight = ChartParts.legendSize(title: nil, labels: chart.series).height
      height = max(height, frame.top - top + legendHeight + 12)
      return (.group([("class", "panel")], children), height)
    }
  }
}
