import Foundation
import Hardware

/// The type a `--set` list's items must have: that of the value the chip config holds at the
/// path.
///
/// | config value | accepted items | ranges |
/// |---|---|---|
/// | integer (`"rows": 32`) | decimal integers | `16..256:x2`, `16..64:+16`, `1..4` |
/// | number (`"gb_per_s": 51.2`) | decimal numbers | `12.8..102.4:x2`, `0.5..2:+0.5` |
/// | boolean | `true`, `false` | no |
/// | string (`"dataflow": "os"`) | any text | no |
/// | null | each item read as an integer, number, boolean or else string | as its ends |
enum SweepValueType: Sendable, Equatable {
  case integer
  case number
  case boolean
  case string
  /// The config holds `null` there: every item gets the type it reads as.
  case inferred

  /// The type of a scalar config value; nil for an object or array.
  init?(of value: JSONValue) {
    switch value {
    case .integer: self = .integer
    case .number: self = .number
    case .bool: self = .boolean
    case .string: self = .string
    case .null: self = .inferred
    case .array, .object: return nil
    }
  }

  /// The name with its article, for messages: `an integer`.
  var name: String {
    switch self {
    case .integer: "an integer"
    case .number: "a number"
    case .boolean: "a boolean (true or false)"
    case .string: "a string"
    case .inferred: "a value"
    }
  }
}

/// One value of a `--set` list: what goes into the chip config, and how its CSV cell reads.
struct SweepValue: Sendable, Hashable {
  var json: JSONValue
  /// The cell text: integers in decimal, numbers in their shortest round-trip form (`51.2`,
  /// `100`), booleans as `true`/`false`, strings as written.
  var text: String

  init(_ json: JSONValue) {
    self.json = json
    switch json {
    case .string(let string): text = string
    default: text = json.compactText
    }
  }
}

/// Parsing the list of a `--set PATH=LIST`: comma-separated items, each a value or an
/// inclusive range.
///
/// Ranges: `START..END:xFACTOR` is geometric (`16..256:x2` → 16, 32, 64, 128, 256),
/// `START..END:+STEP` arithmetic (`16..64:+16` → 16, 32, 48, 64), `START..END` steps by 1
/// (integers only). Both ends are included when the steps land on END; a range never goes
/// past END. Integer ranges need an integer factor ≥ 2 or step ≥ 1; geometric ranges need
/// START > 0. Arithmetic number ranges are rounded to the decimals written in START and STEP,
/// so `0.1..0.3:+0.1` gives 0.1, 0.2, 0.3 exactly.
enum SweepValueList {
  /// The most values one range may produce.
  static let maximumRangeCount = 1_000_000

