/// The product of `values`, or nil when it overflows `Int`.
///
/// Used wherever sizes multiply (dims, bytes, cycles) so that absurd inputs become errors,
/// never traps.
@inlinable
public func checkedProduct(_ values: Int...) -> Int? {
  checkedProduct(of: values)
}

/// The product of a sequence of values, or nil when it overflows `Int`.
@inlinable
public func checkedProduct(of values: some Sequence<Int>) -> Int? {
  var result = 1
  for value in values {
    let (product, overflow) = result.multipliedReportingOverflow(by: value)
    if overflow { return nil }
    result = product
  }
  return result
}

/// The sum of `values`, or nil when it overflows `Int`.
@inlinable
public func checkedSum(of values: some Sequence<Int>) -> Int? {
  var result = 0
  for value in values {
    let (sum, overflow) = result.addingReportingOverflow(value)
    if overflow { return nil }
    result = sum
  }
  return result
}

/// The number of bytes that `count` values of `bits` bits occupy when packed:
/// `ceil(bits·count / 8)`, or nil on overflow.
@inlinable
public func packedBytes(count: Int, bits: Int) -> Int? {
  guard let totalBits = checkedProduct(count, bits) else { return nil }
  return totalBits / 8 + (totalBits % 8 == 0 ? 0 : 1)
}
