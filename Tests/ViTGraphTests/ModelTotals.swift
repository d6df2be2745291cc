import LayerTrace
import ViTGraph

/// The totals of a model that the reference forward passes report: parameters, MACs by GEMM
/// kind and element counts by vector kind.
struct ModelTotals: Equatable, Sendable, CustomStringConvertible {
  var model: String
  var params: Int
  var macsTotal: Int
  var macsLinear: Int
  var macsConv: Int
  /// Every activation×activation product (QKᵀ, PV and BiFormer's routing).
  var macsAttentionMatmul: Int
  /// BiFormer's region-routing products only (`…attn.router.qk`).
  var macsRoutingMatmul: Int
  var softmaxElements: Int
  var layernormElements: Int
  var geluElements: Int
  var batchnormElements: Int
  var kvGatherElements: Int

  init(
    model: String, params: Int, macsTotal: Int, macsLinear: Int, macsConv: Int,
    macsAttentionMatmul: Int, macsRoutingMatmul: Int, softmaxElements: Int,
    layernormElements: Int, geluElements: Int, batchnormElements: Int, kvGatherElements: Int
  ) {
    self.model = model
    self.params = params
    self.macsTotal = macsTotal
    self.macsLinear = macsLinear
    self.macsConv = macsConv
    self.macsAttentionMatmul = macsAttentionMatmul
    self.macsRoutingMatmul = macsRoutingMatmul
    self.softmaxElements = softmaxElements
    self.layernormElements = layernormElements
    self.geluElements = geluElements
    self.batchnormElements = batchnormElements
    self.kvGatherElements = kvGatherElements
  }

  /// The totals of a built graph and its lowered trace.
  init(_ graph: ViTGraph) {
    let trace = graph.lowered()
    self.init(
      model: graph.name, params: graph.parameterCount, macsTotal: trace.macs(),
      macsLinear: trace.macs(of: [.linear]), macsConv: trace.macs(of: [.conv]),
      macsAttentionMatmul: trace.macs(of: [.matmul]),
      macsRoutingMatmul: trace.records.filter {
        $0.kind == .matmul && $0.name.hasSuffix(".router.qk")
      }
      .reduce(0) { $0 + $1.macs },
      softmaxElements: trace.elements(of: .softmax),
      layernormElements: trace.elements(of: .layernorm), geluElements: trace.elements(of: .gelu),
      batchnormElements: trace.elements(of: .batchnorm),
      kvGatherElements: trace.elements(of: .gather))
  }

  /// Every field with its CSV column name.
  var fields: [(column: String, value: Int)] {
    [
      ("params", params), ("macs_total", macsTotal), ("macs_linear", macsLinear),
      ("macs_conv", macsConv), ("macs_attention_matmul", macsAttentionMatmul),
      ("macs_routing_matmul", macsRoutingMatmul), ("softmax_elements", softmaxElements),
      ("layernorm_elements", layernormElements), ("gelu_elements", geluElements),
      ("batchnorm_elements", batchnormElements), ("kv_gather_elements", kvGatherElements),
    ]
  }

  var description: String { model }
}
