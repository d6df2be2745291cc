/// A number of clock cycles.
///
/// Wrapping the count keeps cycles from being added to element or byte counts by mistake;
/// arithmetic that may overflow goes through ``adding(_:)`` and ``multiplied(by:)``, which
/// return nil instead of trapping.
public struct Cycles: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The number of cycles, ≥ 0.
  public var count: Int

  @inlinable
  public init(_ count: Int) {
    self.count = count
  }

  public static let zero = Cycles(0)

  @inlinable
  public static func < (lhs: Cycles, rhs: Cycles) -> Bool { lhs.count < rhs.count }

  /// The sum, or nil when it overflows `Int`.
  @inlinable
  public func adding(_ other: Cycles) -> Cycles? {
    let (sum, overflow) = count.addingReportingOverflow(other.count)
    return overflow ? nil : Cycles(sum)
  }

  /// The product with a repeat count, or nil when it overflows `Int`.
  @inlinable
  public func multiplied(by factor: Int) -> Cycles? {
    let (product, overflow) = count.multipliedReportingOverflow(by: factor)
    return overflow ? nil : Cycles(product)
  }

  /// The time these cycles take at `clockMHz`, in milliseconds.
  @inlinable
  public func milliseconds(atMHz clockMHz: Double) -> Double {
    Double(count) / (clockMHz * 1000)
  }

  public var description: String { String(count) }
}
