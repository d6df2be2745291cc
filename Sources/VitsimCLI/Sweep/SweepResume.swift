import Foundation

/// What a sweep's output file already holds, for `--resume`: how many points are complete,
/// and where to cut the file so that the sweep can append the rest.
///
/// The rows of a sweep are written in point order, so a file a sweep left behind is the header,
/// the rows of the first k points, perhaps some rows of point k + 1, and perhaps a last line
/// without its `\n` (the process was killed mid-write). Resuming keeps the header and the k
/// complete points, drops the rest (partial point, torn line) and runs points k + 1 on.
///
/// The file must be this sweep's: the header must be the one this sweep writes (with or
/// without the `pareto` column), and every row must have the point number, `--set` values and
/// model this sweep puts at that place. Anything else is an error before any work, and the
/// file is left as it is.
struct SweepResume {
  /// Complete points at the start of the file (0 for a missing or empty file).
  var completePoints = 0
  /// The bytes to keep: the header and the complete points' rows.
  var keptBytes = 0
  /// Whether there is a usable header to keep (else the file is written afresh).
  var hasHeader = false
  /// Whether the file ends in a `pareto` column (a finished sweep run with `--pareto`).
  var hasParetoColumn = false
  /// Error rows and points with at least one, among the complete points.
  var errorRows = 0
  var invalidPoints = 0
  /// The file's bytes, for ``textWithoutParetoColumn()``.
  private var bytes: [UInt8] = []

  /// The layout a sweep expects in its file.
  struct Expected {
    var columns: SweepColumns
    var points: SweepPoints
    /// The points this run covers (a shard's slice, or all).
    var range: Range<Int>
    /// The `model` cell of each row within a point, in row order.
    var rowModels: [String]
  }

  /// Reads `path` and checks it against `expected`.
  ///
  /// - Throws: ``CLIError``: 66 when the file cannot be read, 65 when it is not this sweep's
  ///   output (naming the first differing column or row).
  static func inspect(_ path: String, expected: Expected) throws(CLIError) -> SweepResume {
    var resume = SweepResume()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return resume
    }
    guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
      throw CLIError(.noInput, "cannot read '\(path)' to resume it")
    }
    let bytes = [UInt8](data)
    resume.bytes = bytes
    let header = expected.columns.headerLine(pareto: false)
    let paretoHeader = expected.columns.headerLine(pareto: true)
    func notThisSweep(_ reason: String) -> CLIError {
      CLIError(
        .dataError,
        "cannot resume '\(path)': \(reason); give another --output, or the options of the sweep that wrote it"
      )
    }

    // The header.
    guard let headerEnd = bytes.firstIndex(of: 0x0A) else {
      // Empty, or a header cut short by a kill: start again if it is ours.
      let text = String(decoding: bytes, as: UTF8.self)
      guard header.hasPrefix(text) || paretoHeader.hasPrefix(text) else {
        throw notThisSweep("it is not a sweep CSV (its first line is '\(text.prefix(60))')")
      }
      return resume
    }
    let headerText = String(decoding: bytes[...headerEnd], as: UTF8.self)
    if headerText == paretoHeader {
      resume.hasParetoColumn = true
    } else if headerText != header {
      throw notThisSweep(Self.difference(found: headerText, expected: header))
    }
    resume.hasHeader = true
    resume.keptBytes = headerEnd + 1

    // The rows, point by point.
    let columns = expected.columns
    let fieldCount = columns.names.count + (resume.hasParetoColumn ? 1 : 0)
    let rowsPerPoint = expected.rowModels.count
    let modelPosition = columns.identityPositions["model"]
    var lineStart = headerEnd + 1
    var row = 0
    var lineNumber = 1
    var pointErrors = 0
    while let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) {
      lineNumber += 1
      let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
      let point = expected.range.lowerBound + row / rowsPerPoint
      guard point < expected.range.upperBound else {
        throw notThisSweep(
          "line \(lineNumber) is past the last of this sweep's \(expected.range.count * rowsPerPoint) rows"
        )
      }
      let values = expected.points.values(at: point)
      let model = expected.rowModels[row % rowsPerPoint]
      guard let fields = SweepColumns.fields(of: Substring(line)), fields.count == fieldCount
      else {
        throw notThisSweep("line \(lineNumber) does not have the header's \(fieldCount) fields")
      }
      var found = fields[0] == String(point) && modelPosition.map { fields[$0] == model } ?? true
      for (position, value) in zip(columns.parameterPositions, values)
      where fields[position] != value.text {
        found = false
      }
      guard found else {
        let want = zip(expected.points.parameters, values).map { "\($0.column)=\($1.text)" }
        let have = expected.points.parameters.indices.map {
          "\(expected.points.parameters[$0].column)=\(fields[columns.parameterPositions[$0]])"
        }
        throw notThisSweep(
          "line \(lineNumber) is point \(fields[0]) (\(have.joined(separator: ", "))) of \(modelPosition.map { fields[$0] } ?? "?"), where this sweep has point \(point) (\(want.joined(separator: ", "))) of \(model)"
        )
      }
      if !fields[columns.errorPosition].isEmpty { pointErrors += 1 }
      row += 1
      lineStart = lineEnd + 1
      if row % rowsPerPoint == 0 {
        resume.completePoints += 1
        resume.keptBytes = lineStart
        resume.errorRows += pointErrors
        if pointErrors > 0 { resume.invalidPoints += 1 }
        pointErrors = 0
      }
    }
    return resume
  }

  /// The kept part of the file with the last field of each line (the `pareto` column)
  /// removed: what a resumed sweep appends to.
  func textWithoutParetoColumn() -> String {
    let kept = String(decoding: bytes[..<keptBytes], as: UTF8.self)
    var text = ""
    for line in kept.split(separator: "\n") {
      let cut = line.lastIndex(of: ",") ?? line.endIndex
      text += line[..<cut] + "\n"
    }
    return text
  }

  /// Where a found header first differs from the expected one, in words.
  static func difference(found: String, expected: String) -> String {
    let have = found.dropLast().split(separator: ",", omittingEmptySubsequences: false)
    let want = expected.dropLast().split(separator: ",", omittingEmptySubsequences: false)
    for (index, (a, b)) in zip(have, want).enumerated() where a != b {
      return "its column \(index + 1) is '\(a)' where this sweep writes '\(b)'"
    }
    return "it has \(have.count) columns where this sweep writes \(want.count)"
  }
}
