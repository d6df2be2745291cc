import Foundation

/// Reading inputs and writing outputs with the exit codes and messages the CLI promises.
enum FileIO {
  /// The UTF-8 text of `path` (`-` reads standard input).
  ///
  /// - Throws: ``CLIError`` with exit code 66 when the file is missing or unreadable, 65 when it
  ///   is not UTF-8 text.
  static func readText(_ path: String) throws(CLIError) -> String {
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CLIError(.noInput, "cannot read '\(path)': no such file")
      }
      guard !isDirectory.boolValue else {
        throw CLIError(.noInput, "cannot read '\(path)': it is a directory, expected a file")
      }
      guard let contents = FileManager.default.contents(atPath: path) else {
        throw CLIError(.noInput, "cannot read '\(path)': permission denied or I/O error")
      }
      data = contents
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CLIError(.dataError, "\(path): is not UTF-8 text")
    }
    return text
  }

  /// Writes `text` to `path` atomically: into a temporary file beside it, then renamed over
  /// it, so a reader never sees a half-written file.
  ///
  /// - Throws: ``CLIError`` with exit code 73 when the file cannot be created.
  static func writeAtomically(_ text: String, to path: String) throws(CLIError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw CLIError(
        .cannotCreate, "cannot create '\(path)': directory '\(directory.path)' does not exist")
    }
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp"
    )
    do {
      try Data(text.utf8).write(to: temporary)
    } catch {
      throw CLIError(.cannotCreate, "cannot create '\(path)': \(Self.reason(error))")
    }
    if rename(temporary.path, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw CLIError(.cannotCreate, "cannot create '\(path)': \(reason)")
    }
  }

  private static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
  }
}
