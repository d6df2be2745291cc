extension StackedBarChart {
  /// A panel built from CSV columns: the rows summed per category, one series per column.
  ///
  /// Rows with the same category (the cell as written; empty reads `(empty)`) are added up,
  /// categories in order of first appearance. Series are named by the words their column
  /// names do not share (`energy_mac_pj`, `energy_sram_pj` → `mac`, `sram`); the value axis is
  /// labelled with the shared words and unit (`energy (pJ)`), and the panel titled
  /// "`energy` by `block`". Missing cells count as 0 and are reported in `missingCells`.
  ///
  /// - Throws: ``CLIError`` with exit code 65 when a column is not numeric or a value is
  ///   negative (naming file, line, column and value), 64 when a column does not exist.
  static func fromCSV(
    _ table: CSVTable, categoryColumn: Int, valueColumns: [Int], option: String,
    subcommand: String
  ) throws(CLIError) -> (chart: StackedBarChart, missingCells: Int) {
    var categories: [String] = []
    var indexOfCategory: [String: Int] = [:]
    for cell in table.columns[categoryColumn].cells {
      let name = cell.isEmpty ? "(empty)" : cell
      if indexOfCategory[name] == nil {
        indexOfCategory[name] = categories.count
        categories.append(name)
      }
    }
    var values = [[Double]](
      repeating: [Double](repeating: 0, count: valueColumns.count), count: categories.count)
    var missing = 0
    for (seriesIndex, column) in valueColumns.enumerated() {
      let numbers = try table.numbers(ofColumn: column, option: option)
      for row in 0..<table.rowCount {
        guard let value = numbers[row] else {
          missing += 1
          continue
        }
        guard value >= 0 else {
          throw CLIError(
            .dataError,
            "\(table.source):\(table.lineNumbers[row]): column '\(table.columns[column].name)' has \(table.columns[column].cells[row]), but stacked bars need values ≥ 0"
          )
        }
        let cell = table.columns[categoryColumn].cells[row]
        let category = indexOfCategory[cell.isEmpty ? "(empty)" : cell] ?? 0
        values[category][seriesIndex] += value
      }
    }
    let names = valueColumns.map { table.columns[$0].name }
    let (quantity, series, unit) = Self.sharedWords(names)
    let valueLabel: String
    switch (quantity, unit) {
    case (let quantity?, let unit?): valueLabel = "\(quantity) (\(unit))"
    case (nil, let unit?): valueLabel = unit
    case (let quantity?, nil): valueLabel = quantity
    case (nil, nil): valueLabel = "value"
    }
    let chart = try StackedBarChart(
      title: "\(quantity ?? unit ?? "value") by \(table.columns[categoryColumn].name)",
      categories: categories, series: series, values: values, valueLabel: valueLabel,
      categoryLabel: ColumnLabel.text(for: table.columns[categoryColumn].name))
    return (chart, missing)
  }

  /// What column names have in common: the shared leading words (the quantity), each name's
  /// own words (the series) and the shared unit suffix.
  ///
  /// `energy_mac_pj, energy_sram_pj` → (`energy`, [`mac`, `sram`], `pJ`);
  /// `compute_cycles, stall_cycles` → (nil, [`compute`, `stall`], `cycles`).
  static func sharedWords(_ names: [String]) -> (
    quantity: String?, series: [String], unit: String?
  ) {
    let splits = names.map(ColumnLabel.split)
    var unit: String?
    var stems = names
    if let first = splits.first, let firstUnit = first?.unit,
      splits.allSatisfy({ $0?.unit == firstUnit })
    {
      unit = firstUnit
      stems = splits.map { $0?.quantity.replacingSpaces() ?? "" }
    }
    guard names.count > 1 else {
      let words = stems[0].split(separator: "_").joined(separator: " ")
      return (words.isEmpty ? nil : words, [words.isEmpty ? names[0] : words], unit)
    }
    let words = stems.map { $0.split(separator: "_").map(String.init) }
    var prefix = 0
    let shortest = words.map(\.count).min() ?? 0
    while prefix < shortest - 1, words.allSatisfy({ $0[prefix] == words[0][prefix] }) {
      prefix += 1
    }
    var suffix = 0
    while suffix < shortest - 1 - prefix,
      words.allSatisfy({ $0[$0.count - 1 - suffix] == words[0][words[0].count - 1 - suffix] })
    {
      suffix += 1
    }
    let series = words.map { $0[prefix..<($0.count - suffix)].joined(separator: " ") }
    let shared = (words[0].prefix(prefix) + words[0].suffix(suffix)).joined(separator: " ")
    return (shared.isEmpty ? nil : shared, series, unit)
  }
}

extension String {
  /// The words of an axis quantity joined back with underscores.
  fileprivate func replacingSpaces() -> String {
    split(separator: " ").joined(separator: "_")
  }
}