  /// The values of `list` for the config value at `path`, in the order written.
  ///
  /// - Throws: ``CLIError`` (usage) for an empty list or item, an item of the wrong type, or a
  ///   malformed range, naming the path and the item.
  static func parse(_ list: String, as type: SweepValueType, path: String) throws(CLIError)
    -> [SweepValue]
  {
    func fail(_ message: String) -> CLIError {
      .usage("option '--set': \(path): \(message)", subcommand: "sweep")
    }
    guard !list.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw fail("the list is empty; expected values such as \(example(type))")
    }
    var values: [SweepValue] = []
    for rawItem in list.split(separator: ",", omittingEmptySubsequences: false) {
      let item = String(rawItem).trimmingCharacters(in: .whitespaces)
      guard !item.isEmpty else { throw fail("the list '\(list)' has an empty item") }
      if item.contains(".."), type == .integer || type == .number || type == .inferred {
        values += try range(item, type: type, fail: fail)
      } else {
        values.append(try value(item, type: type, fail: fail))
      }
    }
    return values
  }

  /// One item as a value of `type`.
  private static func value(
    _ item: String, type: SweepValueType, fail: (String) -> CLIError
  ) throws(CLIError) -> SweepValue {
    switch type {
    case .integer:
      guard let number = Int(item) else {
        throw fail("'\(item)' is not an integer (the config holds an integer there)")
      }
      return SweepValue(.integer(number))
    case .number:
      guard let number = Double(item), number.isFinite else {
        throw fail("'\(item)' is not a number (the config holds a number there)")
      }
      return SweepValue(.number(number))
    case .boolean:
      switch item {
      case "true": return SweepValue(.bool(true))
      case "false": return SweepValue(.bool(false))
      default: throw fail("'\(item)' is not true or false (the config holds a boolean there)")
      }
    case .string:
      return SweepValue(.string(item))
    case .inferred:
      if let number = Int(item) { return SweepValue(.integer(number)) }
      if let number = Double(item), number.isFinite { return SweepValue(.number(number)) }
      if item == "true" || item == "false" { return SweepValue(.bool(item == "true")) }
      return SweepValue(.string(item))
    }
  }

  /// The values of a range item.
  private static func range(
    _ item: String, type: SweepValueType, fail: (String) -> CLIError
  ) throws(CLIError) -> [SweepValue] {
    let form = "expected START..END, START..END:xFACTOR or START..END:+STEP"
    let bounds = item.components(separatedBy: "..")
    guard bounds.count == 2 else { throw fail("'\(item)' is not a range; \(form)") }
    let start = bounds[0]
    var end = bounds[1]
    var step: (geometric: Bool, text: String)?
    if let colon = end.firstIndex(of: ":") {
      let stepText = String(end[end.index(after: colon)...])
      end = String(end[..<colon])
      guard let sign = stepText.first, sign == "x" || sign == "+", stepText.count > 1 else {
        throw fail("'\(item)' has step '\(stepText)'; \(form)")
      }
      step = (sign == "x", String(stepText.dropFirst()))
    }
    let integral =
      type == .integer
      || (type == .inferred && Int(start) != nil && Int(end) != nil
        && (step.map { Int($0.text) != nil } ?? true))
    if integral {
      guard let low = Int(start), let high = Int(end) else {
        throw fail("'\(item)': the ends of an integer range must be integers; \(form)")
      }
      guard low <= high else { throw fail("'\(item)': the start \(low) is above the end \(high)") }
      let values = try integerRange(low, high, step: step, item: item, fail: fail)
      return values.map { SweepValue(.integer($0)) }
    }
    guard let low = Double(start), let high = Double(end), low.isFinite, high.isFinite else {
      throw fail("'\(item)': the ends of a range must be numbers; \(form)")
    }
    guard low <= high else { throw fail("'\(item)': the start \(start) is above the end \(end)") }
    guard let step else {
      throw fail("'\(item)': a range of numbers needs a step (:xFACTOR or :+STEP)")
    }
    guard let amount = Double(step.text), amount.isFinite else {
      throw fail("'\(item)': '\(step.text)' is not a number")
    }
    var values: [Double] = []
    if step.geometric {
      guard amount > 1 else { throw fail("'\(item)': the factor must be greater than 1") }
      guard low > 0 else { throw fail("'\(item)': a geometric range must start above 0") }
      var value = low
      // Tolerate rounding at the end: 0.1·3 may land a hair above 0.3.
      while value <= high * (1 + 1e-12) {
        values.append(value)
        guard values.count <= maximumRangeCount else { throw tooMany(item, fail: fail) }
        value *= amount
      }
    } else {
      guard amount > 0 else { throw fail("'\(item)': the step must be greater than 0") }
      let decimals = max(decimalPlaces(start), decimalPlaces(step.text))
      let count = ((high - low) / amount * (1 + 1e-12)).rounded(.down) + 1
      guard count <= Double(maximumRangeCount) else { throw tooMany(item, fail: fail) }
      for index in 0..<Int(count) {
        values.append(rounded(low + Double(index) * amount, decimals: decimals))
      }
    }
    return values.map { SweepValue(.number($0)) }
  }

  private static func integerRange(
    _ low: Int, _ high: Int, step: (geometric: Bool, text: String)?, item: String,
    fail: (String) -> CLIError
  ) throws(CLIError) -> [Int] {
    let geometric = step?.geometric ?? false
    guard let amount = step.map({ Int($0.text) }) ?? 1 else {
      throw fail(
        "'\(item)': '\(step?.text ?? "")' is not an integer; integer ranges step by whole numbers")
    }
    if geometric {
      guard amount >= 2 else { throw fail("'\(item)': the factor must be at least 2") }
      guard low > 0 else { throw fail("'\(item)': a geometric range must start above 0") }
    } else {
      guard amount >= 1 else { throw fail("'\(item)': the step must be at least 1") }
    }
    var values: [Int] = []
    var value = low
    while value <= high {
      values.append(value)
      guard values.count <= maximumRangeCount else { throw tooMany(item, fail: fail) }
      let (next, overflow) =
        geometric
        ? value.multipliedReportingOverflow(by: amount) : value.addingReportingOverflow(amount)
      if overflow { break }
      value = next
    }
    return values
  }

  private static func tooMany(_ item: String, fail: (String) -> CLIError) -> CLIError {
    fail("'\(item)' gives more than \(maximumRangeCount) values")
  }

  /// Digits after the decimal point in a written number (`0.25` → 2, `16` → 0, `1e-3` → 3).
  static func decimalPlaces(_ text: String) -> Int {
    let lowered = text.lowercased()
    let mantissa = lowered.split(separator: "e", maxSplits: 1).first.map(String.init) ?? lowered
    let exponent = lowered.contains("e") ? Int(lowered.split(separator: "e")[1]) ?? 0 : 0
    let fraction = mantissa.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
    return min(15, max(0, fraction - exponent))
  }

  /// `value` rounded to `decimals` places (half away from zero).
  static func rounded(_ value: Double, decimals: Int) -> Double {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let result = (value * scale).rounded() / scale
    return result.isFinite ? result : value
  }

  /// A sample list for messages.
  static func example(_ type: SweepValueType) -> String {
    switch type {
    case .integer: "'16,32,64' or '16..256:x2'"
    case .number: "'12.8,25.6' or '12.8..102.4:x2'"
    case .boolean: "'true,false'"
    case .string: "'os,ws,is'"
    case .inferred: "'16,32'"
    }
  }
}
