/// Process exit codes, as in sysexits.h.
public enum ExitCode: Int32, Sendable {
  case success = 0
  /// A failure while running (e.g. `vitsim verify` found a mismatch).
  case failure = 1
  /// EX_USAGE: a bad command line.
  case usage = 64
  /// EX_DATAERR: an invalid config, trace or topology.
  case dataError = 65
  /// EX_NOINPUT: an input file missing or unreadable.
  case noInput = 66
  /// EX_CANTCREAT: an output that cannot be created.
  case cannotCreate = 73
}
