import Foundation

// MARK: Recipe files
//
// A recipe file is one JSON object:
//
//     {
//       "name": "W4A8-mine",
//       "description": "optional free text",
//       "base": "W4A8",
//       "overrides": [
//         {"match": "patch_embed.*", "weight_bits": 8, "sparsity": "dense"},
//         {"match": "kind:matmul", "act_bits": 8, "weight_bits": 8},
//         {"match": "kind:softmax", "out_bits": 8},
//         {"match": "head", "weight_bits": 8, "optional": true}
//       ]
//     }
//
// - `name` (required): the label written to the trace's `quant` column; letters, digits, `.`,
//   `_`, `-`, and not a name `QuantizationRecipe.named(_:)` already resolves (so a label
//   always means one recipe).
// - `base` (required): a built-in or `W<w>A<a>[-fp16nonlinear]`; the file's recipe starts
//   from its bits and its overrides, then appends its own.
// - `overrides` (optional): each has `match` (a selector: `kind:K`, `first:K`, `last:K` or a
//   name glob), at least one of `weight_bits`, `act_bits`, `out_bits` (integers in 1...16)
//   and `sparsity` (`dense` or `N:M`), and optionally `optional` (true: matching no record is
//   not an error).
//
// Unknown keys are errors (a typo must not silently do nothing), and every problem is
// reported with its JSON path, e.g. `overrides[1].weight_bits: 0 is not in 1...16`.

extension QuantizationRecipe {
  /// Reads a recipe from the JSON text of a recipe file (format above).
  ///
  /// - Parameters:
  ///   - json: the file's text.
  ///   - file: the path (or a label) used in error messages.
  /// - Throws: ``RecipeError`` with source `file` and every problem found: invalid JSON,
  ///   unknown or missing keys, wrong types, widths outside `1...16`, bad selectors or
  ///   sparsity patterns, an unknown base.
  public init(json: String, file: String) throws(RecipeError) {
    let root: JSONValue
    do {
      root = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    } catch {
      throw RecipeError(
        source: file, problems: [.init(message: "is not valid JSON: \(Self.syntaxReason(json))")])
    }
    var problems: [RecipeError.Problem] = []
    func fail(_ path: String?, _ message: String) {
      problems.append(.init(path: path, message: message))
    }

    guard case .object(let top) = root else {
      throw RecipeError(
        source: file,
        problems: [
          .init(message: "is \(root.typeName); expected a JSON object with 'name' and 'base'")
        ])
    }
    Self.rejectUnknownKeys(
      top, allowed: ["name", "description", "base", "overrides"], at: nil, fail)

    var name: String?
    switch top["name"] {
    case nil: fail(nil, "'name' is missing; expected a recipe name such as \"W4A8-mine\"")
    case .string(let text)?:
      if !Self.isValidName(text) {
        fail(
          "name",
          "\(JSONValue.string(text)) is not a recipe name; expected 1 to 64 letters, digits, '.', '_' or '-'"
        )
      } else if Self.named(text) != nil {
        fail(
          "name",
          "\"\(text)\" is a built-in recipe name; choose another so the trace's quant label means one recipe"
        )
      } else {
        name = text
      }
    case let value?: fail("name", "\(value) is not a string")
    }

    switch top["description"] {
    case nil, .string?: break
    case let value?: fail("description", "\(value) is not a string")
    }

    var base: QuantizationRecipe?
    switch top["base"] {
    case nil: fail(nil, "'base' is missing; expected a recipe such as \"W4A8\"")
    case .string(let text)?:
      base = Self.named(text)
      if base == nil {
        let hint = Self.closestName(to: text).map { " (did you mean '\($0)'?)" } ?? ""
        fail(
          "base",
          "\"\(text)\" is not a recipe\(hint); expected one of \(Self.builtInNames.joined(separator: ", ")) or W<w>A<a>[-fp16nonlinear] with widths in \(Self.bitRange)"
        )
      }
    case let value?: fail("base", "\(value) is not a string")
    }

    var overrides: [Override] = []
    switch top["overrides"] {
    case nil: break
    case .array(let items)?:
      for (position, item) in items.enumerated() {
        if let override = Self.override(item, at: "overrides[\(position)]", fail) {
          overrides.append(override)
        }
      }
    case let value?: fail("overrides", "\(value) is not an array of overrides")
    }

    guard problems.isEmpty, let name, let base else {
      throw RecipeError(source: file, problems: problems)
    }
    self.init(
      name: name, weightBits: base.weightBits, actBits: base.actBits,
      nonlinearBits: base.nonlinearBits, overrides: base.overrides + overrides)
  }

