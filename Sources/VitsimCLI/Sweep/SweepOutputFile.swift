import Foundation

/// The sweep CSV while a sweep runs: rows are appended in point order as they finish and
/// synced to disk in batches, so a killed sweep keeps every row it wrote.
///
/// The file is written in place (not renamed over at the end) so that it can be resumed.
/// Each batch of whole lines goes out in one `write`; `fsync` follows at most once per
/// ``syncInterval`` and when the file is closed. A kill can therefore leave only a last line
/// without its `\n`, which ``SweepResume`` drops.
final class SweepOutputFile {
  let path: String
  private var descriptor: Int32
  private var lastSync = ContinuousClock.now
  /// Seconds between syncs.
  var syncInterval = 1.0

  /// Opens `path` for writing: emptied and started with `header`, or, when `keepingBytes` is
  /// given, cut to that many bytes and appended to.
  ///
  /// - Throws: ``CLIError`` with exit code 73 when the file cannot be opened or written.
  init(path: String, header: String?, keepingBytes: Int? = nil) throws(CLIError) {
    self.path = path
    let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (keepingBytes == nil ? O_TRUNC : 0)
    descriptor = open(path, flags, 0o644)
    guard descriptor >= 0 else {
      throw CLIError(.cannotCreate, "cannot create '\(path)': \(String(cString: strerror(errno)))")
    }
    if let keepingBytes {
      guard ftruncate(descriptor, off_t(keepingBytes)) == 0,
        lseek(descriptor, 0, SEEK_END) >= 0
      else {
        let reason = String(cString: strerror(errno))
        closeDescriptor(descriptor)
        throw CLIError(.cannotCreate, "cannot write '\(path)': \(reason)")
      }
    }
    if let header { try append(header) }
  }

  deinit {
    if descriptor >= 0 { closeDescriptor(descriptor) }
  }

  /// Appends `text` (whole lines), syncing when the last sync is ``syncInterval`` old.
  func append(_ text: String) throws(CLIError) {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return write(descriptor, base + offset, buffer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw CLIError(.cannotCreate, "cannot write '\(path)': \(String(cString: strerror(errno)))")
      }
      offset += written
    }
    if ContinuousClock.now - lastSync >= .seconds(syncInterval) { try sync() }
  }

  /// Forces what was written to disk.
  func sync() throws(CLIError) {
    guard fsync(descriptor) == 0 else {
      throw CLIError(.cannotCreate, "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    lastSync = .now
  }

  /// Syncs and closes the file.
  func close() throws(CLIError) {
    guard descriptor >= 0 else { return }
    try sync()
    closeDescriptor(descriptor)
    descriptor = -1
  }
}

/// `close(2)`, out of reach of ``SweepOutputFile/close()``'s name.
private func closeDescriptor(_ descriptor: Int32) {
  _ = close(descriptor)
}
