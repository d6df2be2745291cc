import LayerTrace

/// "Did you mean" support: the candidate nearest to a misspelt word.
enum Suggestions {
  /// The candidate with the smallest edit distance to `word`, if it is close enough to be a
  /// plausible typo (LayerTrace's ``closestCandidate(to:in:)``: up to a third of the word's
  /// length in edits, at least 1, at most 3; case-insensitive).
  static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
    closestCandidate(to: word, in: candidates)
  }

  /// ` (did you mean 'x'?)`, or the empty string.
  static func hint(for word: String, in candidates: some Sequence<String>) -> String {
    guard let near = nearest(to: word, in: candidates) else { return "" }
    return " (did you mean '\(near)'?)"
  }
}
