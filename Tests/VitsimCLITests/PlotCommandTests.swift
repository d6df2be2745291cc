import Foundation
import Testing
import VitsimCLI

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `vitsim plot`: scatter, line and stacked-bar SVGs from CSV files, checked by parsing them.
@Suite(.serialized)
struct PlotCommandTests {
  /// Nine plottable rows and two skipped ones. Minimising both columns, the front is a, b, e
  /// and the identical g and h: c and d are beaten by b, f by e, i by everything left of it.
  static let sweep = """
    name,latency_ms,energy_pj,kind,area_mm2
    a,1,10,p,3
    b,2,8,q,3
    c,2,9,p,3
    d,3,8,q,3
    e,4,5,r,3
    f,5,5,p,3
    g,6,1,q,3
    h,6,1,r,3
    i,7,9,p,3
    j,,3,q,3
    k,n/a,4,q,3

    """

  /// Runs `vitsim plot` on `csv` with `arguments`; returns the run, the parsed SVG and the
  /// input's path.
  func plot(_ csv: String, _ arguments: [String]) throws -> (RunResult, PlotSVG?, String) {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let input = try directory.write(csv, to: "data.csv")
    let output = directory.path("figure.svg")
    let run = vitsim(["plot", input] + arguments + ["--output", output])
    guard run.code == .success else { return (run, nil, input) }
    return (run, try PlotSVG(directory.read("figure.svg")), input)
  }

