/// The `pareto` column of a finished sweep: which rows no other row beats in every
/// `--pareto` objective.
///
/// Computed over all rows of the file once the sweep is complete (with `--resume`, the rows of
/// earlier runs too). Error rows and rows with an objective cell that is not a finite number
/// are `false`.
enum SweepPareto {
  /// `csv` (a sweep file: header, then one row per line) with a last column `pareto` filled,
  /// replacing the one it has when `replacingLast`.
  static func marked(
    _ csv: String, objectives: [ParetoObjective], replacingLast: Bool
  ) -> String {
    var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(Substring.init)
    if lines.last?.isEmpty == true { lines.removeLast() }
    if replacingLast {
      lines = lines.map { line in line[..<(line.lastIndex(of: ",") ?? line.endIndex)] }
    }
    guard let header = lines.first.flatMap(SweepColumns.fields) else { return csv }
    let positions = objectives.map { header.firstIndex(of: $0.column) }
    let errorPosition = header.firstIndex(of: SweepColumns.errorColumn)
    let rows = lines.dropFirst()
    let points: [[Double]?] = rows.map { line in
      guard let fields = SweepColumns.fields(of: line), fields.count == header.count else {
        return nil
      }
      if let errorPosition, !fields[errorPosition].isEmpty { return nil }
      var point: [Double] = []
      for (objective, position) in zip(objectives, positions) {
        guard let position, let value = Double(fields[position]), value.isFinite else {
          return nil
        }
        point.append(objective.maximize ? -value : value)
      }
      return point
    }
    let front = ParetoFront.nonDominated(points)
    var text = lines[0] + "," + SweepColumns.paretoColumn + "\n"
    for (line, onFront) in zip(rows, front) {
      text += line + (onFront ? ",true\n" : ",false\n")
    }
    return text
  }
}
