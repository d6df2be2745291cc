import Hardware
import LayerTrace
import Simulator
import Testing

/// The array engine against every run in `Fixtures/scalesim_validation.csv` (real SCALE-Sim
/// 3.0.0 reports: 270 dense and 136 2:4 runs, GEMM and conv, os/ws/is, 8×8 to 128×128, CALC
/// and USER bandwidth modes).
///
/// Compared per run: compute cycles (`Total Cycles − Stall Cycles + 1`), mapping efficiency
/// and compute utilization (relative 1e-9), overall utilization (when SCALE-Sim did not stall;
/// with stalls its value includes stall cycles that only its memory model produces), SRAM
/// ifmap and filter reads, and SRAM ofmap writes in SCALE-Sim's form (os adds R+C per fold).
/// Each layer goes through the topology importer as SCALE-Sim read it.
struct ScaleSimAgreementTests {
  @Test func `fixture holds every run`() {
    #expect(ScaleSimValidationRow.all.count == 406)
    #expect(ScaleSimValidationRow.dense.count == 270)
    #expect(ScaleSimValidationRow.sparse.count == 136)
    #expect(ScaleSimValidationRow.all.filter { $0.kind == "conv" }.count == 54)
  }

  @Test(arguments: ScaleSimValidationRow.dense)
  func `dense run matches SCALE-Sim`(_ row: ScaleSimValidationRow) throws {
    try check(row)
  }

  @Test(arguments: ScaleSimValidationRow.sparse)
  func `2:4 run matches SCALE-Sim with the condensed-K rule`(_ row: ScaleSimValidationRow) throws {
    try check(row)
  }

  private func check(_ row: ScaleSimValidationRow) throws {
    let trace = try LayerTrace(scaleSimTopology: row.topologyCSV, file: row.caseID)
    try #require(trace.records.count == 1)
    let record = trace.records[0]
    #expect(record.m == row.m && record.k == row.k && record.n == row.n, "imported (M, K, N)")
    let array = row.array
    let stats = try ArrayEngine.stats(for: record, on: array, sparseWeights: .condensed)
    let compat = try #require(
      ScaleSimCompatibility.computeRow(layerID: 0, record: record, stats: stats, on: array))
    let access = try #require(
      ScaleSimCompatibility.sramAccesses(
        record: record, stats: stats, on: array, sparseWeights: .condensed))

    let expectedCycles = Int(row.totalCycles - row.stallCycles) + 1
    #expect(stats.computeCycles.count == expectedCycles)
    #expect(compat.totalCycles == Int(row.totalCycles - row.stallCycles))
    #expect(
      close(compat.mappingEfficiencyPercent, row.mappingEfficiencyPercent),
      "mapping efficiency \(compat.mappingEfficiencyPercent) vs \(row.mappingEfficiencyPercent)")
    #expect(
      close(compat.computeUtilPercent, row.computeUtilPercent),
      "compute util \(compat.computeUtilPercent) vs \(row.computeUtilPercent)")
    if row.stallCycles == 0 {
      #expect(
        close(compat.overallUtilPercent, row.overallUtilPercent),
        "overall util \(compat.overallUtilPercent) vs \(row.overallUtilPercent)")
    } else {
      // SCALE-Sim's overall util includes its stalls; the definition still holds with them.
      let withStalls = 100 * Double(record.macs) / (row.totalCycles * Double(row.rows * row.cols))
      #expect(close(withStalls, row.overallUtilPercent))
    }
    #expect(
      close(access.ifmapReads, row.sramIfmapReads, relative: 1e-12),
      "ifmap reads \(access.ifmapReads) vs \(row.sramIfmapReads)")
    #expect(Double(access.filterReads) == row.sramFilterReads)
    #expect(Double(access.ofmapWrites) == row.sramOfmapWrites)
  }
}