  @Test func `one point mark per plottable row, skipped rows counted on stderr`() throws {
    let (run, svg, input) = try plot(Self.sweep, ["--x", "latency_ms", "--y", "energy_pj"])
    #expect(run.code == .success)
    let figure = try #require(svg)
    #expect(figure.elements(withClass: "point").count == 9)
    #expect(figure.elements(withClass: "pareto").isEmpty)
    #expect(
      run.stderr
        == "warning: \(input): skipped 2 of 11 rows with no number in 'latency_ms' or 'energy_pj' (the first on line 11)\n"
    )
    #expect(run.stdout.isEmpty)
  }

  @Test func `the SVG is standalone with a size, a viewBox and a white background`() throws {
    let (_, svg, _) = try plot(Self.sweep, ["--x", "latency_ms", "--y", "energy_pj"])
    let figure = try #require(svg)
    #expect(figure.root.localName == "svg")
    #expect(figure.root.uri == "http://www.w3.org/2000/svg")
    let width = try #require(figure.root.number("width"))
    let height = try #require(figure.root.number("height"))
    #expect(width > 100 && height > 100)
    #expect(
      figure.root.attribute("viewBox")
        == "0 0 \(figure.root.attribute("width") ?? "") \(figure.root.attribute("height") ?? "")")
    let background = try #require(figure.elements(withClass: "background").first)
    #expect(background.attribute("fill") == "white")
    #expect(background.number("width") == width)
    // Nothing to fetch: no images, links, scripts or style sheets.
    for name in ["image", "a", "script", "style", "use"] {
      #expect(figure.elements(named: name).isEmpty, "\(name)")
    }
    #expect(!figure.elements.contains { $0.attribute("href") != nil })
  }

  @Test func `axis titles carry the unit from the column name`() throws {
    let (_, svg, _) = try plot(Self.sweep, ["--x", "latency_ms", "--y", "energy_pj"])
    let figure = try #require(svg)
    #expect(figure.elements(withClass: "axis-label x").map(\.ownText) == ["latency (ms)"])
    #expect(figure.elements(withClass: "axis-label y").map(\.ownText) == ["energy (pJ)"])
    #expect(figure.elements(withClass: "title").map(\.ownText) == ["data.csv"])
    let (_, titled, _) = try plot(
      Self.sweep, ["--x", "area_mm2", "--y", "energy_pj", "--title", "A & B <sweep>"])
    let other = try #require(titled)
    #expect(other.elements(withClass: "axis-label x").map(\.ownText) == ["area (mm²)"])
    #expect(other.elements(withClass: "title").map(\.ownText) == ["A & B <sweep>"])
  }

  @Test func `pareto marks are the hand-computed non-dominated points`() throws {
    let (run, svg, _) = try plot(
      Self.sweep, ["--x", "latency_ms", "--y", "energy_pj", "--pareto"])
    #expect(run.code == .success)
    let figure = try #require(svg)
    #expect(figure.elements(withClass: "point").count == 9)
    let front = figure.elements(withClass: "point pareto")
    #expect(front.count == 5)
    // The tooltips name each mark's values: a, b, e, g, h.
    let notes = front.compactMap { $0.elements(forName: "title").first?.stringValue }
    #expect(
      notes.map { $0.components(separatedBy: " (line").first ?? "" }.sorted() == [
        "latency (ms) = 1, energy (pJ) = 10", "latency (ms) = 2, energy (pJ) = 8",
        "latency (ms) = 4, energy (pJ) = 5", "latency (ms) = 6, energy (pJ) = 1",
        "latency (ms) = 6, energy (pJ) = 1",
      ])
    #expect(figure.elements(withClass: "pareto-front").count == 1)
    #expect(figure.elements(withClass: "legend-pareto").count == 1)
  }

  @Test func `a pareto column in the CSV is used as it is`() throws {
    let csv = """
      latency_ms,energy_pj,pareto
      1,1,false
      2,2,true
      3,3,1
      4,0.5,0

      """
    let (_, svg, _) = try plot(csv, ["--x", "latency_ms", "--y", "energy_pj", "--pareto"])
    let figure = try #require(svg)
    #expect(figure.elements(withClass: "point").count == 4)
    #expect(figure.elements(withClass: "point pareto").count == 2)
  }

  @Test func `legend rows are the distinct colour values in first-appearance order`() throws {
    let (_, svg, _) = try plot(
      Self.sweep, ["--x", "latency_ms", "--y", "energy_pj", "--color", "kind", "--pareto"])
    let figure = try #require(svg)
    let entries = figure.elements(withClass: "legend-entry")
    #expect(entries.map(\.ownText) == ["p", "q", "r"])
    #expect(figure.elements(withClass: "legend-title").map(\.ownText) == ["kind"])
    // Points of one value share a colour, and the three colours differ.
    let fills = Dictionary(grouping: figure.elements(withClass: "point")) {
      $0.elements(forName: "title").first?.stringValue?.contains("kind = p") ?? false
    }.mapValues { Set($0.compactMap { $0.attribute("fill") }) }
    #expect(fills[true]?.count == 1)
    let legendFills = entries.compactMap {
      ($0.children?.first as? XMLElement)?.attribute("fill")
    }
    #expect(Set(legendFills).count == 3)
    // The legend sits right of the plotting area.
    let frameRight = try #require(
      figure.elements(withClass: "axis-line").compactMap { $0.number("x2") }.max())
    let legend = try #require(figure.elements(withClass: "legend").first)
    let legendX = try #require(
      legend.children?.compactMap { ($0 as? XMLElement)?.number("x") }.min())
    #expect(legendX > frameRight)
  }

  @Test func `labels with markup characters are escaped`() throws {
    let csv = """
      x,y,group
      1,2,<b>&"x"
      2,3,it's

      """
    let (_, svg, _) = try plot(csv, ["--x", "x", "--y", "y", "--color", "group"])
    let figure = try #require(svg)
    #expect(figure.elements(withClass: "legend-entry").map(\.ownText) == [#"<b>&"x""#, "it's"])
  }

  @Test func `a numeric colour column with many values gets a colour bar`() throws {
    var csv = "x,y,size\n"
    for index in 1...20 { csv += "\(index),\(index * index),\(index * 7)\n" }
    let (run, svg, _) = try plot(csv, ["--x", "x", "--y", "y", "--color", "size"])
    #expect(run.code == .success)
    let figure = try #require(svg)
    #expect(figure.elements(withClass: "colorbar").count == 1)
    #expect(figure.elements(withClass: "legend-entry").isEmpty)
    #expect(Set(figure.elements(withClass: "point").compactMap { $0.attribute("fill") }).count > 10)
  }

  @Test func `log axes tick at powers of ten`() throws {
    var csv = "macs,total_cycles\n"
    for (index, macs) in [3.0, 40, 700, 9e3, 2e5, 6e6].enumerated() {
      csv += "\(macs),\(100 * (index + 1))\n"
    }
    let (_, svg, _) = try plot(csv, ["--x", "macs", "--y", "total_cycles", "--log-x"])
    let figure = try #require(svg)
    let labels = figure.elements(withClass: "tick-label x")
    #expect(labels.count >= 3)
    for label in labels {
      let value = try #require(label.number("data-value"))
      let exponent = log10(value)
      #expect(exponent == exponent.rounded(), "\(value)")
      #expect(label.ownText.hasPrefix("10"), "\(label.ownText)")
    }
    #expect(labels.map(\.ownText).contains("10³"))
    // The linear y axis ticks at nice steps.
    let yValues = figure.elements(withClass: "tick-label y").compactMap { $0.number("data-value") }
    #expect(yValues == [100, 200, 300, 400, 500, 600])
  }

  @Test func `log axes over a short range label 2× and 5× too, as minor ticks`() throws {
    let csv = "array_rows,latency_ms\n8,80\n16,20\n32,5.5\n64,1.9\n128,0.85\n"
    let (_, svg, _) = try plot(
      csv, ["--x", "array_rows", "--y", "latency_ms", "--log-x", "--log-y", "--line"])
    let figure = try #require(svg)
    let major = figure.elements(withClass: "tick-label x").filter { !$0.classes.contains("minor") }
    #expect(major.map(\.ownText) == ["10", "100"])
    #expect(
      figure.elements(withClass: "tick-label minor x").map(\.ownText) == ["20", "50"])
    #expect(figure.elements(withClass: "line").count == 1)
  }

  @Test func `line plots join points in x order, one line per colour`() throws {
    let csv = """
      array_rows,latency_ms,dataflow
      32,5,os
      8,80,os
      16,20,os
      8,90,ws
      32,6,ws

      """
    let (_, svg, _) = try plot(
      csv, ["--x", "array_rows", "--y", "latency_ms", "--color", "dataflow", "--line"])
    let figure = try #require(svg)
    let lines = figure.elements(withClass: "line")
    #expect(lines.count == 2)
    let first = try #require(lines.first?.attribute("points"))
    let xs = first.split(separator: " ").compactMap { Double($0.split(separator: ",")[0]) }
    #expect(xs.count == 3)
    #expect(xs == xs.sorted())
    #expect(figure.elements(withClass: "point").count == 5)
  }

  @Test func `without --output the SVG goes to stdout`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let input = try directory.write("a_ms,b_pj\n1,2\n3,4\n", to: "data.csv")
    let run = vitsim("plot", input, "--x", "a_ms", "--y", "b_pj")
    #expect(run.code == .success)
    #expect(run.stderr.isEmpty)
    let figure = try PlotSVG(run.stdout)
    #expect(figure.elements(withClass: "point").count == 2)
  }

  @Test func `--stack draws one panel per list, bars summed per category`() throws {
    let csv = """
      name,block,compute_cycles,stall_cycles,energy_mac_pj,energy_dram_pj
      qkv,blocks.0,100,10,5,1
      fc1,blocks.0,200,0,7,2
      qkv,blocks.1,100,10,5,1
      head,head,50,,1,3

      """
    let (run, svg, _) = try plot(
      csv,
      [
        "--x", "block", "--stack", "compute_cycles,stall_cycles", "--stack",
        "energy_mac_pj,energy_dram_pj",
      ])
    #expect(run.code == .success)
    #expect(run.stderr.contains("1 empty or non-numeric --stack cells count as 0"))
    let figure = try #require(svg)
    #expect(figure.elements(withClass: "panel").count == 2)
    #expect(
      figure.elements(withClass: "panel-title").map(\.ownText) == [
        "cycles by block", "energy by block",
      ])
    #expect(
      figure.elements(withClass: "axis-label y").map(\.ownText) == ["cycles", "energy (pJ)"])
    let bars = figure.elements(withClass: "bar")
    #expect(bars.count == 3 * 2 + 3 * 2)
    let computeOfBlock0 = bars.first {
      $0.attribute("data-category") == "blocks.0" && $0.attribute("data-series") == "compute"
    }
    #expect(computeOfBlock0?.number("data-value") == 300)
    #expect(
      figure.elements(withClass: "legend-entry").map(\.ownText) == [
        "stall", "compute", "dram", "mac",
      ])
  }

  @Test func `plot is listed and has help`() {
    #expect(vitsim("--help").stdout.contains("  plot "))
    let help = vitsim("plot", "--help")
    #expect(help.code == .success)
    #expect(help.stdout.contains("USAGE: vitsim plot <file> [--x <column>]"))
    #expect(help.stdout.contains("latency_ms → latency (ms)"))
  }
}
