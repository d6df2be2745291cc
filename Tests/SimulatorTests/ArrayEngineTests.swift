import Hardware
import LayerTrace
import Simulator
import Testing

/// The closed forms of ``ArrayEngine`` against a fold-by-fold walk of SCALE-Sim's demand
/// matrices, and its handling of batch, sparsity, vector ops and absurd sizes.
struct ArrayEngineTests {
  /// Counts from walking every fold, as SCALE-Sim's `create_*_demand_mat` do: per fold the
  /// used rows/cols of the tile, its cycles, and the real (non-padding) operand entries fed.
  struct Walk: Equatable {
    var cycles = 0
    var mappingSum = 0.0
    var computeUtilSum = 0.0
    var input = 0
    var weight = 0
    var output = 0
    var folds = 0
  }

  static func walk(m: Int, k: Int, n: Int, rows r: Int, cols c: Int, dataflow: Dataflow) -> Walk {
    let (sr, sc, t): (Int, Int, Int) =
      switch dataflow {
      case .outputStationary: (m, n, k)
      case .weightStationary: (k, n, m)
      case .inputStationary: (k, m, n)
      }
    var result = Walk()
    var colStart = 0
    while colStart < sc {  // column fold outer
      let usedCols = min(c, sc - colStart)
      var rowStart = 0
      while rowStart < sr {  // row fold inner
        let usedRows = min(r, sr - rowStart)
        let foldCycles = dataflow == .outputStationary ? r + c + t - 2 : 2 * r + c + t - 2
        let height = dataflow == .outputStationary ? foldCycles : foldCycles + c - 1
        result.folds += 1
        result.cycles += foldCycles
        result.mappingSum += Double(usedRows * usedCols) / Double(r * c)
        result.computeUtilSum += Double(usedRows * usedCols * t) / Double(r * c * height)
        switch dataflow {
        case .outputStationary:
          result.input += usedRows * t  // Aᵀ rows of this M-range, T = K deep
          result.weight += usedCols * t  // W columns of this N-range
          result.output += usedRows * usedCols
        case .weightStationary:
          result.input += t * usedRows  // all M rows of this K-range
          result.weight += usedRows * usedCols  // the stationary tile
          result.output += t * usedCols  // partial sums of this N-range
        case .inputStationary:
          result.input += usedRows * usedCols  // the stationary input tile
          result.weight += t * usedRows  // Wᵀ of this K-range
          result.output += t * usedCols  // partial sums of this M-range
        }
        rowStart += r
      }
      colStart += c
    }
    return result
  }

  @Test(arguments: Dataflow.allCases)
  func `closed form equals a fold-by-fold walk`(_ dataflow: Dataflow) throws {
    var checked = 0
    for r in 1...4 {
      for c in 1...4 {
        let array = SystolicArray(rows: r, cols: c, dataflow: dataflow, clockMHz: 1000)
        for m in 1...9 {
          for k in 1...9 {
            for n in 1...9 {
              let record = TraceRecord.gemm(name: "g", kind: .linear, m: m, k: k, n: n)
              let stats = try ArrayEngine.stats(for: record, on: array, sparseWeights: .dense)
              let walk = Self.walk(m: m, k: k, n: n, rows: r, cols: c, dataflow: dataflow)
              let folds = Double(walk.folds)
              guard
                stats.computeCycles.count == walk.cycles,
                close(stats.mappingEfficiency, walk.mappingSum / folds, relative: 1e-12),
                close(stats.computeUtilization, walk.computeUtilSum / folds, relative: 1e-12),
                stats.sramInputReadElements == walk.input,
                stats.sramWeightReadElements == walk.weight,
                stats.sramOutputWriteElements == walk.output,
                stats.mapping?.folds == walk.folds
              else {
                Issue.record("\(dataflow) \(r)×\(c) M=\(m) K=\(k) N=\(n): \(stats) vs \(walk)")
                return
              }
              checked += 1
            }
          }
        }
      }
    }
    #expect(checked == 16 * 729)
  }

  @Test func `worked example: DeiT-S fc1 on 32×32`() throws {
    let fc1 = TraceRecord.gemm(name: "fc1", kind: .linear, m: 197, k: 384, n: 1536)
    let expected: [(Dataflow, Int)] = [
      (.outputStationary, 7 * 48 * 446), (.weightStationary, 12 * 48 * 291),
      (.inputStationary, 12 * 7 * 1630),
    ]
    for (dataflow, cycles) in expected {
      let array = SystolicArray(rows: 32, cols: 32, dataflow: dataflow, clockMHz: 1000)
      let stats = try ArrayEngine.stats(for: fc1, on: array, sparseWeights: .dense)
      #expect(stats.computeCycles.count == cycles, "\(dataflow)")
      #expect(stats.macs == 197 * 384 * 1536)
      #expect(close(stats.utilization, Double(stats.macs) / Double(cycles * 1024), relative: 1e-15))
    }
  }

