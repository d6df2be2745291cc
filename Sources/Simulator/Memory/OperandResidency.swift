/// Which of a GEMM's tensors are already on chip, or may stay there, when the op runs.
///
/// Decided by ``OnChipPlan`` from the trace's producer links and the chip's buffers; the
/// memory model then skips the DRAM transfers these make unnecessary.
public struct OperandResidency: Hashable, Sendable {
  /// The left operand (activations) was written on chip by the previous op and is still there.
  public var inputOnChip: Bool
  /// The right operand of a `matmul` was written on chip by the previous op.
  public var weightOnChip: Bool
  /// The output stays on chip for the next op and is not written to DRAM.
  public var outputStaysOnChip: Bool

  public init(
    inputOnChip: Bool = false, weightOnChip: Bool = false, outputStaysOnChip: Bool = false
  ) {
    self.inputOnChip = inputOnChip
    self.weightOnChip = weightOnChip
    self.outputStaysOnChip = outputStaysOnChip
  }

  /// Everything comes from and goes to DRAM.
  public static let none = OperandResidency()
}
