import LayerTrace

/// Checks shared by the model builders: the batch and the image-size messages.
enum ModelInput {
  /// Throws unless `batch ≥ 1`.
  static func check(batch: Int) throws(ModelError) {
    guard batch >= 1 else {
      throw ModelError("batch \(batch) is not at least 1")
    }
  }

  /// Throws `image size <size> <reason>; use <accepted>` unless `isAccepted`.
  static func check(
    imageSize: Int, isAccepted: Bool, reason: String, accepted: String
  ) throws(ModelError) {
    guard isAccepted else {
      throw ModelError("image size \(imageSize) \(reason); use \(accepted)")
    }
  }
}

extension ModelInput {
  /// The product of sizes that depend on the batch or the image size, or a ``ModelError``.
  static func product(_ values: Int...) throws(ModelError) -> Int {
    guard let result = checkedProduct(of: values) else {
      throw ModelError(
        "sizes \(values.map(String.init).joined(separator: "·")) overflow a 64-bit integer; "
          + "use a smaller batch or image size")
    }
    return result
  }
}
