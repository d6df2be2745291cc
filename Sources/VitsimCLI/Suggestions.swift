/// "Did you mean" support: the candidate nearest to a misspelt word.
enum Suggestions {
  /// The candidate with the smallest edit distance to `word`, if it is close enough to be a
  /// plausible typo (at most a third of the word's length, and at least 1 edit allowed... up to 3).
  static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
    let limit = max(1, min(3, word.count / 3 + 1))
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(word.lowercased(), candidate.lowercased())
      if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
  }

  /// ` (did you mean 'x'?)`, or the empty string.
  static func hint(for word: String, in candidates: some Sequence<String>) -> String {
    guard let near = nearest(to: word, in: candidates) else { return "" }
    return " (did you mean '\(near)'?)"
  }

  /// Levenshtein distance between two strings, by Unicode scalars.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }
}
