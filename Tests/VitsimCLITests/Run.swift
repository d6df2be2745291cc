import VitsimCLI

/// What an in-process `vitsim` run returned and printed.
struct RunResult {
  var code: ExitCode
  var stdout: String
  var stderr: String
}

/// Runs `vitsim ARGUMENTS` in-process with a captured console.
func vitsim(_ arguments: String...) -> RunResult {
  vitsim(arguments)
}

func vitsim(_ arguments: [String]) -> RunResult {
  let captured = CapturedConsole()
  let code = VitsimCommand.run(arguments, console: captured.console)
  return RunResult(code: code, stdout: captured.stdout, stderr: captured.stderr)
}
