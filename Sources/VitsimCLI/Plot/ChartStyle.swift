import Foundation

/// Colours, fonts and marks shared by vitsim's charts.
enum ChartStyle {
  /// Twelve categorical colours: the first seven are Okabe & Ito's colour-blind-safe set
  /// (without black), the other five from Paul Tol's "muted" set. Scatter plots draw groups
  /// from the eighth on with square markers so they stay distinguishable by shape.
  static let palette = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
    "#332288", "#882255", "#117733", "#999933", "#888888",
  ]

  /// How many categories get a colour (and, in scatter plots, a shape) of their own.
  static var categoryLimit: Int { palette.count }

  /// The colour of category `index`; colours repeat past ``categoryLimit``.
  static func color(_ index: Int) -> String { palette[index % palette.count] }

  /// Stops of the viridis colour map (perceptually uniform, colour-blind-safe), low to high.
  static let gradientStops: [(red: Double, green: Double, blue: Double)] = [
    (0x44, 0x01, 0x54), (0x3B, 0x52, 0x8B), (0x21, 0x91, 0x8C), (0x5E, 0xC9, 0x62),
    (0xFD, 0xE7, 0x25),
  ]

  /// The viridis colour at `fraction` (clamped to 0...1) as `#rrggbb`.
  static func gradientColor(_ fraction: Double) -> String {
    let t = min(1, max(0, fraction.isFinite ? fraction : 0)) * Double(gradientStops.count - 1)
    let index = min(Int(t), gradientStops.count - 2)
    let local = t - Double(index)
    let a = gradientStops[index]
    let b = gradientStops[index + 1]
    func channel(_ x: Double, _ y: Double) -> String {
      let value = Int((x + (y - x) * local).rounded())
      let hex = String(value, radix: 16, uppercase: true)
      return hex.count == 1 ? "0" + hex : hex
    }
    return "#" + channel(a.red, b.red) + channel(a.green, b.green) + channel(a.blue, b.blue)
  }

  static let titleSize = 16.0
  static let axisLabelSize = 13.0
  static let tickLabelSize = 11.0
  static let legendSize = 12.0
  static let textColor = "#222222"
  static let axisColor = "#444444"
  static let gridColor = "#E6E6E6"

  /// The marker shapes scatter plots use per category.
  enum MarkerShape: Sendable {
    case circle
    case square
  }

  static func markerShape(_ category: Int) -> MarkerShape {
    category % palette.count < 7 ? .circle : .square
  }

  /// One marker centred on (x, y) with `radius` (half the side for a square).
  static func marker(
    _ shape: MarkerShape, x: Double, y: Double, radius: Double, fill: String, stroke: String,
    strokeWidth: Double, className: String, extra: [(String, String)] = [],
    children: [SVGElement] = []
  ) -> SVGElement {
    let common: [(String, String)] = [
      ("fill", fill), ("stroke", stroke), ("stroke-width", svgNumber(strokeWidth)),
    ]
    switch shape {
    case .circle:
      return SVGElement(
        "circle",
        [
          ("class", className), ("cx", svgNumber(x)), ("cy", svgNumber(y)),
          ("r", svgNumber(radius)),
        ]
          + common + extra, children: children)
    case .square:
      let side = radius * 1.8
      return SVGElement(
        "rect",
        [
          ("class", className), ("x", svgNumber(x - side / 2)), ("y", svgNumber(y - side / 2)),
          ("width", svgNumber(side)), ("height", svgNumber(side)),
        ] + common + extra, children: children)
    }
  }
}
