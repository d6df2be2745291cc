/// A user-facing error: one line of text and the exit code it maps to.
public struct CLIError: Error, Sendable, CustomStringConvertible {
  public var code: ExitCode
  public var message: String
  /// The subcommand whose usage and `--help` hint follow a usage error.
  public var subcommand: String?

  public init(_ code: ExitCode, _ message: String, subcommand: String? = nil) {
    self.code = code
    self.message = message
    self.subcommand = subcommand
  }

  public static func usage(_ message: String, subcommand: String?) -> CLIError {
    CLIError(.usage, message, subcommand: subcommand)
  }

  public var description: String { message }
}
