extension QuantizationRecipe {
  /// The trace with every record's bits, sparsity and `quant` label set by this recipe and a
  /// sparsity option; shapes, names and order are unchanged (so are the MACs: `macs` counts
  /// dense products).
  ///
  /// In order:
  /// 1. Every record gets the base bits (the table on ``QuantizationRecipe``) and is dense,
  ///    whatever it had before.
  /// 2. `sparsity` is set on every record ``isPrunable(_:by:)`` accepts: `linear` and `conv`
  ///    records (a `matmul` multiplies two activations and stays dense) whose reduction holds
  ///    at least one whole group and that are not depthwise.
  /// 3. The overrides run in order; a later one wins. An override's `sparsity` is set on the
  ///    matched `linear`/`conv` records only, even where step 2 would not prune them.
  /// 4. Every record's `quant` is ``label(sparsity:)``.
  ///
  /// - Parameters:
  ///   - trace: the records to quantize (typically a model builder's W8A8 trace).
  ///   - sparsity: the pattern for the static weights; `.dense` by default.
  /// - Returns: the quantized trace.
  /// - Throws: ``RecipeError`` (source `recipe NAME`) listing every non-optional override
  ///   that matches no record (with a "did you mean" for a misspelt pattern) and every
  ///   override that sets a sparsity but matches no `linear` or `conv` record.
  /// - Complexity: O(records · overrides · pattern length).
  public func apply(to trace: LayerTrace, sparsity: Sparsity = .dense) throws(RecipeError)
    -> LayerTrace
  {
    let label = label(sparsity: sparsity)
    var records = trace.records
    for index in records.indices {
      let kind = records[index].kind
      let nonlinear = Self.nonlinearKinds.contains(kind) ? nonlinearBits : nil
      records[index].weightBits = kind == .matmul ? actBits : weightBits
      records[index].actBits = nonlinear ?? actBits
      records[index].outBits = nonlinear ?? actBits
      records[index].sparsity = Self.isPrunable(records[index], by: sparsity) ? sparsity : .dense
      records[index].quant = label
    }

    var problems: [RecipeError.Problem] = []
    for override in overrides {
      let matched = override.selector.matches(in: trace.records)
      if matched.isEmpty {
        if !override.isOptional {
          problems.append(.init(message: Self.noMatchMessage(override.selector, in: trace)))
        }
        continue
      }
      var prunedAny = false
      for index in matched {
        if let bits = override.weightBits { records[index].weightBits = bits }
        if let bits = override.actBits { records[index].actBits = bits }
        if let bits = override.outBits { records[index].outBits = bits }
        if let pattern = override.sparsity, records[index].kind.hasStaticWeightOperand {
          records[index].sparsity = pattern
          prunedAny = true
        }
      }
      if let pattern = override.sparsity, !prunedAny, !override.isOptional {
        problems.append(
          .init(
            message:
              "override '\(override.selector)' sets sparsity \(pattern) but matches no linear or conv op (only those have a static weight)"
          ))
      }
    }
    if !problems.isEmpty {
      throw RecipeError(source: "recipe \(name)", problems: problems)
    }
    return LayerTrace(records: records)
  }

  /// Whether a sparsity option prunes `record`'s weight: it is a `linear` or `conv` record, its
  /// reduction `k` is at least the group size `M`, and it is not a depthwise conv
  /// (`batch` = groups > 1 with `n = 1`). Always false for `.dense`.
  ///
  /// Depthwise filters are skipped because their reduction is a single channel's `kh·kw`
  /// window (9 or 25 taps here): N:M pruning, as sparse training tools apply it, runs along
  /// input channels, which a depthwise filter has only one of, and a 3×3 window split into
  /// groups of 4 would leave a zero-filled tail group in every filter. An override can still
  /// set a pattern on such a record explicitly.
  public static func isPrunable(_ record: TraceRecord, by sparsity: Sparsity) -> Bool {
    guard case .structured(_, let m) = sparsity, record.kind.hasStaticWeightOperand else {
      return false
    }
    let depthwise = record.kind == .conv && record.batch > 1 && record.n == 1
    return record.k >= m && !depthwise
  }

  /// "override 'x' matches no op", with a "did you mean" for a name pattern close to one
  /// that would match (a name, a `prefix.*`, a `*.suffix`, or a name with its numbers
  /// replaced by `*`).
  private static func noMatchMessage(_ selector: Selector, in trace: LayerTrace) -> String {
    switch selector {
    case .name(let pattern):
      var candidates = Set<String>()
      for record in trace.records {
        let parts = record.name.split(separator: ".", omittingEmptySubsequences: false)
        candidates.insert(record.name)
        for cut in 1..<max(1, parts.count) {
          candidates.insert(parts[..<cut].joined(separator: ".") + ".*")
          candidates.insert("*." + parts[cut...].joined(separator: "."))
        }
        let generalized = parts.map { $0.allSatisfy(\.isNumber) ? "*" : String($0) }
        candidates.insert(generalized.joined(separator: "."))
      }
      let hint =
        closestCandidate(to: pattern, in: candidates.sorted())
        .map { " (did you mean '\($0)'?)" } ?? ""
      return "override '\(pattern)' matches no op\(hint)"
    case .kind(let kind), .first(let kind), .last(let kind):
      return "override '\(selector)' matches no op: the trace has no \(kind.rawValue) record"
    }
  }
}
