import Hardware
import Testing

/// The JSON tree: parsing, printing and path access.
struct JSONValueTests {
  @Test func `parses every kind of value`() throws {
    let value = try JSONValue(
      parsing:
        #" {"a": [1, -2.5, 3e2, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00", "c": {}} "#)
    #expect(
      value
        == .object([
          "a": .array([.integer(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null]),
          "b": .string("x\"\\/\né😀"),
          "c": .object([:]),
        ]))
  }

  @Test func `prints sorted and re-parses to the same tree`() throws {
    let value = try JSONValue(
      parsing: #"{"z": 1, "a": {"y": [1, 2], "b": "q\"\t"}, "m": [], "n": 0.25}"#)
    #expect(value.compactText == #"{"a":{"b":"q\"\t","y":[1,2]},"m":[],"n":0.25,"z":1}"#)
    #expect(try JSONValue(parsing: value.prettyText) == value)
    #expect(try JSONValue(parsing: value.compactText) == value)
  }

  @Test(arguments: [
    ("", "line 1, column 1: the document is empty; expected a JSON value"),
    ("{\"a\" 1}", "line 1, column 6: expected ':' after key \"a\", found '1'"),
    ("[1,]", "line 1, column 4: trailing comma before ']'"),
    ("[01]", "line 1, column 3: a number must not have a leading zero"),
    ("{\"a\": tru}", "line 1, column 7: invalid literal; expected 'true'"),
    ("\"abc", "line 1, column 5: unterminated string"),
    ("\"a\\qb\"", "line 1, column 3: invalid escape '\\q' in a string"),
    ("{}\n\n  x", "line 3, column 3: unexpected 'x' after the end of the JSON value"),
    ("[1e999]", "line 1, column 2: number 1e999 is out of range"),
    ("{'a': 1}", "line 1, column 2: expected a string key, found '''"),
  ])
  func `syntax errors say where`(_ text: String, _ expected: String) {
    #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: text) }
    do {
      _ = try JSONValue(parsing: text)
    } catch {
      #expect(error.description == expected)
    }
  }

  @Test func `deep nesting is an error, not a crash`() {
    let text = String(repeating: "[", count: 100_000)
    #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: text) }
  }

  @Test func `paths read and write nested values`() throws {
    let value = try JSONValue(
      parsing: #"{"memory": {"weight": {"bytes": 1024}}, "list": [{"x": 1}]}"#)
    #expect(value.value(at: "memory.weight.bytes") == .integer(1024))
    #expect(value.value(at: "list.0.x") == .integer(1))
    #expect(value.value(at: "memory.input") == nil)
    #expect(value.value(at: "") == value)
    let edited = try #require(value.setting(.integer(2048), at: "memory.weight.bytes"))
    #expect(edited.value(at: "memory.weight.bytes") == .integer(2048))
    let added = try #require(value.setting(.bool(true), at: "memory.input.double_buffered"))
    #expect(added.value(at: "memory.input.double_buffered") == .bool(true))
    #expect(value.setting(.null, at: "memory.weight.bytes.x") == nil)
    #expect(value.setting(.null, at: "list.5.x") == nil)
  }
}
