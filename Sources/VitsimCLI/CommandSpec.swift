/// The declared interface of one subcommand: what `--help` prints and what the parser accepts.
struct CommandSpec: Sendable {
  struct Argument: Sendable {
    var name: String
    var help: String
    var isOptional = false
  }

  struct Option: Sendable {
    /// The long name without dashes, kebab-case.
    var name: String
    /// The value placeholder (`<n>`); nil for a flag.
    var valueName: String?
    var help: String
    /// Whether the option may be given more than once.
    var isRepeatable = false
  }

  var name: String
  var abstract: String
  var discussion: String = ""
  var arguments: [Argument] = []
  var options: [Option] = []

  /// One usage line: `vitsim trace <model> [--image-size <n>] ...`.
  var usage: String {
    var parts = ["vitsim", name]
    for argument in arguments {
      parts.append(argument.isOptional ? "[<\(argument.name)>]" : "<\(argument.name)>")
    }
    for option in options {
      if let valueName = option.valueName {
        parts.append("[--\(option.name) <\(valueName)>]\(option.isRepeatable ? " ..." : "")")
      } else {
        parts.append("[--\(option.name)]")
      }
    }
    return parts.joined(separator: " ")
  }

  /// The full help text: OVERVIEW, USAGE, ARGUMENTS, OPTIONS.
  var helpText: String {
    var text = "OVERVIEW: \(abstract)\n"
    if !discussion.isEmpty { text += "\n\(discussion)\n" }
    text += "\nUSAGE: \(usage)\n"
    if !arguments.isEmpty {
      text += "\nARGUMENTS:\n"
      for argument in arguments {
        text += Self.row("<\(argument.name)>", argument.help)
      }
    }
    text += "\nOPTIONS:\n"
    for option in options {
      let head = "--\(option.name)" + (option.valueName.map { " <\($0)>" } ?? "")
      text += Self.row(head, option.help)
    }
    text += Self.row("-h, --help", "Show help information.")
    return text
  }

  /// A two-column help row; the help text wraps under itself.
  static func row(_ head: String, _ help: String) -> String {
    let indent = 26
    var text = "  " + head
    let helpLines = help.split(separator: "\n", omittingEmptySubsequences: false)
    for (number, line) in helpLines.enumerated() {
      if number == 0 {
        if text.count + 1 >= indent {
          text += "\n" + String(repeating: " ", count: indent)
        } else {
          text += String(repeating: " ", count: indent - text.count)
        }
      } else {
        text += "\n" + String(repeating: " ", count: indent)
      }
      text += line
    }
    return text + "\n"
  }
}
