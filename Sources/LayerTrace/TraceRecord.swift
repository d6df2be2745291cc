/// One op of a layer trace: a GEMM-like product for the systolic array, or a vector /
/// data-movement op for the vector unit, with its shape, operand precisions and weight sparsity.
///
/// GEMM kinds (`linear`, `conv`, `matmul`) use `batch × [m×k]·[k×n]`; their vector fields are 0.
/// Vector kinds use `elements` (input elements processed) and, for row-wise kinds, `rows ×
/// rowLength` (= `elements`); their GEMM dims are 0. `outElements` is the number of elements the
/// op produces (`batch·m·n` for GEMMs). `weightElements` is the number of static-weight elements
/// the op reads (`batch·k·n` for `linear` and `conv`, 0 for `matmul`; for a vector op, e.g. the
/// position-embedding add or Swin's relative-position bias, the size of its constant operand).
///
/// Build records with ``gemm(name:kind:batch:m:k:n:weightBits:actBits:outBits:sparsity:)`` and
/// ``vector(name:kind:elements:rows:rowLength:outElements:weightElements:actBits:outBits:)``;
/// ``validate()`` states every invariant.
public struct TraceRecord: Hashable, Sendable {
  /// A stable hierarchical name, e.g. `blocks.3.attn.qkv`.
  public var name: String
  public var kind: OpKind
  public var batch: Int
  public var m: Int
  public var k: Int
  public var n: Int
  public var elements: Int
  public var rows: Int
  public var rowLength: Int
  public var outElements: Int
  public var weightElements: Int
  /// Bits per element of the static weight (or, for `matmul`, of the right-hand operand).
  public var weightBits: Int
  /// Bits per element of the (left-hand / input) activation.
  public var actBits: Int
  /// Bits per element of the output as written back.
  public var outBits: Int
  public var sparsity: Sparsity
  /// The label of the quantization recipe (and sparsity option) that set the bits and
  /// sparsity, e.g. `W8A8` or `W4A8+2:4`; see ``QuantizationRecipe/label(sparsity:)``.
  public var quant: String
  /// The records whose outputs this op reads, by trace index, in operand order (the left
  /// operand first; a matmul's right operand second). Constants and the model input are not
  /// listed, so the first op of a model has none. Every index is below the record's own.
  public var inputs: [Int]

  public init(
    name: String, kind: OpKind, batch: Int, m: Int, k: Int, n: Int, elements: Int, rows: Int,
    rowLength: Int, outElements: Int, weightElements: Int, weightBits: Int, actBits: Int,
    outBits: Int, sparsity: Sparsity, quant: String = TraceRecord.defaultQuant,
    inputs: [Int] = []
  ) {
    self.name = name
    self.kind = kind
    self.batch = batch
    self.m = m
    self.k = k
    self.n = n
    self.elements = elements
    self.rows = rows
    self.rowLength = rowLength
    self.outElements = outElements
    self.weightElements = weightElements
    self.weightBits = weightBits
    self.actBits = actBits
    self.outBits = outBits
    self.sparsity = sparsity
    self.quant = quant
    self.inputs = inputs
  }

  /// A GEMM-like record; `outElements` and `weightElements` are derived from the dims.
  ///
  /// Dims whose products overflow give a record that ``validate()`` rejects; the derived
  /// counts are then 0.
  public static func gemm(
    name: String, kind: OpKind, batch: Int = 1, m: Int, k: Int, n: Int, weightBits: Int = 8,
    actBits: Int = 8, outBits: Int = 8, sparsity: Sparsity = .dense
  ) -> TraceRecord {
    precondition(kind.isGEMM, "gemm(...) needs a GEMM kind, got \(kind)")
    let out = checkedProduct(batch, m, n) ?? 0
    let weight = kind.hasStaticWeightOperand ? (checkedProduct(batch, k, n) ?? 0) : 0
    return TraceRecord(
      name: name, kind: kind, batch: batch, m: m, k: k, n: n, elements: 0, rows: 0,
      rowLength: 0, outElements: out, weightElements: weight, weightBits: weightBits,
      actBits: actBits, outBits: outBits, sparsity: sparsity)
  }

  /// A vector or data-movement record.
  ///
  /// - Parameters:
  ///   - rows: for row-wise kinds, the number of rows; `elements` defaults to `rows·rowLength`.
  ///   - outElements: defaults to `rows` for `mean`, otherwise to `elements`.
  public static func vector(
    name: String, kind: OpKind, elements: Int? = nil, rows: Int = 0, rowLength: Int = 0,
    outElements: Int? = nil, weightElements: Int = 0, actBits: Int = 8, outBits: Int = 8
  ) -> TraceRecord {
    precondition(!kind.isGEMM, "vector(...) needs a vector kind, got \(kind)")
    let count = elements ?? (checkedProduct(rows, rowLength) ?? 0)
    let out = outElements ?? (kind == .mean ? rows : count)
    return TraceRecord(
      name: name, kind: kind, batch: 0, m: 0, k: 0, n: 0, elements: count, rows: rows,
      rowLength: rowLength, outElements: out, weightElements: weightElements,
      weightBits: 8, actBits: actBits, outBits: outBits, sparsity: .dense)
  }

  /// Multiply-accumulates: `batch·m·k·n` for GEMM kinds, 0 otherwise (dense count; a sparse
  /// weight does not change it).
  ///
  /// Valid only for a record that passed ``validate()`` (the product then fits `Int`).
  public var macs: Int {
    kind.isGEMM ? batch * m * k * n : 0
  }

  /// The widest bit width an operand may have.
  public static let maxBits = 64

  /// The `quant` label of a record nobody has applied a recipe to: the model builders emit
  /// 8-bit weights, activations and outputs, dense.
  public static let defaultQuant = "W8A8"
}
