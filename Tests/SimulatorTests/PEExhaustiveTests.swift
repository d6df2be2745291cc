import Hardware
import Testing

@testable import Simulator

/// Exhaustive checks of the PE arithmetic against a wider-integer (Int64) oracle, in the manner
/// of swift-numerics' saturating-arithmetic tests: every operand pair, not a sample.
struct PEExhaustiveTests {
  static let int8Values = (-128...127).map { Int8($0) }
  static let int4Values = (-8...7).map { Int8($0) }

  @Test func `every Int8 pair through the dense PE equals the Int64 product`() {
    let op = DenseInt8MAC()
    var mismatches = 0
    for a in Self.int8Values {
      for w in Self.int8Values {
        let product = Int64(a) * Int64(w)
        // From zero, and from an accumulator near each end of the bound's range.
        if Int64(op.multiplyAccumulate(0, a, w)) != product { mismatches += 1 }
        let high: Int32 = Int32.max - (1 << 14)
        if Int64(op.multiplyAccumulate(high, a, w)) != Int64(high) + product { mismatches += 1 }
        let low: Int32 = Int32.min + (1 << 14)
        if Int64(op.multiplyAccumulate(low, a, w)) != Int64(low) + product { mismatches += 1 }
      }
    }
    #expect(mismatches == 0)
  }

  @Test(arguments: Dataflow.allCases)
  func `every Int8 pair through a 1x1 array equals the Int64 product`(dataflow: Dataflow) {
    // The outer product of the 256 values with themselves (M = N = 256, K = 1) runs all
    // 65,536 pairs through the single PE, one output per pair.
    let values = Self.int8Values
    let result = PEArrayReference(rows: 1, cols: 1).multiply(
      values, values, m: 256, k: 1, n: 256, dataflow: dataflow)
    var mismatches = 0
    for (i, a) in values.enumerated() {
      for (j, w) in values.enumerated()
      where Int64(result.product[i * 256 + j]) != Int64(a) * Int64(w) {
        mismatches += 1
      }
    }
    #expect(mismatches == 0)
    #expect(result.counters.macs == 65_536)
  }

  @Test func `accumulation sequences equal the Int64 sum up to the bound`() {
    let op = DenseInt8MAC()
    let k = PEArrayReference.maxReduction
    // The two extremes of the bound: K products of 2^14 and of −128·127.
    for (a, w) in [(Int8.min, Int8.min), (Int8.min, Int8.max), (Int8.max, Int8.max)] {
      var acc: Int32 = 0
      for _ in 0..<k { acc = op.multiplyAccumulate(acc, a, w) }
      #expect(Int64(acc) == Int64(k) * Int64(a) * Int64(w), "\(a)·\(w)")
    }
    // Random sequences of random lengths.
    var rng = SplitMix64(seed: 0xACC)
    for _ in 0..<64 {
      let length = rng.logUniform(in: 1...4096)
      var acc: Int32 = 0
      var oracle: Int64 = 0
      for _ in 0..<length {
        let a = Int8(truncatingIfNeeded: rng.next())
        let w = Int8(truncatingIfNeeded: rng.next())
        acc = op.multiplyAccumulate(acc, a, w)
        oracle += Int64(a) * Int64(w)
      }
      #expect(Int64(acc) == oracle)
    }
  }

  @Test func `every Int4 pair through the 2-lane INT4 PE, packed and unpacked`() throws {
    let op = PackedLanesMAC(weightBits: 4, activationBits: 4, lanes: 2)
    var mismatches: [String] = []
    for x in Self.int4Values {
      for y in Self.int4Values {
        // Lane 0 gets x·y, lane 1 gets y·x: both lanes see every pair.
        let aWord = try op.packActivations([x, y], m: 1, k: 2)
        let wWord = try op.packWeights([y, x], k: 2, n: 1)
        #expect(aWord.count == 1 && wWord.count == 1)
        // Two nibbles in one byte: lane 0 low, lane 1 high, two's complement.
        let byte = UInt64(UInt8(bitPattern: x) & 0x0F) | UInt64(UInt8(bitPattern: y) & 0x0F) << 4
        if aWord[0] != byte { mismatches.append("pack \(x),\(y)") }
        if PackedLanesMAC.lane(0, of: aWord[0], bits: 4) != Int32(x)
          || PackedLanesMAC.lane(1, of: aWord[0], bits: 4) != Int32(y)
        {
          mismatches.append("unpack \(x),\(y)")
        }
        let oracle = 2 * Int64(x) * Int64(y)
        if Int64(op.multiplyAccumulate(0, aWord[0], wWord[0])) != oracle {
          mismatches.append("mac \(x)·\(y)")
        }
        // One lane alone: the other is zero-filled (K = 1).
        let single = op.multiplyAccumulate(
          0, try op.packActivations([x], m: 1, k: 1)[0], try op.packWeights([y], k: 1, n: 1)[0])
        if Int64(single) != Int64(x) * Int64(y) { mismatches.append("lane 0 \(x)·\(y)") }
      }
    }
    #expect(mismatches.count == 0, "first: \(mismatches.prefix(4))")
  }

