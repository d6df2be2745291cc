/// One objective of `--pareto`: a numeric column, minimised, or maximised when written
/// `max:COLUMN` (`min:COLUMN` is accepted too).
struct ParetoObjective: Sendable, Equatable {
  var column: String
  var maximize: Bool

  /// Parses `latency_ms,max:utilization`.
  ///
  /// - Throws: ``CLIError`` (usage) for an empty list or name, or a column not in `numeric`
  ///   (with the nearest numeric column; text columns are named as such).
  static func parseList(_ text: String, numeric: [String], all: [String]) throws(CLIError)
    -> [ParetoObjective]
  {
    var objectives: [ParetoObjective] = []
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      var name = Substring(item)
      var maximize = false
      if name.hasPrefix("max:") {
        maximize = true
        name = name.dropFirst(4)
      } else if name.hasPrefix("min:") {
        name = name.dropFirst(4)
      }
      let column = String(name)
      guard !column.isEmpty else {
        throw .usage(
          "option '--pareto': '\(text)' has an empty column name; expected e.g. latency_ms,max:utilization",
          subcommand: "sweep")
      }
      guard numeric.contains(column) else {
        let reason =
          all.contains(column)
          ? "is not a numeric column"
          : "is not a column of this sweep\(Suggestions.hint(for: column, in: numeric))"
        throw .usage(
          "option '--pareto': '\(column)' \(reason); numeric columns: \(numeric.joined(separator: ", "))",
          subcommand: "sweep")
      }
      objectives.append(ParetoObjective(column: column, maximize: maximize))
    }
    return objectives
  }
}

extension ParetoFront {
  /// For each point, whether no other point dominates it, minimising every coordinate; nil
  /// points (error rows, missing values) are never on the front and dominate nothing.
  ///
  /// q dominates p when q ≤ p in every coordinate and q < p in at least one; identical points
  /// are on the front together. Points are visited in lexicographic order, where every
  /// dominator of a point comes before it, and checked against the front found so far (a
  /// point dominated by a dominated point is dominated by a front point too).
  /// O(n log n + n·f·d) for f points on the front and d coordinates.
  ///
  /// - Precondition: all non-nil points have the same number of coordinates.
  static func nonDominated(_ points: [[Double]?]) -> [Bool] {
    let candidates = points.indices.filter { points[$0] != nil }
    let coordinates = candidates.map { points[$0] ?? [] }
    let order = coordinates.indices.sorted { a, b in
      for (x, y) in zip(coordinates[a], coordinates[b]) where x != y { return x < y }
      return a < b
    }
    var front: [Int] = []
    var result = [Bool](repeating: false, count: points.count)
    for index in order {
      let point = coordinates[index]
      let dominated = front.contains { other in
        let q = coordinates[other]
        var strictly = false
        for (a, b) in zip(q, point) {
          if a > b { return false }
          if a < b { strictly = true }
        }
        return strictly
      }
      if !dominated {
        front.append(index)
        result[candidates[index]] = true
      }
    }
    return result
  }
}
