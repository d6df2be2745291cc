/// A CSV file with a header line, read into named columns that are each numeric or text.
///
/// The dialect is RFC 4180 as pandas writes it: comma-separated, fields optionally in double
/// quotes (`""` is a quote inside them, and they may span lines), `\n` or `\r\n` line ends, a
/// UTF-8 byte-order mark ignored, spaces around unquoted fields trimmed and blank lines
/// skipped. Every row must have as many fields as the header.
///
/// A column is numeric when at least as many of its cells are numbers as are other text
/// (so a column of nothing but missing cells is numeric, with no numbers), not counting
/// missing cells (empty, `nan`, `na`, `n/a`, `null`, `none`, `-`). In a numeric
/// column the cells that are not finite numbers read as nil, so a plot can skip those rows; a
/// text column used where numbers are needed is an error naming its first non-number.
struct CSVTable: Sendable {
  /// One column: its header name, the cells as written, and the numbers when it is numeric.
  struct Column: Sendable {
    var name: String
    var cells: [String]
    /// The value of each cell (nil when missing or not a finite number); nil for a text column.
    var numbers: [Double?]?

    var isNumeric: Bool { numbers != nil }
  }

  /// The file name used in messages (`<stdin>` for standard input).
  var source: String
  var columns: [Column]
  /// The 1-based line on which each data row starts.
  var lineNumbers: [Int]

  var rowCount: Int { lineNumbers.count }
  var columnNames: [String] { columns.map(\.name) }

  /// Reads `text`, reporting problems against `source`.
  ///
  /// - Throws: ``CLIError`` with exit code 65 when the text is empty, has a header but no
  ///   rows, has a row whose field count differs from the header's, or leaves a quote open.
  init(text: String, source: String) throws(CLIError) {
    self.source = source
    let records = try Self.records(text, source: source)
    guard let header = records.first else {
      throw CLIError(.dataError, "\(source): is empty; expected a header line and rows")
    }
    guard records.count > 1 else {
      throw CLIError(.dataError, "\(source): has a header line but no data rows")
    }
    var cells = [[String]](repeating: [], count: header.fields.count)
    for record in records.dropFirst() {
      guard record.fields.count == header.fields.count else {
        throw CLIError(
          .dataError,
          "\(source):\(record.line): \(record.fields.count) fields, but the header has \(header.fields.count) columns"
        )
      }
      for (index, field) in record.fields.enumerated() { cells[index].append(field) }
    }
    lineNumbers = records.dropFirst().map(\.line)
    columns = zip(header.fields, cells).map { name, cells in
      Column(name: name, cells: cells, numbers: Self.numbers(cells))
    }
  }

  /// Whether a cell stands for a missing value rather than for text.
  static func isMissing(_ cell: String) -> Bool {
    switch cell.lowercased() {
    case "", "nan", "-nan", "na", "n/a", "null", "none", "-": return true
    default: return false
    }
  }

  /// The finite numbers of `cells` when they form a numeric column, else nil.
  static func numbers(_ cells: [String]) -> [Double?]? {
    var numericCount = 0
    var textCount = 0
    let values = cells.map { cell -> Double? in
      if isMissing(cell) { return nil }
      guard let value = Double(cell) else {
        textCount += 1
        return nil
      }
      numericCount += 1
      return value.isFinite ? value : nil
    }
    return numericCount >= textCount ? values : nil
  }

  /// The index of the column called `name`, given on the command line as `--option`.
  ///
  /// - Throws: ``CLIError`` with exit code 64 naming the nearest column when there is none
  ///   called `name`, or 65 when the header has it more than once.
  func index(ofColumn name: String, option: String, subcommand: String) throws(CLIError) -> Int {
    let matches = columns.indices.filter { columns[$0].name == name }
    guard let first = matches.first else {
      let names = columnNames.filter { !$0.isEmpty }
      let shown = names.prefix(12).joined(separator: ", ") + (names.count > 12 ? ", …" : "")
      let hint = Suggestions.hint(for: name, in: names)
      throw .usage(
        "\(source): no column '\(name)' for --\(option)\(hint); the columns are: \(shown)",
        subcommand: subcommand)
    }
    guard matches.count == 1 else {
      throw CLIError(
        .dataError, "\(source): column '\(name)' appears \(matches.count) times in the header")
    }
    return first
  }

  /// The numbers of column `index` (nil for missing or non-numeric cells).
  ///
  /// - Throws: ``CLIError`` with exit code 65 when the column is text, naming the file, line,
  ///   column and the first cell that is not a number.
  func numbers(ofColumn index: Int, option: String) throws(CLIError) -> [Double?] {
    let column = columns[index]
    if let numbers = column.numbers { return numbers }
    let row = column.cells.firstIndex { !Self.isMissing($0) && Double($0) == nil } ?? 0
    throw CLIError(
      .dataError,
      "\(source):\(lineNumbers[row]): column '\(column.name)' (--\(option)) is not numeric: '\(column.cells[row])' is not a number"
    )
  }

  /// Splits `text` into records of fields, each with the line it starts on.
  static func records(_ text: String, source: String) throws(CLIError) -> [(
    line: Int, fields: [String]
  )] {
    var records: [(line: Int, fields: [String])] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var fieldWasQuoted = false
    var inQuotes = false
    var line = 1
    var recordLine = 1
    var quoteLine = 1

    func endField() {
      let value = String(field)
      fields.append(fieldWasQuoted ? value : String(Substring(value).trimmingBlanks()))
      field = String.UnicodeScalarView()
    }
    func endRecord() {
      let blank =
        fields.isEmpty && !fieldWasQuoted && Substring(String(field)).trimmingBlanks().isEmpty
      endField()
      if !blank { records.append((recordLine, fields)) }
      fields = []
      fieldWasQuoted = false
    }

    var scalars = Substring(text).unicodeScalars[...]
    if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
    var iterator = scalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    while let scalar = pending ?? iterator.next() {
      pending = nil
      if inQuotes {
        if scalar == "\"" {
          let next = iterator.next()
          if next == "\"" {
            field.append("\"")
          } else {
            inQuotes = false
            pending = next
          }
        } else {
          if scalar == "\n" { line += 1 }
          field.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"":
        if Substring(String(field)).trimmingBlanks().isEmpty {
          field = String.UnicodeScalarView()
          fieldWasQuoted = true
          inQuotes = true
          quoteLine = line
        } else {
          field.append(scalar)
        }
      case ",":
        endField()
        fieldWasQuoted = false
      case "\n":
        endRecord()
        line += 1
        recordLine = line
      case "\r":
        break
      default:
        if !(fieldWasQuoted && (scalar == " " || scalar == "\t")) { field.append(scalar) }
      }
    }
    if inQuotes {
      throw CLIError(.dataError, "\(source):\(quoteLine): a quoted field is not closed")
    }
    endRecord()
    return records
  }
}

extension Substring {
  /// The substring without leading and trailing spaces and tabs.
  fileprivate func trimmingBlanks() -> Substring {
    var s = self
    while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
    while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
    return s
  }
}
