/// One SVG (XML) element: a name, attributes in order, and either text or child elements.
///
/// Attribute values and text are escaped when rendered, and characters XML 1.0 forbids
/// (C0 controls other than tab, line feed and carriage return) become U+FFFD, so any CSV
/// cell can be used as a label.
struct SVGElement: Sendable {
  var name: String
  var attributes: [(String, String)]
  var text: String?
  var children: [SVGElement]

  init(
    _ name: String, _ attributes: [(String, String)] = [], text: String? = nil,
    children: [SVGElement] = []
  ) {
    self.name = name
    self.attributes = attributes
    self.text = text
    self.children = children
  }

  /// The element as XML, indented by `depth` levels of two spaces.
  func rendered(depth: Int = 0) -> String {
    let indent = String(repeating: "  ", count: depth)
    var line = indent + "<" + name
    for (key, value) in attributes {
      line += " \(key)=\"\(Self.escaped(value))\""
    }
    if let text {
      return line + ">" + Self.escaped(text) + "</\(name)>\n"
    }
    if children.isEmpty {
      return line + "/>\n"
    }
    var result = line + ">\n"
    for child in children { result += child.rendered(depth: depth + 1) }
    return result + indent + "</\(name)>\n"
  }

  /// `text` with `& < > " '` escaped and XML-forbidden characters replaced by U+FFFD.
  static func escaped(_ text: String) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        if value < 0x20 || value == 0xFFFE || value == 0xFFFF {
          result += "\u{FFFD}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}

/// A coordinate or length for an SVG attribute: at most two decimals, no exponent, no `-0`.
func svgNumber(_ value: Double) -> String {
  guard value.isFinite else { return "0" }
  var text = formatFixed(value, digits: 2)
  if text.contains(".") {
    while text.last == "0" { text.removeLast() }
    if text.last == "." { text.removeLast() }
  }
  return text == "-0" ? "0" : text
}

/// A standalone SVG document under construction: a fixed size, a white background and a
/// list of top-level elements.
///
/// The output needs nothing outside itself (no fonts, images or style sheets to fetch): fonts
/// are named by family with a generic `sans-serif` fallback.
struct SVGDocument: Sendable {
  var width: Double
  var height: Double
  var elements: [SVGElement] = []

  /// The font families tried in order; every system has some `sans-serif`.
  static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  mutating func append(_ element: SVGElement) { elements.append(element) }

  mutating func append(contentsOf more: [SVGElement]) { elements.append(contentsOf: more) }

  /// The document as UTF-8 XML text, with an XML declaration.
  var text: String {
    var result = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    let root = SVGElement(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"),
        ("width", svgNumber(width)), ("height", svgNumber(height)),
        ("viewBox", "0 0 \(svgNumber(width)) \(svgNumber(height))"),
        ("font-family", Self.fontFamily),
      ],
      children: [
        SVGElement(
          "rect",
          [
            ("class", "background"), ("x", "0"), ("y", "0"), ("width", svgNumber(width)),
            ("height", svgNumber(height)), ("fill", "white"),
          ])
      ] + elements)
    result += root.rendered()
    return result
  }
}

// Shorthands for the elements the charts draw.
extension SVGElement {
  static func group(_ attributes: [(String, String)] = [], _ children: [SVGElement]) -> SVGElement {
    SVGElement("g", attributes, children: children)
  }

  static func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
    className: String? = nil
  ) -> SVGElement {
    var attributes: [(String, String)] = []
    if let className { attributes.append(("class", className)) }
    attributes += [
      ("x1", svgNumber(x1)), ("y1", svgNumber(y1)), ("x2", svgNumber(x2)), ("y2", svgNumber(y2)),
      ("stroke", stroke), ("stroke-width", svgNumber(width)),
    ]
    return SVGElement("line", attributes)
  }

  static func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String,
    className: String? = nil, extra: [(String, String)] = [], children: [SVGElement] = []
  ) -> SVGElement {
    var attributes: [(String, String)] = []
    if let className { attributes.append(("class", className)) }
    attributes += [
      ("x", svgNumber(x)), ("y", svgNumber(y)), ("width", svgNumber(max(0, width))),
      ("height", svgNumber(max(0, height))), ("fill", fill),
    ]
    return SVGElement("rect", attributes + extra, children: children)
  }

  /// A text label at (x, y); `anchor` is `start`, `middle` or `end`, `rotation` in degrees
  /// about the anchor point.
  static func label(
    _ text: String, x: Double, y: Double, size: Double, anchor: String = "start",
    rotation: Double = 0, weight: String? = nil, fill: String = "#222222",
    className: String? = nil, extra: [(String, String)] = []
  ) -> SVGElement {
    var attributes: [(String, String)] = []
    if let className { attributes.append(("class", className)) }
    attributes += [
      ("x", svgNumber(x)), ("y", svgNumber(y)), ("font-size", svgNumber(size)),
      ("text-anchor", anchor), ("fill", fill),
    ]
    if let weight { attributes.append(("font-weight", weight)) }
    if rotation != 0 {
      attributes.append(
        ("transform", "rotate(\(svgNumber(rotation)) \(svgNumber(x)) \(svgNumber(y)))"))
    }
    return SVGElement("text", attributes + extra, text: text)
  }

  /// A `<title>` child: the tooltip viewers show on hover.
  static func tooltip(_ text: String) -> SVGElement { SVGElement("title", text: text) }
}

/// Rough text metrics for layout without a font engine.
enum TextMetrics {
  /// The estimated width of `text` at `size` points: 0.6 em per character, which errs wide
  /// for the sans-serif fonts SVG viewers use, so labels get room rather than overlap.
  static func width(_ text: String, size: Double) -> Double {
    Double(text.count) * size * 0.6
  }
}
