import Foundation
import VitsimCLI

/// The result of running `vitsim` in-process.
struct CLIRun {
  var code: ExitCode
  var stdout: String
  var stderr: String
}

/// Runs `vitsim` with `arguments` in-process, capturing its output.
func vitsim(_ arguments: String...) -> CLIRun {
  vitsim(arguments)
}

func vitsim(_ arguments: [String]) -> CLIRun {
  let captured = CapturedConsole()
  let code = VitsimCommand.run(arguments, console: captured.console)
  return CLIRun(code: code, stdout: captured.stdout, stderr: captured.stderr)
}

/// A fresh empty directory for a test's files.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("vitsim-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
