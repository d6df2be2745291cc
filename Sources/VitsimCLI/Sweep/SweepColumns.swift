/// The columns of a sweep CSV and how one row fills them.
///
/// | column | meaning |
/// |---|---|
/// | point | the chip point's number, 0-based over the whole sweep (shards keep it) |
/// | the summary columns up to `sparsity` | ``SummaryReport/columns``: model, chip, quant, sparsity |
/// | one per `--set` path | its value, e.g. `array_rows`, `memory_weight_bytes` |
/// | the other summary columns | ``SummaryReport/columns``, whatever they are when built |
/// | error | empty, or the one-line reason the point's chip or simulation failed |
/// | pareto | only with `--pareto`: `true` for rows on the front, else `false` |
///
/// A `--set` column whose name is already a summary column (`array_rows`) is not repeated:
/// the summary column holds the value, which the chip reports back equal to the one set. On an
/// error row the summary columns are empty except model, chip, quant and sparsity, and the
/// `--set` values fill their columns.
struct SweepColumns: Sendable {
  /// The header, without `pareto`.
  let names: [String]
  /// Where each parameter's value goes.
  let parameterPositions: [Int]
  /// Where each summary column goes.
  let summaryPositions: [Int]
  /// Summary columns filled on error rows too: model, chip, quant, sparsity.
  let identityPositions: [String: Int]
  let errorPosition: Int
  static let pointColumn = "point"
  static let errorColumn = "error"
  static let paretoColumn = "pareto"
  static let identityColumns = ["model", "chip", "quant", "sparsity"]

  init(parameters: [SweepParameter], summaryColumns: [String] = SummaryReport.columns) {
    let insertAt = (summaryColumns.firstIndex(of: "sparsity") ?? -1) + 1
    let own = parameters.map(\.column).filter { !summaryColumns.contains($0) }
    var names = [Self.pointColumn]
    names += summaryColumns[..<insertAt]
    names += own
    names += summaryColumns[insertAt...]
    names.append(Self.errorColumn)
    self.names = names
    var position: [String: Int] = [:]
    for (index, name) in names.enumerated() where position[name] == nil { position[name] = index }
    parameterPositions = parameters.map { position[$0.column] ?? 0 }
    summaryPositions = summaryColumns.map { position[$0] ?? 0 }
    var identity: [String: Int] = [:]
    for name in Self.identityColumns { identity[name] = position[name] }
    identityPositions = identity
    errorPosition = names.count - 1
  }

  /// The CSV header line, with a `\n`.
  func headerLine(pareto: Bool) -> String {
    (names + (pareto ? [Self.paretoColumn] : [])).joined(separator: ",") + "\n"
  }

  /// The row of a point that simulated: its number, its values and the summary row.
  ///
  /// - Precondition: `summary` has one value per summary column.
  func line(point: Int, values: [SweepValue], summary: [String]) -> String {
    precondition(summary.count == summaryPositions.count, "one value per summary column")
    var cells = [String](repeating: "", count: names.count)
    cells[0] = String(point)
    for (position, value) in zip(parameterPositions, values) { cells[position] = value.text }
    for (position, value) in zip(summaryPositions, summary) {
      // A --set column shared with the summary must read back as the value set.
      assert(
        cells[position].isEmpty || cells[position] == value,
        "column \(names[position]): set \(cells[position]), summary \(value)")
      cells[position] = value
    }
    return Self.line(cells)
  }

  /// The row of a point whose chip or simulation failed: identity, values and the message.
  func errorLine(
    point: Int, values: [SweepValue], identity: [String: String], message: String
  ) -> String {
    var cells = [String](repeating: "", count: names.count)
    cells[0] = String(point)
    for (name, position) in identityPositions { cells[position] = identity[name] ?? "" }
    for (position, value) in zip(parameterPositions, values) { cells[position] = value.text }
    cells[errorPosition] = message
    return Self.line(cells)
  }

  /// Cells joined into a CSV line with `\n`, each quoted when it needs to be.
  static func line(_ cells: [String]) -> String {
    var text = ""
    for (index, cell) in cells.enumerated() {
      if index > 0 { text += "," }
      text += escaped(cell)
    }
    return text + "\n"
  }

  /// A cell as RFC 4180 writes it: in double quotes (inner quotes doubled) when it holds a
  /// comma or quote; line breaks become spaces, so every row is one line.
  static func escaped(_ cell: String) -> String {
    var needsQuotes = false
    var hasBreak = false
    for scalar in cell.unicodeScalars {
      switch scalar {
      case ",", "\"": needsQuotes = true
      case "\n", "\r": hasBreak = true
      default: break
      }
    }
    var text = cell
    if hasBreak {
      text = String(
        String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }
    guard needsQuotes else { return text }
    var quoted = "\""
    for character in text {
      quoted.append(character)
      if character == "\"" { quoted.append("\"") }
    }
    return quoted + "\""
  }

  /// The fields of one line this type wrote (quotes undone); nil when a quote is not closed.
  static func fields(of line: Substring) -> [String]? {
    var fields: [String] = []
    var field = ""
    var inQuotes = false
    var iterator = line.makeIterator()
    var pending: Character?
    while let character = pending ?? iterator.next() {
      pending = nil
      if inQuotes {
        if character == "\"" {
          let next = iterator.next()
          if next == "\"" {
            field.append("\"")
          } else {
            inQuotes = false
            pending = next
          }
        } else {
          field.append(character)
        }
      } else if character == "\"" && field.isEmpty {
        inQuotes = true
      } else if character == "," {
        fields.append(field)
        field = ""
      } else {
        field.append(character)
      }
    }
    guard !inQuotes else { return nil }
    fields.append(field)
    return fields
  }
}
