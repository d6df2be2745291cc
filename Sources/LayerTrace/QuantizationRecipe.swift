/// A quantization recipe: the bit widths every record of a trace gets, from a base assignment
/// and an ordered list of overrides.
///
/// The base assignment `W<w>A<a>` (with `w`, `a` in `1...16`) sets, for every record:
///
/// | record | `weight_bits` | `act_bits` | `out_bits` |
/// |---|---|---|---|
/// | `linear`, `conv` | `w` | `a` | `a` |
/// | `matmul` (both operands are activations) | `a` | `a` | `a` |
/// | `softmax`, `layernorm`, `batchnorm`, `gelu` | `w` | `a` (16 with `-fp16nonlinear`) | as `act_bits` |
/// | other vector kinds | `w` | `a` | `a` |
///
/// A vector op's `weight_bits` is the width of its constant operand (LayerNorm's affine
/// parameters, a position embedding); it is set even where the op has none, so the column is
/// uniform. A `matmul`'s right-hand operand (Kᵀ, V, routing keys) is an activation, so it takes
/// the activation width, not the weight width: `W4A8` runs QKᵀ as 8×8 bits, as weight-only
/// quantization schemes do. An override can change that (`{"match": "kind:matmul",
/// "weight_bits": 4}`).
///
/// The overrides then run in order, each setting the fields it names on the records its
/// selector matches; a later override wins over an earlier one. See ``apply(to:sparsity:)``
/// for how a sparsity option combines with them, and `QuantizationRecipe+JSON.swift` for the
/// file format.
public struct QuantizationRecipe: Hashable, Sendable {
  /// The recipe's name, the first part of the trace's `quant` label: letters, digits, `.`,
  /// `_` and `-`.
  public var name: String
  /// Bits of static weights (and of vector ops' constant operands).
  public var weightBits: Int
  /// Bits of activations, and of the outputs of GEMMs and of the other vector ops.
  public var actBits: Int
  /// Bits that `softmax`, `layernorm`, `batchnorm` and `gelu` read and write (16 for the
  /// `-fp16nonlinear` recipes); nil means `actBits`.
  public var nonlinearBits: Int?
  /// Applied in order after the base assignment; later ones win.
  public var overrides: [Override]

  /// The range every bit width of a recipe must lie in.
  public static let bitRange = 1...16

  /// The kinds whose bits `nonlinearBits` sets.
  public static let nonlinearKinds: Set<OpKind> = [.softmax, .layernorm, .batchnorm, .gelu]

  /// A recipe; traps if a bit width is outside ``bitRange`` or the name is not a label
  /// (``isValidName(_:)``): those are programming errors here, while a recipe file reports
  /// them as ``RecipeError``.
  public init(
    name: String, weightBits: Int, actBits: Int, nonlinearBits: Int? = nil,
    overrides: [Override] = []
  ) {
    precondition(Self.isValidName(name), "a recipe name is letters, digits, '.', '_' and '-'")
    precondition(
      Self.bitRange.contains(weightBits) && Self.bitRange.contains(actBits)
        && nonlinearBits.map(Self.bitRange.contains) ?? true,
      "recipe bit widths must be in 1...16")
    self.name = name
    self.weightBits = weightBits
    self.actBits = actBits
    self.nonlinearBits = nonlinearBits
    self.overrides = overrides
  }

  /// Whether `name` can name a recipe: non-empty, at most 64 characters of ASCII letters,
  /// digits, `.`, `_` and `-`. (`+` separates the sparsity in a `quant` label.)
  public static func isValidName(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.count <= 64
      && name.utf8.allSatisfy {
        ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
          || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D
      }
  }

  /// The trace's `quant` label for this recipe with a sparsity option: the name alone when
  /// dense (`W8A8`), else `name+N:M` (`W4A8+2:4`). No commas, so it fits a CSV field.
  public func label(sparsity: Sparsity) -> String {
    switch sparsity {
    case .dense: name
    case .structured: "\(name)+\(sparsity)"
    }
  }
}

extension QuantizationRecipe {
  /// One override: the records a selector matches, and the fields it sets on them.
  public struct Override: Hashable, Sendable {
    public var selector: Selector
    public var weightBits: Int?
    public var actBits: Int?
    public var outBits: Int?
    /// Set on the matched `linear` and `conv` records only (a `matmul` or vector op has no
    /// static weight to prune). An explicit N:M applies whatever the reduction length.
    public var sparsity: Sparsity?
    /// Whether matching no record is allowed. The built-in recipes' overrides are optional,
    /// so they apply to any trace; in a file an override must match (a typo is an error).
    public var isOptional: Bool

