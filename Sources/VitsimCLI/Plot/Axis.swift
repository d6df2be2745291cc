import Foundation

/// How data values map onto an axis.
enum AxisScale: Sendable, Equatable {
  case linear
  /// Base-10 logarithmic; every value must be positive.
  case logarithmic
}

/// One axis of a chart: its scale, the data range it spans and how to tick and label it.
///
/// Linear axes tick at "nice" steps (1, 2, 2.5 or 5 times a power of ten) with labels in
/// engineering style (`0`, `250`, `1.5k`, `2M`, `0.05`, `20µ`); logarithmic axes have major
/// ticks only at powers of ten, labelled `10⁰`, `10³`, `10⁻²`, and minor ticks at 2…9 times
/// each power when the axis spans at most six decades; on an axis spanning at most 2.5 decades
/// the minor ticks at 2× and 5× are labelled too, where they fit, and all labels are then
/// written in linear style (`10`, `20`, `50`, `100`, `2k`).
struct Axis: Sendable {
  struct Tick: Sendable, Equatable {
    var value: Double
    /// The text under or beside the tick; nil for minor ticks and thinned-out major ones.
    var label: String?
    var isMajor: Bool
  }

  var scale: AxisScale
  /// The data range from one end of the axis to the other; positive for a log axis.
  var domain: ClosedRange<Double>

  init(scale: AxisScale, domain: ClosedRange<Double>) {
    precondition(
      scale == .linear || domain.lowerBound > 0, "a log axis needs a positive domain")
    self.scale = scale
    self.domain = domain
  }

  /// An axis spanning `values` with `padding` (a fraction of the span, in log space for a log
  /// axis) added at both ends, or, with `startingAtZero`, from 0 up to a nice number above the
  /// largest value.
  ///
  /// Non-finite values (and non-positive ones on a log axis) are ignored. A log axis spanning
  /// less than a decade is widened to the powers of ten around the data, so that it has at
  /// least two labelled ticks.
  static func fitting(
    _ values: [Double], scale: AxisScale, padding: Double = 0.05, startingAtZero: Bool = false
  ) -> Axis {
    // Values beyond ±max/16 are drawn at that edge, so that padding the ends stays finite.
    let limit = Double.greatestFiniteMagnitude / 16
    let usable = values.filter { $0.isFinite && (scale == .linear || $0 > 0) }
      .map { min(max($0, -limit), limit) }
    switch scale {
    case .linear:
      var low = usable.min() ?? 0
      var high = usable.max() ?? 1
      if startingAtZero {
        low = min(0, low)
        high = max(0, high)
        if low == high { high = 1 }
        let step = niceStep(span: high - low, count: 5)
        high = (high / step).rounded(.up) * step
        low = (low / step).rounded(.down) * step
        return Axis(scale: .linear, domain: low...high)
      }
      if low == high {
        let half = low == 0 ? 1 : abs(low) * 0.1
        low -= half
        high += half
      }
      let pad = (high - low) * padding
      return Axis(scale: .linear, domain: (low - pad)...(high + pad))
    case .logarithmic:
      var low = log10(usable.min() ?? 1)
      var high = log10(usable.max() ?? 10)
      if low == high {
        low -= 0.5
        high += 0.5
      }
      let pad = (high - low) * padding
      low -= pad
      high += pad
      if high.rounded(.down) < low.rounded(.up) + 1 {
        // Fewer than two powers of ten inside: widen to the enclosing ones.
        low = low.rounded(.down)
        high = max(high.rounded(.up), low + 1)
      }
      // Keep both ends normal positive numbers for data near the limits of Double.
      low = min(max(low, -300), 299)
      high = min(max(high, low + 1), 300)
      return Axis(scale: .logarithmic, domain: pow(10, low)...pow(10, high))
    }
  }

  /// Where `value` falls along the axis: 0 at the domain's lower end, 1 at the upper end.
  func fraction(_ value: Double) -> Double {
    switch scale {
    case .linear:
      let span = domain.upperBound - domain.lowerBound
      return span == 0 ? 0.5 : (value - domain.lowerBound) / span
    case .logarithmic:
      let low = log10(domain.lowerBound)
      let span = log10(domain.upperBound) - low
      return span == 0 ? 0.5 : (log10(value) - low) / span
    }
  }

  /// The ticks for an axis `length` points long whose labels are `labelSize` points high.
  ///
  /// Linear axes aim at a tick every 100 points (horizontal) or 55 points (vertical), and a
  /// horizontal one widens its step until labels are at least 12 points apart.
  func ticks(length: Double, labelSize: Double, horizontal: Bool) -> [Tick] {
    switch scale {
    case .linear: return linearTicks(length: length, labelSize: labelSize, horizontal: horizontal)
    case .logarithmic: return logTicks(length: length, labelSize: labelSize, horizontal: horizontal)
    }
  }

