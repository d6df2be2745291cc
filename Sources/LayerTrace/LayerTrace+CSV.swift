extension LayerTrace {
  /// The trace CSV columns of format version 3, in order.
  ///
  /// The header row *is* the version: a later version may only append columns, so a reader
  /// recognises a version by its exact header. Version 2 appended `quant` (the label of the
  /// quantization recipe and sparsity option that set the bits, e.g. `W4A8+2:4`); version 3
  /// appended `inputs` (the indices of the records whose outputs the op reads, separated by
  /// `;`, empty for none). Units: dims and counts are elements, bits are bits per element,
  /// `macs` is multiply-accumulates.
  public static let csvColumns = [
    "index", "name", "kind", "batch", "m", "k", "n", "elements", "rows", "row_length",
    "out_elements", "weight_elements", "weight_bits", "act_bits", "out_bits", "sparsity", "macs",
    "quant", "inputs",
  ]

  /// The columns of format version 2 (before `inputs`); still read, with no inputs.
  public static let csvColumnsVersion2 = Array(csvColumns.dropLast())

  /// The columns of format version 1 (before `quant`); still read, with every record's
  /// `quant` set to ``TraceRecord/defaultQuant`` and no inputs.
  public static let csvColumnsVersion1 = Array(csvColumns.dropLast(2))

  /// The trace as CSV text with a header row, one line per record, `\n` line ends.
  public var csvText: String {
    var text = LayerTrace.csvColumns.joined(separator: ",") + "\n"
    text.reserveCapacity(records.count * 96)
    for (index, r) in records.enumerated() {
      let fields: [String] = [
        String(index), r.name, r.kind.rawValue, String(r.batch), String(r.m), String(r.k),
        String(r.n), String(r.elements), String(r.rows), String(r.rowLength),
        String(r.outElements), String(r.weightElements), String(r.weightBits), String(r.actBits),
        String(r.outBits), r.sparsity.description, String(r.macs), r.quant,
        r.inputs.map(String.init).joined(separator: ";"),
      ]
      text += fields.joined(separator: ",")
      text += "\n"
    }
    return text
  }

  /// Reads a trace from CSV text written by ``csvText`` or by hand.
  ///
  /// Every row is checked: field count, integer columns, kind, sparsity, the `index` sequence,
  /// the record invariants (``TraceRecord/problems()``, which include a non-empty `quant`
  /// without commas), `macs = batch·m·k·n` and `inputs` (earlier indices only). Version 1 and 2
  /// headers are read too: records then get ``TraceRecord/defaultQuant`` and no inputs.
  ///
  /// - Parameters:
  ///   - csv: the text.
  ///   - file: a label for error messages (the path, or `<stdin>`).
  /// - Throws: ``TraceError`` naming the first bad line, its column, the value and what was
  ///   expected.
  public init(csv: String, file: String) throws(TraceError) {
    var lines = CSVLines(csv).makeIterator()
    guard let header = lines.next() else {
      throw TraceError(
        file: file, line: 0,
        message: "is empty; expected a header row '\(LayerTrace.csvColumns.joined(separator: ","))'"
      )
    }
    let columns: [String]
    switch header.fields {
    case LayerTrace.csvColumns: columns = LayerTrace.csvColumns
    case LayerTrace.csvColumnsVersion2: columns = LayerTrace.csvColumnsVersion2
    case LayerTrace.csvColumnsVersion1: columns = LayerTrace.csvColumnsVersion1
    default:
      let got = header.fields.joined(separator: ",")
      throw TraceError(
        file: file, line: header.number,
        message:
          "header '\(got)' is not a vitsim trace header; expected '\(LayerTrace.csvColumns.joined(separator: ","))'"
      )
    }
    var records: [TraceRecord] = []
    while let line = lines.next() {
      records.append(
        try TraceRecord(
          csvFields: line.fields, columns: columns, index: records.count, line: line.number,
          file: file))
    }
    self.init(records: records)
  }
}

extension TraceRecord {
  /// Parses and validates one data row of the trace CSV.
  ///
  /// `columns` is the header the file has (version 3, 2 or 1).
  fileprivate init(
    csvFields fields: [String], columns: [String], index: Int, line: Int, file: String
  ) throws(TraceError) {
    guard fields.count == columns.count else {
      let reason =
        fields.count < columns.count
        ? ": the row is truncated" : ": a name or quant label must not contain a comma"
      throw TraceError(
        file: file, line: line,
        message:
          "has \(fields.count) fields; expected \(columns.count) (\(columns.joined(separator: ",")))\(reason)"
      )
    }
    func integer(_ position: Int) throws(TraceError) -> Int {
      let text = fields[position]
      guard let value = Int(text), value >= 0 else {
        throw TraceError(
          file: file, line: line, column: columns[position],
          message: "'\(text)' is not a non-negative integer")
      }
      return value
    }
    let position = try integer(0)
    guard position == index else {
      throw TraceError(
        file: file, line: line, column: "index",
        message: "'\(position)' is out of sequence; expected \(index)")
    }
    guard let kind = OpKind(rawValue: fields[2]) else {
      throw TraceError(
        file: file, line: line, column: "kind",
        message:
          "'\(fields[2])' is not a kind; expected one of \(OpKind.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    guard let sparsity = Sparsity(parsing: fields[15]) else {
      throw TraceError(
        file: file, line: line, column: "sparsity",
        message:
          "'\(fields[15])' is not a sparsity; expected 'dense' or N:M with 1 ≤ N ≤ M ≤ \(Sparsity.maxGroup) (e.g. 2:4)"
      )
    }
    self.init(
      name: fields[1], kind: kind, batch: try integer(3), m: try integer(4), k: try integer(5),
      n: try integer(6), elements: try integer(7), rows: try integer(8),
      rowLength: try integer(9), outElements: try integer(10), weightElements: try integer(11),
      weightBits: try integer(12), actBits: try integer(13), outBits: try integer(14),
      sparsity: sparsity,
      quant: columns.count > 17 ? fields[17] : TraceRecord.defaultQuant,
      inputs: columns.count > 18
        ? try Self.inputs(fields[18], index: index, line: line, file: file) : [])
    if let problem = problems().first {
      throw TraceError(file: file, line: line, column: problem.column, message: problem.message)
    }
    let macs = try integer(16)
    guard macs == self.macs else {
      throw TraceError(
        file: file, line: line, column: "macs",
        message: "'\(macs)' does not match batch·m·k·n = \(self.macs)")
    }
  }

  /// Parses the `inputs` field: earlier record indices separated by `;`, or empty.
  private static func inputs(
    _ text: String, index: Int, line: Int, file: String
  ) throws(TraceError) -> [Int] {
    guard !text.isEmpty else { return [] }
    var result: [Int] = []
    for part in text.split(separator: ";", omittingEmptySubsequences: false) {
      guard let producer = Int(part), producer >= 0, producer < index else {
        throw TraceError(
          file: file, line: line, column: "inputs",
          message:
            "'\(text)' is not a list of earlier record indices separated by ';' (each in 0...\(index - 1)); '\(part)' is not"
        )
      }
      result.append(producer)
    }
    return result
  }
}
