import Testing
import VitsimCLI

struct VerifyCommandTests {
  @Test func `verify passes and prints one row per dataflow and operation`() throws {
    let run = vitsim(
      "verify", "--cases", "12", "--seed", "5", "--max-dimension", "40", "--max-array", "8")
    #expect(run.code == .success, "\(run.stdout)\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    #expect(
      lines[1].split(separator: " ") == [
        "group", "cases", "product_ok", "cycles_ok", "macs_ok", "failed", "pe_updates",
      ])
    #expect(lines[2].hasPrefix("os"))
    let all = try #require(lines.first { $0.hasPrefix("all ") })
    #expect(all.split(separator: " ")[1] == "12")
    #expect(run.stdout.contains("PASS: all 12 cases agree"))
  }

  @Test func `the same seed gives the same table`() {
    let a = vitsim("verify", "--cases", "6", "--seed", "9", "--max-dimension", "20")
    let b = vitsim("verify", "--cases", "6", "--seed", "9", "--max-dimension", "20")
    #expect(a.stdout == b.stdout)
  }

  @Test(arguments: [["--cases", "0"], ["--seed", "-3"], ["--max-array", "1000"]])
  func `bad options are usage errors`(_ options: [String]) {
    let run = vitsim(["verify"] + options)
    #expect(run.code == .usage)
    #expect(run.stderr.hasPrefix("Error: option '\(options[0])'"))
  }
}
