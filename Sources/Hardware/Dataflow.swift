/// What stays in the PEs of a systolic array while the other operands stream through.
///
/// Mapping of a GEMM `[M×K]·[K×N]` (SCALE-Sim's convention, so results compare):
///
/// | dataflow | on the R rows | on the C columns | streamed in time |
/// |---|---|---|---|
/// | `os` output stationary | M | N | K |
/// | `ws` weight stationary | K | N | M |
/// | `is` input stationary | K | M | N |
public enum Dataflow: String, CaseIterable, Hashable, Sendable, Codable {
  case outputStationary = "os"
  case weightStationary = "ws"
  case inputStationary = "is"
}