  private func linearTicks(length: Double, labelSize: Double, horizontal: Bool) -> [Tick] {
    let span = domain.upperBound - domain.lowerBound
    guard span > 0, span.isFinite else { return [] }
    var count = max(2, Int(length / (horizontal ? 100 : 55)))
    while true {
      let step = Self.niceStep(span: span, count: count)
      let first = (domain.lowerBound / step - 1e-9).rounded(.up)
      let last = (domain.upperBound / step + 1e-9).rounded(.down)
      var ticks: [Tick] = []
      var index = first
      while index <= last {
        var value = index * step
        if abs(value) < step * 1e-9 { value = 0 }
        ticks.append(Tick(value: value, label: Self.label(value, step: step), isMajor: true))
        index += 1
      }
      let pitch = length * step / span
      let widest = ticks.map { TextMetrics.width($0.label ?? "", size: labelSize) }.max() ?? 0
      let needed = horizontal ? widest + 12 : labelSize * 2
      if pitch >= needed || count <= 2 { return ticks }
      count -= 1
    }
  }

  private func logTicks(length: Double, labelSize: Double, horizontal: Bool) -> [Tick] {
    let lowExponent = Int(log10(domain.lowerBound).rounded(.down))
    let highExponent = Int(log10(domain.upperBound).rounded(.up))
    let decades = max(1, highExponent - lowExponent)
    let pitch = length / Double(decades)
    let widest = TextMetrics.width("10⁻⁰⁰", size: labelSize)
    let needed = horizontal ? widest + 12 : labelSize * 2
    let every = max(1, Int((needed / pitch).rounded(.up)))
    // On a short axis, 2× and 5× each power are labelled too (in linear style: 20, 500, 2k).
    let span = log10(domain.upperBound) - log10(domain.lowerBound)
    let narrowestGap = length * log10(2.0) / span
    let labelsMinor =
      span <= 2.5
      && narrowestGap >= (horizontal ? TextMetrics.width("500k", size: labelSize) + 12 : needed)
    var ticks: [Tick] = []
    for exponent in lowExponent...highExponent {
      let power = Self.powerOfTen(exponent)
      if domain.contains(power) {
        let label =
          labelsMinor
          ? Self.label(power, step: power)
          : exponent.isMultiple(of: every) ? Self.powerLabel(exponent) : nil
        ticks.append(Tick(value: power, label: label, isMajor: true))
      }
      if decades <= 6 {
        for multiple in 2...9 {
          let value = Double(multiple) * power
          guard domain.contains(value) else { continue }
          let label =
            labelsMinor && (multiple == 2 || multiple == 5)
            ? Self.label(value, step: power) : nil
          ticks.append(Tick(value: value, label: label, isMajor: false))
        }
      }
    }
    return ticks
  }

  /// 10^exponent, exact for the exponents a double represents exactly (up to 22).
  static func powerOfTen(_ exponent: Int) -> Double {
    if exponent >= 0 && exponent <= 22 {
      var value = 1.0
      for _ in 0..<exponent { value *= 10 }
      return value
    }
    return pow(10, Double(exponent))
  }

  /// A step of 1, 2, 2.5 or 5 times a power of ten that cuts `span` into about `count` parts
  /// (the nice number nearest, on a log scale, to `span / count`).
  static func niceStep(span: Double, count: Int) -> Double {
    let raw = span / Double(max(1, count))
    let magnitude = pow(10, log10(raw).rounded(.down))
    let residual = raw / magnitude
    // Thresholds are the geometric means of neighbouring nice numbers.
    let nice: Double =
      residual >= 50.0.squareRoot()
      ? 10
      : residual >= 12.5.squareRoot()
        ? 5
        : residual >= 5.0.squareRoot()
          ? 2.5
          : residual >= 2.0.squareRoot() ? 2 : 1
    return nice * magnitude
  }

  /// `10ᵏ` with Unicode superscript digits (`10⁶`, `10⁻³`).
  static func powerLabel(_ exponent: Int) -> String {
    let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    var text = exponent < 0 ? "⁻" : ""
    for digit in String(abs(exponent)) {
      text.append(superscripts[Int(String(digit)) ?? 0])
    }
    return "10" + text
  }

  /// An engineering-style label for a tick at `value` on an axis stepping by `step`: an SI
  /// prefix from k to E for magnitudes of 1000 and more, µ/n/p below 10⁻⁴, and just enough
  /// decimals to tell neighbouring ticks apart.
  static func label(_ value: Double, step: Double) -> String {
    if value == 0 { return "0" }
    let magnitude = abs(value)
    let large: [(Double, String)] = [
      (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"),
    ]
    let small: [(Double, String)] = [(1e-6, "µ"), (1e-9, "n"), (1e-12, "p")]
    var unit = 1.0
    var prefix = ""
    if magnitude >= 1000 * (1 - 1e-12) {
      if let match = large.first(where: { magnitude >= $0.0 * (1 - 1e-12) }) {
        (unit, prefix) = match
      }
    } else if magnitude < 1e-4 {
      (unit, prefix) =
        small.first(where: { magnitude >= $0.0 * (1 - 1e-12) }) ?? small[small.count - 1]
    }
    let digits = decimals(for: step / unit)
    var text = formatFixed(value / unit, digits: digits)
    if text.contains(".") {
      while text.last == "0" { text.removeLast() }
      if text.last == "." { text.removeLast() }
    }
    return text + prefix
  }

  /// The fewest decimals (0…9) that write multiples of `step` exactly.
  static func decimals(for step: Double) -> Int {
    var scaled = abs(step)
    for digits in 0...9 {
      if abs(scaled - scaled.rounded()) <= 1e-6 * max(1, scaled) { return digits }
      scaled *= 10
    }
    return 9
  }
}
