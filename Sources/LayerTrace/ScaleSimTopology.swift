/// The two layouts of a SCALE-Sim topology CSV.
///
/// | form | columns (after the dropped trailing field) |
/// |---|---|
/// | `gemm` | `Layer, M, N, K[, N:M]` — M tokens, N output features, K reduction |
/// | `conv` | `Layer, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides[, N:M]` |
public enum ScaleSimTopologyForm: String, CaseIterable, Hashable, Sendable {
  case gemm
  case conv

  /// The column names, the optional sparsity column last.
  public var columns: [String] {
    switch self {
    case .gemm: ["Layer", "M", "N", "K", "N:M"]
    case .conv:
      [
        "Layer", "IFMAP Height", "IFMAP Width", "Filter Height", "Filter Width", "Channels",
        "Num Filter", "Strides", "N:M",
      ]
    }
  }

  /// The form with `count` fields per row (with or without the `N:M` column), if any.
  public init?(fieldCount count: Int) {
    guard let form = ScaleSimTopologyForm.allCases.first(where: { $0.accepts(fieldCount: count) })
    else { return nil }
    self = form
  }

  /// Whether a row of this form may have `count` fields.
  public func accepts(fieldCount count: Int) -> Bool {
    count == columns.count || count == columns.count - 1
  }
}

extension LayerTrace {
  /// The largest number of channels a depthwise (`DP`) conv row may expand into.
  public static let maxDepthwiseChannels = 1 << 20

  /// Imports a SCALE-Sim 3.0.0 topology CSV as trace records, as SCALE-Sim reads it.
  ///
  /// - The first line is the header and is always skipped; blank lines are ignored.
  /// - Every data row must end with a trailing comma: SCALE-Sim drops the last field of each
  ///   row, so a row without one would silently lose its last value. Here it is an error.
  /// - Fields are trimmed of spaces; values must be positive integers.
  /// - GEMM rows become `linear` records `[M×K]·[K×N]`, batch 1.
  /// - Conv rows become im2col `conv` records, batch 1, with SCALE-Sim's unpadded output size
  ///   `E = ⌈(H − F + S)/S⌉` per side: m = E_h·E_w, k = Fh·Fw·Channels, n = Num Filter. The
  ///   filter may not be larger than the input (SCALE-Sim asserts this).
  /// - A conv layer whose name contains `DP` is depthwise: like SCALE-Sim, it becomes one record
  ///   per channel, named `<name>Channel_<i>`, each with Channels = 1 and every filter.
  /// - The optional `N:M` column gives the weight sparsity (`1:1` is dense).
  /// - Operands are 8-bit (SCALE-Sim's one-byte words).
  ///
  /// - Parameters:
  ///   - text: the CSV text.
  ///   - file: a label for errors.
  ///   - form: the layout; nil detects it from the first data row's field count (4 or 5 →
  ///     GEMM, 8 or 9 → conv).
  /// - Throws: ``TraceError`` naming the line and column of the first bad value.
  public init(
    scaleSimTopology text: String, file: String, form: ScaleSimTopologyForm? = nil
  ) throws(TraceError) {
    var records: [TraceRecord] = []
    var form = form
    // CSVLines splits on "\n" Characters, and "\r\n" is a single Character: normalise first.
    let normalized = text.contains("\r\n") ? String(text.map { $0 == "\r\n" ? "\n" : $0 }) : text
    for line in CSVLines(normalized) where line.number > 1 {
      var fields = line.fields
      guard let last = fields.last, last.isEmpty, fields.count > 1 else {
        throw TraceError(
          file: file, line: line.number,
          message:
            "does not end with a trailing comma; SCALE-Sim drops the last field of every row, so '\(fields.last ?? "")' would be lost"
        )
      }
      fields.removeLast()
      let rowForm: ScaleSimTopologyForm
      if let form {
        guard form.accepts(fieldCount: fields.count) else {
          let columns = form.columns
          throw TraceError(
            file: file, line: line.number,
            message:
              "has \(fields.count) fields; a \(form.rawValue) row has \(columns.count - 1) or \(columns.count) (\(columns.dropLast().joined(separator: ", "))[, N:M]) followed by a trailing comma"
          )
        }
        rowForm = form
      } else {
        guard let detected = ScaleSimTopologyForm(fieldCount: fields.count) else {
          throw TraceError(
            file: file, line: line.number,
            message:
              "has \(fields.count) fields; expected 4 or 5 for a GEMM row (Layer, M, N, K[, N:M]) or 8 or 9 for a conv row (Layer, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides[, N:M]), each followed by a trailing comma"
          )
        }
        form = detected
        rowForm = detected
      }
      records += try Self.scaleSimRecords(
        fields: fields, form: rowForm, line: line.number, file: file)
    }
    self.init(records: records)
  }

