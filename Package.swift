// swift-tools-version: 6.0
// vitsim: cycles, memory traffic and energy of quantized, 2:4-sparse Vision Transformers on a
// described systolic-array accelerator. Only the toolchain's own libraries are used.
import PackageDescription

let package = Package(
  name: "vitsim",
  products: [
    .executable(name: "vitsim", targets: ["vitsim"]),
    .executable(name: "vitsim-bench", targets: ["vitsim-bench"]),
    .library(name: "LayerTrace", targets: ["LayerTrace"]),
    .library(name: "ViTGraph", targets: ["ViTGraph"]),
    .library(name: "Hardware", targets: ["Hardware"]),
    .library(name: "Simulator", targets: ["Simulator"]),
    .library(name: "VitsimCLI", targets: ["VitsimCLI"]),
  ],
  targets: [
    // The boundary type between models and hardware: trace records and their CSV form.
    .target(name: "LayerTrace"),
    // Graph-builder API and the twelve model builders, lowered to LayerTrace.
    .target(name: "ViTGraph", dependencies: ["LayerTrace"]),
    // The chip description: array, lanes, sparse core, memory, vector unit, energy.
    .target(name: "Hardware"),
    // Maps a trace onto a chip: fast engine, PE-level reference, stats.
    .target(name: "Simulator", dependencies: ["LayerTrace", "Hardware"]),
    // Argument parsing, subcommands, report writers and exit codes; tested in-process.
    .target(
      name: "VitsimCLI", dependencies: ["LayerTrace", "ViTGraph", "Hardware", "Simulator"]),
    .executableTarget(name: "vitsim", dependencies: ["VitsimCLI"]),
    .executableTarget(
      name: "vitsim-bench",
      dependencies: ["LayerTrace", "ViTGraph", "Hardware", "Simulator", "VitsimCLI"]),
    .testTarget(name: "LayerTraceTests", dependencies: ["LayerTrace"]),
    .testTarget(name: "ViTGraphTests", dependencies: ["ViTGraph", "LayerTrace"]),
    .testTarget(name: "HardwareTests", dependencies: ["Hardware"]),
    .testTarget(
      name: "SimulatorTests", dependencies: ["Simulator", "Hardware", "LayerTrace", "ViTGraph"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "VitsimCLITests",
      dependencies: ["VitsimCLI", "LayerTrace", "ViTGraph", "Hardware", "Simulator"]),
  ],
  swiftLanguageModes: [.v6]
)
