extension Chip {
  /// A copy on another technology node: every `energy` and `area` entry that equals the current
  /// node's default takes the new node's default; entries the chip overrides keep their values.
  ///
  /// Dumped configs (and the example chips) list every entry, so changing only
  /// `energy.technology_nm` would otherwise change nothing; ``setting(_:at:file:)`` calls this
  /// for that path, so a sweep over the node rescales the energy and area tables.
  ///
  /// - Throws: ``ChipError`` when `nm` is not one of 45, 16, 7, 5.
  public func retargeted(toNanometres nm: Int, file: String = "<sweep>") throws(ChipError) -> Chip {
    try Chip(json: Chip.retargeting(json, toNanometres: nm), file: file)
  }

  /// A chip's JSON tree moved to another node: entries of `energy` and `area` equal to the old
  /// node's defaults are dropped (so the new node's defaults fill them), overrides kept, and
  /// `energy.technology_nm` set to `nm`. The old node is the tree's (the default chip's when
  /// it names none). Sweeps use it on a point's tree before validating it.
  public static func retargeting(_ tree: JSONValue, toNanometres nm: Int) -> JSONValue {
    var tree = tree
    var old = Chip.default.energy.technologyNM
    if case .integer(let value)? = tree.value(at: "energy.technology_nm") { old = value }
    let oldEnergy = JSONValue.encoding(EnergyTable.defaults(forNanometres: old))
    let oldArea = JSONValue.encoding(AreaTable.defaults(forNanometres: old))
    for (section, defaults) in [("energy", oldEnergy), ("area", oldArea)] {
      if let current = tree.value(at: section),
        let edited = tree.setting(
          current.removingEntries(equalTo: defaults) ?? .object([:]), at: section)
      {
        tree = edited
      }
    }
    if tree.value(at: "energy") == nil, let edited = tree.setting(.object([:]), at: "energy") {
      tree = edited
    }
    return tree.setting(.integer(nm), at: "energy.technology_nm") ?? tree
  }

  /// A chip's JSON tree with one value replaced by its dotted path, as ``setting(_:at:file:)``
  /// does (a new `energy.technology_nm` retargets the energy and area tables); nil when the
  /// path leads through a scalar. The result is not validated.
  public static func setting(_ value: JSONValue, at path: String, in tree: JSONValue) -> JSONValue?
  {
    if path == "energy.technology_nm", case .integer(let nm) = value {
      return retargeting(tree, toNanometres: nm)
    }
    return tree.setting(value, at: path)
  }
}

extension JSONValue {
  /// The tree of a table that always encodes (finite numbers only).
  static func encoding<T: Encodable>(_ value: T) -> JSONValue {
    do {
      return try JSONValueEncoder().encode(value)
    } catch {
      preconditionFailure("default tables are finite: \(error)")
    }
  }

  /// This object without the members equal to the same member of `defaults` (recursively for
  /// nested objects); nil when nothing is left.
  func removingEntries(equalTo defaults: JSONValue) -> JSONValue? {
    guard case .object(let members) = self, case .object(let reference) = defaults else {
      return self == defaults ? nil : self
    }
    var kept: [String: JSONValue] = [:]
    for (key, value) in members {
      guard let other = reference[key] else {
        kept[key] = value
        continue
      }
      if let remaining = value.removingEntries(equalTo: other) { kept[key] = remaining }
    }
    return kept.isEmpty ? nil : .object(kept)
  }
}
