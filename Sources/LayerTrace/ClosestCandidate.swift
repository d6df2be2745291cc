/// The candidate nearest to a misspelt `word` by edit distance, if it is a plausible typo: at
/// most `max(1, min(3, word.count / 3 + 1))` edits (case-insensitive). Ties go to the first.
///
/// The "did you mean" of recipe names, selectors and override patterns. O(candidates ·
/// word length · candidate length).
public func closestCandidate(to word: String, in candidates: some Sequence<String>) -> String? {
  let limit = max(1, min(3, word.count / 3 + 1))
  let target = Array(word.lowercased().unicodeScalars)
  var best: (candidate: String, distance: Int)?
  for candidate in candidates {
    let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
    if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
  }
  return best?.candidate
}

/// Levenshtein distance between two scalar sequences. O(x · y) time, O(y) space.
func editDistance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar]) -> Int {
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
