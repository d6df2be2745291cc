import Foundation
import Testing
import VitsimCLI

struct CommandLineTests {
  @Test func `help goes to stdout and exits 0`() {
    for arguments in [[], ["--help"], ["-h"], ["help"]] {
      let run = vitsim(arguments)
      #expect(run.code == .success)
      #expect(run.stdout.contains("OVERVIEW:"))
      #expect(run.stdout.contains("SUBCOMMANDS:"))
      #expect(run.stderr.isEmpty)
    }
  }

  @Test(arguments: ["models", "trace", "simulate", "verify", "dump-config"])
  func `every subcommand has --help`(_ name: String) {
    for arguments in [[name, "--help"], [name, "-h"], ["help", name]] {
      let run = vitsim(arguments)
      #expect(run.code == .success)
      #expect(run.stdout.contains("USAGE: vitsim \(name)"))
      #expect(run.stdout.contains("OPTIONS:"))
    }
  }

  @Test func `--version prints the version`() {
    let run = vitsim("--version")
    #expect(run.code == .success)
    #expect(run.stdout == "vitsim \(VitsimCommand.version)\n")
  }

  @Test func `a misspelt subcommand gets a did-you-mean and exit 64`() {
    let run = vitsim("modles")
    #expect(run.code == .usage)
    #expect(run.stderr.hasPrefix("Error: unknown subcommand 'modles' (did you mean 'models'?)\n"))
    #expect(run.stderr.contains("See 'vitsim --help'"))
    #expect(run.stdout.isEmpty)
  }

  @Test func `a misspelt option gets a did-you-mean and the subcommand's usage`() {
    let run = vitsim("trace", "deit-small", "--imagesize", "224")
    #expect(run.code == .usage)
    #expect(
      run.stderr.hasPrefix("Error: unknown option '--imagesize' (did you mean '--image-size'?)\n"))
    #expect(run.stderr.contains("Usage: vitsim trace <model>"))
    #expect(run.stderr.contains("See 'vitsim trace --help' for more information."))
  }

  @Test func `a missing argument or option value is a usage error`() {
    #expect(vitsim("trace").stderr.hasPrefix("Error: missing argument <model>"))
    let run = vitsim("trace", "deit-small", "--batch")
    #expect(run.code == .usage)
    #expect(run.stderr.hasPrefix("Error: option '--batch' needs a value <n>"))
  }

  @Test(arguments: ["0", "-1", "two", "99999999999999999999999"])
  func `a batch that is not a positive integer is a usage error`(_ batch: String) {
    let run = vitsim("trace", "deit-small", "--batch", batch)
    #expect(run.code == .usage)
    #expect(run.stderr.contains("'--batch': '\(batch)' is not an integer in 1..."))
  }

  @Test func `options take --name=value too`() {
    let run = vitsim("trace", "deit-small", "--batch=0")
    #expect(run.stderr.contains("'--batch': '0' is not an integer"))
  }
}
