/// The kind of a trace record: a GEMM-like product run on the systolic array, or a vector /
/// data-movement op run on the vector unit.
///
/// | kind | operands | dims used |
/// |---|---|---|
/// | `linear` | activation `[M×K]` × static weight `[K×N]` | batch, m, k, n |
/// | `conv` | im2col activation × static weight (batch = groups) | batch, m, k, n |
/// | `matmul` | activation × activation (QKᵀ, PV, routing) | batch, m, k, n |
/// | `softmax`, `layernorm`, `batchnorm`, `mean`, `topk` | rows of `rowLength` elements | elements, rows, row_length |
/// | `gelu`, `add`, `mul`, `gather`, `roll`, `permute`, `concat` | element-wise / data movement | elements |
public enum OpKind: String, CaseIterable, Hashable, Sendable {
  case linear
  case conv
  case matmul
  case softmax
  case layernorm
  case batchnorm
  case gelu
  case add
  case mul
  case mean
  case topk
  case gather
  case roll
  case permute
  case concat

  /// True for the kinds that run on the systolic array as `batch × [M×K]·[K×N]` products.
  public var isGEMM: Bool {
    switch self {
    case .linear, .conv, .matmul: true
    default: false
    }
  }

  /// True for GEMM kinds whose right-hand operand is a static (pre-trained) weight.
  public var hasStaticWeightOperand: Bool {
    switch self {
    case .linear, .conv: true
    default: false
    }
  }

  /// True for vector kinds that work row by row (a reduction along `rowLength`).
  public var isRowWise: Bool {
    switch self {
    case .softmax, .layernorm, .batchnorm, .mean, .topk: true
    default: false
    }
  }
}