    public init(
      _ selector: Selector, weightBits: Int? = nil, actBits: Int? = nil, outBits: Int? = nil,
      sparsity: Sparsity? = nil, isOptional: Bool = false
    ) {
      self.selector = selector
      self.weightBits = weightBits
      self.actBits = actBits
      self.outBits = outBits
      self.sparsity = sparsity
      self.isOptional = isOptional
    }

    /// Whether the override sets at least one field.
    public var setsSomething: Bool {
      weightBits != nil || actBits != nil || outBits != nil || sparsity != nil
    }
  }

  /// Which records an override applies to.
  ///
  /// | text | matches |
  /// |---|---|
  /// | `kind:K` | every record of kind `K` (`kind:matmul`, `kind:softmax`) |
  /// | `first:K` | the first record of kind `K` in trace order (`first:conv`: the patch embedding) |
  /// | `last:K` | the last record of kind `K` |
  /// | anything else | a name pattern: `*` matches any run of characters (dots included), every other character itself; the whole name must match (`patch_embed.*`, `*.attn.qk`, `head`) |
  public enum Selector: Hashable, Sendable, CustomStringConvertible {
    case name(pattern: String)
    case kind(OpKind)
    case first(OpKind)
    case last(OpKind)

    /// Parses the text form in the table above.
    ///
    /// - Throws: a message (without location) when a `kind:`/`first:`/`last:` selector names
    ///   no kind, or the pattern is empty or contains a comma or a control character.
    public init(parsing text: String) throws(SelectorError) {
      for (prefix, make) in [
        ("kind:", Selector.kind), ("first:", Selector.first), ("last:", Selector.last),
      ] as [(String, (OpKind) -> Selector)] where text.hasPrefix(prefix) {
        let kindText = String(text.dropFirst(prefix.count))
        guard let kind = OpKind(rawValue: kindText) else {
          let hint =
            closestCandidate(to: kindText, in: OpKind.allCases.map(\.rawValue))
            .map { " (did you mean '\(prefix)\($0)'?)" } ?? ""
          throw SelectorError(
            message:
              "'\(text)' names no kind\(hint); expected one of \(OpKind.allCases.map(\.rawValue).joined(separator: ", "))"
          )
        }
        self = make(kind)
        return
      }
      guard !text.isEmpty,
        !text.unicodeScalars.contains(where: { $0 == "," || $0.value < 0x20 })
      else {
        throw SelectorError(
          message: "'\(text)' is not a name pattern: it must be non-empty, without commas")
      }
      self = .name(pattern: text)
    }

    /// The text form `init(parsing:)` reads.
    public var description: String {
      switch self {
      case .name(let pattern): pattern
      case .kind(let kind): "kind:\(kind.rawValue)"
      case .first(let kind): "first:\(kind.rawValue)"
      case .last(let kind): "last:\(kind.rawValue)"
      }
    }

    /// The indices of the records of `records` that the selector matches, ascending.
    /// O(records · pattern length) for a pattern.
    public func matches(in records: [TraceRecord]) -> [Int] {
      switch self {
      case .name(let pattern):
        let glob = Array(pattern.unicodeScalars)
        return records.indices.filter { globMatches(glob, Array(records[$0].name.unicodeScalars)) }
      case .kind(let kind):
        return records.indices.filter { records[$0].kind == kind }
      case .first(let kind):
        return records.firstIndex { $0.kind == kind }.map { [$0] } ?? []
      case .last(let kind):
        return records.lastIndex { $0.kind == kind }.map { [$0] } ?? []
      }
    }
  }

  /// Why a selector's text could not be parsed.
  public struct SelectorError: Error, Hashable, Sendable {
    public var message: String
  }
}

/// Whether `name` matches the glob `pattern` in which `*` matches any run of scalars.
/// Iterative with one backtrack point: O(pattern · name) worst case.
func globMatches(_ pattern: [Unicode.Scalar], _ name: [Unicode.Scalar]) -> Bool {
  var p = 0
  var s = 0
  var starP = -1  // the pattern position after the last `*` seen
  var starS = 0  // where in the name that `*` is currently assumed to end
  while s < name.count {
    if p < pattern.count && pattern[p] != "*" && pattern[p] == name[s] {
      p += 1
      s += 1
    } else if p < pattern.count && pattern[p] == "*" {
      starP = p + 1
      starS = s
      p += 1
    } else if starP >= 0 {
      starS += 1
      s = starS
      p = starP
    } else {
      return false
    }
  }
  while p < pattern.count && pattern[p] == "*" { p += 1 }
  return p == pattern.count
}
