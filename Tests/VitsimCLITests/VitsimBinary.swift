import Foundation

/// The `vitsim` executable that `swift test` builds beside the test bundle, for the few tests
/// that must run it as a separate process.
enum VitsimBinary {
  /// The executable, or nil when it cannot be found.
  ///
  /// Looks in the build folder of the running tests (`Bundle.main.bundleURL`, and the folders
  /// above it for an `.xctest` bundle), then in `.build/debug` of the package this file is in.
  static var url: URL? {
    var candidates: [URL] = []
    var folder = Bundle.main.bundleURL
    for _ in 0..<3 {
      candidates.append(folder.appendingPathComponent("vitsim"))
      folder = folder.deletingLastPathComponent()
    }
    let package = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(package.appendingPathComponent(".build/debug/vitsim"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }
}
