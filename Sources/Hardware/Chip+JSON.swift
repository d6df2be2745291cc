extension Chip {
  /// Reads a chip from JSON text: parse, fill defaults, reject unknown keys, validate.
  ///
  /// - Parameters:
  ///   - jsonText: the config text.
  ///   - file: a label for messages (the path, or the example's name).
  ///   - defaultName: the `name` to use when the text has none (the file's base name);
  ///     ``Chip/default``'s name when nil.
  /// - Throws: ``ChipError`` with the syntax error (line and column), or the first value of the
  ///   wrong type, or every unknown key and every out-of-range value at once.
  public init(jsonText: String, file: String, defaultName: String? = nil) throws(ChipError) {
    let json: JSONValue
    do {
      json = try JSONValue(parsing: jsonText)
    } catch {
      throw ChipError(
        file: file,
        problems: [
          ChipProblem(path: "", message: error.message, line: error.line, column: error.column)
        ])
    }
    try self.init(json: json, file: file, defaultName: defaultName)
  }

  /// Reads a chip from a JSON tree; see ``init(jsonText:file:defaultName:)``.
  public init(json: JSONValue, file: String, defaultName: String? = nil) throws(ChipError) {
    guard case .object(var members) = json else {
      throw ChipError(
        file: file,
        problems: [
          ChipProblem(
            path: "",
            message:
              "the document is \(json.kindName); expected an object with \"version\", \"name\" and \"array\""
          )
        ])
    }
    if let version = members["version"], version != .integer(Chip.formatVersion),
      case .integer(let number) = version
    {
      // A file of another format version is not read key by key: its keys may mean other things.
      throw ChipError(
        file: file,
        problems: [
          ChipProblem(
            path: "version",
            message:
              "\(number) is not in \(Chip.formatVersion)...\(Chip.formatVersion) (this vitsim reads chip format version \(Chip.formatVersion))"
          )
        ])
    }
    if members["name"] == nil, let defaultName { members["name"] = .string(defaultName) }
    let decoded: (value: Chip, unknownKeys: [JSONValueDecoder.UnknownKey])
    do {
      decoded = try JSONValueDecoder().decode(Chip.self, from: .object(members))
    } catch {
      throw ChipError(file: file, problems: [ChipProblem(path: error.path, message: error.message)])
    }
    var problems = decoded.unknownKeys.map { unknown in
      let hint = unknown.suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
      return ChipProblem(
        path: unknown.path,
        message:
          "is not a known key\(hint); expected one of \(unknown.knownKeys.joined(separator: ", "))")
    }
    problems += decoded.value.problems()
    guard problems.isEmpty else { throw ChipError(file: file, problems: problems) }
    self = decoded.value
  }

  /// The chip as a JSON tree with every key present (defaults filled): what
  /// `vitsim dump-config` prints with ``JSONValue/prettyText``.
  public var json: JSONValue {
    do {
      return try JSONValueEncoder().encode(self)
    } catch {
      // Only non-finite doubles fail, and validation rejects those; a chip built in code with
      // one breaks this invariant.
      preconditionFailure("Chip \(name) cannot be written as JSON: \(error)")
    }
  }

  /// A copy with one value replaced by its dotted JSON path (`array.rows`), re-validated like a
  /// file.
  ///
  /// Sweeps use this to vary any key without knowing the structs. Setting
  /// `energy.technology_nm` goes through ``retargeted(toNanometres:file:)``.
  ///
  /// - Throws: ``ChipError`` (labelled `file`) for a path that leads through a scalar, an
  ///   unknown key, or a value of the wrong type or out of range.
  public func setting(_ value: JSONValue, at path: String, file: String = "<sweep>")
    throws(ChipError) -> Chip
  {
    // A new node rescales the energy and area entries that were the old node's defaults.
    guard let edited = Chip.setting(value, at: path, in: json) else {
      throw ChipError(
        file: file,
        problems: [ChipProblem(path: path, message: "does not name a value in the chip config")])
    }
    return try Chip(json: edited, file: file)
  }
}
