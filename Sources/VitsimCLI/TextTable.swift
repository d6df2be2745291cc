/// Plain-text tables for terminal output.
enum TextTable {
  /// Renders rows as space-separated, padded columns; the first row is the header.
  static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
    let columnCount = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columnCount)
    for row in rows {
      for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
    }
    var text = ""
    for row in rows {
      var cells: [String] = []
      for (column, cell) in row.enumerated() {
        let padding = String(repeating: " ", count: widths[column] - cell.count)
        cells.append(rightAligned.contains(column) ? padding + cell : cell + padding)
      }
      while let last = cells.last, last.allSatisfy({ $0 == " " }) { cells.removeLast() }
      var line = cells.joined(separator: "  ")
      while line.last == " " { line.removeLast() }
      text += line + "\n"
    }
    return text
  }
}

/// `value` with exactly `digits` decimals (no locale, no exponent); values too large for that
/// (beyond 10¹⁵) in Swift's shortest form with an exponent.
func formatFixed(_ value: Double, digits: Int) -> String {
  guard value.isFinite, abs(value) < 1e15 else { return String(value) }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let scaled = (abs(value) * scale).rounded()
  let negative = value < 0 && scaled > 0
  let integerPart = Int(scaled / scale)
  let fraction = Int(scaled - Double(integerPart) * scale)
  var text = String(integerPart)
  if digits > 0 {
    let fractionText = String(fraction)
    text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
  }
  return negative ? "-" + text : text
}
