/// The twelve built-in models, in a fixed order: DeiT, Swin, CSWin and BiFormer, each tiny,
/// small and base.
public enum ModelCatalog {
  /// Every built-in model.
  public static let all: [ModelDescriptor] =
    [DeiT.tiny, DeiT.small, DeiT.base].map { model in
      ModelDescriptor(
        name: model.name, family: "DeiT", acceptedImageSizes: DeiT.acceptedImageSizes
      ) { size, batch throws(ModelError) in try model.build(imageSize: size, batch: batch) }
    }
    + [Swin.tiny, Swin.small, Swin.base].map { model in
      ModelDescriptor(
        name: model.name, family: "Swin", acceptedImageSizes: Swin.acceptedImageSizes
      ) { size, batch throws(ModelError) in try model.build(imageSize: size, batch: batch) }
    }
    + [CSWin.tiny, CSWin.small, CSWin.base].map { model in
      ModelDescriptor(
        name: model.name, family: "CSWin", acceptedImageSizes: CSWin.acceptedImageSizes
      ) { size, batch throws(ModelError) in try model.build(imageSize: size, batch: batch) }
    }
    + [BiFormer.tiny, BiFormer.small, BiFormer.base].map { model in
      ModelDescriptor(
        name: model.name, family: "BiFormer", acceptedImageSizes: BiFormer.acceptedImageSizes
      ) { size, batch throws(ModelError) in try model.build(imageSize: size, batch: batch) }
    }

  /// The model called `name` (e.g. `cswin-small`), or nil.
  public static func named(_ name: String) -> ModelDescriptor? {
    all.first { $0.name == name }
  }
}
