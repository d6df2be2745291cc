/// Splits CSV text into numbered lines of comma-separated fields.
///
/// vitsim's CSV dialect is deliberately plain: no quoting (names never contain commas), `\n` or
/// `\r\n` line ends, surrounding spaces trimmed from each field, blank lines skipped (as pandas
/// does). Reports both of vitsim and SCALE-Sim fit it.
public struct CSVLines: Sequence, Sendable {
  public struct Line: Sendable {
    /// 1-based line number in the text.
    public var number: Int
    public var fields: [String]
  }

  private let lines: [Line]

  public init(_ text: String) {
    var result: [Line] = []
    var number = 0
    // Split on the byte 0x0A: Swift's `Character` treats "\r\n" as one grapheme, so splitting
    // characters on "\n" would miss CRLF line ends.
    for raw in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      number += 1
      var line = Substring(raw)
      if line.last == "\r" { line = line.dropLast() }
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
        String($0.trimmingSpaces())
      }
      result.append(Line(number: number, fields: fields))
    }
    lines = result
  }

  public func makeIterator() -> IndexingIterator<[Line]> { lines.makeIterator() }
}

extension Substring {
  /// The substring without leading and trailing spaces and tabs.
  func trimmingSpaces() -> Substring {
    var s = self
    while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
    while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
    return s
  }
}
