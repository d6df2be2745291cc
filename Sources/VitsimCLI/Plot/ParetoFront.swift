/// The Pareto front of points where smaller is better in both coordinates.
enum ParetoFront {
  /// For each point, whether no other point dominates it when minimising both x and y.
  ///
  /// A point q dominates p when q.x ≤ p.x and q.y ≤ p.y and q differs from p in at least one of
  /// them; so identical points are all on the front together. O(n log n).
  ///
  /// - Precondition: `xs` and `ys` have the same length.
  static func nonDominated(xs: [Double], ys: [Double]) -> [Bool] {
    precondition(xs.count == ys.count, "ParetoFront: one y per x")
    // Sorted by x, then y: only earlier points can dominate a point.
    let order = xs.indices.sorted { (xs[$0], ys[$0], $0) < (xs[$1], ys[$1], $1) }
    var result = [Bool](repeating: false, count: xs.count)
    var bestY = Double.infinity
    var bestYAtX = Double.nan
    for index in order {
      let x = xs[index]
      let y = ys[index]
      if y < bestY {
        result[index] = true
        bestY = y
        bestYAtX = x
      } else if y == bestY && x == bestYAtX {
        result[index] = true
      }
    }
    return result
  }

  /// The outline of the region the front dominates, as points for a polyline: from each front
  /// point across to the next one's x, then down to its y (a staircase for minimisation).
  static func staircase(_ front: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
    let sorted = front.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
    var path: [(x: Double, y: Double)] = []
    for point in sorted {
      if let last = path.last, last.x != point.x { path.append((point.x, last.y)) }
      path.append(point)
    }
    return path
  }
}
