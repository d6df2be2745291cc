import Hardware

/// One `--set PATH=LIST` of a sweep: a value of the chip config, its CSV column and the values
/// it takes.
///
/// The path is dotted as in the chip's JSON (`array.rows`, `memory.weight.bytes`; array
/// elements by index) and must name a scalar the config holds (see `vitsim dump-config`); the
/// list's items get that value's type (``SweepValueType``). The column is the path with dots
/// turned into underscores: `array_rows`, `memory_weight_bytes`.
struct SweepParameter: Sendable, Equatable {
  var path: String
  var column: String
  var values: [SweepValue]

  init(path: String, values: [SweepValue]) {
    self.path = path
    self.column = path.replacingDots()
    self.values = values
  }

  /// Parses `PATH=LIST` against the base chip's config tree.
  ///
  /// - Throws: ``CLIError`` (usage): no `=`, a path the config does not hold (with the nearest
  ///   sibling key), a path to an object or array, or a list that
  ///   ``SweepValueList/parse(_:as:path:)`` rejects.
  static func parse(_ argument: String, config: JSONValue) throws(CLIError) -> SweepParameter {
    guard let equals = argument.firstIndex(of: "=") else {
      throw .usage(
        "option '--set': '\(argument)' is not PATH=LIST (e.g. array.rows=16,32,64)",
        subcommand: "sweep")
    }
    let path = String(argument[..<equals])
    let list = String(argument[argument.index(after: equals)...])
    let current = try value(at: path, in: config)
    guard let type = SweepValueType(of: current) else {
      let keys = current.objectValue.map { Array($0.keys).sorted() } ?? []
      let hint = keys.first.map { " such as '\(path).\($0)'" } ?? ""
      throw .usage(
        "option '--set': \(path) is \(current.kindName) in the chip config; --set needs a path to one value\(hint)",
        subcommand: "sweep")
    }
    return SweepParameter(
      path: path, values: try SweepValueList.parse(list, as: type, path: path))
  }

  /// The config value at `path`, or a usage error naming the first key that is not there with
  /// the nearest key beside it.
  static func value(at path: String, in config: JSONValue) throws(CLIError) -> JSONValue {
    func fail(_ message: String) -> CLIError {
      .usage("option '--set': \(message)", subcommand: "sweep")
    }
    guard !path.isEmpty else { throw fail("the path is empty; expected e.g. array.rows=16,32") }
    let keys = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    var current = config
    for (depth, key) in keys.enumerated() {
      let parent = keys[..<depth].joined(separator: ".")
      let place = parent.isEmpty ? "at the top" : "under '\(parent)'"
      switch current {
      case .object(let members):
        if let next = members[key] {
          current = next
          continue
        }
        let siblings = members.keys.sorted()
        let hint = Suggestions.nearest(to: key, in: siblings).map {
          " (did you mean '\((keys[..<depth] + [$0]).joined(separator: "."))'?)"
        }
        throw fail(
          "'\(path)' is not in the chip config\(hint ?? ""); the keys \(place) are \(siblings.joined(separator: ", "))"
        )
      case .array(let elements):
        guard let index = Int(key), elements.indices.contains(index) else {
          throw fail(
            "'\(path)': '\(parent)' is an array of \(elements.count); '\(key)' is not an index in 0..<\(elements.count)"
          )
        }
        current = elements[index]
      default:
        throw fail("'\(path)': '\(parent)' is \(current.kindName), not an object")
      }
    }
    return current
  }
}

extension String {
  /// The string with `.` (and `-`) replaced by `_`: a JSON path as a CSV column name.
  fileprivate func replacingDots() -> String {
    String(map { $0 == "." || $0 == "-" ? "_" : $0 })
  }
}
