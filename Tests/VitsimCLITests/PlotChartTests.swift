import Foundation
import Testing

@testable import VitsimCLI

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The plotting library under the command: stacked bars, axes, unit labels, CSV reading,
/// the Pareto front and SVG escaping.
struct PlotChartTests {
  func chart() throws -> StackedBarChart {
    try StackedBarChart(
      title: "Cycles by block", categories: ["stem", "blocks.0", "head"],
      series: ["array", "vector", "stall"],
      values: [[1, 2, 0], [3, 0, 0.5], [0.5, 4.5, 0]], valueLabel: "total (cycles)",
      categoryLabel: "block")
  }

  @Test func `a stacked bar chart has categories × series bars, zero heights included`() throws {
    let figure = try PlotSVG(try chart().svg())
    let bars = figure.elements(withClass: "bar")
    #expect(bars.count == 3 * 3)
    #expect(bars.filter { $0.number("height") == 0 }.count == 3)
    #expect(
      figure.elements(withClass: "category-label").map(\.ownText) == ["stem", "blocks.0", "head"])
    #expect(
      figure.elements(withClass: "legend-entry").map(\.ownText) == ["stall", "vector", "array"])
    #expect(figure.elements(withClass: "axis-label y").map(\.ownText) == ["total (cycles)"])
    #expect(figure.elements(withClass: "axis-label x").map(\.ownText) == ["block"])
  }

  @Test func `bar heights are proportional to the values`() throws {
    let figure = try PlotSVG(try chart().svg())
    func bar(_ category: String, _ series: String) throws -> XMLElement {
      try #require(
        figure.elements(withClass: "bar").first {
          $0.attribute("data-category") == category && $0.attribute("data-series") == series
        })
    }
    // The tallest stack is 5, so the axis runs 0...5 (step 1) over the 260-point plot: 52
    // points per cycle.
    let yTicks = figure.elements(withClass: "tick-label y").compactMap { $0.number("data-value") }
    #expect(yTicks == [0, 1, 2, 3, 4, 5])
    #expect(try bar("stem", "array").number("height") == 52)
    #expect(try bar("stem", "vector").number("height") == 104)
    #expect(try bar("head", "vector").number("height") == 234)
    #expect(try bar("blocks.0", "stall").number("height") == 26)
    // Stacked: each segment starts where the one below ends.
    let array = try bar("stem", "array")
    let vector = try bar("stem", "vector")
    #expect(try #require(vector.number("y")) + 104 == array.number("y"))
    // The bottom segments all stand on the axis.
    let bottoms = try ["stem", "blocks.0", "head"].map { category in
      let segment = try bar(category, "array")
      return try #require(segment.number("y")) + (segment.number("height") ?? 0)
    }
    #expect(Set(bottoms).count == 1)
  }

  @Test func `two panels stack vertically, each with its own title and axis`() throws {
    let cycles = try chart()
    let energy = try StackedBarChart(
      title: "Energy by block", categories: ["stem", "blocks.0", "head"],
      series: ["mac", "sram", "dram", "vector", "static"],
      values: [[1e6, 2e5, 3e6, 0, 1e4], [4e7, 1e7, 2e7, 1e6, 2e5], [1e5, 0, 5e6, 0, 1e3]],
      valueLabel: ColumnLabel.text(for: "energy_pj"), categoryLabel: "block")
    let figure = try PlotSVG(
      StackedBarChart.svg(panels: [cycles, energy], title: "deit-small on edge-32"))
    #expect(figure.elements(withClass: "panel").count == 2)
    #expect(figure.elements(withClass: "title").map(\.ownText) == ["deit-small on edge-32"])
    #expect(
      figure.elements(withClass: "panel-title").map(\.ownText) == [
        "Cycles by block", "Energy by block",
      ])
    #expect(
      figure.elements(withClass: "axis-label y").map(\.ownText) == [
        "total (cycles)", "energy (pJ)",
      ])
    try #require(figure.elements(withClass: "bar").count == 3 * 3 + 3 * 5)
    // The second panel lies wholly below the first, and their bars line up.
    let bars = figure.elements(withClass: "bar")
    let firstBottom =
      bars.prefix(9).compactMap { bar in
        bar.number("y").map { $0 + (bar.number("height") ?? 0) }
      }.max() ?? 0
    let secondTop = bars.suffix(15).compactMap { $0.number("y") }.min() ?? 0
    #expect(secondTop > firstBottom)
    #expect(bars[0].number("x") == bars[9].number("x"))
    let energyTicks = figure.elements(withClass: "tick-label y").map(\.ownText)
    #expect(energyTicks.contains("60M"))
  }

  @Test func `many categories get rotated, thinned labels`() throws {
    let names = (0..<200).map { "blocks.\($0 / 10).op\($0 % 10)" }
    let chart = try StackedBarChart(
      title: "ops", categories: names, series: ["a"], values: names.map { _ in [1] },
      valueLabel: "cycles")
    let figure = try PlotSVG(chart.svg())
    #expect(figure.elements(withClass: "bar").count == 200)
    let labels = figure.elements(withClass: "category-label")
    #expect(!labels.isEmpty && labels.count <= 200)
    #expect(labels.allSatisfy { $0.attribute("transform")?.hasPrefix("rotate(-") ?? false })
  }

  @Test func `bad stacked-bar input throws instead of trapping`() {
    #expect(throws: CLIError.self) {
      try StackedBarChart(
        title: "t", categories: ["a"], series: ["x", "y"], values: [[1]], valueLabel: "v")
    }
    #expect(throws: CLIError.self) {
      try StackedBarChart(
        title: "t", categories: ["a"], series: ["x"], values: [[-1]], valueLabel: "v")
    }
    #expect(throws: CLIError.self) {
      try StackedBarChart(
        title: "t", categories: ["a"], series: ["x"], values: [[.nan]], valueLabel: "v")
    }
  }

  @Test(arguments: [
    ("latency_ms", "latency (ms)"), ("energy_pj", "energy (pJ)"),
    ("dram_read_bytes", "dram read (bytes)"), ("total_cycles", "total (cycles)"),
    ("area_mm2", "area (mm²)"), ("edp_pj_s", "edp (pJ·s)"), ("clock_mhz", "clock (MHz)"),
    ("energy_mac_pj", "energy mac (pJ)"), ("dram_bytes_per_cycle", "dram (bytes/cycle)"),
    ("utilization", "utilization"), ("array_rows", "array_rows"), ("cycles", "cycles"),
    ("_ms", "_ms"),
  ])
  func `column names become axis titles with units`(_ name: String, _ label: String) {
    #expect(ColumnLabel.text(for: name) == label)
  }

  @Test func `tick labels are engineering style`() {
    #expect(Axis.label(1.5e6, step: 5e5) == "1.5M")
    #expect(Axis.label(250_000, step: 50_000) == "250k")
    #expect(Axis.label(500, step: 500) == "500")
    #expect(Axis.label(1000, step: 500) == "1k")
    #expect(Axis.label(2.5e9, step: 2.5e8) == "2.5G")
    #expect(Axis.label(0.05, step: 0.05) == "0.05")
    #expect(Axis.label(0.25, step: 0.25) == "0.25")
    #expect(Axis.label(-3e6, step: 1e6) == "-3M")
    #expect(Axis.label(2e-5, step: 1e-5) == "20µ")
    #expect(Axis.label(0, step: 0.1) == "0")
    #expect(Axis.powerLabel(6) == "10⁶")
    #expect(Axis.powerLabel(-3) == "10⁻³")
    #expect(Axis.powerLabel(0) == "10⁰")
  }

  @Test func `linear ticks are evenly spaced nice numbers inside the domain`() {
    for (low, high) in [(0.0, 10.0), (-3.7, 12.1), (1.2e6, 9.87e6), (0.0013, 0.0021), (5, 5.0001)] {
      let axis = Axis(scale: .linear, domain: low...high)
      let ticks = axis.ticks(length: 400, labelSize: 11, horizontal: false)
      #expect(ticks.count >= 2, "\(low)...\(high)")
      let slack = (high - low) * 1e-9
      #expect(
        ticks.allSatisfy { $0.value >= low - slack && $0.value <= high + slack }, "\(ticks)")
      let steps = zip(ticks.dropFirst(), ticks).map { $0.value - $1.value }
      let step = steps[0]
      #expect(steps.allSatisfy { abs($0 - step) <= step * 1e-9 })
      let mantissa = step / pow(10, log10(step).rounded(.down))
      #expect([1, 2, 2.5, 5, 10].contains { abs(mantissa - $0) < 1e-6 }, "\(step)")
      #expect(Set(ticks.compactMap(\.label)).count == ticks.count, "\(ticks)")
    }
  }

  @Test func `log axes cover at least two powers of ten`() {
    let axis = Axis.fitting([1.2e6, 1.8e6], scale: .logarithmic)
    #expect(axis.domain == 1e6...1e7)
    let ticks = axis.ticks(length: 400, labelSize: 11, horizontal: false).filter(\.isMajor)
    #expect(ticks.map(\.value) == [1e6, 1e7])
  }

  @Test func `the Pareto front keeps non-dominated points, ties included`() {
    let xs: [Double] = [1, 2, 2, 3, 4, 5, 6, 6, 7]
    let ys: [Double] = [10, 8, 9, 8, 5, 5, 1, 1, 9]
    #expect(
      ParetoFront.nonDominated(xs: xs, ys: ys)
        == [true, true, false, false, true, false, true, true, false])
    #expect(ParetoFront.nonDominated(xs: [], ys: []) == [])
    #expect(ParetoFront.nonDominated(xs: [3, 1], ys: [1, 3]) == [true, true])
    let steps = ParetoFront.staircase([(x: 4, y: 1), (x: 1, y: 5)])
    #expect(steps.map(\.x) == [1, 4, 4])
    #expect(steps.map(\.y) == [5, 5, 1])
  }

  @Test func `CSV reading handles quotes, CRLF, a BOM and blank lines`() throws {
    let text =
      "\u{FEFF}name , value_ms,note\r\n\"a, b\",1.5,\"say \"\"hi\"\"\"\r\n\r\nc, 2 ,\"two\nlines\"\nd,n/a,x\n"
    let table = try CSVTable(text: text, source: "t.csv")
    #expect(table.columnNames == ["name", "value_ms", "note"])
    #expect(table.columns[0].cells == ["a, b", "c", "d"])
    #expect(table.columns[2].cells == [#"say "hi""#, "two\nlines", "x"])
    #expect(table.columns[1].numbers == [1.5, 2, nil])
    #expect(table.columns[0].numbers == nil)
    #expect(table.lineNumbers == [2, 4, 6])
  }

  @Test func `a mostly-text column is text and names its first non-number`() throws {
    let table = try CSVTable(text: "op,cycles\nqkv,1\n3,2\nfc1,3\n", source: "t.csv")
    #expect(table.columns[0].numbers == nil)
    #expect(table.columns[1].isNumeric)
    #expect(throws: CLIError.self) { try table.numbers(ofColumn: 0, option: "x") }
  }

  @Test func `SVG text escapes markup and drops characters XML forbids`() throws {
    #expect(SVGElement.escaped(#"<a & "b" 'c'>"#) == "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;")
    #expect(SVGElement.escaped("bell\u{7}") == "bell\u{FFFD}")
    var document = SVGDocument(width: 10, height: 10)
    document.append(.label("x < y & \u{1}", x: 1, y: 1, size: 5))
    let figure = try PlotSVG(document.text)
    #expect(figure.elements(named: "text").first?.ownText == "x < y & \u{FFFD}")
    #expect(svgNumber(-0.001) == "0")
    #expect(svgNumber(12.50) == "12.5")
  }
}
