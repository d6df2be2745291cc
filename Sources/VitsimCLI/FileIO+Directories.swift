import Foundation

extension FileIO {
  /// Creates `path` and its missing parents as directories; an existing directory is fine.
  ///
  /// - Throws: ``CLIError`` with exit code 73 when it cannot be created (or a file is in the
  ///   way).
  static func createDirectory(_ path: String) throws(CLIError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw CLIError(.cannotCreate, "cannot create directory '\(path)': a file is in the way")
      }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      let nsError = error as NSError
      var reason = nsError.localizedDescription
      if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
        underlying.domain == NSPOSIXErrorDomain
      {
        reason = String(cString: strerror(Int32(underlying.code)))
      }
      throw CLIError(.cannotCreate, "cannot create directory '\(path)': \(reason)")
    }
  }
}
