import Foundation
import Hardware
import Testing

/// Every file in `HardwareConfigs/` loads, is in canonical form, and matches its embedded copy.
struct HardwareConfigsTests {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("HardwareConfigs")

  static let files: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted()
  }()

  static func text(of file: String) throws -> String {
    try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
  }

  @Test func `there are example chips`() {
    #expect(Self.files.count >= 3, "\(Self.directory.path)")
  }

  @Test(arguments: files)
  func `file loads, is named after itself and is canonical`(_ file: String) throws {
    let text = try Self.text(of: file)
    let stem = String(file.dropLast(".json".count))
    let chip = try Chip(jsonText: text, file: file, defaultName: stem)
    #expect(chip.name == stem)
    #expect(chip.problems().isEmpty)
    // Canonical: every key present (defaults filled), sorted, as dump-config prints it.
    #expect(chip.json.prettyText == text)
  }

  @Test(arguments: files)
  func `embedded copy equals the file`(_ file: String) throws {
    let stem = String(file.dropLast(".json".count))
    let embedded = try #require(
      Chip.exampleConfigs.first { $0.name == stem }, "no embedded copy of \(file)")
    #expect(embedded.json == (try Self.text(of: file)))
  }

  @Test func `every embedded example has a file`() {
    #expect(Chip.exampleNames.sorted() == Self.files.map { String($0.dropLast(".json".count)) })
  }

  @Test func `the default chip is the mid example`() throws {
    #expect(try Chip.example(named: "mid-32x32") == Chip.default)
    #expect(try Chip.example(named: "no-such-chip") == nil)
  }
}
