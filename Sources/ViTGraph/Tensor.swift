import LayerTrace

/// The shape of a value flowing through a graph, and where its data comes from.
///
/// A tensor is a value, not storage: the builder's ops return new tensors, and the views in
/// `Tensor+Views.swift` (reshape, strided permutation, slice, broadcast) return new shapes of the
/// same data without adding an op. Shapes are in elements, outermost axis first; the batch of
/// images is always part of the leading axis (or axes), so a graph built for batch B carries B in
/// its shapes.
public struct Tensor: Hashable, Sendable {
  /// Where a tensor's data is produced.
  public enum Source: Hashable, Sendable {
    /// A graph input, by name.
    case input(String)
    /// The output of the op at this index of ``ViTGraph/ops`` (or of the builder's ops).
    case op(Int)
    /// The constant at this index of ``ViTGraph/constants``.
    case constant(Int)
  }

  /// Extent of each axis, in elements; every extent is at least 1.
  public private(set) var shape: [Int]
  /// The product of ``shape`` (checked to fit `Int` when the tensor was made).
  public private(set) var elementCount: Int
  /// The op, input or constant whose data this tensor shows.
  public private(set) var source: Source

  /// A tensor of `shape` from `source`.
  ///
  /// - Throws: ``ModelError`` when an extent is below 1 or the element count overflows `Int`;
  ///   `context` names the op or input in the message.
  init(shape: [Int], source: Source, context: String) throws(ModelError) {
    if let bad = shape.first(where: { $0 < 1 }) {
      throw ModelError("'\(context)': shape \(shape) has an extent \(bad) below 1")
    }
    guard let count = checkedProduct(of: shape) else {
      throw ModelError(
        "'\(context)': shape \(shape) has more elements than a 64-bit integer can count; "
          + "use a smaller batch or image size")
    }
    self.shape = shape
    self.elementCount = count
    self.source = source
  }

  /// The number of axes.
  public var rank: Int { shape.count }

  /// True when the data is a constant (a parameter, a derived table or a buffer).
  public var isConstant: Bool {
    if case .constant = source { return true }
    return false
  }
}
