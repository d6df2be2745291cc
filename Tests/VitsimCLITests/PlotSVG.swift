import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An SVG document parsed with Foundation's XML parser (so parsing proves it well-formed),
/// with look-ups by element name and class.
struct PlotSVG {
  let document: XMLDocument
  let root: XMLElement

  struct NotSVG: Error {}

  init(_ text: String) throws {
    document = try XMLDocument(xmlString: text, options: [])
    guard let root = document.rootElement() else { throw NotSVG() }
    self.root = root
  }

  /// Every element in document order.
  var elements: [XMLElement] {
    var result: [XMLElement] = []
    func visit(_ element: XMLElement) {
      result.append(element)
      for child in element.children ?? [] {
        if let child = child as? XMLElement { visit(child) }
      }
    }
    visit(root)
    return result
  }

  /// The elements whose `class` attribute has every one of `tokens` (space-separated).
  func elements(withClass tokens: String) -> [XMLElement] {
    let wanted = Set(tokens.split(separator: " ").map(String.init))
    return elements.filter { wanted.isSubset(of: $0.classes) }
  }

  /// The elements called `name` (`rect`, `circle`, …).
  func elements(named name: String) -> [XMLElement] {
    elements.filter { ($0.localName ?? $0.name) == name }
  }
}

extension XMLElement {
  func attribute(_ name: String) -> String? {
    (attributes ?? []).first { ($0.localName ?? $0.name) == name }?.stringValue
  }

  var classes: Set<String> {
    Set((attribute("class") ?? "").split(separator: " ").map(String.init))
  }

  /// The element's own text, without that of `<title>` children.
  var ownText: String {
    (children ?? []).compactMap { node -> String? in
      if let element = node as? XMLElement {
        return (element.localName ?? element.name) == "title" ? nil : element.ownText
      }
      return node.stringValue
    }.joined()
  }

  func number(_ attribute: String) -> Double? { self.attribute(attribute).flatMap(Double.init) }
}
