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
    var tree = json
    let oldEnergy = JSONValue.encoding(EnergyTable.defaults(forNanometres: energy.technologyNM))
    let oldArea = JSONValue.encoding(AreaTable.defaults(forNanometres: energy.technologyNM))
    for (section, defaults) in [("energy", oldEnergy), ("area", oldArea)] {
      if let current = tree.value(at: section),
        let edited = tree.setting(
          current.removingEntries(equalTo: defaults) ?? .object([:]), at: section)
      {
        tree = edited
      }
    }
    guard let edited = tree.setting(.integer(nm), at: "energy.technology_nm") else {
      preconditionFailure("a chip's JSON is an object with an energy object")
    }
    return try Chip(json: edited, file: file)
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
