#!/usr/bin/env bash
# Regenerates the example figures in docs/ from the example CSVs beside them, with nothing but
# the Swift toolchain. The CSVs hold made-up but plausible numbers (deit-small on 8×8 … 128×128
# arrays; per-op results on a 32×32 array), not simulator output.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product vitsim
vitsim=.build/debug/vitsim

# Scatter: latency against energy, coloured by dataflow, Pareto front highlighted, log x axis.
"$vitsim" plot docs/example-sweep.csv --x latency_ms --y energy_pj --color dataflow --pareto \
  --log-x --title "deit-small: array size × dataflow × SRAM sweep" \
  --output docs/example-scatter.svg

# Two stacked-bar panels: cycles and energy per block (the per-op rows summed by block).
"$vitsim" plot docs/example-layers.csv --x block \
  --stack compute_cycles,stall_cycles,vector_cycles \
  --stack energy_mac_pj,energy_sram_pj,energy_dram_pj,energy_vector_pj,energy_static_pj \
  --title "deit-small on a 32×32 array: cycles and energy by block" \
  --output docs/example-breakdown.svg
