/// The chip points of a sweep, numbered 0..<``count`` in a fixed order.
///
/// Without `--zip` the points are the cartesian product of the `--set` lists, the first list
/// varying slowest (like nested loops written in option order): for `--set a=1,2 --set b=x,y`
/// the points are (1,x), (1,y), (2,x), (2,y). With `--zip` point i takes the i-th value of every
/// list, which must all be equally long. No `--set` at all gives one point, the base chip.
///
/// Points are decoded from their number on demand (mixed radix), so a sweep never holds them
/// all; O(parameters) per point.
struct SweepPoints: Sendable {
  var parameters: [SweepParameter]
  var isZipped: Bool
  /// The number of points.
  let count: Int

  /// - Throws: ``CLIError`` (usage) when zipped lists differ in length, two paths give the same
  ///   column, or the product of the list lengths overflows `Int`.
  init(parameters: [SweepParameter], zipped: Bool) throws(CLIError) {
    self.parameters = parameters
    self.isZipped = zipped
    var seen: [String: String] = [:]
    for parameter in parameters {
      if let earlier = seen[parameter.column] {
        throw .usage(
          earlier == parameter.path
            ? "option '--set': \(parameter.path) is given twice; put all its values in one list"
            : "option '--set': \(earlier) and \(parameter.path) both make column '\(parameter.column)'",
          subcommand: "sweep")
      }
      seen[parameter.column] = parameter.path
    }
    if zipped {
      let lengths = parameters.map(\.values.count)
      if let first = lengths.first, lengths.contains(where: { $0 != first }) {
        let listed = parameters.map { "\($0.path) has \($0.values.count)" }
        throw .usage(
          "option '--zip': the --set lists must be equally long (\(listed.joined(separator: ", ")))",
          subcommand: "sweep")
      }
      count = lengths.first ?? 1
    } else {
      var product = 1
      for parameter in parameters {
        let (next, overflow) = product.multipliedReportingOverflow(by: parameter.values.count)
        guard !overflow else {
          throw .usage(
            "the --set lists give more points than fit a 64-bit integer", subcommand: "sweep")
        }
        product = next
      }
      count = product
    }
  }

  /// The index into each parameter's list for point `point`.
  ///
  /// - Precondition: `0 <= point < count`.
  func valueIndices(at point: Int) -> [Int] {
    precondition((0..<count).contains(point), "point \(point) is not in 0..<\(count)")
    if isZipped { return Array(repeating: point, count: parameters.count) }
    var indices = [Int](repeating: 0, count: parameters.count)
    var rest = point
    for position in parameters.indices.reversed() {
      let radix = parameters[position].values.count
      indices[position] = rest % radix
      rest /= radix
    }
    return indices
  }

  /// The value of each parameter at point `point`, in `--set` order.
  func values(at point: Int) -> [SweepValue] {
    zip(parameters, valueIndices(at: point)).map { $0.values[$1] }
  }
}

/// `--shard i/n`: the i-th of n contiguous, disjoint slices of a sweep's points, 1-based.
///
/// Shard i of n runs points `⌊(i−1)·P/n⌋ ..< ⌊i·P/n⌋` of P, so the shards' outputs, taken in
/// order with the header kept once, are exactly the rows of the whole sweep. Shards differ in
/// size by at most one point; with n > P some are empty (a header alone).
struct SweepShard: Sendable, Equatable {
  /// 1...count.
  var index: Int
  var count: Int

  /// Parses `i/n` with 1 ≤ i ≤ n.
  ///
  /// - Throws: ``CLIError`` (usage) naming what is wrong (`3/2`, `0/4`, `0/0`, `a/b`).
  init(parsing text: String) throws(CLIError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
      throw .usage(
        "option '--shard': '\(text)' is not i/n (e.g. 3/8: the third of eight shards, counted from 1)",
        subcommand: "sweep")
    }
    guard count >= 1 else {
      throw .usage(
        "option '--shard': '\(text)': the shard count must be at least 1", subcommand: "sweep")
    }
    guard (1...count).contains(index) else {
      throw .usage(
        "option '--shard': '\(text)': the shard number must be in 1...\(count) (shards are counted from 1)",
        subcommand: "sweep")
    }
    self.index = index
    self.count = count
  }

  /// The points of this shard among `total`.
  func points(of total: Int) -> Range<Int> {
    func boundary(_ shard: Int) -> Int {
      // ⌊shard·total/count⌋ without overflow.
      let (high, low) = shard.multipliedFullWidth(by: total)
      return count.dividingFullWidth((high, low)).quotient
    }
    return boundary(index - 1)..<boundary(index)
  }
}
