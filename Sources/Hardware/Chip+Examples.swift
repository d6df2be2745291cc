/// The example chips of `HardwareConfigs/`, embedded so that names work without the files.
///
/// `--chip NAME` and `vitsim dump-config NAME` resolve these names. The texts are copies of
/// the files, byte for byte; a test compares them.
extension Chip {
  /// The example chips as (name, JSON text), in the order of increasing array size.
  public static let exampleConfigs: [(name: String, json: String)] = [
    (
      "edge-16x16",
      """
      {
        "array": {
          "clock_mhz": 500,
          "cols": 16,
          "dataflow": "ws",
          "rows": 16
        },
        "lanes": {
          "macs_per_cycle": {
            "2x2": 16,
            "4x4": 4,
            "4x8": 2,
            "8x4": 2,
            "8x8": 1
          },
          "unsupported": "decompose"
        },
        "memory": {
          "accumulator_bits": 32,
          "double_buffered": true,
          "dram": {
            "gb_per_s": 12.8,
            "latency_cycles": 50
          },
          "input": {
            "bytes": 65536,
            "read_bytes_per_cycle": 32,
            "write_bytes_per_cycle": 32
          },
          "keep_activations_on_chip": true,
          "output": {
            "bytes": 65536,
            "read_bytes_per_cycle": 64,
            "write_bytes_per_cycle": 64
          },
          "weight": {
            "bytes": 131072,
            "read_bytes_per_cycle": 32,
            "write_bytes_per_cycle": 32
          }
        },
        "name": "edge-16x16",
        "sparse_core": {
          "patterns": [],
          "select_cycles_per_fold": 0
        },
        "vector_unit": {
          "cycles_per_element": {
            "add": 1,
            "batchnorm": 1,
            "concat": 1,
            "gather": 1,
            "gelu": 1,
            "layernorm": 3,
            "mean": 1,
            "mul": 1,
            "permute": 1,
            "roll": 1,
            "softmax": 3,
            "topk": 2
          },
          "data_movement": "copy",
          "lanes": 16,
          "method_cycles": {
            "exact": 4,
            "log2": 1,
            "lut": 1,
            "polynomial": 2
          },
          "nonlinear_method": {
            "gelu": "exact",
            "layernorm": "exact",
            "softmax": "exact"
          },
          "overlap_with_array": true
        },
        "version": 1
      }
      """ + "\n"
    ),
    (
      "mid-32x32",
      """
      {
        "array": {
          "clock_mhz": 1000,
          "cols": 32,
          "dataflow": "os",
          "rows": 32
        },
        "lanes": {
          "macs_per_cycle": {
            "8x8": 1
          },
          "unsupported": "decompose"
        },
        "memory": {
          "accumulator_bits": 32,
          "double_buffered": true,
          "dram": {
            "gb_per_s": 51.2,
            "latency_cycles": 100
          },
          "input": {
            "bytes": 262144,
            "read_bytes_per_cycle": 64,
            "write_bytes_per_cycle": 64
          },
          "keep_activations_on_chip": true,
          "output": {
            "bytes": 262144,
            "read_bytes_per_cycle": 64,
            "write_bytes_per_cycle": 64
          },
          "weight": {
            "bytes": 524288,
            "read_bytes_per_cycle": 64,
            "write_bytes_per_cycle": 64
          }
        },
        "name": "mid-32x32",
        "sparse_core": {
          "patterns": [],
          "select_cycles_per_fold": 0
        },
        "vector_unit": {
          "cycles_per_element": {
            "add": 1,
            "batchnorm": 1,
            "concat": 1,
            "gather": 1,
            "gelu": 1,
            "layernorm": 3,
            "mean": 1,
            "mul": 1,
            "permute": 1,
            "roll": 1,
            "softmax": 3,
            "topk": 2
          },
          "data_movement": "copy",
          "lanes": 32,
          "method_cycles": {
            "exact": 4,
            "log2": 1,
            "lut": 1,
            "polynomial": 2
          },
          "nonlinear_method": {
            "gelu": "exact",
            "layernorm": "exact",
            "softmax": "exact"
          },
          "overlap_with_array": true
        },
        "version": 1
      }
      """ + "\n"
    ),
    (
      "datacenter-128x128",
      """
      {
        "array": {
          "clock_mhz": 940,
          "cols": 128,
          "dataflow": "ws",
          "rows": 128
        },
        "lanes": {
          "macs_per_cycle": {
            "4x4": 2,
            "8x8": 1
          },
          "unsupported": "decompose"
        },
        "memory": {
          "accumulator_bits": 32,
          "double_buffered": true,
          "dram": {
            "gb_per_s": 614.4,
            "latency_cycles": 200
          },
          "keep_activations_on_chip": true,
          "unified": {
            "bytes": 25165824,
            "read_bytes_per_cycle": 1024,
            "write_bytes_per_cycle": 1024
          }
        },
        "name": "datacenter-128x128",
        "sparse_core": {
          "patterns": [
            "2:4",
            "1:4",
            "2:8",
            "4:8"
          ],
          "select_cycles_per_fold": 0
        },
        "vector_unit": {
          "cycles_per_element": {
            "add": 1,
            "batchnorm": 1,
            "concat": 1,
            "gather": 1,
            "gelu": 1,
            "layernorm": 3,
            "mean": 1,
            "mul": 1,
            "permute": 1,
            "roll": 1,
            "softmax": 3,
            "topk": 2
          },
          "data_movement": "copy",
          "lanes": 128,
          "method_cycles": {
            "exact": 4,
            "log2": 1,
            "lut": 1,
            "polynomial": 2
          },
          "nonlinear_method": {
            "gelu": "exact",
            "layernorm": "exact",
            "softmax": "exact"
          },
          "overlap_with_array": true
        },
        "version": 1
      }
      """ + "\n"
    ),
    (
      "a100-like",
      """
      {
        "array": {
          "clock_mhz": 1410,
          "cols": 288,
          "dataflow": "os",
          "rows": 384
        },
        "lanes": {
          "macs_per_cycle": {
            "16x16": 1,
            "4x4": 4,
            "8x8": 2
          },
          "unsupported": "decompose"
        },
        "memory": {
          "accumulator_bits": 32,
          "double_buffered": true,
          "dram": {
            "gb_per_s": 1555,
            "latency_cycles": 500
          },
          "keep_activations_on_chip": true,
          "unified": {
            "bytes": 41943040,
            "read_bytes_per_cycle": 8192,
            "write_bytes_per_cycle": 8192
          }
        },
        "name": "a100-like",
        "sparse_core": {
          "patterns": [
            "2:4"
          ],
          "select_cycles_per_fold": 0
        },
        "vector_unit": {
          "cycles_per_element": {
            "add": 1,
            "batchnorm": 1,
            "concat": 1,
            "gather": 1,
            "gelu": 1,
            "layernorm": 3,
            "mean": 1,
            "mul": 1,
            "permute": 1,
            "roll": 1,
            "softmax": 3,
            "topk": 2
          },
          "data_movement": "copy",
          "lanes": 6912,
          "method_cycles": {
            "exact": 4,
            "log2": 1,
            "lut": 1,
            "polynomial": 2
          },
          "nonlinear_method": {
            "gelu": "exact",
            "layernorm": "exact",
            "softmax": "exact"
          },
          "overlap_with_array": true
        },
        "version": 1
      }
      """ + "\n"
    ),
  ]

  /// The names of the example chips.
  public static var exampleNames: [String] { exampleConfigs.map(\.name) }

  /// The example chip called `name`, or nil when there is none.
  ///
  /// - Throws: ``ChipError`` if the embedded text is invalid (a test proves it is not).
  public static func example(named name: String) throws(ChipError) -> Chip? {
    guard let entry = exampleConfigs.first(where: { $0.name == name }) else { return nil }
    return try Chip(jsonText: entry.json, file: name, defaultName: name)
  }
}
