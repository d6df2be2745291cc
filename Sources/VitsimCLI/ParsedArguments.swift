/// A command line split into positionals, option values and flags, checked against a
/// ``CommandSpec``; typed accessors turn values into numbers with usage errors.
struct ParsedArguments: Sendable {
  var command: String
  var positionals: [String] = []
  var values: [String: [String]] = [:]
  var flags: Set<String> = []
  var wantsHelp = false

  /// Parses `arguments` (the words after the subcommand name).
  ///
  /// Accepts `--name value`, `--name=value`, flags, `-h`/`--help` anywhere and `--` to end
  /// options. An unknown option gets a "did you mean".
  init(_ arguments: [String], spec: CommandSpec) throws(CLIError) {
    command = spec.name
    let byName = Dictionary(spec.options.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let word = arguments[index]
      index += 1
      if optionsEnded || !word.hasPrefix("-") || word == "-" {
        positionals.append(word)
        continue
      }
      if word == "--" {
        optionsEnded = true
        continue
      }
      if word == "-h" || word == "--help" {
        wantsHelp = true
        continue
      }
      guard word.hasPrefix("--") else {
        throw .usage("unknown option '\(word)'", subcommand: spec.name)
      }
      var name = String(word.dropFirst(2))
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      guard let option = byName[name] else {
        let hint =
          Suggestions.nearest(to: name, in: spec.options.map(\.name))
          .map { " (did you mean '--\($0)'?)" } ?? ""
        throw .usage("unknown option '--\(name)'\(hint)", subcommand: spec.name)
      }
      if option.valueName == nil {
        guard inlineValue == nil else {
          throw .usage("option '--\(name)' takes no value", subcommand: spec.name)
        }
        flags.insert(name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else {
        guard index < arguments.count, !arguments[index].hasPrefix("--") else {
          throw .usage(
            "option '--\(name)' needs a value <\(option.valueName ?? "value")>",
            subcommand: spec.name)
        }
        value = arguments[index]
        index += 1
      }
      if !option.isRepeatable, values[name] != nil {
        throw .usage("option '--\(name)' is given more than once", subcommand: spec.name)
      }
      values[name, default: []].append(value)
    }
    if !wantsHelp {
      let required = spec.arguments.filter { !$0.isOptional }.count
      if positionals.count < required {
        let missing = spec.arguments[positionals.count]
        throw .usage("missing argument <\(missing.name)>", subcommand: spec.name)
      }
      if positionals.count > spec.arguments.count {
        throw .usage(
          "unexpected argument '\(positionals[spec.arguments.count])'", subcommand: spec.name)
      }
    }
  }

  /// The value of a single-valued option.
  func value(_ name: String) -> String? { values[name]?.last }

  /// All values of a repeatable option, in order.
  func allValues(_ name: String) -> [String] { values[name] ?? [] }

  func flag(_ name: String) -> Bool { flags.contains(name) }

  /// The value of `--name` as an integer in `range`, or nil when the option is absent.
  func integer(_ name: String, in range: ClosedRange<Int>) throws(CLIError) -> Int? {
    guard let text = value(name) else { return nil }
    guard let number = Int(text), range.contains(number) else {
      throw .usage(
        "option '--\(name)': '\(text)' is not an integer in \(range.lowerBound)...\(range.upperBound)",
        subcommand: command)
    }
    return number
  }
}
