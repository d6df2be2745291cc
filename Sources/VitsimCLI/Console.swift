import Foundation

/// Where a command writes: standard output and standard error, or buffers in tests.
public struct Console: Sendable {
  public var writeOut: @Sendable (String) -> Void
  public var writeErr: @Sendable (String) -> Void
  /// True when standard error is a terminal (progress lines are shown then).
  public var stderrIsTerminal: Bool

  public init(
    writeOut: @escaping @Sendable (String) -> Void,
    writeErr: @escaping @Sendable (String) -> Void, stderrIsTerminal: Bool = false
  ) {
    self.writeOut = writeOut
    self.writeErr = writeErr
    self.stderrIsTerminal = stderrIsTerminal
  }

  /// The process's standard output and standard error.
  public static var standard: Console {
    Console(
      writeOut: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
      writeErr: { text in FileHandle.standardError.write(Data(text.utf8)) },
      stderrIsTerminal: isatty(2) == 1)
  }

  public func out(_ text: String) { writeOut(text) }
  public func err(_ text: String) { writeErr(text) }
}

/// A console that keeps what was written, for in-process tests.
public final class CapturedConsole: @unchecked Sendable {
  private let lock = NSLock()
  private var outText = ""
  private var errText = ""

  public init() {}

  public var stdout: String { lock.withLock { outText } }
  public var stderr: String { lock.withLock { errText } }

  public var console: Console {
    Console(
      writeOut: { [self] text in lock.withLock { outText += text } },
      writeErr: { [self] text in lock.withLock { errText += text } })
  }
}
