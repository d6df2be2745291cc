/// One thing wrong with a chip config: where (a dotted JSON path, or a line and column for
/// text that is not JSON) and what, including the bad value and what is accepted.
public struct ChipProblem: Hashable, Sendable, CustomStringConvertible {
  /// Dotted JSON path of the value (`array.rows`); empty for the document as a whole.
  public var path: String
  /// The value and what was expected: `0 is not in 1...65536`.
  public var message: String
  /// 1-based line and column, for syntax errors.
  public var line: Int?
  public var column: Int?

  public init(path: String, message: String, line: Int? = nil, column: Int? = nil) {
    self.path = path
    self.message = message
    self.line = line
    self.column = column
  }

  /// `path: message`, or `line L, column C: message`.
  public var description: String {
    if let line, let column { return "line \(line), column \(column): \(message)" }
    return path.isEmpty ? message : "\(path): \(message)"
  }
}

/// A chip config that cannot be used: every problem found, each printable as one line.
public struct ChipError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file (or label) the config came from.
  public var file: String
  /// All problems, in document order; never empty.
  public var problems: [ChipProblem]

  public init(file: String, problems: [ChipProblem]) {
    precondition(!problems.isEmpty, "a ChipError needs at least one problem")
    self.file = file
    self.problems = problems
  }

  /// One line per problem: `FILE: path: message`, or `FILE:LINE:COLUMN: message` for syntax
  /// errors.
  public var lines: [String] {
    problems.map { problem in
      if let line = problem.line, let column = problem.column {
        return "\(file):\(line):\(column): \(problem.message)"
      }
      return "\(file): \(problem)"
    }
  }

  public var description: String { lines.joined(separator: "\n") }
}
