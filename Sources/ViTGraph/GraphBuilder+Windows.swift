/// Window partition and reverse: the token reorderings of windowed attention (Swin windows,
/// CSWin stripes, BiFormer regions).
extension GraphBuilder {
  /// Splits a `(B, H, W, C)` map into windows of `windowHeight × windowWidth`:
  /// `(B·nWin, windowHeight·windowWidth, C)`, windows row-major over the window grid, pixels
  /// row-major inside a window.
  ///
  /// One `permute` record of B·H·W·C elements; none when no element moves (a single window,
  /// or full-width row stripes, which are already contiguous in raster order).
  ///
  /// - Throws: ``ModelError`` when the windows do not tile the map exactly.
  public mutating func windowPartition(
    _ x: Tensor, windowHeight: Int, windowWidth: Int, name: String
  ) throws(ModelError) -> Tensor {
    guard x.rank == 4, windowHeight >= 1, windowWidth >= 1, x.shape[1] % windowHeight == 0,
      x.shape[2] % windowWidth == 0
    else {
      throw ModelError(
        "'\(qualified(name))': \(windowHeight)×\(windowWidth) windows do not tile \(x.shape)")
    }
    let (batch, height, width, channels) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let grid = try x.reshaped([
      batch, height / windowHeight, windowHeight, width / windowWidth, windowWidth, channels,
    ])
    let windows = try permute(grid, axes: [0, 1, 3, 2, 4, 5], name: name)
    let count = try ModelInput.product(batch, height / windowHeight, width / windowWidth)
    return try windows.reshaped([count, windowHeight * windowWidth, channels])
  }

  /// The inverse of ``windowPartition(_:windowHeight:windowWidth:name:)``:
  /// `(B·nWin, windowHeight·windowWidth, C)` → `(B, height, width, C)` in raster order.
  ///
  /// - Throws: ``ModelError`` when the shapes do not match.
  public mutating func windowReverse(
    _ x: Tensor, windowHeight: Int, windowWidth: Int, height: Int, width: Int, name: String
  ) throws(ModelError) -> Tensor {
    guard x.rank == 3, windowHeight >= 1, windowWidth >= 1, height % windowHeight == 0,
      width % windowWidth == 0, x.shape[1] == windowHeight * windowWidth
    else {
      throw ModelError(
        "'\(qualified(name))': \(x.shape) is not \(windowHeight)×\(windowWidth) windows of a "
          + "\(height)×\(width) map")
    }
    let (rows, columns) = (height / windowHeight, width / windowWidth)
    let perImage = try ModelInput.product(rows, columns)
    guard x.shape[0] % perImage == 0 else {
      throw ModelError("'\(qualified(name))': \(x.shape[0]) windows are not whole images")
    }
    let grid = try x.reshaped([
      x.shape[0] / perImage, rows, columns, windowHeight, windowWidth, x.shape[2],
    ])
    let map = try permute(grid, axes: [0, 1, 3, 2, 4, 5], name: name)
    return try map.reshaped([x.shape[0] / perImage, height, width, x.shape[2]])
  }
}
