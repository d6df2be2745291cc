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
        "area": {
          "mac_um2": {
            "16x16": 354.4,
            "2x2": 57.53,
            "4x4": 71.67,
            "4x8": 90.52,
            "8x4": 90.52,
            "8x8": 128.2
          },
          "pe_precision": "8x8",
          "register_um2_per_bit": 1.136,
          "sram_mm2_per_mib": 0.9513,
          "vector_lane_um2": 645.2
        },
        "array": {
          "clock_mhz": 500,
          "cols": 16,
          "dataflow": "ws",
          "rows": 16
        },
        "energy": {
          "dram_pj_per_bit": 8,
          "leakage_mw": {
            "pe": 0.001051,
            "sram_per_mib": 0.8399,
            "vector_lane": 0.003181
          },
          "mac_pj": {
            "16x16": 0.1278,
            "2x2": 0.01598,
            "4x4": 0.0213,
            "4x8": 0.0284,
            "8x4": 0.0284,
            "8x8": 0.0426
          },
          "metadata_decode_pj": 0.0002616,
          "method_pj": {
            "exact": 1.221,
            "log2": 0.01846,
            "lut": 0.2334,
            "polynomial": 0.426
          },
          "mux_pj": 0.01022,
          "register_pj_per_bit": 0.001278,
          "sram_bank_bytes": 1048576,
          "sram_read_pj_per_bit": 0.1825,
          "sram_reference_bytes": 32768,
          "sram_size_exponent": 0.47,
          "sram_write_pj_per_bit": 0.1825,
          "technology_nm": 16,
          "vector_pj_per_element": {
            "add": 0.0568,
            "batchnorm": 0.213,
            "concat": 0,
            "gather": 0,
            "gelu": 0.5254,
            "layernorm": 0.6958,
            "mean": 0.0568,
            "mul": 0.1562,
            "permute": 0,
            "roll": 0,
            "softmax": 0.3266,
            "topk": 0.1136
          }
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
          "schedule_objective": "latency",
          "weight": {
            "bytes": 131072,
            "read_bytes_per_cycle": 32,
            "write_bytes_per_cycle": 32
          }
        },
        "name": "edge-16x16",
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
        "area": {
          "mac_um2": {
            "16x16": 110.1,
            "2x2": 17.87,
            "4x4": 22.26,
            "4x8": 28.11,
            "8x4": 28.11,
            "8x8": 39.82
          },
          "pe_precision": "8x8",
          "register_um2_per_bit": 0.3528,
          "sram_mm2_per_mib": 0.3235,
          "vector_lane_um2": 200.4
        },
        "array": {
          "clock_mhz": 1000,
          "cols": 32,
          "dataflow": "os",
          "rows": 32
        },
        "energy": {
          "dram_pj_per_bit": 8,
          "leakage_mw": {
            "pe": 0.0004884,
            "sram_per_mib": 0.5555,
            "vector_lane": 0.001478
          },
          "mac_pj": {
            "16x16": 0.0594,
            "2x2": 0.007425,
            "4x4": 0.0099,
            "4x8": 0.0132,
            "8x4": 0.0132,
            "8x8": 0.0198
          },
          "metadata_decode_pj": 0.0001216,
          "method_pj": {
            "exact": 0.5676,
            "log2": 0.00858,
            "lut": 0.1085,
            "polynomial": 0.198
          },
          "mux_pj": 0.004752,
          "register_pj_per_bit": 0.000594,
          "sram_bank_bytes": 1048576,
          "sram_read_pj_per_bit": 0.1207,
          "sram_reference_bytes": 32768,
          "sram_size_exponent": 0.47,
          "sram_write_pj_per_bit": 0.1207,
          "technology_nm": 7,
          "vector_pj_per_element": {
            "add": 0.0264,
            "batchnorm": 0.099,
            "concat": 0,
            "gather": 0,
            "gelu": 0.2442,
            "layernorm": 0.3234,
            "mean": 0.0264,
            "mul": 0.0726,
            "permute": 0,
            "roll": 0,
            "softmax": 0.1518,
            "topk": 0.0528
          }
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
          "schedule_objective": "latency",
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
        "area": {
          "mac_um2": {
            "16x16": 110.1,
            "2x2": 17.87,
            "4x4": 22.26,
            "4x8": 28.11,
            "8x4": 28.11,
            "8x8": 39.82
          },
          "pe_precision": "8x8",
          "register_um2_per_bit": 0.3528,
          "sram_mm2_per_mib": 0.3235,
          "vector_lane_um2": 200.4
        },
        "array": {
          "clock_mhz": 940,
          "cols": 128,
          "dataflow": "ws",
          "rows": 128
        },
        "energy": {
          "dram_pj_per_bit": 3.9,
          "leakage_mw": {
            "pe": 0.0004884,
            "sram_per_mib": 0.5555,
            "vector_lane": 0.001478
          },
          "mac_pj": {
            "16x16": 0.0594,
            "2x2": 0.007425,
            "4x4": 0.0099,
            "4x8": 0.0132,
            "8x4": 0.0132,
            "8x8": 0.0198
          },
          "metadata_decode_pj": 0.0001216,
          "method_pj": {
            "exact": 0.5676,
            "log2": 0.00858,
            "lut": 0.1085,
            "polynomial": 0.198
          },
          "mux_pj": 0.004752,
          "register_pj_per_bit": 0.000594,
          "sram_bank_bytes": 1048576,
          "sram_read_pj_per_bit": 0.1207,
          "sram_reference_bytes": 32768,
          "sram_size_exponent": 0.47,
          "sram_write_pj_per_bit": 0.1207,
          "technology_nm": 7,
          "vector_pj_per_element": {
            "add": 0.0264,
            "batchnorm": 0.099,
            "concat": 0,
            "gather": 0,
            "gelu": 0.2442,
            "layernorm": 0.3234,
            "mean": 0.0264,
            "mul": 0.0726,
            "permute": 0,
            "roll": 0,
            "softmax": 0.1518,
            "topk": 0.0528
          }
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
          "schedule_objective": "latency",
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
        "area": {
          "mac_um2": {
            "16x16": 110.1,
            "2x2": 17.87,
            "4x4": 22.26,
            "4x8": 28.11,
            "8x4": 28.11,
            "8x8": 39.82
          },
          "pe_precision": "8x8",
          "register_um2_per_bit": 0.3528,
          "sram_mm2_per_mib": 0.3235,
          "vector_lane_um2": 200.4
        },
        "array": {
          "clock_mhz": 1410,
          "cols": 288,
          "dataflow": "os",
          "rows": 384
        },
        "energy": {
          "dram_pj_per_bit": 6,
          "leakage_mw": {
            "pe": 0.0004884,
            "sram_per_mib": 0.5555,
            "vector_lane": 0.001478
          },
          "mac_pj": {
            "16x16": 0.0594,
            "2x2": 0.007425,
            "4x4": 0.0099,
            "4x8": 0.0132,
            "8x4": 0.0132,
            "8x8": 0.0198
          },
          "metadata_decode_pj": 0.0001216,
          "method_pj": {
            "exact": 0.5676,
            "log2": 0.00858,
            "lut": 0.1085,
            "polynomial": 0.198
          },
          "mux_pj": 0.004752,
          "register_pj_per_bit": 0.000594,
          "sram_bank_bytes": 1048576,
          "sram_read_pj_per_bit": 0.1207,
          "sram_reference_bytes": 32768,
          "sram_size_exponent": 0.47,
          "sram_write_pj_per_bit": 0.1207,
          "technology_nm": 7,
          "vector_pj_per_element": {
            "add": 0.0264,
            "batchnorm": 0.099,
            "concat": 0,
            "gather": 0,
            "gelu": 0.2442,
            "layernorm": 0.3234,
            "mean": 0.0264,
            "mul": 0.0726,
            "permute": 0,
            "roll": 0,
            "softmax": 0.1518,
            "topk": 0.0528
          }
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
          "schedule_objective": "latency",
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
