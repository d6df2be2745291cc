/// A subcommand: its interface and what it does once its arguments are parsed.
struct Subcommand: Sendable {
  var spec: CommandSpec
  var run: @Sendable (ParsedArguments, Console) throws(CLIError) -> ExitCode
}
