import Foundation

/// Pieces both chart types draw: numeric axes with grid lines, and legends.
enum ChartParts {
  /// The rectangle a chart plots in, in document coordinates.
  struct Frame: Sendable {
    var left: Double
    var top: Double
    var width: Double
    var height: Double

    var right: Double { left + width }
    var bottom: Double { top + height }
  }

  /// The widest label among `ticks`, in points.
  static func widestLabel(_ ticks: [Axis.Tick]) -> Double {
    ticks.compactMap(\.label).map { TextMetrics.width($0, size: ChartStyle.tickLabelSize) }.max()
      ?? 0
  }

  /// Grid lines, tick marks and tick labels of a vertical axis on the frame's left edge, and
  /// the axis title rotated along it at `titleX`.
  static func verticalAxis(
    _ axis: Axis, ticks: [Axis.Tick], frame: Frame, title: String, titleX: Double
  ) -> [SVGElement] {
    var grid: [SVGElement] = []
    var marks: [SVGElement] = []
    for tick in ticks {
      let y = frame.bottom - axis.fraction(tick.value) * frame.height
      if tick.isMajor {
        grid.append(
          .line(
            x1: frame.left, y1: y, x2: frame.right, y2: y, stroke: ChartStyle.gridColor,
            className: "grid"))
      }
      let length = tick.isMajor ? 5.0 : 3.0
      marks.append(
        .line(
          x1: frame.left - length, y1: y, x2: frame.left, y2: y, stroke: ChartStyle.axisColor,
          className: tick.isMajor ? "tick" : "minor-tick"))
      if let label = tick.label {
        marks.append(
          .label(
            label, x: frame.left - 8, y: y + ChartStyle.tickLabelSize * 0.35,
            size: ChartStyle.tickLabelSize, anchor: "end",
            className: tick.isMajor ? "tick-label y" : "tick-label minor y",
            extra: [("data-value", tickValue(tick.value))]))
      }
    }
    let titleElement = SVGElement.label(
      title, x: titleX, y: frame.top + frame.height / 2, size: ChartStyle.axisLabelSize,
      anchor: "middle", rotation: -90, className: "axis-label y")
    return [.group([("class", "grid")], grid)] + marks + [titleElement]
  }

  /// Grid lines, tick marks and tick labels of a horizontal axis on the frame's bottom edge,
  /// and its title centred below at `titleY`.
  static func horizontalAxis(
    _ axis: Axis, ticks: [Axis.Tick], frame: Frame, title: String, titleY: Double
  ) -> [SVGElement] {
    var grid: [SVGElement] = []
    var marks: [SVGElement] = []
    for tick in ticks {
      let x = frame.left + axis.fraction(tick.value) * frame.width
      if tick.isMajor {
        grid.append(
          .line(
            x1: x, y1: frame.top, x2: x, y2: frame.bottom, stroke: ChartStyle.gridColor,
            className: "grid"))
      }
      let length = tick.isMajor ? 5.0 : 3.0
      marks.append(
        .line(
          x1: x, y1: frame.bottom, x2: x, y2: frame.bottom + length,
          stroke: ChartStyle.axisColor, className: tick.isMajor ? "tick" : "minor-tick"))
      if let label = tick.label {
        marks.append(
          .label(
            label, x: x, y: frame.bottom + 8 + ChartStyle.tickLabelSize,
            size: ChartStyle.tickLabelSize, anchor: "middle",
            className: tick.isMajor ? "tick-label x" : "tick-label minor x",
            extra: [("data-value", tickValue(tick.value))]))
      }
    }
    let titleElement = SVGElement.label(
      title, x: frame.left + frame.width / 2, y: titleY, size: ChartStyle.axisLabelSize,
      anchor: "middle", className: "axis-label x")
    return [.group([("class", "grid")], grid)] + marks + [titleElement]
  }

  /// A tick's exact value for the `data-value` attribute (shortest round-trip form).
  static func tickValue(_ value: Double) -> String { "\(value)" }

  /// The left and bottom axis lines of `frame`.
  static func axisLines(_ frame: Frame) -> [SVGElement] {
    [
      .line(
        x1: frame.left, y1: frame.top, x2: frame.left, y2: frame.bottom,
        stroke: ChartStyle.axisColor, className: "axis-line"),
      .line(
        x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom,
        stroke: ChartStyle.axisColor, className: "axis-line"),
    ]
  }

  /// One legend row: a swatch drawn centred on a point and a text.
  struct LegendEntry {
    var label: String
    var className: String
    /// Draws the swatch centred on (x, y).
    var swatch: (Double, Double) -> [SVGElement]
  }

  static let legendRowHeight = 18.0

  /// The size a legend with `title` and `entries` needs.
  static func legendSize(title: String?, labels: [String]) -> (width: Double, height: Double) {
    let textWidth = labels.map { TextMetrics.width($0, size: ChartStyle.legendSize) }.max() ?? 0
    let titleWidth = title.map { TextMetrics.width($0, size: ChartStyle.legendSize) } ?? 0
    let width = max(titleWidth, 24 + textWidth)
    let height = Double(labels.count) * legendRowHeight + (title == nil ? 0 : legendRowHeight)
    return (width, height)
  }

  /// A legend whose top-left corner is at (x, y): an optional bold title, then one row per
  /// entry, each a `<g class="…">` holding its swatch and its text.
  static func legend(title: String?, entries: [LegendEntry], x: Double, y: Double)
    -> SVGElement
  {
    var children: [SVGElement] = []
    var rowTop = y
    if let title {
      children.append(
        .label(
          title, x: x, y: rowTop + ChartStyle.legendSize, size: ChartStyle.legendSize,
          weight: "bold", className: "legend-title"))
      rowTop += legendRowHeight
    }
    for entry in entries {
      let centreY = rowTop + legendRowHeight / 2
      var row = entry.swatch(x + 8, centreY)
      row.append(
        .label(
          entry.label, x: x + 24, y: centreY + ChartStyle.legendSize * 0.35,
          size: ChartStyle.legendSize))
      children.append(.group([("class", entry.className)], row))
      rowTop += legendRowHeight
    }
    return .group([("class", "legend")], children)
  }

  /// A number as people read it in a tooltip: up to 6 significant digits.
  static func readable(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
    return String(format: "%.6g", value)
  }
}
