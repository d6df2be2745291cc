import LayerTrace

/// What an op computes, with the settings its shape inference and lowering need.
///
/// Shapes and counts live on the ``Op`` (inputs and output); this enum says what the op is.
public enum Operation: Hashable, Sendable {
  /// `y = x·Wᵀ (+ b)` on the last axis. The bias, when present, is fused (no separate record).
  case linear(inFeatures: Int, outFeatures: Int, bias: Bool)
  /// A 2-D convolution on an NCHW image batch.
  case conv(Convolution)
  /// A batched product of two activations, `(…, M, K)·(…, K, N)`.
  case matmul
  /// Softmax over the last axis.
  case softmax
  /// LayerNorm over the last axis, with affine weight and bias.
  case layerNorm
  /// BatchNorm over the channel axis (axis 1) of NCHW, in eval mode with affine weight and bias.
  case batchNorm
  /// GELU (exact erf form), element-wise.
  case gelu
  /// Element-wise sum; the second operand may be broadcast and may be a constant.
  case add
  /// Multiplication by a scalar (e.g. the attention scale).
  case mul(factor: Double)
  /// Mean over one axis, which the output drops.
  case mean(axis: Int)
  /// The `k` largest entries of each row of the last axis (values and indices).
  case topK(k: Int)
  /// Batched region select: `out[b, q, t, …] = source[b, indices[b, q, t], …]`.
  case gather
  /// Cyclic shift by `shifts[i]` along `axes[i]` (PyTorch's `torch.roll`).
  case roll(shifts: [Int], axes: [Int])
  /// A copy with the axes reordered so that the data moves (`output.shape[i] = input.shape[axes[i]]`).
  case permute(axes: [Int])
  /// Concatenation along one axis.
  case concat(axis: Int)

  /// The trace kind this operation lowers to.
  public var kind: OpKind {
    switch self {
    case .linear: .linear
    case .conv: .conv
    case .matmul: .matmul
    case .softmax: .softmax
    case .layerNorm: .layernorm
    case .batchNorm: .batchnorm
    case .gelu: .gelu
    case .add: .add
    case .mul: .mul
    case .mean: .mean
    case .topK: .topk
    case .gather: .gather
    case .roll: .roll
    case .permute: .permute
    case .concat: .concat
    }
  }
}

/// The settings of a 2-D convolution: square kernel, equal stride and zero padding on both
/// spatial axes, and channel groups.
///
/// Output side = `(side + 2·padding − kernel) / stride + 1`, rounded down (PyTorch's rule).
/// Depthwise is `groups == inChannels == outChannels`.
public struct Convolution: Hashable, Sendable {
  public var inChannels: Int
  public var outChannels: Int
  /// Kernel side, in pixels.
  public var kernel: Int
  /// Stride, in pixels.
  public var stride: Int
  /// Zero padding added on each side, in pixels.
  public var padding: Int
  /// Channel groups; `inChannels` and `outChannels` are multiples of it.
  public var groups: Int
  /// Whether a per-output-channel bias is added (fused into the conv record).
  public var bias: Bool

  public init(
    inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
    groups: Int = 1, bias: Bool = true
  ) {
    self.inChannels = inChannels
    self.outChannels = outChannels
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.groups = groups
    self.bias = bias
  }
}