  /// The records of one topology row (several for a depthwise conv).
  private static func scaleSimRecords(
    fields: [String], form: ScaleSimTopologyForm, line: Int, file: String
  ) throws(TraceError) -> [TraceRecord] {
    let columns = form.columns
    func positive(_ position: Int) throws(TraceError) -> Int {
      guard let value = Int(fields[position]), value >= 1 else {
        throw TraceError(
          file: file, line: line, column: columns[position],
          message: "'\(fields[position])' is not a positive integer")
      }
      return value
    }
    func fail(_ column: String, _ message: String) -> TraceError {
      TraceError(file: file, line: line, column: column, message: message)
    }
    let name = fields[0]
    var sparsity = Sparsity.dense
    if fields.count == columns.count {
      let text = fields[columns.count - 1]
      guard let parsed = Sparsity(parsing: text), text != "dense" else {
        throw fail(
          "N:M",
          "'\(text)' is not a sparsity ratio N:M with 1 ≤ N ≤ M ≤ \(Sparsity.maxGroup) (e.g. 2:4, or 1:1 for dense)"
        )
      }
      sparsity = parsed
    }
    var records: [TraceRecord] = []
    switch form {
    case .gemm:
      let m = try positive(1)
      let n = try positive(2)
      let k = try positive(3)
      records.append(.gemm(name: name, kind: .linear, m: m, k: k, n: n, sparsity: sparsity))
    case .conv:
      let height = try positive(1)
      let width = try positive(2)
      let filterHeight = try positive(3)
      let filterWidth = try positive(4)
      let channels = try positive(5)
      let filters = try positive(6)
      let stride = try positive(7)
      guard filterHeight <= height else {
        throw fail("Filter Height", "\(filterHeight) is larger than IFMAP Height \(height)")
      }
      guard filterWidth <= width else {
        throw fail("Filter Width", "\(filterWidth) is larger than IFMAP Width \(width)")
      }
      // E = ⌈(H − F + S)/S⌉ = ⌈(H − F)/S⌉ + 1, computed without overflow. When S does not
      // divide H − F, SCALE-Sim's last window hangs over the edge (its taps read address −1).
      func outputSide(_ input: Int, _ filter: Int) -> Int {
        let span = input - filter
        return span / stride + (span % stride == 0 ? 1 : 2)
      }
      let outHeight = outputSide(height, filterHeight)
      let outWidth = outputSide(width, filterWidth)
      let depthwise = name.contains("DP")
      guard !depthwise || channels <= maxDepthwiseChannels else {
        throw fail(
          "Channels",
          "\(channels) channels of a depthwise (DP) layer would make more than \(maxDepthwiseChannels) layers"
        )
      }
      let windowChannels = depthwise ? 1 : channels
      guard let m = checkedProduct(outHeight, outWidth),
        let k = checkedProduct(filterHeight, filterWidth, windowChannels),
        checkedProduct(m, k, filters) != nil
      else {
        throw fail("Num Filter", "the layer's MACs overflow a 64-bit integer")
      }
      if depthwise {
        records.reserveCapacity(channels)
        for channel in 0..<channels {
          records.append(
            .gemm(
              name: "\(name)Channel_\(channel)", kind: .conv, m: m, k: k, n: filters,
              sparsity: sparsity))
        }
      } else {
        records.append(.gemm(name: name, kind: .conv, m: m, k: k, n: filters, sparsity: sparsity))
      }
    }
    if let record = records.first, let problem = record.problems().first {
      throw fail(problem.column == "name" ? "Layer" : problem.column, problem.message)
    }
    return records
  }
}
