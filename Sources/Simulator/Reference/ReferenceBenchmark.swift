import Hardware

extension PEArrayReference {
  /// A fixed workload for timing the reference: a DeiT-Tiny-sized GEMM (M=197, K=192, N=192)
  /// with seeded Int8 data on a 32×32 array, once per dataflow (os, ws, is).
  ///
  /// Time it in a release build and divide `peUpdates` by the seconds: that is the
  /// reference's PE updates per second. `checksum` depends on every product value and count,
  /// so the optimiser cannot drop the work and a wrong change shows up.
  /// - Returns: total PE register updates stepped (34 074 624) and a checksum
  ///   (`0x2485962cc1ba9281` while the model and the data generator are unchanged).
  /// - Complexity: fixed work; about 0.3 s in a release build at ~100 M PE updates/s.
  public static func benchmarkWorkload() -> (peUpdates: Int, checksum: UInt64) {
    let (m, k, n) = (197, 192, 192)
    var rng = SplitMix64(seed: 0x7E57)
    let a = (0..<(m * k)).map { _ in Int8(truncatingIfNeeded: rng.next()) }
    let w = (0..<(k * n)).map { _ in Int8(truncatingIfNeeded: rng.next()) }
    let array = PEArrayReference(rows: 32, cols: 32)
    var peUpdates = 0
    var checksum: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a offset basis
    func mix(_ value: UInt64) {
      checksum = (checksum ^ value) &* 0x0000_0100_0000_01B3  // FNV-1a prime
    }
    for dataflow in Dataflow.allCases {
      let result = array.multiply(a, w, m: m, k: k, n: n, dataflow: dataflow)
      peUpdates += result.counters.peUpdates
      mix(UInt64(result.counters.cycles))
      mix(UInt64(result.counters.macs))
      for value in result.product { mix(UInt64(UInt32(bitPattern: value))) }
    }
    return (peUpdates, checksum)
  }
}