  @Test(arguments: Dataflow.allCases)
  func `every Int4 pair through a 1x1 INT4 array equals the Int64 product`(
    dataflow: Dataflow
  ) throws {
    let values = Self.int4Values
    let result = try PEArrayReference(rows: 1, cols: 1).multiply(
      values, values, m: 16, k: 1, n: 16, dataflow: dataflow, operation: .int4(lanes: 2))
    #expect(result.reductionWords == 1)
    var mismatches: [String] = []
    for (i, a) in values.enumerated() {
      for (j, w) in values.enumerated()
      where Int64(result.product[i * 16 + j]) != Int64(a) * Int64(w) {
        mismatches.append("\(a)·\(w) gave \(result.product[i * 16 + j])")
      }
    }
    #expect(mismatches.count == 0, "first: \(mismatches.prefix(4))")
  }

  @Test func `every Int8 weight by Int4 activation pair through the 2-lane PE`() throws {
    let op = PackedLanesMAC(weightBits: 8, activationBits: 4, lanes: 2)
    var mismatches = 0
    for x in Self.int4Values {
      for w in Self.int8Values {
        let a = try op.packActivations([x, -x == 8 ? 7 : -x], m: 1, k: 2)[0]
        let wWord = try op.packWeights([w, w], k: 2, n: 1)[0]
        let other = Int64(-x == 8 ? 7 : -x)
        let oracle = Int64(x) * Int64(w) + other * Int64(w)
        if Int64(op.multiplyAccumulate(0, a, wWord)) != oracle { mismatches += 1 }
        if PackedLanesMAC.lane(1, of: wWord, bits: 8) != Int32(w) { mismatches += 1 }
      }
    }
    #expect(mismatches == 0)
  }

  @Test func `lane accumulation reaches the bound exactly`() throws {
    // 2^17 − 1 products of (−8)·(−8) in 2 lanes, and of (−128)·(−8) for W8A4.
    let k = PEArrayReference.maxReduction
    for (op, a, w) in [
      (PackedLanesMAC(weightBits: 4, activationBits: 4, lanes: 2), Int8(-8), Int8(-8)),
      (PackedLanesMAC(weightBits: 8, activationBits: 4, lanes: 2), Int8(-8), Int8(-128)),
    ] {
      let aWords = try op.packActivations([Int8](repeating: a, count: k), m: 1, k: k)
      let wWords = try op.packWeights([Int8](repeating: w, count: k), k: k, n: 1)
      #expect(aWords.count == (k + 1) / 2)
      var acc: Int32 = 0
      for i in aWords.indices { acc = op.multiplyAccumulate(acc, aWords[i], wWords[i]) }
      #expect(Int64(acc) == Int64(k) * Int64(a) * Int64(w))
    }
  }

  @Test func `values wider than the operation are rejected with their position`() {
    let array = PEArrayReference(rows: 2, cols: 2)
    #expect {
      _ = try array.multiply(
        [1, 2, 8, 0], [1, 1, 1, 1], m: 2, k: 2, n: 2, dataflow: .outputStationary,
        operation: .int4(lanes: 2))
    } throws: { error in
      String(describing: error) == "a[1, 0] = 8 does not fit 4 bits (-8...7)"
    }
    #expect {
      _ = try array.multiply(
        [1, 1, 1, 1], [1, 1, -9, 1], m: 2, k: 2, n: 2, dataflow: .weightStationary,
        operation: .dense(weightBits: 4, activationBits: 8, lanes: 2))
    } throws: { error in
      String(describing: error) == "w[1, 0] = -9 does not fit 4 bits (-8...7)"
    }
  }
}
