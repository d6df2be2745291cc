import ViTGraph

/// Finding models by name and building their graphs, with CLI errors.
enum ModelLookup {
  /// The model called `name`, or a usage error with the nearest name.
  static func descriptor(named name: String, subcommand: String) throws(CLIError) -> ModelDescriptor
  {
    if let model = ModelCatalog.named(name) { return model }
    let names = ModelCatalog.all.map(\.name)
    let hint = Suggestions.hint(for: name, in: names)
    throw .usage(
      "unknown model '\(name)'\(hint); expected one of \(names.joined(separator: ", "))",
      subcommand: subcommand)
  }

  /// The model's graph at an image size and batch; a model that cannot take them is a usage
  /// error.
  static func graph(
    _ model: ModelDescriptor, imageSize: Int, batch: Int, subcommand: String
  ) throws(CLIError) -> ViTGraph {
    do {
      return try model.build(imageSize, batch)
    } catch {
      throw .usage("\(model.name): \(error.message)", subcommand: subcommand)
    }
  }
}
