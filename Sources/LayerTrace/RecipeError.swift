/// Everything wrong with a recipe file, or with applying a recipe to a trace: each problem
/// with its JSON path (when it has one) and a sentence naming the value and what was expected.
///
/// Printed one problem per line as `source: path: message`, e.g.
/// `w4.json: overrides[1].weight_bits: 0 is not in 1...16` or
/// `recipe mine: override 'pach_embed.*' matches no op (did you mean 'patch_embed.*'?)`.
public struct RecipeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// One problem: where in the recipe (a JSON path such as `overrides[1].weight_bits`, nil for
  /// the whole recipe) and what is wrong.
  public struct Problem: Hashable, Sendable, CustomStringConvertible {
    public var path: String?
    public var message: String

    public init(path: String? = nil, message: String) {
      self.path = path
      self.message = message
    }

    /// `path: message`, or the message alone.
    public var description: String { path.map { "\($0): \(message)" } ?? message }
  }

  /// The recipe file's path (or a caller-chosen label), or `recipe NAME` when applying.
  public var source: String
  /// At least one problem, in the order found.
  public var problems: [Problem]

  public init(source: String, problems: [Problem]) {
    precondition(!problems.isEmpty, "a RecipeError needs at least one problem")
    self.source = source
    self.problems = problems
  }

  /// One line per problem: `source: path: message`.
  public var description: String {
    problems.map { "\(source): \($0)" }.joined(separator: "\n")
  }
}
