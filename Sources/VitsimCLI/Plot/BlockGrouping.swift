/// Groups a trace's ops into blocks by their names, for per-block charts.
///
/// Names are dotted paths (`blocks.3.attn.qkv`). A *numbered prefix* of a name is a proper
/// prefix ending in an all-digit component (`blocks.3`). The group of an op is:
///
/// 1. the shortest numbered prefix under which some op of the trace sits directly (an op
///    named `prefix.word`): that is a block holding its layers;
/// 2. else, with its longest numbered prefix P: P followed by the op's next component when P
///    holds the numbered prefixes of other ops (P is a stage of blocks, the op a stage-level
///    layer such as a downsample), else P;
/// 3. else (no numbered prefix) the op's first component.
///
/// | family | op | group |
/// |---|---|---|
/// | DeiT | `blocks.3.attn.qkv` | `blocks.3` |
/// | Swin | `layers.1.blocks.0.attn.qk` | `layers.1.blocks.0` |
/// | Swin | `layers.1.downsample.reduction` | `layers.1.downsample` |
/// | CSWin | `stage3.4.attns.0.qk` | `stage3.4` |
/// | CSWin | `merge1.conv`, `stage1_conv_embed.0` | `merge1`, `stage1_conv_embed` |
/// | BiFormer | `stages.2.5.attn.router.qk` | `stages.2.5` |
/// | BiFormer | `downsample_layers.1.0` | `downsample_layers.1` |
/// | all | `patch_embed.proj`, `norm`, `head` | `patch_embed`, `norm`, `head` |
///
/// Groups keep the order in which their first op appears. O(total name length).
enum BlockGrouping {
  /// The group of each name, and the groups in order of first appearance.
  static func groups(of names: [String]) -> (groupOfOp: [Int], names: [String]) {
    let components = names.map { $0.split(separator: ".").map(String.init) }
    // Prefixes with an op directly under them, and numbered prefixes of every op.
    var parents: Set<String> = []
    var numbered: Set<String> = []
    for parts in components {
      if parts.count > 1 { parents.insert(parts.dropLast().joined(separator: ".")) }
      for end in numberedEnds(parts) { numbered.insert(parts[...end].joined(separator: ".")) }
    }
    // Numbered prefixes that hold another numbered prefix: stages of blocks.
    var containers: Set<String> = []
    for prefix in numbered {
      let parts = prefix.split(separator: ".").map(String.init)
      for end in numberedEnds(parts) { containers.insert(parts[...end].joined(separator: ".")) }
    }

    var groupNames: [String] = []
    var indexOfGroup: [String: Int] = [:]
    var groupOfOp: [Int] = []
    for parts in components {
      let group = Self.group(of: parts, parents: parents, containers: containers)
      if indexOfGroup[group] == nil {
        indexOfGroup[group] = groupNames.count
        groupNames.append(group)
      }
      groupOfOp.append(indexOfGroup[group] ?? 0)
    }
    return (groupOfOp, groupNames)
  }

  private static func group(
    of parts: [String], parents: Set<String>, containers: Set<String>
  ) -> String {
    guard let first = parts.first else { return "" }
    let ends = numberedEnds(parts)
    for end in ends where parents.contains(parts[...end].joined(separator: ".")) {
      return parts[...end].joined(separator: ".")
    }
    if let last = ends.last {
      let prefix = parts[...last].joined(separator: ".")
      if containers.contains(prefix) { return parts[...(last + 1)].joined(separator: ".") }
      return prefix
    }
    return first
  }

  /// The indices of the all-digit components that end a proper prefix of `parts`.
  private static func numberedEnds(_ parts: [String]) -> [Int] {
    guard parts.count > 2 else { return [] }
    return (1..<(parts.count - 1)).filter { index in
      parts[index].utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
  }
}
