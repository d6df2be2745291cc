/// An INI file read the way Python's `configparser` (default settings) reads it, which is how
/// SCALE-Sim reads its `.cfg` files.
///
/// - `[section]` headers; section names are case-sensitive.
/// - `key = value` or `key : value`, split at the first `=` or `:`; keys are lowercased
///   (case-insensitive), keys and values trimmed.
/// - Whole-line comments start with `#` or `;` (possibly indented); there are no inline
///   comments, so `ArrayHeight: 32 # rows` has the value `32 # rows`.
/// - A line indented deeper than its key continues the value (joined with a newline).
/// - A key before any section, a line that is not a header, key or comment, and a section or
///   key given twice are errors (configparser's strict mode).
/// - `[DEFAULT]` keys are visible in every section.
public struct INIFile: Hashable, Sendable {
  /// One `key = value` entry.
  public struct Entry: Hashable, Sendable {
    /// The key as written (before lowercasing), for messages.
    public var key: String
    public var value: String
    /// 1-based line of the key.
    public var line: Int
  }

  /// Section name → lowercased key → entry.
  public private(set) var sections: [String: [String: Entry]] = [:]
  /// 1-based line of each section header.
  public private(set) var sectionLines: [String: Int] = [:]

  /// Parses INI text.
  ///
  /// - Throws: ``ScaleSimConfigError`` naming the file, the line and what is wrong.
  public init(text: String, file: String) throws(ScaleSimConfigError) {
    var section: String?
    var lastKey: (section: String, key: String, indent: Int)?
    var number = 0
    // "\r\n" is one Character, so split on both forms of line end.
    for raw in text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    {
      number += 1
      var line = Substring(raw)
      if line.last == "\r" { line = line.dropLast() }  // a lone CR before LF-less end
      let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
      let content = line.trimmingINISpaces()
      if content.isEmpty {
        lastKey = nil
        continue
      }
      if content.first == "#" || content.first == ";" { continue }
      if let previous = lastKey, indent > previous.indent {
        sections[previous.section]?[previous.key]?.value += "\n" + content
        continue
      }
      if content.first == "[", content.last == "]", content.count >= 3 {
        let name = String(content.dropFirst().dropLast())
        if let first = sectionLines[name] {
          throw ScaleSimConfigError(
            file: file, line: number,
            message: "section [\(name)] appears twice (first on line \(first))")
        }
        sectionLines[name] = number
        sections[name] = [:]
        section = name
        lastKey = nil
        continue
      }
      guard let section else {
        throw ScaleSimConfigError(
          file: file, line: number,
          message: "'\(content)' comes before any [section] header")
      }
      guard let delimiter = content.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
        throw ScaleSimConfigError(
          file: file, line: number,
          message:
            "'\(content)' is not a [section] header, a 'key = value' or 'key : value' line, or a comment"
        )
      }
      let key = String(content[..<delimiter].trimmingINISpaces())
      let value = String(content[content.index(after: delimiter)...].trimmingINISpaces())
      guard !key.isEmpty else {
        throw ScaleSimConfigError(
          file: file, line: number,
          message: "'\(content)' has no key before '\(content[delimiter])'")
      }
      let folded = key.lowercased()
      if let first = sections[section]?[folded] {
        throw ScaleSimConfigError(
          file: file, line: number, key: key,
          message: "appears twice in [\(section)] (first on line \(first.line))")
      }
      sections[section, default: [:]][folded] = Entry(key: key, value: value, line: number)
      lastKey = (section, folded, indent)
    }
  }

  /// The entry of `key` (any case) in `section`, falling back to `[DEFAULT]`.
  public func entry(_ key: String, in section: String) -> Entry? {
    let folded = key.lowercased()
    return sections[section]?[folded] ?? sections["DEFAULT"]?[folded]
  }
}

extension Substring {
  /// Without leading and trailing spaces and tabs.
  fileprivate func trimmingINISpaces() -> Substring {
    var text = self
    while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
    while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
    return text
  }
}
