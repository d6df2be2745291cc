import Foundation
import Testing

@testable import VitsimCLI

/// Numbers at the limits of Double and Int are printed and plotted, never trapped on.
struct ExtremeValuesTests {
  @Test func `huge values print with an exponent`() {
    #expect(formatFixed(1.5e20, digits: 3) == "1.5e+20")
    #expect(formatFixed(-2e300, digits: 1) == "-2e+300")
    #expect(formatFixed(12.3456, digits: 2) == "12.35")
    #expect(formatFixed(.infinity, digits: 1) == "inf")
  }

  @Test func `axes around extreme data stay finite and ordered`() {
    let cases: [([Double], AxisScale)] = [
      ([5e-324, 1.7e308], .logarithmic), ([1e308], .linear), ([-1.7e308, 1.7e308], .linear),
      ([1e-320], .logarithmic), ([.nan, .infinity], .linear),
    ]
    for (values, scale) in cases {
      let axis = Axis.fitting(values, scale: scale)
      #expect(axis.domain.lowerBound.isFinite && axis.domain.upperBound.isFinite, "\(values)")
      #expect(axis.domain.lowerBound < axis.domain.upperBound, "\(values)")
      if scale == .logarithmic { #expect(axis.domain.lowerBound > 0) }
    }
  }

  @Test func `a plot of extreme values is written`() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let csv = try directory.write("x,y\n5e-324,1e308\n1.7e308,5e-324\n1e308,2.5\n", to: "e.csv")
    for options in [["--log-x", "--log-y"], [], ["--pareto"]] {
      let run = vitsim(
        ["plot", csv, "--x", "x", "--y", "y", "--output", directory.path("e.svg")] + options)
      #expect(run.code == .success, "\(options): \(run.stderr)")
    }
  }
}
