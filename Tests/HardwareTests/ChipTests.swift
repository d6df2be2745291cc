import Hardware
import Testing

/// Decoding, defaults, unknown keys, validation and path editing of chip configs.
struct ChipTests {
  func load(_ text: String, name: String? = "test") throws(ChipError) -> Chip {
    try Chip(jsonText: text, file: "test.json", defaultName: name)
  }

  /// The one-line messages of a config that must fail.
  func problems(_ text: String) -> [String] {
    do {
      _ = try load(text)
      return []
    } catch {
      return error.lines
    }
  }

  @Test func `missing keys take the defaults`() throws {
    let chip = try load(#"{"version": 1, "array": {"rows": 8}}"#)
    #expect(chip.name == "test")
    #expect(
      chip.array == SystolicArray(rows: 8, cols: 32, dataflow: .outputStationary, clockMHz: 1000))
    #expect(try load("{}", name: nil) == Chip.default)
    #expect(try load(#"{"array": null}"#, name: nil) == Chip.default)
  }

  @Test func `a full config round-trips through dump form`() throws {
    let chip = try load(
      #"{"version": 1, "name": "x", "array": {"rows": 4, "cols": 128, "dataflow": "is", "clock_mhz": 1.5e3}}"#
    )
    #expect(
      chip.array == SystolicArray(rows: 4, cols: 128, dataflow: .inputStationary, clockMHz: 1500))
    // Keys are sorted: "area" comes first, then "array".
    #expect(chip.json.prettyText.hasPrefix("{\n  \"area\": {\n"))
    #expect(
      chip.json.prettyText.contains(
        """
          "array": {
            "clock_mhz": 1500,
            "cols": 128,
            "dataflow": "is",
            "rows": 4
          },
          "energy": {
        """))
    #expect(chip.memory == .default)
    #expect(chip.vectorUnit == .default)
    #expect(chip.lanes == .default)
    #expect(chip.sparseCore == .default)
    #expect(chip.energy == .default)
    #expect(chip.area == .default)
    #expect(try load(chip.json.prettyText) == chip)
  }

  @Test func `every range problem is reported at once`() {
    #expect(
      problems(#"{"name": "a,b", "array": {"rows": 0, "cols": 70000, "clock_mhz": 0}}"#) == [
        #"test.json: name: "a,b" must not contain a comma, a quote or a control character"#,
        "test.json: array.rows: 0 is not in 1...65536",
        "test.json: array.cols: 70000 is not in 1...65536",
        "test.json: array.clock_mhz: 0 is not in 1...100000 (MHz)",
      ])
    #expect(
      problems(#"{"array": {"rows": -3}}"#) == ["test.json: array.rows: -3 is not in 1...65536"])
  }

  @Test func `sizes whose product overflows are reported`() {
    let lines = problems(#"{"array": {"rows": 4294967296, "cols": 4294967296}}"#)
    #expect(
      lines.contains(
        "test.json: array: rows·cols = 4294967296·4294967296 overflows a 64-bit integer"))
    #expect(lines.count == 3)
  }

  @Test func `unknown keys are rejected with a suggestion, alongside range problems`() {
    #expect(
      problems(#"{"array": {"rwos": 8, "cols": 0}, "memroy": {}}"#) == [
        #"test.json: array.rwos: is not a known key (did you mean "rows"?); expected one of clock_mhz, cols, dataflow, rows"#,
        #"test.json: memroy: is not a known key (did you mean "memory"?); expected one of area, array, energy, lanes, memory, name, sparse_core, vector_unit, version"#,
        "test.json: array.cols: 0 is not in 1...65536",
      ])
    #expect(
      problems(#"{"array": {"clockMHz": 8}}"#).first?.contains(#"did you mean "clock_mhz"?"#)
        == true)
  }

  @Test func `unknown dataflow names the accepted ones`() {
    #expect(
      problems(#"{"array": {"dataflow": "xs"}}"#) == [
        #"test.json: array.dataflow: "xs" is not one of "os", "ws", "is" (did you mean "os"?)"#
      ])
    #expect(
      problems(#"{"array": {"dataflow": "OS"}}"#) == [
        #"test.json: array.dataflow: "OS" is not one of "os", "ws", "is" (did you mean "os"?)"#
      ])
    #expect(
      problems(#"{"array": {"dataflow": "weight-stationary"}}"#) == [
        #"test.json: array.dataflow: "weight-stationary" is not one of "os", "ws", "is""#
      ])
  }

  @Test func `wrong types name the path and the value`() throws {
    #expect(
      problems(#"{"array": {"rows": "16"}}"#) == [#"test.json: array.rows: "16" is not an integer"#]
    )
    #expect(
      problems(#"{"array": {"rows": 16.5}}"#) == ["test.json: array.rows: 16.5 is not an integer"])
    #expect(
      problems(#"{"array": {"rows": 1e30}}"#) == [
        "test.json: array.rows: 1e+30 is not an integer in -9223372036854775808...9223372036854775807"
      ])
    #expect(
      problems(#"{"array": {"rows": true}}"#) == ["test.json: array.rows: true is not an integer"])
    #expect(problems(#"{"array": [16, 16]}"#) == ["test.json: array: an array is not an object"])
    #expect(
      problems(#"{"array": {"clock_mhz": "fast"}}"#) == [
        #"test.json: array.clock_mhz: "fast" is not a number"#
      ])
    #expect(problems(#"{"name": 7}"#) == ["test.json: name: 7 is not a string"])
    #expect(
      problems("[1]") == [
        #"test.json: the document is an array; expected an object with "version", "name" and "array""#
      ])
    #expect(try load(#"{"array": {"rows": 16.0, "cols": 1e1}}"#).array.cols == 10)
  }

  @Test func `another format version is refused before its keys are read`() {
    #expect(
      problems(#"{"version": 2, "arrays": {}}"#) == [
        "test.json: version: 2 is not in 1...1 (this vitsim reads chip format version 1)"
      ])
  }

  @Test func `malformed JSON gives line and column`() {
    #expect(
      problems("{\n  \"array\": {\n    \"rows\": 16,\n  }\n}") == [
        "test.json:4:3: trailing comma before '}'"
      ])
    #expect(
      problems("{\"array\": {\"rows\": 16}") == [
        "test.json:1:23: expected ',' or '}' in an object, found the end of the text"
      ])
    #expect(problems("") == ["test.json:1:1: the document is empty; expected a JSON value"])
    #expect(
      problems("{\"name\": \"a\", \"name\": \"b\"}") == [
        #"test.json:1:15: key "name" appears twice in one object"#
      ])
  }

  @Test func `a value can be replaced by its path`() throws {
    let chip = try Chip.default.setting(.integer(64), at: "array.rows")
    #expect(chip.array.rows == 64)
    #expect(chip.array.cols == 32)
    let ws = try chip.setting(.string("ws"), at: "array.dataflow")
    #expect(ws.array.dataflow == .weightStationary)
    #expect(Chip.default.json.value(at: "array.clock_mhz") == .number(1000))
    #expect(throws: ChipError.self) { try Chip.default.setting(.integer(0), at: "array.rows") }
    do {
      _ = try Chip.default.setting(.integer(8), at: "array.rowz")
      Issue.record("expected an unknown-key error")
    } catch {
      #expect(
        error.lines == [
          #"<sweep>: array.rowz: is not a known key (did you mean "rows"?); expected one of clock_mhz, cols, dataflow, rows"#
        ])
    }
    do {
      _ = try Chip.default.setting(.integer(8), at: "array.rows.x")
      Issue.record("expected a bad-path error")
    } catch {
      #expect(error.lines == ["<sweep>: array.rows.x: does not name a value in the chip config"])
    }
  }
}
