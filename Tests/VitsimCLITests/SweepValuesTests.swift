import Hardware
import Testing

@testable import VitsimCLI

/// `--set` lists: items typed by the config's value, geometric and arithmetic ranges, errors.
struct SweepValuesTests {
  func texts(_ list: String, _ type: SweepValueType) throws -> [String] {
    try SweepValueList.parse(list, as: type, path: "p").map(\.text)
  }

  /// The message of the usage error `list` gives.
  func error(_ list: String, _ type: SweepValueType) -> String? {
    do {
      _ = try SweepValueList.parse(list, as: type, path: "array.rows")
      return nil
    } catch {
      #expect(error.code == .usage)
      return error.message
    }
  }

  @Test func `integer lists and ranges, ends included`() throws {
    #expect(try texts("16,32,64", .integer) == ["16", "32", "64"])
    #expect(try texts("16..256:x2", .integer) == ["16", "32", "64", "128", "256"])
    #expect(try texts("16..64:+16", .integer) == ["16", "32", "48", "64"])
    #expect(try texts("1..4", .integer) == ["1", "2", "3", "4"])
    #expect(try texts("16..100:x2", .integer) == ["16", "32", "64"])
    #expect(try texts("8, 10..30:+10 ,7", .integer) == ["8", "10", "20", "30", "7"])
    #expect(try texts("5..5:x3", .integer) == ["5"])
    let values = try SweepValueList.parse("16..32:x2", as: .integer, path: "p")
    #expect(values.map(\.json) == [.integer(16), .integer(32)])
  }

  @Test func `number ranges land on their ends and keep the written decimals`() throws {
    #expect(try texts("12.8..102.4:x2", .number) == ["12.8", "25.6", "51.2", "102.4"])
    #expect(try texts("0.1..0.5:+0.1", .number) == ["0.1", "0.2", "0.3", "0.4", "0.5"])
    #expect(try texts("1..2:+0.25", .number) == ["1", "1.25", "1.5", "1.75", "2"])
    #expect(try texts("51.2,100", .number) == ["51.2", "100"])
    let values = try SweepValueList.parse("100", as: .number, path: "p")
    #expect(values.map(\.json) == [.number(100)])
  }

  @Test func `booleans, strings and inferred values`() throws {
    #expect(try texts("true,false", .boolean) == ["true", "false"])
    #expect(try texts("os,ws,is", .string) == ["os", "ws", "is"])
    // Dots in a string are not a range.
    #expect(try texts("a..b", .string) == ["a..b"])
    let inferred = try SweepValueList.parse("4,2.5,true,lut,1..3", as: .inferred, path: "p")
    #expect(
      inferred.map(\.json) == [
        .integer(4), .number(2.5), .bool(true), .string("lut"), .integer(1), .integer(2),
        .integer(3),
      ])
  }

  @Test func `wrong types, empty lists and bad ranges are usage errors`() {
    #expect(error("abc", .integer)?.contains("array.rows: 'abc' is not an integer") == true)
    #expect(error("16,2.5", .integer)?.contains("'2.5' is not an integer") == true)
    #expect(error("fast", .number)?.contains("'fast' is not a number") == true)
    #expect(error("yes", .boolean)?.contains("'yes' is not true or false") == true)
    #expect(error("", .integer)?.contains("the list is empty") == true)
    #expect(error("16,,32", .integer)?.contains("has an empty item") == true)
    #expect(error("256..16:x2", .integer)?.contains("the start 256 is above the end 16") == true)
    #expect(error("16..256:x1", .integer)?.contains("the factor must be at least 2") == true)
    #expect(error("16..256:x1.5", .integer)?.contains("is not an integer") == true)
    #expect(error("16..64:+0", .integer)?.contains("the step must be at least 1") == true)
    #expect(error("0..64:x2", .integer)?.contains("must start above 0") == true)
    #expect(error("16..256:*2", .integer)?.contains("has step '*2'") == true)
    #expect(error("16..32..64", .integer)?.contains("is not a range") == true)
    #expect(error("1..2", .number)?.contains("needs a step") == true)
    #expect(error("1..2:x1", .number)?.contains("greater than 1") == true)
    #expect(error("1..10000000", .integer)?.contains("more than 1000000 values") == true)
  }

  @Test func `decimal places of written numbers`() {
    #expect(SweepValueList.decimalPlaces("16") == 0)
    #expect(SweepValueList.decimalPlaces("0.25") == 2)
    #expect(SweepValueList.decimalPlaces("1e-3") == 3)
    #expect(SweepValueList.decimalPlaces("2.5e1") == 0)
  }
}
