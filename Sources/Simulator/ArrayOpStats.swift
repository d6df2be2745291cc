/// What one trace record costs on the systolic array: cycles, how well it fills the array, and
/// the SRAM traffic of its operands, in elements.
///
/// Counts cover the whole record (all `batch` products); fold counts and the efficiency
/// fractions are per product, which are all alike. Vector records have all-zero stats: they
/// run on the vector unit, which is not modelled yet.
///
/// SRAM counts are the array's reads and writes of one-element words, as SCALE-Sim counts
/// them but without its os output bug:
///
/// | dataflow | input reads | weight reads | output writes |
/// |---|---|---|---|
/// | os | M·K·⌈N/C⌉ | K·N·⌈M/R⌉ | M·N |
/// | ws | M·K·⌈N/C⌉ | K·N | M·N·⌈K/R⌉ |
/// | is | M·K | K·N·⌈M/C⌉ | M·N·⌈K/R⌉ |
///
/// (times `batch`; K is the effective depth ``effectiveK``). In ws and is every row fold
/// writes its partial sums, so outputs are written once per K-fold.
public struct ArrayOpStats: Hashable, Sendable {
  /// The mapping of one product; nil for vector records.
  public var mapping: ArrayMapping?
  /// The reduction depth run on the array: K, or K' for a condensed N:M weight.
  public var effectiveK: Int
  /// Cycles the array is busy with this record, fill and drain of every fold included:
  /// `batch · folds · cyclesPerFold`. This is the true count, one more than SCALE-Sim's
  /// "Total Cycles" (which is the 0-based index of the last cycle).
  public var computeCycles: Cycles
  /// Multiply-accumulates the array performs: `batch·M·effectiveK·N`.
  public var macs: Int
  /// Mean fraction of the R·C PEs that hold work, over the folds (SCALE-Sim's "Mapping
  /// Efficiency" / 100); 0 for vector records.
  public var mappingEfficiency: Double
  /// SCALE-Sim's "Compute Util" / 100 (see ``ArrayMapping/scaleSimComputeUtilization``);
  /// 0 for vector records.
  public var computeUtilization: Double
  /// Fraction of PE-cycles that perform a MAC: `macs / (computeCycles · R · C)`; 0 for vector
  /// records.
  public var utilization: Double
  /// Elements of the input (left) operand read from SRAM into the array.
  public var sramInputReadElements: Int
  /// Elements of the weight (right) operand read from SRAM into the array.
  public var sramWeightReadElements: Int
  /// Elements of the output (and partial sums) written from the array to SRAM.
  public var sramOutputWriteElements: Int

  /// Row folds per product (0 for vector records).
  public var rowFolds: Int { mapping?.rowFolds ?? 0 }
  /// Column folds per product (0 for vector records).
  public var colFolds: Int { mapping?.colFolds ?? 0 }

  /// The stats of a record that does not use the array.
  public static let idle = ArrayOpStats(
    mapping: nil, effectiveK: 0, computeCycles: .zero, macs: 0, mappingEfficiency: 0,
    computeUtilization: 0, utilization: 0, sramInputReadElements: 0, sramWeightReadElements: 0,
    sramOutputWriteElements: 0)

  public init(
    mapping: ArrayMapping?, effectiveK: Int, computeCycles: Cycles, macs: Int,
    mappingEfficiency: Double, computeUtilization: Double, utilization: Double,
    sramInputReadElements: Int, sramWeightReadElements: Int, sramOutputWriteElements: Int
  ) {
    self.mapping = mapping
    self.effectiveK = effectiveK
    self.computeCycles = computeCycles
    self.macs = macs
    self.mappingEfficiency = mappingEfficiency
    self.computeUtilization = computeUtilization
    self.utilization = utilization
    self.sramInputReadElements = sramInputReadElements
    self.sramWeightReadElements = sramWeightReadElements
    self.sramOutputWriteElements = sramOutputWriteElements
  }
}
