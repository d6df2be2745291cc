// TEMPORARY interface stub: replaced by the real graph builders.
import LayerTrace

public struct ModelError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

public struct ViTGraph: Sendable {
  public var name: String
  public var parameterCount: Int
  public func lowered() -> LayerTrace { LayerTrace() }
}

public struct ModelDescriptor: Sendable {
  public var name: String
  public var family: String
  public var build: @Sendable (_ imageSize: Int, _ batch: Int) throws(ModelError) -> ViTGraph
}

public enum ModelCatalog {
  public static let all: [ModelDescriptor] = []
  public static func named(_ name: String) -> ModelDescriptor? { all.first { $0.name == name } }
}