  /// One override object, or nil after reporting its problems.
  private static func override(
    _ item: JSONValue, at path: String, _ fail: (String?, String) -> Void
  ) -> Override? {
    guard case .object(let fields) = item else {
      fail(path, "\(item) is not an object; expected {\"match\": ..., \"weight_bits\": ...}")
      return nil
    }
    var ok = true
    func bad(_ key: String, _ message: String) {
      fail("\(path).\(key)", message)
      ok = false
    }
    let keys = ["match", "weight_bits", "act_bits", "out_bits", "sparsity", "optional"]
    rejectUnknownKeys(fields, allowed: Set(keys), at: path) { path, message in
      fail(path, message)
      ok = false
    }

    var selector: Selector?
    switch fields["match"] {
    case nil:
      fail(
        path,
        "'match' is missing; expected a name pattern such as \"blocks.*.mlp.fc1\" or \"kind:matmul\""
      )
      ok = false
    case .string(let text)?:
      do throws(SelectorError) {
        selector = try Selector(parsing: text)
      } catch {
        bad("match", error.message)
      }
    case let value?: bad("match", "\(value) is not a string")
    }

    func bits(_ key: String) -> Int? {
      guard let value = fields[key] else { return nil }
      guard case .integer(let number) = value else {
        bad(key, "\(value) is not an integer in \(bitRange)")
        return nil
      }
      guard bitRange.contains(number) else {
        bad(key, "\(number) is not in \(bitRange)")
        return nil
      }
      return number
    }
    let weightBits = bits("weight_bits")
    let actBits = bits("act_bits")
    let outBits = bits("out_bits")

    var sparsity: Sparsity?
    if let value = fields["sparsity"] {
      if case .string(let text) = value, let pattern = Sparsity(parsing: text) {
        sparsity = pattern
      } else {
        bad(
          "sparsity",
          "\(value) is not a sparsity; expected \"dense\" or \"N:M\" with 1 ≤ N ≤ M ≤ \(Sparsity.maxGroup) (e.g. \"2:4\")"
        )
      }
    }

    var isOptional = false
    if let value = fields["optional"] {
      if case .bool(let flag) = value {
        isOptional = flag
      } else {
        bad("optional", "\(value) is not true or false")
      }
    }

    if ok, weightBits == nil, actBits == nil, outBits == nil, sparsity == nil {
      fail(path, "sets nothing; expected at least one of weight_bits, act_bits, out_bits, sparsity")
      return nil
    }
    guard ok, let selector else { return nil }
    return Override(
      selector, weightBits: weightBits, actBits: actBits, outBits: outBits, sparsity: sparsity,
      isOptional: isOptional)
  }

  /// Reports every key of `object` outside `allowed` (sorted), with a "did you mean".
  private static func rejectUnknownKeys(
    _ object: [String: JSONValue], allowed: Set<String>, at path: String?,
    _ fail: (String?, String) -> Void
  ) {
    for key in object.keys.sorted() where !allowed.contains(key) {
      let hint =
        closestCandidate(to: key, in: allowed.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
      fail(
        path.map { "\($0).\(key)" } ?? key,
        "unknown key\(hint); expected \(allowed.sorted().joined(separator: ", "))")
    }
  }

  /// Why `json` is not valid JSON: JSONSerialization's parser message ("Invalid value around
  /// character 26."), with the character offset turned into a line and column.
  private static func syntaxReason(_ json: String) -> String {
    do {
      _ = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
    } catch {
      let detail =
        (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        ?? "the data is not in the correct format"
      let marker = "around character "
      guard let range = detail.range(of: marker) else { return detail }
      let digits = detail[range.upperBound...].prefix(while: \.isNumber)
      guard let offset = Int(digits) else { return detail }
      var line = 1
      var column = 1
      for (index, byte) in json.utf8.enumerated() where index < offset {
        if byte == 0x0A {
          line += 1
          column = 1
        } else if byte & 0xC0 != 0x80 {
          column += 1
        }
      }
      return detail[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        + " at line \(line), column \(column)"
    }
    return "the data is not in the correct format"
  }
}

/// Any JSON value, decoded without losing the distinction between integers, other numbers and
/// booleans, so a recipe's problems can name the offending value exactly.
private enum JSONValue: Decodable, CustomStringConvertible {
  case null
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  /// The value as JSON-like text, short enough for a message.
  var description: String {
    switch self {
    case .null: "null"
    case .bool(let value): String(value)
    case .integer(let value): String(value)
    case .number(let value): String(value)
    case .string(let value): "\"\(value)\""
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// "an array", "a string", ...
  var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .integer, .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
