extension TraceRecord {
  /// One violated invariant: the field (CSV column name) and a sentence saying what was expected.
  public struct Problem: Hashable, Sendable, CustomStringConvertible {
    public var column: String
    public var message: String
    public var description: String { "\(column): \(message)" }
  }

  /// Every invariant this record breaks, in column order; empty when the record is valid.
  ///
  /// GEMM kinds: `batch, m, k, n ≥ 1` with `batch·m·k·n` fitting `Int`; vector fields 0;
  /// `outElements = batch·m·n`; `weightElements = batch·k·n` for `linear`/`conv`, 0 for
  /// `matmul`; sparsity only on a static weight. Vector kinds: GEMM dims 0, `elements ≥ 1`;
  /// row-wise kinds have `rows·rowLength = elements`, others `rows = rowLength = 0`;
  /// `1 ≤ outElements`; dense. Bits are in `1...64`; the name is non-empty and has no comma,
  /// quote or control character; the `quant` label is non-empty and has no comma, quote,
  /// space or control character.
  public func problems() -> [Problem] {
    var found: [Problem] = []
    func fail(_ column: String, _ message: String) {
      found.append(Problem(column: column, message: message))
    }
    if name.isEmpty {
      fail("name", "must not be empty")
    } else if name.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0.value < 0x20 }) {
      fail("name", "'\(name)' must not contain a comma, a quote or a control character")
    }
    if kind.isGEMM {
      for (column, value) in [("batch", batch), ("m", m), ("k", k), ("n", n)] where value < 1 {
        fail(column, "\(value) must be at least 1 for a \(kind.rawValue) record")
      }
      if found.isEmpty {
        if checkedProduct(batch, m, k, n) == nil {
          fail("macs", "batch·m·k·n = \(batch)·\(m)·\(k)·\(n) overflows a 64-bit integer")
        } else {
          let out = batch * m * n
          if outElements != out {
            fail("out_elements", "\(outElements) must equal batch·m·n = \(out)")
          }
          let weight = kind.hasStaticWeightOperand ? batch * k * n : 0
          if weightElements != weight {
            fail(
              "weight_elements",
              "\(weightElements) must equal \(kind.hasStaticWeightOperand ? "batch·k·n = " : "")\(weight) for a \(kind.rawValue) record"
            )
          }
        }
      }
      for (column, value) in [("elements", elements), ("rows", rows), ("row_length", rowLength)]
      where value != 0 {
        fail(column, "\(value) must be 0 for a \(kind.rawValue) record")
      }
      if !kind.hasStaticWeightOperand && sparsity != .dense {
        fail(
          "sparsity",
          "'\(sparsity)' needs a static weight; a matmul multiplies two activations and is dense")
      }
    } else {
      for (column, value) in [("batch", batch), ("m", m), ("k", k), ("n", n)] where value != 0 {
        fail(column, "\(value) must be 0 for a \(kind.rawValue) record")
      }
      if elements < 1 { fail("elements", "\(elements) must be at least 1") }
      if kind.isRowWise {
        if rows < 1 { fail("rows", "\(rows) must be at least 1 for a \(kind.rawValue) record") }
        if rowLength < 1 {
          fail("row_length", "\(rowLength) must be at least 1 for a \(kind.rawValue) record")
        }
        if rows >= 1, rowLength >= 1, checkedProduct(rows, rowLength) != elements {
          fail("elements", "\(elements) must equal rows·row_length = \(rows)·\(rowLength)")
        }
      } else {
        if rows != 0 { fail("rows", "\(rows) must be 0 for a \(kind.rawValue) record") }
        if rowLength != 0 {
          fail("row_length", "\(rowLength) must be 0 for a \(kind.rawValue) record")
        }
      }
      if outElements < 1 { fail("out_elements", "\(outElements) must be at least 1") }
      if weightElements < 0 { fail("weight_elements", "\(weightElements) must not be negative") }
      if sparsity != .dense {
        fail("sparsity", "'\(sparsity)' applies only to linear and conv weights")
      }
    }
    for (column, value) in [
      ("weight_bits", weightBits), ("act_bits", actBits), ("out_bits", outBits),
    ]
    where !(1...TraceRecord.maxBits).contains(value) {
      fail(column, "\(value) is not in 1...\(TraceRecord.maxBits)")
    }
    if quant.isEmpty {
      fail("quant", "must not be empty; the builders' default is '\(TraceRecord.defaultQuant)'")
    } else if quant.unicodeScalars.contains(where: {
      $0 == "," || $0 == "\"" || $0 == " " || $0.value < 0x20
    }) {
      fail("quant", "'\(quant)' must not contain a comma, a quote, a space or a control character")
    }
    return found
  }
}
