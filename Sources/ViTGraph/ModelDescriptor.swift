/// A built-in model: its name, family, accepted image sizes and a builder.
public struct ModelDescriptor: Sendable {
  /// The CLI name, e.g. `swin-tiny`.
  public var name: String
  /// `DeiT`, `Swin`, `CSWin` or `BiFormer`.
  public var family: String
  /// The image side the model was trained at, in pixels (224 for every built-in model).
  public var defaultImageSize: Int
  /// The image sides the builder accepts, as a phrase, e.g. `a multiple of 16 such as 224, 384`.
  public var acceptedImageSizes: String
  /// Builds the graph for `batch` images of `imageSize`×`imageSize` pixels.
  ///
  /// Throws ``ModelError`` for an image size the architecture cannot take, a batch below 1, or
  /// sizes whose products overflow `Int`.
  public var build: @Sendable (_ imageSize: Int, _ batch: Int) throws(ModelError) -> ViTGraph

  public init(
    name: String, family: String, defaultImageSize: Int = 224, acceptedImageSizes: String,
    build: @escaping @Sendable (_ imageSize: Int, _ batch: Int) throws(ModelError) -> ViTGraph
  ) {
    self.name = name
    self.family = family
    self.defaultImageSize = defaultImageSize
    self.acceptedImageSizes = acceptedImageSizes
    self.build = build
  }
}