  @Test(arguments: Dataflow.allCases)
  func `batch repeats the product`(_ dataflow: Dataflow) throws {
    let array = SystolicArray(rows: 8, cols: 8, dataflow: dataflow, clockMHz: 1000)
    let one = try ArrayEngine.stats(
      for: .gemm(name: "qk", kind: .matmul, m: 197, k: 64, n: 197), on: array, sparseWeights: .dense
    )
    let six = try ArrayEngine.stats(
      for: .gemm(name: "qk", kind: .matmul, batch: 6, m: 197, k: 64, n: 197), on: array,
      sparseWeights: .dense)
    #expect(six.computeCycles.count == 6 * one.computeCycles.count)
    #expect(six.macs == 6 * one.macs)
    #expect(six.sramInputReadElements == 6 * one.sramInputReadElements)
    #expect(six.sramWeightReadElements == 6 * one.sramWeightReadElements)
    #expect(six.sramOutputWriteElements == 6 * one.sramOutputWriteElements)
    #expect(six.mappingEfficiency == one.mappingEfficiency)
    #expect(six.computeUtilization == one.computeUtilization)
    #expect(close(six.utilization, one.utilization, relative: 1e-15))
    #expect(six.rowFolds == one.rowFolds && six.colFolds == one.colFolds)
  }

  @Test func `condensed N:M weights shrink K by SCALE-Sim's rule`() {
    let rule = SparseWeightHandling.condensed
    #expect(rule.effectiveK(k: 384, sparsity: .twoFour) == 192)
    #expect(rule.effectiveK(k: 197, sparsity: .twoFour) == 99)  // 49·2 + min(1, 2)
    #expect(rule.effectiveK(k: 7, sparsity: .structured(n: 1, m: 4)) == 2)  // 1·1 + min(3, 1)
    #expect(rule.effectiveK(k: 3, sparsity: .structured(n: 2, m: 8)) == 2)  // 0 + min(3, 2)
    #expect(rule.effectiveK(k: 384, sparsity: .dense) == 384)
    #expect(SparseWeightHandling.dense.effectiveK(k: 384, sparsity: .twoFour) == 384)
  }

  @Test func `sparse weights run dense unless condensed`() throws {
    let array = SystolicArray(rows: 16, cols: 16, dataflow: .weightStationary, clockMHz: 500)
    let sparse = TraceRecord.gemm(
      name: "fc", kind: .linear, m: 197, k: 384, n: 384, sparsity: .twoFour)
    let dense = TraceRecord.gemm(name: "fc", kind: .linear, m: 197, k: 384, n: 384)
    let half = TraceRecord.gemm(name: "fc", kind: .linear, m: 197, k: 192, n: 384)
    #expect(
      try ArrayEngine.stats(for: sparse, on: array, sparseWeights: .dense)
        == ArrayEngine.stats(for: dense, on: array, sparseWeights: .dense))
    let condensed = try ArrayEngine.stats(for: sparse, on: array, sparseWeights: .condensed)
    let reference = try ArrayEngine.stats(for: half, on: array, sparseWeights: .dense)
    #expect(condensed == reference)
    #expect(condensed.effectiveK == 192)
  }

  @Test func `vector ops are idle on the array`() throws {
    let array = SystolicArray.default
    let softmax = TraceRecord.vector(name: "softmax", kind: .softmax, rows: 197, rowLength: 197)
    #expect(try ArrayEngine.stats(for: softmax, on: array, sparseWeights: .condensed) == .idle)
  }

  @Test func `absurd sizes throw instead of trapping`() {
    let array = SystolicArray(rows: 1, cols: 1, dataflow: .weightStationary, clockMHz: 1000)
    // batch·m·k·n = 2^62 fits Int, but ws on 1×1 takes 2R + C + T − 2 = 2 cycles per MAC.
    let huge = TraceRecord.gemm(
      name: "huge", kind: .linear, batch: 1 << 40, m: 1, k: 1 << 11, n: 1 << 11)
    #expect(huge.problems().isEmpty)
    #expect(throws: ArrayEngine.Failure.overflow) {
      try ArrayEngine.stats(for: huge, on: array, sparseWeights: .dense)
    }
    var empty = TraceRecord.gemm(name: "empty", kind: .linear, m: 4, k: 4, n: 4)
    empty.k = 0
    #expect(throws: ArrayEngine.Failure.emptyDimension) {
      try ArrayEngine.stats(for: empty, on: array, sparseWeights: .dense)
    }
  }
}
