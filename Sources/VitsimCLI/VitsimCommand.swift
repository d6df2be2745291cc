/// The `vitsim` command line: dispatch to subcommands, help, version and error reporting.
///
/// Three phases per subcommand: parse into ``ParsedArguments``, validate, run. `run` returns the
/// exit code; only the executable's `main` exits.
public enum VitsimCommand {
  public static let version = "0.1.0"

  static let subcommands: [Subcommand] = [
    ModelsCommand.subcommand,
    TraceCommand.subcommand,
    SimulateCommand.subcommand,
    SweepCommand.subcommand,
    VerifyCommand.subcommand,
    PlotCommand.subcommand,
    DumpConfigCommand.subcommand,
  ]

  static let overview = """
    OVERVIEW: vitsim simulates quantized, 2:4-sparse Vision Transformers on a described \
    systolic-array accelerator: cycles, memory traffic and energy, layer by layer.
    """

  static var helpText: String {
    var text = overview + "\n\nUSAGE: vitsim <subcommand> [options]\n\nOPTIONS:\n"
    text += CommandSpec.row("--version", "Show the version.")
    text += CommandSpec.row("-h, --help", "Show help information.")
    text += "\nSUBCOMMANDS:\n"
    for command in subcommands {
      text += CommandSpec.row(command.spec.name, command.spec.abstract)
    }
    text += CommandSpec.row("help", "Show help for a subcommand.")
    text += "\n  See 'vitsim help <subcommand>' for detailed help.\n"
    return text
  }

  /// Runs the command line with the process's standard streams; returns the exit status.
  public static func main(arguments: [String]) -> Int32 {
    run(arguments, console: .standard).rawValue
  }

  /// Runs the command line, writing to `console`; returns the exit code.
  public static func run(_ arguments: [String], console: Console) -> ExitCode {
    do {
      return try dispatch(arguments, console: console)
    } catch {
      report(error, console: console)
      return error.code
    }
  }

  private static func dispatch(_ arguments: [String], console: Console) throws(CLIError) -> ExitCode
  {
    guard let first = arguments.first else {
      console.out(helpText)
      return .success
    }
    switch first {
    case "-h", "--help":
      console.out(helpText)
      return .success
    case "--version":
      console.out("vitsim \(version)\n")
      return .success
    case "help":
      return try help(Array(arguments.dropFirst()), console: console)
    default:
      break
    }
    guard let command = subcommands.first(where: { $0.spec.name == first }) else {
      let names = subcommands.map(\.spec.name) + ["help"]
      let hint = Suggestions.hint(for: first, in: names)
      if first.hasPrefix("-") {
        throw .usage("unknown option '\(first)'\(hint)", subcommand: nil)
      }
      throw .usage("unknown subcommand '\(first)'\(hint)", subcommand: nil)
    }
    let parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: command.spec)
    if parsed.wantsHelp {
      console.out(command.spec.helpText)
      return .success
    }
    return try command.run(parsed, console)
  }

  private static func help(_ arguments: [String], console: Console) throws(CLIError) -> ExitCode {
    guard let name = arguments.first else {
      console.out(helpText)
      return .success
    }
    guard let command = subcommands.first(where: { $0.spec.name == name }) else {
      let hint = Suggestions.hint(for: name, in: subcommands.map(\.spec.name))
      throw .usage("unknown subcommand '\(name)'\(hint)", subcommand: nil)
    }
    console.out(command.spec.helpText)
    return .success
  }

  /// `Error: …` on one line; for usage errors the usage and a `--help` hint follow.
  static func report(_ error: CLIError, console: Console) {
    var text = "Error: \(error.message)\n"
    if error.code == .usage {
      if let name = error.subcommand,
        let command = subcommands.first(where: { $0.spec.name == name })
      {
        text +=
          "Usage: \(command.spec.usage)\n  See 'vitsim \(name) --help' for more information.\n"
      } else {
        text +=
          "Usage: vitsim <subcommand> [options]\n  See 'vitsim --help' for more information.\n"
      }
    }
    console.err(text)
  }
}
